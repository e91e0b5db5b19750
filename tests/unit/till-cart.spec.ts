// The counter's cart through the till's core: pricing, exchanges, refunds to the cent, staff limits,
// parked tickets, the quick grid and the cash buttons.
import { describe, expect, it } from 'vitest';
import type { Cents, LocalTimestamp, ProductId, SaleId } from '$core/brand';
import { addReturn, addToCart, emptyCart, setLineDiscount, setQuantity, setReturnOf, setTicketDiscount, setUnitPrice, type Cart } from '$core/cart';
import { MemoryRepository } from '$core/memory-repository';
import type { ProductSeries } from '$core/product-series';
import { priceTicket } from '$core/till/checkout';
import { chargeTicket } from '$core/till/record';
import { DEFAULT_TILL_SETTINGS } from '$core/till/settings';
import { approvalsNeeded, cartErrorsOf, discountBaseOf, lineFigures, readCart, readDiscount, refundSplit, tillDraft } from '$core/till-cart/draft';
import { MAX_PARKED, park, restoreParked, unpark } from '$core/till-cart/parked';
import { quickGrid } from '$core/till-cart/quick-grid';
import { quickCash } from '$core/till-cart/tender';
import { returnPick, returnableLines } from '$core/till-cart/ticket-return';
import type { Product } from '$core/types';

const c = (n: number) => n as Cents;
const product = (id: string, name: string, unitPrice: number, extra: Partial<Product> = {}): Product => ({
	id: id as ProductId, sku: id.toUpperCase(), barcode: '', name, category: '', unitPrice: c(unitPrice), unitCost: c(0), supplierId: null,
	leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: false, updatedAt: 0 as LocalTimestamp, ...extra
});
const teeM = product('tee-m-black', 'Camiseta M / Negro', 2000, { taxRate: 21, variantOf: 'tee' as ProductId, optionValues: [{ name: 'Talla', value: 'M' }, { name: 'Color', value: 'Negro' }] });
const teeL = product('tee-l-white', 'Camiseta L / Blanco', 2000, { taxRate: 21, variantOf: 'tee' as ProductId, optionValues: [{ name: 'Talla', value: 'L' }, { name: 'Color', value: 'Blanco' }] });
const book = product('book', 'Libro', 1500, { taxRate: 4 });

const context = (tenders: { method: string; amount: number }[]) => ({
	saleId: 'sale-1' as SaleId, at: 1_700_000_000_000 as LocalTimestamp, deviceId: 'dev-1', tenders, cashier: 'Ana', approvedBy: '', shiftId: null
});
const price = (cart: Cart, tenders: { method: string; amount: number }[] = []) => {
	const read = readCart(cart);
	return { read, priced: priceTicket(tillDraft(cart, read, context(tenders)), DEFAULT_TILL_SETTINGS) };
};

async function charge(repo: MemoryRepository, cart: Cart, tenders: { method: string; amount: number }[], saleId: string) {
	const read = readCart(cart);
	expect(read.errors).toEqual([]);
	const result = await chargeTicket(repo, tillDraft(cart, read, { ...context(tenders), saleId: saleId as SaleId }), DEFAULT_TILL_SETTINGS, 'TAB1');
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.ticket;
}

