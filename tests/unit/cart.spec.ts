import { describe, expect, it } from 'vitest';
import type { Cents, CustomerId, ProductId } from '$core/brand';
import {
	addToCart, canDecrease, cartToDraft, cartTotal, cartUnits, emptyCart, exceedsStock, lineAmount, priceText,
	removeLine, restoreCart, setCustomer, setQuantity, setUnitPrice, stepQuantity
} from '$core/cart';
import { parseQuantity, quantityText } from '$core/quantity';

const shirt = { id: 'p1' as ProductId, sku: 'CAM-001', name: 'Camiseta', unitPrice: 1250 as Cents };
const bag = { id: 'p2' as ProductId, sku: 'BOL-300', name: 'Bolso', unitPrice: 1990 as Cents };

describe('quantity input', () => {
	it('reads both decimal marks and names what is wrong', () => {
		expect(parseQuantity('2,5', 'positive')).toEqual({ ok: true, value: 2.5 });
		expect(parseQuantity('', 'positive')).toEqual({ ok: false, code: 'required' });
		expect(parseQuantity('dos', 'positive')).toEqual({ ok: false, code: 'not_a_number' });
		expect(parseQuantity('0', 'positive')).toEqual({ ok: false, code: 'must_be_positive' });
		expect(parseQuantity('0', 'zeroOrMore')).toEqual({ ok: true, value: 0 });
		expect(parseQuantity('-1', 'zeroOrMore')).toEqual({ ok: false, code: 'negative' });
		expect(parseQuantity('-3', 'signed')).toEqual({ ok: true, value: -3 });
	});

	it('writes a number back with the mark the person used', () => {
		expect(quantityText(3.5, '2,5')).toBe('3,5');
		expect(quantityText(3.5, '2.5')).toBe('3.5');
		expect(quantityText(0.1 + 0.2)).toBe('0.3');
	});
});

describe('cart', () => {
	it('adds a product once and counts repeated scans on the same line', () => {
		let cart = addToCart(emptyCart(), shirt);
		cart = addToCart(cart, bag);
		cart = addToCart(cart, shirt);
		expect(cart.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual([['CAM-001', '2', '12,50'], ['BOL-300', '1', '19,90']]);
		expect(cartTotal(cart)).toBe(2 * 1250 + 1990);
		expect(cartUnits(cart)).toBe(3);
	});

	it('formats the default price with the language decimal mark', () => {
		expect(addToCart(emptyCart(), shirt, '.').lines[0].unitPrice).toBe('12.50');
		expect(priceText(5 as Cents)).toBe('0,05');
	});

	it('steps quantities by one and never below one', () => {
		let cart = addToCart(emptyCart(), shirt);
		expect(canDecrease(cart.lines[0])).toBe(false);
		expect(stepQuantity(cart, 0, -1)).toBe(cart);
		cart = stepQuantity(cart, 0, 1);
		expect(cart.lines[0].quantity).toBe('2');
		expect(canDecrease(cart.lines[0])).toBe(true);
		cart = setQuantity(cart, 0, '2,5');
		expect(stepQuantity(cart, 0, 1).lines[0].quantity).toBe('3,5');
		expect(stepQuantity(setQuantity(cart, 0, 'x'), 0, 1).lines[0].quantity).toBe('1');
	});

	it('keeps typed text and totals only readable lines', () => {
		let cart = addToCart(addToCart(emptyCart(), shirt), bag);
		cart = setQuantity(cart, 0, '3');
		cart = setUnitPrice(cart, 1, 'abc');
		expect(lineAmount(cart.lines[0])).toBe(3750);
		expect(lineAmount(cart.lines[1])).toBeNull();
		expect(cartTotal(cart)).toBe(3750);
	});

	it('turns readable lines into a sale draft with the customer', () => {
		let cart = setCustomer(addToCart(emptyCart(), shirt), { id: 'c1' as CustomerId, code: 'C001', name: 'María' });
		cart = setUnitPrice(setQuantity(cart, 0, '1,5'), 0, '10');
		const check = cartToDraft(cart);
		expect(check).toEqual({ ok: true, draft: { customerId: 'c1', lines: [{ productId: 'p1', quantity: 1.5, unitPrice: 1000, discount: 0 }] } });
	});

	it('reports unreadable fields per line', () => {
		let cart = addToCart(addToCart(emptyCart(), shirt), bag);
		cart = setQuantity(cart, 0, '0');
		cart = setUnitPrice(cart, 1, '');
		const check = cartToDraft(cart);
		expect(check.ok).toBe(false);
		if (check.ok) return;
		expect(check.errors).toEqual([
			{ line: 0, field: 'quantity', code: 'must_be_positive' },
			{ line: 1, field: 'unitPrice', code: 'required' }
		]);
		expect(cartToDraft(setUnitPrice(cart, 1, '-2')).ok).toBe(false);
	});

	it('warns only when a readable quantity is above stock', () => {
		const line = setQuantity(addToCart(emptyCart(), shirt), 0, '3').lines[0];
		expect(exceedsStock(line, 2)).toBe(true);
		expect(exceedsStock(line, 3)).toBe(false);
		expect(exceedsStock({ ...line, quantity: '' }, 0)).toBe(false);
	});

	it('removes a line', () => {
		const cart = removeLine(addToCart(addToCart(emptyCart(), shirt), bag), 0);
		expect(cart.lines.map((l) => l.sku)).toEqual(['BOL-300']);
	});

	it('restores a stored ticket and drops what is malformed', () => {
		const cart = setCustomer(addToCart(emptyCart(), shirt), { id: 'c1' as CustomerId, code: 'C001', name: 'María' });
		expect(restoreCart(JSON.parse(JSON.stringify(cart)))).toEqual(cart);
		expect(restoreCart(null)).toEqual(emptyCart());
		expect(restoreCart({ lines: [{ sku: 1 }], customer: { id: 3 } })).toEqual(emptyCart());
	});
});
