// A small synthetic shop for trends and reorder tests: products, daily sales, stock and shop days.
import { emptyProductForm, validateProduct } from '../../src/core/catalog';
import type { DayNumber, ProductId } from '../../src/core/brand';
import { addToSeries, type ProductSeries } from '../../src/core/product-series';
import { parseIsoDay } from '../../src/core/time';
import type { DayTotals, Product } from '../../src/core/types';
import type { TrendsInput } from '../../src/core/trends/report';

export const day = (iso: string): DayNumber => {
	const d = parseIsoDay(iso);
	if (d === null) throw new Error(`bad test date ${iso}`);
	return d;
};

export function testProduct(sku: string, fields: Partial<Product> = {}): Product {
	const r = validateProduct({ ...emptyProductForm(), sku, name: `Product ${sku}`, unitPrice: '1', unitCost: '0.5' });
	if (!r.ok) throw new Error('invalid test product');
	return { ...r.value, ...fields };
}

/** Builds trends input from per-product daily unit functions over [from, to]; price 1 unit = 100 cents. */
export function syntheticShop(
	from: DayNumber, to: DayNumber,
	sales: { product: Product; unitsOn: (d: number) => number; onHand?: number }[]
): TrendsInput {
	const series: ProductSeries[] = [];
	const shop = new Map<number, DayTotals>();
	for (const { product, unitsOn } of sales) {
		const days: DayTotals[] = [];
		for (let d = from; d <= to; d++) {
			const units = unitsOn(d);
			if (units === 0) continue;
			const revenue = units * product.unitPrice;
			days.push({ day: d as DayNumber, units, revenue: revenue as DayTotals['revenue'], cost: (units * product.unitCost) as DayTotals['cost'], lines: 1 });
			const s = shop.get(d) ?? { day: d as DayNumber, units: 0, revenue: 0 as DayTotals['revenue'], cost: 0 as DayTotals['cost'], lines: 0 };
			shop.set(d, { ...s, units: s.units + units, revenue: (s.revenue + revenue) as DayTotals['revenue'], lines: s.lines + 1 });
		}
		if (days.length) series.push(addToSeries(undefined, product.id, days));
	}
	return {
		products: sales.map((s) => s.product),
		series,
		stock: new Map(sales.filter((s) => s.onHand !== undefined).map((s) => [s.product.id, s.onHand!] as [ProductId, number])),
		shopDays: [...shop.values()].sort((a, b) => a.day - b.day)
	};
}

/** A repeatable scatter of whole numbers 0..n-1 over days (a multiplicative hash), so tests never flake. */
export const scatter = (d: number, n: number, salt = 0): number => (((d + salt) * 2654435761) >>> 0) % n;
