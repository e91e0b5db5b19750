// FROZEN: the CLI's SQLite store before the SQL layer (src/node/sqlite-schema.ts and the way
// src/node/sqlite-repository.ts wrote rows, both removed), kept so the tests can build the files
// users have and check that opening one converts it. Never edit: it is what is out there.
import Database from 'better-sqlite3';
import { serialize } from 'node:v8';
import { ALL_MOVEMENTS } from '$core/export/exports';
import type { InventoryRepository } from '$core/repository';
import { chunkEntries, chunkOfSeries } from '$core/series-chunks';
import { ALL_DAYS } from './store-snapshot';

/** The old PRAGMA user_version migrations, verbatim. */
export const LEGACY_MIGRATIONS: { version: number; sql: string }[] = [
	{
		version: 1,
		sql: `
			CREATE TABLE products (id TEXT PRIMARY KEY, sku TEXT NOT NULL UNIQUE, barcode TEXT NOT NULL DEFAULT '', supplier_id TEXT, data TEXT NOT NULL);
			CREATE INDEX products_supplier ON products(supplier_id);
			CREATE TABLE suppliers (id TEXT PRIMARY KEY, data TEXT NOT NULL);
			CREATE TABLE customers (id TEXT PRIMARY KEY, code TEXT NOT NULL DEFAULT '', data TEXT NOT NULL);
			CREATE INDEX customers_code ON customers(code);
			-- Sales as columnar blocks, serialized whole (see core/sale-blocks.ts).
			CREATE TABLE sale_blocks (id TEXT PRIMARY KEY, first_day INTEGER NOT NULL, last_day INTEGER NOT NULL,
				line_count INTEGER NOT NULL, sale_count INTEGER NOT NULL, data BLOB NOT NULL);
			CREATE INDEX sale_blocks_days ON sale_blocks(first_day, last_day);
			CREATE TABLE movements (id TEXT PRIMARY KEY, product_id TEXT NOT NULL, quantity REAL NOT NULL, reason TEXT NOT NULL,
				reference TEXT NOT NULL, note TEXT NOT NULL, at INTEGER NOT NULL, device_id TEXT NOT NULL);
			CREATE INDEX movements_product_at ON movements(product_id, at);
			CREATE TABLE stock (product_id TEXT PRIMARY KEY, on_hand REAL NOT NULL);
			CREATE TABLE shop_days (day INTEGER PRIMARY KEY, units REAL NOT NULL, revenue INTEGER NOT NULL, cost INTEGER NOT NULL, lines INTEGER NOT NULL);
			CREATE TABLE product_days (product_id TEXT NOT NULL, day INTEGER NOT NULL, units REAL NOT NULL, revenue INTEGER NOT NULL,
				cost INTEGER NOT NULL, lines INTEGER NOT NULL, PRIMARY KEY (product_id, day)) WITHOUT ROWID;
			CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
		`
	},
	{
		// Purchase orders (core/purchase-orders), stored whole as JSON; status is what lists filter on.
		version: 2,
		sql: `
			CREATE TABLE purchase_orders (id TEXT PRIMARY KEY, status TEXT NOT NULL, data TEXT NOT NULL);
			CREATE INDEX purchase_orders_status ON purchase_orders(status);
		`
	}
];

/** Writes an old-format file at `version` holding everything `source` holds (orders only from version 2). */
export async function writeLegacyFile(file: string, version: 1 | 2, source: InventoryRepository) {
	const db = new Database(file);
	try {
		db.pragma('journal_mode = WAL');
		for (const m of LEGACY_MIGRATIONS.filter((m) => m.version <= version)) db.exec(m.sql);
		db.pragma(`user_version = ${version}`);
		const products = await source.listProducts();
		const movements = (await Promise.all(products.map((p) => source.movementsOf(p.id, ALL_MOVEMENTS)))).flat();
		const rows = {
			suppliers: await source.listSuppliers(), customers: await source.listCustomers(), blocks: await source.saleBlocks(),
			stock: [...(await source.stockLevels())], shopDays: await source.shopDays(...ALL_DAYS),
			productDays: chunkEntries(chunkOfSeries(await source.allProductSeries())), settings: await source.listSettings(),
			orders: version >= 2 ? await source.listPurchaseOrders() : []
		};
		db.transaction(() => {
			const put = (sql: string, values: unknown[][]) => { const s = db.prepare(sql); for (const v of values) s.run(...v); };
			put('INSERT INTO products (id, sku, barcode, supplier_id, data) VALUES (?, ?, ?, ?, ?)', products.map((p) => [p.id, p.sku, p.barcode, p.supplierId, JSON.stringify(p)]));
			put('INSERT INTO suppliers (id, data) VALUES (?, ?)', rows.suppliers.map((s) => [s.id, JSON.stringify(s)]));
			put('INSERT INTO customers (id, code, data) VALUES (?, ?, ?)', rows.customers.map((c) => [c.id, c.code, JSON.stringify(c)]));
			put('INSERT INTO sale_blocks (id, first_day, last_day, line_count, sale_count, data) VALUES (?, ?, ?, ?, ?, ?)',
				rows.blocks.map((b) => [b.id, b.firstDay, b.lastDay, b.lineCount, b.saleCount, serialize(b)]));
			put('INSERT INTO movements (id, product_id, quantity, reason, reference, note, at, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
				movements.map((m) => [m.id, m.productId, m.quantity, m.reason, m.reference, m.note, m.at, m.deviceId]));
			put('INSERT INTO stock (product_id, on_hand) VALUES (?, ?)', rows.stock);
			put('INSERT INTO shop_days (day, units, revenue, cost, lines) VALUES (?, ?, ?, ?, ?)', rows.shopDays.map((d) => [d.day, d.units, d.revenue, d.cost, d.lines]));
			put('INSERT INTO product_days (product_id, day, units, revenue, cost, lines) VALUES (?, ?, ?, ?, ?, ?)',
				rows.productDays.map((d) => [d.productId, d.day, d.units, d.revenue, d.cost, d.lines]));
			put('INSERT INTO settings (key, value) VALUES (?, ?)', rows.settings.map(([k, v]) => [k, JSON.stringify(v)]));
			if (version >= 2) put('INSERT INTO purchase_orders (id, status, data) VALUES (?, ?, ?)', rows.orders.map((o) => [o.id, o.status, JSON.stringify(o)]));
		})();
	} finally {
		db.close();
	}
}
