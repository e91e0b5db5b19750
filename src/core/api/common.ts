// The zod pieces every resource of the API shares: money in and out, the shop's codes, ISO dates
// and times in the shop's wall clock, quantities, opaque cursors and page sizes, and the words for
// the core's validation codes. Pure: the server validates with these, clients are typed by them.
import { z } from 'zod';
import type { Cents, DayNumber, LocalTimestamp } from '../brand';
import { isoDay, isoLocal, parseIsoDay, parseIsoLocal } from '../time';
import type { ErrorCode } from '../validation';
import type { FieldErrorBody } from './problem';

// ---- Money ------------------------------------------------------------------------------------

const MONEY_PATTERN = /^-?\d+(\.\d{1,2})?$/;
const MONEY_HINT = 'must be an amount in currency units with at most two decimals: a string such as "12.50" or a number such as 12.5';

/** Cents from an amount in currency units, or null when it has more than two decimals or is not finite. */
export function centsOf(amount: number | string): Cents | null {
	if (typeof amount === 'string' && !MONEY_PATTERN.test(amount.trim())) return null;
	const n = typeof amount === 'number' ? amount : Number(amount.trim());
	if (!Number.isFinite(n) || Math.abs(n) > Number.MAX_SAFE_INTEGER / 100) return null;
	const c = Math.round(n * 100);
	if (Math.abs(n * 100 - c) > 1e-6) return null;
	return (c === 0 ? 0 : c) as Cents;
}

