// Many products' daily sales in one columnar record. A bulk import touches thousands of products:
// written as one record per product that costs thousands of IndexedDB writes per batch (~6,500
// records/s); as one chunk per batch it costs one. Readers merge the few chunks a store holds.
import type { Cents, DayNumber, LocalTimestamp, ProductId } from './brand';
import { lineNetRevenue, type SaleBlock } from './sale-blocks';
import type { ProductSeries } from './product-series';
import { dayOf } from './time';
import type { DayTotals, ProductDayTotals } from './types';

export interface SeriesChunk {
	/** Products with at least one day here, in run order. */
	productIds: ProductId[];
	/** Product i's days are entries starts[i] .. starts[i+1]-1, ascending by day. */
	starts: Int32Array;
	days: Int32Array;
	units: Float64Array;
	revenue: Float64Array;
	cost: Float64Array;
	lines: Uint32Array;
}

/** Day numbers stay below 2^16 until the year 2149, so product slot and day share one exact number key. */
const DAY_SLOTS = 65536;

/** Sums (product, day) entries in any order and hands them back as a chunk sorted by product and day. */
export class SeriesAccumulator {
	private readonly slotOf = new Map<ProductId, number>();
	private readonly ids: ProductId[] = [];
	private readonly entryOf = new Map<number, number>();
	private keys = new Float64Array(1024);
	private units = new Float64Array(1024);
	private revenue = new Float64Array(1024);
	private cost = new Float64Array(1024);
	private lines = new Uint32Array(1024);
	private size = 0;

	get entries() { return this.size; }

	slot(productId: ProductId): number {
		let s = this.slotOf.get(productId);
		if (s === undefined) {
			s = this.ids.length;
			this.slotOf.set(productId, s);
			this.ids.push(productId);
		}
		return s;
	}

	add(slot: number, day: number, units: number, revenue: number, cost: number, lines: number) {
		const key = slot * DAY_SLOTS + day;
		let e = this.entryOf.get(key);
		if (e === undefined) {
			if (this.size === this.keys.length) this.grow();
			e = this.size++;
			this.entryOf.set(key, e);
			this.keys[e] = key;
		}
		this.units[e] += units;
		this.revenue[e] += revenue;
		this.cost[e] += cost;
		this.lines[e] += lines;
	}

	addChunk(chunk: SeriesChunk) {
		for (let p = 0; p < chunk.productIds.length; p++) {
			const slot = this.slot(chunk.productIds[p]);
			for (let i = chunk.starts[p]; i < chunk.starts[p + 1]; i++) {
				this.add(slot, chunk.days[i], chunk.units[i], chunk.revenue[i], chunk.cost[i], chunk.lines[i]);
			}
		}
	}

	toChunk(): SeriesChunk {
		const n = this.size;
		const sorted = this.keys.slice(0, n).sort();
		const out: SeriesChunk = {
			productIds: [], starts: new Int32Array(0), days: new Int32Array(n), units: new Float64Array(n),
			revenue: new Float64Array(n), cost: new Float64Array(n), lines: new Uint32Array(n)
		};
		const starts: number[] = [];
		let lastSlot = -1;
		for (let i = 0; i < n; i++) {
			const key = sorted[i];
			const slot = Math.floor(key / DAY_SLOTS);
			if (slot !== lastSlot) {
				out.productIds.push(this.ids[slot]);
				starts.push(i);
				lastSlot = slot;
			}
			const e = this.entryOf.get(key)!;
			out.days[i] = key - slot * DAY_SLOTS;
			out.units[i] = this.units[e];
			out.revenue[i] = this.revenue[e];
			out.cost[i] = this.cost[e];
			out.lines[i] = this.lines[e];
		}
		starts.push(n);
		out.starts = Int32Array.from(starts);
		return out;
	}

