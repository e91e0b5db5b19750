// What a receipt says, in order, as rows of text: the screen, the printer and the PDF all draw these
// same rows, so a reprint or a shared PDF never says something the printed receipt did not.
// Words and number formats come from the caller (the app's language and locale).
import { discountCents, type Discount } from '../till/discounts';
import { PAYMENT_CARD, PAYMENT_CASH } from '../till/settings';
import type { Ticket, TicketLine } from '../till/ticket';

export interface ReceiptFormat {
	t: (key: string, vars?: Record<string, string | number>) => string;
	money: (cents: number) => string;
	number: (n: number) => string;
	dateTime: (at: number) => string;
}

export type ReceiptRow =
	/** The shop's name. */
	| { kind: 'title'; text: string }
	| { kind: 'center'; text: string; muted?: boolean }
	/** `ref`: a ticket number inside the text, which a screen may link to. */
	| { kind: 'text'; text: string; indent?: boolean; muted?: boolean; strong?: boolean; ref?: string }
	/** A label and an amount, the amount flush right. */
	| { kind: 'pair'; left: string; right: string; indent?: boolean; strong?: boolean; big?: boolean; muted?: boolean }
	/** A row of the tax table: rate, base, tax (the last two flush right). */
	| { kind: 'columns'; cells: [string, string, string]; header?: boolean; strong?: boolean }
	| { kind: 'rule' }
	/** An empty line between blocks that need no rule. */
	| { kind: 'gap' }
	| { kind: 'barcode'; value: string };

export type ReceiptSectionName = 'shop' | 'ticket' | 'lines' | 'totals' | 'taxes' | 'payments' | 'footer' | 'barcode';
export interface ReceiptSection { name: ReceiptSectionName; rows: ReceiptRow[] }

export type TicketKind = 'sale' | 'return' | 'exchange';

export function ticketKind(ticket: Pick<Ticket, 'lines'>): TicketKind {
	const returned = ticket.lines.some((l) => l.quantity < 0);
	const sold = ticket.lines.some((l) => l.quantity > 0);
	return returned ? (sold ? 'exchange' : 'return') : 'sale';
}

/** What the line came to before any discount. */
const grossOf = (l: TicketLine) => Math.round(l.quantity * l.unitPrice);
/** The line's own discount in cents (the rest of `discount` is its share of the ticket's). */
export const ownDiscountOf = (l: TicketLine) => discountCents(l.lineDiscount, grossOf(l));

const lines = (text: string) => text.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);

export function discountLabel(d: Pick<Discount, 'kind' | 'value' | 'reason'>, f: ReceiptFormat, key: 'receipt.lineDiscount' | 'receipt.ticketDiscount'): string {
	const what = d.kind === 'percent' ? f.t(`${key}Percent`, { percent: f.number(d.value) }) : f.t(key);
	return d.reason.trim() ? `${what} · ${d.reason.trim()}` : what;
}

export function paymentMethodLabel(method: string, f: ReceiptFormat): string {
	if (method === PAYMENT_CASH) return f.t('receipt.method.cash');
	if (method === PAYMENT_CARD) return f.t('receipt.method.card');
	return method;
}

