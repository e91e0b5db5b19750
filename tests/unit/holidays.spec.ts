// Holidays and closures: fixed dates learned from a shop's own history (and not from a short or
// sparse one), the owner's list, and both forecast as closed days.
import { describe, expect, it } from 'vitest';
import type { Cents, DayNumber, ProductId } from '../../src/core/brand';
import { weekdayOf } from '../../src/core/forecast/calendar';
import { forecastCatalog } from '../../src/core/forecast/engine';
import { closedDatesOf, learnHolidays, learnHolidaysFromDays, listedHolidays, monthDayOf, monthDayRuns } from '../../src/core/forecast/holidays';
import { isClosedAhead, prepareCatalog } from '../../src/core/forecast/prepare';
import { addToSeries, type ProductSeries } from '../../src/core/product-series';
import { isoDay, parseIsoDay } from '../../src/core/time';
import { startNodeBackend } from '../../src/cli/commands/forecast-run';

const day = (iso: string) => parseIsoDay(iso)!;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as ProductId;
const isClosedOn = (closed: readonly string[], d: number) => closed.includes(isoDay(d as DayNumber).slice(5));

/** Daily shop units from `from` to `to`: `perDay` units, none on Sundays and on the closed dates (MM-DD or YYYY-MM-DD). */
function shopDays(from: string, to: string, closed: readonly string[], perDay = (_d: number) => 10): number[] {
	return Array.from({ length: day(to) - day(from) + 1 }, (_, i) => {
		const d = day(from) + i;
		return weekdayOf(d) === 6 || isClosedOn(closed, d) || closed.includes(isoDay(d as DayNumber)) ? 0 : perDay(d);
	});
}

/** A catalogue of two products selling the shop's days (split 7:3). */
function seriesOf(from: string, units: readonly number[]): ProductSeries[] {
	const start = day(from);
	return [0.7, 0.3].map((share, p) => addToSeries(undefined, id(p + 1), units.flatMap((u, i) => (u > 0 ? [{ day: (start + i) as DayNumber, units: Math.round(u * share), revenue: 100 as Cents, cost: 0 as Cents, lines: 1 }] : []))));
}

const names = (learned: { month: number; day: number }[]) => learned.map((md) => `${String(md.month).padStart(2, '0')}-${String(md.day).padStart(2, '0')}`);

describe('holidays learned from the shop history', () => {
	it('learns 25 December and 1 January from a shop closed on them two years running, not a date it opened on one year', () => {
		// 6 January: closed in 2024, open in 2025.
		const units = shopDays('2023-11-01', '2025-11-30', ['12-25', '01-01', '2024-01-06']);
		expect(names(learnHolidays(units, day('2023-11-01') as DayNumber))).toEqual(['01-01', '12-25']);
	});

	it('learns from a single year the history covers, but not from a shop open on the date that year', () => {
		const closed = shopDays('2024-10-01', '2025-11-30', ['12-25']);
		expect(names(learnHolidays(closed, day('2024-10-01') as DayNumber))).toEqual(['12-25']);
		const open = shopDays('2024-10-01', '2025-11-30', []);
		expect(learnHolidays(open, day('2024-10-01') as DayNumber)).toEqual([]);
	});

	it('learns the days of a Christmas break, which leave few open days around each of them', () => {
		const units = shopDays('2024-10-01', '2025-11-30', ['12-24', '12-25', '12-26', '12-27', '12-31', '01-01']);
		expect(names(learnHolidays(units, day('2024-10-01') as DayNumber))).toEqual(['01-01', '12-24', '12-25', '12-26', '12-27', '12-31']);
	});

	it('learns a date closed in most years, the latest included, and not one the shop has opened on lately', () => {
		// 7 January: closed in 2023 and 2025, open in 2024. 9 January: closed in 2023 and 2024, open in
		// 2025. 10 January: closed in 2025 only.
		const units = shopDays('2022-11-01', '2025-11-30', ['2023-01-07', '2025-01-07', '2023-01-09', '2024-01-09', '2025-01-10']);
		expect(names(learnHolidays(units, day('2022-11-01') as DayNumber))).toEqual(['01-07']);
	});

	it('learns no dates from a shop that shuts on Mondays for a season', () => {
		const units = shopDays('2024-06-01', '2025-05-31', ['2024-10-07', '2024-10-14', '2024-10-21', '2024-10-28']);
		expect(learnHolidays(units, day('2024-06-01') as DayNumber)).toEqual([]);
	});

	it('learns a closed weekday inside a break, so the date is closed when it falls on a trading day', () => {
		// 25 December 2022 was a Sunday (closed every week), between two closed trading days.
		const units = shopDays('2022-10-01', '2023-11-30', ['2022-12-24', '2022-12-26']);
		expect(names(learnHolidays(units, day('2022-10-01') as DayNumber))).toEqual(['12-24', '12-25', '12-26']);
		const catalog = prepareCatalog(seriesOf('2022-10-01', units), day('2023-11-30') as DayNumber);
		expect(isClosedAhead(catalog, day('2023-12-25'))).toBe(true); // a Monday
	});

	it('learns nothing from a sparse shop, where days without sales are common', () => {
		// Sells on about two days in three, and not on 25 December.
		const units = shopDays('2023-11-01', '2025-11-30', ['12-25'], (d) => ((d * 7919) % 3 === 0 ? 0 : 4));
		expect(learnHolidays(units, day('2023-11-01') as DayNumber)).toEqual([]);
	});

	it('learns nothing from a gap in the data or from days before the first sale', () => {
		// Four weeks without sales in the middle of the year: a break or missing data, not a holiday.
		const gap = shopDays('2024-01-01', '2025-11-30', []).map((u, i) => (i >= 150 && i < 178 ? 0 : u));
		expect(learnHolidays(gap, day('2024-01-01') as DayNumber)).toEqual([]);
		// The history's first days sold nothing (before the shop started using the app).
		const late = shopDays('2024-01-01', '2024-12-31', []).map((u, i) => (i < 5 ? 0 : u));
		expect(learnHolidays(late, day('2024-01-01') as DayNumber)).toEqual([]);
	});

	it('reads the same from stored daily totals as from the dense window', () => {
		const units = shopDays('2023-11-01', '2025-11-30', ['12-25', '01-01']);
		const rows = units.flatMap((u, i) => (u > 0 ? [{ day: (day('2023-11-01') + i) as DayNumber, lines: u }] : []));
		expect(names(learnHolidaysFromDays(rows, 1100))).toEqual(['01-01', '12-25']);
		expect(learnHolidaysFromDays([], 1100)).toEqual([]);
	});
});

