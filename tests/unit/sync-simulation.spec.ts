// A deterministic simulation of several tablets and a CLI store selling, receiving, editing and
// importing the same products offline and syncing in random orders through a real server, with
// faults: the server dying mid-push, responses lost after commit, requests duplicated and replayed
// late, a device clock hours off, a tab closed mid-transaction, the server restored from an older
// backup. After a last quiet sync every store holds the same sales (each exactly once), the same
// stock (the sum of its movements) and the same catalogue. fast-check prints the seed on failure:
// re-run with SYNC_SEED=<seed> (and SYNC_PATH) to replay it.
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import type { Cents, ProductId } from '$core/brand';
import type { PushRequest } from '$core/api/sync';
import type { InventoryRepository } from '$core/repository';
import { recordSale } from '$core/selling';
import { syncOnce, type SyncTransport } from '$core/sync/device-sync';
import type { Product } from '$core/types';
import { newId } from '$core/ids';
import { chargeTicket } from '$core/till/record';
import { DEFAULT_TILL_SETTINGS } from '$core/till/settings';
import { verifyTickets } from '$core/till/ticket';
import { DexieRepository } from '$lib/db/dexie-repository';
import { MemoryRepository } from '$core/memory-repository';
import { SqlRepository } from '../../src/sql/sql-repository';
import { describeEachSql } from '../support/sql-databases';
import { dexieDevice, InjectTransport, sqlDevice, type TestDevice } from '../support/sync';
import { startSyncServer, type SyncServer } from '../support/sync-server';
import { dataFile, importBytes } from './import-helpers';

const SKUS = ['CAM-S', 'CAM-M', 'BOLSO', 'GORRA'];
const productOf = (sku: string, price: number): Product => ({
	id: `00000000-0000-4000-8000-${String(SKUS.indexOf(sku)).padStart(12, '0')}` as ProductId, sku, barcode: '', name: sku, category: 'Tienda',
	unitPrice: price as Cents, unitCost: 300 as Cents, supplierId: null, leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null,
	active: true, createdByImport: false, updatedAt: 1 as never
});

// Three slices of a real POS export, overlapping: two tablets importing overlapping exports (cut
// between invoices, as an export by date is).
const lines = new TextDecoder().decode(dataFile('online-retail-sample/online_retail_sample.csv')).split('\n');
const invoiceAt = (i: number) => lines[i].split(',')[0];
const boundary = (i: number) => { while (invoiceAt(i) === invoiceAt(i - 1)) i++; return i; };
const SLICES = [[1, 120], [80, 220], [1, 220]].map(([a, b]) => new TextEncoder().encode([lines[0], ...lines.slice(a === 1 ? 1 : boundary(a), boundary(b))].join('\n')));

type Op =
	| { op: 'sell'; device: number; product: number; qty: number }
	| { op: 'receive'; device: number; product: number; qty: number }
	| { op: 'price'; device: number; product: number; price: number }
	| { op: 'charge'; device: number; product: number; qty: number; cashier: string }
	| { op: 'taxRate'; device: number; product: number; rate: number | null }
	| { op: 'rename'; device: number; product: number; suffix: string }
	| { op: 'import'; device: number; slice: number }
	| { op: 'abortedSale'; device: number; product: number }
	| { op: 'sync'; device: number; fault: 'none' | 'lostResponse' | 'serverDies' | 'duplicate' | 'replayOld' }
	| { op: 'backup' }
	| { op: 'restore' };

const DEVICES = 3;
const opArb: fc.Arbitrary<Op> = fc.oneof(
	{ weight: 5, arbitrary: fc.record({ op: fc.constant('sell' as const), device: fc.nat(DEVICES - 1), product: fc.nat(SKUS.length - 1), qty: fc.integer({ min: 1, max: 3 }) }) },
	{ weight: 2, arbitrary: fc.record({ op: fc.constant('receive' as const), device: fc.nat(DEVICES - 1), product: fc.nat(SKUS.length - 1), qty: fc.integer({ min: 1, max: 5 }) }) },
	{ weight: 2, arbitrary: fc.record({ op: fc.constant('price' as const), device: fc.nat(DEVICES - 1), product: fc.nat(SKUS.length - 1), price: fc.integer({ min: 100, max: 5000 }) }) },
	{ weight: 3, arbitrary: fc.record({ op: fc.constant('charge' as const), device: fc.nat(DEVICES - 1), product: fc.nat(SKUS.length - 1), qty: fc.integer({ min: -1, max: 3 }).filter((q) => q !== 0), cashier: fc.constantFrom('Ana', 'Luis') }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('taxRate' as const), device: fc.nat(DEVICES - 1), product: fc.nat(SKUS.length - 1), rate: fc.constantFrom(null, 4, 10, 21) }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('rename' as const), device: fc.nat(DEVICES - 1), product: fc.nat(SKUS.length - 1), suffix: fc.constantFrom('azul', 'rojo', 'lino') }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('import' as const), device: fc.nat(DEVICES - 1), slice: fc.nat(SLICES.length - 1) }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('abortedSale' as const), device: fc.nat(DEVICES - 1), product: fc.nat(SKUS.length - 1) }) },
	{ weight: 5, arbitrary: fc.record({ op: fc.constant('sync' as const), device: fc.nat(DEVICES - 1), fault: fc.constantFrom('none', 'none', 'lostResponse', 'serverDies', 'duplicate', 'replayOld') as fc.Arbitrary<'none' | 'lostResponse' | 'serverDies' | 'duplicate' | 'replayOld'> }) },
	{ weight: 1, arbitrary: fc.constant({ op: 'backup' as const }) },
	{ weight: 1, arbitrary: fc.constant({ op: 'restore' as const }) }
);