describe('discounts as typed', () => {
	it('reads percent and amount, blank as none, and names what is wrong', () => {
		expect(readDiscount({ kind: 'percent', value: '12,5', reason: ' Amiga ' })).toEqual({ ok: true, value: { kind: 'percent', value: 12.5, reason: 'Amiga' } });
		expect(readDiscount({ kind: 'amount', value: '2,50', reason: '' })).toEqual({ ok: true, value: { kind: 'amount', value: 250, reason: '' } });
		expect(readDiscount({ kind: 'percent', value: ' ', reason: '' })).toEqual({ ok: true, value: null });
		expect(readDiscount({ kind: 'percent', value: '120', reason: '' })).toEqual({ ok: false, code: 'over_100_percent' });
		expect(readDiscount({ kind: 'amount', value: 'mucho', reason: '' })).toEqual({ ok: false, code: 'not_a_number' });
		expect(readDiscount({ kind: 'amount', value: '-1', reason: '' })).toEqual({ ok: false, code: 'negative' });
	});

	it('line and ticket discounts show per line and in the tax breakdown', () => {
		let cart = addToCart(addToCart(emptyCart(), teeM), book);
		cart = setLineDiscount(cart, 0, { kind: 'percent', value: '10', reason: 'Cliente habitual' });
		cart = setTicketDiscount(cart, { kind: 'amount', value: '3,40', reason: '' });
		const { read, priced } = price(cart, [{ method: 'card', amount: 3000 }]);
		expect(priced.gross).toBe(3500);
		// 200 off the shirt, then 340 shared over 1800 and 1500.
		expect(priced.discount).toBe(540);
		expect(lineFigures(priced, read.origin, 2)).toEqual([{ discount: 200 + 185, ticketShare: 185, amount: 1615 }, { discount: 155, ticketShare: 155, amount: 1345 }]);
		expect(priced.draft.total).toBe(2960);
		expect(priced.draft.taxes.map((t) => t.rate)).toEqual([21, 4]);
		expect(priced.draft.taxes.reduce((s, t) => s + t.total, 0)).toBe(2960);
		expect(priced.draft.lines[0].options).toBe('Talla=M; Color=Negro');
		// What the editors show a discount against: the line's amount, the ticket after line discounts.
		expect(discountBaseOf(read, 0)).toBe(2000);
		expect(discountBaseOf(read, 'ticket')).toBe(3300);
	});

	it('an amount larger than the line is the line\'s error', () => {
		const cart = setLineDiscount(addToCart(emptyCart(), book), 0, { kind: 'amount', value: '20', reason: '' });
		const { read, priced } = price(cart, [{ method: 'cash', amount: 5000 }]);
		expect(cartErrorsOf(priced.errors, read.origin)).toEqual([{ line: 0, field: 'discount', code: 'more_than_amount' }]);
	});
});

describe('staff limits', () => {
	it('a discount over the owner\'s limit, a typed price and money given back need an admin', () => {
		const base = addToCart(emptyCart(), teeM);
		const limit = { discountLimitPercent: 10 };
		const needs = (cart: Cart) => approvalsNeeded(cart, price(cart).priced, limit);
		expect(needs(base)).toEqual([]);
		expect(needs(setLineDiscount(base, 0, { kind: 'percent', value: '10', reason: '' }))).toEqual([]);
		expect(needs(setLineDiscount(base, 0, { kind: 'percent', value: '15', reason: '' }))).toEqual(['bigDiscount']);
		expect(needs(setTicketDiscount(base, { kind: 'amount', value: '5', reason: '' }))).toEqual(['bigDiscount']);
		expect(needs(setUnitPrice(base, 0, '15'))).toEqual(['changePrice']);
		expect(needs(setUnitPrice(base, 0, '20,00'))).toEqual([]);
		const refund = addReturn(emptyCart(), { product: teeM, units: 1, ofLine: null, restock: true, left: null, paidUnit: null });
		expect(needs(refund)).toEqual(['refund']);
		// An exchange for something dearer gives no money back.
		expect(needs(addToCart(refund, { ...book, unitPrice: c(2500) }))).toEqual([]);
	});
});

