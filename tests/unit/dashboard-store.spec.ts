// The dashboard's aggregates in every store (DashboardStore): kept by till sales, imports and
// sync pulls, equal to a direct count over the stored lines; the groups products sold under; the
// ledger's non-sale entries; rebuilt under today's catalogue; emptied by clear(); and built from
// the data an IndexedDB store held before version 10.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Cents, DayNumber, LocalTimestamp, ProductId, SaleId } from '$core/brand';
import { emptyProductForm, saveProduct } from '$core/catalog';
import { categoryGroup, hourCellsOf, SHOP_GROUP, type HourCell } from '$core/dashboard/hour-totals';
import { ALL_DAYS } from '$core/dashboard/load';
import { MemoryRepository } from '$core/memory-repository';
import type { DashboardStore, InventoryRepository } from '$core/repository';
import { blockSales, buildBlock, lineAmounts, type SaleBlock } from '$core/sale-blocks';
import { recordSale } from '$core/selling';
import { adjustStock, receiveGoods, recordCount } from '$core/stock-ops';
import { blockToWire } from '$core/sync/blocks';
import { deriveSaleMovements } from '$core/sync/sale-movements';
import { dayOf, parseIsoLocal } from '$core/time';
import type { Product, Sale } from '$core/types';
import { DexieRepository } from '$lib/db/dexie-repository';
import { DexieSyncStore } from '$lib/db/dexie-sync-store';
import { InventoryDB } from '$lib/db/inventory-db';
import { SCHEMA_VERSIONS } from '$lib/db/schema';
import { SqlSyncStore } from '../../src/sql/sql-sync-store';
import type { SqlRepository } from '../../src/sql/sql-repository';
import { describeEachSql, freshRepository } from '../support/sql-databases';
import { generateShop, loadShop } from './dashboard-fixture';

type Store = InventoryRepository & DashboardStore;
const at = (s: string) => parseIsoLocal(s) as LocalTimestamp;
const DEVICE = 'tablet-1';

/** The cells counted straight from the stored lines, with no code of the aggregates: what every store must hold. */
async function directCells(repo: Store): Promise<HourCell[]> {
	const products = new Map((await repo.listProducts()).map((p) => [p.id, p]));
	const cells = new Map<string, HourCell>();
	const tickets = new Map<string, Set<string>>();
	for (const b of await repo.saleBlocks()) {
		const sales = blockSales(b);
		let l = 0;
		for (const sale of sales) {
			const day = dayOf(sale.at), hour = Math.floor((sale.at % 86_400_000) / 3_600_000);
			for (const line of sale.lines) {
				const p = products.get(line.productId);
				const category = p?.category ?? '', supplier = p?.supplierId ?? '';
				for (const group of [SHOP_GROUP, `c\u001f${category}`, `s\u001f${supplier}`, `cs\u001f${category}\u001f${supplier}`]) {
					const key = `${day}|${group}|${hour}`;
					const cell = cells.get(key) ?? { day: day as DayNumber, group, hour, revenue: 0, tickets: 0 };
					cell.revenue += lineAmounts(b, l).net;
					const ticket = sale.invoice === '' ? sale.id : `${day}|${sale.invoice}`;
					const seen = tickets.get(`${day}|${group}`) ?? new Set();
					if (line.quantity > 0 && !seen.has(ticket)) { seen.add(ticket); cell.tickets++; }
					tickets.set(`${day}|${group}`, seen);
					cells.set(key, cell);
				}
				l++;
			}
		}
	}
	return [...cells.values()].sort((a, b) => a.day - b.day || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0) || a.hour - b.hour);
}

const storedCells = async (repo: Store) => hourCellsOf(await repo.hourTotals(ALL_DAYS.from, ALL_DAYS.to));

async function product(repo: Store, sku: string, category: string): Promise<Product> {
	const r = await saveProduct(repo, { ...emptyProductForm(), sku, name: sku, unitPrice: '10', unitCost: '4', category });
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
}

const sale = (invoice: string, time: string, lines: [Product, number][]): Sale => ({
	id: `${invoice}-${time}` as SaleId, invoice, at: at(time), customerId: null, deviceId: 'import',
	lines: lines.map(([p, quantity]) => ({ productId: p.id, quantity, unitPrice: p.unitPrice, discount: 0 as Cents }))
});

