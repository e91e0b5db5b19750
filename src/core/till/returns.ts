// Returns give back what a ticket sold, never more: what each line sold minus what earlier returns
// of the same ticket already gave back. Returns are new tickets linked to the original, never an edit.
import type { Ticket } from './ticket';

/** Per line of the original ticket: the units that can still be returned (0 for a returned line). */
export function returnableQuantities(original: Ticket, returns: readonly Pick<Ticket, 'returnOf' | 'lines'>[]): number[] {
	const left = original.lines.map((l) => Math.max(l.quantity, 0));
	for (const r of returns) {
		if (r.returnOf !== original.invoice) continue;
		for (const l of r.lines) if (l.quantity < 0 && l.returnOfLine !== null && l.returnOfLine < left.length) left[l.returnOfLine] += l.quantity;
	}
	return left.map((q) => Math.max(Math.round(q * 1000) / 1000, 0));
}

export interface ReturnRequest { line: number; /** Units given back, positive. */ quantity: number }
export type ReturnError = { line: number; code: 'not_on_ticket' | 'must_be_positive' | 'more_than_sold'; left: number };

export function checkReturn(original: Ticket, returns: readonly Pick<Ticket, 'returnOf' | 'lines'>[], requests: readonly ReturnRequest[]): ReturnError[] {
	const left = returnableQuantities(original, returns);
	const asked = new Map<number, number>();
	const errors: ReturnError[] = [];
	for (const r of requests) {
		if (r.line < 0 || r.line >= left.length) { errors.push({ line: r.line, code: 'not_on_ticket', left: 0 }); continue; }
		if (!(r.quantity > 0)) { errors.push({ line: r.line, code: 'must_be_positive', left: left[r.line] }); continue; }
		const total = (asked.get(r.line) ?? 0) + r.quantity;
		asked.set(r.line, total);
		if (total > left[r.line] + 1e-9) errors.push({ line: r.line, code: 'more_than_sold', left: left[r.line] });
	}
	return errors;
}

/**
 * The unit price a return refunds: what the customer actually paid per unit, discounts included,
 * so returning a discounted item never refunds more than was paid. Returns cents per unit (may be
 * fractional; the till rounds the line amount, not the unit).
 */
export function refundUnitPrice(original: Ticket, line: number): number {
	const l = original.lines[line];
	return l.quantity > 0 ? (l.unitPrice * l.quantity - l.discount) / l.quantity : l.unitPrice;
}
