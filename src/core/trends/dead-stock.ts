// Dead stock: goods on the shelf that have not sold for a long time (money standing still).
import type { ProductId } from '../brand';

export const DEFAULT_DEAD_STOCK_DAYS = 90;

export interface DeadStockEntry {
	productId: ProductId;
	onHand: number;
	/** Null when the product never sold. */
	lastSaleDay: number | null;
	daysSinceLastSale: number | null;
	/** Stock on hand at unit cost, in cents: what is tied up. */
	valueAtCost: number;
}

export interface DeadStockCandidate {
	productId: ProductId;
	onHand: number;
	unitCost: number;
	lastSaleDay: number | null;
}

// Never sold counts as the oldest.
const age = (e: DeadStockEntry) => e.daysSinceLastSale ?? Number.MAX_SAFE_INTEGER;

/** Products with stock on hand and no sale in the last `days` days up to asOf, most money first. */
export function deadStock(candidates: readonly DeadStockCandidate[], asOf: number, days = DEFAULT_DEAD_STOCK_DAYS): DeadStockEntry[] {
	if (!Number.isInteger(days) || days < 1) throw new RangeError(`dead stock needs a whole number of days of at least 1, got ${days}`);
	return candidates
		.filter((c) => c.onHand > 0 && (c.lastSaleDay === null || asOf - c.lastSaleDay >= days))
		.map((c) => ({
			productId: c.productId, onHand: c.onHand, lastSaleDay: c.lastSaleDay,
			daysSinceLastSale: c.lastSaleDay === null ? null : asOf - c.lastSaleDay,
			valueAtCost: Math.round(c.onHand * c.unitCost)
		}))
		.sort((a, b) => b.valueAtCost - a.valueAtCost || age(b) - age(a));
}
