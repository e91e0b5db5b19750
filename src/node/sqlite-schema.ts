// SQLite schema versions for the CLI and server: an append-only list, applied in order and
// recorded in PRAGMA user_version. Never edit a released entry; add the next one with a test.
export interface SqlMigration {
	version: number;
	sql: string;
}

export const SQL_MIGRATIONS: SqlMigration[] = [
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
