// Sale blocks on the wire and on arrival. Sales are events: a store adds the lines it does not
// hold yet and derives their stock movements (sale-movements.ts). A line is known by its import
// identity when it has one (the same POS export imported on two tablets), else by its sale's id.
import type { DayNumber, LocalTimestamp } from '../brand';
import type { WireBlock } from '../api/sync';
import type { SaleBlock } from '../sale-blocks';
import type { Ticket } from '../till/ticket';
import { dayOf } from '../time';
import { stableId } from './stable-id';

export function blockToWire(b: SaleBlock): WireBlock {
	const w: WireBlock = {
		id: b.id, source: b.source, firstDay: b.firstDay, lastDay: b.lastDay, lineCount: b.lineCount, saleCount: b.saleCount,
		saleIds: [...b.saleIds], invoices: [...b.invoices], saleAt: Array.from(b.saleAt), saleCustomer: Array.from(b.saleCustomer),
		customers: [...b.customers], deviceIds: [...b.deviceIds], lineSale: Array.from(b.lineSale), lineProduct: Array.from(b.lineProduct),
		products: [...b.products], quantity: Array.from(b.quantity), unitPrice: Array.from(b.unitPrice), discount: Array.from(b.discount)
	};
	if (b.saleStore && b.stores) { w.saleStore = Array.from(b.saleStore); w.stores = [...b.stores]; }
	if (b.lineKeys) w.lineKeys = Array.from(b.lineKeys);
	if (b.taxRate && b.tax) { w.taxRate = Array.from(b.taxRate); w.tax = Array.from(b.tax); }
	if (b.saleTaxExcluded) w.saleTaxExcluded = Array.from(b.saleTaxExcluded, (x) => (x ? 1 : 0));
	if (b.saleCashier) w.saleCashier = [...b.saleCashier];
	if (b.salePayments) w.salePayments = [...b.salePayments];
	if (b.saleReturnOf) w.saleReturnOf = [...b.saleReturnOf];
	if (b.saleTickets) w.saleTickets = [...b.saleTickets];
	return w;
}

export function blockFromWire(w: WireBlock): SaleBlock {
	const b: SaleBlock = {
		id: w.id, source: w.source, firstDay: w.firstDay as DayNumber, lastDay: w.lastDay as DayNumber, lineCount: w.lineCount, saleCount: w.saleCount,
		saleIds: w.saleIds as SaleBlock['saleIds'], invoices: w.invoices, saleAt: Float64Array.from(w.saleAt), saleCustomer: Int32Array.from(w.saleCustomer),
		customers: w.customers as SaleBlock['customers'], deviceIds: w.deviceIds, lineSale: Uint32Array.from(w.lineSale),
		lineProduct: Uint32Array.from(w.lineProduct), products: w.products as SaleBlock['products'], quantity: Float64Array.from(w.quantity),
		unitPrice: Float64Array.from(w.unitPrice), discount: Float64Array.from(w.discount)
	};
	if (w.saleStore && w.stores) { b.saleStore = Int32Array.from(w.saleStore); b.stores = w.stores; }
	if (w.lineKeys) b.lineKeys = Float64Array.from(w.lineKeys);
	if (w.taxRate && w.tax) { b.taxRate = Float64Array.from(w.taxRate); b.tax = Float64Array.from(w.tax); }
	if (w.saleTaxExcluded) b.saleTaxExcluded = Uint8Array.from(w.saleTaxExcluded);
	if (w.saleCashier) b.saleCashier = w.saleCashier;
	if (w.salePayments) b.salePayments = w.salePayments as SaleBlock['salePayments'];
	if (w.saleReturnOf) b.saleReturnOf = w.saleReturnOf;
	if (w.saleTickets) b.saleTickets = w.saleTickets as (Ticket | null)[];
	return b;
}

export interface KnownSales {
	hasBlock(id: string): boolean;
	hasSale(id: string): boolean;
	hasLineKey(key: number): boolean;
}

/**
 * The part of a block the store does not hold: the block itself when every line is new, null when
 * none is, else a new block (named after the original and what it keeps, so every store that
 * keeps the same lines names it the same) with only the new lines and the sales they belong to.
 */
export function unseenPart(b: SaleBlock, known: KnownSales): SaleBlock | null {
	if (known.hasBlock(b.id)) return null;
	const keep = new Uint8Array(b.lineCount);
	let kept = 0;
	for (let l = 0; l < b.lineCount; l++) {
		const key = b.lineKeys?.[l];
		const isNew = key !== undefined && !Number.isNaN(key) ? !known.hasLineKey(key) : !known.hasSale(b.saleIds[b.lineSale[l]]);
		if (isNew) { keep[l] = 1; kept++; }
	}
	if (kept === b.lineCount) return b;
	if (kept === 0) return null;
	return subBlock(b, keep, kept);
}

