// Each schema version opens a database built at the previous version, with data in it.
import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { InventoryDB } from '$lib/db/inventory-db';
import { DexieRepository } from '$lib/db/dexie-repository';
import { LATEST_VERSION, SCHEMA_VERSIONS } from '$lib/db/schema';
import { buildBlock } from '$core/sale-blocks';
import type { Sale } from '$core/types';
import type { DayNumber, ProductId } from '$core/brand';

describe('IndexedDB schema versions', () => {
	it('is an append-only list numbered 1, 2, 3…', () => {
		expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
		expect(LATEST_VERSION).toBe(SCHEMA_VERSIONS.length);
	});

	it('v1 → v2: customers keep their data and gain a code and an import flag', async () => {
		const indexedDB = new IDBFactory();
		const v1 = new InventoryDB('upgrade', { indexedDB, IDBKeyRange, versions: SCHEMA_VERSIONS.slice(0, 1) });
		await v1.customers.add({ id: 'c1', name: 'María García', email: 'maria@example.es', phone: '', firstSeen: 19000 } as never);
		await v1.products.add({ id: 'p1', sku: 'CAM-001', name: 'Camiseta' } as never);
		v1.close();

		const latest = new InventoryDB('upgrade', { indexedDB, IDBKeyRange, versions: SCHEMA_VERSIONS.slice(0, 2) });
		await latest.open();
		expect(latest.verno).toBe(2);
		const customer = await latest.customers.get('c1');
		expect(customer).toMatchObject({ name: 'María García', email: 'maria@example.es', code: '', createdByImport: false });
		expect(await latest.customers.where('code').equals('').count()).toBe(1);
		expect(await latest.products.where('sku').equals('CAM-001').count()).toBe(1);
		latest.close();
	});

	it('v2 → v3: blocks stored before the count indexes are counted from the indexes', async () => {
		const indexedDB = new IDBFactory();
		const v2 = new InventoryDB('counts', { indexedDB, IDBKeyRange, versions: SCHEMA_VERSIONS.slice(0, 2) });
		const sale = (invoice: string, lines: number): Sale => ({
			id: invoice, invoice, at: 1_700_000_000_000, customerId: null, deviceId: 'd',
			lines: Array.from({ length: lines }, () => ({ productId: 'p', quantity: 1, unitPrice: 100, discount: 0 }))
		}) as unknown as Sale;
		await v2.saleBlocks.bulkAdd([buildBlock('b1', [sale('A', 3), sale('B', 2)], 'pos'), buildBlock('b2', [sale('C', 4)], 'pos')]);
		v2.close();
		const latest = new InventoryDB('counts', { indexedDB, IDBKeyRange });
		expect(await new DexieRepository(latest).counts()).toMatchObject({ saleLines: 9, sales: 3 });
		latest.close();
	});

	it('v3 → v4: per-product series become one chunk and stock rows one record, with the same figures', async () => {
		const indexedDB = new IDBFactory();
		const v3 = new InventoryDB('chunks', { indexedDB, IDBKeyRange, versions: SCHEMA_VERSIONS.slice(0, 3) });
		const series = (productId: string, days: number[], units: number[]) => ({
			productId, days: Int32Array.from(days), units: Float64Array.from(units), revenue: Float64Array.from(units.map((u) => u * 100)),
			cost: Float64Array.from(units.map(() => 0)), lines: Uint32Array.from(units.map(() => 1))
		});
		await v3.table('productSeries').bulkAdd([series('p1', [19000, 19002], [2, 5]), series('p2', [19001], [1])]);
		await v3.table('stock').bulkAdd([{ productId: 'p1', onHand: 7 }, { productId: 'p2', onHand: -1 }]);
		v3.close();

		const latest = new InventoryDB('chunks', { indexedDB, IDBKeyRange });
		const repo = new DexieRepository(latest);
		expect(await repo.productDays('p1' as ProductId, 19000 as DayNumber, 19005 as DayNumber)).toMatchObject([{ day: 19000, units: 2, revenue: 200 }, { day: 19002, units: 5 }]);
		expect((await repo.allProductSeries()).map((s) => s.productId).sort()).toEqual(['p1', 'p2']);
		expect(await repo.stockLevels()).toEqual(new Map([['p1', 7], ['p2', -1]]));
		expect(latest.tables.map((t) => t.name)).not.toContain('productSeries');
		latest.close();
	});

	it('v4 → v5: a store with data gains an empty purchase orders table that keeps orders', async () => {
		const indexedDB = new IDBFactory();
		const v4 = new InventoryDB('orders', { indexedDB, IDBKeyRange, versions: SCHEMA_VERSIONS.slice(0, 4) });
		await v4.products.add({ id: 'p1', sku: 'CAM-001', name: 'Camiseta' } as never);
		v4.close();
		const latest = new InventoryDB('orders', { indexedDB, IDBKeyRange, });
		const repo = new DexieRepository(latest);
		expect(await repo.listPurchaseOrders()).toEqual([]);
		const order = { id: 'o1', number: 'PO-2024-06-03-O1', status: 'ordered', supplierId: null, lines: [{ productId: 'p1', quantity: 2, unitCost: 150, receivedQuantity: null }] } as never;
		await repo.putPurchaseOrder(order);
		expect(await latest.purchaseOrders.where('status').equals('ordered').count()).toBe(1);
		expect(await repo.getPurchaseOrder('o1')).toEqual(order);
		expect((await repo.getProduct('p1' as ProductId))?.sku).toBe('CAM-001');
		latest.close();
	});

	it('v7 → v8: what a tablet held before sync is queued in its outbox, catalogue before sales, and pushes as it is', async () => {
		const indexedDB = new IDBFactory();
		const v7 = new InventoryDB('sync', { indexedDB, IDBKeyRange, versions: SCHEMA_VERSIONS.slice(0, 7) });
		await v7.products.add({ id: 'p1', sku: 'CAM-001', name: 'Camiseta', unitPrice: 1500 } as never);
		await v7.customers.add({ id: 'c1', code: 'C-1', name: 'Ana' } as never);
		const sale: Sale = { id: 's1' as never, invoice: 'T-1', at: 86_400_000 as never, customerId: null, deviceId: 'tablet-1', lines: [{ productId: 'p1' as ProductId, quantity: 1, unitPrice: 1500 as never, discount: 0 as never }] };
		await v7.saleBlocks.add(buildBlock('b1', [sale], 'pos'));
		await v7.movements.bulkAdd([
			{ id: 'm1', productId: 'p1', quantity: 10, reason: 'purchase', reference: 'ALB-1', note: '', at: 1, deviceId: 'tablet-1' },
			{ id: 'm2', productId: 'p1', quantity: -1, reason: 'sale', reference: 'T-1', note: '', at: 2, deviceId: 'tablet-1' }
		] as never);
		await v7.settings.bulkPut([{ key: 'deviceId', value: 'tablet-1' }, { key: 'forecast.autoRetrain', value: true }, { key: 'invoiceCounter', value: 1 }]);
		v7.close();
		const latest = new InventoryDB('sync', { indexedDB, IDBKeyRange });
		const outbox = await latest.outbox.toArray();
		expect(outbox.map((r) => [r.n, r.kind, r.refs])).toEqual([
			[1, 'records', ['product:p1', 'customer:c1', 'setting:forecast.autoRetrain']],
			// The sale's own movement is derived from the sale wherever it lands; the delivery travels.
			[2, 'movements', ['m1']],
			[3, 'sales', ['b1']]
		]);
		const { DexieSyncStore } = await import('$lib/db/dexie-sync-store');
		const store = new DexieSyncStore(new DexieRepository(latest));
		expect(await store.pendingCount()).toBe(3);
		const pushed = await store.outgoing(0, 10, 1000);
		expect(pushed.map((c) => c.kind)).toEqual(['records', 'movements', 'sales']);
		latest.close();
	});

	it('every upgrade runs on a database built at the version before it', async () => {
		for (let n = 2; n <= LATEST_VERSION; n++) {
			const indexedDB = new IDBFactory();
			const before = new InventoryDB('chain', { indexedDB, IDBKeyRange, versions: SCHEMA_VERSIONS.slice(0, n - 1) });
			await before.open();
			await before.settings.put({ key: 'deviceId', value: 'tablet-1' });
			before.close();
			const after = new InventoryDB('chain', { indexedDB, IDBKeyRange, versions: SCHEMA_VERSIONS.slice(0, n) });
			await after.open();
			expect(after.verno).toBe(n);
			expect((await after.settings.get('deviceId'))?.value).toBe('tablet-1');
			after.close();
		}
	});
});
