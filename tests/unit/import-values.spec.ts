// Cell parsing for imports: numbers in both decimal styles, money in cents, dates in every order.
import { describe, expect, it } from 'vitest';
import { dateError, dateOrdersOf, numberError, ORDER_BIT, parseCents, parseDateTime, parseNumber, parseTimeOfDay } from '../../src/core/import/values';
import { decodeBytes, detectEncoding, Utf8Check } from '../../src/core/import/decode';
import { KeySet, lineKey } from '../../src/core/import/hash';

const at = (y: number, m: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, m - 1, d, h, mi, s);

describe('numbers', () => {
	it('reads both decimal styles, signs, spaces and currency symbols', () => {
		expect(parseNumber('1.234,56', ',')).toBe(1234.56);
		expect(parseNumber('1,234.56', '.')).toBe(1234.56);
		expect(parseNumber('-3', '.')).toBe(-3);
		expect(parseNumber(' 2,5 ', ',')).toBe(2.5);
		expect(parseNumber('£2.55', '.')).toBe(2.55);
		expect(parseNumber('-£2.55', '.')).toBe(-2.55);
		expect(parseNumber('9,95 €', ',')).toBe(9.95);
		expect(parseNumber('1 234,5', ',')).toBe(1234.5);
		expect(parseNumber('0.29', '.')).toBe(0.29);
	});
	it('rejects text; reads the other decimal style only where it cannot be a thousands grouping', () => {
		expect(parseNumber('dos', '.')).toBeNaN();
		expect(parseNumber('9.95abc', '.')).toBeNaN();
		expect(parseNumber('1,23,4', '.')).toBeNaN();
		expect(parseNumber('', '.')).toBeNaN();
		expect(parseNumber('--1', '.')).toBeNaN();
		expect(numberError('dos', '.')).toBe('"dos" is not a number');
		// "0,90 €" in a file whose other columns say '.', and "1.5" in a ',' file
		expect(parseCents('0,90 €', '.')).toBe(90);
		expect(parseNumber('1.5', ',')).toBe(1.5);
		// …but a thousands grouping keeps the file's style
		expect(parseNumber('1,234', '.')).toBe(1234);
		expect(parseNumber('1.234', ',')).toBe(1234);
	});
	it('gives money as exact cents', () => {
		expect(parseCents('2.55', '.')).toBe(255);
		expect(parseCents('1.234,5', ',')).toBe(123450);
		expect(parseCents('0.125', '.')).toBe(13);
		expect(parseCents('-2', '.')).toBe(-200);
		expect(parseCents('1.10', '.')).toBe(110);
	});
});

describe('dates', () => {
	it('reads ISO, day-first and month-first dates with or without time, and 2-digit years', () => {
		expect(parseDateTime('2010-12-01 08:26:00', 'ymd')).toBe(at(2010, 12, 1, 8, 26));
		expect(parseDateTime('2010-12-01T08:26', 'ymd')).toBe(at(2010, 12, 1, 8, 26));
		expect(parseDateTime('30-10-2016', 'dmy')).toBe(at(2016, 10, 30));
		expect(parseDateTime('15/01/2024 10:30', 'dmy')).toBe(at(2024, 1, 15, 10, 30));
		expect(parseDateTime('12/1/10 8:26', 'mdy')).toBe(at(2010, 12, 1, 8, 26));
		expect(parseDateTime('03/15/2024 2:30 PM', 'mdy')).toBe(at(2024, 3, 15, 14, 30));
		expect(parseDateTime('31.12.23', 'dmy')).toBe(at(2023, 12, 31));
		expect(parseTimeOfDay('09:58:11')).toBe(((9 * 60 + 58) * 60 + 11) * 1000);
		expect(parseDateTime('2024-01-15T10:30:00.000Z', 'ymd')).toBe(at(2024, 1, 15, 10, 30));
		expect(parseDateTime('2024-01-15T10:30:00+01:00', 'ymd')).toBe(at(2024, 1, 15, 10, 30));
	});
	it('reads month names in English and Spanish, whatever the file\'s date order', () => {
		for (const order of ['ymd', 'dmy', 'mdy'] as const) {
			expect(parseDateTime('12-Jan-2011 08:26', order)).toBe(at(2011, 1, 12, 8, 26));
			expect(parseDateTime('1 de enero de 2011', order)).toBe(at(2011, 1, 1));
			expect(parseDateTime('Jan 12, 2011 8:26 PM', order)).toBe(at(2011, 1, 12, 20, 26));
			expect(parseDateTime('3 sept. 2023', order)).toBe(at(2023, 9, 3));
			expect(parseDateTime('05-dic-23', order)).toBe(at(2023, 12, 5));
			expect(parseDateTime('Diciembre 24 2023', order)).toBe(at(2023, 12, 24));
		}
		expect(dateOrdersOf('12-Jan-2011')).toBe(ORDER_BIT.ymd | ORDER_BIT.dmy | ORDER_BIT.mdy);
		expect(parseDateTime('30-Feb-2011', 'dmy')).toBeNaN();
		expect(dateError('30-Feb-2011', 'dmy').code).toBe('invalid_date');
		expect(parseDateTime('12-Foo-2011', 'dmy')).toBeNaN();
		expect(dateOrdersOf('12 units 2011')).toBe(0);
	});
	it('rejects impossible dates and times with a specific reason', () => {
		expect(parseDateTime('2021-02-30', 'ymd')).toBeNaN();
		expect(dateError('2021-02-30', 'ymd')).toEqual({ code: 'invalid_date', reason: '"2021-02-30" is not a real date (yyyy-mm-dd)' });
		expect(parseDateTime('13/25/2024', 'dmy')).toBeNaN();
		expect(dateError('15/01/2024', 'mdy').reason).toMatch(/does not fit the format mm\/dd\/yyyy \(it fits dd\/mm\/yyyy\)/);
		expect(dateError('ayer', 'dmy')).toEqual({ code: 'not_a_date', reason: '"ayer" is not a date in the format dd/mm/yyyy' });
		expect(parseDateTime('2024-01-01 25:00', 'ymd')).toBeNaN();
		expect(dateError('2024-01-01 25:00', 'ymd').reason).toMatch(/impossible time/);
	});
	it('tells which orders a date fits', () => {
		expect(dateOrdersOf('01/02/2024')).toBe(ORDER_BIT.dmy | ORDER_BIT.mdy);
		expect(dateOrdersOf('13/02/2024')).toBe(ORDER_BIT.dmy);
		expect(dateOrdersOf('2/13/2024')).toBe(ORDER_BIT.mdy);
		expect(dateOrdersOf('2024-02-13')).toBe(ORDER_BIT.ymd);
		expect(dateOrdersOf('hello')).toBe(0);
	});
});

