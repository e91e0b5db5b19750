import { describe, expect, it } from 'vitest';
import { lineTotal, parseMoneyInput, toCents } from '$core/money';
import { dayOf, isoDay, isoLocal, monthStart, parseIsoDay, parseIsoLocal } from '$core/time';
import type { Cents, DayNumber } from '$core/brand';

describe('money', () => {
	it('rounds amounts to whole cents without float dust', () => {
		expect(toCents(2.55)).toBe(255);
		expect(toCents(0.1 + 0.2)).toBe(30);
		expect(toCents(-1.005)).toBe(-101);
		expect(toCents(0)).toBe(0);
	});

	it.each([
		['12', 1200], ['12,5', 1250], ['12.50', 1250], ['1.234,56', 123456], ['1,234.56', 123456],
		['0,99', 99], ['€ 3,20', 320], ['-4,00', -400], ['1.234', 123400], ['12.', 1200]
	])('parses %s typed by a person', (text, cents) => {
		expect(parseMoneyInput(text)).toBe(cents);
	});

	it.each(['', 'abc', '1.2.3', '12,345,6', '1..2', ',', '--3'])('rejects %s', (text) => {
		expect(parseMoneyInput(text)).toBeNull();
	});

	it('computes line totals in cents after discount', () => {
		expect(lineTotal(3, 255 as Cents, 65 as Cents)).toBe(700);
		expect(lineTotal(1.5, 199 as Cents, 0 as Cents)).toBe(299);
	});
});

describe('shop-local time', () => {
	it('parses strict ISO days and rejects impossible dates', () => {
		expect(isoDay(parseIsoDay('2011-09-30')!)).toBe('2011-09-30');
		expect(parseIsoDay('2021-02-30')).toBeNull();
		expect(parseIsoDay('2021-13-01')).toBeNull();
		expect(parseIsoDay('30/09/2011')).toBeNull();
	});

	it('keeps the wall clock: a 23:30 sale stays on its day', () => {
		const t = parseIsoLocal('2011-03-01 23:30')!;
		expect(isoLocal(t)).toBe('2011-03-01T23:30:00');
		expect(isoDay(dayOf(t))).toBe('2011-03-01');
		expect(parseIsoLocal('2011-03-01T24:00')).toBeNull();
	});

	it('finds the first day of the month', () => {
		expect(isoDay(monthStart(parseIsoDay('2024-02-29') as DayNumber))).toBe('2024-02-01');
	});
});
