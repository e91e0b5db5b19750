// InventoryRepository on IndexedDB through Dexie. Each write method is one transaction.
import Dexie from 'dexie';
import type { CustomerId, DayNumber, ProductId, SupplierId } from '$core/brand';
import { mergeDay } from '$core/daily-totals';
import { roundQty, stockDelta, stockFromMovements } from '$core/ledger';
import { seriesDays } from '$core/product-series';
import type { PurchaseOrder } from '$core/purchase-orders/purchase-order';
import { DuplicateError, type DashboardStore, type InventoryRepository, type SalesBatch, type StoreCounts, type TicketQuery } from '$core/repository';
import { hourDeltaOfBlocks, soldGroupsOfRecord, type SoldGroupsRecord } from '$core/dashboard/hour-totals';
import { addHourDelta, bumpRevision, DASHBOARD_TABLES, groupOfProduct, META_SOLD_GROUPS, readHourTotals, rebuildHourTotalsIn } from './dexie-dashboard';
import { deltaOfBlocks, mergeChunks, seriesOfChunks, seriesOfProduct, type SeriesChunk } from '$core/series-chunks';
import { MOVEMENT_REASONS, type Customer, type DayTotals, type Product, type ProductDayTotals, type StockMovement, type Supplier } from '$core/types';
import type { InventoryDB } from './inventory-db';
import { STOCK_LEVELS_ID } from './schema';
import { addOutboxEntry, CLOCK_TABLES, isSaleMovement, isSharedSetting, recordEdits, type WallClock } from './dexie-outbox';
import { recordKey } from '$core/sync/records';
import type { RecordKind } from '$core/api/sync';
import { ticketBatch } from '$core/till/checkout';
import type { Ticket, TicketLink } from '$core/till/ticket';
import { indexTickets, lastTicketLink, queryTickets } from './dexie-tickets';

export interface SeriesChunking {
	/** Product-day entries up to which a batch is merged into the newest series chunk (a till sale has a few). */
	smallChunkEntries: number;
	/** Series chunks kept before they are merged into one. */
	maxSeriesChunks: number;
}
const CHUNKING: SeriesChunking = { smallChunkEntries: 20_000, maxSeriesChunks: 16 };

export interface DexieRepositoryOptions {
	chunking?: SeriesChunking;
	/** The device's wall clock for edit stamps (tests run devices hours off). */
	wall?: WallClock;
}

export class DexieRepository implements InventoryRepository, DashboardStore {
	private readonly chunking: SeriesChunking;
	readonly wall: WallClock;

	constructor(readonly db: InventoryDB, options: DexieRepositoryOptions | SeriesChunking = {}) {
		const o: DexieRepositoryOptions = 'smallChunkEntries' in options ? { chunking: options } : options;
		this.chunking = o.chunking ?? CHUNKING;
		this.wall = o.wall ?? Date.now;
	}

	/** A read-write transaction over the tables plus the outbox's (every write of shop data queues itself) and the dashboard's revision. */
	private write<T>(tables: string[], work: () => Promise<T>): Promise<T> {
		return this.db.transaction('rw', [...new Set([...tables, ...CLOCK_TABLES, 'dashboardMeta'])], async () => {
			const result = await work();
			// Whatever the shop's data gained, the dashboard reads it again.
			await bumpRevision(this.tx);
			return result;
		});
	}
	private get tx() { return Dexie.currentTransaction; }

	/** Stores a catalogue record and queues the fields it changed, in one transaction. */
	private putRecorded<T extends { id: string }>(tableName: string, entity: RecordKind, record: T) {
		return this.write([tableName], async () => {
			const table = this.db.table<T, string>(tableName);
			const before = await table.get(record.id);
			await table.put(record);
			await recordEdits(this.tx, this.wall, entity, [{ id: record.id, before: before as never, after: record as never }]);
		});
	}

	/** Deletes a catalogue record and queues its tombstone, in one transaction. */
	private deleteRecorded(tableName: string, entity: RecordKind, id: string) {
		return this.write([tableName], async () => {
			const table = this.db.table(tableName);
			const before = await table.get(id);
			await table.delete(id);
			if (before) await recordEdits(this.tx, this.wall, entity, [{ id, before: before as never, after: null }]);
		});
	}

