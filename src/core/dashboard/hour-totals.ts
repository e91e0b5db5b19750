// Sales per day and hour, for the whole shop and per category, supplier and category+supplier:
// what daily totals lack for the dashboard's tickets, average ticket and heat map. Kept beside the
// daily totals, in the same transaction as the sales (every store's appendSales), so the dashboard
// never scans sale lines. A cell is (day, group, hour) with its revenue and its tickets.
//
// Tickets: a ticket is one invoice of one day with at least one line of positive quantity (a pure
// return slip is not a ticket; its negative revenue still counts). A ticket counts once in each
// group one of its sold lines belongs to, at the hour of its sale. Sales without an invoice number
// are a ticket each. Invoices are matched within what one write stores: the same invoice number
// stored again later, on the same day, by another import or pull counts again (imports write whole
// invoices per transaction, and a sale's lines travel together, so this needs an invoice split
// across two files).
//
// Groups are the category and supplier a product had when its sale was stored: a product moved to
// another category later keeps its past tickets under the old one until the totals are rebuilt
// (DashboardStore.rebuildHourTotals); soldGroups records every (category, supplier) a product was
// stored under, so the dashboard can tell when a filtered figure is approximate.
import type { DayNumber, LocalTimestamp, ProductId, SupplierId } from '../brand';
import { lineNetRevenue, type SaleBlock } from '../sale-blocks';
import { dayOf, MS_PER_DAY } from '../time';

const SEP = '\u001f';
/** The whole shop's group. */
export const SHOP_GROUP = '';
export const categoryGroup = (category: string) => `c${SEP}${category}`;
export const supplierGroup = (supplierId: SupplierId | null) => `s${SEP}${supplierId ?? ''}`;
export const pairGroup = (category: string, supplierId: SupplierId | null) => `cs${SEP}${category}${SEP}${supplierId ?? ''}`;

/** The group whose cells answer a filter. */
export function filterGroup(category: string | null, supplierId: SupplierId | null): string {
	if (category !== null && supplierId !== null) return pairGroup(category, supplierId);
	if (category !== null) return categoryGroup(category);
	if (supplierId !== null) return supplierGroup(supplierId);
	return SHOP_GROUP;
}

/** Where a product's sales are counted: its category and supplier. */
export interface ProductGroup {
	category: string;
	supplierId: SupplierId | null;
}

/** A (category, supplier) a product's sales were stored under. */
export interface SoldGroup extends ProductGroup {
	productId: ProductId;
}

export const soldGroupKey = (g: ProductGroup) => `${g.category}${SEP}${g.supplierId ?? ''}`;
export function soldGroupOfKey(productId: ProductId, key: string): SoldGroup {
	const i = key.lastIndexOf(SEP);
	const supplier = key.slice(i + 1);
	return { productId, category: key.slice(0, i), supplierId: supplier === '' ? null : (supplier as SupplierId) };
}

/** Cells in columns; `group` indexes `groups`. Any order unless said otherwise. */
export interface HourTotals {
	groups: string[];
	day: Int32Array;
	group: Uint32Array;
	hour: Uint8Array;
	/** Cents, net of tax. */
	revenue: Float64Array;
	tickets: Uint32Array;
}

export function emptyHourTotals(): HourTotals {
	return { groups: [], day: new Int32Array(0), group: new Uint32Array(0), hour: new Uint8Array(0), revenue: new Float64Array(0), tickets: new Uint32Array(0) };
}

export const hourCells = (t: HourTotals) => t.day.length;
export const hourOf = (at: LocalTimestamp) => Math.floor((at - dayOf(at) * MS_PER_DAY) / 3_600_000);

const compareText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Day numbers stay below 2^16 until 2149 and hours below 24, so (group, day, hour) is one exact number. */
const cellKey = (group: number, day: number, hour: number) => (group * 65536 + day) * 24 + hour;

/** Sums cells in any order; toTotals() hands them back sorted by day, group, hour. */
export class HourAccumulator {
	private readonly groupIndex = new Map<string, number>();
	private readonly groups: string[] = [];
	private readonly cells = new Map<number, number>();
	private revenue: number[] = [];
	private tickets: number[] = [];
	private keys: number[] = [];

	group(key: string): number {
		let g = this.groupIndex.get(key);
		if (g === undefined) {
			g = this.groups.length;
			this.groupIndex.set(key, g);
			this.groups.push(key);
		}
		return g;
	}

