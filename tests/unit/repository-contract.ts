// The behaviour every InventoryRepository must have, run against each implementation.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Cents, CustomerId, DayNumber, LocalTimestamp, ProductId } from '$core/brand';
import { emptyCustomerForm, emptyProductForm, emptySupplierForm, saveCustomer, saveProduct, saveSupplier, validateProduct } from '$core/catalog';
import { newId } from '$core/ids';
import { movement } from '$core/ledger';
import { DuplicateError, type InventoryRepository } from '$core/repository';
import { buildBlock } from '$core/sale-blocks';
import { querySales } from '$core/sales-query';
import { recordSale } from '$core/selling';
import { adjustStock, receiveGoods, recordCount } from '$core/stock-ops';
import { draftPurchaseOrder } from '$core/purchase-orders/purchase-order';
import { loadStockOnOrder, receivePurchaseOrder, sendPurchaseOrder } from '$core/purchase-orders/use-cases';
import { dayOf, parseIsoLocal } from '$core/time';
import type { Product, Sale } from '$core/types';

const DEVICE = 'device-test';
const at = (s: string) => parseIsoLocal(s) as LocalTimestamp;

async function product(repo: InventoryRepository, sku: string, price = '10', cost = '4'): Promise<Product> {
	const r = await saveProduct(repo, { ...emptyProductForm(), sku, name: `Producto ${sku}`, unitPrice: price, unitCost: cost });
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
}

const line = (p: Product, quantity: number, discount = 0) => ({ productId: p.id, quantity, unitPrice: p.unitPrice, discount: discount as Cents });

