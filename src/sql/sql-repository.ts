// InventoryRepository on the SQL schema (SQLite or PostgreSQL through Kysely), for the CLI and the
// server. One repository is one shop: every query filters by shop_id. Sales are rows (sale_blocks,
// sales, sale_lines) from which the core's SaleBlocks are rebuilt; a batch of sales, its movements,
// stock and daily totals are written in one transaction.
import { sql as raw, type ExpressionBuilder, type Selectable } from 'kysely';
import type { CustomerId, DayNumber, LocalTimestamp, ProductId, SupplierId } from '../core/brand';
import { roundQty, stockDelta, stockFromMovements } from '../core/ledger';
import type { ProductSeries } from '../core/product-series';
import type { PurchaseOrder } from '../core/purchase-orders/purchase-order';
import { DuplicateError, type DashboardStore, type InventoryRepository, type SalesBatch, type StoreCounts, type TicketQuery } from '../core/repository';
import { hourDeltaOfBlocks, type ProductGroup } from '../core/dashboard/hour-totals';
import { readHourTotals, readSoldGroups, rebuildHourTotalsSql, storeHourDelta } from './sql-dashboard';
import { ticketBatch } from '../core/till/checkout';
import type { Ticket, TicketLink } from '../core/till/ticket';
import type { SaleBlock } from '../core/sale-blocks';
import { chunkEntries, deltaOfBlocks } from '../core/series-chunks';
import { dayOf, nowLocal } from '../core/time';
import type { Customer, Product, Sale, SaleLine, StockMovement, Supplier } from '../core/types';
import { addFromExcluded, idChunks, inChunks, insertRows, keysPerStatement, replaceFromExcluded, uniqueViolation } from './batch';
import type { Database, Db, SalesTable, SqlDatabase } from './database';
import { databaseTarget, DEFAULT_SHOP_CODE, ensureShop, openDatabase, type DatabaseTarget } from './open';
import {
	customerOf, customerRow, dayOfRow, movementOf, movementRow, productDayOfRow, productOf, productRow, purchaseOrderRows,
	purchaseOrdersOf, saleLineOf, saleOf, supplierOf, supplierRow, ticketOf, ticketRow
} from './rows';
import { insertBlocks, readBlocks } from './sale-rows';
import { recordChange, recordEdits, syncRole, type Edit, type SyncRole, type WallClock } from './sync-log';
import { isSaleMovement } from '../core/sync/sale-movements';
import { isSharedSetting, recordKey } from '../core/sync/records';
import type { RecordKind } from '../core/api/sync';

/** Where a page of newest-first rows ended: the next page starts after it. */
export interface Cursor {
	at: number;
	id: string;
}

export interface Page<T, C = Cursor> {
	items: T[];
	/** Null on the last page. */
	next: C | null;
}

/** A stored sale with its lines, as the API hands it out. */
export interface StoredSale extends Sale {
	blockId: string;
	store: string | null;
}

export interface SalesPageQuery {
	fromDay?: DayNumber;
	toDay?: DayNumber;
	/** Sales with at least one line of this product (all their lines are returned). */
	productId?: ProductId;
	customerId?: CustomerId;
	after?: Cursor;
	limit: number;
}

export interface MovementsPageQuery {
	productId?: ProductId;
	/** Inclusive bounds on the movement's time. */
	fromAt?: number;
	toAt?: number;
	after?: Cursor;
	limit: number;
}

export interface ProductsPageQuery {
	skuPrefix?: string;
	/** The last SKU of the previous page. */
	after?: string;
	limit: number;
}

export const MAX_PAGE = 10_000;
const pageSize = (limit: number) => Math.max(1, Math.min(MAX_PAGE, Math.floor(limit) || 1));

const PRODUCT_COLUMNS = [
	'sku', 'barcode', 'name', 'category', 'unit_price', 'unit_cost', 'supplier_id', 'lead_time_days', 'min_order_qty', 'pack_size',
	'reorder_point', 'active', 'created_by_import', 'updated_at', 'tax_rate', 'options', 'variant_of', 'option_values', 'own_price'
] as const;
const CUSTOMER_COLUMNS = ['code', 'name', 'email', 'phone', 'first_seen', 'created_by_import', 'updated_at'] as const;
const SUPPLIER_COLUMNS = ['name', 'contact', 'email', 'phone', 'default_lead_time_days', 'notes', 'updated_at'] as const;
const ORDER_COLUMNS = ['number', 'supplier_id', 'status', 'note', 'created_at', 'ordered_at', 'expected_day', 'received_at', 'cancelled_at', 'device_id', 'updated_at'] as const;
const TOTALS = ['units', 'revenue', 'cost', 'lines'] as const;

