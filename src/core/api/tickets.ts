// Till receipts and cash shifts as the API shows them (read only: tickets are rung up at a till
// and reach the server by sync). A ticket is named by its invoice (series-number), its lines by
// SKU, money as decimal strings; its hash chain is shown so an auditor can follow it.
import { z } from 'zod';
import type { Shift, ShiftReport } from '../till/shift';
import type { Ticket } from '../till/ticket';
import { DateTimeText, dateTimeText, IsoDate, Limit, maybeDateTimeText, MoneyOutput, moneyText } from './common';
import { PaymentOut } from './sales';

const DiscountOut = z.object({
	kind: z.enum(['percent', 'amount']),
	value: z.string().describe('A percent ("10") or an amount ("2.50")'),
	reason: z.string()
}).meta({ id: 'TicketDiscount' });

const RateOut = z.object({ rate: z.number(), base: MoneyOutput, tax: MoneyOutput, total: MoneyOutput }).meta({ id: 'TaxRateTotals' });

export const TicketLineOut = z.object({
	sku: z.string(),
	name: z.string(),
	options: z.string().describe('A variant\'s options ("Talla=M; Color=Negro"), "" otherwise'),
	quantity: z.number().describe('Negative on a returned line'),
	unit_price: MoneyOutput,
	line_discount: DiscountOut.nullable().describe('The line\'s own discount as given'),
	discount: MoneyOutput.describe('Everything taken off the line: its own discount and its share of the ticket\'s'),
	tax_rate: z.number(),
	tax_amount: MoneyOutput,
	amount: MoneyOutput.describe('What the line comes to'),
	return_of_line: z.number().nullable().describe('A returned line: the original ticket\'s line (0-based) it gives back'),
	restock: z.boolean().describe('A returned line: back to stock (true) or damaged (false)')
}).meta({ id: 'TicketLine' });

export const TicketOut = z.object({
	invoice: z.string().describe('The series and the number, e.g. "A1B2C3D4-000042"'),
	series: z.string().describe('The till\'s series: each tablet numbers its tickets in its own, with no gaps'),
	number: z.number(),
	at: DateTimeText,
	device: z.string(),
	cashier: z.string(),
	approved_by: z.string().describe('The admin who approved a refund, a large discount or a changed price; "" for none'),
	customer: z.string().nullable().describe('The customer\'s code'),
	shop: z.object({ name: z.string(), address: z.string(), tax_id: z.string(), footer: z.string() }),
	prices_include_tax: z.boolean(),
	lines: z.array(TicketLineOut),
	ticket_discount: DiscountOut.extend({ amount: MoneyOutput }).nullable(),
	taxes: z.array(RateOut).describe('Base and tax per rate, highest rate first'),
	base: MoneyOutput,
	tax: MoneyOutput,
	total: MoneyOutput.describe('Paid by the customer; negative when the shop paid back'),
	payments: z.array(PaymentOut),
	tendered: MoneyOutput.nullable().describe('Cash handed over; null when no cash was'),
	change: MoneyOutput,
	return_of: z.string().nullable().describe('The original ticket of a return or exchange'),
	return_reason: z.string().describe('Why a return has no ticket'),
	shift: z.string().nullable().describe('The cash shift it was rung up in'),
	previous_hash: z.string().describe('The previous ticket\'s hash in the series (64 zeros for the first)'),
	hash: z.string().describe('SHA-256 of the ticket\'s canonical JSON: a changed or removed ticket breaks the chain (not a certified VeriFactu implementation)')
}).meta({ id: 'Ticket' });

export const TicketList = z.object({ items: z.array(TicketOut) }).meta({ id: 'TicketList' });

export const TicketQueryIn = z.object({
	series: z.string().min(1).optional().describe('Only this till\'s series'),
	shift: z.string().min(1).optional().describe('Only the tickets of this cash shift'),
	return_of: z.string().min(1).optional().describe('The returns and exchanges of this invoice'),
	from: IsoDate.optional().describe('First day, inclusive'),
	to: IsoDate.optional().describe('Last day, inclusive'),
	limit: Limit(100, 1000)
});

export const TicketParams = z.object({ invoice: z.string().min(1) });

const discountJson = (d: { kind: 'percent' | 'amount'; value: number; reason: string }) => ({
	kind: d.kind, value: d.kind === 'percent' ? String(d.value) : moneyText(d.value), reason: d.reason
});

