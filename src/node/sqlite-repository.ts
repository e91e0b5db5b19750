// InventoryRepository on SQLite (better-sqlite3) for the CLI and the server. Entities are stored as
// JSON beside the columns that are searched; sale blocks as V8-serialized blobs (typed arrays kept).
import Database from 'better-sqlite3';
import { deserialize, serialize } from 'node:v8';
import type { CustomerId, DayNumber, ProductId, SupplierId } from '../core/brand';
import { mergeDay } from '../core/daily-totals';
import { roundQty, stockDelta, stockFromMovements } from '../core/ledger';
import { DuplicateError, type InventoryRepository, type SalesBatch, type StoreCounts } from '../core/repository';
import { addToSeries, type ProductSeries } from '../core/product-series';
import type { PurchaseOrder } from '../core/purchase-orders/purchase-order';
import type { SaleBlock } from '../core/sale-blocks';
import { chunkEntries, deltaOfBlocks } from '../core/series-chunks';
import type { Customer, DayTotals, Product, ProductDayTotals, StockMovement, Supplier } from '../core/types';
import { SQL_MIGRATIONS, type SqlMigration } from './sqlite-schema';

type Row = Record<string, unknown>;

/** Applies the migrations the file has not seen yet, each in its own transaction. */
export function migrate(db: Database.Database, migrations: SqlMigration[] = SQL_MIGRATIONS): number {
	let current = db.pragma('user_version', { simple: true }) as number;
	for (const m of migrations) {
		if (m.version <= current) continue;
		db.transaction(() => {
			db.exec(m.sql);
			db.pragma(`user_version = ${m.version}`);
		})();
		current = m.version;
	}
	return current;
}

export class SqliteRepository implements InventoryRepository {
	readonly db: Database.Database;

	constructor(file: string | Database.Database = ':memory:') {
		this.db = typeof file === 'string' ? new Database(file) : file;
		this.db.pragma('journal_mode = WAL');
		this.db.pragma('foreign_keys = ON');
		migrate(this.db);
	}

	close() { this.db.close(); }

	private all<T>(sql: string, ...params: unknown[]): T[] {
		return (this.db.prepare(sql).all(...params) as Row[]).map((r) => JSON.parse(r.data as string) as T);
	}
	private one<T>(sql: string, ...params: unknown[]): T | undefined {
		const r = this.db.prepare(sql).get(...params) as Row | undefined;
		return r ? (JSON.parse(r.data as string) as T) : undefined;
	}

	async listProducts() { return this.all<Product>('SELECT data FROM products'); }
	async getProduct(id: ProductId) { return this.one<Product>('SELECT data FROM products WHERE id = ?', id); }
	async getProductBySku(sku: string) { return this.one<Product>('SELECT data FROM products WHERE sku = ?', sku); }
	async putProduct(p: Product) { this.insertProduct(p, true); }

	private insertProduct(p: Product, replace: boolean) {
		try {
			this.db.prepare(`INSERT INTO products (id, sku, barcode, supplier_id, data) VALUES (?, ?, ?, ?, ?)
				${replace ? 'ON CONFLICT(id) DO UPDATE SET sku = excluded.sku, barcode = excluded.barcode, supplier_id = excluded.supplier_id, data = excluded.data' : ''}`)
				.run(p.id, p.sku, p.barcode, p.supplierId, JSON.stringify(p));
		} catch (e) {
			if (e instanceof Error && /UNIQUE constraint failed: products\.sku/.test(e.message)) throw new DuplicateError('sku', p.sku);
			throw e;
		}
	}

	async listSuppliers() { return this.all<Supplier>('SELECT data FROM suppliers'); }
	async getSupplier(id: SupplierId) { return this.one<Supplier>('SELECT data FROM suppliers WHERE id = ?', id); }
	async putSupplier(s: Supplier) {
		this.db.prepare('INSERT INTO suppliers (id, data) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data').run(s.id, JSON.stringify(s));
	}
	async deleteSupplier(id: SupplierId, reassignTo: SupplierId | null) {
		this.db.transaction(() => {
			const products = this.all<Product>('SELECT data FROM products WHERE supplier_id = ?', id);
			for (const p of products) this.insertProduct({ ...p, supplierId: reassignTo }, true);
			this.db.prepare('DELETE FROM suppliers WHERE id = ?').run(id);
		})();
	}

