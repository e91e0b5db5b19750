// A cash shift: it opens with a float and closes with the cash counted against what the till
// expected (the float, cash taken, cash refunded, payouts), the difference recorded.
import type { Cents, LocalTimestamp } from '../brand';
import { PAYMENT_CASH } from './settings';
import type { Ticket } from './ticket';

export interface Payout { at: LocalTimestamp; amount: Cents; reason: string; by: string }

export interface Shift {
	id: string;
	deviceId: string;
	series: string;
	openedAt: LocalTimestamp;
	openedBy: string;
	openingFloat: Cents;
	payouts: Payout[];
	closedAt: LocalTimestamp | null;
	closedBy: string;
	countedCash: Cents | null;
	expectedCash: Cents | null;
	/** counted − expected: negative is cash missing. */
	difference: Cents | null;
	note: string;
}

/** Shifts are kept as shared settings under this prefix, so the owner sees every tablet's. */
export const SHIFT_KEY_PREFIX = 'shifts.';
export const shiftKey = (id: string) => `${SHIFT_KEY_PREFIX}${id}`;

export function openShift(id: string, deviceId: string, series: string, at: LocalTimestamp, by: string, openingFloat: Cents): Shift {
	return { id, deviceId, series, openedAt: at, openedBy: by, openingFloat, payouts: [], closedAt: null, closedBy: '', countedCash: null, expectedCash: null, difference: null, note: '' };
}

export interface ShiftReport {
	tickets: number;
	/** Tickets that gave money back (returns, exchanges for less). */
	refundTickets: number;
	/** Sold (positive lines), tax included. */
	sales: Cents;
	/** Given back on returned lines, as a positive number. */
	refunds: Cents;
	discounts: Cents;
	/** Per payment method: what came in (negative: went out). */
	byMethod: { method: string; amount: Cents }[];
	taxes: { rate: number; base: Cents; tax: Cents }[];
	cashIn: Cents;
	cashOut: Cents;
	payouts: Cents;
	expectedCash: Cents;
	/** Per cashier: tickets and what they came to. */
	byCashier: { cashier: string; tickets: number; total: Cents }[];
	total: Cents;
}

export function shiftReport(shift: Shift, tickets: readonly Ticket[]): ShiftReport {
	const mine = tickets.filter((t) => t.shiftId === shift.id);
	const methods = new Map<string, number>();
	const rates = new Map<number, { base: number; tax: number }>();
	const cashiers = new Map<string, { tickets: number; total: number }>();
	let sales = 0, refunds = 0, discounts = 0, cashIn = 0, cashOut = 0, total = 0, refundTickets = 0;
	for (const t of mine) {
		for (const l of t.lines) {
			if (l.quantity > 0) sales += l.amount; else refunds -= l.amount;
			discounts += l.discount;
		}
		for (const p of t.payments) {
			methods.set(p.method, (methods.get(p.method) ?? 0) + p.amount);
			if (p.method === PAYMENT_CASH) { if (p.amount >= 0) cashIn += p.amount; else cashOut -= p.amount; }
		}
		for (const r of t.taxes) {
			const sum = rates.get(r.rate) ?? { base: 0, tax: 0 };
			sum.base += r.base; sum.tax += r.tax;
			rates.set(r.rate, sum);
		}
		const c = cashiers.get(t.cashier) ?? { tickets: 0, total: 0 };
		c.tickets++; c.total += t.total;
		cashiers.set(t.cashier, c);
		if (t.total < 0) refundTickets++;
		total += t.total;
	}
	const payouts = shift.payouts.reduce((s, p) => s + p.amount, 0);
	return {
		tickets: mine.length, refundTickets, sales: sales as Cents, refunds: refunds as Cents, discounts: discounts as Cents,
		byMethod: [...methods].map(([method, amount]) => ({ method, amount: amount as Cents })),
		taxes: [...rates].sort((a, b) => b[0] - a[0]).map(([rate, s]) => ({ rate, base: s.base as Cents, tax: s.tax as Cents })),
		cashIn: cashIn as Cents, cashOut: cashOut as Cents, payouts: payouts as Cents,
		expectedCash: (shift.openingFloat + cashIn - cashOut - payouts) as Cents,
		byCashier: [...cashiers].map(([cashier, c]) => ({ cashier, tickets: c.tickets, total: c.total as Cents })),
		total: total as Cents
	};
}

export function closeShift(shift: Shift, tickets: readonly Ticket[], countedCash: Cents, at: LocalTimestamp, by: string, note = ''): Shift {
	const expected = shiftReport(shift, tickets).expectedCash;
	return { ...shift, closedAt: at, closedBy: by, countedCash, expectedCash: expected, difference: (countedCash - expected) as Cents, note };
}