	listProducts() { return this.db.products.toArray(); }
	/** Whether any product is stored (one index key read, not the catalogue). */
	async hasProducts() { return (await this.db.products.limit(1).count()) > 0; }
	getProduct(id: ProductId) { return this.db.products.get(id); }
	getProductBySku(sku: string) { return this.db.products.where('sku').equals(sku).first(); }
	async putProduct(product: Product) {
		try {
			await this.putRecorded('products', 'product', product);
		} catch (e) {
			throw asDuplicate(e, product.sku);
		}
	}

	listSuppliers() { return this.db.suppliers.toArray(); }
	getSupplier(id: SupplierId) { return this.db.suppliers.get(id); }
	async putSupplier(s: Supplier) { await this.putRecorded('suppliers', 'supplier', s); }
	async deleteSupplier(id: SupplierId, reassignTo: SupplierId | null) {
		await this.write(['products', 'suppliers'], async () => {
			const moved = await this.db.products.where('supplierId').equals(id).toArray();
			await this.db.products.where('supplierId').equals(id).modify({ supplierId: reassignTo });
			await recordEdits(this.tx, this.wall, 'product', moved.map((p) => ({ id: p.id, before: p as never, after: { ...p, supplierId: reassignTo } as never })));
			const before = await this.db.suppliers.get(id);
			await this.db.suppliers.delete(id);
			if (before) await recordEdits(this.tx, this.wall, 'supplier', [{ id, before: before as never, after: null }]);
		});
	}

	listCustomers() { return this.db.customers.toArray(); }
	getCustomer(id: CustomerId) { return this.db.customers.get(id); }
	async putCustomer(c: Customer) { await this.putRecorded('customers', 'customer', c); }
	async deleteCustomer(id: CustomerId) { await this.deleteRecorded('customers', 'customer', id); }

	/** The tables appendSalesIn writes. */
	static readonly SALES_TABLES = ['saleBlocks', 'movements', 'stockLevels', 'shopDays', 'seriesChunks', 'products', 'customers', 'tickets', ...DASHBOARD_TABLES];

	async appendSales(batch: SalesBatch) {
		// An async callback: Dexie keeps its transaction across the awaits of nested async calls only then.
		await this.write(DexieRepository.SALES_TABLES, async () => { await this.appendSalesQueued(batch); });
	}

	/**
	 * Numbers, chains and stores a till sale in one transaction: the series' last ticket is read,
	 * sealed after synchronously (an await of anything but IndexedDB would commit the transaction
	 * early) and stored as appendSales stores a batch.
	 */
	async appendTicketSale(series: string, seal: (previous: TicketLink | null) => Ticket): Promise<Ticket> {
		return this.write(DexieRepository.SALES_TABLES, async () => {
			const ticket = seal(await lastTicketLink(this.db.tickets, series));
			if (ticket.series !== series) throw new Error(`ticket ${ticket.invoice} is not in series ${series}`);
			if (await this.db.tickets.get(ticket.invoice)) throw new DuplicateError('invoice', ticket.invoice);
			await this.appendSalesQueued(ticketBatch(ticket));
			return ticket;
		});
	}

	getTicket(invoice: string) { return this.db.tickets.get(invoice); }
	listTickets(query: TicketQuery = {}) { return queryTickets(this.db.tickets, query); }

	/** A batch and its outbox entries; the caller holds SALES_TABLES' transaction. */
	private async appendSalesQueued(batch: SalesBatch) {
		await this.appendSalesIn(batch);
		// The products and customers first, so a receiver holds them before the sales that name them.
		const created = [...(batch.products ?? []).map((p) => recordKey('product', p.id)), ...(batch.customers ?? []).map((c) => recordKey('customer', c.id))];
		await addOutboxEntry(this.tx, 'records', created);
		await addOutboxEntry(this.tx, 'sales', batch.blocks.map((b) => b.id), {
			sales: batch.blocks.reduce((n, b) => n + b.saleCount, 0), lines: batch.blocks.reduce((n, b) => n + b.lineCount, 0)
		});
		await addOutboxEntry(this.tx, 'movements', batch.movements.filter((m) => !isSaleMovement(m)).map((m) => m.id));
	}

