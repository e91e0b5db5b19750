// inventario recommend SKU [--json] | inventario recommend --all [--top N] [--until DATE] [--out FILE]
import { csvParts } from '../../core/export/csv-writer';
import { allRecommendations, productRecommendations, RECOMMEND_COLUMNS, type AllRecommendationsJson, type RecommendationsJson } from '../../core/reports/insights';
import type { InventoryRepository } from '../../core/repository';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson, printTable } from '../output';
import { writeParts } from './export';
import { parseTop, parseUntil, UNTIL_HELP } from './insights-data';

export { RECOMMEND_COLUMNS };

/** Prints one product's recommendations as `inventario recommend SKU` does (the JSON with --json). */
export function printRecommendations(report: RecommendationsJson, values: Record<string, unknown>, out: (line: string) => void) {
	if (values.json) {
		printJson(report, out);
		return;
	}
	out(`${report.sku} ${report.name}: learned from ${report.baskets} baskets up to ${report.learnedUntil}.`);
	if (report.recommendations.length === 0) out('No recommendations yet: no sales to learn from.');
	else printTable(report.recommendations.map((r) => ({ ...r, support: r.support ?? '', confidence: r.confidence ?? '', lift: r.lift ?? '' })),
		['rank', 'sku', 'name', 'score', 'reason', 'together', 'confidence', 'lift'], out);
}

/** Prints every product's recommendations as `inventario recommend --all` does: the CSV, to --out FILE or standard output. */
export function printAllRecommendations(report: AllRecommendationsJson, values: Record<string, unknown>, out: (line: string) => void, write: (file: string, parts: readonly string[]) => void = writeParts) {
	const parts = csvParts(report.columns, report.rows, { delimiter: ',', decimal: '.' });
	if (typeof values.out === 'string') {
		write(values.out, parts);
		out(`Wrote ${report.rows.length} recommendations for ${report.products} products (learned up to ${report.learnedUntil}) to ${values.out}.`);
	} else out(parts.join('').slice(0, -2));
}

/** The command's arguments checked: a SKU or --all (sku undefined), --top and --until. */
export function recommendArgs(argv: string[], options: Command['options']) {
	const { values, positionals } = parseCommandArgs(argv, options);
	if (positionals.length > 1) throw new UsageError(`expected one SKU, got ${positionals.length}: ${positionals.join(' ')}`);
	const [sku] = positionals;
	if (values.all && sku !== undefined) throw new UsageError('give either a SKU or --all, not both');
	if (!values.all && sku === undefined) throw new UsageError('say which product (its SKU) or --all');
	if (values.all && values.json) throw new UsageError('--json is for one SKU; --all writes CSV');
	if (!values.all && values.out !== undefined) throw new UsageError('--out is for --all; one SKU prints its recommendations');
	return { values, sku, top: parseTop(values.top, 10), until: parseUntil(values.until) };
}

export const recommendCommand: Command = {
	name: 'recommend',
	summary: 'Products bought together with a product, or for every product as CSV',
	usage: `inventario recommend SKU [--top N] [--until DATE] [--json] [--db FILE]
inventario recommend --all [--top N] [--until DATE] [--out FILE] [--db FILE]

  Recommendations learned from the baskets (one per sale): products bought together, ranked by
  co-purchase similarity; products with little history borrow from similar products (name words,
  category, price band). See docs/insights.md.

  SKU           the product to recommend for: its recommendations with the association rule
                behind each (baskets together, support, confidence, lift)
  --all         every product: CSV ${RECOMMEND_COLUMNS.join(',')} (SKUs as imported)
  --top N       recommendations per product, 1-100 (default 10)
${UNTIL_HELP}
  --out FILE    with --all: write the CSV to FILE (default: standard output)
  --json        with SKU: machine-readable output
  --db FILE     SQLite file (default ./inventario.db)`,
	options: { all: { type: 'boolean' }, top: { type: 'string' }, until: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values, sku, top, until } = recommendArgs(argv, this.options);
		const product = sku === undefined ? undefined : await repo.getProductBySku(sku);
		if (sku !== undefined && !product) throw new UsageError(`no product with SKU "${sku}"`);

		if (values.all) printAllRecommendations(await allRecommendations(repo, top, until), values, out);
		else printRecommendations(await productRecommendations(repo, product!, top, until), values, out);
		return 0;
	}
};
