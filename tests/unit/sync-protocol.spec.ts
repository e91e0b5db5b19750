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
import { dataFile, importBytes } from './import-helpers';
import { startSyncServer } from '../support/sync-server';
import { readFileSync } from 'node:fs';
import { validateDemoBundle } from '$core/demo-bundle';
import { loadDemo } from '$core/demo-load';
import { parseIsoDay } from '$core/time';
import { SYNC_PROTOCOL } from '$core/api/sync';
import { SyncRefusedError } from '$core/sync/device-sync';
import type { InventoryRepository } from '$core/repository';
import { closeShift, openShift, shiftKey } from '$core/till/shift';

/** The first rows of the online retail sample: a POS export two tablets may both import. */
function retailSlice(rows: number): Uint8Array {
	const text = new TextDecoder().decode(dataFile('online-retail-sample/online_retail_sample.csv'));
	return new TextEncoder().encode(text.split('\n').slice(0, rows + 1).join('\n'));
}

const purchase = (id: string, productId: string, quantity: number) =>
	({ id: id as never, productId: productId as ProductId, quantity, reason: 'purchase' as const, reference: 'alb', note: '', at: 1 as never, deviceId: 'x' });

async function sell(repo: InventoryRepository, productId: string, quantity = 1, device = 'dev') {
	const r = await recordSale(repo, { customerId: null, lines: [{ productId: productId as ProductId, quantity, unitPrice: 1000 as Cents, discount: 0 as Cents }] }, device);
	if (!r.ok) throw new Error('sale refused');
	return r.sale;
}

