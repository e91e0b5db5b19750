// Sales history: the lines of the blocks in a day range, filtered and paged, newest first.
import type { DayNumber, ProductId } from './brand';
import { lineAmounts, lineRow, type SaleBlock, type SaleLineRow } from './sale-blocks';
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

/** The lines matching a filter, sorted newest first, with their sums: filter once, page many times. */
export interface SalesSelection {
	blocks: readonly SaleBlock[];
	/** Block index and line index of each match, interleaved: [b0, l0, b1, l1, …]. */
	refs: Uint32Array;
	total: number;
	totalUnits: number;
	totalRevenue: number;
}

export function selectSales(blocks: readonly SaleBlock[], filter: SalesFilter): SalesSelection {
	const fromMs = filter.fromDay === undefined ? -Infinity : filter.fromDay * MS_PER_DAY;
	const toMs = filter.toDay === undefined ? Infinity : (filter.toDay + 1) * MS_PER_DAY;
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
			totalRevenue += lineAmounts(block, l).paid;
		}
	});
	matches.sort((x, y) => y.at - x.at || x.b - y.b || x.l - y.l);
	const refs = new Uint32Array(matches.length * 2);
	matches.forEach((m, i) => { refs[2 * i] = m.b; refs[2 * i + 1] = m.l; });
	return { blocks, refs, total: matches.length, totalUnits, totalRevenue };
}

/** One page of a selection: rows are built only for the lines shown. */
export function salesPage(selection: SalesSelection, offset: number, limit: number): SalesPage {
	const rows: SaleLineRow[] = [];
	for (let i = offset; i < Math.min(selection.total, offset + limit); i++) {
		rows.push(lineRow(selection.blocks[selection.refs[2 * i]], selection.refs[2 * i + 1]));
	}
	return { rows, total: selection.total, totalUnits: selection.totalUnits, totalRevenue: selection.totalRevenue };
}

export function querySales(blocks: readonly SaleBlock[], filter: SalesFilter, offset: number, limit: number): SalesPage {
	return salesPage(selectSales(blocks, filter), offset, limit);
}