export function ticketJson(t: Ticket): z.infer<typeof TicketOut> {
	return {
		invoice: t.invoice, series: t.series, number: t.number, at: dateTimeText(t.at), device: t.deviceId, cashier: t.cashier, approved_by: t.approvedBy,
		customer: t.customer?.code ?? null,
		shop: { name: t.shop.name, address: t.shop.address, tax_id: t.shop.taxId, footer: t.shop.footer },
		prices_include_tax: t.pricesIncludeTax,
		lines: t.lines.map((l) => ({
			sku: l.sku, name: l.name, options: l.options, quantity: l.quantity, unit_price: moneyText(l.unitPrice),
			line_discount: l.lineDiscount ? discountJson(l.lineDiscount) : null, discount: moneyText(l.discount), tax_rate: l.taxRate,
			tax_amount: moneyText(l.tax), amount: moneyText(l.amount), return_of_line: l.returnOfLine, restock: l.restock
		})),
		ticket_discount: t.ticketDiscount ? { ...discountJson(t.ticketDiscount), amount: moneyText(t.ticketDiscount.amount) } : null,
		taxes: t.taxes.map((r) => ({ rate: r.rate, base: moneyText(r.base), tax: moneyText(r.tax), total: moneyText(r.total) })),
		base: moneyText(t.base), tax: moneyText(t.tax), total: moneyText(t.total),
		payments: t.payments.map((p) => ({ method: p.method, amount: moneyText(p.amount) })),
		tendered: t.tendered === null ? null : moneyText(t.tendered), change: moneyText(t.change),
		return_of: t.returnOf || null, return_reason: t.returnReason, shift: t.shiftId, previous_hash: t.previousHash, hash: t.hash
	};
}

// ---- Shifts -----------------------------------------------------------------------------------

export const ShiftOut = z.object({
	id: z.string(),
	device: z.string(),
	series: z.string(),
	opened_at: DateTimeText,
	opened_by: z.string(),
	opening_float: MoneyOutput,
	payouts: z.array(z.object({ at: DateTimeText, amount: MoneyOutput, reason: z.string(), by: z.string() })),
	closed_at: DateTimeText.nullable().describe('null while the shift is open'),
	closed_by: z.string(),
	counted_cash: MoneyOutput.nullable(),
	expected_cash: MoneyOutput.nullable().describe('What the till expected when it closed: float + cash in - cash out - payouts'),
	difference: MoneyOutput.nullable().describe('counted - expected: negative is cash missing'),
	note: z.string(),
	report: z.object({
		tickets: z.number(),
		refund_tickets: z.number(),
		sales: MoneyOutput,
		refunds: MoneyOutput,
		discounts: MoneyOutput,
		by_method: z.array(PaymentOut),
		taxes: z.array(z.object({ rate: z.number(), base: MoneyOutput, tax: MoneyOutput })),
		cash_in: MoneyOutput,
		cash_out: MoneyOutput,
		payouts: MoneyOutput,
		expected_cash: MoneyOutput.describe('What the drawer should hold now (or held at the close)'),
		by_cashier: z.array(z.object({ cashier: z.string(), tickets: z.number(), total: MoneyOutput })),
		total: MoneyOutput
	}).describe('The close report from the shift\'s tickets the server holds')
}).meta({ id: 'Shift' });

export const ShiftList = z.object({ items: z.array(ShiftOut) }).meta({ id: 'ShiftList' });

export const ShiftParams = z.object({ id: z.string().min(1) });

export function shiftJson(s: Shift, r: ShiftReport): z.infer<typeof ShiftOut> {
	const money = (c: number | null) => (c === null ? null : moneyText(c));
	return {
		id: s.id, device: s.deviceId, series: s.series, opened_at: dateTimeText(s.openedAt), opened_by: s.openedBy, opening_float: moneyText(s.openingFloat),
		payouts: s.payouts.map((p) => ({ at: dateTimeText(p.at), amount: moneyText(p.amount), reason: p.reason, by: p.by })),
		closed_at: maybeDateTimeText(s.closedAt), closed_by: s.closedBy, counted_cash: money(s.countedCash), expected_cash: money(s.expectedCash),
		difference: money(s.difference), note: s.note,
		report: {
			tickets: r.tickets, refund_tickets: r.refundTickets, sales: moneyText(r.sales), refunds: moneyText(r.refunds), discounts: moneyText(r.discounts),
			by_method: r.byMethod.map((m) => ({ method: m.method, amount: moneyText(m.amount) })),
			taxes: r.taxes.map((t) => ({ rate: t.rate, base: moneyText(t.base), tax: moneyText(t.tax) })),
			cash_in: moneyText(r.cashIn), cash_out: moneyText(r.cashOut), payouts: moneyText(r.payouts), expected_cash: moneyText(r.expectedCash),
			by_cashier: r.byCashier.map((c) => ({ cashier: c.cashier, tickets: c.tickets, total: moneyText(c.total) })), total: moneyText(r.total)
		}
	};
}