function storeContract(name: string, make: () => Promise<Store>) {
	describe(`${name}: the dashboard's aggregates`, { timeout: 30_000 }, () => {
		it('till sales and imports keep hour totals equal to a count over the stored lines', async () => {
			const repo = await make();
			const shirt = await product(repo, 'CAM', 'Ropa'), mug = await product(repo, 'TAZ', 'Hogar');
			await recordSale(repo, { customerId: null, lines: [{ productId: shirt.id, quantity: 2, unitPrice: shirt.unitPrice, discount: 0 as Cents }], at: at('2024-05-10 10:30') }, DEVICE);
			await recordSale(repo, { customerId: null, lines: [{ productId: mug.id, quantity: -1, unitPrice: mug.unitPrice, discount: 0 as Cents }], at: at('2024-05-10 10:45') }, DEVICE);
			// An import: one invoice in two blocks of the same write counts once; a sale without invoice is a ticket of its own.
			const blocks = [
				buildBlock('b1', [sale('536365', '2024-05-10 11:05', [[shirt, 1], [mug, 3]]), sale('', '2024-05-10 11:20', [[mug, 1]])], 'import:x'),
				buildBlock('b2', [sale('536365', '2024-05-10 11:40', [[shirt, 1]]), sale('536366', '2024-05-11 18:00', [[shirt, 0.5]])], 'import:x')
			];
			await repo.appendSales({ blocks, movements: deriveSaleMovements(blocks) });
			const cells = await storedCells(repo);
			expect(cells).toEqual(await directCells(repo));
			const find = (group: string, hour: number, day = dayOf(at('2024-05-10 00:00'))) => cells.find((c) => c.group === group && c.hour === hour && c.day === day);
			expect(find(SHOP_GROUP, 10)).toEqual({ day: dayOf(at('2024-05-10 00:00')), group: SHOP_GROUP, hour: 10, revenue: 1000, tickets: 1 });
			expect(find(SHOP_GROUP, 11)?.tickets).toBe(2);
			expect(find(categoryGroup('Hogar'), 11)).toMatchObject({ revenue: 4000, tickets: 2 });
			expect((await repo.soldGroups()).map((g) => [g.productId, g.category]).sort()).toEqual([[shirt.id, 'Ropa'], [mug.id, 'Hogar']].sort());
		});

		it('a product moved to another category is sold under both until the totals are rebuilt', async () => {
			const repo = await make();
			const shirt = await product(repo, 'CAM', 'Ropa');
			await recordSale(repo, { customerId: null, lines: [{ productId: shirt.id, quantity: 1, unitPrice: shirt.unitPrice, discount: 0 as Cents }], at: at('2024-05-10 10:30') }, DEVICE);
			await repo.putProduct({ ...shirt, category: 'Moda' });
			await recordSale(repo, { customerId: null, lines: [{ productId: shirt.id, quantity: 1, unitPrice: shirt.unitPrice, discount: 0 as Cents }], at: at('2024-05-11 10:30') }, DEVICE);
			expect((await repo.soldGroups()).map((g) => g.category).sort()).toEqual(['Moda', 'Ropa']);
			expect((await storedCells(repo)).filter((c) => c.group === categoryGroup('Ropa')).length).toBe(1);
			await repo.rebuildHourTotals();
			expect((await repo.soldGroups()).map((g) => g.category)).toEqual(['Moda']);
			expect(await storedCells(repo)).toEqual(await directCells(repo));
			expect((await storedCells(repo)).some((c) => c.group === categoryGroup('Ropa'))).toBe(false);
		});

		it('stock changes are the ledger without its sales: deliveries, adjustments and counts', async () => {
			const repo = await make();
			const shirt = await product(repo, 'CAM', 'Ropa');
			await receiveGoods(repo, null, 'ALB-1', [{ productId: shirt.id, quantity: 10 }], DEVICE);
			await recordSale(repo, { customerId: null, lines: [{ productId: shirt.id, quantity: 2, unitPrice: shirt.unitPrice, discount: 0 as Cents }], at: at('2024-05-10 10:30') }, DEVICE);
			await adjustStock(repo, shirt.id, -1, 'Rotura', DEVICE);
			await recordCount(repo, [{ productId: shirt.id, quantity: 5 }], 'Recuento', DEVICE);
			expect((await repo.stockChanges()).map((m) => [m.reason, m.quantity]).sort()).toEqual([['adjustment', -1], ['count', -2], ['purchase', 10]]);
		});

		it('clear() empties them', async () => {
			const repo = await make();
			const shirt = await product(repo, 'CAM', 'Ropa');
			await recordSale(repo, { customerId: null, lines: [{ productId: shirt.id, quantity: 1, unitPrice: shirt.unitPrice, discount: 0 as Cents }], at: at('2024-05-10 10:30') }, DEVICE);
			await repo.clear();
			expect(await storedCells(repo)).toEqual([]);
			expect(await repo.soldGroups()).toEqual([]);
		});
	});
}

