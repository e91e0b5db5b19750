// What `inventario sell` prints for a charged ticket: its number and time, the lines with the stock
// left, the total, base and tax per rate, the payments and the change; or the same as JSON.
import { isoLocal } from '../../core/time';
import type { Ticket } from '../../core/till/ticket';
import type { ProductId } from '../../core/brand';
import { printJson, printTable } from '../output';

const money = (cents: number) => (cents / 100).toFixed(2);
const plural = (n: number) => `${n} ${Math.abs(n) === 1 ? 'unit' : 'units'}`;

function lineRows(ticket: Ticket, levels: Map<ProductId, number>) {
	return ticket.lines.map((l) => ({
		sku: l.sku, name: l.name, quantity: l.quantity, unit_price: money(l.unitPrice), discount: money(l.discount),
		amount: money(l.amount), tax_rate: l.taxRate, tax: money(l.tax), stock_left: levels.get(l.productId) ?? 0
	}));
}

const unitsOf = (ticket: Ticket) => Math.round(ticket.lines.reduce((n, l) => n + l.quantity, 0) * 1000) / 1000;

export function printTicketJson(ticket: Ticket, customer: string | null, levels: Map<ProductId, number>, out: (line: string) => void) {
	printJson({
		invoice: ticket.invoice, at: isoLocal(ticket.at), customer, cashier: ticket.cashier || null, return_of: ticket.returnOf || null,
		return_reason: ticket.returnReason || null, lines: lineRows(ticket, levels), total: money(ticket.total), units: unitsOf(ticket),
		base: money(ticket.base), tax: money(ticket.tax), taxes: ticket.taxes.map((t) => ({ rate: t.rate, base: money(t.base), tax: money(t.tax), total: money(t.total) })),
		payments: ticket.payments.map((p) => ({ method: p.method, amount: money(p.amount) })),
		tendered: ticket.tendered === null ? null : money(ticket.tendered), change: money(ticket.change)
	}, out);
}

export function printTicket(ticket: Ticket, customer: string, levels: Map<ProductId, number>, out: (line: string) => void) {
	out(`Sale ${ticket.invoice}, ${isoLocal(ticket.at).replace('T', ' ')}${customer ? `, customer ${customer}` : ''}${ticket.cashier ? `, cashier ${ticket.cashier}` : ''}`);
	const rows = lineRows(ticket, levels);
	const discounted = ticket.lines.some((l) => l.discount !== 0);
	printTable(rows, ['sku', 'name', 'quantity', 'unit_price', ...(discounted ? ['discount'] : []), 'amount', 'stock_left'], out);
	out(`Total: ${money(ticket.total)} (${plural(unitsOf(ticket))})`);
	if (ticket.returnOf) out(`Returns lines of ${ticket.returnOf}`);
	else if (ticket.returnReason) out(`Return without ticket: ${ticket.returnReason}`);
	if (ticket.ticketDiscount) out(`Ticket discount: ${money(ticket.ticketDiscount.amount)}${ticket.ticketDiscount.kind === 'percent' ? ` (${ticket.ticketDiscount.value}%)` : ''}`);
	for (const t of ticket.taxes) out(`Tax ${t.rate}%: base ${money(t.base)}, tax ${money(t.tax)}, total ${money(t.total)}`);
	const paid = ticket.payments.map((p) => `${p.method} ${money(Math.abs(p.amount))}`).join(', ');
	if (paid) out(`${ticket.total < 0 ? 'Refunded' : 'Paid'}: ${paid}${ticket.tendered !== null ? ` (cash given ${money(ticket.tendered)})` : ''}`);
	out(`Change: ${money(ticket.change)}`);
	const oversold = rows.filter((r) => r.stock_left < 0).map((r) => `${r.sku} ${r.stock_left}`);
	if (oversold.length) out(`Stock below zero: ${oversold.join(', ')} (the sale stands; receive or count the stock)`);
}