export function receiptSections(ticket: Ticket, f: ReceiptFormat): ReceiptSection[] {
	const sections: ReceiptSection[] = [];
	const shop: ReceiptRow[] = [];
	if (ticket.shop.name.trim()) shop.push({ kind: 'title', text: ticket.shop.name.trim() });
	for (const text of lines(ticket.shop.address)) shop.push({ kind: 'center', text });
	if (ticket.shop.taxId.trim()) shop.push({ kind: 'center', text: f.t('receipt.taxId', { taxId: ticket.shop.taxId.trim() }) });
	if (shop.length) sections.push({ name: 'shop', rows: shop });

	const kind = ticketKind(ticket);
	const head: ReceiptRow[] = [
		{ kind: 'rule' },
		{ kind: 'center', text: f.t(`receipt.kind.${kind}`) },
		{ kind: 'pair', left: f.t('receipt.number'), right: ticket.invoice, strong: true },
		{ kind: 'pair', left: f.t('receipt.date'), right: f.dateTime(ticket.at) }
	];
	if (ticket.cashier) head.push({ kind: 'pair', left: f.t('receipt.cashier'), right: ticket.cashier });
	if (ticket.approvedBy) head.push({ kind: 'pair', left: f.t('receipt.approvedBy'), right: ticket.approvedBy });
	if (ticket.customer) head.push({ kind: 'pair', left: f.t('receipt.customer'), right: [ticket.customer.code, ticket.customer.name].filter(Boolean).join(' · ') });
	if (ticket.returnOf) head.push({ kind: 'text', text: f.t('receipt.returnOf', { invoice: ticket.returnOf }), ref: ticket.returnOf });
	if (ticket.returnReason) head.push({ kind: 'text', text: f.t('receipt.returnReason', { reason: ticket.returnReason }) });
	sections.push({ name: 'ticket', rows: head });

	const rates = new Set(ticket.lines.map((l) => l.taxRate));
	const items: ReceiptRow[] = [{ kind: 'rule' }];
	for (const l of ticket.lines) {
		items.push({ kind: 'text', text: l.name, strong: true });
		if (l.options) items.push({ kind: 'text', text: l.options, indent: true, muted: true });
		const rate = rates.size > 1 ? ` · ${f.t('receipt.rate', { rate: f.number(l.taxRate) })}` : '';
		items.push({ kind: 'pair', left: `${f.number(l.quantity)} × ${f.money(l.unitPrice)}${rate}`, right: f.money(grossOf(l)), indent: true });
		const own = ownDiscountOf(l);
		if (l.lineDiscount && own > 0) items.push({ kind: 'pair', left: discountLabel(l.lineDiscount, f, 'receipt.lineDiscount'), right: f.money(-own), indent: true });
		if (l.quantity < 0) items.push({ kind: 'text', text: f.t(l.restock ? 'receipt.returned' : 'receipt.returnedDamaged'), indent: true, strong: true });
	}
	sections.push({ name: 'lines', rows: items });

	const totals: ReceiptRow[] = [{ kind: 'rule' }];
	if (ticket.ticketDiscount) {
		const subtotal = ticket.lines.reduce((s, l) => s + grossOf(l) - ownDiscountOf(l), 0);
		totals.push({ kind: 'pair', left: f.t('receipt.subtotal'), right: f.money(subtotal) });
		totals.push({ kind: 'pair', left: discountLabel(ticket.ticketDiscount, f, 'receipt.ticketDiscount'), right: f.money(-ticket.ticketDiscount.amount) });
	}
	if (!ticket.pricesIncludeTax) {
		totals.push({ kind: 'pair', left: f.t('receipt.base'), right: f.money(ticket.base) });
		for (const r of ticket.taxes) totals.push({ kind: 'pair', left: f.t('receipt.taxAt', { rate: f.number(r.rate) }), right: f.money(r.tax) });
	}
	totals.push(ticket.total < 0
		? { kind: 'pair', left: f.t('receipt.refundTotal'), right: f.money(-ticket.total), strong: true, big: true }
		: { kind: 'pair', left: f.t('receipt.total'), right: f.money(ticket.total), strong: true, big: true });
	const saved = ticket.lines.reduce((s, l) => s + (l.quantity > 0 ? l.discount : 0), 0);
	if (saved > 0) totals.push({ kind: 'pair', left: f.t('receipt.saved'), right: f.money(saved), muted: true });
	sections.push({ name: 'totals', rows: totals });

	if (ticket.taxes.length) {
		const taxes: ReceiptRow[] = [
			{ kind: 'gap' },
			{ kind: 'columns', cells: [f.t('receipt.taxRate'), f.t('receipt.taxBase'), f.t('receipt.taxAmount')], header: true },
			...ticket.taxes.map((r): ReceiptRow => ({ kind: 'columns', cells: [f.t('receipt.rate', { rate: f.number(r.rate) }), f.money(r.base), f.money(r.tax)] }))
		];
		if (ticket.taxes.length > 1) taxes.push({ kind: 'columns', cells: [f.t('receipt.taxesTotal'), f.money(ticket.base), f.money(ticket.tax)], strong: true });
		if (ticket.pricesIncludeTax) taxes.push({ kind: 'text', text: f.t('receipt.taxIncluded'), muted: true });
		sections.push({ name: 'taxes', rows: taxes });
	}

	const payments: ReceiptRow[] = [];
	for (const p of ticket.payments) {
		if (p.method === PAYMENT_CASH && ticket.tendered !== null) {
			payments.push({ kind: 'pair', left: f.t('receipt.cashTendered'), right: f.money(ticket.tendered) });
			payments.push({ kind: 'pair', left: f.t('receipt.change'), right: f.money(ticket.change), strong: true });
		} else {
			payments.push({ kind: 'pair', left: paymentMethodLabel(p.method, f), right: f.money(p.amount) });
		}
	}
	if (payments.length) sections.push({ name: 'payments', rows: [{ kind: 'rule' }, { kind: 'text', text: f.t(ticket.total < 0 ? 'receipt.refundedBy' : 'receipt.paidBy'), muted: true }, ...payments] });

	const footer = lines(ticket.shop.footer);
	if (footer.length) sections.push({ name: 'footer', rows: [{ kind: 'rule' }, ...footer.map((text): ReceiptRow => ({ kind: 'center', text }))] });
	sections.push({ name: 'barcode', rows: [{ kind: 'barcode', value: ticket.invoice }, { kind: 'center', text: ticket.invoice }] });
	return sections;
}
