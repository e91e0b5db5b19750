// The ticket being rung up at the counter. Quantities, prices and discounts stay as typed until
// checkout, so a half-typed "2," never jumps back under the person's fingers. Every change returns
// a new cart. A returned line (a return or the old half of an exchange) carries `returned`: its
// units come back, so it is priced negative (till-cart/draft.ts reads the cart into a TillDraft).
import type { Cents, CustomerId, ProductId } from './brand';
import { lineTotal, parseMoneyInput } from './money';
import { quantityOrNull, quantityText } from './quantity';
import { DISCOUNT_KINDS, type DiscountKind } from './till/discounts';
import type { OptionValue, Product } from './types';

/** A discount as typed: a percent ("10") or an amount ("2,50"), and why (optional). */
export interface CartDiscount { kind: DiscountKind; value: string; reason: string }

/** What makes a line a return. */
export interface CartReturn {
	/** The original ticket's line it gives back; null for a return without ticket. */
	ofLine: number | null;
	/** Back on the shelf (true) or damaged (false). */
	restock: boolean;
	/** Units the original line can still give back; null without ticket. */
	left: number | null;
	/** What the customer paid per unit on the original ticket (cents, may be fractional); null without ticket. */
	paidUnit: number | null;
}

export interface CartLine {
	productId: ProductId;
	/** Shown on the ticket; kept so a restored ticket renders before the catalogue loads. */
	sku: string;
	name: string;
	/** Units as typed; on a returned line the units given back (positive: the ticket shows them negative). */
	quantity: string;
	unitPrice: string;
	/** The catalogue price when the line was added: a typed price that differs is a price change. */
	listPrice?: Cents;
	/** The product's own tax rate when added (absent: the shop's default); a returned line keeps the original's. */
	taxRate?: number;
	/** A variant's size, colour...: printed on the ticket under the name. */
	optionValues?: OptionValue[];
	discount?: CartDiscount | null;
	returned?: CartReturn;
}

export interface CartCustomer { id: CustomerId; code: string; name: string }

export interface Cart {
	lines: CartLine[];
	customer: CartCustomer | null;
	ticketDiscount: CartDiscount | null;
	/** The original ticket (invoice) the returned lines give back; '' for none. */
	returnOf: string;
	/** Why returned lines come without a ticket (required then). */
	returnReason: string;
}

export const emptyCart = (): Cart => ({ lines: [], customer: null, ticketDiscount: null, returnOf: '', returnReason: '' });

/** A price as an editable field value: 1250 → "12,50" (or "12.50" with mark "."). */
export const priceText = (price: Cents, mark: ',' | '.' = ','): string => (price / 100).toFixed(2).replace('.', mark);

export type CartProduct = Pick<Product, 'id' | 'sku' | 'name' | 'unitPrice'> & Partial<Pick<Product, 'taxRate' | 'optionValues'>>;

function newLine(product: CartProduct, quantity: string, unitPrice: string): CartLine {
	return {
		productId: product.id, sku: product.sku, name: product.name, quantity, unitPrice, listPrice: product.unitPrice,
		...(product.taxRate === undefined ? {} : { taxRate: product.taxRate }),
		...(product.optionValues?.length ? { optionValues: product.optionValues } : {})
	};
}

export const isReturned = (line: CartLine): boolean => !!line.returned;
export const hasReturns = (cart: Cart): boolean => cart.lines.some(isReturned);
/** Returned lines without a ticket: the ticket needs a reason for them. */
export const needsReturnReason = (cart: Cart): boolean => !cart.returnOf && cart.lines.some((l) => l.returned && l.returned.ofLine === null);

/** Adds units of a product; a product already sold on the ticket gets more units on its own line. */
export function addToCart(cart: Cart, product: CartProduct, mark: ',' | '.' = ',', units = 1): Cart {
	const at = cart.lines.findIndex((l) => l.productId === product.id && !l.returned);
	if (at < 0) return { ...cart, lines: [...cart.lines, newLine(product, quantityText(units), priceText(product.unitPrice, mark))] };
	const current = quantityOrNull(cart.lines[at].quantity, 'positive');
	return setQuantity(cart, at, quantityText((current ?? 0) + units, cart.lines[at].quantity));
}

