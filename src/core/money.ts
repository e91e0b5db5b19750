// Money as integer cents. Parsing accepts both decimal styles a Spanish or English user types.
import type { Cents } from './brand';

/** Rounds a decimal amount (e.g. 2.55) to cents, half away from zero. */
export function toCents(amount: number): Cents {
	const c = Math.round(Math.abs(amount) * 100 + 1e-9) * Math.sign(amount);
	return (c === 0 ? 0 : c) as Cents;
}

export const fromCents = (c: Cents): number => c / 100;

/**
 * Parses what a person types as a price: "12", "12,5", "12.50", "1.234,56", "1,234.56".
 * The last separator followed by 1-2 digits is the decimal mark; others group thousands.
 * Returns null for anything that is not a plain amount.
 */
export function parseMoneyInput(text: string): Cents | null {
	const s = text.trim().replace(/\s|€|\$|£/g, '');
	if (!/^-?[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
	const negative = s.startsWith('-');
	const body = negative ? s.slice(1) : s;
	const lastSep = Math.max(body.lastIndexOf('.'), body.lastIndexOf(','));
	let whole = body;
	let frac = '';
	if (lastSep >= 0 && body.length - lastSep - 1 <= 2) {
		whole = body.slice(0, lastSep);
		frac = body.slice(lastSep + 1);
		// The decimal mark cannot also group thousands ("12,345,6").
		if (whole.includes(body[lastSep])) return null;
	}
	// Thousands groups must be exactly three digits.
	const groups = whole.split(/[.,]/);
	if (groups.length > 1 && (groups[0].length === 0 || groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3))) return null;
	const digits = groups.join('');
	if (digits === '' && frac === '') return null;
	const value = Number(digits || '0') * 100 + Number(frac.padEnd(2, '0') || '0');
	if (!Number.isSafeInteger(value)) return null;
	return (negative ? -value : value) as Cents;
}

export function lineTotal(quantity: number, unitPrice: Cents, discount: Cents): Cents {
	return (Math.round(quantity * unitPrice) - discount) as Cents;
}
