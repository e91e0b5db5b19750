// Reading the text of one cell as a number, an amount of money or a date, in the file's dialect.
// These run for every cell of a million-line import, so they scan character codes and allocate
// nothing on the happy path; the *Error functions explain a failure and run only on bad cells.
import type { DateOrder, DecimalMark } from './types';

// Result of the last scan (module state, so the hot path returns no objects).
let mant = 0;
let scale = 0;
let negative = false;

const isSpace = (c: number) => c === 32 || c === 9 || c === 160 || c === 0x202f;
/** £ $ € ¥ and the letters of "EUR"/"USD" are not accepted; only symbols. */
const isCurrency = (c: number) => c === 0xa3 || c === 0x24 || c === 0x20ac || c === 0xa5;

function scan(s: string, dec: DecimalMark): boolean {
	const decCode = dec === ',' ? 44 : 46;
	const thouCode = dec === ',' ? 46 : 44;
	let i = 0;
	let n = s.length;
	while (i < n && isSpace(s.charCodeAt(i))) i++;
	while (n > i && isSpace(s.charCodeAt(n - 1))) n--;
	if (i === n) return false;
	negative = false;
	mant = 0;
	scale = 0;
	let signed = false;
	// Leading sign and currency symbol, in either order ("-£2.55", "£-2.55").
	for (;;) {
		const c = s.charCodeAt(i);
		if (c === 45 || c === 0x2212) {
			if (signed) return false;
			negative = signed = true;
		} else if (c === 43) {
			if (signed) return false;
			signed = true;
		} else if (!isCurrency(c) && !isSpace(c)) break;
		if (++i === n) return false;
	}
	// Trailing currency symbol or sign ("2,50 €", "3-").
	for (;;) {
		const c = s.charCodeAt(n - 1);
		if (c === 45 && !signed) {
			negative = signed = true;
		} else if (!isCurrency(c) && !isSpace(c)) break;
		if (--n === i) return false;
	}
	let digits = 0;
	let group = 0;
	let grouped = false;
	let fraction = false;
	for (; i < n; i++) {
		const c = s.charCodeAt(i);
		if (c >= 48 && c <= 57) {
			mant = mant * 10 + (c - 48);
			digits++;
			if (fraction) scale++;
			else group++;
		} else if (c === decCode && !fraction) {
			if (grouped && group !== 3) return false;
			fraction = true;
		} else if ((c === thouCode || c === 32 || c === 160 || c === 0x202f) && !fraction && group > 0) {
			if (grouped ? group !== 3 : group > 3) return false;
			grouped = true;
			group = 0;
		} else return false;
	}
	if (digits === 0 || mant > Number.MAX_SAFE_INTEGER) return false;
	if (grouped && !fraction && group !== 3) return false;
	return true;
}

/**
 * A cell that cannot be read with the file's decimal mark but reads with the other one and could
 * not be a thousands grouping ("0,90 €" in a file of "1.0" quantities): a column of its own style.
 * "1,234" never gets here (it is 1234 in a '.' file), so nothing ambiguous is guessed.
 */
