// Till tickets on IndexedDB: the v8 → v9 upgrade of a tablet with data, and numbering that stays
// gapless when two tabs of the app charge at once (the contract cases run in dexie-repository.spec.ts).
import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Cents, LocalTimestamp, ProductId, SaleId } from '$core/brand';
import { newId } from '$core/ids';
import { movement } from '$core/ledger';
import { buildBlock } from '$core/sale-blocks';
import { recordSale } from '$core/selling';
import { priceTicket, saleOfTicket, type TillDraft } from '$core/till/checkout';
import { chargeTicket } from '$core/till/record';
import { DEFAULT_TILL_SETTINGS } from '$core/till/settings';
import { sealTicket, verifyTickets, type Ticket } from '$core/till/ticket';
import { parseIsoLocal } from '$core/time';
import type { Product } from '$core/types';
import { DexieRepository } from '$lib/db/dexie-repository';
import { DexieSyncStore } from '$lib/db/dexie-sync-store';
import { InventoryDB } from '$lib/db/inventory-db';
import { SCHEMA_VERSIONS } from '$lib/db/schema';
import { snapshot } from '../support/store-snapshot';

const at = (s: string) => parseIsoLocal(s) as LocalTimestamp;

const product = (id: string, sku: string, price = 1210): Product => ({
	id: id as ProductId, sku, barcode: '', name: `Producto ${sku}`, category: 'Ropa', unitPrice: price as Cents, unitCost: 500 as Cents,
	supplierId: null, leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: 3, active: true, createdByImport: false, updatedAt: 1 as never
});

const draft = (p: Product, quantity: number, when = '2024-06-01 10:00'): TillDraft => ({
	saleId: newId() as SaleId, at: at(when), deviceId: 'tablet-1', lines: [{ product: p, quantity, unitPrice: p.unitPrice, discount: null }],
	ticketDiscount: null, tenders: [{ method: 'cash', amount: 100_000 as Cents }], customer: null, cashier: 'Ana', approvedBy: '',
	returnOf: '', returnReason: '', shiftId: 'shift-1'
});

async function charge(repo: DexieRepository, series: string, d: TillDraft): Promise<Ticket> {
	const r = await chargeTicket(repo, d, DEFAULT_TILL_SETTINGS, series);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.ticket;
}

