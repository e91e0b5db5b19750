// Quantities as people type them ("3", "2,5", "-1"), read with the same rules as every form.
import { roundQty } from './ledger';
import { Checker, MAX_QUANTITY, type ErrorCode } from './validation';

/** positive: sold or received; zeroOrMore: a count; signed: an adjustment (zero is refused by the use case). */
export type QuantityRule = 'positive' | 'zeroOrMore' | 'signed';

export type ParsedQuantity = { ok: true; value: number } | { ok: false; code: ErrorCode };

export function parseQuantity(text: string, rule: QuantityRule): ParsedQuantity {
	const c = new Checker<'q'>();
	const value = c.number('q', text, { required: true, positive: rule === 'positive', min: rule === 'signed' ? -MAX_QUANTITY : 0 });
	return c.errors.q ? { ok: false, code: c.errors.q } : { ok: true, value: roundQty(value!) };
}

/** The number, or null while what is typed is not (yet) a valid quantity. */
export function quantityOrNull(text: string, rule: QuantityRule): number | null {
	const parsed = parseQuantity(text, rule);
	return parsed.ok ? parsed.value : null;
}

/** Writes a quantity back into a field, keeping the decimal mark the person used. */
export function quantityText(n: number, like = ''): string {
	const text = String(roundQty(n));
	return like.includes(',') ? text.replace('.', ',') : text;
}