	async listCustomers() { return this.all<Customer>('SELECT data FROM customers'); }
	async getCustomer(id: CustomerId) { return this.one<Customer>('SELECT data FROM customers WHERE id = ?', id); }
	async putCustomer(c: Customer) { this.insertCustomer(c); }
	private insertCustomer(c: Customer) {
		this.db.prepare('INSERT INTO customers (id, code, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET code = excluded.code, data = excluded.data')
			.run(c.id, c.code, JSON.stringify(c));
	}
	async deleteCustomer(id: CustomerId) { this.db.prepare('DELETE FROM customers WHERE id = ?').run(id); }

	async appendSales(batch: SalesBatch) {
		this.db.transaction(() => {
			for (const p of batch.products ?? []) this.insertProduct(p, false);
			for (const c of batch.customers ?? []) this.insertCustomer(c);
			const costOf = this.db.prepare('SELECT data FROM products WHERE id = ?');
			const costs = new Map<string, number>();
			for (const id of new Set(batch.blocks.flatMap((b) => b.products))) {
				const row = costOf.get(id) as Row | undefined;
				costs.set(id, row ? (JSON.parse(row.data as string) as Product).unitCost : 0);
			}
			const insertBlock = this.db.prepare('INSERT INTO sale_blocks (id, first_day, last_day, line_count, sale_count, data) VALUES (?, ?, ?, ?, ?, ?)');
			for (const b of batch.blocks) {
				try {
					insertBlock.run(b.id, b.firstDay, b.lastDay, b.lineCount, b.saleCount, serialize(b));
				} catch (e) {
					if (e instanceof Error && /UNIQUE constraint failed: sale_blocks\.id/.test(e.message)) throw new DuplicateError('block', b.id);
					throw e;
				}
			}
			const delta = deltaOfBlocks(batch.blocks, (id) => costs.get(id) ?? 0);
			const getShop = this.db.prepare('SELECT day, units, revenue, cost, lines FROM shop_days WHERE day = ?');
			const putShop = this.db.prepare('INSERT OR REPLACE INTO shop_days (day, units, revenue, cost, lines) VALUES (@day, @units, @revenue, @cost, @lines)');
			for (const [day, t] of delta.shop) putShop.run(mergeDay(getShop.get(day) as DayTotals | undefined, t));
			const getPd = this.db.prepare('SELECT product_id AS productId, day, units, revenue, cost, lines FROM product_days WHERE product_id = ? AND day = ?');
			const putPd = this.db.prepare('INSERT OR REPLACE INTO product_days (product_id, day, units, revenue, cost, lines) VALUES (@productId, @day, @units, @revenue, @cost, @lines)');
			for (const t of chunkEntries(delta.series)) putPd.run(mergeDay(getPd.get(t.productId, t.day) as ProductDayTotals | undefined, t));
			this.writeMovements(batch.movements);
		})();
	}

	async addMovements(movements: StockMovement[]) {
		this.db.transaction(() => this.writeMovements(movements))();
	}