/** Every table holding one shop's data, children before parents: what clear() empties. */
export const SHOP_DATA_TABLES = [
	'tickets', 'sale_lines', 'sales', 'sale_blocks', 'movements', 'stock', 'shop_days', 'product_days', 'sales_hours', 'sold_groups', 'purchase_order_lines', 'purchase_orders',
	'products', 'suppliers', 'customers', 'settings', 'alerts', 'health_snapshots', 'forecast_run_days', 'forecast_run_products',
	'forecast_runs', 'training_logs', 'model_artifacts', 'models'
] as const satisfies readonly (keyof Database)[];

export interface SqlRepositoryOptions {
	/** The device's wall clock for edit stamps (tests run stores hours off). */
	wall?: WallClock;
}

export class SqlRepository implements InventoryRepository, DashboardStore {
	readonly wall: WallClock;
	private role: SyncRole | undefined;

	/** `owned`: close() closes the database (the repository opened it). */
	constructor(readonly sql: SqlDatabase, readonly shopId: string, private readonly owned = false, options: SqlRepositoryOptions = {}) {
		this.wall = options.wall ?? Date.now;
	}

	/** Whether this store is a device (writes queue for a server) or the server (writes feed devices). */
	async syncRole(db: Db = this.db): Promise<SyncRole> {
		this.role ??= await syncRole(db, this.shopId);
		return this.role;
	}
	/** Forget the cached role (after the store became a server). */
	resetSyncRole() { this.role = undefined; }

	/** Records a change for sync inside the caller's transaction. */
	async recordChange(trx: Db, kind: 'sales' | 'movements' | 'records', refs: string[]) {
		await recordChange(trx, this.dialect, this.shopId, await this.syncRole(trx), kind, refs);
	}
	async recordEdits(trx: Db, entity: RecordKind, edits: Edit[]) {
		await recordEdits(trx, this.dialect, this.shopId, await this.syncRole(trx), this.wall, entity, edits);
	}

	/** Opens a store (a SQLite file name, a postgres:// URL or a target) on one shop, made when missing. */
	static async open(target: DatabaseTarget | string = {}, shopCode = DEFAULT_SHOP_CODE): Promise<SqlRepository> {
		const sql = await openDatabase(typeof target === 'string' ? databaseTarget(target) : target);
		try {
			const shop = await ensureShop(sql, shopCode);
			return new SqlRepository(sql, shop.id, true);
		} catch (e) {
			await sql.close();
			throw e;
		}
	}

	/** Closes the database when this repository opened it; one handed in stays open. */
	async close() {
		if (this.owned) await this.sql.close();
	}

