// Validation of what people type and what files bring. Errors are codes per field; the UI turns
// them into words in the user's language, the CLI and import reports into English text.
export const ERROR_CODES = [
	'required', 'too_long', 'not_a_number', 'negative', 'not_integer', 'must_be_positive',
	'duplicate', 'invalid_email', 'invalid_barcode', 'not_found', 'too_large', 'invalid_date',
	'insufficient_lines', 'not_zero',
	// Products with options (variants.ts): a style is never stocked; a product with history cannot become one.
	'is_style', 'style_has_history', 'style_has_variants', 'variant_has_options', 'too_many_variants', 'unknown_tax_rate'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type FieldErrors<F extends string = string> = Partial<Record<F, ErrorCode>>;
export type Validation<T, F extends string = string> =
	| { ok: true; value: T }
	| { ok: false; errors: FieldErrors<F> };

export const MAX_TEXT = 200;
export const MAX_QUANTITY = 1_000_000;

/** A field checker collects the first error per field. */
export class Checker<F extends string> {
	readonly errors: FieldErrors<F> = {};
	get ok() { return Object.keys(this.errors).length === 0; }
	fail(field: F, code: ErrorCode) { if (!this.errors[field]) this.errors[field] = code; }

	text(field: F, raw: string, opts: { required?: boolean; max?: number } = {}): string {
		const v = (raw ?? '').trim();
		if (opts.required && v === '') this.fail(field, 'required');
		if (v.length > (opts.max ?? MAX_TEXT)) this.fail(field, 'too_long');
		return v;
	}

	/** A number typed with either decimal mark ("2,5" or "2.5"); empty gives fallback. */
	number(field: F, raw: string | number, opts: { required?: boolean; min?: number; integer?: boolean; positive?: boolean; fallback?: number | null } = {}): number | null {
		const s = String(raw ?? '').trim();
		if (s === '') {
			if (opts.required) this.fail(field, 'required');
			return opts.fallback ?? null;
		}
		if (!/^-?\d+([.,]\d+)?$/.test(s)) { this.fail(field, 'not_a_number'); return null; }
		const n = Number(s.replace(',', '.'));
		if (opts.integer && !Number.isInteger(n)) this.fail(field, 'not_integer');
		else if (opts.positive && n <= 0) this.fail(field, 'must_be_positive');
		else if (n < (opts.min ?? 0)) this.fail(field, 'negative');
		else if (Math.abs(n) > MAX_QUANTITY) this.fail(field, 'too_large');
		return n;
	}

	email(field: F, raw: string): string {
		const v = this.text(field, raw);
		if (v !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) this.fail(field, 'invalid_email');
		return v;
	}
}

/** EAN-8/12/13/14 check digit, so a mistyped barcode is caught at the counter. */
export function isValidBarcode(code: string): boolean {
	if (!/^\d{8}$|^\d{12,14}$/.test(code)) return false;
	const digits = [...code].map(Number);
	const check = digits.pop()!;
	const sum = digits.reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
	return (10 - (sum % 10)) % 10 === check;
}