export function repositoryContract(name: string, makeRepo: () => Promise<InventoryRepository>) {
	describe(`${name} repository`, () => {
		let repo: InventoryRepository;
		beforeEach(async () => {
			repo = await makeRepo();
		});

		it('stores products and finds them by SKU; a second product with the same SKU is refused', async () => {
			const p = await product(repo, 'CAM-001');
			expect((await repo.getProductBySku('CAM-001'))?.id).toBe(p.id);
			expect(await repo.getProduct(p.id)).toEqual(p);
			const clash = validateProduct({ ...emptyProductForm(), sku: 'CAM-001', name: 'Otra', unitPrice: '1' });
			if (!clash.ok) throw new Error('invalid');
			await expect(repo.putProduct(clash.value)).rejects.toBeInstanceOf(DuplicateError);
			const viaUseCase = await saveProduct(repo, { ...emptyProductForm(), sku: 'CAM-001', name: 'Otra', unitPrice: '1' });
			expect(viaUseCase.ok ? null : viaUseCase.errors).toEqual({ sku: 'duplicate' });
			expect(await repo.listProducts()).toHaveLength(1);
		});

		it('deleting a supplier moves or detaches its products, never orphans them', async () => {
			const a = await saveSupplier(repo, { ...emptySupplierForm(), name: 'Textiles del Sur' });
			const b = await saveSupplier(repo, { ...emptySupplierForm(), name: 'Bisutería Luna' });
			if (!a.ok || !b.ok) throw new Error('invalid');
			const p = await saveProduct(repo, { ...emptyProductForm(), sku: 'X1', name: 'X', unitPrice: '1', supplierId: a.value.id });
			const q = await saveProduct(repo, { ...emptyProductForm(), sku: 'X2', name: 'Y', unitPrice: '1', supplierId: b.value.id });
			if (!p.ok || !q.ok) throw new Error('invalid');
			await repo.deleteSupplier(a.value.id, b.value.id);
			expect((await repo.getProduct(p.value.id))?.supplierId).toBe(b.value.id);
			await repo.deleteSupplier(b.value.id, null);
			expect((await repo.getProduct(p.value.id))?.supplierId).toBeNull();
			expect((await repo.getProduct(q.value.id))?.supplierId).toBeNull();
			expect(await repo.listSuppliers()).toHaveLength(0);
		});

		it('a sale takes stock out through the ledger and updates daily totals', async () => {
			const p = await product(repo, 'A', '12,50', '5');
			const q = await product(repo, 'B', '3', '1');
			await receiveGoods(repo, null, 'ALB-1', [{ productId: p.id, quantity: 10 }, { productId: q.id, quantity: 5 }], DEVICE);
			const customer = await saveCustomer(repo, { ...emptyCustomerForm(), code: '17850', name: 'Lucía' });
			if (!customer.ok) throw new Error('invalid');
			const r = await recordSale(repo, { customerId: customer.value.id, lines: [line(p, 3), line(q, 2, 50)], at: at('2024-05-10 10:30') }, DEVICE);
			expect(r.ok).toBe(true);
			const levels = await repo.stockLevels();
			expect(levels.get(p.id)).toBe(7);
			expect(levels.get(q.id)).toBe(3);
			expect(await repo.rebuildStockLevels()).toEqual(levels);

			const history = await repo.movementsOf(p.id);
			expect(history.map((m) => [m.reason, m.quantity]).sort()).toEqual([['purchase', 10], ['sale', -3]]);

			const day = dayOf(at('2024-05-10 00:00'));
			const [shop] = await repo.shopDays(day, day);
			expect(shop).toMatchObject({ day, units: 5, revenue: 3750 + 600 - 50, cost: 1500 + 200, lines: 2 });
			const [pd] = await repo.productDays(p.id, day, day);
			expect(pd).toMatchObject({ productId: p.id, units: 3, revenue: 3750 });
			expect(await repo.productDays(p.id, (day + 1) as DayNumber, (day + 5) as DayNumber)).toEqual([]);
			const series = (await repo.allProductSeries()).sort((a, b) => a.productId.localeCompare(b.productId));
			expect(series.map((s) => s.productId)).toEqual([p.id, q.id].sort());
			const ofP = series.find((s) => s.productId === p.id)!;
			expect([...ofP.days]).toEqual([day]);
			expect([...ofP.units]).toEqual([3]);

			const blocks = await repo.saleBlocks(day, day);
			const page = querySales(blocks, { productId: q.id }, 0, 10);
			expect(page.total).toBe(1);
			expect(page.rows[0]).toMatchObject({ quantity: 2, total: 550, customerId: customer.value.id });
			expect((await repo.counts())).toMatchObject({ products: 2, customers: 1, sales: 1, saleLines: 2, movements: 4 });
		});

		it('a return line puts stock back', async () => {
			const p = await product(repo, 'A');
			await recordSale(repo, { customerId: null, lines: [line(p, -1)], at: at('2024-05-11 09:00') }, DEVICE);
			expect((await repo.stockLevels()).get(p.id)).toBe(1);
			expect((await repo.movementsOf(p.id))[0].reason).toBe('return');
		});

		it('adjustments need a reason; a count records the difference to what was counted', async () => {
			const p = await product(repo, 'A');
			await receiveGoods(repo, null, 'ALB-2', [{ productId: p.id, quantity: 10 }], DEVICE);
			const noReason = await adjustStock(repo, p.id, -2, ' ', DEVICE);
			expect(noReason.ok).toBe(false);
			await adjustStock(repo, p.id, -2, 'Rotura', DEVICE);
			const count = await recordCount(repo, [{ productId: p.id, quantity: 5 }], 'Recuento mayo', DEVICE);
			expect(count.ok && count.movements.map((m) => m.quantity)).toEqual([-3]);
			expect((await repo.stockLevels()).get(p.id)).toBe(5);
			const same = await recordCount(repo, [{ productId: p.id, quantity: 5 }], 'Recuento junio', DEVICE);
			expect(same.ok && same.movements).toEqual([]);
		});

		it('sale blocks are found by the days they cover', async () => {
			const p = await product(repo, 'A');
			for (const d of ['2024-01-05', '2024-02-10', '2024-03-15']) {
				await recordSale(repo, { customerId: null, lines: [line(p, 1)], at: at(`${d} 12:00`) }, DEVICE);
			}
			const feb = await repo.saleBlocks(dayOf(at('2024-02-01 00:00')), dayOf(at('2024-02-29 00:00')));
			expect(feb).toHaveLength(1);
			expect(await repo.saleBlocks()).toHaveLength(3);
			const page = querySales(await repo.saleBlocks(), {}, 0, 2);
			expect(page.total).toBe(3);
			expect(page.rows.map((r) => r.at)).toEqual([at('2024-03-15 12:00'), at('2024-02-10 12:00')]);
		});

		it('gives the import identities of the stored lines, without lines that have none', async () => {
			const p = await product(repo, 'A');
			expect([...await repo.lineKeys()]).toEqual([]);
			const sale = (invoice: string, n: number): Sale => ({ id: newId(), invoice, at: at('2024-04-01 10:00'), customerId: null, deviceId: DEVICE, lines: Array.from({ length: n }, () => line(p, 1)) });
			const keyed = buildBlock(newId(), [sale('F-1', 3)], 'import');
			keyed.lineKeys = Float64Array.of(2 ** 52 + 7, NaN, 0);
			const unkeyed = buildBlock(newId(), [sale('F-2', 2)], 'pos');
			await repo.appendSales({ blocks: [keyed, unkeyed], movements: [] });
			expect([...await repo.lineKeys()].sort((a, b) => a - b)).toEqual([0, 2 ** 52 + 7]);
		});

		it('a batch is stored whole or not at all', async () => {
			const p = await product(repo, 'A');
			const dup = validateProduct({ ...emptyProductForm(), sku: 'A', name: 'Duplicada', unitPrice: '1' });
			if (!dup.ok) throw new Error('invalid');
			const sale: Sale = { id: newId(), invoice: 'F-1', at: at('2024-04-01 10:00'), customerId: null as CustomerId | null, deviceId: DEVICE, lines: [line(p, 2)] };
			const batch = { blocks: [buildBlock(newId(), [sale], 'import')], movements: [], products: [dup.value] };
			await expect(repo.appendSales(batch)).rejects.toBeInstanceOf(DuplicateError);
			expect(await repo.saleBlocks()).toHaveLength(0);
			expect(await repo.shopDays(0 as DayNumber, 100_000 as DayNumber)).toEqual([]);
			expect(await repo.listProducts()).toHaveLength(1);
		});

		it('keeps settings and forgets everything on clear', async () => {
			await repo.putSetting('deviceId', 'abc');
			await repo.putSetting('importMapping:x', { sku: 1 });
			expect(await repo.getSetting('deviceId')).toBe('abc');
			expect(new Map(await repo.listSettings())).toEqual(new Map<string, unknown>([['deviceId', 'abc'], ['importMapping:x', { sku: 1 }]]));
			await product(repo, 'A');
			await repo.clear();
			expect(await repo.counts()).toEqual({ products: 0, suppliers: 0, customers: 0, saleLines: 0, sales: 0, movements: 0 });
			expect(await repo.getSetting('deviceId')).toBeUndefined();
		});

		it('lists a product\'s movements newest first', async () => {
			const p = await product(repo, 'A');
			const entries = ['2024-01-02 10:00', '2024-03-01 09:00', '2024-02-01 08:00'].map((t, i) => movement(p.id, i + 1, 'purchase', at(t), DEVICE));
			await repo.addMovements(entries);
			expect((await repo.movementsOf(p.id)).map((m) => m.quantity)).toEqual([2, 3, 1]);
			expect((await repo.movementsOf(p.id, 1)).map((m) => m.quantity)).toEqual([2]);
		});

		it('fractional quantities add up without float dust', async () => {
			const p = await product(repo, 'GRANEL');
			await receiveGoods(repo, null, 'A', [{ productId: p.id as ProductId, quantity: 0.1 }, { productId: p.id, quantity: 0.2 }], DEVICE);
			expect((await repo.stockLevels()).get(p.id)).toBe(0.3);
		});

		it('keeps purchase orders: a sent order is stock on order until received as purchase movements', async () => {
			const s = await saveSupplier(repo, { ...emptySupplierForm(), name: 'Textiles del Sur', defaultLeadTimeDays: '5' });
			if (!s.ok) throw new Error('invalid');
			const a = await product(repo, 'A'), b = await product(repo, 'B');
			const draft = draftPurchaseOrder(s.value.id, [{ productId: a.id, quantity: 12, unitCost: a.unitCost }, { productId: b.id, quantity: 3, unitCost: b.unitCost }], at('2024-06-03 10:00'), DEVICE);
			await repo.putPurchaseOrder(draft);
			expect(await repo.getPurchaseOrder(draft.id)).toEqual(draft);
			expect(await loadStockOnOrder(repo)).toEqual(new Map());
			const sent = await sendPurchaseOrder(repo, draft.id, at('2024-06-04 09:00'));
			expect(sent).toMatchObject({ status: 'ordered', expectedDay: dayOf(at('2024-06-09 00:00')) });
			expect(await loadStockOnOrder(repo)).toEqual(new Map([[a.id, 12], [b.id, 3]]));
			const received = await receivePurchaseOrder(repo, draft.id, DEVICE, new Map([[b.id, 2]]));
			expect(received.lines.map((l) => l.receivedQuantity)).toEqual([12, 2]);
			expect(await repo.getPurchaseOrder(draft.id)).toEqual(received);
			expect(await loadStockOnOrder(repo)).toEqual(new Map());
			expect(await repo.stockLevels()).toEqual(new Map([[a.id, 12], [b.id, 2]]));
			expect(await repo.movementsOf(b.id)).toMatchObject([{ quantity: 2, reason: 'purchase', reference: draft.number, note: 'Textiles del Sur' }]);
			await expect(receivePurchaseOrder(repo, draft.id, DEVICE)).rejects.toThrow(/cannot receive a purchase order that is received/);
			await expect(sendPurchaseOrder(repo, 'missing')).rejects.toThrow(/purchase order missing not found/);
			const other = draftPurchaseOrder(null, [{ productId: a.id, quantity: 1, unitCost: a.unitCost }], at('2024-06-05 10:00'), DEVICE);
			await repo.putPurchaseOrder(other);
			expect((await repo.listPurchaseOrders()).map((o) => o.id).sort()).toEqual([draft.id, other.id].sort());
			await repo.deletePurchaseOrder(other.id);
			expect(await repo.getPurchaseOrder(other.id)).toBeUndefined();
			await repo.clear();
			expect(await repo.listPurchaseOrders()).toEqual([]);
		});
	});
}