/** Cents as the API writes them: a decimal string with two decimals ("12.50", "-0.05"). */
export function moneyText(c: Cents | number): string {
	const abs = Math.abs(Math.round(c));
	return `${c < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** An amount sent to the API, read into cents. Whether it may be negative is the core's rule. */
export const MoneyInput = z
	.union([z.string().regex(MONEY_PATTERN, { error: MONEY_HINT }), z.number({ error: MONEY_HINT })], { error: MONEY_HINT })
	.transform((v, ctx) => {
		const c = centsOf(v);
		if (c === null) {
			ctx.addIssue({ code: 'custom', message: MONEY_HINT });
			return z.NEVER;
		}
		return c;
	})
	.meta({ id: 'Money', description: 'An amount in the currency\'s units: a decimal string ("12.50") or a number (12.5); stored as whole cents, so at most two decimals.' });

export const MoneyOutput = z.string().regex(MONEY_PATTERN)
	.meta({ id: 'MoneyText', description: 'An amount in the currency\'s units as a decimal string with two decimals, e.g. "12.50".' });

// ---- Codes, text, quantities -------------------------------------------------------------------

/** The shop's own product code: what the API names products by (never an internal id). */
export const Sku = z.string().trim().min(1, { error: 'must not be empty' }).max(64)
	.meta({ id: 'Sku', description: 'The shop\'s own product code (unique in the shop), e.g. "85123A".' });

/** Free text of a form field; the core trims it and checks its length. */
export const Text = (max = 200) => z.string().max(max);

/** Units: fractional allowed (goods sold by weight); the core says which signs and sizes are allowed. */
export const Quantity = z.number({ error: 'must be a number of units' })
	.meta({ id: 'Quantity', description: 'Units; fractional quantities are allowed (goods sold by weight).' });

// ---- Dates and times --------------------------------------------------------------------------

/** A string read by a core parser; null from the parser is the message. */
const parsedBy = <T>(parse: (s: string) => T | null, message: string) => z.string().transform((s, ctx) => {
	const v = parse(s);
	if (v === null) {
		ctx.addIssue({ code: 'custom', message });
		return z.NEVER;
	}
	return v;
});

/** 'YYYY-MM-DD' in, a day number out. */
export const IsoDate = parsedBy(parseIsoDay, 'must be a date as YYYY-MM-DD')
	.meta({ id: 'IsoDate', description: 'A calendar day of the shop, YYYY-MM-DD.', example: '2024-11-03' });

/** 'YYYY-MM-DDTHH:mm[:ss]' in the shop's wall clock, no zone. */
export const IsoLocalDateTime = parsedBy(parseIsoLocal, 'must be a local date and time as YYYY-MM-DDTHH:mm[:ss] (the shop\'s wall clock, no zone)')
	.meta({ id: 'IsoLocalDateTime', description: 'The shop\'s wall-clock date and time, YYYY-MM-DDTHH:mm[:ss], without a zone.', example: '2024-11-03T10:30:00' });

export const DateText = z.string().meta({ id: 'DateText', description: 'A calendar day, YYYY-MM-DD.', example: '2024-11-03' });
export const DateTimeText = z.string().meta({ id: 'DateTimeText', description: 'The shop\'s wall-clock time, YYYY-MM-DDTHH:mm:ss (no zone).', example: '2024-11-03T10:30:00' });

export const dateText = (d: DayNumber | number): string => isoDay(d as DayNumber);
export const dateTimeText = (t: LocalTimestamp | number): string => isoLocal(t as LocalTimestamp);
export const maybeDateText = (d: number | null): string | null => (d === null ? null : dateText(d));
export const maybeDateTimeText = (t: number | null): string | null => (t === null ? null : dateTimeText(t));

// ---- Query strings ----------------------------------------------------------------------------

/** A true/false query parameter. */
export const QueryFlag = z.enum(['true', 'false']).transform((v) => v === 'true')
	.meta({ description: 'true or false' });

/** How many items a page holds. */
export const Limit = (fallback = 50, max = 500) =>
	z.coerce.number().int().min(1).max(max).default(fallback).describe(`Items per page (1-${max}, default ${fallback})`);

/** An opaque position in a list: pass back the next_cursor of the previous page. */
export const CursorText = z.string().max(1000).regex(/^[A-Za-z0-9_-]*$/, { error: 'must be a next_cursor this API returned' })
	.meta({ id: 'Cursor', description: 'Opaque: the next_cursor of the previous page.' });

export const NextCursor = z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page.');

/** A page of a list and where the next one starts. */
export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
	z.object({ items: z.array(item), next_cursor: NextCursor }).meta({ id });

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function utf8Bytes(s: string): number[] {
	const out: number[] = [];
	const enc = encodeURIComponent(s);
	for (let i = 0; i < enc.length; i++) {
		if (enc[i] === '%') {
			out.push(parseInt(enc.slice(i + 1, i + 3), 16));
			i += 2;
		} else out.push(enc.charCodeAt(i));
	}
	return out;
}

/** Base64url (no padding) of a value's JSON: cursors are opaque to clients, not secret. */
export function encodeCursor(value: unknown): string {
	const bytes = utf8Bytes(JSON.stringify(value));
	let s = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
		s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
		if (i + 1 < bytes.length) s += B64[(n >> 6) & 63];
		if (i + 2 < bytes.length) s += B64[n & 63];
	}
	return s;
}

/** The value a cursor holds, or undefined when it is not one this API made. */
export function decodeCursor(cursor: string): unknown {
	try {
		const bytes: number[] = [];
		let bits = 0, acc = 0;
		for (const ch of cursor) {
			const v = B64.indexOf(ch);
			if (v < 0) return undefined;
			acc = (acc << 6) | v;
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				bytes.push((acc >> bits) & 255);
			}
		}
		return JSON.parse(decodeURIComponent(bytes.map((b) => '%' + b.toString(16).padStart(2, '0')).join('')));
	} catch {
		return undefined;
	}
}

/** A keyset position (time, id) as sales and movements lists page by, newest first. */
export interface TimeKey { at: number; id: string }

export const encodeTimeKey = (k: TimeKey): string => encodeCursor([k.at, k.id]);

export function decodeTimeKey(cursor: string): TimeKey | undefined {
	const v = decodeCursor(cursor);
	if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number' || !Number.isFinite(v[0]) || typeof v[1] !== 'string') return undefined;
	return { at: v[0], id: v[1] };
}

// ---- Field errors -----------------------------------------------------------------------------

const REASONS: Record<ErrorCode, string> = {
	required: 'is required',
	too_long: 'is too long',
	not_a_number: 'must be a number',
	negative: 'cannot be negative',
	not_integer: 'must be a whole number',
	must_be_positive: 'must be greater than zero',
	duplicate: 'already exists',
	invalid_email: 'is not a valid email address',
	invalid_barcode: 'is not a valid EAN-8/12/13/14 barcode (check digit)',
	not_found: 'was not found',
	too_large: 'is too large',
	invalid_date: 'is not a valid date',
	insufficient_lines: 'needs at least one line',
	not_zero: 'cannot be zero',
	is_style: 'is a product with options (a style): choose one of its variants',
	style_has_history: 'cannot get options: the product has sales, stock or orders (make a new product with options instead)',
	style_has_variants: 'cannot lose its options while it has variants (archive the variants instead)',
	variant_has_options: 'cannot have options: the product is a variant of another',
	too_many_variants: 'make too many variants (at most 100 combinations)',
	unknown_tax_rate: "is not one of the shop's tax rates"
};

/** The words for a core validation code, with the code itself so clients can branch on it. */
export const reasonOf = (code: ErrorCode): string => `${REASONS[code] ?? code} (${code})`;

/**
 * The core's per-field codes as API field errors: `names` maps the core's field names to the JSON
 * ones and `where` is the prefix ("body", "body.lines.2").
 */
export function fieldErrors<F extends string>(errors: Partial<Record<F, ErrorCode>>, names: Record<F, string>, where = 'body'): FieldErrorBody[] {
	return (Object.entries(errors) as [F, ErrorCode][]).map(([f, code]) => ({ field: `${where}.${names[f] ?? f}`, reason: reasonOf(code) }));
}

/**
 * Line errors of the core ({line, field, code}; line -1 is the whole list) as API field errors;
 * `list` null for a body that is one line (an adjustment), whose fields are the body's own.
 */
export function lineErrors(errors: readonly { line: number; field: string; code: ErrorCode }[], names: Record<string, string>, list: string | null = 'lines'): FieldErrorBody[] {
	return errors.map((e) => {
		const name = names[e.field] ?? e.field;
		const field = list === null ? `body.${name}` : e.line < 0 ? `body.${list}` : `body.${list}.${e.line}.${name}`;
		return { field, reason: reasonOf(e.code) };
	});
}

/**
 * One page of a list sorted by a unique code (SKU, customer code), after the code a cursor holds;
 * undefined when the cursor is not one this API made.
 */
export function pageByCode<T>(sorted: readonly T[], codeOf: (item: T) => string, cursor: string | undefined, limit: number): { items: T[]; next_cursor: string | null } | undefined {
	let start = 0;
	if (cursor !== undefined) {
		const after = decodeCursor(cursor);
		if (typeof after !== 'string') return undefined;
		const at = sorted.findIndex((item) => codeOf(item) === after);
		// The code is gone (deleted since): the first one after it.
		start = at >= 0 ? at + 1 : sorted.findIndex((item) => codeOf(item).localeCompare(after) > 0);
		if (start < 0) start = sorted.length;
	}
	const items = sorted.slice(start, start + limit);
	return { items, next_cursor: start + limit < sorted.length ? encodeCursor(codeOf(items[items.length - 1])) : null };
}
