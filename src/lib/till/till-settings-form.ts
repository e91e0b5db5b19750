// Checks for the till's settings as the owner edits them: tax rates, payment methods and the
// discount limit. Each error names the field and why; the settings page shows it beside it.
import { PAYMENT_CARD, PAYMENT_CASH } from '$core/till/settings';

export type RateError = 'rate_invalid' | 'rate_out_of_range' | 'rate_taken';

/** A rate as typed ("21", "5,5", "5.5"), in percent with up to 2 decimals. */
export function readRate(text: string, rates: readonly number[]): { ok: true; rate: number } | { ok: false; error: RateError } {
	const s = text.trim().replace('%', '').trim().replace(',', '.');
	if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return { ok: false, error: 'rate_invalid' };
	const rate = Number(s);
	if (rate > 100) return { ok: false, error: 'rate_out_of_range' };
	if (rates.includes(rate)) return { ok: false, error: 'rate_taken' };
	return { ok: true, rate };
}

/** The rates with one added, highest first (as receipts list them). */
export const withRate = (rates: readonly number[], rate: number): number[] => [...rates, rate].sort((a, b) => b - a);

/** The default rate cannot be removed (products without a rate of their own use it), nor the last rate. */
export function removeRateError(rates: readonly number[], rate: number, defaultRate: number): 'rate_is_default' | 'last_rate' | null {
	if (rate === defaultRate) return 'rate_is_default';
	if (rates.length <= 1) return 'last_rate';
	return null;
}

export type MethodError = 'method_required' | 'method_builtin' | 'method_taken' | 'method_too_long';

/** `shownNames` are cash's and card's names on screen (Efectivo, Card…): a method by those names would be a second cash or card. */
export function readPaymentMethod(text: string, methods: readonly string[], shownNames: readonly string[] = []): { ok: true; method: string } | { ok: false; error: MethodError } {
	const method = text.trim().replace(/\s+/g, ' ');
	const key = method.toLowerCase();
	if (!method) return { ok: false, error: 'method_required' };
	if (method.length > 30) return { ok: false, error: 'method_too_long' };
	if (key === PAYMENT_CASH || key === PAYMENT_CARD || shownNames.some((n) => n.toLowerCase() === key)) return { ok: false, error: 'method_builtin' };
	if (methods.some((m) => m.toLowerCase() === key)) return { ok: false, error: 'method_taken' };
	return { ok: true, method };
}

export function readDiscountLimit(text: string): { ok: true; percent: number } | { ok: false; error: 'limit_invalid' } {
	const s = text.trim().replace('%', '').trim().replace(',', '.');
	if (!/^\d{1,3}(\.\d{1,2})?$/.test(s) || Number(s) > 100) return { ok: false, error: 'limit_invalid' };
	return { ok: true, percent: Number(s) };
}
