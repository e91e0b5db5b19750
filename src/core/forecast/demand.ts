// What forecasting calls demand: the units a product SOLD per day, from the positive sale lines only.
// Returns and cancellations (negative lines) are not negative demand: they say nothing about how
// much customers want next week, and netting them would hide real sales on the day of a return.
import type { DayNumber, LocalTimestamp, ProductId } from '../brand';
import { addToSeries, type ProductSeries } from '../product-series';
import { lineNetRevenue, type SaleBlock } from '../sale-blocks';
import { dayOf } from '../time';
import type { DayTotals } from '../types';

/** Per product, the units sold (positive lines) and their revenue per day, as sparse series. */
export function soldSeriesFromBlocks(blocks: readonly SaleBlock[], toDay?: DayNumber): ProductSeries[] {
	const perProduct = new Map<ProductId, Map<number, DayTotals>>();
	for (const b of blocks) {
		for (let l = 0; l < b.lineCount; l++) {
			const q = b.quantity[l];
			if (!(q > 0)) continue;
			const day = dayOf(b.saleAt[b.lineSale[l]] as LocalTimestamp);
			if (toDay !== undefined && day > toDay) continue;
			const product = b.products[b.lineProduct[l]];
			let days = perProduct.get(product);
			if (!days) perProduct.set(product, (days = new Map()));
			let t = days.get(day);
			if (!t) days.set(day, (t = { day, units: 0, revenue: 0 as DayTotals['revenue'], cost: 0 as DayTotals['cost'], lines: 0 }));
			t.units += q;
			t.revenue = (t.revenue + lineNetRevenue(b, l)) as DayTotals['revenue'];
			t.lines += 1;
		}
	}
	return [...perProduct].map(([productId, days]) => addToSeries(undefined, productId, [...days.values()]));
}