function scanOther(s: string, dec: DecimalMark): boolean {
	const other: DecimalMark = dec === ',' ? '.' : ',';
	return s.indexOf(other) >= 0 && scan(s, other);
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** "1.234,56" (decimal ',') or "1,234.56" (decimal '.'), with sign and £ $ € ¥; NaN when it is not a number. */
export function parseNumber(s: string, dec: DecimalMark): number {
	if (!scan(s, dec) && !scanOther(s, dec)) return NaN;
	const v = scale === 0 ? mant : mant / POW10[scale];
	return negative ? -v : v;
}

/** An amount of money as integer cents (half away from zero past the second decimal); NaN when it is not a number. */
export function parseCents(s: string, dec: DecimalMark): number {
	if (!scan(s, dec) && !scanOther(s, dec)) return NaN;
	const v = scale <= 2 ? mant * POW10[2 - scale] : Math.round(mant / POW10[scale - 2]);
	return negative ? -v : v;
}

/** A tax rate in percent ("21", "21 %", "10,5"); NaN when it is not one (negative or over 100). */
export function parseRate(s: string): number {
	const t = s.trim().replace(/\s*%$/, '');
	const v = parseNumber(t, t.includes(',') ? ',' : '.');
	return v >= 0 && v <= 100 ? v : NaN;
}

/** Why a cell is not a number, as an English sentence. */
export function numberError(s: string, dec: DecimalMark): string {
	const t = s.trim();
	if (t === '') return 'is empty';
	const other = dec === ',' ? '.' : ',';
	if (/^[-+]?\d+$/.test(t.split(other).join('')) && new RegExp(`\\${other}\\d{1,2}$`).test(t))
		return `"${t}" is not a number with decimal "${dec}" (it looks like it uses "${other}")`;
	return `"${t}" is not a number`;
}

/** Bit per date order: which orders a date fits. */
export const ORDER_BIT: Record<DateOrder, number> = { ymd: 1, dmy: 2, mdy: 4 };
export const DATE_ORDERS: DateOrder[] = ['ymd', 'dmy', 'mdy'];
export const DATE_FORMAT_NAME: Record<DateOrder, string> = { ymd: 'yyyy-mm-dd', dmy: 'dd/mm/yyyy', mdy: 'mm/dd/yyyy' };

const DATE_RE = /^\s*(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:([AaPp])\.?[Mm]\.?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$/;
// Month names in English and Spanish: "12-Jan-2011 08:26", "1 de enero de 2011", "Jan 12, 2011 8:26 PM".
const TIME_PART = '(?:(?:\\s+|T|,\\s*)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?\\s*(?:([AaPp])\\.?[Mm]\\.?)?)?\\s*(?:Z|[+-]\\d{2}:?\\d{2})?\\s*$';
const DAY_NAMED_RE = new RegExp('^\\s*(\\d{1,2})(?:\\s+de)?[\\s./-]+(\\p{L}{3,})\\.?(?:\\s+de)?[\\s./,-]+(\\d{4}|\\d{2})' + TIME_PART, 'u');
const MONTH_NAMED_RE = new RegExp('^\\s*(\\p{L}{3,})\\.?[\\s-]+(\\d{1,2}),?[\\s,-]+(\\d{4})' + TIME_PART, 'u');
const MONTHS = [
	['january', 'enero'], ['february', 'febrero'], ['march', 'marzo'], ['april', 'abril'], ['may', 'mayo'], ['june', 'junio'],
	['july', 'julio'], ['august', 'agosto'], ['september', 'septiembre', 'setiembre'], ['october', 'octubre'], ['november', 'noviembre'], ['december', 'diciembre']
];

/** 1-12 for a month name or its abbreviation of 3+ letters in English or Spanish ("Sept", "ene", "Diciembre"); NaN otherwise. */
function monthOfName(name: string): number {
	const n = name.toLowerCase();
	const i = MONTHS.findIndex((names) => names.some((full) => full.startsWith(n)));
	return i < 0 ? NaN : i + 1;
}

/** A date whose month is a name, in any order the names make unambiguous; NaN when it is not one. */
function parseNamedDate(s: string): number {
	let m = DAY_NAMED_RE.exec(s);
	let day: number;
	if (m) day = dayMs(year(m[3]), monthOfName(m[2]), Number(m[1]));
	else {
		m = MONTH_NAMED_RE.exec(s);
		if (!m) return NaN;
		day = dayMs(Number(m[3]), monthOfName(m[1]), Number(m[2]));
	}
	return day + timeMs(m[4], m[5], m[6], m[7]);
}

const TIME_RE = /^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:([AaPp])\.?[Mm]\.?)?\s*$/;

function year(text: string): number {
	const y = Number(text);
	if (text.length === 2) return y < 70 ? 2000 + y : 1900 + y;
	return text.length === 4 ? y : NaN;
}

function dayMs(y: number, m: number, d: number): number {
	if (!(y >= 1900 && y <= 2200) || m < 1 || m > 12 || d < 1 || d > 31) return NaN;
	const ms = Date.UTC(y, m - 1, d);
	const back = new Date(ms);
	return back.getUTCDate() === d && back.getUTCMonth() === m - 1 ? ms : NaN;
}

function timeMs(h: string | undefined, mi: string | undefined, se: string | undefined, ampm: string | undefined): number {
	if (h === undefined) return 0;
	let hh = Number(h);
	const mm = Number(mi), ss = se === undefined ? 0 : Number(se);
	if (ampm !== undefined) {
		if (hh < 1 || hh > 12) return NaN;
		hh = (hh % 12) + (ampm === 'p' || ampm === 'P' ? 12 : 0);
	}
	if (hh > 23 || mm > 59 || ss > 59) return NaN;
	return ((hh * 60 + mm) * 60 + ss) * 1000;
}

function dateOf(m: RegExpExecArray, order: DateOrder): number {
	const [a, b, c] = [m[1], m[3], m[4]];
	if (order === 'ymd') return a.length === 4 ? dayMs(Number(a), Number(b), Number(c)) : NaN;
	if (a.length > 2) return NaN;
	const y = year(c);
	return order === 'dmy' ? dayMs(y, Number(b), Number(a)) : dayMs(y, Number(a), Number(b));
}

/**
 * A date with optional time ("2010-12-01 08:26:00", "1/12/2010 8:26", "12/1/10 8:26 PM") as a
 * LocalTimestamp; NaN when invalid. A zone suffix (Z, +01:00) is ignored: the wall clock is kept.
 */
export function parseDateTime(s: string, order: DateOrder): number {
	const m = DATE_RE.exec(s);
	if (!m) return parseNamedDate(s);
	const day = dateOf(m, order);
	return day + timeMs(m[5], m[6], m[7], m[8]);
}

/** A time of day ("08:26", "8:26:00 PM") in milliseconds; NaN when invalid. */
export function parseTimeOfDay(s: string): number {
	const m = TIME_RE.exec(s);
	return m ? timeMs(m[1], m[2], m[3], m[4]) : NaN;
}

/** The orders a date cell fits, as ORDER_BIT bits; 0 when it is not a valid date in any order. */
export function dateOrdersOf(s: string): number {
	const m = DATE_RE.exec(s);
	// A month written as a name fits every order: it never makes the file ambiguous.
	if (!m) return Number.isNaN(parseNamedDate(s)) ? 0 : ORDER_BIT.ymd | ORDER_BIT.dmy | ORDER_BIT.mdy;
	let bits = 0;
	for (const o of DATE_ORDERS) if (!Number.isNaN(dateOf(m, o))) bits |= ORDER_BIT[o];
	return bits;
}

export const ordersOfBits = (bits: number): DateOrder[] => DATE_ORDERS.filter((o) => bits & ORDER_BIT[o]);

/** Why a date cell was refused: code 'not_a_date' (wrong shape) or 'invalid_date' (no such day or time). */
export function dateError(s: string, order: DateOrder): { code: string; reason: string } {
	const t = s.trim();
	if (t === '') return { code: 'missing_date', reason: 'the date is empty' };
	const m = DATE_RE.exec(s);
	if (!m && (DAY_NAMED_RE.test(s) || MONTH_NAMED_RE.test(s))) return { code: 'invalid_date', reason: `"${t}" is not a real date or time` };
	if (!m) return { code: 'not_a_date', reason: `"${t}" is not a date in the format ${DATE_FORMAT_NAME[order]}` };
	if (Number.isNaN(dateOf(m, order))) {
		const bits = dateOrdersOf(s);
		return bits === 0
			? { code: 'invalid_date', reason: `"${t}" is not a real date (${DATE_FORMAT_NAME[order]})` }
			: { code: 'invalid_date', reason: `"${t}" does not fit the format ${DATE_FORMAT_NAME[order]} (it fits ${ordersOfBits(bits).map((o) => DATE_FORMAT_NAME[o]).join(' or ')})` };
	}
	return { code: 'invalid_date', reason: `"${t}" has an impossible time of day` };
}

export function timeError(s: string): { code: string; reason: string } {
	const t = s.trim();
	return t === '' ? { code: 'missing_date', reason: 'the time is empty' } : { code: 'invalid_date', reason: `"${t}" is not a time of day (hh:mm or hh:mm:ss)` };
}
