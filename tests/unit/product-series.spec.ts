import { describe, expect, it } from 'vitest';
import type { Cents, DayNumber, ProductId } from '$core/brand';
import { addToSeries, seriesDays } from '$core/product-series';
import type { DayTotals } from '$core/types';

const P = 'p1' as ProductId;
const d = (day: number, units: number, revenue = units * 100): DayTotals => ({ day: day as DayNumber, units, revenue: revenue as Cents, cost: 0 as Cents, lines: 1 });

describe('product series', () => {
	it('merges new days in order and sums days it already has', () => {
		const first = addToSeries(undefined, P, [d(10, 2), d(5, 1)]);
		expect([...first.days]).toEqual([5, 10]);
		const second = addToSeries(first, P, [d(10, 3), d(7, 1), d(12, -1)]);
		expect([...second.days]).toEqual([5, 7, 10, 12]);
		expect([...second.units]).toEqual([1, 1, 5, -1]);
		expect([...second.lines]).toEqual([1, 1, 2, 1]);
		expect([...first.days]).toEqual([5, 10]);
	});

	it('sums duplicate days within one addition', () => {
		const s = addToSeries(undefined, P, [d(3, 1), d(3, 2)]);
		expect([...s.days]).toEqual([3]);
		expect([...s.units]).toEqual([3]);
	});

	it('returns the days within a range', () => {
		const s = addToSeries(undefined, P, [d(1, 1), d(4, 2), d(9, 3)]);
		expect(seriesDays(s, 2 as DayNumber, 9 as DayNumber).map((t) => [t.day, t.units])).toEqual([[4, 2], [9, 3]]);
		expect(seriesDays(s, 10 as DayNumber, 20 as DayNumber)).toEqual([]);
		expect(seriesDays(undefined, 0 as DayNumber, 20 as DayNumber)).toEqual([]);
	});
});
