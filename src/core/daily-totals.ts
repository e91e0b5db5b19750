// Per-day sums kept beside the blocks so that dashboards and forecasts never rescan lines.
import type { Cents, DayNumber, ProductId } from './brand';
import type { SaleBlock } from './sale-blocks';
import { dayOf } from './time';
import type { DayTotals, ProductDayTotals } from './types';
import type { LocalTimestamp } from './brand';

export const emptyDay = (day: DayNumber): DayTotals => ({ day, units: 0, revenue: 0 as Cents, cost: 0 as Cents, lines: 0 });

export interface DailyDelta {
	shop: Map<DayNumber, DayTotals>;
	/** Keyed by `${productId}|${day}`. */
	products: Map<string, ProductDayTotals>;
}

export const productDayKey = (productId: ProductId, day: DayNumber) => `${productId}|${day}`;

/** Sums a block's lines per day and per product-day. costOf gives a product's unit cost in cents. */
export function dailyDeltaOfBlocks(blocks: readonly SaleBlock[], costOf: (p: ProductId) => number): DailyDelta {
	const delta: DailyDelta = { shop: new Map(), products: new Map() };
	for (const b of blocks) {
		const costs = b.products.map(costOf);
		for (let l = 0; l < b.lineCount; l++) {
			const day = dayOf(b.saleAt[b.lineSale[l]] as LocalTimestamp);
			const p = b.lineProduct[l];
			const q = b.quantity[l];
			const revenue = Math.round(q * b.unitPrice[l]) - b.discount[l];
			const cost = Math.round(q * costs[p]);
			let shop = delta.shop.get(day);
			if (!shop) delta.shop.set(day, (shop = emptyDay(day)));
			add(shop, q, revenue, cost);
			const key = productDayKey(b.products[p], day);
			let pd = delta.products.get(key);
			if (!pd) delta.products.set(key, (pd = { ...emptyDay(day), productId: b.products[p] }));
			add(pd, q, revenue, cost);
		}
	}
	return delta;
}

function add(t: DayTotals, units: number, revenue: number, cost: number) {
	t.units += units;
	t.revenue = (t.revenue + revenue) as Cents;
	t.cost = (t.cost + cost) as Cents;
	t.lines += 1;
}

/** Adds b into a (same day), returning a new object. */
export function mergeDay<T extends DayTotals>(a: T | undefined, b: T): T {
	if (!a) return { ...b };
	return { ...a, units: a.units + b.units, revenue: (a.revenue + b.revenue) as Cents, cost: (a.cost + b.cost) as Cents, lines: a.lines + b.lines };
}