	private grow() {
		const cap = this.keys.length * 2;
		const bigger = <T extends Float64Array | Uint32Array>(a: T, make: (n: number) => T): T => { const b = make(cap); b.set(a); return b; };
		this.keys = bigger(this.keys, (c) => new Float64Array(c));
		this.units = bigger(this.units, (c) => new Float64Array(c));
		this.revenue = bigger(this.revenue, (c) => new Float64Array(c));
		this.cost = bigger(this.cost, (c) => new Float64Array(c));
		this.lines = bigger(this.lines, (c) => new Uint32Array(c));
	}
}

export interface BlocksDelta {
	/** Every product-day the blocks sold on. */
	series: SeriesChunk;
	/** The shop's totals per day. */
	shop: Map<DayNumber, DayTotals>;
}

/** Sums blocks' lines per product-day and per day. costOf gives a product's unit cost in cents. */
export function deltaOfBlocks(blocks: readonly SaleBlock[], costOf: (p: ProductId) => number): BlocksDelta {
	const acc = new SeriesAccumulator();
	const shop = new Map<DayNumber, DayTotals>();
	for (const b of blocks) {
		const slots = b.products.map((id) => acc.slot(id));
		const costs = b.products.map(costOf);
		const saleDays = Array.from(b.saleAt, (at) => dayOf(at as LocalTimestamp));
		for (let l = 0; l < b.lineCount; l++) {
			const day = saleDays[b.lineSale[l]];
			const p = b.lineProduct[l];
			const q = b.quantity[l];
			const revenue = lineNetRevenue(b, l);
			const cost = Math.round(q * costs[p]);
			acc.add(slots[p], day, q, revenue, cost, 1);
			let t = shop.get(day);
			if (!t) shop.set(day, (t = { day, units: 0, revenue: 0 as Cents, cost: 0 as Cents, lines: 0 }));
			t.units += q;
			t.revenue = (t.revenue + revenue) as Cents;
			t.cost = (t.cost + cost) as Cents;
			t.lines += 1;
		}
	}
	return { series: acc.toChunk(), shop };
}

/** One chunk holding the sum of several. */
export function mergeChunks(chunks: readonly SeriesChunk[]): SeriesChunk {
	const acc = new SeriesAccumulator();
	for (const c of chunks) acc.addChunk(c);
	return acc.toChunk();
}

/** One product's series across chunks (undefined when it never sold). */
export function seriesOfProduct(chunks: readonly SeriesChunk[], productId: ProductId): ProductSeries | undefined {
	const acc = new SeriesAccumulator();
	const slot = acc.slot(productId);
	for (const c of chunks) {
		const p = c.productIds.indexOf(productId);
		if (p < 0) continue;
		for (let i = c.starts[p]; i < c.starts[p + 1]; i++) acc.add(slot, c.days[i], c.units[i], c.revenue[i], c.cost[i], c.lines[i]);
	}
	return acc.entries ? splitChunk(acc.toChunk())[0] : undefined;
}

/**
 * Every product's series across chunks: splitChunk(mergeChunks(chunks)), same products in the
 * same order and the same sums, without a map lookup per entry. A product's runs are joined as
 * they are when their days follow one another (chunks are written in time order, so they mostly
 * do; a batch split mid-day shares one day with the next), and summed through the accumulator
 * otherwise. What reading a large history cost most.
 */