async function fingerprint(repo: InventoryRepository) {
	const products = (await repo.listProducts()).sort((a, b) => a.sku.localeCompare(b.sku));
	const stock = await repo.stockLevels();
	const rebuilt = await repo.rebuildStockLevels();
	const blocks = await repo.saleBlocks();
	const saleKeys: string[] = [];
	for (const b of blocks) {
		const perSale = new Map<number, string[]>();
		for (let l = 0; l < b.lineCount; l++) {
			const s = b.lineSale[l];
			perSale.set(s, [...(perSale.get(s) ?? []), `${b.products[b.lineProduct[l]]}x${b.quantity[l]}@${b.unitPrice[l]}`]);
		}
		for (const [s, ls] of perSale) saleKeys.push(`${b.saleIds[s]}|${b.invoices[s]}|${ls.sort().join(',')}`);
	}
	const tickets = await repo.listTickets();
	expect(verifyTickets(tickets)).toEqual([]);
	return {
		sales: saleKeys.sort(),
		tickets: tickets.map((t) => `${t.invoice}|${t.cashier}|${t.total}|${t.hash}`).sort(),
		products: products.map((p) => `${p.id}|${p.sku}|${p.name}|${p.unitPrice}|${p.active}|${p.taxRate ?? 'default'}`),
		stock: products.map((p) => `${p.sku}=${stock.get(p.id) ?? 0}`),
		ledger: products.map((p) => `${p.sku}=${rebuilt.get(p.id) ?? 0}`)
	};
}

const seed = process.env.SYNC_SEED ? Number(process.env.SYNC_SEED) : undefined;

