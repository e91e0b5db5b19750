import { describe, expect, it } from 'vitest';
import type { Cents, DayNumber } from '../../src/core/brand';
import { emptyDay } from '../../src/core/daily-totals';
import { lastDayWithSales, revenueTrend, trailingAverage } from '../../src/core/sales-trend';

const day = (d: number, revenue: number, lines = revenue > 0 ? 1 : 0) => ({ ...emptyDay(d as DayNumber), revenue: revenue as Cents, units: lines, lines });

describe('trailingAverage', () => {
	it('averages the window ending at each value', () => {
		expect(trailingAverage([7, 0, 0, 0, 0, 0, 0, 14], 7)).toEqual([7, 3.5, 7 / 3, 1.75, 1.4, 7 / 6, 1, 2]);
	});

	it('returns an empty list for no values', () => {
		expect(trailingAverage([], 7)).toEqual([]);
	});
});

describe('revenueTrend', () => {
	it('keeps the last shown days and averages over the days before them too', () => {
		const series = [day(1, 700), day(2, 0), day(3, 0), day(4, 0), day(5, 0), day(6, 0), day(7, 0), day(8, 1400)];
		const trend = revenueTrend(series, 2, 7);
		expect(trend.days).toEqual([7, 8]);
		expect(trend.revenue).toEqual([0, 1400]);
		expect(trend.average).toEqual([100, 200]);
		expect(trend.units).toEqual([0, 1]);
	});

	it('shows the whole series when it is shorter than asked', () => {
		expect(revenueTrend([day(5, 100)], 90).days).toEqual([5]);
	});
});

describe('lastDayWithSales', () => {
	it('finds the latest day that has lines, in any order', () => {
		expect(lastDayWithSales([day(3, 100), day(9, 0), day(7, 50), day(1, 10)])).toBe(7);
	});

	it('is null without sales', () => {
		expect(lastDayWithSales([day(3, 0)])).toBeNull();
	});
});
