import { describe, expect, it } from 'vitest';
import type { LocalTimestamp } from '$core/brand';
import { hourOf, matchesSaleTime, readSaleTimeParams, weekdayOf } from '$core/sale-time-filter';
import { parseIsoLocal } from '$core/time';

const at = (iso: string) => parseIsoLocal(iso) as LocalTimestamp;

describe('sales by weekday and hour of the shop clock', () => {
	it('counts weekdays from Monday = 0, as the dashboard heat map does', () => {
		expect(weekdayOf(at('2026-11-30T09:00'))).toBe(0); // a Monday
		expect(weekdayOf(at('2026-12-05T23:59'))).toBe(5); // Saturday
		expect(weekdayOf(at('2026-12-06T00:00'))).toBe(6); // Sunday
		expect(weekdayOf(at('1970-01-01T12:00'))).toBe(3); // Thursday
		expect(weekdayOf(at('1969-12-29T12:00'))).toBe(0); // a Monday before day 0
	});

	it('reads the hour the sale was rung up in', () => {
		expect(hourOf(at('2026-11-30T00:00'))).toBe(0);
		expect(hourOf(at('2026-11-30T10:59:59'))).toBe(10);
		expect(hourOf(at('2026-11-30T23:30'))).toBe(23);
		expect(hourOf(at('1969-12-31T22:15'))).toBe(22);
	});

	it('passes a sale only when both the weekday and the hour asked for match', () => {
		const mondayTen = at('2026-11-30T10:15');
		expect(matchesSaleTime(mondayTen, {})).toBe(true);
		expect(matchesSaleTime(mondayTen, { weekday: 0 })).toBe(true);
		expect(matchesSaleTime(mondayTen, { weekday: 1 })).toBe(false);
		expect(matchesSaleTime(mondayTen, { hour: 10 })).toBe(true);
		expect(matchesSaleTime(mondayTen, { hour: 11 })).toBe(false);
		expect(matchesSaleTime(mondayTen, { weekday: 0, hour: 10 })).toBe(true);
		expect(matchesSaleTime(mondayTen, { weekday: 0, hour: 9 })).toBe(false);
	});

	it('reads ?weekday and ?hour, and reports values out of range instead of guessing', () => {
		expect(readSaleTimeParams(new URLSearchParams('weekday=0&hour=23'))).toEqual({ filter: { weekday: 0, hour: 23 }, problems: [] });
		expect(readSaleTimeParams(new URLSearchParams(''))).toEqual({ filter: {}, problems: [] });
		expect(readSaleTimeParams(new URLSearchParams('weekday=7&hour=10'))).toEqual({ filter: { hour: 10 }, problems: [{ param: 'weekday', value: '7' }] });
		expect(readSaleTimeParams(new URLSearchParams('hour=24'))).toEqual({ filter: {}, problems: [{ param: 'hour', value: '24' }] });
		expect(readSaleTimeParams(new URLSearchParams('hour=-1&weekday=lunes')).problems).toEqual([{ param: 'weekday', value: 'lunes' }, { param: 'hour', value: '-1' }]);
		expect(readSaleTimeParams(new URLSearchParams('hour=1.5')).filter).toEqual({});
	});
});