describeEachSql('sync simulation', (kind) => {
	const cleanups: (() => Promise<void>)[] = [];
	afterAll(async () => { for (const c of cleanups.splice(0)) await c().catch(() => undefined); });

	it('three devices, random operations and faults: afterwards every store agrees and every sale is there once', async () => {
		await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 10, maxLength: 45 }), fc.integer({ min: -6, max: 6 }), async (ops, skewHours) => {
			let dying = false;
			const server: SyncServer = await startSyncServer(kind, { syncBeforeCommit: () => { if (dying) { dying = false; throw new Error('server killed mid-push'); } } });
			const devices: TestDevice[] = [await dexieDevice('t1'), await dexieDevice('t2', skewHours * 3600_000), await sqlDevice('cli')];
			cleanups.push(async () => { for (const d of devices) await d.close(); await server.close(); });
			try {
				const token = await server.token('admin');
				const owner = new InjectTransport(() => server.app, token);
				// The CLI store is a cashier's (staff): its edits of existing products are overruled, and it must still converge.
				const cashier = new InjectTransport(() => server.app, await server.token('staff'));
				const transportOf = (d: TestDevice) => (d === devices[2] ? cashier : owner);
				const pushes: PushRequest[] = [];
				const backups: string[] = [];
				const sold = new Set<string>();
				const imported = new Set<number>();
				// The catalogue starts on the first tablet and reaches everyone.
				for (const [i, sku] of SKUS.entries()) await devices[0].repo.putProduct(productOf(sku, 1000 + i * 100));
				for (const d of devices) await syncOnce(d.store, transportOf(d));

				for (const o of ops) {
					if (process.env.SYNC_DEBUG) console.log(JSON.stringify(o));
					if (o.op === 'backup') { backups.push(await server.backup()); continue; }
					if (o.op === 'restore') { if (backups.length) await server.restart(backups.shift()); continue; }
					const d = devices[o.device];
					// By id: a SKU may have been renamed by a clash.
					const p = 'product' in o ? await d.repo.getProduct(productOf(SKUS[o.product], 0).id) : undefined;
					switch (o.op) {
						case 'sell': {
							if (!p) break;
							const r = await recordSale(d.repo, { customerId: null, lines: [{ productId: p.id, quantity: o.qty, unitPrice: p.unitPrice, discount: 0 as Cents }] }, d.name);
							if (r.ok) sold.add(r.sale.id);
							break;
						}
						case 'charge': {
							// Each device numbers its tickets in its own series; a return gives a unit back without a ticket.
							if (!p) break;
							const r = await chargeTicket(d.repo, {
								saleId: newId() as never, at: Date.now() as never, deviceId: d.name, lines: [{ product: p, quantity: o.qty, unitPrice: p.unitPrice, discount: null }],
								ticketDiscount: null, tenders: [{ method: o.qty > 0 ? 'card' : 'cash', amount: 1_000_000 }], customer: null, cashier: o.cashier, approvedBy: '',
								returnOf: '', returnReason: o.qty < 0 ? 'Sin ticket' : '', shiftId: null
							}, DEFAULT_TILL_SETTINGS, d.name.toUpperCase());
							if (!r.ok) throw new Error(JSON.stringify(r.errors));
							sold.add(r.ticket.saleId);
							break;
						}
						case 'taxRate': {
							if (!p) break;
							const { taxRate: _old, ...rest } = p;
							await d.repo.putProduct({ ...rest, ...(o.rate === null ? {} : { taxRate: o.rate }), updatedAt: Date.now() as never });
							break;
						}
						case 'receive':
							if (p) await d.repo.addMovements([{ id: crypto.randomUUID() as never, productId: p.id, quantity: o.qty, reason: 'purchase', reference: 'ALB', note: '', at: Date.now() as never, deviceId: d.name }]);
							break;
						case 'price':
							if (p) await d.repo.putProduct({ ...p, unitPrice: o.price as Cents, updatedAt: Date.now() as never });
							break;
						case 'rename':
							if (p) await d.repo.putProduct({ ...p, name: `${p.sku} ${o.suffix}`, updatedAt: Date.now() as never });
							break;
						case 'import':
							await importBytes(d.repo, SLICES[o.slice], { dateOrder: 'mdy' });
							imported.add(o.slice);
							break;
						case 'abortedSale': {
							// The tab closes mid-transaction: IndexedDB aborts it, nothing of the sale stays.
							if (!p || !(d.repo instanceof DexieRepository)) break;
							const before = await fingerprint(d.repo);
							const pending = await d.store.pendingCount();
							const repo = d.repo;
							await repo.db.transaction('rw', repo.db.tables, async () => {
								await recordSale(repo, { customerId: null, lines: [{ productId: p.id, quantity: 1, unitPrice: p.unitPrice, discount: 0 as Cents }] }, d.name);
								throw new Error('tab closed');
							}).catch(() => undefined);
							expect(await fingerprint(d.repo)).toEqual(before);
							expect(await d.store.pendingCount()).toBe(pending);
							break;
						}
						case 'sync': {
							const base = transportOf(d);
							const transport: SyncTransport = {
								pull: (r) => base.pull(r),
								push: async (r) => {
									pushes.push(r);
									if (o.fault === 'serverDies') { dying = true; }
									if (o.fault === 'replayOld' && pushes.length > 1) await base.push(pushes[Math.floor(pushes.length / 2)]).catch(() => undefined);
									const res = await base.push(r);
									if (o.fault === 'duplicate') await base.push(r);
									if (o.fault === 'lostResponse') throw new Error('the response was lost');
									return res;
								}
							};
							const report = await syncOnce(d.store, transport).catch((e) => String(e));
							if (process.env.SYNC_DEBUG) console.log(d.name, o.fault, JSON.stringify(report), JSON.stringify(await d.store.syncState()));
							dying = false;
							break;
						}
					}
				}
				// Quiet: everyone syncs until nothing moves (twice around: what one sends, the others receive).
				for (let round = 0; round < 3; round++) for (const d of devices) await syncOnce(d.store, transportOf(d));
				const serverRepo = new SqlRepository(server.sql, server.shopId);
				const want = await fingerprint(serverRepo);
				for (const d of devices) expect(await fingerprint(d.repo), d.name).toEqual(want);
				expect(want.stock).toEqual(want.ledger);
				// Every sale rung up is there once; imported lines once however many tablets imported them.
				const saleIds = want.sales.map((s) => s.split('|')[0]);
				expect(new Set(saleIds).size).toBe(saleIds.length);
				for (const id of sold) expect(saleIds).toContain(id);
				const reference = new MemoryRepository();
				for (const i of [...imported].sort()) await importBytes(reference, SLICES[i], { dateOrder: 'mdy' });
				expect((await serverRepo.counts()).saleLines - [...sold].length).toBe((await reference.counts()).saleLines);
				for (const d of devices) expect(await d.store.pendingCount()).toBe(0);
			} finally {
				for (const d of devices) await d.close();
				await server.close();
				cleanups.pop();
			}
		}), { numRuns: Number(process.env.SYNC_RUNS ?? 12), ...(seed !== undefined ? { seed, path: process.env.SYNC_PATH } : {}), endOnFailure: true });
	}, 300_000);
});
