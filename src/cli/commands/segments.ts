// inventario segments [--until DATE] [--json] [--out FILE]: customer segments, RFM and lifetime value.
import { csvParts, money } from '../../core/export/csv-writer';
import { buyerCount } from '../../core/insights/baskets';
import { callBackList, type CustomerSegment, segmentCustomers } from '../../core/insights/customer-segments';
import { MIN_CUSTOMERS_FOR_SEGMENTS } from '../../core/insights/insights';
import type { Segment } from '../../core/insights/segment-rules';
import type { InventoryRepository } from '../../core/repository';
import { isoDay } from '../../core/time';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson, printTable } from '../output';
import { writeParts } from './export';
import { loadBaskets, parseUntil, UNTIL_HELP } from './insights-data';

export const SEGMENT_COLUMNS = ['customer_id', 'segment', 'recency_days', 'frequency', 'monetary', 'ltv'];

/** The segment names the owner reads (the app translates the codes the same way). */
export const SEGMENT_NAMES_ES: Record<Segment, string> = {
	vip: 'VIP', frequent: 'Frecuente', occasional: 'Ocasional', at_risk: 'En riesgo', new: 'Nuevo', inactive: 'Inactivo'
};

const CALL_BACK_SHOWN = 10;
const amount = (cents: number) => Math.round(cents) / 100;

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
		const until = parseUntil(values.until);
		const [{ baskets, asOfDay }, customers] = await Promise.all([loadBaskets(repo, until), repo.listCustomers()]);
		const asOf = isoDay(asOfDay);
		const buyers = buyerCount(baskets);
		if (buyers < MIN_CUSTOMERS_FOR_SEGMENTS) throw new Error(`segments need at least ${MIN_CUSTOMERS_FOR_SEGMENTS} customers with purchases up to ${asOf}; found ${buyers}`);
		const seg = segmentCustomers(baskets, asOfDay);
		const byId = new Map(customers.map((c) => [c.id, c]));
		// Customers are known by the shop's code; a customer made here without one by their name.
		const codeOf = (c: CustomerSegment) => { const known = byId.get(c.customerId); return known ? known.code || known.name : ''; };
		const rows = [...seg.customers].sort((a, b) => b.ltv - a.ltv || codeOf(a).localeCompare(codeOf(b)));

		if (typeof values.out === 'string') {
			writeParts(values.out, csvParts(SEGMENT_COLUMNS, rows.map((c) => [codeOf(c), SEGMENT_NAMES_ES[c.segment], c.recencyDays, c.frequency, money(c.monetary), money(c.ltv)]), { delimiter: ',', decimal: '.' }));
		}
		const callBack = callBackList(seg, CALL_BACK_SHOWN).map((c) => ({ customer_id: codeOf(c), name: byId.get(c.customerId)?.name ?? '', segment: SEGMENT_NAMES_ES[c.segment], recency_days: c.recencyDays, frequency: c.frequency, monetary: amount(c.monetary), ltv: amount(c.ltv) }));
		const segments = seg.segments.map((s) => ({
			code: s.segment, segment: SEGMENT_NAMES_ES[s.segment], customers: s.customers, share: Math.round(s.share * 1000) / 10,
			median_recency_days: s.medianRecencyDays, median_frequency: s.medianFrequency, median_monetary: amount(s.medianMonetary), ltv: amount(s.totalLtv)
		}));
		if (values.json) {
			printJson({
				asOf, customers: seg.customers.length, k: seg.k, silhouette: Math.round(seg.silhouette * 1000) / 1000, tried: seg.tried,
				ltvModel: seg.ltvModel, segments, clusters: seg.clusters.map((c) => ({ ...c, name: SEGMENT_NAMES_ES[c.segment] })), callBack,
				rows: rows.map((c) => ({ customer_id: codeOf(c), segment: SEGMENT_NAMES_ES[c.segment], code: c.segment, recency_days: c.recencyDays, frequency: c.frequency, monetary: amount(c.monetary), ltv: amount(c.ltv), expected_purchases: Math.round(c.expectedPurchases * 100) / 100, probability_active: Math.round(c.probabilityActive * 1000) / 1000 }))
			}, out);
			return 0;
		}
		out(`${seg.customers.length} customers as of ${asOf}: ${seg.k} clusters (silhouette ${seg.silhouette.toFixed(2)}). Lifetime value: ${seg.ltvModel.name}, next ${seg.ltvModel.horizonDays} days.`);
		printTable(segments.filter((s) => s.customers > 0).map(({ code: _code, ...s }) => s), ['segment', 'customers', 'share', 'median_recency_days', 'median_frequency', 'median_monetary', 'ltv'], out);
		out('');
		if (callBack.length === 0) out('Nobody to call back: no customer who spent well has gone quiet.');
		else {
			out('Who to call back (gone quiet after spending well; most spent first):');
			printTable(callBack, ['customer_id', 'name', 'segment', 'recency_days', 'frequency', 'monetary', 'ltv'], out);
		}
		if (typeof values.out === 'string') out(`Wrote ${rows.length} customers to ${values.out}.`);
		return 0;
	}
};
