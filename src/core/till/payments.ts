// Paying: cash with the amount tendered and the change due, card, the shop's own methods, and any
// split of them. A refund is paid out the same way with negative amounts.
import type { Cents } from '../brand';
import type { Payment } from '../types';
import { PAYMENT_CASH } from './settings';

export interface Settlement {
	/** Paid so far by every method (cash counted at what it covers, not what was handed over). */
	paid: Cents;
	/** Still to pay (> 0) or 0 once covered. For a refund (total < 0), still to give back, as a positive number. */
	due: Cents;
	/** Cash to hand back: tendered cash beyond what the ticket needs. */
	change: Cents;
	/** The payments as recorded with the sale: cash reduced to what it covers, empty ones left out. */
	payments: Payment[];
	complete: boolean;
}

export interface Tender { method: string; /** Cents handed over (for cash, may exceed what is due). */ amount: number }

/**
 * Reads what the customer handed over against the total. Cash is applied last so that change only
 * ever comes from cash; other methods cannot exceed what is left to pay.
 */
export function settle(total: Cents, tenders: readonly Tender[]): Settlement {
	const sign = total < 0 ? -1 : 1;
	const owed = Math.abs(total);
	let left = owed;
	const payments: Payment[] = [];
	const add = (method: string, amount: number) => {
		if (amount <= 0) return;
		const existing = payments.find((p) => p.method === method);
		if (existing) existing.amount = (existing.amount + sign * amount) as Cents;
		else payments.push({ method, amount: (sign * amount) as Cents });
	};
	for (const t of tenders) if (t.method !== PAYMENT_CASH) {
		const applied = Math.min(Math.max(Math.round(t.amount), 0), left);
		add(t.method, applied);
		left -= applied;
	}
	const cash = tenders.filter((t) => t.method === PAYMENT_CASH).reduce((s, t) => s + Math.max(Math.round(t.amount), 0), 0);
	const cashApplied = Math.min(cash, left);
	add(PAYMENT_CASH, cashApplied);
	left -= cashApplied;
	const change = sign > 0 ? cash - cashApplied : 0;
	return { paid: (owed - left) as Cents, due: left as Cents, change: change as Cents, payments, complete: left === 0 };
}

/** `cash:20.00; card:5.50`, the exports' payments column. */
export function paymentsText(payments: readonly Payment[] | null | undefined): string {
	return (payments ?? []).map((p) => `${p.method}:${(p.amount / 100).toFixed(2)}`).join('; ');
}

/** Reads the payments column back; null when a part is not `method:amount`. */
export function parsePaymentsText(text: string): Payment[] | null {
	const parts = text.split(';').map((p) => p.trim()).filter(Boolean);
	const payments: Payment[] = [];
	for (const part of parts) {
		const m = /^([^:]+):\s*(-?\d+(?:[.,]\d{1,2})?)$/.exec(part);
		if (!m) return null;
		payments.push({ method: m[1].trim(), amount: Math.round(Number(m[2].replace(',', '.')) * 100) as Cents });
	}
	return payments;
}
