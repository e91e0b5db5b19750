// Reading the counter's cart (fields as typed) into the till's draft (numbers), and the priced
// ticket's figures back onto the cart's lines. A returned line from a ticket refunds what the
// customer paid; when that is not whole cents per unit its units are split over two ticket lines
// (e.g. 3 units that cost 25,00 together: 2 at 8,33 and 1 at 8,34), so the refund is exact to the
// cent and every stored price stays in whole cents.
import type { Cents } from '../brand';
import { canChangePrice, type Cart, type CartDiscount, type CartLine } from '../cart';
import { parseMoneyInput } from '../money';
import { parseQuantity } from '../quantity';
import type { CheckoutError, PricedTicket, TillDraft, TillLine } from '../till/checkout';
import { discountCents, discountPercent, type Discount, type DiscountError } from '../till/discounts';
import type { TillSettings } from '../till/settings';
import type { TillAction } from '../till/staff';
import type { ErrorCode } from '../validation';

export type CartErrorCode = ErrorCode | DiscountError | 'more_than_left';
export type CartError =
	| { line: number; field: 'quantity' | 'unitPrice' | 'discount'; code: CartErrorCode }
	| { line: -1; field: 'ticketDiscount'; code: CartErrorCode }
	| { line: -1; field: 'lines'; code: 'insufficient_lines' }
	| { line: -1; field: 'returnReason'; code: 'required' }
	| { line: -1; field: 'payments'; code: 'not_covered' };

export interface ReadCart {
	/** Every line the cart's lines make (an unreadable field reads as 0: good for a preview, never charged). */
	lines: TillLine[];
	/** Per ticket line, the cart line it comes from. */
	origin: number[];
	ticketDiscount: Discount | null;
	/** What cannot be read as typed; nothing may be charged while there are any. */
	errors: CartError[];
}

/** A typed discount as numbers: percent as is, an amount in cents; null when blank. */
export function readDiscount(d: CartDiscount | null | undefined): { ok: true; value: Discount | null } | { ok: false; code: CartErrorCode } {
	if (!d || d.value.trim() === '') return { ok: true, value: null };
	const value = d.kind === 'percent' ? Number(d.value.trim().replace(',', '.').replace(/%$/, '')) : parseMoneyInput(d.value);
	if (value === null || !Number.isFinite(value)) return { ok: false, code: 'not_a_number' };
	if (value < 0) return { ok: false, code: 'negative' };
	if (d.kind === 'percent' && value > 100) return { ok: false, code: 'over_100_percent' };
	return { ok: true, value: value === 0 ? null : { kind: d.kind, value, reason: d.reason.trim() } };
}

/** A returned line's units at what was paid, in whole cents: one line, or two when the paid unit has fractions of a cent. */
export function refundSplit(units: number, paidUnit: number): { quantity: number; unitPrice: Cents }[] {
	if (!Number.isInteger(units) || units <= 0) return [{ quantity: units, unitPrice: Math.round(paidUnit) as Cents }];
	const total = Math.round(units * paidUnit);
	const base = Math.floor(total / units);
	const up = total - units * base;
	if (up === 0) return [{ quantity: units, unitPrice: base as Cents }];
	return [{ quantity: units - up, unitPrice: base as Cents }, { quantity: up, unitPrice: (base + 1) as Cents }];
}

function productOf(line: CartLine): TillLine['product'] {
	return { id: line.productId, sku: line.sku, name: line.name, ...(line.taxRate === undefined ? {} : { taxRate: line.taxRate }), ...(line.optionValues ? { optionValues: line.optionValues } : {}) };
}

