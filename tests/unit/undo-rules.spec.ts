// Undo at the till and on the stock screen: a line taken off the ticket comes back as it was, and
// a receipt, adjustment or count is cancelled by compensating movements (the ledger only grows).
import { describe, expect, it } from 'vitest';
import type { Cents, LocalTimestamp, ProductId } from '$core/brand';
import { addReturn, addToCart, emptyCart, setLineDiscount, setQuantity, setReturnOf } from '$core/cart';
import { restoreLine, takeLine } from '$core/cart-undo';
import { compensatingMovements, movement, movementsForSale, stockFromMovements, undoneBy } from '$core/ledger';
import { MemoryRepository } from '$core/memory-repository';
import { adjustStock, receiveGoods, recordCount, undoMovements } from '$core/stock-ops';
import type { Product, Sale } from '$core/types';

const shirt = { id: 'p1' as ProductId, sku: 'CAM-001', name: 'Camiseta', unitPrice: 1250 as Cents };
const bag = { id: 'p2' as ProductId, sku: 'BOL-300', name: 'Bolso', unitPrice: 1990 as Cents };
const hat = { id: 'p3' as ProductId, sku: 'GOR-007', name: 'Gorro', unitPrice: 800 as Cents };

describe('undoing the last line removed from the ticket', () => {
	it('puts the line back in its place with its quantity and discount', () => {
		let cart = addToCart(addToCart(addToCart(emptyCart(), shirt), bag), hat);
		cart = setQuantity(cart, 1, '3');
		cart = setLineDiscount(cart, 1, { kind: 'percent', value: '10', reason: 'Cliente habitual' });
		const before = cart;
		const { cart: without, removed } = takeLine(cart, 1);
		expect(without.lines.map((l) => l.sku)).toEqual(['CAM-001', 'GOR-007']);
		expect(restoreLine(without, removed!)).toEqual(before);
	});

	it('gives back the ticket its original when the returned line comes back', () => {
		let cart = setReturnOf(emptyCart(), 'T1-000042');
		cart = addReturn(cart, { product: bag, units: 1, ofLine: 0, restock: true, left: 1, paidUnit: 1990 });
		const { cart: without, removed } = takeLine(cart, 0);
		expect(without.returnOf).toBe('');
		expect(restoreLine(without, removed!)).toEqual(cart);
	});

	it('does not make two lines of one product: once it is on the ticket again, there is nothing to undo', () => {
		const cart = addToCart(addToCart(emptyCart(), shirt), bag);
		const { cart: without, removed } = takeLine(cart, 0);
		expect(restoreLine(addToCart(without, shirt), removed!)).toBeNull();
		// Another product added meanwhile is no conflict: the line goes back where it was.
		expect(restoreLine(addToCart(without, hat), removed!)!.lines.map((l) => l.sku)).toEqual(['CAM-001', 'BOL-300', 'GOR-007']);
		expect(takeLine(cart, 5).removed).toBeNull();
	});
});

const at = 1_700_000_000_000 as LocalTimestamp;
const product = (p: typeof shirt): Product => ({
	id: p.id, sku: p.sku, name: p.name, category: '', unitPrice: p.unitPrice, unitCost: 0 as Cents, barcode: '', supplierId: null,
	reorderPoint: 0, reorderQuantity: 0, leadTimeDays: 0, active: true, createdAt: at, updatedAt: at
} as unknown as Product);

describe('compensating movements', () => {
	it('bring the stock back to what it was, as new movements that name the undone ones', () => {
		const received = [movement(shirt.id, 12, 'purchase', at, 'dev', 'ALB-7', 'Textiles Sur'), movement(bag.id, 2.5, 'purchase', at, 'dev', 'ALB-7')];
		const earlier = [movement(shirt.id, 3, 'adjustment', at, 'dev', '', 'found')];
		const undo = compensatingMovements(received, (at + 5000) as LocalTimestamp, 'dev', 'Ana');
		expect(undo.ok).toBe(true);
		if (!undo.ok) return;
		expect(stockFromMovements([...earlier, ...received, ...undo.movements])).toEqual(new Map([[shirt.id, 3], [bag.id, 0]]));
		expect(undo.movements.map((m) => [m.quantity, m.reason, m.reference, undoneBy(m.note), m.actor])).toEqual([
			[-12, 'purchase', 'ALB-7', received[0].id, 'Ana'], [-2.5, 'purchase', 'ALB-7', received[1].id, 'Ana']
		]);
		expect(new Set(undo.movements.map((m) => m.id)).has(received[0].id)).toBe(false);
	});

	it('refuse a sale: a sale is undone by a return at the till', () => {
		const sale = { id: 's1', invoice: 'T1-1', at, deviceId: 'dev', lines: [{ productId: shirt.id, quantity: 1, unitPrice: 1250 }] } as unknown as Sale;
		expect(compensatingMovements(movementsForSale(sale), at, 'dev')).toEqual({ ok: false, code: 'sale' });
		expect(compensatingMovements([movement(shirt.id, 5, 'import', at, 'dev')], at, 'dev')).toEqual({ ok: false, code: 'import' });
		expect(compensatingMovements([], at, 'dev')).toEqual({ ok: false, code: 'nothing' });
	});
});

describe('undoing on the stock screen', () => {
	async function shop() {
		const repo = new MemoryRepository();
		for (const p of [shirt, bag]) await repo.putProduct(product(p));
		await repo.addMovements([movement(shirt.id, 4, 'purchase', at, 'dev'), movement(bag.id, 1, 'purchase', at, 'dev')]);
		return repo;
	}

	it('a receipt, an adjustment and a count each come undone, the ledger only growing', async () => {
		const repo = await shop();
		const before = await repo.stockLevels();
		for (const operation of [
			() => receiveGoods(repo, null, 'ALB-9', [{ productId: shirt.id, quantity: 10 }, { productId: bag.id, quantity: 2 }], 'dev'),
			() => adjustStock(repo, shirt.id, -1, 'Roto', 'dev'),
			() => recordCount(repo, [{ productId: shirt.id, quantity: 7 }, { productId: bag.id, quantity: 0 }], 'Recuento', 'dev')
		]) {
			const done = await operation();
			expect(done.ok).toBe(true);
			if (!done.ok) continue;
			const movementsBefore = (await repo.counts()).movements;
			const undo = await undoMovements(repo, done.movements, 'dev');
			expect(undo.ok).toBe(true);
			expect(await repo.stockLevels()).toEqual(before);
			expect(await repo.rebuildStockLevels()).toEqual(before);
			expect((await repo.counts()).movements).toBe(movementsBefore + done.movements.length);
			// A second tap on Undo records nothing more.
			expect(await undoMovements(repo, done.movements, 'dev')).toEqual({ ok: false, code: 'already_undone' });
			expect((await repo.counts()).movements).toBe(movementsBefore + done.movements.length);
		}
	});

	it('an undo cannot itself be undone this way', async () => {
		const repo = await shop();
		const done = await adjustStock(repo, bag.id, 3, 'Encontrado', 'dev');
		if (!done.ok) throw new Error('adjust failed');
		const undo = await undoMovements(repo, done.movements, 'dev');
		if (!undo.ok) throw new Error('undo failed');
		expect(await undoMovements(repo, undo.movements, 'dev')).toEqual({ ok: false, code: 'undo' });
	});
});