	/** Stores a batch inside the caller's transaction (SALES_TABLES), queuing nothing: what sync's apply uses. */
	async appendSalesIn(batch: SalesBatch) {
		const db = this.db;
		{
			if (batch.products?.length) {
				try { await db.products.bulkAdd(batch.products); } catch (e) { throw asDuplicate(e, batch.products[0].sku); }
			}
			if (batch.customers?.length) await db.customers.bulkAdd(batch.customers);
			const productIds = [...new Set(batch.blocks.flatMap((b) => b.products))];
			const sold = new Map((await db.products.bulkGet(productIds)).map((p, i) => [productIds[i], p]));
			const delta = deltaOfBlocks(batch.blocks, (id) => sold.get(id)?.unitCost ?? 0);
			await db.saleBlocks.bulkAdd(batch.blocks);
			await indexTickets(db.tickets, batch.blocks);

			const days = [...delta.shop.keys()];
			const oldDays = await db.shopDays.bulkGet(days);
			await db.shopDays.bulkPut(days.map((d, i) => mergeDay(oldDays[i], delta.shop.get(d)!)));
			await this.addSeriesChunk(delta.series);
			await addHourDelta(this.tx, hourDeltaOfBlocks(batch.blocks, (id) => groupOfProduct(sold.get(id))));
			await bumpRevision(this.tx);
			await this.writeMovements(batch.movements);
		}
	}

	/**
	 * Adds a batch's product-day sums. A small batch (a sale at the till) is merged into the newest
	 * chunk while that stays small; a large one is a chunk of its own; past maxSeriesChunks the
	 * chunks are merged into one, so readers always merge only a few. Callers hold the transaction.
	 */
	private async addSeriesChunk(chunk: SeriesChunk) {
		if (!chunk.days.length) return;
		const chunks = this.db.seriesChunks;
		const newest = await chunks.orderBy(':id').last();
		if (newest && newest.days.length + chunk.days.length <= this.chunking.smallChunkEntries) {
			await chunks.put({ ...mergeChunks([newest, chunk]), seq: newest.seq });
			return;
		}
		if ((await chunks.count()) < this.chunking.maxSeriesChunks) {
			await chunks.add(chunk);
			return;
		}
		const merged = mergeChunks([...(await chunks.toArray()), chunk]);
		await chunks.clear();
		await chunks.add(merged);
	}

	async addMovements(movements: StockMovement[]) {
		await this.write(['movements', 'stockLevels'], async () => {
			await this.writeMovements(movements);
			await addOutboxEntry(this.tx, 'movements', movements.filter((m) => !isSaleMovement(m)).map((m) => m.id));
		});
	}

	/** Ledger rows and the stock cache together; callers hold the transaction. */
	async writeMovements(movements: StockMovement[]) {
		if (!movements.length) return;
		await this.db.movements.bulkAdd(movements);
		const onHand = await this.readStockLevels();
		for (const [id, q] of stockDelta(movements)) onHand[id] = roundQty((onHand[id] ?? 0) + q);
		await this.db.stockLevels.put({ id: STOCK_LEVELS_ID, onHand });
		await bumpRevision(this.tx);
	}

	private async readStockLevels(): Promise<Record<ProductId, number>> {
		return (await this.db.stockLevels.get(STOCK_LEVELS_ID))?.onHand ?? {};
	}

	async movementsOf(productId: ProductId, limit = 200) {
		return this.db.movements
			.where('[productId+at]').between([productId, Dexie.minKey], [productId, Dexie.maxKey])
			.reverse().limit(limit).toArray();
	}

	async stockLevels() {
		return new Map(Object.entries(await this.readStockLevels()) as [ProductId, number][]);
	}

	async rebuildStockLevels() {
		return this.db.transaction('rw', this.db.movements, this.db.stockLevels, async () => {
			const levels = stockFromMovements(await this.db.movements.toArray());
			await this.db.stockLevels.put({ id: STOCK_LEVELS_ID, onHand: Object.fromEntries(levels) });
			return levels;
		});
	}

	async saleBlocks(fromDay?: DayNumber, toDay?: DayNumber) {
		// Blocks that start on or before toDay, then those that end on or after fromDay.
		const candidates = toDay === undefined ? this.db.saleBlocks.toCollection() : this.db.saleBlocks.where('firstDay').belowOrEqual(toDay);
		return candidates.filter((b) => fromDay === undefined || b.lastDay >= fromDay).toArray();
	}

	/**
	 * IndexedDB cannot read one field of a record, so the blocks go by one at a time on a cursor
	 * (never all in memory together) and only their keys are kept.
	 */
	async lineKeys() {
		let keys = new Float64Array(1 << 16), n = 0;
		await this.db.saleBlocks.each((b) => {
			const k = b.lineKeys;
			if (!k) return;
			if (n + k.length > keys.length) {
				const grown = new Float64Array(Math.max(keys.length * 2, n + k.length));
				grown.set(keys.subarray(0, n));
				keys = grown;
			}
			for (let i = 0; i < k.length; i++) if (!Number.isNaN(k[i])) keys[n++] = k[i];
		});
		return keys.slice(0, n);
	}

