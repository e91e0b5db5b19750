// The one stock verdict per product. The health score's parts, the alerts, the dashboard's KPIs,
// the "needs you today" card and the alerts page's stock filter all read this verdict, so a product
// is "sold out" or "running out" in exactly one way everywhere. Nothing else computes its own
// low-stock or out-of-stock count.
import type { AlertKind } from './alert-kinds';
import type { HealthOptions, ScoreFacts } from './score';

/**
 * - soldOut: nothing on the shelf (exactly 0 on hand): "Agotado", never "will run out".
 * - runningOut: it sells and runs out before an order placed today would arrive.
 * - low: stock plus what is on order is at or below the reorder point: the owner's, else the
 *   forecast's, else (neither exists) what it sells over the lead time plus the warning days. As the
 *   reorder suggestions say "order" (src/core/reorder/suggest.ts), only while it sells or when the
 *   owner set the point.
 * - dead: on hand and no sale in the dead-stock days (never sold counts).
 * - overstock: stock for more than overstockFactor orders' worth of sales.
 * - ok: none of the above.
 * - unknown: negative stock on hand (sales recorded without the purchases): what is on the shelf is
 *   unknown until it is counted, so running out is not judged.
 */
export const STOCK_VERDICTS = ['soldOut', 'runningOut', 'low', 'ok', 'overstock', 'dead', 'unknown'] as const;
export type StockVerdict = (typeof STOCK_VERDICTS)[number];

/** The verdicts that ask for restocking: the dashboard's "at risk of running out" and the running-out part. */
export const RESTOCK_VERDICTS = ['soldOut', 'runningOut', 'low'] as const satisfies readonly StockVerdict[];

/** Products per verdict over the products the health report judges. */
export interface StockCounts extends Record<StockVerdict, number> {
	/** soldOut + runningOut + low: products to restock (the dashboard's KPI, the alerts page's `?filter=stock`). */
	toRestock: number;
	/** Every product judged (the sum of the verdicts). */
	products: number;
}

/** The alert kind that states each verdict; every product with such a verdict has that alert (unknown: only when stock was ever recorded). */
export const VERDICT_ALERT: Record<StockVerdict, AlertKind | null> = {
	soldOut: 'sold_out', runningOut: 'stockout_predicted', low: 'low_stock', ok: null, overstock: 'overstock', dead: 'dead_stock', unknown: 'oversold'
};

/** Alert kinds behind the stock filter (`/alerts?filter=stock`): one per product to restock. */
export const RESTOCK_ALERT_KINDS = RESTOCK_VERDICTS.map((v) => VERDICT_ALERT[v]!) as AlertKind[];

/** What the verdict reads: the score's facts and the reorder point. */
export interface VerdictFacts extends ScoreFacts {
	/** The owner's reorder point, else the forecast's; null when neither exists (then lowStockPoint stands in). */
	reorderPoint: number | null;
	reorderPointSource: 'owner' | 'forecast' | null;
}

/** Days of sales the shop wants to hold at most before it is "a lot": an order's worth (lead time + cover). */
export const targetDays = (leadTimeDays: number, o: HealthOptions) => leadTimeDays + o.targetCoverDays;

/** Days the position lasts at the expected demand; null when nothing sells. */
export const coverDays = (f: ScoreFacts): number | null => (f.demandPerDay > 0 ? f.position / f.demandPerDay : null);

/**
 * Negative stock on hand: sales were recorded (typically imported) without the purchases that
 * brought the goods in, so what is on the shelf is unknown. Running out cannot be judged until the
 * stock is counted; saying "out of stock" for each such product would be thousands of false alarms
 * after importing a sales history.
 */
export const stockUnknown = (f: Pick<ScoreFacts, 'onHand'>) => f.onHand < 0;

/** Dead: on hand, and no sale in deadStockDays (never sold counts as dead). */
export const isDead = (f: ScoreFacts, o: HealthOptions) => f.onHand > 0 && (f.daysSinceLastSale === null || f.daysSinceLastSale >= o.deadStockDays);

/** Sells, and the expected demand runs the stock out within this many days. */
const runsOutWithin = (f: ScoreFacts, days: number) => f.demandPerDay > 0 && f.daysToStockOut !== null && f.daysToStockOut < days;

/** At or below the reorder point; with no point set or forecast, when it runs out within the lead time plus the warning days. */
export function atReorderPoint(f: VerdictFacts, o: HealthOptions): boolean {
	if (f.reorderPoint === null) return runsOutWithin(f, f.leadTimeDays + o.warningDays);
	return f.position <= f.reorderPoint && (f.reorderPointSource === 'owner' || f.demandPerDay > 0);
}

/** The verdict, checked in this order: unknown, soldOut, dead, runningOut, low, overstock, ok. */
export function stockVerdict(f: VerdictFacts, o: HealthOptions): StockVerdict {
	if (stockUnknown(f)) return 'unknown';
	if (f.onHand <= 0) return 'soldOut';
	if (isDead(f, o)) return 'dead';
	if (runsOutWithin(f, f.leadTimeDays)) return 'runningOut';
	if (atReorderPoint(f, o)) return 'low';
	const cover = coverDays(f);
	if (cover !== null && cover > o.overstockFactor * targetDays(f.leadTimeDays, o)) return 'overstock';
	return 'ok';
}

export function emptyStockCounts(): StockCounts {
	return { soldOut: 0, runningOut: 0, low: 0, ok: 0, overstock: 0, dead: 0, unknown: 0, toRestock: 0, products: 0 };
}

export function countVerdicts(verdicts: Iterable<StockVerdict>): StockCounts {
	const counts = emptyStockCounts();
	for (const v of verdicts) {
		counts[v]++;
		counts.products++;
		if ((RESTOCK_VERDICTS as readonly StockVerdict[]).includes(v)) counts.toRestock++;
	}
	return counts;
}