export interface ReturnPick {
	product: CartProduct;
	/** Units given back (positive). */
	units: number;
	/** The original line, or null without ticket. */
	ofLine: number | null;
	restock: boolean;
	/** From the original ticket: units still returnable and what was paid per unit (refundUnitPrice); null without ticket. */
	left: number | null;
	paidUnit: number | null;
}

/**
 * Puts returned units on the ticket. With a ticket the price is what the customer paid (never
 * more) and a line of the original appears once (picking it again sets its units); without a ticket
 * the price is today's and can be typed over, and the same product again adds units to its line.
 */
export function addReturn(cart: Cart, pick: ReturnPick, mark: ',' | '.' = ','): Cart {
	const price = pick.paidUnit === null ? pick.product.unitPrice : (Math.round(pick.paidUnit) as Cents);
	const returned: CartReturn = { ofLine: pick.ofLine, restock: pick.restock, left: pick.left, paidUnit: pick.paidUnit };
	const line: CartLine = { ...newLine(pick.product, quantityText(pick.units), priceText(price, mark)), returned };
	if (pick.ofLine === null) {
		// The same product coming back without a ticket again: more units on its line.
		const at = cart.lines.findIndex((l) => l.productId === pick.product.id && l.returned?.ofLine === null);
		if (at < 0) return { ...cart, lines: [...cart.lines, line] };
		const current = quantityOrNull(cart.lines[at].quantity, 'positive') ?? 0;
		return setQuantity(cart, at, quantityText(current + pick.units, cart.lines[at].quantity));
	}
	const at = cart.lines.findIndex((l) => l.returned?.ofLine === pick.ofLine);
	return { ...cart, lines: at < 0 ? [...cart.lines, line] : cart.lines.map((l, i) => (i === at ? line : l)) };
}

/** Starts returning from an original ticket: returned lines of another ticket leave the cart. */
export function setReturnOf(cart: Cart, invoice: string): Cart {
	if (cart.returnOf === invoice) return cart;
	return { ...cart, returnOf: invoice, lines: cart.lines.filter((l) => !(l.returned && l.returned.ofLine !== null)) };
}

export const setReturnReason = (cart: Cart, returnReason: string): Cart => ({ ...cart, returnReason });

export function setRestock(cart: Cart, index: number, restock: boolean): Cart {
	return { ...cart, lines: cart.lines.map((l, i) => (i === index && l.returned ? { ...l, returned: { ...l.returned, restock } } : l)) };
}

export function setQuantity(cart: Cart, index: number, quantity: string): Cart {
	return { ...cart, lines: cart.lines.map((l, i) => (i === index ? { ...l, quantity } : l)) };
}

/** A returned line from a ticket keeps the price the customer paid: only other lines' prices change. */
export const canChangePrice = (line: CartLine): boolean => !(line.returned && line.returned.paidUnit !== null);

export function setUnitPrice(cart: Cart, index: number, unitPrice: string): Cart {
	return { ...cart, lines: cart.lines.map((l, i) => (i === index && canChangePrice(l) ? { ...l, unitPrice } : l)) };
}

export function setLineDiscount(cart: Cart, index: number, discount: CartDiscount | null): Cart {
	return { ...cart, lines: cart.lines.map((l, i) => (i === index && !l.returned ? { ...l, discount } : l)) };
}

export const setTicketDiscount = (cart: Cart, ticketDiscount: CartDiscount | null): Cart => ({ ...cart, ticketDiscount });

/** The − and + buttons: one unit at a time, never below one (removing is its own button), never above what a ticket can give back. */
export function stepQuantity(cart: Cart, index: number, step: 1 | -1): Cart {
	const line = cart.lines[index];
	const current = quantityOrNull(line.quantity, 'positive');
	const next = (current ?? 0) + step;
	if ((next < 1 && step < 0) || (step > 0 && !canIncrease(line))) return cart;
	return setQuantity(cart, index, quantityText(Math.max(next, 1), line.quantity));
}

export const canDecrease = (line: CartLine): boolean => (quantityOrNull(line.quantity, 'positive') ?? 0) >= 2;

export function canIncrease(line: CartLine): boolean {
	const left = line.returned?.left;
	return left === null || left === undefined || (quantityOrNull(line.quantity, 'positive') ?? 0) + 1 <= left + 1e-9;
}

