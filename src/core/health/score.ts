// The inventory health score: four risks per product, each 0 (fine) to 1 (as bad as it gets),
// weighted into 0-100 for the product and, weighted by what is at stake, for the shop.
// docs/health-and-alerts.md states the formula; this file is the one place it lives.

import { coverDays, stockVerdict, targetDays, type StockVerdict, type VerdictFacts } from './stock-status';

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

export { coverDays, isDead, stockUnknown, targetDays } from './stock-status';

/**
 * The risks follow the product's stock verdict (stock-status.ts), so a part costs points exactly for
 * the products the screens count under it:
 * stockOut: 1 when sold out while selling, or running out before an order placed today arrives
 * (days to stock-out < lead time); for a low product (at its reorder point: order now) at least 0.5,
 * more the sooner it runs out within the warning days after the lead time.
 * overstock: cover beyond overstockFactor x (lead time + cover) starts at 0 and reaches 1 at twice that.
 * deadStock: 1 when dead; from half the dead-stock days without a sale it rises linearly to it.
 * turnover: 1 - turnover / healthyTurnover (stock that sells 4 times a year or more loses nothing).
 * Dead products lose their points as dead stock only: not again as overstock or slow turnover.
 * Products with unknown (negative) stock lose nothing for running out; an empty shelf nothing else.
 */
export function partRisks(f: ScoreFacts & Partial<Pick<VerdictFacts, 'reorderPoint' | 'reorderPointSource'>>, o: HealthOptions, verdict?: StockVerdict): PartRisks {
	const v = verdict ?? stockVerdict({ reorderPoint: null, reorderPointSource: null, ...f }, o);
	const risks: PartRisks = { stockOut: 0, overstock: 0, deadStock: 0, turnover: 0 };
	if ((v === 'soldOut' && f.demandPerDay > 0) || v === 'runningOut') risks.stockOut = 1;
	else if (v === 'low') {
		const soon = f.demandPerDay > 0 && f.daysToStockOut !== null ? clamp01((f.leadTimeDays + o.warningDays - f.daysToStockOut) / o.warningDays) : 0;
		risks.stockOut = Math.max(0.5, soon);
	}
	if (f.onHand <= 0) return risks;
	if (v === 'dead') {
		risks.deadStock = 1;
		return risks;
	}
	const half = o.deadStockDays / 2;
	if (f.daysSinceLastSale !== null && f.daysSinceLastSale > half) risks.deadStock = clamp01((f.daysSinceLastSale - half) / half);
	if (v === 'overstock') {
		const limit = o.overstockFactor * targetDays(f.leadTimeDays, o);
		risks.overstock = clamp01((coverDays(f)! - limit) / limit);
	}
	if (f.annualTurnover !== null) risks.turnover = clamp01(1 - f.annualTurnover / o.healthyTurnover);
	return risks;
}

/** 100 minus each part's weight times its risk, rounded: what the parts cost together. */
export function weightedScore(risks: PartRisks): number {
	let lost = 0;
	for (const part of HEALTH_PARTS) lost += PART_WEIGHTS[part] * risks[part];
	return Math.round(100 - lost);
}

/**
 * The shop's score: the weighted score, but never above the weakest part's own score. A shop with 28 % of
 * its sales about to run out is not "good" because its other parts are fine: the weights alone
 * would cap what running out can cost at 35 points, so even a shop where everything runs out
 * would read "fair".
 */
export function scoreOf(risks: PartRisks): number {
	return Math.min(weightedScore(risks), ...HEALTH_PARTS.map((p) => partScore(risks[p])));
}

/** A part's own 0-100: 100 x (1 - risk). */
export const partScore = (risk: number) => Math.round(100 * (1 - risk));

/** The part that holds the score down most (lowest own score; ties: the heavier part); null when none costs anything. */
export function weakestPart(risks: PartRisks): HealthPart | null {
	let worst: HealthPart | null = null;
	for (const part of HEALTH_PARTS) if (risks[part] > 0 && (worst === null || risks[part] > risks[worst])) worst = part;
	return worst;
}

export type HealthLevel = 'good' | 'fair' | 'poor';
/** 80 and above is good, 50 to 79 fair, below 50 poor. */
export const levelOf = (score: number): HealthLevel => (score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor');

/**
 * The share of what is at stake at which a shop's part is as bad as it gets. Losing 40 % of the
 * sales to empty shelves, or half the stock not selling, is as bad as a shop's stock gets; a share
 * read one for one would call 28 % of sales about to run out 72 out of 100.
 */
export const FULL_RISK_SHARE: Record<HealthPart, number> = { stockOut: 0.4, overstock: 1, deadStock: 0.5, turnover: 1 };

/** A shop's part risks from its shares at stake (shopRisks): share / FULL_RISK_SHARE, at most 1. */
export function shopPartRisks(shares: PartRisks): PartRisks {
	const out = { ...shares };
	for (const part of HEALTH_PARTS) out[part] = clamp01(shares[part] / FULL_RISK_SHARE[part]);
	return out;
}

/**
 * The shop's share at stake per part (shopPartRisks turns it into the part's risk): the products' risks averaged with what is at stake as weights: the
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