	/** The index of a cell, made empty when new. */
	cell(group: number, day: number, hour: number): number {
		const key = cellKey(group, day, hour);
		let c = this.cells.get(key);
		if (c === undefined) {
			c = this.keys.length;
			this.cells.set(key, c);
			this.keys.push(key);
			this.revenue.push(0);
			this.tickets.push(0);
		}
		return c;
	}

	addAt(cell: number, revenue: number, tickets: number) {
		this.revenue[cell] += revenue;
		this.tickets[cell] += tickets;
	}

	add(group: number, day: number, hour: number, revenue: number, tickets: number) {
		this.addAt(this.cell(group, day, hour), revenue, tickets);
	}

	addTotals(t: HourTotals) {
		const groups = t.groups.map((k) => this.group(k));
		for (let i = 0; i < t.day.length; i++) this.add(groups[t.group[i]], t.day[i], t.hour[i], t.revenue[i], t.tickets[i]);
	}

	toTotals(): HourTotals {
		const n = this.keys.length;
		const order = Array.from({ length: n }, (_, i) => i);
		// By day first (readers slice by day), then group key and hour: the same cells always come out the same.
		const dayOfCell = (c: number) => Math.floor(this.keys[c] / 24) % 65536;
		const groupOfCell = (c: number) => this.groups[Math.floor(this.keys[c] / 24 / 65536)];
		order.sort((a, b) => dayOfCell(a) - dayOfCell(b) || compareText(groupOfCell(a), groupOfCell(b)) || (this.keys[a] % 24) - (this.keys[b] % 24));
		const out: HourTotals = {
			groups: [...this.groups], day: new Int32Array(n), group: new Uint32Array(n), hour: new Uint8Array(n),
			revenue: new Float64Array(n), tickets: new Uint32Array(n)
		};
		order.forEach((c, i) => {
			const key = this.keys[c];
			out.hour[i] = key % 24;
			out.day[i] = Math.floor(key / 24) % 65536;
			out.group[i] = Math.floor(key / 24 / 65536);
			out.revenue[i] = this.revenue[c];
			out.tickets[i] = this.tickets[c];
		});
		return out;
	}
}

export interface HourDelta {
	totals: HourTotals;
	/** Every (product, category, supplier) the blocks' lines were counted under, once each. */
	sold: SoldGroup[];
}

/**
 * Counts the cells of blocks written together (one transaction), a block at a time (an upgrade
 * reads a whole history on a cursor). groupOf gives a product's category and supplier as stored
 * now (unknown products: no category, no supplier).
 */
export class HourCounter {
	private readonly acc = new HourAccumulator();
	private readonly shop = this.acc.group(SHOP_GROUP);
	/** Per product: what it was counted under in this write (a product has one group per write). */
	private readonly sold = new Map<ProductId, SoldGroup>();
	/** Per sold-group key: its four group indexes (shop, category, supplier, both). */
	private readonly groupsOf = new Map<string, number[]>();
	/** Per ticket (numbered within this write): the groups it was counted in. */
	private readonly countedIn: number[][] = [];
	/** Ticket numbers by invoice and day, so a second sale of an invoice on its day is the same ticket. */
	private readonly ticketOf = new Map<string, number>();
	/** Per group: its cell for the current day and hour (consecutive sales mostly share an hour). */
	private cellOf: number[] = [];
	private cellHour: number[] = [];

	constructor(private readonly groupOf: (productId: ProductId) => ProductGroup | undefined) {}

	private newTicket() { return this.countedIn.push([]) - 1; }

	private groupsOfProduct(id: ProductId): number[] {
		let g = this.sold.get(id);
		if (!g) {
			const found = this.groupOf(id);
			g = { productId: id, category: found?.category ?? '', supplierId: found?.supplierId ?? null };
			this.sold.set(id, g);
		}
		const key = soldGroupKey(g);
		let groups = this.groupsOf.get(key);
		if (!groups) {
			const acc = this.acc;
			groups = [this.shop, acc.group(categoryGroup(g.category)), acc.group(supplierGroup(g.supplierId)), acc.group(pairGroup(g.category, g.supplierId))];
			this.groupsOf.set(key, groups);
		}
		return groups;
	}

