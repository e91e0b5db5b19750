// inventario recommend SKU [--json] | inventario recommend --all [--top N] [--until DATE] [--out FILE]
import { csvParts } from '../../core/export/csv-writer';
import { buildRecommendationModel } from '../../core/insights/recommendation-model';
import { Recommender } from '../../core/insights/recommender';
import type { ProductId } from '../../core/brand';
import type { InventoryRepository } from '../../core/repository';
import { isoDay } from '../../core/time';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson, printTable } from '../output';
import { writeParts } from './export';
import { loadBaskets, parseTop, parseUntil, UNTIL_HELP } from './insights-data';

export const RECOMMEND_COLUMNS = ['sku', 'rank', 'recommended_sku', 'score'];

/** Scores are relative; four significant digits are all they carry. */
const roundScore = (score: number) => Number(score.toPrecision(4));

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
		const { values, positionals } = parseCommandArgs(argv, this.options);
		if (positionals.length > 1) throw new UsageError(`expected one SKU, got ${positionals.length}: ${positionals.join(' ')}`);
		const [sku] = positionals;
		if (values.all && sku !== undefined) throw new UsageError('give either a SKU or --all, not both');
		if (!values.all && sku === undefined) throw new UsageError('say which product (its SKU) or --all');
		if (values.all && values.json) throw new UsageError('--json is for one SKU; --all writes CSV');
		if (!values.all && values.out !== undefined) throw new UsageError('--out is for --all; one SKU prints its recommendations');
		const top = parseTop(values.top, 10);
		const until = parseUntil(values.until);
		const product = sku === undefined ? undefined : await repo.getProductBySku(sku);
		if (sku !== undefined && !product) throw new UsageError(`no product with SKU "${sku}"`);

		const { baskets, asOfDay, products } = await loadBaskets(repo, until);
		const model = buildRecommendationModel(baskets, products, asOfDay);
		const recommender = new Recommender(model);
		const byId = new Map(products.map((p) => [p.id, p]));
		const skuOf = (id: ProductId) => byId.get(id)?.sku ?? '';

		if (values.all) {
			const rows: (string | number)[][] = [];
			for (const p of [...products].sort((a, b) => a.sku.localeCompare(b.sku))) {
				recommender.forProduct(p.id, top).forEach((r, rank) => rows.push([p.sku, rank + 1, skuOf(r.productId), roundScore(r.score)]));
			}
			const parts = csvParts(RECOMMEND_COLUMNS, rows, { delimiter: ',', decimal: '.' });
			if (typeof values.out === 'string') {
				writeParts(values.out, parts);
				out(`Wrote ${rows.length} recommendations for ${products.length} products (learned up to ${isoDay(asOfDay)}) to ${values.out}.`);
			} else out(parts.join('').slice(0, -2));
			return 0;
		}

		const rules = new Map(recommender.boughtTogether(product!.id, model.products.length).map((r) => [r.productId, r]));
		const recommendations = recommender.forProduct(product!.id, top).map((r, rank) => {
			const rule = rules.get(r.productId);
			return {
				rank: rank + 1, sku: skuOf(r.productId), name: byId.get(r.productId)?.name ?? '', score: roundScore(r.score), reason: r.reason,
				together: rule?.together ?? 0, support: rule ? roundScore(rule.support) : null, confidence: rule ? roundScore(rule.confidence) : null, lift: rule ? roundScore(rule.lift) : null
			};
		});
		if (values.json) {
			printJson({ sku: product!.sku, name: product!.name, learnedUntil: isoDay(asOfDay), baskets: model.basketTotal, recommendations }, out);
			return 0;
		}
		out(`${product!.sku} ${product!.name}: learned from ${model.basketTotal} baskets up to ${isoDay(asOfDay)}.`);
		if (recommendations.length === 0) out('No recommendations yet: no sales to learn from.');
		else printTable(recommendations.map((r) => ({ ...r, support: r.support ?? '', confidence: r.confidence ?? '', lift: r.lift ?? '' })),
			['rank', 'sku', 'name', 'score', 'reason', 'together', 'confidence', 'lift'], out);
		return 0;
	}
};
