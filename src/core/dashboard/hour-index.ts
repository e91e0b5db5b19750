// The hour cells the dashboard holds, by period of BUCKET_DAYS days and group, each group's cells
// sorted by day. A worker loads only the periods a query needs (its range, the period before and
// the same dates a year earlier: a few of the history's dozens), and the rest when a query asks.
import type { DayNumber } from '../brand';
import type { HourTotals } from './hour-totals';
import type { DayRange } from './periods';

/** Days per period (IndexedDB keeps one record per period too: dexie-dashboard.ts). */
export const BUCKET_DAYS = 32;
export const bucketOf = (day: number): DayNumber => (day - (((day % BUCKET_DAYS) + BUCKET_DAYS) % BUCKET_DAYS)) as DayNumber;

/** One group's cells of one period, sorted by day. */
export interface GroupCells {
	day: Int32Array;
	hour: Uint8Array;
	revenue: Float64Array;
	tickets: Uint32Array;
}

export class HourIndex {
	private readonly buckets = new Map<number, Map<string, GroupCells>>();
	private readonly loaded = new Set<number>();

	/** complete: every period is held (what was added is all there is). */
	constructor(private readonly complete = false) {}

	/** An index of every cell there is. */
	static of(totals: HourTotals): HourIndex {
		const index = new HourIndex(true);
		index.addCells(totals);
		return index;
	}

	/** Adds the cells of the periods from bucketOf(from) to bucketOf(to), all of them (a period is never held in part). */
	add(totals: HourTotals, from: number, to: number) {
		for (let b: number = bucketOf(from); b <= to; b += BUCKET_DAYS) this.loaded.add(b);
		this.addCells(totals);
	}

	/** The spans of whole periods the ranges need and the index does not hold, merged. */
	missing(ranges: readonly DayRange[]): DayRange[] {
		if (this.complete) return [];
		const need = new Set<number>();
		for (const r of ranges) for (let b: number = bucketOf(r.from); b <= r.to; b += BUCKET_DAYS) if (!this.loaded.has(b)) need.add(b);
		const starts = [...need].sort((a, b) => a - b);
		const spans: DayRange[] = [];
		for (const b of starts) {
			const last = spans.at(-1);
			if (last && last.to + 1 === b) last.to = (b + BUCKET_DAYS - 1) as DayNumber;
			else spans.push({ from: b as DayNumber, to: (b + BUCKET_DAYS - 1) as DayNumber });
		}
		return spans;
	}

	/** Calls fn for each cell of the group in the range, in day order. */
	forEach(group: string, r: DayRange, fn: (day: number, hour: number, revenue: number, tickets: number) => void) {
		for (let b: number = bucketOf(r.from); b <= r.to; b += BUCKET_DAYS) {
			if (!this.complete && !this.loaded.has(b)) throw new Error(`the dashboard's hour totals of day ${b} were not read`);
			const c = this.buckets.get(b)?.get(group);
			if (!c) continue;
			for (let i = 0; i < c.day.length; i++) if (c.day[i] >= r.from && c.day[i] <= r.to) fn(c.day[i], c.hour[i], c.revenue[i], c.tickets[i]);
		}
	}

	private addCells(t: HourTotals) {
		// Stores hand cells sorted by day: a period's cells are one run, counted per group then copied (sorted first if not).
		const n = t.day.length;
		let sorted = true;
		for (let i = 1; i < n && sorted; i++) sorted = t.day[i - 1] <= t.day[i];
		const order = sorted ? null : Array.from({ length: n }, (_, i) => i).sort((a, b) => t.day[a] - t.day[b]);
		const at = (k: number) => (order ? order[k] : k);
		const counts = new Uint32Array(t.groups.length), filled = new Uint32Array(t.groups.length);
		for (let start = 0; start < n;) {
			const b = bucketOf(t.day[at(start)]);
			let end = start;
			while (end < n && t.day[at(end)] < b + BUCKET_DAYS) end++;
			counts.fill(0);
			filled.fill(0);
			for (let k = start; k < end; k++) counts[t.group[at(k)]]++;
			const cells: (GroupCells | undefined)[] = [];
			const bucket = new Map<string, GroupCells>();
			counts.forEach((count, g) => {
				if (count === 0) return;
				cells[g] = { day: new Int32Array(count), hour: new Uint8Array(count), revenue: new Float64Array(count), tickets: new Uint32Array(count) };
				bucket.set(t.groups[g], cells[g]!);
			});
			for (let k = start; k < end; k++) {
				const i = at(k), g = t.group[i], c = cells[g]!, j = filled[g]++;
				c.day[j] = t.day[i]; c.hour[j] = t.hour[i]; c.revenue[j] = t.revenue[i]; c.tickets[j] = t.tickets[i];
			}
			this.buckets.set(b, bucket);
			start = end;
		}
	}
}
