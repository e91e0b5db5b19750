// inventario segments [--until DATE] [--json] [--out FILE]: customer segments, RFM and lifetime value.
import { csvParts, money } from '../../core/export/csv-writer';
import { SEGMENT_COLUMNS, SEGMENT_NAMES_ES, segmentsJson, segmentsReport, type SegmentsReport } from '../../core/reports/insights';
import type { InventoryRepository } from '../../core/repository';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson, printTable } from '../output';
import { writeParts } from './export';
import { parseUntil, UNTIL_HELP } from './insights-data';

export { SEGMENT_COLUMNS, SEGMENT_NAMES_ES };

/** The segments CSV (--out): one row per customer, highest lifetime value first. */
export function segmentsCsvParts(report: SegmentsReport): string[] {
	const cents = (amount: number) => money(Math.round(amount * 100));
	return csvParts(SEGMENT_COLUMNS, report.rows.map((c) => [c.customer_id, c.segment, c.recency_days, c.frequency, cents(c.monetary), cents(c.ltv)]), { delimiter: ',', decimal: '.' });
}

/** Prints the report as `inventario segments` does: the JSON with --json, else the segments and who to call back; --out writes the CSV. */
export function printSegments(report: SegmentsReport, values: Record<string, unknown>, out: (line: string) => void, write: (file: string, parts: readonly string[]) => void = writeParts) {
	if (typeof values.out === 'string') write(values.out, segmentsCsvParts(report));
	if (values.json) {
		printJson(segmentsJson(report), out);
		return;
	}
	const { callBack } = report;
	out(`${report.customers} customers as of ${report.asOf}: ${report.k} clusters (silhouette ${report.silhouetteExact.toFixed(2)}). Lifetime value: ${report.ltvModel.name}, next ${report.ltvModel.horizonDays} days.`);
	printTable(report.segments.filter((s) => s.customers > 0).map(({ code: _code, ...s }) => s), ['segment', 'customers', 'share', 'median_recency_days', 'median_frequency', 'median_monetary', 'ltv'], out);
	// An empty segment is said, with why, rather than silently missing from the table.
	for (const s of report.segments) if (s.customers === 0 && s.why_empty) out(`${s.why_empty.charAt(0).toUpperCase()}${s.why_empty.slice(1)}.`);
	out('');
	if (callBack.length === 0) out('Nobody to call back: no customer who spent well has gone quiet.');
	else {
		out('Who to call back (gone quiet after spending well; most spent first):');
		printTable(callBack, ['customer_id', 'name', 'segment', 'recency_days', 'frequency', 'monetary', 'ltv'], out);
	}
	if (typeof values.out === 'string') out(`Wrote ${report.rows.length} customers to ${values.out}.`);
}

export const segmentsCommand: Command = {
	name: 'segments',
	summary: 'Customer segments (RFM + k-means), lifetime value, who to call back',
	usage: `inventario segments [--until DATE] [--json] [--out FILE] [--db FILE]

  Segments every customer with a purchase: recency, frequency and spend as of a day, clustered
  with k-means (k chosen by silhouette) and named VIP, Frecuente, Ocasional, En riesgo, Nuevo or
  Inactivo by the rules in docs/insights.md; lifetime value over the next year (BG/NBD expected
  purchases x spend per purchase). Prints each segment's size and who to call back (En riesgo,
  or the inactive who spent more than most when no cluster is at risk; most spent first).

${UNTIL_HELP}
  --out FILE    also write one row per customer as CSV: ${SEGMENT_COLUMNS.join(',')}
                (customer codes as imported; money in the shop's currency)
  --json        machine-readable output (segments, clusters, every customer)
  --db FILE     SQLite file (default ./inventario.db)`,
	options: { until: { type: 'string' }, json: { type: 'boolean' }, out: { type: 'string' } },
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values, positionals } = parseCommandArgs(argv, this.options);
		if (positionals.length) throw new UsageError(`segments takes no arguments, got: ${positionals.join(' ')}`);
		printSegments(await segmentsReport(repo, parseUntil(values.until)), values, out);
		return 0;
	}
};
