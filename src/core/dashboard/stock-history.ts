// A product's stock at the end of any past day, rebuilt backwards from today's stock: the stock at
// the end of day d is today's minus what came in after d plus what left after d. What left by
// sales comes from the product's daily series (its sale movements hold the same units, but a bulk
// import dates one movement per batch); what came in or went otherwise (purchases, counts,
// adjustments, stock imports) from the ledger's other entries. No sale line is read.
import type { ProductSeries } from '../product-series';
import type { StockMovement } from '../types';
import { dayOf } from '../time';
import { lowerBound } from './periods';

/** A product's ledger entries other than sales, per day (ascending), with running sums. */
export interface StockChanges {
	days: Int32Array;
	/** Net units per day. */
	net: Float64Array;
	/** Units received by purchases per day. */
	received: Float64Array;
	/** Running sums of net and received, up to and including each day. */
	cumNet: Float64Array;
	cumReceived: Float64Array;
}

/** Groups non-sale movements per product and day. */
export function stockChangesOf(movements: readonly StockMovement[]): Map<string, StockChanges> {
	const byProduct = new Map<string, Map<number, { net: number; received: number }>>();
	for (const m of movements) {
		let days = byProduct.get(m.productId);
		if (!days) byProduct.set(m.productId, (days = new Map()));
		const day = dayOf(m.at);
		const t = days.get(day) ?? { net: 0, received: 0 };
		t.net += m.quantity;
		if (m.reason === 'purchase') t.received += m.quantity;
		days.set(day, t);
	}
	const out = new Map<string, StockChanges>();
	for (const [id, days] of byProduct) {
		const sorted = [...days].sort((a, b) => a[0] - b[0]);
		const n = sorted.length;
		const c: StockChanges = { days: new Int32Array(n), net: new Float64Array(n), received: new Float64Array(n), cumNet: new Float64Array(n), cumReceived: new Float64Array(n) };
		let net = 0, received = 0;
		sorted.forEach(([day, t], i) => {
			c.days[i] = day; c.net[i] = t.net; c.received[i] = t.received;
			c.cumNet[i] = net += t.net; c.cumReceived[i] = received += t.received;
		});
		out.set(id, c);
	}
	return out;
}

/** Running sums of a series' units, up to and including each entry. */
export function cumulativeUnits(series: ProductSeries): Float64Array {
	const out = new Float64Array(series.units.length);
	let sum = 0;
	for (let i = 0; i < out.length; i++) out[i] = sum += series.units[i];
	return out;
}

/** A sum over the entries of days <= day, from running sums. */
export function sumUpTo(days: ArrayLike<number>, cum: ArrayLike<number>, day: number): number {
	const i = lowerBound(days, day + 1);
	return i === 0 ? 0 : cum[i - 1];
}

export interface ProductStock {
	onHand: number;
	series: ProductSeries | undefined;
	cumUnits: Float64Array | undefined;
	changes: StockChanges | undefined;
}

const total = (cum: ArrayLike<number> | undefined) => (cum && cum.length ? cum[cum.length - 1] : 0);

/** Stock at the end of `day` (the ledger's running sum; negative when more sold than was recorded in). */
export function closingStock(p: ProductStock, day: number): number {
	const unitsAfter = p.series && p.cumUnits ? total(p.cumUnits) - sumUpTo(p.series.days, p.cumUnits, day) : 0;
	const netAfter = p.changes ? total(p.changes.cumNet) - sumUpTo(p.changes.days, p.changes.cumNet, day) : 0;
	return roundStock(p.onHand + unitsAfter - netAfter);
}

/** Units received by purchases in [from, to]. */
export function receivedIn(p: ProductStock, from: number, to: number): number {
	if (!p.changes) return 0;
	return sumUpTo(p.changes.days, p.changes.cumReceived, to) - sumUpTo(p.changes.days, p.changes.cumReceived, from - 1);
}

/** The first day the ledger holds a non-sale entry for the product (its stock was recorded), or null. */
export const groundedFrom = (p: ProductStock): number | null => (p.changes && p.changes.days.length ? p.changes.days[0] : null);

/** Sums of many small amounts drift by ulps: stock is kept to thousandths (core/ledger.ts roundQty). */
export const roundStock = (q: number) => Math.round(q * 1000) / 1000;