function subBlock(b: SaleBlock, keep: Uint8Array, kept: number): SaleBlock {
	const saleMap = new Map<number, number>(), productMap = new Map<number, number>(), customerMap = new Map<number, number>(), storeMap = new Map<number, number>();
	const out: SaleBlock = {
		id: '', source: b.source, firstDay: Infinity as DayNumber, lastDay: -Infinity as DayNumber, lineCount: kept, saleCount: 0,
		saleIds: [], invoices: [], saleAt: new Float64Array(0), saleCustomer: new Int32Array(0), customers: [], deviceIds: [],
		lineSale: new Uint32Array(kept), lineProduct: new Uint32Array(kept), products: [], quantity: new Float64Array(kept),
		unitPrice: new Float64Array(kept), discount: new Float64Array(kept), ...(b.lineKeys ? { lineKeys: new Float64Array(kept) } : {})
	};
	const saleAt: number[] = [], saleCustomer: number[] = [], saleStore: number[] = [], stores: string[] = [];
	/** The original sale of each kept sale, and the original line of each kept line. */
	const saleRows: number[] = [], lineRows: number[] = [];
	let first = NaN, n = 0;
	for (let l = 0; l < b.lineCount; l++) {
		if (!keep[l]) continue;
		const s = b.lineSale[l];
		let ns = saleMap.get(s);
		if (ns === undefined) {
			ns = out.saleIds.length;
			saleMap.set(s, ns);
			saleRows.push(s);
			out.saleIds.push(b.saleIds[s]);
			out.invoices.push(b.invoices[s]);
			out.deviceIds.push(b.deviceIds[s]);
			saleAt.push(b.saleAt[s]);
			const day = dayOf(b.saleAt[s] as LocalTimestamp);
			if (day < out.firstDay) out.firstDay = day;
			if (day > out.lastDay) out.lastDay = day;
			const c = b.saleCustomer[s];
			saleCustomer.push(c < 0 ? -1 : indexIn(customerMap, out.customers, c, b.customers[c]));
			if (b.saleStore && b.stores) { const st = b.saleStore[s]; saleStore.push(st < 0 ? -1 : indexIn(storeMap, stores, st, b.stores[st])); }
		}
		out.lineSale[n] = ns;
		out.lineProduct[n] = indexIn(productMap, out.products, b.lineProduct[l], b.products[b.lineProduct[l]]);
		out.quantity[n] = b.quantity[l];
		out.unitPrice[n] = b.unitPrice[l];
		out.discount[n] = b.discount[l];
		if (out.lineKeys && b.lineKeys) out.lineKeys[n] = b.lineKeys[l];
		lineRows.push(l);
		if (Number.isNaN(first)) first = l;
		n++;
	}
	out.saleCount = out.saleIds.length;
	out.saleAt = Float64Array.from(saleAt);
	out.saleCustomer = Int32Array.from(saleCustomer);
	if (b.saleStore && b.stores) { out.saleStore = Int32Array.from(saleStore); out.stores = stores; }
	copyTillColumns(b, out, saleRows, lineRows);
	out.id = stableId('block-part', `${b.id}|${kept}|${first}|${out.saleIds[out.saleIds.length - 1]}`);
	return out;
}

/** The till's columns (tax per line; cashier, payments, returns, receipts per sale) of the kept rows. */
function copyTillColumns(from: SaleBlock, to: SaleBlock, saleRows: readonly number[], lineRows: readonly number[]) {
	if (from.taxRate && from.tax) {
		const [rate, tax] = [from.taxRate, from.tax];
		to.taxRate = Float64Array.from(lineRows, (l) => rate[l]);
		to.tax = Float64Array.from(lineRows, (l) => tax[l]);
	}
	const excluded = from.saleTaxExcluded;
	if (excluded) to.saleTaxExcluded = Uint8Array.from(saleRows, (s) => excluded[s]);
	const pick = <T>(column: readonly T[] | undefined) => column && saleRows.map((s) => column[s]);
	if (from.saleCashier) to.saleCashier = pick(from.saleCashier);
	if (from.salePayments) to.salePayments = pick(from.salePayments);
	if (from.saleReturnOf) to.saleReturnOf = pick(from.saleReturnOf);
	if (from.saleTickets) to.saleTickets = pick(from.saleTickets);
}

function indexIn<T>(map: Map<number, number>, list: T[], from: number, value: T): number {
	let i = map.get(from);
	if (i === undefined) { i = list.length; list.push(value); map.set(from, i); }
	return i;
}
