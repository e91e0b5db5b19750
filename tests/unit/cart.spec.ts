import { describe, expect, it } from 'vitest';
import type { Cents, CustomerId, ProductId } from '$core/brand';
import {
	addReturn, addToCart, canDecrease, canIncrease, cartTotal, cartUnits, emptyCart, exceedsStock, lineAmount, needsReturnReason, priceText,
	removeLine, restoreCart, returnedUnits, setCustomer, setLineDiscount, setQuantity, setRestock, setReturnOf, setTicketDiscount, setUnitPrice, stepQuantity
} from '$core/cart';
import { readCart } from '$core/till-cart/draft';
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

	it('reads readable lines into till lines with their tax rate, options and discount', () => {
		const tee = { ...shirt, taxRate: 10, optionValues: [{ name: 'Talla', value: 'M' }] };
		let cart = setCustomer(addToCart(emptyCart(), tee), { id: 'c1' as CustomerId, code: 'C001', name: 'María' });
		cart = setLineDiscount(setUnitPrice(setQuantity(cart, 0, '1,5'), 0, '10'), 0, { kind: 'percent', value: '10', reason: 'Cliente habitual' });
		const read = readCart(cart);
		expect(read.errors).toEqual([]);
		expect(read.lines).toEqual([{ product: { id: 'p1', sku: 'CAM-001', name: 'Camiseta', taxRate: 10, optionValues: [{ name: 'Talla', value: 'M' }] },
			quantity: 1.5, unitPrice: 1000, discount: { kind: 'percent', value: 10, reason: 'Cliente habitual' } }]);
	});

	it('reports unreadable fields per line', () => {
		let cart = addToCart(addToCart(emptyCart(), shirt), bag);
		cart = setQuantity(cart, 0, '0');
		cart = setUnitPrice(cart, 1, '');
		const read = readCart(cart);
		expect(read.errors).toEqual([
			{ line: 0, field: 'quantity', code: 'must_be_positive' },
			{ line: 1, field: 'unitPrice', code: 'required' }
		]);
		expect(readCart(setUnitPrice(cart, 1, '-2')).errors).toContainEqual({ line: 1, field: 'unitPrice', code: 'negative' });
		expect(readCart(emptyCart()).errors).toEqual([{ line: -1, field: 'lines', code: 'insufficient_lines' }]);
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
		let cart = setCustomer(addToCart(emptyCart(), { ...shirt, taxRate: 21, optionValues: [{ name: 'Color', value: 'Negro' }] }), { id: 'c1' as CustomerId, code: 'C001', name: 'María' });
		cart = setTicketDiscount(setLineDiscount(cart, 0, { kind: 'amount', value: '1,00', reason: 'Tara' }), { kind: 'percent', value: '5', reason: '' });
		cart = setReturnOf(cart, 'AB12CD34-000001');
		cart = addReturn(cart, { product: bag, units: 1, ofLine: 0, restock: false, left: 2, paidUnit: 1800 });
		expect(restoreCart(JSON.parse(JSON.stringify(cart)))).toEqual(cart);
		expect(restoreCart(null)).toEqual(emptyCart());
		expect(restoreCart({ lines: [{ sku: 1 }], customer: { id: 3 } })).toEqual(emptyCart());
	});

	it('restores a ticket stored by the version before discounts and returns', () => {
		const old = { lines: [{ productId: 'p1', sku: 'CAM-001', name: 'Camiseta', quantity: '2', unitPrice: '12,50' }], customer: null };
		const cart = restoreCart(old);
		expect(cart).toEqual({ ...emptyCart(), lines: old.lines });
		expect(readCart(cart).lines[0]).toMatchObject({ quantity: 2, unitPrice: 1250, discount: null });
		expect(restoreCart({ ...old, ticketDiscount: { kind: 'bogus', value: '5' }, returnOf: 'X-1' })).toEqual({ ...emptyCart(), lines: old.lines });
	});
});

describe('returned lines', () => {
	const original = { product: shirt, units: 1, ofLine: 0, restock: true, left: 2, paidUnit: 1125 };

	it('are priced at what was paid, count negative and never above what is left', () => {
		let cart = addReturn(setReturnOf(emptyCart(), 'T-000001'), original);
		expect(cart.lines[0]).toMatchObject({ quantity: '1', unitPrice: '11,25', returned: { ofLine: 0, left: 2, restock: true, paidUnit: 1125 } });
		expect(lineAmount(cart.lines[0])).toBe(-1125);
		cart = stepQuantity(cart, 0, 1);
		expect(cart.lines[0].quantity).toBe('2');
		expect(canIncrease(cart.lines[0])).toBe(false);
		expect(stepQuantity(cart, 0, 1)).toBe(cart);
		expect(readCart(setQuantity(cart, 0, '3')).errors).toEqual([{ line: 0, field: 'quantity', code: 'more_than_left' }]);
		// The price a ticket says was paid cannot be typed over.
		expect(setUnitPrice(cart, 0, '50').lines[0].unitPrice).toBe('11,25');
		expect(cartUnits(cart)).toBe(0);
		expect(returnedUnits(cart)).toBe(2);
	});

	it('picking the same original line again sets its units; a new product sold beside it is an exchange', () => {
		let cart = addReturn(setReturnOf(emptyCart(), 'T-000001'), original);
		cart = addReturn(cart, { ...original, units: 2 });
		cart = addToCart(cart, bag);
		cart = addToCart(cart, shirt);
		expect(cart.lines.map((l) => [l.sku, l.quantity, !!l.returned])).toEqual([['CAM-001', '2', true], ['BOL-300', '1', false], ['CAM-001', '1', false]]);
		expect(cartTotal(cart)).toBe(-2250 + 1990 + 1250);
		expect(exceedsStock(cart.lines[0], 0)).toBe(false);
	});

	it('go back to stock or are marked damaged, and take no discount', () => {
		let cart = addReturn(setReturnOf(emptyCart(), 'T-000001'), original);
		cart = setRestock(cart, 0, false);
		expect(readCart(cart).lines[0]).toMatchObject({ quantity: -1, unitPrice: 1125, returnOfLine: 0, restock: false, discount: null });
		expect(setLineDiscount(cart, 0, { kind: 'percent', value: '50', reason: '' }).lines[0].discount).toBeUndefined();
	});

	it("another original ticket replaces the first one's lines; removing the last returned line ends the return", () => {
		let cart = addToCart(addReturn(setReturnOf(emptyCart(), 'T-000001'), original), bag);
		cart = setReturnOf(cart, 'T-000002');
		expect(cart.lines.map((l) => l.sku)).toEqual(['BOL-300']);
		cart = addReturn(cart, original);
		expect(removeLine(cart, 1).returnOf).toBe('');
	});

	it("without a ticket: today's price, typed over if need be, and a reason is needed", () => {
		const noTicket = { product: shirt, units: 1, ofLine: null, restock: true, left: null, paidUnit: null };
		let cart = addReturn(emptyCart(), noTicket);
		expect(needsReturnReason(cart)).toBe(true);
		expect(addReturn(cart, { ...noTicket, units: 2 }).lines.map((l) => l.quantity)).toEqual(['3']);
		cart = setUnitPrice(cart, 0, '10');
		expect(readCart(cart).lines[0]).toMatchObject({ quantity: -1, unitPrice: 1000, returnOfLine: null });
		expect(canIncrease(cart.lines[0])).toBe(true);
	});
});
