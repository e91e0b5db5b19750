// Sales history: the lines of the blocks in a day range, filtered and paged, newest first.
import type { DayNumber, ProductId } from './brand';
import { lineRow, type SaleBlock, type SaleLineRow } from './sale-blocks';
import { MS_PER_DAY } from './time';

export interface SalesFilter {
	fromDay?: DayNumber;
	toDay?: DayNumber;
	productId?: ProductId;
}

export interface SalesPage {
	rows: SaleLineRow[];
	/** Matching lines in all pages. */
	total: number;
	totalUnits: number;
	totalRevenue: number;
}

export function querySales(blocks: readonly SaleBlock[], filter: SalesFilter, offset: number, limit: number): SalesPage {
	const fromMs = filter.fromDay === undefined ? -Infinity : filter.fromDay * MS_PER_DAY;
	const toMs = filter.toDay === undefined ? Infinity : (filter.toDay + 1) * MS_PER_DAY;
	// Matches as (block, line) pairs with their time, sorted once; rows are built for one page only.
	const matches: { b: number; l: number; at: number }[] = [];
	let totalUnits = 0, totalRevenue = 0;
	blocks.forEach((block, b) => {
		const productIdx = filter.productId === undefined ? -1 : block.products.indexOf(filter.productId);
		if (filter.productId !== undefined && productIdx < 0) return;
		for (let l = 0; l < block.lineCount; l++) {
			if (productIdx >= 0 && block.lineProduct[l] !== productIdx) continue;
			const at = block.saleAt[block.lineSale[l]];
			if (at < fromMs || at >= toMs) continue;
			matches.push({ b, l, at });
			totalUnits += block.quantity[l];
			totalRevenue += Math.round(block.quantity[l] * block.unitPrice[l]) - block.discount[l];
		}
	});
	matches.sort((x, y) => y.at - x.at || x.b - y.b || x.l - y.l);
	const rows = matches.slice(offset, offset + limit).map((m) => lineRow(blocks[m.b], m.l));
	return { rows, total: matches.length, totalUnits, totalRevenue };
}
