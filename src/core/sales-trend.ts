// The dashboard chart's series: revenue per day and its trailing moving average.
import type { DayNumber } from './brand';
import type { DayTotals } from './types';

/** Mean of each value and the window-1 values before it; the first ones average what exists. */
export function trailingAverage(values: readonly number[], window: number): number[] {
	const out: number[] = [];
	let sum = 0;
	values.forEach((v, i) => {
		sum += v;
		if (i >= window) sum -= values[i - window];
		out.push(sum / Math.min(i + 1, window));
	});
	return out;
}

export interface RevenueTrend {
	days: DayNumber[];
	/** Cents per day. */
	revenue: number[];
	/** Cents per day, averaged over the trailing window. */
	average: number[];
	units: number[];
}

/**
 * The last `shown` days of a daily series with a `window`-day average. Pass window-1 extra days
 * before the shown ones so that the first shown day already averages a full window.
 */
export function revenueTrend(series: readonly DayTotals[], shown: number, window = 7): RevenueTrend {
	const average = trailingAverage(series.map((d) => d.revenue), window);
	const start = Math.max(0, series.length - shown);
	const tail = series.slice(start);
	return {
		days: tail.map((d) => d.day),
		revenue: tail.map((d) => d.revenue),
		average: average.slice(start),
		units: tail.map((d) => d.units)
	};
}

/** The latest day with sales in a list of daily totals, or null. */
export function lastDayWithSales(days: readonly DayTotals[]): DayNumber | null {
	let last: DayNumber | null = null;
	for (const d of days) if (d.lines > 0 && (last === null || d.day > last)) last = d.day;
	return last;
}
