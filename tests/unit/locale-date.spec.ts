import { describe, expect, it } from 'vitest';
import type { DayNumber } from '$core/brand';
import { dayLayout, dayPlaceholder, formatDayText, localizeIsoDays, parseDayText } from '$core/locale-date';
import { isoDay, parseIsoDay } from '$core/time';

const day = (iso: string) => parseIsoDay(iso)!;
const parsed = (text: string, locale: string) => {
	const result = parseDayText(text, locale);
	return result.ok ? (result.day === null ? null : isoDay(result.day)) : result.problem;
};

describe('days in the chosen locale', () => {
	it('writes the day in each locale order with two-digit day and month', () => {
		expect(formatDayText(day('2026-12-31'), 'es-ES')).toBe('31/12/2026');
		expect(formatDayText(day('2026-12-31'), 'en-US')).toBe('12/31/2026');
		expect(formatDayText(day('2026-03-05'), 'en-GB')).toBe('05/03/2026');
		expect(formatDayText(day('2026-03-05'), 'de-DE')).toBe('05.03.2026');
	});

	it('knows the order and separator of the locale', () => {
		expect(dayLayout('es-AR')).toEqual({ order: ['day', 'month', 'year'], separator: '/' });
		expect(dayLayout('en-US')).toEqual({ order: ['month', 'day', 'year'], separator: '/' });
		expect(dayLayout('de-DE')).toEqual({ order: ['day', 'month', 'year'], separator: '.' });
	});

	it('builds the placeholder from the language letters in the locale order', () => {
		expect(dayPlaceholder('es-ES', { day: 'dd', month: 'mm', year: 'aaaa' })).toBe('dd/mm/aaaa');
		expect(dayPlaceholder('en-US', { day: 'dd', month: 'mm', year: 'yyyy' })).toBe('mm/dd/yyyy');
	});

	it.each([
		['31/12/2026', 'es-ES', '2026-12-31'],
		['5/3/2026', 'es-ES', '2026-03-05'],
		['5-3-26', 'es-MX', '2026-03-05'],
		['05.03.2026', 'es-ES', '2026-03-05'],
		[' 5 3 2026 ', 'en-GB', '2026-03-05'],
		['31122026', 'es-ES', '2026-12-31'],
		['3/5/2026', 'en-US', '2026-03-05'],
		['12312026', 'en-US', '2026-12-31'],
		['2026-12-31', 'en-US', '2026-12-31'],
		['29/02/2024', 'es-ES', '2024-02-29']
	])('reads %s typed in %s', (text, locale, iso) => {
		expect(parsed(text, locale)).toBe(iso);
	});

	it('reads the same digits differently in day-first and month-first locales', () => {
		expect(parsed('03/05/2026', 'es-ES')).toBe('2026-05-03');
		expect(parsed('03/05/2026', 'en-US')).toBe('2026-03-05');
	});

	it('round-trips what it writes', () => {
		for (const locale of ['es-ES', 'es-MX', 'es-AR', 'en-GB', 'en-US', 'de-DE']) {
			const d = day('2027-01-09');
			expect(parsed(formatDayText(d, locale), locale)).toBe('2027-01-09');
		}
	});

	it('treats empty text as no date', () => {
		expect(parseDayText('   ', 'es-ES')).toEqual({ ok: true, day: null });
	});

	it.each([
		['31/12', 'format'], ['hoy', 'format'], ['1/2/3/4', 'format'], ['1/2/202', 'format'],
		['123/1/2026', 'format'], ['1x2x2026', 'format'], ['2026/12/31', 'format']
	])('refuses %s as not a date', (text, problem) => {
		expect(parsed(text, 'es-ES')).toBe(problem);
	});

	it.each([['31/02/2026'], ['29/02/2025'], ['10/13/2026'], ['00/01/2026'], ['2026-02-30']])('refuses %s: no such day', (text) => {
		expect(parsed(text, 'es-ES')).toBe('noSuchDay');
	});

	it('refuses days outside the allowed range', () => {
		const range = { min: day('2026-01-10'), max: day('2026-01-20') };
		expect(parseDayText('09/01/2026', 'es-ES', range)).toEqual({ ok: false, problem: 'beforeMin' });
		expect(parseDayText('21/01/2026', 'es-ES', range)).toEqual({ ok: false, problem: 'afterMax' });
		expect(parseDayText('20/01/2026', 'es-ES', range)).toEqual({ ok: true, day: day('2026-01-20') as DayNumber });
	});

	it('writes the ISO days inside a note the locale way, leaving the rest alone', () => {
		expect(localizeIsoDays('demo · 2026-11-05 – 2026-11-27', 'es-ES')).toBe('demo · 05/11/2026 – 27/11/2026');
		expect(localizeIsoDays('demo · 2026-11-05 – 2026-11-27', 'en-US')).toBe('demo · 11/05/2026 – 11/27/2026');
		expect(localizeIsoDays('lote 2026-02-30, ref 12026-01-01x', 'es-ES')).toBe('lote 2026-02-30, ref 12026-01-01x');
		expect(localizeIsoDays('sin fechas', 'es-ES')).toBe('sin fechas');
	});
});