	shopDays(fromDay: DayNumber, toDay: DayNumber): Promise<DayTotals[]> {
		return this.db.shopDays.where('day').between(fromDay, toDay, true, true).toArray();
	}

	async productDays(productId: ProductId, fromDay: DayNumber, toDay: DayNumber): Promise<ProductDayTotals[]> {
		return seriesDays(seriesOfProduct(await this.db.seriesChunks.toArray(), productId), fromDay, toDay);
	}

	async allProductSeries() { return seriesOfChunks(await this.db.seriesChunks.toArray()); }

	async hourTotals(fromDay: DayNumber, toDay: DayNumber) {
		return readHourTotals(this.db, fromDay, toDay);
	}
	async soldGroups() {
		return soldGroupsOfRecord(((await this.db.dashboardMeta.get(META_SOLD_GROUPS))?.value as SoldGroupsRecord | undefined) ?? {});
	}
	async stockChanges() {
		// One key range per reason (a single getAll each): noneOf(sale, return) walked the index for a quarter of a second.
		const reasons = MOVEMENT_REASONS.filter((r) => !isSaleMovement({ reason: r }));
		return (await Promise.all(reasons.map((r) => this.db.movements.where('reason').equals(r).toArray()))).flat();
	}
	async rebuildHourTotals() {
		await this.db.transaction('rw', ['saleBlocks', 'products', ...DASHBOARD_TABLES], async () => { await rebuildHourTotalsIn(this.tx); });
	}

	async listPurchaseOrders() { return this.db.purchaseOrders.toArray(); }
	async getPurchaseOrder(id: string) { return this.db.purchaseOrders.get(id); }
	async putPurchaseOrder(order: PurchaseOrder) { await this.putRecorded('purchaseOrders', 'purchaseOrder', order); }
	async deletePurchaseOrder(id: string) { await this.deleteRecorded('purchaseOrders', 'purchaseOrder', id); }

	async getSetting<T>(key: string) { return (await this.db.settings.get(key))?.value as T | undefined; }
	async putSetting<T>(key: string, value: T) {
		if (!isSharedSetting(key)) {
			await this.db.settings.put({ key, value });
			return;
		}
		await this.write([], async () => {
			const before = await this.db.settings.get(key);
			await this.db.settings.put({ key, value });
			await recordEdits(this.tx, this.wall, 'setting', [{ id: key, before: before && { id: key, value: before.value }, after: { id: key, value } }]);
		});
	}
	async listSettings() { return (await this.db.settings.toArray()).map((r) => [r.key, r.value] as [string, unknown]); }

	async counts(): Promise<StoreCounts> {
		const db = this.db;
		// Index keys only: the blocks themselves (megabytes of columns) are never read to count them.
		const sum = (keys: unknown[]) => keys.reduce<number>((n, k) => n + (k as number), 0);
		const [lineKeys, saleKeys, products, suppliers, customers, movements] = await Promise.all([
			db.saleBlocks.orderBy('lineCount').keys(), db.saleBlocks.orderBy('saleCount').keys(),
			db.products.count(), db.suppliers.count(), db.customers.count(), db.movements.count()
		]);
		const saleLines = sum(lineKeys), sales = sum(saleKeys);
		return { products, suppliers, customers, saleLines, sales, movements };
	}

	/**
	 * Deletes the shop's data. The device keeps its change numbering, its clock and its queued
	 * entries (which now name nothing): the server must never see a number twice or a gap.
	 */
	async clear() {
		await this.db.transaction('rw', this.db.tables, async () => {
			for (const t of this.db.tables) if (t.name !== 'syncMeta' && t.name !== 'outbox') await t.clear();
			await this.db.table('syncMeta').delete('cursor');
		});
	}
}

/** A unique-index violation (directly, wrapped by Dexie, or inside a bulk write) as a DuplicateError. */
function asDuplicate(e: unknown, sku: string): unknown {
	if (!(e instanceof Error)) return e;
	const causes: unknown[] = [e, (e as { inner?: unknown }).inner, ...((e as { failures?: unknown[] }).failures ?? [])];
	const isConstraint = causes.some((c) => c instanceof Error && (c.name === 'ConstraintError' || (c as { inner?: Error }).inner?.name === 'ConstraintError'));
	return isConstraint ? new DuplicateError('sku', sku) : e;
}
