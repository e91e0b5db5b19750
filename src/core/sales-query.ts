// Sales history: the lines of the blocks in a day range, filtered and paged, newest first, with the
// totals of every matching line: base, tax per rate and what the customers paid.
import type { DayNumber, ProductId } from './brand';
import { lineAmounts, lineRow, type SaleBlock, type SaleLineRow } from './sale-blocks';
import { matchesSaleTime, type SaleTimeFilter } from './sale-time-filter';
import { MS_PER_DAY } from './time';

/** weekday (0 = Monday) and hour (0-23) of the sale's local time: see sale-time-filter.ts. */
export interface SalesFilter extends SaleTimeFilter {
	fromDay?: DayNumber;
	toDay?: DayNumber;
	productId?: ProductId;
	/** Part of a ticket number, any case ("000123" finds "0F3A9C12-000123"). */
	invoice?: string;
}

/** The matching lines of one tax rate; `rate` null for lines stored without tax (imports, older sales). */
export interface RateSum { rate: number | null; base: number; tax: number; total: number }

export interface SalesTotals {
	/** Matching lines in all pages. */
	total: number;
	totalUnits: number;
	/** What the customers paid (tax included). */
	totalRevenue: number;
	/** Revenue net of tax. */
	totalBase: number;
	totalTax: number;
	/** Highest rate first, lines without tax last. */
	byRate: RateSum[];
}

export interface SalesPage extends SalesTotals {
	rows: SaleLineRow[];
}

/** The lines matching a filter, sorted newest first, with their sums: filter once, page many times. */
export interface SalesSelection extends SalesTotals {
	blocks: readonly SaleBlock[];
	/** Block index and line index of each match, interleaved: [b0, l0, b1, l1, …]. */
	refs: Uint32Array;
}

const normalInvoice = (text: string) => text.trim().toUpperCase();

/** Per sale of a block: whether its invoice contains the searched text (null when not searching). */
function invoiceMatches(block: SaleBlock, search: string): Uint8Array | null {
	if (!search) return null;
	return Uint8Array.from(block.invoices, (invoice) => (invoice.toUpperCase().includes(search) ? 1 : 0));
}

export function selectSales(blocks: readonly SaleBlock[], filter: SalesFilter): SalesSelection {
	const fromMs = filter.fromDay === undefined ? -Infinity : filter.fromDay * MS_PER_DAY;
	const toMs = filter.toDay === undefined ? Infinity : (filter.toDay + 1) * MS_PER_DAY;
	const search = normalInvoice(filter.invoice ?? '');
	const timed = filter.weekday !== undefined || filter.hour !== undefined;
	const matches: { b: number; l: number; at: number }[] = [];
	let totalUnits = 0, totalRevenue = 0, totalBase = 0, totalTax = 0;
	const rates = new Map<number | null, RateSum>();
	blocks.forEach((block, b) => {
		const productIdx = filter.productId === undefined ? -1 : block.products.indexOf(filter.productId);
		if (filter.productId !== undefined && productIdx < 0) return;
		const invoiceOk = invoiceMatches(block, search);
		if (invoiceOk && !invoiceOk.includes(1)) return;
		for (let l = 0; l < block.lineCount; l++) {
			if (productIdx >= 0 && block.lineProduct[l] !== productIdx) continue;
			if (invoiceOk && !invoiceOk[block.lineSale[l]]) continue;
			const at = block.saleAt[block.lineSale[l]];
			if (at < fromMs || at >= toMs) continue;
			if (timed && !matchesSaleTime(at, filter)) continue;
			matches.push({ b, l, at });
			totalUnits += block.quantity[l];
			const amounts = lineAmounts(block, l);
			totalRevenue += amounts.paid;
			totalBase += amounts.net;
			totalTax += amounts.tax;
			const rate = block.taxRate ? block.taxRate[l] : null;
			const sum = rates.get(rate) ?? { rate, base: 0, tax: 0, total: 0 };
			sum.base += amounts.net;
			sum.tax += amounts.tax;
			sum.total += amounts.paid;
			rates.set(rate, sum);
		}
	});
	matches.sort((x, y) => y.at - x.at || x.b - y.b || x.l - y.l);
	const refs = new Uint32Array(matches.length * 2);
	matches.forEach((m, i) => { refs[2 * i] = m.b; refs[2 * i + 1] = m.l; });
	const byRate = [...rates.values()].sort((x, y) => (y.rate ?? -1) - (x.rate ?? -1));
	return { blocks, refs, total: matches.length, totalUnits, totalRevenue, totalBase, totalTax, byRate };
}

/** One page of a selection: rows are built only for the lines shown. */
export function salesPage(selection: SalesSelection, offset: number, limit: number): SalesPage {
	const rows: SaleLineRow[] = [];
	for (let i = offset; i < Math.min(selection.total, offset + limit); i++) {
		rows.push(lineRow(selection.blocks[selection.refs[2 * i]], selection.refs[2 * i + 1]));
	}
	const { blocks: _blocks, refs: _refs, ...totals } = selection;
	return { rows, ...totals };
}

export function querySales(blocks: readonly SaleBlock[], filter: SalesFilter, offset: number, limit: number): SalesPage {
	return salesPage(selectSales(blocks, filter), offset, limit);
}

/** Every line of the sale with exactly this ticket number (any case), in the order it was rung up. */
export function linesOfInvoice(blocks: readonly SaleBlock[], invoice: string): SaleLineRow[] {
	const wanted = normalInvoice(invoice);
	if (!wanted) return [];
	for (const block of blocks) {
		const s = block.invoices.findIndex((i) => i.toUpperCase() === wanted);
		if (s < 0) continue;
		const rows: SaleLineRow[] = [];
		for (let l = 0; l < block.lineCount; l++) if (block.lineSale[l] === s) rows.push(lineRow(block, l));
		return rows;
	}
	return [];
}