describe('returns and exchanges through the till', () => {
	it('sells two variants with a discount in cash with change, then returns one with the ticket at what was paid', async () => {
		const repo = new MemoryRepository();
		let cart = addToCart(addToCart(emptyCart(), teeM), teeL);
		cart = setTicketDiscount(cart, { kind: 'percent', value: '10', reason: 'Rebajas' });
		const sale = await charge(repo, cart, [{ method: 'cash', amount: 5000 }], 's1');
		expect(sale.total).toBe(3600);
		expect(sale.change).toBe(1400);
		expect(sale.payments).toEqual([{ method: 'cash', amount: 3600 }]);

		const lines = returnableLines(sale, await repo.listTickets({ returnOf: sale.invoice }));
		expect(lines.map((l) => [l.index, l.left, l.paidUnit])).toEqual([[0, 1, 1800], [1, 1, 1800]]);
		const back = addReturn(setReturnOf(emptyCart(), sale.invoice), returnPick(lines[0], 1, true));
		const refund = await charge(repo, back, [{ method: 'cash', amount: 1800 }], 's2');
		expect(refund.total).toBe(-1800);
		expect(refund.returnOf).toBe(sale.invoice);
		expect(refund.lines[0]).toMatchObject({ quantity: -1, returnOfLine: 0, options: 'Talla=M; Color=Negro', taxRate: 21 });
		expect(refund.payments).toEqual([{ method: 'cash', amount: -1800 }]);
		const after = returnableLines(sale, await repo.listTickets({ returnOf: sale.invoice }));
		expect(after.map((l) => l.left)).toEqual([0, 1]);
	});

	it('exchanges a returned variant for another product: the total is the difference', async () => {
		const repo = new MemoryRepository();
		const sale = await charge(repo, addToCart(emptyCart(), teeM), [{ method: 'card', amount: 2000 }], 's1');
		const lines = returnableLines(sale, []);
		let cart = addReturn(setReturnOf(emptyCart(), sale.invoice), returnPick(lines[0], 1, false));
		cart = addToCart(cart, { ...book, unitPrice: c(2500) });
		const exchange = await charge(repo, cart, [{ method: 'cash', amount: 500 }], 's2');
		expect(exchange.total).toBe(500);
		expect(exchange.lines.map((l) => [l.quantity, l.amount, l.restock])).toEqual([[-1, -2000, false], [1, 2500, true]]);
		const moves = (await repo.movementsOf(teeM.id)).map((m) => m.reason).sort();
		expect(moves).toEqual(['adjustment', 'return', 'sale']);
	});

	it('refunds exactly what a discounted line cost when a unit is not whole cents', async () => {
		expect(refundSplit(3, 2500 / 3)).toEqual([{ quantity: 2, unitPrice: 833 }, { quantity: 1, unitPrice: 834 }]);
		expect(refundSplit(1, 2500 / 3)).toEqual([{ quantity: 1, unitPrice: 833 }]);
		expect(refundSplit(2, 1800)).toEqual([{ quantity: 2, unitPrice: 1800 }]);
		expect(refundSplit(0.5, 1001)).toEqual([{ quantity: 0.5, unitPrice: 1001 }]);

		const repo = new MemoryRepository();
		let cart = setQuantity(addToCart(emptyCart(), book), 0, '3');
		cart = setLineDiscount(cart, 0, { kind: 'amount', value: '20,00', reason: '' });
		const sale = await charge(repo, cart, [{ method: 'card', amount: 2500 }], 's1');
		expect(sale.total).toBe(2500);
		const [line] = returnableLines(sale, []);
		const back = addReturn(setReturnOf(emptyCart(), sale.invoice), returnPick(line, 3, true));
		const { read, priced } = price(back);
		expect(read.lines.map((l) => [l.quantity, l.unitPrice])).toEqual([[-2, 833], [-1, 834]]);
		expect(lineFigures(priced, read.origin, 1)[0].amount).toBe(-2500);
		const refund = await charge(repo, back, [{ method: 'card', amount: 2500 }], 's2');
		expect(refund.total).toBe(-2500);
		expect(returnableLines(sale, [refund])[0].left).toBe(0);
	});

	it('a return without ticket needs its reason', () => {
		const cart = addReturn(emptyCart(), { product: book, units: 1, ofLine: null, restock: true, left: null, paidUnit: null });
		const { read, priced } = price(cart, [{ method: 'cash', amount: 1500 }]);
		expect(cartErrorsOf(priced.errors, read.origin)).toEqual([{ line: -1, field: 'returnReason', code: 'required' }]);
		const withReason = price({ ...cart, returnReason: 'Regalo repetido' }, [{ method: 'cash', amount: 1500 }]);
		expect(withReason.priced.errors).toEqual([]);
		expect(withReason.priced.draft.returnReason).toBe('Regalo repetido');
	});
});