	addBlock(b: SaleBlock) {
		const acc = this.acc;
		const productGroups = b.products.map((id) => this.groupsOfProduct(id));
		const cellOf = this.cellOf, cellHour = this.cellHour;
		let sale = -1, ticket = 0, day = 0, hour = 0, dayHour = -1;
		for (let l = 0; l < b.lineCount; l++) {
			const s = b.lineSale[l];
			if (s !== sale) {
				sale = s;
				const at = b.saleAt[s] as LocalTimestamp;
				day = dayOf(at);
				hour = hourOf(at);
				dayHour = day * 24 + hour;
				const invoice = b.invoices[s];
				if (invoice === '') ticket = this.newTicket();
				else {
					const key = `${day}${SEP}${invoice}`;
					let t = this.ticketOf.get(key);
					if (t === undefined) this.ticketOf.set(key, (t = this.newTicket()));
					ticket = t;
				}
			}
			const revenue = lineNetRevenue(b, l);
			const counted = b.quantity[l] > 0 ? this.countedIn[ticket] : null;
			for (const g of productGroups[b.lineProduct[l]]) {
				if (cellHour[g] !== dayHour) {
					cellHour[g] = dayHour;
					cellOf[g] = acc.cell(g, day, hour);
				}
				// A ticket holds a few groups: a short list beats a set.
				const first = counted !== null && !counted.includes(g);
				if (first) counted.push(g);
				acc.addAt(cellOf[g], revenue, first ? 1 : 0);
			}
		}
	}

	result(): HourDelta {
		return { totals: this.acc.toTotals(), sold: [...this.sold.values()] };
	}
}

/** The cells of blocks written together (see HourCounter). */
export function hourDeltaOfBlocks(blocks: readonly SaleBlock[], groupOf: (productId: ProductId) => ProductGroup | undefined): HourDelta {
	const counter = new HourCounter(groupOf);
	for (const b of blocks) counter.addBlock(b);
	return counter.result();
}

/** One set of cells holding the sum of several. */
export function mergeHourTotals(list: readonly HourTotals[]): HourTotals {
	const acc = new HourAccumulator();
	for (const t of list) acc.addTotals(t);
	return acc.toTotals();
}

/**
 * Cells of distinct days (no cell in two of them), as one set in the given order: what reading a
 * range of per-day records gives. No cell is looked up, so a history's half a million cells join in
 * milliseconds (mergeHourTotals sums, and costs a map entry per cell).
 */
export function concatHourTotals(list: readonly HourTotals[]): HourTotals {
	const index = new Map<string, number>();
	const groups: string[] = [];
	const n = list.reduce((k, t) => k + t.day.length, 0);
	const out: HourTotals = { groups, day: new Int32Array(n), group: new Uint32Array(n), hour: new Uint8Array(n), revenue: new Float64Array(n), tickets: new Uint32Array(n) };
	let at = 0;
	for (const t of list) {
		const remap = t.groups.map((key) => {
			let g = index.get(key);
			if (g === undefined) { g = groups.length; index.set(key, g); groups.push(key); }
			return g;
		});
		out.day.set(t.day, at); out.hour.set(t.hour, at); out.revenue.set(t.revenue, at); out.tickets.set(t.tickets, at);
		for (let i = 0; i < t.group.length; i++) out.group[at + i] = remap[t.group[i]];
		at += t.day.length;
	}
	return out;
}

/**
 * Two sets of cells sorted by day, group key and hour (as toTotals leaves them), as one sorted set
 * with equal cells summed: one pass, no map. What adding a sale's few cells to a stored month costs.
 */
export function mergeSortedHourTotals(a: HourTotals, b: HourTotals): HourTotals {
	const index = new Map<string, number>();
	const groups: string[] = [];
	const remap = (t: HourTotals) => t.groups.map((key) => {
		let g = index.get(key);
		if (g === undefined) { g = groups.length; index.set(key, g); groups.push(key); }
		return g;
	});
	const ga = remap(a), gb = remap(b);
	const n = a.day.length + b.day.length;
	const out: HourTotals = { groups, day: new Int32Array(n), group: new Uint32Array(n), hour: new Uint8Array(n), revenue: new Float64Array(n), tickets: new Uint32Array(n) };
	let i = 0, j = 0, k = 0;
	const take = (t: HourTotals, g: number[], at: number) => {
		out.day[k] = t.day[at]; out.group[k] = g[t.group[at]]; out.hour[k] = t.hour[at]; out.revenue[k] = t.revenue[at]; out.tickets[k] = t.tickets[at]; k++;
	};
	while (i < a.day.length || j < b.day.length) {
		if (j >= b.day.length) { take(a, ga, i++); continue; }
		if (i >= a.day.length) { take(b, gb, j++); continue; }
		const order = a.day[i] - b.day[j] || compareText(a.groups[a.group[i]], b.groups[b.group[j]]) || a.hour[i] - b.hour[j];
		if (order < 0) take(a, ga, i++);
		else if (order > 0) take(b, gb, j++);
		else {
			take(a, ga, i++);
			out.revenue[k - 1] += b.revenue[j]; out.tickets[k - 1] += b.tickets[j]; j++;
		}
	}
	return k === n ? out : { groups, day: out.day.slice(0, k), group: out.group.slice(0, k), hour: out.hour.slice(0, k), revenue: out.revenue.slice(0, k), tickets: out.tickets.slice(0, k) };
}

