// What an original ticket can still give back, line by line, and a returned line as the cart takes it.
import type { ReturnPick } from '../cart';
import { refundUnitPrice, returnableQuantities } from '../till/returns';
import type { Ticket, TicketLine } from '../till/ticket';
import { parseOptionsText } from '../variants';

export interface ReturnableLine {
	/** The line's index on the original ticket. */
	index: number;
	line: TicketLine;
	/** Units that can still come back (what was sold minus earlier returns). */
	left: number;
	/** What the customer paid per unit, discounts included (cents, may be fractional). */
	paidUnit: number;
}

/** The original's sold lines, each with what is left to return; returned lines of the original itself are not offered. */
export function returnableLines(original: Ticket, returns: readonly Pick<Ticket, 'returnOf' | 'lines'>[]): ReturnableLine[] {
	const left = returnableQuantities(original, returns);
	return original.lines
		.map((line, index) => ({ index, line, left: left[index], paidUnit: refundUnitPrice(original, index) }))
		.filter((r) => r.line.quantity > 0);
}

/** A line of the original picked for return: priced, taxed and described as it was sold (the product may have changed since). */
export function returnPick(r: ReturnableLine, units: number, restock: boolean): ReturnPick {
	const l = r.line;
	return {
		product: { id: l.productId, sku: l.sku, name: l.name, unitPrice: l.unitPrice, taxRate: l.taxRate, optionValues: parseOptionsText(l.options) ?? [] },
		units, ofLine: r.index, restock, left: r.left, paidUnit: r.paidUnit
	};
}