describe('IndexedDB till tickets', () => {
	it('v8 → v9: a tablet\'s products, sales, movements, settings and outbox read back the same; receipts already in blocks are indexed', async () => {
		// The shop is made by today's code, then copied table by table into a database built at v8:
		// the rows a v8 tablet held (v8 wrote the same rows, without the tickets index).
		const made = new DexieRepository(new InventoryDB('made', { indexedDB: new IDBFactory(), IDBKeyRange }));
		await made.putSetting('deviceId', 'tablet-1');
		await made.putProduct(product('p1', 'CAM-001'));
		await made.putProduct(product('p2', 'PAN-001', 250));
		await made.putCustomer({ id: 'c1' as never, code: 'C-1', name: 'Ana', email: '', phone: '', firstSeen: 1 as never, createdByImport: false, updatedAt: 1 as never });
		await made.addMovements([movement('p1' as ProductId, 10, 'purchase', at('2024-05-30 09:00'), 'tablet-1', 'ALB-1'), movement('p2' as ProductId, 40, 'count', at('2024-05-30 09:30'), 'tablet-1')]);
		const sold = await recordSale(made, { customerId: 'c1' as never, lines: [{ productId: 'p1' as ProductId, quantity: 2, unitPrice: 1210 as Cents, discount: 100 as Cents }, { productId: 'p2' as ProductId, quantity: 3, unitPrice: 250 as Cents, discount: 0 as Cents }] }, 'tablet-1');
		expect(sold.ok).toBe(true);
		await made.putSetting('forecast.autoRetrain', true);
		await made.putSetting('invoiceCounter', 7);
		const indexedDB = new IDBFactory();
		const v8db = new InventoryDB('till-upgrade', { indexedDB, IDBKeyRange, versions: SCHEMA_VERSIONS.slice(0, 8) });
		await v8db.open();
		for (const table of v8db.tables) {
			const rows = await made.db.table(table.name).toArray();
			if (rows.length) await table.bulkAdd(rows);
		}
		expect(await v8db.outbox.count()).toBeGreaterThan(3);
		// A block with a receipt, as a development build could have stored it before the index existed.
		const early = sealTicket(priceTicket(draft(product('p1', 'CAM-001'), 1, '2024-06-01 12:00'), DEFAULT_TILL_SETTINGS).draft, 'TAB1', null);
		await v8db.saleBlocks.add(buildBlock('early-block', [saleOfTicket(early)], 'pos'));
		const v8 = new DexieRepository(v8db);
		const before = await snapshot(v8);
		const outboxBefore = await v8db.outbox.toArray();
		const settingsBefore = await v8.listSettings();
		v8db.close();

		const db = new InventoryDB('till-upgrade', { indexedDB, IDBKeyRange });
		const repo = new DexieRepository(db);
		expect(await snapshot(repo)).toEqual(before);
		expect(await db.outbox.toArray()).toEqual(outboxBefore);
		expect(await new DexieSyncStore(repo).pendingCount()).toBe(outboxBefore.length);
		expect(await repo.listSettings()).toEqual(settingsBefore);
		// Products stay products without options; the plain sale keeps its totals and has no tax columns.
		for (const p of await repo.listProducts()) expect([p.options, p.variantOf, p.taxRate]).toEqual([undefined, undefined, undefined]);
		const plain = (await repo.saleBlocks()).find((b) => b.id !== 'early-block')!;
		expect([plain.tax, plain.saleTickets]).toEqual([undefined, undefined]);
		expect(before.shopDays[0]).toMatchObject({ revenue: 2 * 1210 - 100 + 750 });
		// The receipt in the old block is found, and the series goes on after it.
		expect(await repo.getTicket(early.invoice)).toEqual(early);
		const next = await charge(repo, 'TAB1', draft(product('p1', 'CAM-001'), 1, '2024-06-01 13:00'));
		expect(next).toMatchObject({ number: 2, previousHash: early.hash });
		expect(verifyTickets(await repo.listTickets({ series: 'TAB1' }))).toEqual([]);
		db.close();
	});

	it('two tabs charging on one series at once get numbers 1 to 20 with no gap and one chain', async () => {
		const indexedDB = new IDBFactory();
		const tabA = new DexieRepository(new InventoryDB('two-tabs', { indexedDB, IDBKeyRange }));
		const tabB = new DexieRepository(new InventoryDB('two-tabs', { indexedDB, IDBKeyRange }));
		const p = product('p1', 'CAM-001');
		await tabA.putProduct(p);
		const charged = await Promise.all(Array.from({ length: 20 }, (_, i) => charge(i % 2 ? tabA : tabB, 'TAB1', draft(p, 1, `2024-06-01 10:${String(i).padStart(2, '0')}`))));
		expect(charged.map((t) => t.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		const listed = await tabB.listTickets({ series: 'TAB1' });
		expect(listed).toHaveLength(20);
		expect(verifyTickets(listed)).toEqual([]);
		expect((await tabA.counts()).sales).toBe(20);
		expect((await tabA.stockLevels()).get(p.id)).toBe(-20);
	});

	it('a ticket refused half way (its sale is already stored) leaves no ticket, sale or outbox entry, and the number is not used', async () => {
		const repo = new DexieRepository(new InventoryDB('refused', { indexedDB: new IDBFactory(), IDBKeyRange }));
		const p = product('p1', 'CAM-001');
		await repo.putProduct(p);
		const first = await charge(repo, 'T', draft(p, 1));
		const outbox = await repo.db.outbox.count();
		// The same sale charged again: its block is already stored, so the write fails after the ticket was sealed.
		const again = { ...draft(p, 2), saleId: first.saleId };
		await expect(charge(repo, 'T', again)).rejects.toThrow();
		expect(await repo.listTickets()).toEqual([first]);
		expect(await repo.db.outbox.count()).toBe(outbox);
		expect(await repo.counts()).toMatchObject({ sales: 1, saleLines: 1 });
		expect((await charge(repo, 'T', draft(p, 1))).number).toBe(2);
	});

	it('lists the newest tickets to a limit in the shared order when several share an instant', async () => {
		const repo = new DexieRepository(new InventoryDB('ties', { indexedDB: new IDBFactory(), IDBKeyRange }));
		const p = product('p1', 'CAM-001');
		await repo.putProduct(p);
		await charge(repo, 'A', draft(p, 1, '2024-06-01 09:00'));
		for (const series of ['A', 'B', 'A', 'B', 'A']) await charge(repo, series, draft(p, 1, '2024-06-01 10:00'));
		const invoices = async (limit?: number) => (await repo.listTickets({ limit })).map((t) => t.invoice);
		// Newest first, then the higher number; equal numbers of two series keep one order everywhere (the memory store's too).
		const all = await invoices();
		expect(all).toEqual(['A-000004', 'A-000003', 'A-000002', 'B-000002', 'B-000001', 'A-000001']);
		for (const limit of [1, 2, 3, 5]) expect(await invoices(limit)).toEqual(all.slice(0, limit));
		expect(await invoices(0)).toEqual([]);
	});
});
