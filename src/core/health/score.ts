// The inventory health score: four risks per product, each 0 (fine) to 1 (as bad as it gets),
// weighted into 0-100 for the product and, weighted by what is at stake, for the shop.
// docs/health-and-alerts.md states the formula; this file is the one place it lives.

export const HEALTH_PARTS = ['stockOut', 'overstock', 'deadStock', 'turnover'] as const;
export type HealthPart = (typeof HEALTH_PARTS)[number];

/** Points each part can take off the 100. */
export const PART_WEIGHTS: Record<HealthPart, number> = { stockOut: 35, overstock: 20, deadStock: 25, turnover: 20 };

export interface HealthOptions {
	/** No sale in this many days with stock on hand is dead stock (the trends default, 90). */
	deadStockDays: number;
	/** Days of sales an order covers after it arrives (the reorder default, 30). */
	targetCoverDays: number;
	/** Days beyond the lead time over which running out stops being a risk: the time to act (default 14). */
	warningDays: number;
	/** Cover beyond this many times (lead time + target cover) is overstock (default 3). */
	overstockFactor: number;
	/** Times a year the stock should sell through; below it turnover costs points (default 4). */
	healthyTurnover: number;
}

export const DEFAULT_HEALTH_OPTIONS: HealthOptions = { deadStockDays: 90, targetCoverDays: 30, warningDays: 14, overstockFactor: 3, healthyTurnover: 4 };

export function checkHealthOptions(o: HealthOptions): void {
	if (!Number.isInteger(o.deadStockDays) || o.deadStockDays < 1) throw new RangeError(`deadStockDays must be a whole number of at least 1, got ${o.deadStockDays}`);
	if (!Number.isInteger(o.targetCoverDays) || o.targetCoverDays < 1 || o.targetCoverDays > 365) throw new RangeError(`targetCoverDays must be a whole number from 1 to 365, got ${o.targetCoverDays}`);
	if (!Number.isInteger(o.warningDays) || o.warningDays < 1) throw new RangeError(`warningDays must be a whole number of at least 1, got ${o.warningDays}`);
	if (!(o.overstockFactor >= 1)) throw new RangeError(`overstockFactor must be at least 1, got ${o.overstockFactor}`);
	if (!(o.healthyTurnover > 0)) throw new RangeError(`healthyTurnover must be above 0, got ${o.healthyTurnover}`);
}

/** What the score needs to know about one product. */
export interface ScoreFacts {
	onHand: number;
	/** On hand (negative counts as 0) plus on order. */
	position: number;
	leadTimeDays: number;
	/** Expected units a day (forecast mean, else recent sales speed); 0 when it does not sell. */
	demandPerDay: number;
	/** Days until the position runs out at the expected demand; null when it does not run out (in the forecast). */
	daysToStockOut: number | null;
	daysSinceLastSale: number | null;
	/** Units a year over stock on hand; null with nothing on hand. */
	annualTurnover: number | null;
}

export type PartRisks = Record<HealthPart, number>;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Days of sales the shop wants to hold at most before it is "a lot": an order's worth (lead time + cover). */
export const targetDays = (leadTimeDays: number, o: HealthOptions) => leadTimeDays + o.targetCoverDays;

/** Days the position lasts at the expected demand; null when nothing sells. */
export const coverDays = (f: ScoreFacts): number | null => (f.demandPerDay > 0 ? f.position / f.demandPerDay : null);

/** Dead: on hand, and no sale in deadStockDays (never sold counts as dead). */
/**
 * Negative stock on hand: sales were recorded (typically imported) without the purchases that
 * brought the goods in, so what is on the shelf is unknown. Running out cannot be judged until the
 * stock is counted; saying "out of stock" for each such product would be thousands of false alarms
 * after importing a sales history.
 */
export const stockUnknown = (f: Pick<ScoreFacts, 'onHand'>) => f.onHand < 0;

export const isDead = (f: ScoreFacts, o: HealthOptions) => f.onHand > 0 && (f.daysSinceLastSale === null || f.daysSinceLastSale >= o.deadStockDays);

/**
 * stockOut: 1 when it runs out before an order placed today arrives (days to stock-out < lead
 * time), 0 when it lasts warningDays beyond the lead time (time to order calmly), linear between.
 * overstock: cover beyond overstockFactor x (lead time + cover) starts at 0 and reaches 1 at twice that.
 * deadStock: 1 when dead; from half the dead-stock days without a sale it rises linearly to it.
 * turnover: 1 - turnover / healthyTurnover (stock that sells 4 times a year or more loses nothing).
 * Dead products lose their points as dead stock only: not again as overstock or slow turnover.
 * Products with unknown (negative) stock lose nothing for running out.
 */
export function partRisks(f: ScoreFacts, o: HealthOptions): PartRisks {
	const risks: PartRisks = { stockOut: 0, overstock: 0, deadStock: 0, turnover: 0 };
	if (f.demandPerDay > 0 && f.daysToStockOut !== null && !stockUnknown(f)) {
		const calm = f.leadTimeDays + o.warningDays;
		risks.stockOut = f.daysToStockOut < f.leadTimeDays ? 1 : clamp01((calm - f.daysToStockOut) / o.warningDays);
	}
	if (f.onHand <= 0) return risks;
	const half = o.deadStockDays / 2;
	if (isDead(f, o)) {
		risks.deadStock = 1;
		return risks;
	}
	if (f.daysSinceLastSale !== null && f.daysSinceLastSale > half) risks.deadStock = clamp01((f.daysSinceLastSale - half) / half);
	const cover = coverDays(f);
	if (cover !== null) {
		const limit = o.overstockFactor * targetDays(f.leadTimeDays, o);
		risks.overstock = clamp01((cover - limit) / limit);
	}
	if (f.annualTurnover !== null) risks.turnover = clamp01(1 - f.annualTurnover / o.healthyTurnover);
	return risks;
}

/** 100 minus each part's weight times its risk, rounded. */
export function scoreOf(risks: PartRisks): number {
	let lost = 0;
	for (const part of HEALTH_PARTS) lost += PART_WEIGHTS[part] * risks[part];
	return Math.round(100 - lost);
}

/** A part's own 0-100: 100 x (1 - risk). */
export const partScore = (risk: number) => Math.round(100 * (1 - risk));

export type HealthLevel = 'good' | 'fair' | 'poor';
/** 80 and above is good, 50 to 79 fair, below 50 poor. */
export const levelOf = (score: number): HealthLevel => (score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor');

/**
 * The shop's risk per part: the products' risks averaged with what is at stake as weights: the
 * product's sales in the window for running out (what running out loses), its stock at cost for
 * the other three (the money standing still). Each weight falls back to units when the shop has
 * no prices or costs.
 */
export function shopRisks(items: readonly { risks: PartRisks; salesWeight: number; stockWeight: number }[]): PartRisks {
	const out: PartRisks = { stockOut: 0, overstock: 0, deadStock: 0, turnover: 0 };
	const salesTotal = items.reduce((s, i) => s + i.salesWeight, 0);
	const stockTotal = items.reduce((s, i) => s + i.stockWeight, 0);
	for (const i of items) {
		if (salesTotal > 0) out.stockOut += (i.risks.stockOut * i.salesWeight) / salesTotal;
		if (stockTotal > 0) {
			out.overstock += (i.risks.overstock * i.stockWeight) / stockTotal;
			out.deadStock += (i.risks.deadStock * i.stockWeight) / stockTotal;
			out.turnover += (i.risks.turnover * i.stockWeight) / stockTotal;
		}
	}
	for (const part of HEALTH_PARTS) out[part] = clamp01(out[part]);
	return out;
}
