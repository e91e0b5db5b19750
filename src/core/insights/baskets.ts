// Baskets: each sale is one basket of distinct products, with its day, customer and value. This is
// what recommendations and customer segments learn from. Lines with a negative quantity are
// returns: they never make a product part of a basket, they only lower the customer's spend.
import type { CustomerId, DayNumber, LocalTimestamp, ProductId } from '../brand';
import { lineNetRevenue, type SaleBlock } from '../sale-blocks';
import { dayOf } from '../time';

export interface Baskets {
	/** Dense product index → product id (every product bought in any basket). */
	products: ProductId[];
	/** Dense customer index → customer id (every customer with a basket or a return). */
	customers: CustomerId[];
	/** Basket b holds items[offsets[b] .. offsets[b + 1]), distinct product indices in ascending order. */
	offsets: Uint32Array;
	items: Uint32Array;
	/** Per basket, in time order. */
	day: Int32Array;
	/** Customer index, -1 for an anonymous sale. */
	customer: Int32Array;
	/** What the purchase lines of the basket came to, in cents (after line discounts). */
	value: Float64Array;
	/** Per customer index: what they returned in the period, in cents (a positive number). */
	customerReturns: Float64Array;
}

export interface BasketRange {
	fromDay?: DayNumber;
	toDay?: DayNumber;
}

export const basketCount = (b: Baskets): number => b.day.length;
export const basketSize = (b: Baskets, i: number): number => b.offsets[i + 1] - b.offsets[i];

interface SaleRef { block: SaleBlock; sale: number; at: number; firstLine: number; endLine: number }

/** The sales of the blocks inside the day range, as baskets in time order. */
export function buildBaskets(blocks: readonly SaleBlock[], range: BasketRange = {}): Baskets {
	const from = range.fromDay ?? -Infinity, to = range.toDay ?? Infinity;
	const sales: SaleRef[] = [];
	for (const block of blocks) {
		if (block.lastDay < from || block.firstDay > to) continue;
		// Lines are grouped by sale in sale order, so one pass finds each sale's line range.
		let l = 0;
		for (let s = 0; s < block.saleCount; s++) {
			const start = l;
			while (l < block.lineCount && block.lineSale[l] === s) l++;
			const day = dayOf(block.saleAt[s] as LocalTimestamp);
			if (day >= from && day <= to) sales.push({ block, sale: s, at: block.saleAt[s], firstLine: start, endLine: l });
		}
	}
	sales.sort((a, b) => a.at - b.at);

	const productIndex = new Map<ProductId, number>(), customerIndex = new Map<CustomerId, number>();
	const products: ProductId[] = [], customers: CustomerId[] = [];
	const indexOf = <K>(map: Map<K, number>, list: K[], key: K) => {
		let i = map.get(key);
		if (i === undefined) map.set(key, (i = list.push(key) - 1));
		return i;
	};
	const offsets: number[] = [0], items: number[] = [], days: number[] = [], owners: number[] = [], values: number[] = [];
	const returns = new Map<number, number>();
	const basket = new Set<number>();
	for (const { block, sale, at, firstLine, endLine } of sales) {
		const c = block.saleCustomer[sale];
		const owner = c < 0 ? -1 : indexOf(customerIndex, customers, block.customers[c]);
		basket.clear();
		let value = 0, returned = 0;
		for (let l = firstLine; l < endLine; l++) {
			const q = block.quantity[l];
			const total = lineNetRevenue(block, l);
			if (q > 0) {
				basket.add(indexOf(productIndex, products, block.products[block.lineProduct[l]]));
				value += total;
			} else if (q < 0) returned -= total;
		}
		if (owner >= 0 && returned > 0) returns.set(owner, (returns.get(owner) ?? 0) + returned);
		if (basket.size === 0) continue;
		for (const p of [...basket].sort((a, b) => a - b)) items.push(p);
		offsets.push(items.length);
		days.push(dayOf(at as LocalTimestamp));
		owners.push(owner);
		values.push(Math.max(0, value));
	}
	const customerReturns = new Float64Array(customers.length);
	for (const [c, v] of returns) customerReturns[c] = v;
	return {
		products, customers, offsets: Uint32Array.from(offsets), items: Uint32Array.from(items),
		day: Int32Array.from(days), customer: Int32Array.from(owners), value: Float64Array.from(values), customerReturns
	};
}

/** Customers with at least one basket. */
export function buyerCount(b: Baskets): number {
	return new Set(Array.from(b.customer).filter((c) => c >= 0)).size;
}