describe('cash buttons', () => {
	it('offers the exact amount and the next round notes', () => {
		expect(quickCash(c(3750))).toEqual([3750, 4000, 5000, 10000]);
		expect(quickCash(c(2000))).toEqual([2000, 5000, 10000]);
		expect(quickCash(c(1234), 3)).toEqual([1234, 1500, 2000]);
		expect(quickCash(c(0))).toEqual([]);
		expect(quickCash(c(-500))).toEqual([]);
	});
});

describe('parked tickets', () => {
	it('park, serve the next customer, bring the ticket back; what is stored reads back', () => {
		const cart = addToCart(emptyCart(), book);
		let list = park([], cart, ' Señora del abrigo ', 1000, 'a');
		list = park(list, emptyCart(), 'vacío', 1001, 'b');
		expect(list.map((p) => [p.id, p.label])).toEqual([['a', 'Señora del abrigo']]);
		const stored = JSON.parse(JSON.stringify(list));
		expect(restoreParked(stored)).toEqual(list);
		const back = unpark(list, 'a');
		expect(back.cart).toEqual(cart);
		expect(back.list).toEqual([]);
		expect(unpark(back.list, 'a').cart).toBeNull();
		expect(restoreParked([{ id: 1 }, { id: 'x', at: 1, cart: { lines: 'no' } }, null])).toEqual([]);
		expect(restoreParked('nope')).toEqual([]);
		let many = list;
		for (let i = 0; i < MAX_PARKED + 3; i++) many = park(many, cart, '', i, `p${i}`);
		expect(many).toHaveLength(MAX_PARKED);
		expect(many.at(-1)?.id).toBe(`p${MAX_PARKED + 2}`);
	});
});

describe('quick grid', () => {
	const style = product('tee', 'Camiseta', 2000, { category: 'Ropa', options: [{ name: 'Talla', values: ['M', 'L'] }] });
	const bread = product('bread', 'Pan', 120, { category: 'Panadería' });
	const bun = product('bun', 'Bollo', 90, { category: 'Panadería' });
	const old = product('old', 'Viejo', 100, { category: 'Panadería', active: false });
	const series = (id: string, days: number[], units: number[]): ProductSeries => ({
		productId: id as ProductId, days: Int32Array.from(days), units: Float64Array.from(units), revenue: new Float64Array(days.length),
		cost: new Float64Array(days.length), lines: new Uint32Array(days.length)
	});
	const catalogue = [style, { ...teeM, category: 'Ropa' }, { ...teeL, category: 'Ropa' }, bread, bun, old];

	it('favourites first in their order, then best sellers per category with variants counted for their style', () => {
		const all = [series('tee-m-black', [100], [30]), series('tee-l-white', [99], [30]), series('bread', [1, 100], [1000, 5]), series('bun', [100], [10]), series('old', [100], [99])];
		const grid = quickGrid(catalogue, all, [bun.id, 'gone' as ProductId], { days: 30 });
		expect(grid.favourites.map((p) => p.id)).toEqual(['bun']);
		// The bread's 1000 of day 1 are long ago; the shirt's variants add up to 60 for the style.
		expect(grid.groups).toEqual([{ category: 'Ropa', products: [style] }, { category: 'Panadería', products: [bread] }]);
	});

	it('is empty for a shop with no sales and no favourites', () => {
		expect(quickGrid(catalogue, [], [])).toEqual({ favourites: [], groups: [] });
	});
});
