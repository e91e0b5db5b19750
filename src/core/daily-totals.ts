// Per-day sums kept beside the blocks so that dashboards and forecasts never rescan lines.
import type { Cents, DayNumber, ProductId } from './brand';
import type { DayTotals } from './types';

export const emptyDay = (day: DayNumber): DayTotals => ({ day, units: 0, revenue: 0 as Cents, cost: 0 as Cents, lines: 0 });

/** Key of a product-day in maps of them. */
export const productDayKey = (productId: ProductId, day: DayNumber) => `${productId}|${day}`;

/** Adds b into a (same day), returning a new object. */
export function mergeDay<T extends DayTotals>(a: T | undefined, b: T): T {
	if (!a) return { ...b };
	return { ...a, units: a.units + b.units, revenue: (a.revenue + b.revenue) as Cents, cost: (a.cost + b.cost) as Cents, lines: a.lines + b.lines };
}