/** The cells of the days in [fromDay, toDay] (any order kept). */
export function hourTotalsBetween(t: HourTotals, fromDay: number, toDay: number): HourTotals {
	let inside = 0;
	for (let i = 0; i < t.day.length; i++) if (t.day[i] >= fromDay && t.day[i] <= toDay) inside++;
	if (inside === t.day.length) return t;
	const out: HourTotals = { groups: t.groups, day: new Int32Array(inside), group: new Uint32Array(inside), hour: new Uint8Array(inside), revenue: new Float64Array(inside), tickets: new Uint32Array(inside) };
	for (let i = 0, k = 0; i < t.day.length; i++) {
		if (t.day[i] < fromDay || t.day[i] > toDay) continue;
		out.day[k] = t.day[i]; out.group[k] = t.group[i]; out.hour[k] = t.hour[i]; out.revenue[k] = t.revenue[i]; out.tickets[k] = t.tickets[i]; k++;
	}
	return out;
}

/** The cells split by a key of their day (the day itself, or the period it falls in), from totals sorted by day as toTotals leaves them. */
export function hourTotalsBy(t: HourTotals, keyOf: (day: number) => number = (d) => d): Map<DayNumber, HourTotals> {
	const out = new Map<DayNumber, HourTotals>();
	for (let start = 0; start < t.day.length;) {
		const key = keyOf(t.day[start]);
		let end = start + 1;
		while (end < t.day.length && keyOf(t.day[end]) === key) end++;
		out.set(key as DayNumber, sliceTotals(t, start, end));
		start = end;
	}
	return out;
}

function sliceTotals(t: HourTotals, start: number, end: number): HourTotals {
	// Only the groups the slice names, so a day's record does not carry every group of the batch.
	const used = new Map<number, number>();
	const groups: string[] = [];
	const group = new Uint32Array(end - start);
	for (let i = start; i < end; i++) {
		let g = used.get(t.group[i]);
		if (g === undefined) {
			g = groups.length;
			used.set(t.group[i], g);
			groups.push(t.groups[t.group[i]]);
		}
		group[i - start] = g;
	}
	return {
		groups, day: t.day.slice(start, end), group, hour: t.hour.slice(start, end),
		revenue: t.revenue.slice(start, end), tickets: t.tickets.slice(start, end)
	};
}

/** Cells as plain rows (SQL and tests). */
export interface HourCell { day: DayNumber; group: string; hour: number; revenue: number; tickets: number }

export function hourCellsOf(t: HourTotals): HourCell[] {
	return Array.from(t.day, (day, i) => ({ day: day as DayNumber, group: t.groups[t.group[i]], hour: t.hour[i], revenue: t.revenue[i], tickets: t.tickets[i] }));
}

export function hourTotalsOfCells(cells: readonly HourCell[]): HourTotals {
	const acc = new HourAccumulator();
	for (const c of cells) acc.add(acc.group(c.group), c.day, c.hour, c.revenue, c.tickets);
	return acc.toTotals();
}

/** Sold groups as one record: product id → its sold-group keys (how the IndexedDB store keeps them). */
export type SoldGroupsRecord = Record<string, string[]>;

/** Adds sold groups to the record in place; true when it gained any. */
export function addSoldGroups(record: SoldGroupsRecord, sold: readonly SoldGroup[]): boolean {
	let changed = false;
	for (const g of sold) {
		const key = soldGroupKey(g);
		const list = (record[g.productId] ??= []);
		if (!list.includes(key)) { list.push(key); changed = true; }
	}
	return changed;
}

export function soldGroupsOfRecord(record: SoldGroupsRecord): SoldGroup[] {
	return Object.entries(record).flatMap(([id, keys]) => keys.map((k) => soldGroupOfKey(id as ProductId, k)));
}