/** What must agree everywhere after sync: sales and lines, stock per SKU, the catalogue. */
async function fingerprint(repo: InventoryRepository) {
	const products = (await repo.listProducts()).sort((a, b) => a.sku.localeCompare(b.sku));
	const stock = await repo.stockLevels();
	const rebuilt = await repo.rebuildStockLevels();
	const counts = await repo.counts();
	const blocks = await repo.saleBlocks();
	const invoices = blocks.flatMap((b) => b.invoices).sort();
	return {
		sales: counts.sales, lines: counts.saleLines, invoices,
		products: products.map((p) => ({ sku: p.sku, name: p.name, price: p.unitPrice, active: p.active })),
		stock: Object.fromEntries(products.map((p) => [p.sku, stock.get(p.id) ?? 0])),
		ledgerMatches: products.every((p) => (stock.get(p.id) ?? 0) === (rebuilt.get(p.id) ?? 0))
	};
}

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
		// The owner's tablets (admin); staffTransport is a cashier's.
		const transport = new InjectTransport(() => server.app, await server.tokenFor('admin'));
		const staffTransport = new InjectTransport(() => server.app, await server.tokenFor('staff'));
		const a = await dexieDevice('a'), b = await sqlDevice('b');
		devices.push(a, b);
		const serverRepo = new SqlRepository(server.sql, server.shopId);
		return { transport, staffTransport, a, b, serverRepo };
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

	it('the same POS export imported on two devices counts once everywhere; products get one id from their SKU', async () => {
		const { transport, a, b, serverRepo } = await setUp();
		const csv = retailSlice(400);
		await importBytes(a.repo, csv, { dateOrder: 'mdy' });
		await importBytes(b.repo, csv, { dateOrder: 'mdy' });
		const alone = await fingerprint(a.repo);
		expect(alone.lines).toBeGreaterThan(300);
		await syncOnce(a.store, transport);
		await syncOnce(b.store, transport);
		await syncOnce(a.store, transport);
		const [fa, fb, fs] = [await fingerprint(a.repo), await fingerprint(b.repo), await fingerprint(serverRepo)];
		expect(fs.lines).toBe(alone.lines);
		expect(fa).toEqual(alone);
		expect(fb).toEqual(fa);
		expect(fs).toEqual(fa);
		expect(fa.ledgerMatches).toBe(true);
	});

	it('two devices selling the last unit offline both keep their sale: stock -1 everywhere and the push says oversold', async () => {
		const { transport, a, b, serverRepo } = await setUp();
		await a.repo.putProduct(product('p1', 'BOLSO-1'));
		await a.repo.addMovements([purchase('m1', 'p1', 1)]);
		await syncOnce(a.store, transport);
		await syncOnce(b.store, transport);
		await sell(a.repo, 'p1', 1, 'dev-a');
		await sell(b.repo, 'p1', 1, 'dev-b');
		await syncOnce(a.store, transport);
		const second = await syncOnce(b.store, transport);
		expect(second.negativeStock).toEqual([{ productId: 'p1', onHand: -1 }]);
		await syncOnce(a.store, transport);
		for (const repo of [a.repo, b.repo, serverRepo]) {
			const f = await fingerprint(repo);
			expect(f.stock).toEqual({ 'BOLSO-1': -1 });
			expect(f.sales).toBe(2);
			expect(f.ledgerMatches).toBe(true);
		}
	});

	it('edits of different fields on two devices both survive; the same field resolves the same on every store', async () => {
		const { transport, a, b, serverRepo } = await setUp();
		await a.repo.putProduct(product('p1', 'CAM-001', 1000));
		await syncOnce(a.store, transport);
		await syncOnce(b.store, transport);
		const base = (await b.repo.getProduct('p1' as ProductId))!;
		await a.repo.putProduct({ ...base, name: 'Camiseta lino' });
		await b.repo.putProduct({ ...base, unitPrice: 1290 as Cents });
		// Then the same field on both: the later edit wins everywhere.
		await a.repo.putProduct({ ...(await a.repo.getProduct('p1' as ProductId))!, category: 'Verano' });
		await new Promise((r) => setTimeout(r, 5));
		await b.repo.putProduct({ ...(await b.repo.getProduct('p1' as ProductId))!, category: 'Rebajas' });
		for (const d of [a, b, a]) await syncOnce(d.store, transport);
		for (const repo of [a.repo, b.repo, serverRepo]) {
			expect(await repo.getProduct('p1' as ProductId)).toMatchObject({ name: 'Camiseta lino', unitPrice: 1290, category: 'Rebajas' });
		}
	});

	it('a device clock hours ahead is reported and cannot win an edit by it; its sales still sync', async () => {
		server = await testServer(kind);
		const transport = new InjectTransport(() => server.app, await server.tokenFor('admin'));
		const fast = await dexieDevice('fast', 3 * 3600_000), normal = await sqlDevice('normal');
		devices.push(fast, normal);
		await normal.repo.putProduct(product('p1', 'CAM-001', 1000));
		await syncOnce(normal.store, transport);
		await syncOnce(fast.store, transport);
		await fast.repo.putProduct({ ...(await fast.repo.getProduct('p1' as ProductId))!, unitPrice: 9999 as Cents });
		await sell(fast.repo, 'p1', 2, 'dev-fast');
		const report = await syncOnce(fast.store, transport);
		expect(report.clockAheadMs).toBeGreaterThan(2.9 * 3600_000);
		// An edit made after, on a device with a right clock, wins: the fast one's stamp was moved back to the server's clock.
		await new Promise((r) => setTimeout(r, 5));
		await syncOnce(normal.store, transport);
		await normal.repo.putProduct({ ...(await normal.repo.getProduct('p1' as ProductId))!, unitPrice: 1100 as Cents });
		await syncOnce(normal.store, transport);
		await syncOnce(fast.store, transport);
		for (const d of [fast, normal]) {
			expect((await d.repo.getProduct('p1' as ProductId))?.unitPrice).toBe(1100);
			expect((await d.repo.counts()).sales).toBe(1);
		}
		const devicesList = await server.inject({ method: 'GET', url: '/api/v1/sync/devices', headers: { authorization: `Bearer ${await server.tokenFor('admin')}` } });
		expect(devicesList.json().items.some((d: { clock_ahead_ms: number | null }) => (d.clock_ahead_ms ?? 0) > 2.9 * 3600_000)).toBe(true);
	});

	it('a retry after a lost response changes nothing; a gap is refused and re-sent; an old app is told to update and keeps its outbox', async () => {
		const { transport, a, serverRepo } = await setUp();
		await a.repo.putProduct(product('p1', 'CAM-001'));
		await sell(a.repo, 'p1');
		const state = await a.store.syncState();
		const changes = await a.store.outgoing(0, 100, 100_000);
		const push = { protocol: SYNC_PROTOCOL, deviceId: state.deviceId, cursor: null, acked: 0, changes };
		const first = await transport.push(push);
		expect(first).toMatchObject({ lastApplied: changes.length, applied: changes.length, skipped: 0 });
		const replay = await transport.push(push);
		expect(replay).toMatchObject({ lastApplied: changes.length, applied: 0, skipped: changes.length });
		expect((await serverRepo.counts()).sales).toBe(1);
		const gap = { ...push, changes: [{ ...changes[0], n: changes.length + 2 }] };
		await expect(transport.push(gap)).rejects.toMatchObject({ code: 'sync-gap', lastApplied: changes.length });
		await expect(transport.push({ ...push, protocol: 0 })).rejects.toMatchObject({ code: 'app-outdated' });
		await expect(syncOnce(a.store, { push: () => transport.push({ ...push, protocol: 0 }), pull: (r) => transport.pull({ ...r, protocol: 0 }) })).rejects.toBeInstanceOf(SyncRefusedError);
		expect(await a.store.pendingCount()).toBe(changes.length);
		// The device's own sync learns the server already has it all.
		await syncOnce(a.store, transport);
		expect(await a.store.pendingCount()).toBe(0);
		expect((await serverRepo.counts()).sales).toBe(1);
	});

	it('a malformed record refuses the whole push, naming it, and applies nothing', async () => {
		const { transport, a, serverRepo } = await setUp();
		await a.repo.putProduct(product('p1', 'CAM-001'));
		await sell(a.repo, 'p1');
		const state = await a.store.syncState();
		const changes = await a.store.outgoing(0, 100, 100_000);
		const broken = changes.map((c) => (c.kind === 'records' ? { ...c, records: c.records.map((r) => ({ ...r, value: { ...r.value, unitPrice: 'free' } })) } : c));
		const res = await server.inject({ method: 'POST', url: '/api/v1/sync/push', headers: { authorization: `Bearer ${await server.tokenFor('staff')}` }, payload: { protocol: SYNC_PROTOCOL, deviceId: state.deviceId, cursor: null, acked: 0, changes: broken } });
		expect(res.statusCode).toBe(400);
		expect(JSON.stringify(res.json().errors)).toMatch(/body\.changes\.0\.records\.0\.value\.unitPrice/);
		expect((await serverRepo.counts())).toMatchObject({ products: 0, sales: 0 });
		await syncOnce(a.store, transport);
		expect((await serverRepo.counts())).toMatchObject({ products: 1, sales: 1 });
	});

	it('a deleted customer stays deleted though edited elsewhere; the sales keep naming it', async () => {
		const { transport, a, b, serverRepo } = await setUp();
		const customer = { id: 'c1' as never, code: 'C-1', name: 'Ana', email: '', phone: '', firstSeen: 1 as never, createdByImport: false, updatedAt: 1 as never };
		await a.repo.putProduct(product('p1', 'CAM-001'));
		await a.repo.putCustomer(customer);
		await syncOnce(a.store, transport);
		await syncOnce(b.store, transport);
		await recordSale(b.repo, { customerId: 'c1' as never, lines: [{ productId: 'p1' as ProductId, quantity: 1, unitPrice: 1000 as Cents, discount: 0 as Cents }] }, 'dev-b');
		await b.repo.putCustomer({ ...customer, phone: '600000000' });
		await a.repo.deleteCustomer('c1' as never);
		for (const d of [a, b, a]) await syncOnce(d.store, transport);
		for (const repo of [a.repo, b.repo, serverRepo]) {
			expect(await repo.getCustomer('c1' as never)).toBeUndefined();
			expect((await repo.saleBlocks()).flatMap((bl) => bl.customers)).toEqual(['c1']);
		}
	});

	it('the sample shop loaded on a tablet and on the server in the same week is one shop after sync', async () => {
		const { transport, a, serverRepo } = await setUp();
		const bundle = validateDemoBundle(JSON.parse(readFileSync('static/demo/demo-shop.json', 'utf8')));
		await loadDemo(serverRepo, bundle, { today: parseIsoDay('2024-06-01')!, deviceId: 'server' });
		await loadDemo(a.repo, bundle, { today: parseIsoDay('2024-06-03')!, deviceId: 'tablet' });
		const alone = await fingerprint(serverRepo);
		await syncOnce(a.store, transport);
		await syncOnce(a.store, transport);
		expect(await fingerprint(serverRepo)).toEqual(alone);
		expect(await fingerprint(a.repo)).toEqual(alone);
	}, 60_000);

	it('a device syncs into the shop its token names, never another; another account of the shop may sync it on', async () => {
		const { a, serverRepo } = await setUp();
		const north = new InjectTransport(() => server.app, await server.tokenFor('staff', 'north'));
		await a.repo.putProduct(product('p1', 'CAM-001'));
		await sell(a.repo, 'p1');
		await syncOnce(a.store, north);
		expect((await serverRepo.counts())).toMatchObject({ products: 0, sales: 0 });
		const northShop = await server.sql.db.selectFrom('shops').select('id').where('code', '=', 'north').executeTakeFirstOrThrow();
		expect(await new SqlRepository(server.sql, northShop.id).counts()).toMatchObject({ products: 1, sales: 1 });
		await sell(a.repo, 'p1');
		const otherUser = new InjectTransport(() => server.app, await server.tokenFor('admin', 'north'));
		await syncOnce(a.store, otherUser);
		expect(await new SqlRepository(server.sql, northShop.id).counts()).toMatchObject({ sales: 2 });
		const device = await server.sql.db.selectFrom('sync_devices').innerJoin('users', 'users.id', 'sync_devices.user_id').select('username').where('shop_id', '=', northShop.id).executeTakeFirstOrThrow();
		expect(device.username).toBe(server.usernameFor('admin', 'north'));
	});

	it('a staff tablet may sell, receive and add a customer, but its edit of a product is overruled and undone on it', async () => {
		const { transport: admin, staffTransport: transport, a, serverRepo } = await setUp();
		const owner = await sqlDevice('owner');
		devices.push(owner);
		await owner.repo.putProduct(product('p1', 'CAM-001', 1000));
		await syncOnce(owner.store, admin);
		await syncOnce(a.store, transport);
		await a.repo.putProduct({ ...(await a.repo.getProduct('p1' as ProductId))!, unitPrice: 1 as Cents });
		await a.repo.putCustomer({ id: 'c1' as never, code: 'C-1', name: 'Ana', email: '', phone: '', firstSeen: 1 as never, createdByImport: false, updatedAt: 1 as never });
		await sell(a.repo, 'p1');
		const report = await syncOnce(a.store, transport);
		expect(report.overruled).toEqual([{ entity: 'product', id: 'p1', reason: 'only an admin may change it' }]);
		for (const repo of [a.repo, owner.repo, serverRepo]) {
			await syncOnce(owner.store, admin);
			expect((await repo.getProduct('p1' as ProductId))?.unitPrice).toBe(1000);
		}
		expect((await serverRepo.getCustomer('c1' as never))?.name).toBe('Ana');
		expect((await serverRepo.counts()).sales).toBe(1);
		// The same records again, unchanged (a second cashier importing the same export): nothing is overruled.
		const other = await dexieDevice('cashier-2');
		devices.push(other);
		await syncOnce(other.store, transport);
		await other.repo.putProduct({ ...(await other.repo.getProduct('p1' as ProductId))! });
		expect((await syncOnce(other.store, transport)).overruled).toEqual([]);
	});

	it('an owner\'s offline edit older than the version the server restored for a cashier ends the same on every store', async () => {
		const { transport: admin, staffTransport, b: cashier, serverRepo } = await setUp();
		// The owner's clock runs an hour behind: its edit is older than the server's restored version.
		const owner = await dexieDevice('owner', -3600_000);
		devices.push(owner);
		await owner.repo.putProduct(product('p1', 'CAM-001'));
		await syncOnce(owner.store, admin);
		await syncOnce(cashier.store, staffTransport);
		// Both give the product a rate of its own offline; the cashier's is overruled (the server's version has none).
		await owner.repo.putProduct({ ...(await owner.repo.getProduct('p1' as ProductId))!, taxRate: 4 });
		await cashier.repo.putProduct({ ...(await cashier.repo.getProduct('p1' as ProductId))!, taxRate: 4 });
		expect((await syncOnce(cashier.store, staffTransport)).overruled).toEqual([{ entity: 'product', id: 'p1', reason: 'only an admin may change it' }]);
		// The owner's older edit reaches the server after the server's version was made.
		for (let round = 0; round < 2; round++) {
			await syncOnce(owner.store, admin);
			await syncOnce(cashier.store, staffTransport);
		}
		const rates = await Promise.all([serverRepo, owner.repo, cashier.repo].map(async (repo) => (await repo.getProduct('p1' as ProductId))?.taxRate ?? 'default'));
		expect(rates).toEqual(['default', 'default', 'default']);
	});

	it('a staff tablet keeps its cash shift (payouts, close) but cannot change the shop\'s settings', async () => {
		const { transport: admin, staffTransport: transport, a, serverRepo } = await setUp();
		const owner = await sqlDevice('owner');
		devices.push(owner);
		await owner.repo.putSetting('shop.till', { discountLimitPercent: 10 });
		await syncOnce(owner.store, admin);
		await syncOnce(a.store, transport);
		const shift = openShift('s-1', 'a', 'A', 1 as never, 'Luis', 10_000 as Cents);
		await a.repo.putSetting(shiftKey(shift.id), shift);
		await syncOnce(a.store, transport);
		const closed = closeShift({ ...shift, payouts: [{ at: 2 as never, amount: 500 as Cents, reason: 'mensajero', by: 'Luis' }] }, [], 9_500 as Cents, 3 as never, 'Luis');
		await a.repo.putSetting(shiftKey(shift.id), closed);
		await a.repo.putSetting('shop.till', { discountLimitPercent: 90 });
		const report = await syncOnce(a.store, transport);
		expect(report.overruled).toEqual([{ entity: 'setting', id: 'shop.till', reason: 'only an admin may change it' }]);
		expect(await serverRepo.getSetting(shiftKey(shift.id))).toMatchObject({ closedBy: 'Luis', difference: 0, payouts: [{ amount: 500 }] });
		await syncOnce(a.store, transport);
		expect(await a.repo.getSetting('shop.till')).toEqual({ discountLimitPercent: 10 });
	});

	it('a new device joining later receives the whole shop as sale blocks', async () => {
		const { transport, a, serverRepo } = await setUp();
		await importBytes(a.repo, retailSlice(2_000), { dateOrder: 'mdy' });
		await syncOnce(a.store, transport);
		const late = await dexieDevice('late');
		devices.push(late);
		const report = await syncOnce(late.store, transport, {});
		expect(report.pulled.lines).toBe((await serverRepo.counts()).saleLines);
		expect(await fingerprint(late.repo)).toEqual(await fingerprint(a.repo));
		// On the wire a page is compressed for a client that asks (browsers and Node's fetch do).
		const token = await server.tokenFor('admin');
		const gz = await server.inject({ method: 'POST', url: '/api/v1/sync/pull', headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' }, payload: { protocol: SYNC_PROTOCOL, deviceId: 'another-device', cursor: null } });
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(gz.rawPayload.length).toBeLessThan(JSON.stringify((await transport.pull({ protocol: SYNC_PROTOCOL, deviceId: 'another-device', cursor: null }))).length / 2);
	}, 30_000); // 2,000 imported lines, two syncs and two full pulls: ~1 s alone, over 5 s on a loaded CI machine

	it('a server restored from an older backup is detected: the devices re-send what it lost and nobody wedges', async () => {
		const restored = await startSyncServer(kind);
		try {
			const transport = new InjectTransport(() => restored.app, await restored.token('admin'));
			const a = await dexieDevice('ra'), b = await sqlDevice('rb');
			devices.push(a, b);
			await a.repo.putProduct(product('p1', 'CAM-001'));
			await a.repo.addMovements([purchase('m1', 'p1', 10)]);
			await sell(a.repo, 'p1', 1, 'dev-a');
			await syncOnce(a.store, transport);
			await syncOnce(b.store, transport);
			const backup = await restored.backup();
			// After the backup: more sales and an edit on both devices, all synced...
			await sell(a.repo, 'p1', 2, 'dev-a');
			await sell(b.repo, 'p1', 3, 'dev-b');
			await b.repo.putProduct({ ...(await b.repo.getProduct('p1' as ProductId))!, name: 'Camiseta azul' });
			for (const d of [a, b, a]) await syncOnce(d.store, transport);
			// ...then the server is restored from the backup, and a new sale comes in.
			await restored.restart(backup);
			await sell(b.repo, 'p1', 1, 'dev-b');
			const first = await syncOnce(a.store, transport);
			expect(first.requeued).toBe(true);
			const second = await syncOnce(b.store, transport);
			expect(second.requeued).toBe(true);
			await syncOnce(a.store, transport);
			const serverRepo = new SqlRepository(restored.sql, restored.shopId);
			const [fa, fb, fs] = [await fingerprint(a.repo), await fingerprint(b.repo), await fingerprint(serverRepo)];
			expect(fs.sales).toBe(4);
			expect(fs.stock).toEqual({ 'CAM-001': 3 });
			expect(fs.products[0].name).toBe('Camiseta azul');
			expect(fa).toEqual(fs);
			expect(fb).toEqual(fs);
		} finally {
			await restored.close();
		}
	});
});