describe('closed days ahead', () => {
	it('closes the learned dates in every year and the listed dates', () => {
		const closed = closedDatesOf([{ month: 12, day: 25 }], [day('2026-01-06')], day('2024-01-01') as DayNumber, day('2025-11-30') as DayNumber);
		for (const d of ['2024-12-25', '2025-12-25', '2026-12-25', '2026-01-06']) expect(closed.has(day(d)), d).toBe(true);
		expect(closed.has(day('2025-12-24'))).toBe(false);
		expect(monthDayOf(day('2025-12-25'))).toEqual({ month: 12, day: 25 });
	});

	it('groups learned dates into stretches of consecutive days, a Christmas break across the new year as one', () => {
		const md = (month: number, day: number) => ({ month, day });
		const text = (runs: ReturnType<typeof monthDayRuns>) => runs.map((r) => `${r.from.month}-${r.from.day}..${r.to.month}-${r.to.day}`);
		expect(text(monthDayRuns([md(1, 1), md(12, 31), md(4, 22), md(12, 24), md(1, 2), md(2, 28), md(3, 1), md(12, 30), md(4, 25)])))
			.toEqual(['2-28..3-1', '4-22..4-22', '4-25..4-25', '12-24..12-24', '12-30..1-2']);
		expect(text(monthDayRuns([md(12, 25)]))).toEqual(['12-25..12-25']);
		expect(monthDayRuns([])).toEqual([]);
	});

	it('reads the owner list from the setting, leaving out what is not a date', () => {
		expect(listedHolidays(['2026-01-06', 'soon', 7, '2025-12-25', '2026-01-06'])).toEqual([day('2025-12-25'), day('2026-01-06')]);
		expect(listedHolidays(undefined)).toEqual([]);
	});

	it('marks learned and listed dates closed ahead in the prepared catalogue, other days open', () => {
		const units = shopDays('2023-11-01', '2025-11-30', ['12-25']);
		const catalog = prepareCatalog(seriesOf('2023-11-01', units), day('2025-11-30') as DayNumber, [day('2025-12-08')]);
		expect(names(catalog.learnedHolidays)).toEqual(['12-25']);
		expect(isClosedAhead(catalog, day('2025-12-25'))).toBe(true);
		expect(isClosedAhead(catalog, day('2025-12-08'))).toBe(true);
		expect(isClosedAhead(catalog, day('2025-12-09'))).toBe(false);
		expect(isClosedAhead(catalog, day('2025-12-07'))).toBe(true); // a Sunday
		const withoutList = prepareCatalog(seriesOf('2023-11-01', units), day('2025-11-30') as DayNumber);
		expect(isClosedAhead(withoutList, day('2025-12-08'))).toBe(false);
	});

	it('forecasts zero on the next 25 December of a shop closed on it two years running, and demand on the days around it', async () => {
		await startNodeBackend();
		const units = shopDays('2023-11-01', '2025-11-30', ['12-25']);
		const lastDay = day('2025-11-30') as DayNumber;
		const result = await forecastCatalog(seriesOf('2023-11-01', units), { lastDay, horizon: 31, training: { epochs: 1, maxExamples: 4000 } });
		const at = (iso: string) => day(iso) - (lastDay + 1);
		for (const f of result.forecasts) {
			expect(f.mean[at('2025-12-25')]).toBe(0);
			expect(f.mean[at('2025-12-24')]).toBeGreaterThan(0);
			expect(f.mean[at('2025-12-26')]).toBeGreaterThan(0);
		}
	}, 120_000);
});