	private get db() { return this.sql.db; }
	private get dialect() { return this.sql.dialect; }
	private transaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
		return this.db.transaction().execute(work);
	}

	// ------------------------------------------------------------ catalogue

	async listProducts() {
		const rows = await this.db.selectFrom('products').selectAll().where('shop_id', '=', this.shopId).orderBy('sku').execute();
		return rows.map(productOf);
	}
	async getProduct(id: ProductId) {
		const r = await this.db.selectFrom('products').selectAll().where('shop_id', '=', this.shopId).where('id', '=', id).executeTakeFirst();
		return r && productOf(r);
	}
	async getProductBySku(sku: string) {
		const r = await this.db.selectFrom('products').selectAll().where('shop_id', '=', this.shopId).where('sku', '=', sku).executeTakeFirst();
		return r && productOf(r);
	}
	async putProduct(p: Product) {
		try {
			await this.transaction(async (trx) => {
				const before = await this.getProductIn(trx, p.id);
				await this.upsertProducts(trx, [p]);
				await this.recordEdits(trx, 'product', [{ id: p.id, before: before as never, after: p as never }]);
			});
		} catch (e) {
			if (uniqueViolation(e)) throw new DuplicateError('sku', p.sku);
			throw e;
		}
	}

	async getProductIn(db: Db, id: string) {
		const r = await db.selectFrom('products').selectAll().where('shop_id', '=', this.shopId).where('id', '=', id).executeTakeFirst();
		return r && productOf(r);
	}
	async upsertProducts(db: Db, products: readonly Product[]) {
		await insertRows(db, this.dialect, 'products', products.map((p) => productRow(this.shopId, p)),
			(oc) => oc.columns(['shop_id', 'id']).doUpdateSet(replaceFromExcluded(PRODUCT_COLUMNS)));
	}

	/** A page of products in SKU order, optionally those whose SKU starts with a prefix. */
	async productsPage(q: ProductsPageQuery): Promise<Page<Product, string>> {
		const limit = pageSize(q.limit);
		let query = this.db.selectFrom('products').selectAll().where('shop_id', '=', this.shopId);
		if (q.skuPrefix) query = query.where(raw<string>`substr(sku, 1, ${q.skuPrefix.length})`, '=', q.skuPrefix);
		if (q.after !== undefined) query = query.where('sku', '>', q.after);
		const rows = await query.orderBy('sku').limit(limit + 1).execute();
		const items = rows.slice(0, limit).map(productOf);
		return { items, next: rows.length > limit ? items[items.length - 1].sku : null };
	}

	async listSuppliers() {
		return (await this.db.selectFrom('suppliers').selectAll().where('shop_id', '=', this.shopId).orderBy('id').execute()).map(supplierOf);
	}
	async getSupplier(id: SupplierId) {
		const r = await this.db.selectFrom('suppliers').selectAll().where('shop_id', '=', this.shopId).where('id', '=', id).executeTakeFirst();
		return r && supplierOf(r);
	}
	async putSupplier(s: Supplier) {
		await this.transaction(async (trx) => {
			const before = await trx.selectFrom('suppliers').selectAll().where('shop_id', '=', this.shopId).where('id', '=', s.id).executeTakeFirst();
			await this.upsertSuppliers(trx, [s]);
			await this.recordEdits(trx, 'supplier', [{ id: s.id, before: before && supplierOf(before) as never, after: s as never }]);
		});
	}
	async upsertSuppliers(db: Db, suppliers: readonly Supplier[]) {
		await insertRows(db, this.dialect, 'suppliers', suppliers.map((s) => supplierRow(this.shopId, s)),
			(oc) => oc.columns(['shop_id', 'id']).doUpdateSet(replaceFromExcluded(SUPPLIER_COLUMNS)));
	}
	async deleteSupplier(id: SupplierId, reassignTo: SupplierId | null) {
		await this.transaction(async (trx) => {
			const moved = (await trx.selectFrom('products').selectAll().where('shop_id', '=', this.shopId).where('supplier_id', '=', id).execute()).map(productOf);
			await trx.updateTable('products').set({ supplier_id: reassignTo }).where('shop_id', '=', this.shopId).where('supplier_id', '=', id).execute();
			await this.recordEdits(trx, 'product', moved.map((p) => ({ id: p.id, before: p as never, after: { ...p, supplierId: reassignTo } as never })));
			const before = await trx.selectFrom('suppliers').select('id').where('shop_id', '=', this.shopId).where('id', '=', id).executeTakeFirst();
			await trx.deleteFrom('suppliers').where('shop_id', '=', this.shopId).where('id', '=', id).execute();
			if (before) await this.recordEdits(trx, 'supplier', [{ id, before: undefined, after: null }]);
		});
	}

	async listCustomers() {
		return (await this.db.selectFrom('customers').selectAll().where('shop_id', '=', this.shopId).orderBy('id').execute()).map(customerOf);
	}
	async getCustomer(id: CustomerId) {
		const r = await this.db.selectFrom('customers').selectAll().where('shop_id', '=', this.shopId).where('id', '=', id).executeTakeFirst();
		return r && customerOf(r);
	}
	async putCustomer(c: Customer) {
		await this.transaction(async (trx) => {
			const before = await trx.selectFrom('customers').selectAll().where('shop_id', '=', this.shopId).where('id', '=', c.id).executeTakeFirst();
			await this.upsertCustomers(trx, [c]);
			await this.recordEdits(trx, 'customer', [{ id: c.id, before: before && customerOf(before) as never, after: c as never }]);
		});
	}
	upsertCustomers(db: Db, customers: readonly Customer[]) {
		return insertRows(db, this.dialect, 'customers', customers.map((c) => customerRow(this.shopId, c)),
			(oc) => oc.columns(['shop_id', 'id']).doUpdateSet(replaceFromExcluded(CUSTOMER_COLUMNS)));
	}
	async deleteCustomer(id: CustomerId) {
		await this.transaction(async (trx) => {
			const gone = await trx.deleteFrom('customers').where('shop_id', '=', this.shopId).where('id', '=', id).executeTakeFirst();
			if (Number(gone.numDeletedRows) > 0) await this.recordEdits(trx, 'customer', [{ id, before: undefined, after: null }]);
		});
	}

	// ------------------------------------------------------------ sales and the ledger

	async appendSales(batch: SalesBatch) {
		try {
			await this.transaction((trx) => this.appendSalesIn(trx, batch));
		} catch (e) {
			throw (await this.duplicateIn(e, batch)) ?? e;
		}
	}

	/**
	 * appendSales inside the caller's transaction (the server's sale, with its Idempotency-Key and
	 * invoice counter): a broken unique key is thrown as the database's error, not as a DuplicateError.
	 * `unitCosts`: the cost of every product sold, when the caller has just read them (no second read).
	 */
	async appendSalesIn(trx: Db, batch: SalesBatch, unitCosts?: ReadonlyMap<string, number>): Promise<Map<ProductId, number>> {
		const levels = await this.storeSalesIn(trx, batch, unitCosts);
		// The products and customers first, so a receiver holds them before the sales that name them.
		await this.recordChange(trx, 'records', [...(batch.products ?? []).map((p) => recordKey('product', p.id)), ...(batch.customers ?? []).map((c) => recordKey('customer', c.id))]);
		await this.recordChange(trx, 'sales', batch.blocks.map((b) => b.id));
		await this.recordChange(trx, 'movements', batch.movements.filter((m) => !isSaleMovement(m)).map((m) => m.id));
		return levels;
	}

	/** Stores a batch inside the caller's transaction, recording nothing for sync (what applying a pulled or pushed change uses). */
	async storeSalesIn(trx: Db, batch: SalesBatch, unitCosts?: ReadonlyMap<string, number>): Promise<Map<ProductId, number>> {
		const products = batch.products ?? [];
		await insertRows(trx, this.dialect, 'products', products.map((p) => productRow(this.shopId, p)));
		if (batch.customers?.length) await this.upsertCustomers(trx, batch.customers);
		await insertBlocks(trx, this.dialect, this.shopId, batch.blocks, nowLocal());
		const sold = new Set(batch.blocks.flatMap((b) => b.products));
		const costs = unitCosts ?? await this.unitCosts(trx, sold);
		const delta = deltaOfBlocks(batch.blocks, (id) => costs.get(id) ?? 0);
		const groups = await this.productGroups(trx, sold);
		await storeHourDelta(trx, this.dialect, this.shopId, hourDeltaOfBlocks(batch.blocks, (id) => groups.get(id)));
		// Upserts in key order: concurrent batches lock the rows they share in the same order (no deadlock).
		const shopDays = [...delta.shop.values()].sort((x, y) => x.day - y.day);
		await insertRows(trx, this.dialect, 'shop_days', shopDays.map((t) => ({ shop_id: this.shopId, ...t })),
			(oc) => oc.columns(['shop_id', 'day']).doUpdateSet(addFromExcluded('shop_days', TOTALS)));
		const productDays = chunkEntries(delta.series).sort((x, y) => compareText(x.productId, y.productId) || x.day - y.day);
		await insertRows(trx, this.dialect, 'product_days', productDays.map(({ productId, ...t }) => ({ shop_id: this.shopId, product_id: productId, ...t })),
			(oc) => oc.columns(['shop_id', 'product_id', 'day']).doUpdateSet(addFromExcluded('product_days', TOTALS)));
		return this.writeMovements(trx, batch.movements);
	}

	async appendTicketSale(series: string, seal: (previous: TicketLink | null) => Ticket): Promise<Ticket> {
		let sealed: Ticket | undefined;
		try {
			return await this.transaction(async (trx) => {
				// One ticket of a series at a time: two sales on one series never both take its next number.
				if (this.dialect === 'postgres') await raw`select pg_advisory_xact_lock(hashtextextended(${`${this.shopId}|ticket-series|${series}`}, 0))`.execute(trx);
				const last = await trx.selectFrom('tickets').select(['number', 'hash']).where('shop_id', '=', this.shopId).where('series', '=', series)
					.orderBy('number', 'desc').limit(1).executeTakeFirst();
				const ticket = seal(last ? { number: Number(last.number), hash: last.hash } : null);
				sealed = ticket;
				if (ticket.series !== series) throw new Error(`ticket ${ticket.invoice} is not in series ${series}`);
				// Indexed first and without "do nothing": a ticket whose invoice or number is taken fails here.
				await trx.insertInto('tickets').values(ticketRow(this.shopId, ticket)).execute();
				await this.appendSalesIn(trx, ticketBatch(ticket));
				return ticket;
			});
		} catch (e) {
			if (sealed && uniqueViolation(e)?.table === 'tickets') throw new DuplicateError('invoice', sealed.invoice);
			throw (sealed && await this.duplicateIn(e, ticketBatch(sealed))) ?? e;
		}
	}

	async getTicket(invoice: string): Promise<Ticket | undefined> {
		const r = await this.db.selectFrom('tickets').select('doc').where('shop_id', '=', this.shopId).where('invoice', '=', invoice).executeTakeFirst();
		return r && ticketOf(r);
	}

	async listTickets(q: TicketQuery = {}): Promise<Ticket[]> {
		let query = this.db.selectFrom('tickets').select('doc').where('shop_id', '=', this.shopId);
		if (q.series !== undefined) query = query.where('series', '=', q.series);
		if (q.shiftId !== undefined) query = query.where('shift_id', '=', q.shiftId);
		if (q.returnOf !== undefined) query = query.where('return_of', '=', q.returnOf);
		if (q.fromAt !== undefined) query = query.where('at', '>=', q.fromAt);
		if (q.toAt !== undefined) query = query.where('at', '<=', q.toAt);
		query = query.orderBy('at', 'desc').orderBy('number', 'desc');
		if (q.limit !== undefined) query = query.limit(Math.max(0, Math.floor(q.limit)));
		return (await query.execute()).map(ticketOf);
	}

	/** The DuplicateError a failed batch amounts to (a SKU or block id taken), found after the rollback. */
	private async duplicateIn(e: unknown, batch: SalesBatch): Promise<DuplicateError | null> {
		const violation = uniqueViolation(e);
		if (!violation) return null;
		if (violation.table === 'products' || violation.table === null) {
			const sku = await this.firstTaken('products', 'sku', (batch.products ?? []).map((p) => p.sku));
			if (sku !== undefined) return new DuplicateError('sku', sku);
		}
		if (violation.table === 'sale_blocks' || violation.table === null) {
			const id = await this.firstTaken('sale_blocks', 'id', batch.blocks.map((b) => b.id));
			if (id !== undefined) return new DuplicateError('block', id);
		}
		return null;
	}

	/** The first value repeated within the list or already stored in the column. */
	private async firstTaken(table: 'products' | 'sale_blocks', column: 'sku' | 'id', values: string[]): Promise<string | undefined> {
		const seen = new Set<string>();
		for (const v of values) {
			if (seen.has(v)) return v;
			seen.add(v);
		}
		for (const chunk of idChunks(values, this.dialect)) {
			const row = await this.db.selectFrom(table).select(raw.ref<string>(column).as('value'))
				.where('shop_id', '=', this.shopId).where(raw.ref(column), 'in', chunk).executeTakeFirst();
			if (row) return row.value;
		}
		return undefined;
	}

	private async unitCosts(db: Db, ids: Set<string>): Promise<Map<string, number>> {
		const costs = new Map<string, number>();
		for (const chunk of idChunks([...ids], this.dialect)) {
			const rows = await db.selectFrom('products').select(['id', 'unit_cost']).where('shop_id', '=', this.shopId).where('id', 'in', chunk).execute();
			for (const r of rows) costs.set(r.id, r.unit_cost);
		}
		return costs;
	}

	/** The category and supplier of each product named (the dashboard's groups). */
	private async productGroups(db: Db, ids: Set<string>): Promise<Map<string, ProductGroup>> {
		const out = new Map<string, ProductGroup>();
		for (const chunk of idChunks([...ids], this.dialect)) {
			const rows = await db.selectFrom('products').select(['id', 'category', 'supplier_id']).where('shop_id', '=', this.shopId).where('id', 'in', chunk).execute();
			for (const r of rows) out.set(r.id, { category: r.category, supplierId: r.supplier_id as SupplierId | null });
		}
		return out;
	}

	async addMovements(movements: StockMovement[]) {
		await this.transaction(async (trx) => {
			await this.writeMovements(trx, movements);
			await this.recordChange(trx, 'movements', movements.filter((m) => !isSaleMovement(m)).map((m) => m.id));
		});
	}

	/**
	 * The movements and the stock they change; stock is added in SQL, so concurrent writers never lose
	 * an update. Answers the stock on hand of the products moved, as the upserts left it.
	 */
	async writeMovements(db: Db, movements: readonly StockMovement[]): Promise<Map<ProductId, number>> {
		if (movements.length === 0) return new Map();
		await insertRows(db, this.dialect, 'movements', movements.map((m) => movementRow(this.shopId, m)));
		const stock = [...stockDelta(movements)].sort(([x], [y]) => compareText(x, y)).map(([product_id, on_hand]) => ({ shop_id: this.shopId, product_id, on_hand }));
		const levels = await insertRows(db, this.dialect, 'stock', stock, (oc) => oc.columns(['shop_id', 'product_id'])
			.doUpdateSet({ on_hand: raw<number>`round((stock.on_hand + excluded.on_hand) * 1000) / 1000` }), ['product_id', 'on_hand']);
		return new Map(levels.map((r) => [r.product_id as ProductId, r.on_hand as number]));
	}

	async movementsOf(productId: ProductId, limit = 200): Promise<StockMovement[]> {
		const rows = await this.db.selectFrom('movements').selectAll().where('shop_id', '=', this.shopId).where('product_id', '=', productId)
			.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
		return rows.map(movementOf);
	}

	/** Movements newest first, a page at a time (keyset on time and id). */
	async movementsPage(q: MovementsPageQuery): Promise<Page<StockMovement>> {
		const limit = pageSize(q.limit);
		let query = this.db.selectFrom('movements').selectAll().where('shop_id', '=', this.shopId);
		if (q.productId !== undefined) query = query.where('product_id', '=', q.productId);
		if (q.fromAt !== undefined) query = query.where('at', '>=', q.fromAt);
		if (q.toAt !== undefined) query = query.where('at', '<=', q.toAt);
		if (q.after) query = query.where(before(q.after));
		const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
		const items = rows.slice(0, limit).map(movementOf);
		return { items, next: cursorAfter(items, rows.length > limit) };
	}

	async stockLevels() {
		const rows = await this.db.selectFrom('stock').select(['product_id', 'on_hand']).where('shop_id', '=', this.shopId).execute();
		return new Map(rows.map((r) => [r.product_id as ProductId, r.on_hand]));
	}

	/** A product's stock on hand (0 when it never moved). */
	async stockOf(productId: ProductId): Promise<number> {
		const r = await this.db.selectFrom('stock').select('on_hand').where('shop_id', '=', this.shopId).where('product_id', '=', productId).executeTakeFirst();
		return r?.on_hand ?? 0;
	}

	async rebuildStockLevels() {
		return this.transaction(async (trx) => {
			const rows = await trx.selectFrom('movements').select(['product_id as productId', 'quantity']).where('shop_id', '=', this.shopId)
				.orderBy('at').orderBy('id').execute();
			const levels = stockFromMovements(rows as unknown as StockMovement[]);
			await trx.deleteFrom('stock').where('shop_id', '=', this.shopId).execute();
			await insertRows(trx, this.dialect, 'stock', [...levels].map(([product_id, on_hand]) => ({ shop_id: this.shopId, product_id, on_hand: roundQty(on_hand) })));
			return levels;
		});
	}

	async saleBlocks(fromDay?: DayNumber, toDay?: DayNumber): Promise<SaleBlock[]> {
		let query = this.db.selectFrom('sale_blocks').selectAll().where('shop_id', '=', this.shopId);
		if (toDay !== undefined) query = query.where('first_day', '<=', toDay);
		if (fromDay !== undefined) query = query.where('last_day', '>=', fromDay);
		const metas = await query.orderBy('first_day').orderBy('id').execute();
		return readBlocks(this.db, this.dialect, this.shopId, metas);
	}

	/**
	 * One column of sale_lines, no block read: what an import needs to skip the lines it stored
	 * before. A block at a time (primary key prefix), so no more than one block's rows are ever
	 * objects at once; blocks without line keys (the POS's) are not read.
	 */
	async lineKeys(): Promise<Float64Array> {
		const blocks = await this.db.selectFrom('sale_blocks').select(['id', 'line_count']).where('shop_id', '=', this.shopId).where('has_line_keys', '=', 1).execute();
		let keys = new Float64Array(blocks.reduce((n, b) => n + Number(b.line_count), 0)), n = 0;
		for (const b of blocks) {
			const rows = await this.db.selectFrom('sale_lines').select('line_key').where('shop_id', '=', this.shopId).where('block_id', '=', b.id)
				.where('line_key', 'is not', null).execute();
			if (n + rows.length > keys.length) {
				const grown = new Float64Array(n + rows.length);
				grown.set(keys.subarray(0, n));
				keys = grown;
			}
			for (const r of rows) keys[n++] = Number(r.line_key);
		}
		return keys.subarray(0, n);
	}

	/** Sales newest first with all their lines, a page at a time (keyset on time and id). */
	async salesPage(q: SalesPageQuery): Promise<Page<StoredSale>> {
		const limit = pageSize(q.limit);
		let query = this.db.selectFrom('sales').selectAll().where('shop_id', '=', this.shopId);
		if (q.fromDay !== undefined) query = query.where('day', '>=', q.fromDay);
		if (q.toDay !== undefined) query = query.where('day', '<=', q.toDay);
		if (q.customerId !== undefined) query = query.where('customer_id', '=', q.customerId);
		if (q.productId !== undefined) {
			// The product's days from its daily totals, then its lines of those days (index shop_id, day, product_id).
			let days = this.db.selectFrom('product_days').select('day').where('shop_id', '=', this.shopId).where('product_id', '=', q.productId);
			if (q.fromDay !== undefined) days = days.where('day', '>=', q.fromDay);
			if (q.toDay !== undefined) days = days.where('day', '<=', q.toDay);
			if (q.after) days = days.where('day', '<=', dayOf(q.after.at as LocalTimestamp));
			const lines = this.db.selectFrom('sale_lines').select('sale_id').where('shop_id', '=', this.shopId)
				.where('day', 'in', days).where('product_id', '=', q.productId);
			query = query.where('id', 'in', lines);
		}
		if (q.after) query = query.where(before(q.after));
		const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
		const sales = rows.slice(0, limit);
		const lines = new Map<string, SaleLine[]>(sales.map((s) => [s.id, []]));
		// A sale's lines through its block (index shop_id, block_id, sale_id).
		for (const chunk of inChunks(sales, Math.floor(keysPerStatement(this.dialect) / 2))) {
			const lineRows = await this.db.selectFrom('sale_lines').select(['sale_id', 'product_id', 'quantity', 'unit_price', 'discount', 'tax_rate', 'tax'])
				.where('shop_id', '=', this.shopId).where('block_id', 'in', [...new Set(chunk.map((s) => s.block_id))])
				.where('sale_id', 'in', chunk.map((s) => s.id)).orderBy('block_id').orderBy('position').execute();
			for (const l of lineRows) lines.get(l.sale_id)!.push(saleLineOf(l));
		}
		const items = sales.map((s) => storedSaleOf(s, lines.get(s.id)!));
		return { items, next: cursorAfter(items, rows.length > limit) };
	}

	async shopDays(fromDay: DayNumber, toDay: DayNumber) {
		const rows = await this.db.selectFrom('shop_days').select(['day', ...TOTALS]).where('shop_id', '=', this.shopId)
			.where('day', '>=', fromDay).where('day', '<=', toDay).orderBy('day').execute();
		return rows.map(dayOfRow);
	}

	async productDays(productId: ProductId, fromDay: DayNumber, toDay: DayNumber) {
		const rows = await this.db.selectFrom('product_days').select(['product_id', 'day', ...TOTALS]).where('shop_id', '=', this.shopId)
			.where('product_id', '=', productId).where('day', '>=', fromDay).where('day', '<=', toDay).orderBy('day').execute();
		return rows.map(productDayOfRow);
	}

	async allProductSeries(): Promise<ProductSeries[]> {
		const rows = await this.db.selectFrom('product_days').select(['product_id', 'day', ...TOTALS]).where('shop_id', '=', this.shopId)
			.orderBy('product_id').orderBy('day').execute();
		const out: ProductSeries[] = [];
		for (let start = 0; start < rows.length;) {
			let end = start + 1;
			while (end < rows.length && rows[end].product_id === rows[start].product_id) end++;
			const n = end - start;
			const s: ProductSeries = {
				productId: rows[start].product_id as ProductId, days: new Int32Array(n), units: new Float64Array(n),
				revenue: new Float64Array(n), cost: new Float64Array(n), lines: new Uint32Array(n)
			};
			for (let i = 0; i < n; i++) {
				const r = rows[start + i];
				s.days[i] = r.day; s.units[i] = r.units; s.revenue[i] = r.revenue; s.cost[i] = r.cost; s.lines[i] = r.lines;
			}
			out.push(s);
			start = end;
		}
		return out;
	}

	// ------------------------------------------------------------ the dashboard's aggregates

	hourTotals(fromDay: DayNumber, toDay: DayNumber) { return readHourTotals(this.db, this.shopId, fromDay, toDay); }
	soldGroups() { return readSoldGroups(this.db, this.shopId); }
	async stockChanges(): Promise<StockMovement[]> {
		const rows = await this.db.selectFrom('movements').selectAll().where('shop_id', '=', this.shopId).where('reason', 'not in', ['sale', 'return']).execute();
		return rows.map(movementOf);
	}
	async rebuildHourTotals() {
		await this.transaction((trx) => rebuildHourTotalsSql(trx, this.dialect, this.shopId));
	}

	// ------------------------------------------------------------ purchase orders

	async listPurchaseOrders() {
		const [orders, lines] = await Promise.all([
			this.db.selectFrom('purchase_orders').selectAll().where('shop_id', '=', this.shopId).orderBy('created_at').orderBy('id').execute(),
			this.db.selectFrom('purchase_order_lines').selectAll().where('shop_id', '=', this.shopId).execute()
		]);
		return purchaseOrdersOf(orders, lines);
	}
	async getPurchaseOrder(id: string) {
		const [orders, lines] = await Promise.all([
			this.db.selectFrom('purchase_orders').selectAll().where('shop_id', '=', this.shopId).where('id', '=', id).execute(),
			this.db.selectFrom('purchase_order_lines').selectAll().where('shop_id', '=', this.shopId).where('order_id', '=', id).execute()
		]);
		return purchaseOrdersOf(orders, lines)[0];
	}
	async putPurchaseOrder(order: PurchaseOrder) {
		const rows = purchaseOrderRows(this.shopId, order);
		await this.transaction(async (trx) => {
			const before = await this.purchaseOrderIn(trx, order.id);
			await this.writePurchaseOrder(trx, order, rows);
			await this.recordEdits(trx, 'purchaseOrder', [{ id: order.id, before: before as never, after: order as never }]);
		});
	}
	async purchaseOrderIn(db: Db, id: string) {
		const orders = await db.selectFrom('purchase_orders').selectAll().where('shop_id', '=', this.shopId).where('id', '=', id).execute();
		if (orders.length === 0) return undefined;
		const lines = await db.selectFrom('purchase_order_lines').selectAll().where('shop_id', '=', this.shopId).where('order_id', '=', id).execute();
		return purchaseOrdersOf(orders, lines)[0];
	}
	async writePurchaseOrder(trx: Db, order: PurchaseOrder, rows = purchaseOrderRows(this.shopId, order)) {
		await trx.insertInto('purchase_orders').values(rows.order)
			.onConflict((oc) => oc.columns(['shop_id', 'id']).doUpdateSet(replaceFromExcluded(ORDER_COLUMNS))).execute();
		await trx.deleteFrom('purchase_order_lines').where('shop_id', '=', this.shopId).where('order_id', '=', order.id).execute();
		await insertRows(trx, this.dialect, 'purchase_order_lines', rows.lines);
	}
	async deletePurchaseOrder(id: string) {
		await this.transaction(async (trx) => {
			const held = await trx.selectFrom('purchase_orders').select('id').where('shop_id', '=', this.shopId).where('id', '=', id).executeTakeFirst();
			await this.deletePurchaseOrderIn(trx, id);
			if (held) await this.recordEdits(trx, 'purchaseOrder', [{ id, before: undefined, after: null }]);
		});
	}
	async deletePurchaseOrderIn(trx: Db, id: string) {
		await trx.deleteFrom('purchase_order_lines').where('shop_id', '=', this.shopId).where('order_id', '=', id).execute();
		await trx.deleteFrom('purchase_orders').where('shop_id', '=', this.shopId).where('id', '=', id).execute();
	}

	// ------------------------------------------------------------ settings, counts, clear

	async getSetting<T>(key: string) {
		const r = await this.db.selectFrom('settings').select('value').where('shop_id', '=', this.shopId).where('key', '=', key).executeTakeFirst();
		return r ? (JSON.parse(r.value) as T) : undefined;
	}
	async putSetting<T>(key: string, value: T) {
		if (!isSharedSetting(key)) {
			await this.writeSetting(this.db, key, value);
			return;
		}
		await this.transaction(async (trx) => {
			const before = await trx.selectFrom('settings').select('value').where('shop_id', '=', this.shopId).where('key', '=', key).executeTakeFirst();
			await this.writeSetting(trx, key, value);
			await this.recordEdits(trx, 'setting', [{ id: key, before: before && { id: key, value: JSON.parse(before.value) }, after: { id: key, value } }]);
		});
	}
	async writeSetting(db: Db, key: string, value: unknown) {
		await db.insertInto('settings').values({ shop_id: this.shopId, key, value: JSON.stringify(value) })
			.onConflict((oc) => oc.columns(['shop_id', 'key']).doUpdateSet(replaceFromExcluded(['value']))).execute();
	}
	async listSettings() {
		const rows = await this.db.selectFrom('settings').select(['key', 'value']).where('shop_id', '=', this.shopId).orderBy('key').execute();
		return rows.map((r) => [r.key, JSON.parse(r.value)] as [string, unknown]);
	}

	async counts(): Promise<StoreCounts> {
		const shop = this.shopId;
		const count = (eb: ExpressionBuilder<Database, never>, table: 'products' | 'suppliers' | 'customers' | 'movements') =>
			eb.selectFrom(table).select((e) => e.fn.countAll<number>().as('n')).where('shop_id', '=', shop);
		const sum = (eb: ExpressionBuilder<Database, never>, column: 'line_count' | 'sale_count') =>
			eb.selectFrom('sale_blocks').select((e) => e.fn.coalesce(e.fn.sum<number>(column), raw<number>`0`).as('n')).where('shop_id', '=', shop);
		const r = await this.db.selectNoFrom((eb) => [
			count(eb, 'products').as('products'), count(eb, 'suppliers').as('suppliers'), count(eb, 'customers').as('customers'),
			sum(eb, 'line_count').as('saleLines'), sum(eb, 'sale_count').as('sales'), count(eb, 'movements').as('movements')
		]).executeTakeFirstOrThrow();
		return {
			products: Number(r.products), suppliers: Number(r.suppliers), customers: Number(r.customers),
			saleLines: Number(r.saleLines), sales: Number(r.sales), movements: Number(r.movements)
		};
	}

	/**
	 * Deletes the shop's data (catalogue, sales, ledger, orders, settings, alerts, forecasts); the
	 * shop, its accounts and its sync numbering stay (a server must never see a change number twice).
	 */
	async clear() {
		await this.transaction(async (trx) => {
			for (const table of SHOP_DATA_TABLES) await trx.deleteFrom(table).where('shop_id', '=', this.shopId).execute();
			await trx.deleteFrom('field_clocks').where('shop_id', '=', this.shopId).execute();
			await trx.deleteFrom('sync_state').where('shop_id', '=', this.shopId).where('key', '=', 'cursor').execute();
		});
	}
}

const compareText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Rows strictly after a cursor in newest-first order. */
const before = (c: Cursor) => (eb: ExpressionBuilder<Database, 'sales' | 'movements'>) =>
	eb.or([eb('at', '<', c.at), eb.and([eb('at', '=', c.at), eb('id', '<', c.id)])]);

const cursorAfter = (items: { at: number; id: string }[], more: boolean): Cursor | null =>
	more && items.length > 0 ? { at: items[items.length - 1].at, id: items[items.length - 1].id } : null;

const storedSaleOf = (s: Selectable<SalesTable>, lines: SaleLine[]): StoredSale => ({ ...saleOf(s, lines), blockId: s.block_id, store: s.store });

