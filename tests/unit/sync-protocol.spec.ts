// The sync protocol end to end: devices on Dexie and on SQL, a real server in-process, on SQLite
// and on PostgreSQL. Every sale exactly once everywhere, stock the sum of movements.
import { afterEach, expect, it } from 'vitest';
import type { Cents, ProductId } from '$core/brand';
import { recordSale } from '$core/selling';
import { syncOnce } from '$core/sync/device-sync';
import type { Product } from '$core/types';
import { SqlRepository } from '../../src/sql/sql-repository';
import { describeEachSql } from '../support/sql-databases';
import { testServer, type TestServer } from '../support/server';
import { dexieDevice, InjectTransport, sqlDevice, type TestDevice } from '../support/sync';

const product = (id: string, sku: string, price = 1000): Product => ({
	id: id as ProductId, sku, barcode: '', name: `Producto ${sku}`, category: 'Ropa', unitPrice: price as Cents, unitCost: 400 as Cents,
	supplierId: null, leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: false, updatedAt: 1 as never
});

describeEachSql('sync protocol', (kind) => {
	let server: TestServer;
	const devices: TestDevice[] = [];
	afterEach(async () => {
		for (const d of devices.splice(0)) await d.close();
		await server?.close();
	});

	async function setUp() {
		server = await testServer(kind);
		const token = await server.tokenFor('staff');
		const transport = new InjectTransport(() => server.app, token);
		const a = await dexieDevice('a'), b = await sqlDevice('b');
		devices.push(a, b);
		const serverRepo = new SqlRepository(server.sql, server.shopId);
		return { transport, a, b, serverRepo };
	}

	it('a sale made on one device reaches the server and the other device once, with the same stock', async () => {
		const { transport, a, b, serverRepo } = await setUp();
		await a.repo.putProduct(product('p1', 'CAM-001'));
		await a.repo.addMovements([{ id: 'm1' as never, productId: 'p1' as ProductId, quantity: 5, reason: 'purchase', reference: 'alb-1', note: '', at: 1 as never, deviceId: 'a' }]);
		const sale = await recordSale(a.repo, { customerId: null, lines: [{ productId: 'p1' as ProductId, quantity: 2, unitPrice: 1000 as Cents, discount: 0 as Cents }] }, 'dev-a');
		expect(sale.ok).toBe(true);
		const first = await syncOnce(a.store, transport);
		expect(first.pushed).toBeGreaterThan(0);
		const pulled = await syncOnce(b.store, transport);
		expect(pulled.pulled.lines).toBe(1);
		for (const repo of [a.repo, b.repo, serverRepo]) {
			expect((await repo.stockLevels()).get('p1' as ProductId)).toBe(3);
			expect((await repo.counts()).sales).toBe(1);
			expect((await repo.getProduct('p1' as ProductId))?.sku).toBe('CAM-001');
		}
		// Again: nothing moves.
		const again = await syncOnce(a.store, transport);
		expect(again.pushed).toBe(0);
		expect((await syncOnce(b.store, transport)).pulled.lines).toBe(0);
		expect((await b.repo.counts()).sales).toBe(1);
	});
});
