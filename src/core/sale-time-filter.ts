// Sales on one weekday and/or at one hour of the shop's clock: the dashboard's heat-map cells open
// the sales history with ?weekday=0-6&hour=0-23 (Monday = 0, as the heat map's rows), read from the
// sale's local time (LocalTimestamp is the wall clock, so no time zone enters here).
import type { LocalTimestamp } from './brand';
import { MS_PER_DAY } from './time';

export interface SaleTimeFilter {
	/** 0 = Monday … 6 = Sunday. */
	weekday?: number;
	/** 0 … 23, the hour the sale was rung up in (10 = 10:00–10:59). */
	hour?: number;
}

const MS_PER_HOUR = 3_600_000;
/** Day 0 (1970-01-01) was a Thursday: Monday-based index 3. */
const WEEKDAY_OF_DAY_ZERO = 3;

export const weekdayOf = (at: LocalTimestamp | number): number => {
	const day = Math.floor(at / MS_PER_DAY);
	return (((day + WEEKDAY_OF_DAY_ZERO) % 7) + 7) % 7;
};

export const hourOf = (at: LocalTimestamp | number): number => Math.floor((((at % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_HOUR);

/** True when the sale at this time passes the weekday and hour asked for (either may be absent). */
export function matchesSaleTime(at: LocalTimestamp | number, filter: SaleTimeFilter): boolean {
	if (filter.weekday !== undefined && weekdayOf(at) !== filter.weekday) return false;
	if (filter.hour !== undefined && hourOf(at) !== filter.hour) return false;
	return true;
}

export type SaleTimeProblem = { param: 'weekday' | 'hour'; value: string };

/**
 * ?weekday and ?hour from an address: whole numbers in range, else left out and reported (a
 * hand-edited or stale link says what was wrong instead of silently showing something else).
 */
export function readSaleTimeParams(params: { get(name: string): string | null }): { filter: SaleTimeFilter; problems: SaleTimeProblem[] } {
	const filter: SaleTimeFilter = {};
	const problems: SaleTimeProblem[] = [];
	const read = (param: 'weekday' | 'hour', max: number) => {
		const value = params.get(param);
		if (value === null || value === '') return;
		if (/^\d{1,2}$/.test(value) && Number(value) <= max) filter[param] = Number(value);
		else problems.push({ param, value });
	};
	read('weekday', 6);
	read('hour', 23);
	return { filter, problems };
}
