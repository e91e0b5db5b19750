// Calendar days written the way the shop's locale writes them (31/12/2026 in es-ES, 12/31/2026 in
// en-US): formatting, the field order a person types in, and a forgiving but strict parser for what
// they type. Pure: DateInput.svelte and its tests both use it.
import type { DayNumber } from './brand';
import { MS_PER_DAY, parseIsoDay } from './time';

export type DayPart = 'day' | 'month' | 'year';

export interface DayLayout {
	/** The order the locale writes the parts in, e.g. ['month', 'day', 'year'] for en-US. */
	order: DayPart[];
	/** The character between the parts ('/' for es-ES, '.' for de-DE). */
	separator: string;
}

export type DayTextProblem =
	/** Not readable as a date in this locale (letters, too many parts, a 3-digit year…). */
	| 'format'
	/** Readable but no such day (31/02, month 13). */
	| 'noSuchDay'
	| 'beforeMin'
	| 'afterMax';

export type DayTextResult = { ok: true; day: DayNumber | null } | { ok: false; problem: DayTextProblem };

const SAMPLE = new Date(Date.UTC(2026, 11, 31));
const layouts = new Map<string, DayLayout>();

function dayFormat(locale: string): Intl.DateTimeFormat {
	return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** How the locale lays out a numeric date. */
export function dayLayout(locale: string): DayLayout {
	let layout = layouts.get(locale);
	if (!layout) {
		const parts = dayFormat(locale).formatToParts(SAMPLE);
		const order = parts.map((p) => p.type).filter((type): type is DayPart => type === 'day' || type === 'month' || type === 'year');
		const literal = parts.find((p) => p.type === 'literal')?.value.trim() || '/';
		layout = { order: order.length === 3 ? order : ['day', 'month', 'year'], separator: literal };
		layouts.set(locale, layout);
	}
	return layout;
}

/** The day as the locale writes it with two-digit day and month (what the field shows). */
export function formatDayText(day: DayNumber, locale: string): string {
	return dayFormat(locale).format(new Date(day * MS_PER_DAY));
}

/** A hint such as "dd/mm/aaaa" from the language's letters for each part. */
export function dayPlaceholder(locale: string, letters: Record<DayPart, string>): string {
	const { order, separator } = dayLayout(locale);
	return order.map((part) => letters[part]).join(separator);
}

/** Two-digit years are read as this century, as people write them on receipts. */
const CENTURY = 2000;

/**
 * Reads what a person typed: the locale's order with any of / . - or spaces between the parts,
 * one- or two-digit day and month, two- or four-digit year; also eight digits without separators
 * (31122026) and ISO 2026-12-31 (pasted from a file). Empty text is "no date" (day null).
 */
export function parseDayText(text: string, locale: string, range: { min?: DayNumber; max?: DayNumber } = {}): DayTextResult {
	const trimmed = text.trim();
	if (trimmed === '') return { ok: true, day: null };
	const day = readDay(trimmed, locale);
	if (typeof day === 'string') return { ok: false, problem: day };
	if (range.min !== undefined && day < range.min) return { ok: false, problem: 'beforeMin' };
	if (range.max !== undefined && day > range.max) return { ok: false, problem: 'afterMax' };
	return { ok: true, day };
}

function readDay(text: string, locale: string): DayNumber | DayTextProblem {
	if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(text)) {
		const [y, m, d] = text.split('-').map(Number);
		return dayFrom(y, m, d);
	}
	const { order } = dayLayout(locale);
	let pieces: string[];
	if (/^\d{8}$/.test(text)) {
		// Digits only: the year takes four, day and month two each, in the locale's order.
		let at = 0;
		pieces = order.map((part) => text.slice(at, (at += part === 'year' ? 4 : 2)));
	} else {
		pieces = text.split(/\s*[/.\-\s]\s*/);
	}
	if (pieces.length !== 3 || !pieces.every((p) => /^\d+$/.test(p))) return 'format';
	const value: Partial<Record<DayPart, string>> = {};
	order.forEach((part, i) => (value[part] = pieces[i]));
	const { day: d, month: m, year: y } = value as Record<DayPart, string>;
	if (d.length > 2 || m.length > 2 || (y.length !== 2 && y.length !== 4)) return 'format';
	return dayFrom(y.length === 2 ? CENTURY + Number(y) : Number(y), Number(m), Number(d));
}

function dayFrom(year: number, month: number, day: number): DayNumber | DayTextProblem {
	const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	return parseIsoDay(iso) ?? 'noSuchDay';
}

/**
 * Text with ISO days in it (notes written by imports and the sample shop: "demo · 2026-11-05 –
 * 2026-11-27") with each valid one written the locale's way; anything else is left as it is.
 */
export function localizeIsoDays(text: string, locale: string): string {
	return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => {
		const day = parseIsoDay(iso);
		return day === null ? iso : formatDayText(day, locale);
	});
}