describe('encodings', () => {
	it('tells UTF-8 with and without BOM from Windows-1252, and decodes € and ñ', () => {
		const latin = new Uint8Array([0x6e, 0x69, 0xf1, 0x6f, 0x3b, 0x39, 0x2c, 0x39, 0x35, 0x20, 0x80]);
		expect(detectEncoding(latin)).toBe('windows-1252');
		expect(decodeBytes(latin, 'windows-1252')).toBe('niño;9,95 €');
		const utf8 = new TextEncoder().encode('niño');
		expect(detectEncoding(utf8)).toBe('utf-8');
		expect(detectEncoding(utf8.subarray(0, 3))).toBe('utf-8'); // ñ cut at the end of the sample
		const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
		expect(detectEncoding(bom)).toBe('utf-8-bom');
		expect(decodeBytes(bom, 'utf-8-bom')).toBe('niño');
	});
	it('checks a whole file chunk by chunk, characters cut between chunks included', () => {
		const utf8 = new TextEncoder().encode('Camiseta niño €');
		const check = new Utf8Check();
		for (let i = 0; i < utf8.length; i += 3) expect(check.push(utf8.subarray(i, i + 3))).toBe(true);
		expect(check.end()).toBe(true);
		const latin = new Utf8Check();
		expect(latin.push(new TextEncoder().encode('plain ascii'))).toBe(true);
		expect(latin.push(new Uint8Array([0x6e, 0x69, 0xf1, 0x6f]))).toBe(false);
		const cut = new Utf8Check();
		cut.push(utf8.subarray(0, utf8.length - 1));
		expect(cut.end()).toBe(false);
	});
});

describe('line keys', () => {
	it('are 53-bit, differ by every part and by occurrence, and a KeySet holds them', () => {
		const k = lineKey('536365', at(2010, 12, 1), '85123A', 6, 255, 0);
		expect(Number.isSafeInteger(k)).toBe(true);
		const others = [lineKey('536366', at(2010, 12, 1), '85123A', 6, 255, 0), lineKey('536365', at(2010, 12, 2), '85123A', 6, 255, 0),
			lineKey('536365', at(2010, 12, 1), '85123B', 6, 255, 0), lineKey('536365', at(2010, 12, 1), '85123A', 5, 255, 0),
			lineKey('536365', at(2010, 12, 1), '85123A', 6, 256, 0), lineKey('536365', at(2010, 12, 1), '85123A', 6, 255, 1)];
		expect(new Set([k, ...others]).size).toBe(7);
		const set = new KeySet(4);
		for (let i = 0; i < 5000; i++) expect(set.add(lineKey('x', i, 's', 1, 1, 0))).toBe(true);
		expect(set.add(lineKey('x', 42, 's', 1, 1, 0))).toBe(false);
		expect(set.has(lineKey('x', 4999, 's', 1, 1, 0))).toBe(true);
		expect(set.has(lineKey('x', 5000, 's', 1, 1, 0))).toBe(false);
		expect(set.size).toBe(5000);
	});
});
