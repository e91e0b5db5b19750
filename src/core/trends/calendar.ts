// Calendar arithmetic the trends need: weekdays, months, and weeks counted back from a day.
import type { DayNumber } from '../brand';
import { MS_PER_DAY } from '../time';

/** 0 = Monday … 6 = Sunday (day 0, 1970-01-01, was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;

/** 0 = January … 11 = December. */
export const monthOf = (day: number): number => new Date(day * MS_PER_DAY).getUTCMonth();

/** The first day of the month after the one containing day. */
export function nextMonthStart(day: number): number {
	const date = new Date(day * MS_PER_DAY);
	return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / MS_PER_DAY;
}

/** Week 0 is the 7 days ending on asOf, week 1 the 7 before, and so on. */
export const weekIndex = (day: number, asOf: DayNumber): number => Math.floor((asOf - day) / 7);

/**
 * Which of the `weeks` weeks before asOf the shop was open in (at least one day with sales).
 * Weeks it was shut (holidays) say nothing about demand, so they are left out of every weekly test.
 */
export function openWeeks(openDays: ReadonlySet<number>, asOf: DayNumber, weeks: number): boolean[] {
	const open = new Array<boolean>(weeks).fill(false);
	for (const d of openDays) {
		const w = weekIndex(d, asOf);
		if (d <= asOf && w < weeks) open[w] = true;
	}
	return open;
}

/** Units per week for the `weeks` weeks ending on asOf (index 0 = the latest week). */
export function weeklyUnits(days: ArrayLike<number>, units: ArrayLike<number>, asOf: DayNumber, weeks: number): number[] {
	const out = new Array<number>(weeks).fill(0);
	const from = asOf - weeks * 7 + 1;
	for (let i = 0; i < days.length; i++) {
		const d = days[i];
		if (d < from || d > asOf) continue;
		out[weekIndex(d, asOf)] += units[i];
	}
	return out;
}
