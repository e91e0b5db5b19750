// Calendar facts forecasting needs: weekday and month of a DayNumber, and the shop's closed days.
import type { DayNumber } from '../brand';
import { MS_PER_DAY } from '../time';

/** 0 = Monday .. 6 = Sunday (1970-01-01, day 0, was a Thursday). */
export const weekdayOf = (day: number): number => (day + 3) % 7;

/** 0 = January .. 11 = December. */
export const monthOf = (day: number): number => new Date(day * MS_PER_DAY).getUTCMonth();

/** Below this share of trading, a weekday counts as one the shop is closed (Online Retail: Saturdays). */
const CLOSED_WEEKDAY_SHARE = 0.2;
/** Weeks looked back at to decide which weekdays the shop trades on now. */
const CLOSED_WEEKDAY_WEEKS = 26;

/**
 * Weekdays on which the shop (almost) never sells, from the shop's daily totals: a weekday is closed
 * when fewer than 20% of its last 26 occurrences had any sale. shopUnits[i] is day startDay + i.
 */
export function closedWeekdays(shopUnits: ArrayLike<number>, startDay: DayNumber): boolean[] {
	const seen = new Array<number>(7).fill(0), open = new Array<number>(7).fill(0);
	const from = Math.max(0, shopUnits.length - CLOSED_WEEKDAY_WEEKS * 7);
	for (let i = from; i < shopUnits.length; i++) {
		const w = weekdayOf(startDay + i);
		seen[w]++;
		if (shopUnits[i] > 0) open[w]++;
	}
	// Fewer than 4 occurrences of a weekday is too little to call it closed.
	return seen.map((n, w) => n >= 4 && open[w] < CLOSED_WEEKDAY_SHARE * n);
}
