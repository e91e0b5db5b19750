// The dashboard screen's pure parts: its periods and their address, how a figure's change is
// judged, and a chart's table written as CSV.
import { describe, expect, it } from 'vitest';
import type { DayNumber } from '../../src/core/brand';
import { parseIsoDay } from '../../src/core/time';
import { changeOf, isGood } from '../../src/lib/components/dashboard/compare';
import { tableCsv, type ChartTable } from '../../src/lib/components/dashboard/chart-table';
import { lastYearRange, paramsOf, presetRange, previousRange, rangeFromParams } from '../../src/lib/components/dashboard/range';

const day = (iso: string) => parseIsoDay(iso)!;

describe('dashboard periods', () => {
	const today = day('2026-03-15');

	it('gives each quick choice its days, today included', () => {
		expect(presetRange('today', today)).toEqual({ from: today, to: today });
		expect(presetRange('7', today)).toEqual({ from: day('2026-03-09'), to: today });
		expect(presetRange('30', today)).toEqual({ from: day('2026-02-14'), to: today });
		expect(presetRange('90', today)).toEqual({ from: day('2025-12-16'), to: today });
		expect(presetRange('month', today)).toEqual({ from: day('2026-03-01'), to: today });
	});

	it('compares with the same number of days just before, and with the same dates a year earlier', () => {
		const range = { from: day('2026-03-01'), to: day('2026-03-15') };
		expect(previousRange(range)).toEqual({ from: day('2026-02-14'), to: day('2026-02-28') });
		expect(lastYearRange(range)).toEqual({ from: day('2025-03-01'), to: day('2025-03-15') });
		// 29 February a year earlier is the 28th.
		expect(lastYearRange({ from: day('2024-02-29'), to: day('2024-02-29') })).toEqual({ from: day('2023-02-28'), to: day('2023-02-28') });
	});

	it('reads the period back from the address it wrote', () => {
		const week = { preset: '7' as const, ...presetRange('7', today) };
		const params = paramsOf(week, 'Bolsos', null);
		expect(params.toString()).toBe('range=7&category=Bolsos');
		expect(rangeFromParams(params, today)).toEqual(week);
		const custom = { preset: 'custom' as const, from: day('2026-01-05'), to: day('2026-02-01') };
		expect(paramsOf(custom, null, 'sup-1').toString()).toBe('from=2026-01-05&to=2026-02-01&supplier=sup-1');
		expect(rangeFromParams(paramsOf(custom, null, null), today)).toEqual(custom);
		// The default period writes nothing.
		expect(paramsOf({ preset: '30', ...presetRange('30', today) }, null, null).toString()).toBe('');
	});

	it('falls back to the last 30 days for an address it cannot use', () => {
		const thirty = { preset: '30', ...presetRange('30', today) };
		expect(rangeFromParams(new URLSearchParams('range=12'), today)).toEqual(thirty);
		expect(rangeFromParams(new URLSearchParams('from=2026-02-30&to=2026-03-01'), today)).toEqual(thirty);
		expect(rangeFromParams(new URLSearchParams('from=2026-03-10&to=2026-03-01'), today)).toEqual(thirty);
		expect(rangeFromParams(new URLSearchParams('from=2000-01-01&to=2026-03-01'), today)).toEqual(thirty);
	});
});

describe('how a figure moved', () => {
	it('says a relative change, and nothing when there was nothing to compare with', () => {
		expect(changeOf(112, 100, 'relative')).toEqual({ direction: 'up', amount: 0.12, fromNothing: false });
		expect(changeOf(90, 100, 'relative').direction).toBe('down');
		expect(changeOf(100.2, 100, 'relative').direction).toBe('flat');
		expect(changeOf(50, null, 'relative')).toEqual({ direction: 'none', amount: null, fromNothing: false });
		// Sold nothing then: no percentage, but it did go up.
		expect(changeOf(50, 0, 'relative')).toEqual({ direction: 'up', amount: null, fromNothing: true });
		expect(changeOf(0, 0, 'relative').direction).toBe('flat');
	});

	it('subtracts shares in percentage points and scores as they are', () => {
		expect(changeOf(0.43, 0.41, 'points').amount).toBeCloseTo(2);
		expect(changeOf(0.41, 0.4102, 'points').direction).toBe('flat');
		expect(changeOf(75, 72, 'difference')).toEqual({ direction: 'up', amount: 3, fromNothing: false });
	});

	it('calls a move good or bad only for figures where more (or less) is better', () => {
		expect(isGood('up', true)).toBe(true);
		expect(isGood('down', true)).toBe(false);
		expect(isGood('up', false)).toBe(false);
		expect(isGood('up', null)).toBeNull();
		expect(isGood('flat', true)).toBeNull();
		expect(isGood('none', true)).toBeNull();
	});
});

describe('a chart table as CSV', () => {
	const table: ChartTable = {
		columns: [
			{ label: 'Día', kind: 'day' },
			{ label: 'Categoría', kind: 'text' },
			{ label: 'Ventas', kind: 'money' },
			{ label: 'Parte', kind: 'percent' },
			{ label: 'Unidades', kind: 'number' }
		],
		rows: [
			{ cells: [day('2026-03-01') as DayNumber, 'Hogar; cocina', 123456, 0.41237, 12.5], href: '/products?category=Hogar' },
			{ cells: [day('2026-03-02') as DayNumber, '=SUM(A1)', -250, null, 0] }
		]
	};

	it('writes exact values with their units in the headers, in the spreadsheet style asked for', () => {
		const text = tableCsv(table, { delimiter: ';', decimal: ',' }, 'EUR');
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(text.slice(1).split('\r\n')).toEqual([
			'Día;Categoría;Ventas (EUR);Parte (%);Unidades',
			'2026-03-01;"Hogar; cocina";1234,56;41,24;12,5',
			"2026-03-02;'=SUM(A1);-2,50;;0",
			''
		]);
		expect(tableCsv(table, { delimiter: ',', decimal: '.' }, 'USD').split('\r\n')[1]).toBe('2026-03-01,Hogar; cocina,1234.56,41.24,12.5');
	});
});