	private writeMovements(movements: StockMovement[]) {
		const insert = this.db.prepare('INSERT INTO movements (id, product_id, quantity, reason, reference, note, at, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
		for (const m of movements) insert.run(m.id, m.productId, m.quantity, m.reason, m.reference, m.note, m.at, m.deviceId);
		const get = this.db.prepare('SELECT on_hand FROM stock WHERE product_id = ?');
		const put = this.db.prepare('INSERT OR REPLACE INTO stock (product_id, on_hand) VALUES (?, ?)');
		for (const [id, q] of stockDelta(movements)) {
			const old = (get.get(id) as Row | undefined)?.on_hand as number | undefined;
			put.run(id, roundQty((old ?? 0) + q));
		}
	}

	async movementsOf(productId: ProductId, limit = 200): Promise<StockMovement[]> {
		return (this.db.prepare('SELECT * FROM movements WHERE product_id = ? ORDER BY at DESC LIMIT ?').all(productId, limit) as Row[]).map(rowToMovement);
	}

	async stockLevels() {
		const rows = this.db.prepare('SELECT product_id, on_hand FROM stock').all() as Row[];
		return new Map(rows.map((r) => [r.product_id as ProductId, r.on_hand as number]));
	}

	async rebuildStockLevels() {
		return this.db.transaction(() => {
			const levels = stockFromMovements((this.db.prepare('SELECT * FROM movements').all() as Row[]).map(rowToMovement));
			this.db.prepare('DELETE FROM stock').run();
			const put = this.db.prepare('INSERT INTO stock (product_id, on_hand) VALUES (?, ?)');
			for (const [id, q] of levels) put.run(id, q);
			return levels;
		})();
	}

	async saleBlocks(fromDay?: DayNumber, toDay?: DayNumber): Promise<SaleBlock[]> {
		const rows = this.db.prepare('SELECT data FROM sale_blocks WHERE first_day <= ? AND last_day >= ?')
			.all(toDay ?? Number.MAX_SAFE_INTEGER, fromDay ?? Number.MIN_SAFE_INTEGER) as Row[];
		return rows.map((r) => deserialize(r.data as Buffer) as SaleBlock);
	}

	async shopDays(fromDay: DayNumber, toDay: DayNumber): Promise<DayTotals[]> {
		return this.db.prepare('SELECT day, units, revenue, cost, lines FROM shop_days WHERE day BETWEEN ? AND ? ORDER BY day').all(fromDay, toDay) as DayTotals[];
	}

	async productDays(productId: ProductId, fromDay: DayNumber, toDay: DayNumber): Promise<ProductDayTotals[]> {
		return this.db.prepare('SELECT product_id AS productId, day, units, revenue, cost, lines FROM product_days WHERE product_id = ? AND day BETWEEN ? AND ? ORDER BY day')
			.all(productId, fromDay, toDay) as ProductDayTotals[];
	}

	async allProductSeries(): Promise<ProductSeries[]> {
		const rows = this.db.prepare('SELECT product_id AS productId, day, units, revenue, cost, lines FROM product_days ORDER BY product_id, day').all() as ProductDayTotals[];
		const out: ProductSeries[] = [];
		for (let start = 0; start < rows.length;) {
			let end = start;
			while (end < rows.length && rows[end].productId === rows[start].productId) end++;
			out.push(addToSeries(undefined, rows[start].productId, rows.slice(start, end)));
			start = end;
		}
		return out;
	}

	async listPurchaseOrders() { return this.all<PurchaseOrder>('SELECT data FROM purchase_orders'); }
	async getPurchaseOrder(id: string) { return this.one<PurchaseOrder>('SELECT data FROM purchase_orders WHERE id = ?', id); }
	async putPurchaseOrder(order: PurchaseOrder) {
		this.db.prepare('INSERT INTO purchase_orders (id, status, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET status = excluded.status, data = excluded.data')
			.run(order.id, order.status, JSON.stringify(order));
	}
	async deletePurchaseOrder(id: string) { this.db.prepare('DELETE FROM purchase_orders WHERE id = ?').run(id); }

	async getSetting<T>(key: string) {
		const r = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as Row | undefined;
		return r ? (JSON.parse(r.value as string) as T) : undefined;
	}
	async putSetting<T>(key: string, value: T) {
		this.db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));
	}

	async listSettings() {
		return (this.db.prepare('SELECT key, value FROM settings').all() as Row[]).map((r) => [r.key as string, JSON.parse(r.value as string)] as [string, unknown]);
	}

	async counts(): Promise<StoreCounts> {
		const n = (sql: string) => (this.db.prepare(sql).get() as Row).n as number;
		return {
			products: n('SELECT COUNT(*) AS n FROM products'), suppliers: n('SELECT COUNT(*) AS n FROM suppliers'),
			customers: n('SELECT COUNT(*) AS n FROM customers'), saleLines: n('SELECT COALESCE(SUM(line_count), 0) AS n FROM sale_blocks'),
			sales: n('SELECT COALESCE(SUM(sale_count), 0) AS n FROM sale_blocks'), movements: n('SELECT COUNT(*) AS n FROM movements')
		};
	}

	async clear() {
		this.db.transaction(() => {
			for (const t of ['products', 'suppliers', 'customers', 'sale_blocks', 'movements', 'stock', 'shop_days', 'product_days', 'settings', 'purchase_orders']) this.db.prepare(`DELETE FROM ${t}`).run();
		})();
	}
}

function rowToMovement(r: Row): StockMovement {
	return {
		id: r.id, productId: r.product_id, quantity: r.quantity, reason: r.reason, reference: r.reference,
		note: r.note, at: r.at, deviceId: r.device_id
	} as StockMovement;
}
