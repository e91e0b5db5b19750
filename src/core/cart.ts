// The ticket being rung up at the counter. Quantities and prices stay as typed until checkout,
// so a half-typed "2," never jumps back under the person's fingers. Every change returns a new cart.
import type { Cents, CustomerId, ProductId } from './brand';
import { lineTotal, parseMoneyInput } from './money';
import { parseQuantity, quantityOrNull, quantityText } from './quantity';
import type { SaleDraft, SaleLineError } from './selling';
import type { Product } from './types';

export interface CartLine {
	productId: ProductId;
	/** Shown on the ticket; kept so a restored ticket renders before the catalogue loads. */
	sku: string;
	name: string;
	quantity: string;
	unitPrice: string;
}

export interface CartCustomer { id: CustomerId; code: string; name: string }

export interface Cart { lines: CartLine[]; customer: CartCustomer | null }

export const emptyCart = (): Cart => ({ lines: [], customer: null });

/** A price as an editable field value: 1250 → "12,50" (or "12.50" with mark "."). */
export const priceText = (price: Cents, mark: ',' | '.' = ','): string => (price / 100).toFixed(2).replace('.', mark);

/** Adds units of a product; a product already on the ticket gets more units on its own line. */
export function addToCart(cart: Cart, product: Pick<Product, 'id' | 'sku' | 'name' | 'unitPrice'>, mark: ',' | '.' = ',', units = 1): Cart {
	const at = cart.lines.findIndex((l) => l.productId === product.id);
	if (at < 0) {
		const line: CartLine = { productId: product.id, sku: product.sku, name: product.name, quantity: quantityText(units), unitPrice: priceText(product.unitPrice, mark) };
		return { ...cart, lines: [...cart.lines, line] };
	}
	const current = quantityOrNull(cart.lines[at].quantity, 'positive');
	return setQuantity(cart, at, quantityText((current ?? 0) + units, cart.lines[at].quantity));
}

export function setQuantity(cart: Cart, index: number, quantity: string): Cart {
	return { ...cart, lines: cart.lines.map((l, i) => (i === index ? { ...l, quantity } : l)) };
}

export function setUnitPrice(cart: Cart, index: number, unitPrice: string): Cart {
	return { ...cart, lines: cart.lines.map((l, i) => (i === index ? { ...l, unitPrice } : l)) };
}

/** The − and + buttons: one unit at a time, never below one (removing is its own button). */
export function stepQuantity(cart: Cart, index: number, step: 1 | -1): Cart {
	const text = cart.lines[index].quantity;
	const current = quantityOrNull(text, 'positive');
	const next = (current ?? 0) + step;
	if (next < 1 && step < 0) return cart;
	return setQuantity(cart, index, quantityText(Math.max(next, 1), text));
}

export const canDecrease = (line: CartLine): boolean => (quantityOrNull(line.quantity, 'positive') ?? 0) >= 2;

export function removeLine(cart: Cart, index: number): Cart {
	return { ...cart, lines: cart.lines.filter((_, i) => i !== index) };
}

export const setCustomer = (cart: Cart, customer: CartCustomer | null): Cart => ({ ...cart, customer });

/** The line's amount, or null while its quantity or price is not a valid number. */
export function lineAmount(line: CartLine): Cents | null {
	const quantity = quantityOrNull(line.quantity, 'positive');
	const price = parseMoneyInput(line.unitPrice);
	return quantity === null || price === null ? null : lineTotal(quantity, price, 0 as Cents);
}

/** What the customer pays for the lines that are readable so far. */
export function cartTotal(cart: Cart): Cents {
	return cart.lines.reduce((sum, l) => sum + (lineAmount(l) ?? 0), 0) as Cents;
}

/** Units on the ticket, for "3 items". */
export function cartUnits(cart: Cart): number {
	return cart.lines.reduce((sum, l) => sum + (quantityOrNull(l.quantity, 'positive') ?? 0), 0);
}

/** True when the line sells more than is on hand: worth a warning, never a refusal. */
export function exceedsStock(line: CartLine, onHand: number): boolean {
	const quantity = quantityOrNull(line.quantity, 'positive');
	return quantity !== null && quantity > onHand;
}

export type CartCheck = { ok: true; draft: SaleDraft } | { ok: false; errors: SaleLineError[] };

/** Reads the typed fields into a sale draft; unreadable fields come back as line errors. */
export function cartToDraft(cart: Cart): CartCheck {
	const errors: SaleLineError[] = [];
	const lines = cart.lines.map((l, line) => {
		const quantity = parseQuantity(l.quantity, 'positive');
		if (!quantity.ok) errors.push({ line, field: 'quantity', code: quantity.code });
		const price = parseMoneyInput(l.unitPrice);
		if (price === null) errors.push({ line, field: 'unitPrice', code: l.unitPrice.trim() === '' ? 'required' : 'not_a_number' });
		else if (price < 0) errors.push({ line, field: 'unitPrice', code: 'negative' });
		return { productId: l.productId, quantity: quantity.ok ? quantity.value : 0, unitPrice: (price ?? 0) as Cents, discount: 0 as Cents };
	});
	if (errors.length) return { ok: false, errors };
	return { ok: true, draft: { customerId: cart.customer?.id ?? null, lines } };
}

/** A ticket read back from storage; anything malformed (an older app version, a hand edit) is dropped. */
export function restoreCart(stored: unknown): Cart {
	const value = stored as Partial<Cart> | null;
	if (!value || !Array.isArray(value.lines)) return emptyCart();
	const isText = (v: unknown): v is string => typeof v === 'string';
	const lines = value.lines.filter((l): l is CartLine => !!l && isText(l.productId) && isText(l.sku) && isText(l.name) && isText(l.quantity) && isText(l.unitPrice));
	const c = value.customer;
	const customer = c && isText(c.id) && isText(c.code) && isText(c.name) ? { id: c.id, code: c.code, name: c.name } : null;
	return { lines: lines.map((l) => ({ productId: l.productId, sku: l.sku, name: l.name, quantity: l.quantity, unitPrice: l.unitPrice })), customer };
}
