// Undoing the last line taken off the ticket at the till: the line comes back as it was (its
// quantity, price, discount, returned-line details) at the place it had, and the ticket is again
// the return of the original it had named. Pure: the counter keeps the removed line for a few
// seconds and offers "Deshacer".
import { removeLine, type Cart, type CartLine } from './cart';

export interface RemovedLine {
	line: CartLine;
	/** Where it was on the ticket. */
	index: number;
	/** The ticket's original invoice before the removal (removing the last returned line clears it). */
	returnOf: string;
}

/** A line's identity on the ticket (the page keys its list by it): the product sold, or the product and original line returned. */
const lineKey = (l: CartLine) => `${l.productId}|${l.returned ? `r${l.returned.ofLine}` : 's'}`;
const fromTicket = (l: CartLine) => l.returned !== undefined && l.returned.ofLine !== null;

/** Takes line `index` off the ticket, remembering what is needed to put it back. */
export function takeLine(cart: Cart, index: number): { cart: Cart; removed: RemovedLine | null } {
	const line = cart.lines[index];
	if (!line) return { cart, removed: null };
	return { cart: removeLine(cart, index), removed: { line, index, returnOf: cart.returnOf } };
}

/**
 * The ticket with the removed line back in its place; null when it cannot come back as it was:
 * the same product (or the same returned line) is on the ticket again, so putting it back would
 * make two lines of one product, or the ticket now returns another original.
 */
export function restoreLine(cart: Cart, removed: RemovedLine): Cart | null {
	const key = lineKey(removed.line);
	if (cart.lines.some((l) => lineKey(l) === key)) return null;
	const returned = fromTicket(removed.line);
	if (returned && cart.returnOf !== '' && cart.returnOf !== removed.returnOf) return null;
	const lines = [...cart.lines];
	lines.splice(Math.min(removed.index, lines.length), 0, removed.line);
	return { ...cart, lines, returnOf: returned ? removed.returnOf : cart.returnOf };
}
