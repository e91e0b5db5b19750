// A payout as typed on the shift page: cash taken out of the drawer (the window cleaner, change
// for the bank), with its amount and why.
import type { Cents } from '$core/brand';
import { parseMoneyInput } from '$core/money';

export type PayoutError = 'amount_required' | 'amount_invalid' | 'amount_positive' | 'reason_required';

export type PayoutForm = { ok: true; amount: Cents; reason: string } | { ok: false; errors: { amount?: PayoutError; reason?: PayoutError } };

export function readPayout(amountText: string, reason: string): PayoutForm {
	const amount = amountText.trim() ? parseMoneyInput(amountText) : null;
	const errors: { amount?: PayoutError; reason?: PayoutError } = {};
	if (!amountText.trim()) errors.amount = 'amount_required';
	else if (amount === null) errors.amount = 'amount_invalid';
	else if (amount <= 0) errors.amount = 'amount_positive';
	if (!reason.trim()) errors.reason = 'reason_required';
	return amount !== null && !errors.amount && !errors.reason ? { ok: true, amount, reason: reason.trim() } : { ok: false, errors };
}