storeContract('memory', async () => new MemoryRepository());
storeContract('IndexedDB (Dexie)', async () => new DexieRepository(new InventoryDB('dash-store', { indexedDB: new IDBFactory(), IDBKeyRange })));
describeEachSql('SQL', (kind) => storeContract(kind, () => freshRepository(kind)));

/** Blocks another device stored, as a pull brings them. */
function pulledBlocks(p: Product): SaleBlock[] {
	return [buildBlock('far-1', [sale('TAB2-000001', '2024-06-01 17:10', [[p, 2]]), sale('TAB2-000002', '2024-06-01 17:50', [[p, 1]])], 'pos')];
}
const CURSOR = { epoch: 'e1', seq: 1, tag: 't1' };

describe('sales pulled from another device', () => {
	it('IndexedDB: the pull adds them to the hour totals', async () => {
		const repo = new DexieRepository(new InventoryDB('dash-pull', { indexedDB: new IDBFactory(), IDBKeyRange }));
		const p = await product(repo, 'CAM', 'Ropa');
		await new DexieSyncStore(repo).applyPulled([{ seq: 1, kind: 'sales', blocks: pulledBlocks(p).map(blockToWire) }], CURSOR);
		const cells = await storedCells(repo);
		expect(cells.find((c) => c.group === SHOP_GROUP)).toMatchObject({ hour: 17, revenue: 3000, tickets: 2 });
		expect(cells).toEqual(await directCells(repo));
		expect((await repo.db.dashboardMeta.get('revision'))?.value).toBeTruthy();
	});

	it('SQLite: the pull adds them to the hour totals', async () => {
		const repo: SqlRepository = await freshRepository('sqlite');
		const p = await product(repo, 'CAM', 'Ropa');
		await new SqlSyncStore(repo).applyPulled([{ seq: 1, kind: 'sales', blocks: pulledBlocks(p).map(blockToWire) }], CURSOR);
		expect((await storedCells(repo)).find((c) => c.group === SHOP_GROUP)).toMatchObject({ hour: 17, revenue: 3000, tickets: 2 });
		expect(await storedCells(repo)).toEqual(await directCells(repo));
	}, 60_000);
});

describe('IndexedDB v9 → v10', () => {
	it('a tablet\'s sales, stock and outbox read back the same, and the hour totals are counted from the sales it held', async () => {
		// The shop is made by today's code, then copied table by table into a database built at v9
		// (v9 wrote the same rows; it had no salesHours nor dashboardMeta).
		const shop = generateShop(11, 25);
		const made = new DexieRepository(new InventoryDB('made', { indexedDB: new IDBFactory(), IDBKeyRange }));
		await loadShop(made, shop);
		const indexedDB = new IDBFactory();
		const v9db = new InventoryDB('upgrade', { indexedDB, IDBKeyRange, versions: SCHEMA_VERSIONS.slice(0, 9) });
		await v9db.open();
		for (const table of v9db.tables) {
			const rows = await made.db.table(table.name).toArray();
			if (rows.length) await table.bulkAdd(rows);
		}
		expect(v9db.tables.map((t) => t.name)).not.toContain('salesHours');
		const copied = Object.fromEntries(await Promise.all(v9db.tables.map(async (t) => [t.name, await t.count()])));
		v9db.close();

		const db = new InventoryDB('upgrade', { indexedDB, IDBKeyRange });
		const repo = new DexieRepository(db);
		expect(await storedCells(repo)).toEqual(await storedCells(made));
		expect(await storedCells(repo)).toEqual(await directCells(repo));
		expect((await storedCells(repo)).length).toBeGreaterThan(1000);
		expect((await repo.soldGroups()).sort((a, b) => a.productId.localeCompare(b.productId))).toEqual((await made.soldGroups()).sort((a, b) => a.productId.localeCompare(b.productId)));
		expect((await repo.stockChanges()).length).toBe(shop.stockMoves.length);
		for (const [name, count] of Object.entries(copied)) expect(await db.table(name).count(), name).toBe(count);
		expect(await repo.stockLevels()).toEqual(await made.stockLevels());
		// And it keeps them as before: a sale after the upgrade adds into the same day.
		const p = shop.products[0];
		await recordSale(repo, { customerId: null, lines: [{ productId: p.id as ProductId, quantity: 1, unitPrice: p.unitPrice, discount: 0 as Cents }], at: at('2024-05-10 10:30') }, DEVICE);
		expect(await storedCells(repo)).toEqual(await directCells(repo));
	}, 60_000);
});
