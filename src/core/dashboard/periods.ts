// The periods a dashboard range is compared with: the same number of days just before it, and the
// same calendar dates a year earlier (29 February becomes the 28th).
import type { DayNumber } from '../brand';
import { MS_PER_DAY } from '../time';

export interface DayRange { from: DayNumber; to: DayNumber }

export const rangeLength = (r: DayRange) => r.to - r.from + 1;

export function previousRange(r: DayRange): DayRange {
	const n = rangeLength(r);
	return { from: (r.from - n) as DayNumber, to: (r.from - 1) as DayNumber };
}

/** The same calendar day a year earlier. */
export function yearBefore(day: DayNumber): DayNumber {
	const d = new Date(day * MS_PER_DAY);
	const y = d.getUTCFullYear() - 1, m = d.getUTCMonth();
	const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
	return (Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfMonth)) / MS_PER_DAY) as DayNumber;
}

export const lastYearRange = (r: DayRange): DayRange => ({ from: yearBefore(r.from), to: yearBefore(r.to) });

/** First index of a sorted array whose value is >= value. */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
	let lo = 0, hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