export function readCart(cart: Cart): ReadCart {
	const errors: CartError[] = [];
	const lines: TillLine[] = [];
	const origin: number[] = [];
	if (cart.lines.length === 0) errors.push({ line: -1, field: 'lines', code: 'insufficient_lines' });
	cart.lines.forEach((l, index) => {
		const quantity = parseQuantity(l.quantity, 'positive');
		if (!quantity.ok) errors.push({ line: index, field: 'quantity', code: quantity.code });
		else if (l.returned?.left != null && quantity.value > l.returned.left + 1e-9) errors.push({ line: index, field: 'quantity', code: 'more_than_left' });
		const price = parseMoneyInput(l.unitPrice);
		if (price === null) errors.push({ line: index, field: 'unitPrice', code: l.unitPrice.trim() === '' ? 'required' : 'not_a_number' });
		else if (price < 0) errors.push({ line: index, field: 'unitPrice', code: 'negative' });
		const discount = l.returned ? { ok: true as const, value: null } : readDiscount(l.discount);
		if (!discount.ok) errors.push({ line: index, field: 'discount', code: discount.code });
		const units = quantity.ok ? quantity.value : 0;
		const unitPrice = (price !== null && price >= 0 ? price : 0) as Cents;
		const product = productOf(l);
		if (!l.returned) {
			lines.push({ product, quantity: units, unitPrice, discount: discount.ok ? discount.value : null });
			origin.push(index);
			return;
		}
		const parts = l.returned.paidUnit === null || units === 0 ? [{ quantity: units, unitPrice }] : refundSplit(units, l.returned.paidUnit);
		for (const part of parts) {
			lines.push({ product, quantity: -part.quantity, unitPrice: part.unitPrice, discount: null, returnOfLine: l.returned.ofLine, restock: l.returned.restock });
			origin.push(index);
		}
	});
	const ticketDiscount = readDiscount(cart.ticketDiscount);
	if (!ticketDiscount.ok) errors.push({ line: -1, field: 'ticketDiscount', code: ticketDiscount.code });
	return { lines, origin, ticketDiscount: ticketDiscount.ok ? ticketDiscount.value : null, errors };
}

/** Who, where and how it is paid: what the cart does not hold. */
export type DraftContext = Omit<TillDraft, 'lines' | 'ticketDiscount' | 'customer' | 'returnOf' | 'returnReason'>;

export function tillDraft(cart: Cart, read: ReadCart, context: DraftContext): TillDraft {
	return { ...context, lines: read.lines, ticketDiscount: read.ticketDiscount, customer: cart.customer, returnOf: cart.returnOf, returnReason: cart.returnReason };
}

/** The priced ticket's errors on the cart's lines (a split return line's errors are its cart line's). */
export function cartErrorsOf(errors: readonly CheckoutError[], origin: readonly number[]): CartError[] {
	const out: CartError[] = [];
	for (const e of errors) {
		let error: CartError;
		if (e.field === 'lines') error = { line: -1, field: 'lines', code: 'insufficient_lines' };
		else if (e.field === 'ticketDiscount' || e.field === 'returnReason' || e.field === 'payments') error = e;
		else if (e.field === 'discount') error = { line: origin[e.line] ?? e.line, field: 'discount', code: e.code };
		else error = { line: origin[e.line] ?? e.line, field: e.field, code: e.code === 'must_not_be_zero' ? 'must_be_positive' : e.code };
		if (!out.some((o) => o.line === error.line && o.field === error.field)) out.push(error);
	}
	return out;
}

export interface LineFigures {
	/** Everything taken off the line: its own discount and its share of the ticket's. */
	discount: Cents;
	/** The part of `discount` that is the line's share of the ticket discount. */
	ticketShare: Cents;
	/** What the line comes to after discounts (negative when returned). */
	amount: Cents;
}

/** Per cart line, its discount and amount on the priced ticket. */
export function lineFigures(priced: PricedTicket, origin: readonly number[], cartLines: number): LineFigures[] {
	const out = Array.from({ length: cartLines }, () => ({ discount: 0, ticketShare: 0, amount: 0 }));
	priced.draft.lines.forEach((l, i) => {
		const at = out[origin[i]];
		if (!at) return;
		at.discount += l.discount;
		at.ticketShare += l.discount - discountCents(l.lineDiscount, Math.round(l.quantity * l.unitPrice));
		at.amount += l.amount;
	});
	return out as LineFigures[];
}

/** What a staff member may not do alone on this ticket: a discount over the owner's limit, a changed price, money given back. */
export function approvalsNeeded(cart: Cart, priced: PricedTicket, settings: Pick<TillSettings, 'discountLimitPercent'>): TillAction[] {
	const needed: TillAction[] = [];
	if (priced.discount > 0 && discountPercent(priced.discount, priced.gross) > settings.discountLimitPercent + 1e-9) needed.push('bigDiscount');
	const changed = cart.lines.some((l) => canChangePrice(l) && l.listPrice !== undefined && parseMoneyInput(l.unitPrice) !== l.listPrice);
	if (changed) needed.push('changePrice');
	if (priced.draft.total < 0) needed.push('refund');
	return needed;
}

/** What a discount being typed applies to: a cart line's amount, or for the ticket the sold lines after their own discounts. */
export function discountBaseOf(read: ReadCart, target: number | 'ticket'): number {
	let base = 0;
	read.lines.forEach((l, i) => {
		const gross = Math.max(Math.round(l.quantity * l.unitPrice), 0);
		if (target === 'ticket') base += gross - discountCents(l.discount, gross);
		else if (read.origin[i] === target) base += gross;
	});
	return base;
}