export function removeLine(cart: Cart, index: number): Cart {
	const lines = cart.lines.filter((_, i) => i !== index);
	// The last line returned from the original ticket gone: the ticket is no longer a return of it.
	const returnOf = lines.some((l) => l.returned && l.returned.ofLine !== null) ? cart.returnOf : '';
	return { ...cart, lines, returnOf };
}

export const setCustomer = (cart: Cart, customer: CartCustomer | null): Cart => ({ ...cart, customer });

/** The line's amount before discounts (negative when returned), or null while its quantity or price is not a valid number. */
export function lineAmount(line: CartLine): Cents | null {
	const quantity = quantityOrNull(line.quantity, 'positive');
	const price = parseMoneyInput(line.unitPrice);
	if (quantity === null || price === null) return null;
	return lineTotal(line.returned ? -quantity : quantity, price, 0 as Cents);
}

/** The readable lines' amounts before discounts and tax (returns subtract). */
export function cartTotal(cart: Cart): Cents {
	return cart.lines.reduce((sum, l) => sum + (lineAmount(l) ?? 0), 0) as Cents;
}

/** Units sold on the ticket, for "3 items" (returned units are not counted). */
export function cartUnits(cart: Cart): number {
	return cart.lines.reduce((sum, l) => sum + (l.returned ? 0 : quantityOrNull(l.quantity, 'positive') ?? 0), 0);
}

/** Units coming back on the ticket (returns and the old half of exchanges). */
export function returnedUnits(cart: Cart): number {
	return cart.lines.reduce((sum, l) => sum + (l.returned ? quantityOrNull(l.quantity, 'positive') ?? 0 : 0), 0);
}

/** True when the line sells more than is on hand: worth a warning, never a refusal. */
export function exceedsStock(line: CartLine, onHand: number): boolean {
	const quantity = quantityOrNull(line.quantity, 'positive');
	return !line.returned && quantity !== null && quantity > onHand;
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function restoreDiscount(value: unknown): CartDiscount | null {
	const d = value as Partial<CartDiscount> | null | undefined;
	return d && DISCOUNT_KINDS.includes(d.kind as DiscountKind) && isText(d.value) ? { kind: d.kind as DiscountKind, value: d.value, reason: isText(d.reason) ? d.reason : '' } : null;
}

function restoreReturn(value: unknown): CartReturn | undefined {
	const r = value as Partial<CartReturn> | null | undefined;
	if (!r || typeof r !== 'object') return undefined;
	const orNull = (v: unknown) => (isNumber(v) ? v : null);
	return { ofLine: orNull(r.ofLine), restock: r.restock !== false, left: orNull(r.left), paidUnit: orNull(r.paidUnit) };
}

function restoreLine(l: Partial<CartLine>): CartLine {
	const line: CartLine = { productId: l.productId!, sku: l.sku!, name: l.name!, quantity: l.quantity!, unitPrice: l.unitPrice! };
	if (isNumber(l.listPrice)) line.listPrice = l.listPrice as Cents;
	if (isNumber(l.taxRate)) line.taxRate = l.taxRate;
	if (Array.isArray(l.optionValues)) {
		const values = l.optionValues.filter((v) => v && isText(v.name) && isText(v.value)).map((v) => ({ name: v.name, value: v.value }));
		if (values.length) line.optionValues = values;
	}
	const discount = restoreDiscount(l.discount);
	if (discount) line.discount = discount;
	const returned = restoreReturn(l.returned);
	if (returned) line.returned = returned;
	return line;
}

/** A ticket read back from storage; anything malformed (an older app version, a hand edit) is dropped, missing newer fields take their defaults. */
export function restoreCart(stored: unknown): Cart {
	const value = stored as Partial<Cart> | null;
	if (!value || !Array.isArray(value.lines)) return emptyCart();
	const lines = (value.lines as Partial<CartLine>[])
		.filter((l) => !!l && isText(l.productId) && isText(l.sku) && isText(l.name) && isText(l.quantity) && isText(l.unitPrice))
		.map(restoreLine);
	const c = value.customer;
	const customer = c && isText(c.id) && isText(c.code) && isText(c.name) ? { id: c.id, code: c.code, name: c.name } : null;
	const returnOf = isText(value.returnOf) && lines.some((l) => l.returned && l.returned.ofLine !== null) ? value.returnOf : '';
	return { lines, customer, ticketDiscount: restoreDiscount(value.ticketDiscount), returnOf, returnReason: isText(value.returnReason) ? value.returnReason : '' };
}