export function seriesOfChunks(chunks: readonly SeriesChunk[]): ProductSeries[] {
	if (chunks.length === 1) return splitChunk(chunks[0]);
	const runs = new Map<ProductId, number[]>();
	chunks.forEach((c, k) => {
		for (let p = 0; p < c.productIds.length; p++) {
			const id = c.productIds[p];
			let list = runs.get(id);
			if (!list) runs.set(id, (list = []));
			list.push(k, c.starts[p], c.starts[p + 1]);
		}
	});
	const out: ProductSeries[] = [];
	for (const [productId, list] of runs) {
		if (list.length === 3) {
			const c = chunks[list[0]], from = list[1], to = list[2];
			out.push({ productId, days: c.days.slice(from, to), units: c.units.slice(from, to), revenue: c.revenue.slice(from, to), cost: c.cost.slice(from, to), lines: c.lines.slice(from, to) });
			continue;
		}
		let n = 0;
		for (let r = 0; r < list.length; r += 3) n += list[r + 2] - list[r + 1];
		const s = { productId, days: new Int32Array(n), units: new Float64Array(n), revenue: new Float64Array(n), cost: new Float64Array(n), lines: new Uint32Array(n) };
		// Join the runs; a run starting on the day the one before ended (a batch split mid-day) adds into that day.
		let at = 0, ordered = true;
		for (let r = 0; r < list.length && ordered; r += 3) {
			const c = chunks[list[r]];
			let from = list[r + 1];
			const to = list[r + 2];
			if (at > 0 && c.days[from] <= s.days[at - 1]) {
				if (c.days[from] < s.days[at - 1]) { ordered = false; break; }
				s.units[at - 1] += c.units[from]; s.revenue[at - 1] += c.revenue[from]; s.cost[at - 1] += c.cost[from]; s.lines[at - 1] += c.lines[from];
				from++;
			}
			s.days.set(c.days.subarray(from, to), at); s.units.set(c.units.subarray(from, to), at); s.revenue.set(c.revenue.subarray(from, to), at);
			s.cost.set(c.cost.subarray(from, to), at); s.lines.set(c.lines.subarray(from, to), at);
			at += to - from;
		}
		if (!ordered) {
			out.push(sortAndSum(productId, chunks, list));
			continue;
		}
		out.push(at === n ? s : { productId, days: s.days.slice(0, at), units: s.units.slice(0, at), revenue: s.revenue.slice(0, at), cost: s.cost.slice(0, at), lines: s.lines.slice(0, at) });
	}
	return out;
}

/** A product's runs whose days interleave (chunks of overlapping periods): summed through the accumulator, in chunk order. */
function sortAndSum(productId: ProductId, chunks: readonly SeriesChunk[], list: readonly number[]): ProductSeries {
	const acc = new SeriesAccumulator();
	const slot = acc.slot(productId);
	for (let r = 0; r < list.length; r += 3) {
		const c = chunks[list[r]];
		for (let i = list[r + 1]; i < list[r + 2]; i++) acc.add(slot, c.days[i], c.units[i], c.revenue[i], c.cost[i], c.lines[i]);
	}
	return splitChunk(acc.toChunk())[0];
}

/** A chunk as one ProductSeries per product. */
export function splitChunk(chunk: SeriesChunk): ProductSeries[] {
	return chunk.productIds.map((productId, p) => {
		const from = chunk.starts[p], to = chunk.starts[p + 1];
		return {
			productId, days: chunk.days.slice(from, to), units: chunk.units.slice(from, to), revenue: chunk.revenue.slice(from, to),
			cost: chunk.cost.slice(from, to), lines: chunk.lines.slice(from, to)
		};
	});
}

/** A chunk's entries as product-day totals, in product then day order. */
export function chunkEntries(chunk: SeriesChunk): ProductDayTotals[] {
	const out: ProductDayTotals[] = [];
	chunk.productIds.forEach((productId, p) => {
		for (let i = chunk.starts[p]; i < chunk.starts[p + 1]; i++) {
			out.push({ productId, day: chunk.days[i] as DayNumber, units: chunk.units[i], revenue: chunk.revenue[i] as Cents, cost: chunk.cost[i] as Cents, lines: chunk.lines[i] });
		}
	});
	return out;
}

/** Per-product series (e.g. from an older store) as one chunk. */
export function chunkOfSeries(series: readonly ProductSeries[]): SeriesChunk {
	const acc = new SeriesAccumulator();
	for (const s of series) {
		const slot = acc.slot(s.productId);
		for (let i = 0; i < s.days.length; i++) acc.add(slot, s.days[i], s.units[i], s.revenue[i], s.cost[i], s.lines[i]);
	}
	return acc.toChunk();
}
