// The SQL schema's versions, the same on SQLite and PostgreSQL: an append-only numbered list,
// applied in order, each in its own transaction, and recorded in schema_migrations. Never edit a
// released entry: add the next one, with a test that runs it on a database built at the version
// before (tests/support/sql-databases.ts migrateTo).
import { sql as raw, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Db, Dialect, SqlDatabase } from './database';
import { queueEverythingSql } from './sync-log';
import { rebuildHourTotalsSql } from './sql-dashboard';

export interface Migration {
	version: number;
	name: string;
	up(db: Db, dialect: Dialect): Promise<void>;
}

interface SchemaMigrationsTable {
	version: number;
	name: string;
	applied_at: number;
}
type MigrationDb = Kysely<{ schema_migrations: SchemaMigrationsTable }>;

/** A database whose schema is newer than this code: opening it could lose what the newer version wrote. */
export class NewerDatabaseError extends Error {
	constructor(readonly databaseVersion: number, readonly knownVersion: number) {
		super(`this database was written by a newer Smart Inventory (schema version ${databaseVersion}, this one knows up to ${knownVersion}); update`);
		this.name = 'NewerDatabaseError';
	}
}

/** Column types per dialect: times and money as bigint on PostgreSQL, fractional amounts as doubles, bytes as bytea. */
function columnTypes(dialect: Dialect) {
	const pgsql = dialect === 'postgres';
	return {
		/** Epoch-style milliseconds. */
		time: pgsql ? 'bigint' : 'integer',
		/** Integer cents. */
		money: pgsql ? 'bigint' : 'integer',
		/** Quantities and other amounts that may be fractional. */
		real: pgsql ? 'double precision' : 'real',
		bytes: pgsql ? 'bytea' : 'blob'
	} as const;
}

const notNull = (c: ColumnDefinitionBuilder) => c.notNull();

async function createSchemaV1(db: Db, dialect: Dialect) {
	const T = columnTypes(dialect);
	// SQLite: tables read by their primary key's order keep their rows in it.
	const clustered = <B extends CreateTableBuilder<string, string>>(t: B): B => (dialect === 'sqlite' ? (t.modifyEnd(raw`without rowid`) as B) : t);
	const shopOwned = (name: string) => db.schema.createTable(name)
		.addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'));
	const index = (name: string, table: string, columns: string[]) => db.schema.createIndex(name).on(table).columns(columns).execute();

	await db.schema.createTable('shops')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', notNull)
		.addColumn('created_at', T.time, notNull)
		.addColumn('change_seq', T.time, (c) => c.notNull().defaultTo(0))
		.execute();

	await shopOwned('products')
		.addColumn('id', 'text', notNull)
		.addColumn('sku', 'text', notNull)
		.addColumn('barcode', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('name', 'text', notNull)
		.addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('unit_price', T.money, notNull)
		.addColumn('unit_cost', T.money, notNull)
		.addColumn('supplier_id', 'text')
		.addColumn('lead_time_days', 'integer')
		.addColumn('min_order_qty', T.real, (c) => c.notNull().defaultTo(1))
		.addColumn('pack_size', T.real, (c) => c.notNull().defaultTo(1))
		.addColumn('reorder_point', T.real)
		.addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_by_import', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('updated_at', T.time, notNull)
		.addPrimaryKeyConstraint('products_pkey', ['shop_id', 'id'])
		.addUniqueConstraint('products_shop_sku', ['shop_id', 'sku'])
		.execute();
	await index('products_shop_barcode', 'products', ['shop_id', 'barcode']);
	await index('products_shop_supplier', 'products', ['shop_id', 'supplier_id']);

	await shopOwned('suppliers')
		.addColumn('id', 'text', notNull)
		.addColumn('name', 'text', notNull)
		.addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('default_lead_time_days', 'integer', notNull)
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('updated_at', T.time, notNull)
		.addPrimaryKeyConstraint('suppliers_pkey', ['shop_id', 'id'])
		.execute();

	await shopOwned('customers')
		.addColumn('id', 'text', notNull)
		.addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('name', 'text', notNull)
		.addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('first_seen', 'integer', notNull)
		.addColumn('created_by_import', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('updated_at', T.time, notNull)
		.addPrimaryKeyConstraint('customers_pkey', ['shop_id', 'id'])
		.execute();
	await index('customers_shop_code', 'customers', ['shop_id', 'code']);

	// Sales: a block's metadata, its sales and its lines as rows (core/sale-blocks.ts rebuilds blocks from them).
	await shopOwned('sale_blocks')
		.addColumn('id', 'text', notNull)
		.addColumn('source', 'text', notNull)
		.addColumn('first_day', 'integer', notNull)
		.addColumn('last_day', 'integer', notNull)
		.addColumn('line_count', 'integer', notNull)
		.addColumn('sale_count', 'integer', notNull)
		.addColumn('has_line_keys', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', T.time, notNull)
		.addPrimaryKeyConstraint('sale_blocks_pkey', ['shop_id', 'id'])
		.execute();
	await index('sale_blocks_shop_days', 'sale_blocks', ['shop_id', 'last_day', 'first_day']);

	await shopOwned('sales')
		.addColumn('id', 'text', notNull)
		.addColumn('block_id', 'text', notNull)
		.addColumn('position', 'integer', notNull)
		.addColumn('invoice', 'text', notNull)
		.addColumn('at', T.time, notNull)
		.addColumn('day', 'integer', notNull)
		.addColumn('customer_id', 'text')
		.addColumn('device_id', 'text', notNull)
		.addColumn('store', 'text')
		.addPrimaryKeyConstraint('sales_pkey', ['shop_id', 'id'])
		.execute();
	await db.schema.createIndex('sales_shop_block_position').unique().on('sales').columns(['shop_id', 'block_id', 'position']).execute();
	await index('sales_shop_at', 'sales', ['shop_id', 'at']);
	await index('sales_shop_customer', 'sales', ['shop_id', 'customer_id']);

	await clustered(shopOwned('sale_lines')
		.addColumn('block_id', 'text', notNull)
		.addColumn('position', 'integer', notNull)
		.addColumn('sale_id', 'text', notNull)
		.addColumn('product_id', 'text', notNull)
		.addColumn('quantity', T.real, notNull)
		.addColumn('unit_price', T.real, notNull)
		.addColumn('discount', T.real, notNull)
		.addColumn('line_key', T.time)
		.addColumn('day', 'integer', notNull)
		.addPrimaryKeyConstraint('sale_lines_pkey', ['shop_id', 'block_id', 'position']))
		.execute();
	// Secondary indexes whose keys follow the order lines arrive in (a block's sales, recent days):
	// an index on a random key (sale UUIDs, product ids first, line keys) makes every 10,000-line
	// transaction rewrite pages all over it. A sale's lines: its block and id (the sales row has both).
	await index('sale_lines_shop_block_sale', 'sale_lines', ['shop_id', 'block_id', 'sale_id']);
	// Lines by day, and a product's lines of given days (the days come from product_days).
	await index('sale_lines_shop_day_product', 'sale_lines', ['shop_id', 'day', 'product_id']);

	await shopOwned('movements')
		.addColumn('id', 'text', notNull)
		.addColumn('product_id', 'text', notNull)
		.addColumn('quantity', T.real, notNull)
		.addColumn('reason', 'text', notNull)
		.addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('at', T.time, notNull)
		.addColumn('device_id', 'text', notNull)
		.addPrimaryKeyConstraint('movements_pkey', ['shop_id', 'id'])
		.execute();
	await index('movements_shop_product_at', 'movements', ['shop_id', 'product_id', 'at']);
	await index('movements_shop_at', 'movements', ['shop_id', 'at']);

	await clustered(shopOwned('stock')
		.addColumn('product_id', 'text', notNull)
		.addColumn('on_hand', T.real, notNull)
		.addPrimaryKeyConstraint('stock_pkey', ['shop_id', 'product_id']))
		.execute();

	const dayTotals = <B extends CreateTableBuilder<string, string>>(t: B) => t
		.addColumn('day', 'integer', notNull)
		.addColumn('units', T.real, notNull)
		.addColumn('revenue', T.money, notNull)
		.addColumn('cost', T.money, notNull)
		.addColumn('lines', 'integer', notNull);
	await clustered(dayTotals(shopOwned('shop_days')).addPrimaryKeyConstraint('shop_days_pkey', ['shop_id', 'day'])).execute();
	await clustered(dayTotals(shopOwned('product_days').addColumn('product_id', 'text', notNull))
		.addPrimaryKeyConstraint('product_days_pkey', ['shop_id', 'product_id', 'day'])).execute();

	await shopOwned('purchase_orders')
		.addColumn('id', 'text', notNull)
		.addColumn('number', 'text', notNull)
		.addColumn('supplier_id', 'text')
		.addColumn('status', 'text', notNull)
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', T.time, notNull)
		.addColumn('ordered_at', T.time)
		.addColumn('expected_day', 'integer')
		.addColumn('received_at', T.time)
		.addColumn('cancelled_at', T.time)
		.addColumn('device_id', 'text', notNull)
		.addColumn('updated_at', T.time, notNull)
		.addPrimaryKeyConstraint('purchase_orders_pkey', ['shop_id', 'id'])
		.execute();
	await index('purchase_orders_shop_status', 'purchase_orders', ['shop_id', 'status']);
	await clustered(shopOwned('purchase_order_lines')
		.addColumn('order_id', 'text', notNull)
		.addColumn('position', 'integer', notNull)
		.addColumn('product_id', 'text', notNull)
		.addColumn('quantity', T.real, notNull)
		.addColumn('unit_cost', T.money, notNull)
		.addColumn('received_quantity', T.real)
		.addPrimaryKeyConstraint('purchase_order_lines_pkey', ['shop_id', 'order_id', 'position']))
		.execute();

	await shopOwned('settings')
		.addColumn('key', 'text', notNull)
		.addColumn('value', 'text', notNull)
		.addPrimaryKeyConstraint('settings_pkey', ['shop_id', 'key'])
		.execute();

	// Health and alerts.
	await shopOwned('alerts')
		.addColumn('key', 'text', notNull)
		.addColumn('kind', 'text', notNull)
		.addColumn('product_id', 'text', notNull)
		.addColumn('sku', 'text', notNull)
		.addColumn('name', 'text', notNull)
		.addColumn('severity', 'text', notNull)
		.addColumn('impact', T.money, notNull)
		.addColumn('alert_values', 'text', notNull)
		.addColumn('first_seen_at', T.time, notNull)
		.addColumn('updated_at', T.time, notNull)
		.addColumn('dismissed_at', T.time)
		.addPrimaryKeyConstraint('alerts_pkey', ['shop_id', 'key'])
		.execute();
	await shopOwned('health_snapshots')
		.addColumn('day', 'integer', notNull)
		.addColumn('at', T.time, notNull)
		.addColumn('score', T.real, notNull)
		.addColumn('parts', 'text', notNull)
		.addPrimaryKeyConstraint('health_snapshots_pkey', ['shop_id', 'day'])
		.execute();

	// Forecasting: the model registry, saved networks, training logs and forecast runs.
	await shopOwned('models')
		.addColumn('id', 'text', notNull)
		.addColumn('name', 'text', notNull)
		.addColumn('trained_at', T.time, notNull)
		.addColumn('data_from', 'integer', notNull)
		.addColumn('data_to', 'integer', notNull)
		.addColumn('sale_lines', 'integer', notNull)
		.addColumn('products', 'integer', notNull)
		.addColumn('backend', 'text', notNull)
		.addColumn('parameters', 'text', notNull)
		.addColumn('metrics', 'text', notNull)
		.addColumn('chosen', 'text', notNull)
		.addColumn('saved_at', 'text')
		.addPrimaryKeyConstraint('models_pkey', ['shop_id', 'id'])
		.execute();
	await shopOwned('model_artifacts')
		.addColumn('address', 'text', notNull)
		.addColumn('model_json', 'text', notNull)
		.addColumn('weights', T.bytes, notNull)
		.addColumn('saved_at', T.time, notNull)
		.addPrimaryKeyConstraint('model_artifacts_pkey', ['shop_id', 'address'])
		.execute();
	await db.schema.createTable('training_logs')
		.addColumn('seq', dialect === 'postgres' ? 'bigint' : 'integer', (c) => (dialect === 'postgres' ? c.generatedByDefaultAsIdentity() : c.autoIncrement()).primaryKey())
		.addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
		.addColumn('model_id', 'text')
		.addColumn('started_at', T.time, notNull)
		.addColumn('ended_at', T.time, notNull)
		.addColumn('outcome', 'text', notNull)
		.addColumn('error', 'text')
		.addColumn('products', 'integer', notNull)
		.addColumn('examples', 'integer', notNull)
		.addColumn('epochs', 'integer', notNull)
		.addColumn('loss', 'text', notNull)
		.addColumn('millis', 'text', notNull)
		.execute();
	await index('training_logs_shop_started', 'training_logs', ['shop_id', 'started_at']);
	await shopOwned('forecast_runs')
		.addColumn('id', 'text', notNull)
		.addColumn('model_id', 'text', notNull)
		.addColumn('created_at', T.time, notNull)
		.addColumn('from_day', 'integer', notNull)
		.addColumn('horizon', 'integer', notNull)
		.addColumn('backtest_days', 'integer', notNull)
		.addColumn('totals', 'text', notNull)
		.addPrimaryKeyConstraint('forecast_runs_pkey', ['shop_id', 'id'])
		.execute();
	await index('forecast_runs_shop_created', 'forecast_runs', ['shop_id', 'created_at']);
	await clustered(shopOwned('forecast_run_products')
		.addColumn('run_id', 'text', notNull)
		.addColumn('position', 'integer', notNull)
		.addColumn('product_id', 'text', notNull)
		.addColumn('method', 'text', notNull)
		.addColumn('model_version', 'text', notNull)
		.addColumn('overdispersion', T.real, notNull)
		.addColumn('metrics', 'text', notNull)
		.addColumn('backtest_actual', 'text', notNull)
		.addColumn('backtest_forecast', 'text', notNull)
		.addPrimaryKeyConstraint('forecast_run_products_pkey', ['shop_id', 'run_id', 'position']))
		.execute();
	// A forecast value that is not a number (NaN) is stored as NULL: SQLite has no NaN.
	await clustered(shopOwned('forecast_run_days')
		.addColumn('run_id', 'text', notNull)
		.addColumn('product_id', 'text', notNull)
		.addColumn('day', 'integer', notNull)
		.addColumn('p10', T.real)
		.addColumn('p50', T.real)
		.addColumn('p90', T.real)
		.addColumn('mean', T.real)
		.addPrimaryKeyConstraint('forecast_run_days_pkey', ['shop_id', 'run_id', 'product_id', 'day']))
		.execute();

	// The server: accounts, sessions, rate limits, replays, shared secrets, jobs.
	await db.schema.createTable('users')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('username', 'text', (c) => c.notNull().unique())
		.addColumn('password_hash', 'text', notNull)
		.addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', T.time, notNull)
		.addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.createTable('memberships')
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
		.addColumn('role', 'text', notNull)
		.addPrimaryKeyConstraint('memberships_pkey', ['user_id', 'shop_id'])
		.execute();
	await index('memberships_shop', 'memberships', ['shop_id']);
	await db.schema.createTable('refresh_tokens')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
		.addColumn('created_at', T.time, notNull)
		.addColumn('expires_at', T.time, notNull)
		.addColumn('revoked_at', T.time)
		.execute();
	await index('refresh_tokens_user', 'refresh_tokens', ['user_id']);
	await db.schema.createTable('login_attempts')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('window_start', T.time, notNull)
		.addColumn('failures', 'integer', notNull)
		.addColumn('blocked_until', T.time)
		.execute();
	await shopOwned('idempotency_keys')
		.addColumn('key', 'text', notNull)
		.addColumn('request', 'text', notNull)
		.addColumn('status', 'integer', notNull)
		.addColumn('response', 'text', notNull)
		.addColumn('created_at', T.time, notNull)
		.addPrimaryKeyConstraint('idempotency_keys_pkey', ['shop_id', 'key'])
		.execute();
	await index('idempotency_keys_created', 'idempotency_keys', ['created_at']);
	await db.schema.createTable('server_secrets')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', notNull)
		.execute();
	await db.schema.createTable('jobs')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
		.addColumn('kind', 'text', notNull)
		.addColumn('status', 'text', notNull)
		.addColumn('progress', T.real, (c) => c.notNull().defaultTo(0))
		.addColumn('log', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('result', 'text')
		.addColumn('error', 'text')
		.addColumn('created_at', T.time, notNull)
		.addColumn('started_at', T.time)
		.addColumn('ended_at', T.time)
		.addColumn('created_by', 'text')
		.execute();
	await index('jobs_shop_created', 'jobs', ['shop_id', 'created_at']);
}

/** v2: jobs.heartbeat_at, touched while the job runs, so one left by an instance that stopped expires in minutes. */
async function addJobHeartbeatV2(db: Db, dialect: Dialect) {
	await db.schema.alterTable('jobs').addColumn('heartbeat_at', columnTypes(dialect).time).execute();
}

/** v3: the API finds sales by invoice and purchase orders by number; without these each lookup scanned the shop's table. */
async function addLookupIndexesV3(db: Db) {
	await db.schema.createIndex('sales_shop_invoice').on('sales').columns(['shop_id', 'invoice']).execute();
	await db.schema.createIndex('purchase_orders_shop_number').on('purchase_orders').columns(['shop_id', 'number']).execute();
}

/** v4: sync (docs/sync.md): device outbox and state, field stamps, the server's devices and change feed. */
async function addSyncV4(db: Db, dialect: Dialect) {
	const T = columnTypes(dialect);
	const shopOwned = (name: string) => db.schema.createTable(name)
		.addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'));
	await db.schema.alterTable('shops').addColumn('sync_epoch', 'text', (c) => c.notNull().defaultTo('')).execute();
	await db.schema.alterTable('shops').addColumn('sync_role', 'text', (c) => c.notNull().defaultTo('device')).execute();
	await shopOwned('sync_outbox').addColumn('n', T.time, notNull).addColumn('kind', 'text', notNull).addColumn('refs', 'text', notNull)
		.addPrimaryKeyConstraint('sync_outbox_pkey', ['shop_id', 'n']).execute();
	await shopOwned('sync_state').addColumn('key', 'text', notNull).addColumn('value', 'text', notNull)
		.addPrimaryKeyConstraint('sync_state_pkey', ['shop_id', 'key']).execute();
	await shopOwned('field_clocks').addColumn('key', 'text', notNull).addColumn('clocks', 'text', notNull)
		.addPrimaryKeyConstraint('field_clocks_pkey', ['shop_id', 'key']).execute();
	await shopOwned('sync_devices').addColumn('device_id', 'text', notNull).addColumn('user_id', 'text')
		.addColumn('last_applied', T.time, (c) => c.notNull().defaultTo(0)).addColumn('first_seen_at', T.time, notNull)
		.addColumn('last_seen_at', T.time, notNull).addColumn('clock_ahead_ms', T.real).addColumn('protocol', 'integer', notNull)
		.addPrimaryKeyConstraint('sync_devices_pkey', ['shop_id', 'device_id']).execute();
	await shopOwned('sync_feed').addColumn('kind', 'text', notNull).addColumn('entity_id', 'text', notNull).addColumn('seq', T.time, notNull)
		.addColumn('device_id', 'text', notNull).addColumn('payload', 'text')
		.addPrimaryKeyConstraint('sync_feed_pkey', ['shop_id', 'kind', 'entity_id']).execute();
	await db.schema.createIndex('sync_feed_shop_seq').on('sync_feed').columns(['shop_id', 'seq']).execute();
	await shopOwned('sync_commits').addColumn('last_seq', T.time, notNull).addColumn('tag', 'text', notNull)
		.addPrimaryKeyConstraint('sync_commits_pkey', ['shop_id', 'last_seq']).execute();
	// What a store held before sync is queued for its first server (a device) or fed (a server).
	const shops = await db.selectFrom('shops').select('id').execute();
	for (const shop of shops) await queueEverythingSql(db, dialect, shop.id, 0);
}

/**
 * v5: the till (issue 13). Products: tax rate, a style's options, a variant's style, option values
 * and own price. Sales: cashier, payments, the invoice a return gives back, tax-excluded prices and
 * the receipt; lines: tax rate and tax; movements: who made them. And the tickets index (a ticket
 * per series and number, found by invoice, shift, return or time). Every new column is null (or
 * '') on what was stored before: products without options, sales without tax, keeping their totals.
 */
async function addTillV5(db: Db, dialect: Dialect) {
	const T = columnTypes(dialect);
	const add = (table: string, column: string, type: string, build: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder = (c) => c) =>
		db.schema.alterTable(table).addColumn(column, type as 'text', build).execute();
	await add('products', 'tax_rate', T.real);
	await add('products', 'options', 'text');
	await add('products', 'variant_of', 'text');
	await add('products', 'option_values', 'text');
	await add('products', 'own_price', 'integer');
	await db.schema.createIndex('products_shop_variant_of').on('products').columns(['shop_id', 'variant_of']).execute();
	await add('sales', 'cashier', 'text');
	await add('sales', 'payments', 'text');
	await add('sales', 'return_of', 'text');
	await add('sales', 'tax_excluded', 'integer');
	await add('sales', 'ticket', 'text');
	await db.schema.createIndex('sales_shop_return_of').on('sales').columns(['shop_id', 'return_of']).execute();
	await add('sale_lines', 'tax_rate', T.real);
	await add('sale_lines', 'tax', T.real);
	await add('movements', 'actor', 'text', (c) => c.notNull().defaultTo(''));
	await db.schema.createTable('tickets')
		.addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
		.addColumn('invoice', 'text', notNull)
		.addColumn('series', 'text', notNull)
		.addColumn('number', 'integer', notNull)
		.addColumn('sale_id', 'text', notNull)
		.addColumn('hash', 'text', notNull)
		.addColumn('return_of', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('shift_id', 'text')
		.addColumn('at', T.time, notNull)
		.addColumn('doc', 'text', notNull)
		.addPrimaryKeyConstraint('tickets_pkey', ['shop_id', 'invoice'])
		.addUniqueConstraint('tickets_shop_series_number', ['shop_id', 'series', 'number'])
		.execute();
	await db.schema.createIndex('tickets_shop_at').on('tickets').columns(['shop_id', 'at']).execute();
	await db.schema.createIndex('tickets_shop_shift').on('tickets').columns(['shop_id', 'shift_id']).execute();
	await db.schema.createIndex('tickets_shop_return_of').on('tickets').columns(['shop_id', 'return_of']).execute();
}

/**
 * v6: the dashboard (issue 14). sales_hours: sales per day, group (shop, category, supplier,
 * both) and hour, for tickets and the heat map; sold_groups: the categories and suppliers products
 * sold under; movements by reason (stock history reads purchases, counts and adjustments only).
 * Both tables are counted from the sales each shop already holds.
 */
async function addDashboardV6(db: Db, dialect: Dialect) {
	const T = columnTypes(dialect);
	const shopOwned = (name: string) => db.schema.createTable(name)
		.addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'));
	const clustered = <B extends CreateTableBuilder<string, string>>(t: B): B => (dialect === 'sqlite' ? (t.modifyEnd(raw`without rowid`) as B) : t);
	await clustered(shopOwned('sales_hours')
		.addColumn('day', 'integer', notNull)
		.addColumn('group_key', 'text', notNull)
		.addColumn('hour', 'integer', notNull)
		.addColumn('revenue', T.money, notNull)
		.addColumn('tickets', 'integer', notNull)
		.addPrimaryKeyConstraint('sales_hours_pkey', ['shop_id', 'day', 'group_key', 'hour'])).execute();
	await clustered(shopOwned('sold_groups')
		.addColumn('product_id', 'text', notNull)
		.addColumn('category', 'text', notNull)
		.addColumn('supplier_id', 'text', notNull)
		.addPrimaryKeyConstraint('sold_groups_pkey', ['shop_id', 'product_id', 'category', 'supplier_id'])).execute();
	await db.schema.createIndex('movements_shop_reason').on('movements').columns(['shop_id', 'reason']).execute();
	const shops = await db.selectFrom('shops').select('id').execute();
	for (const shop of shops) await rebuildHourTotalsSql(db, dialect, shop.id);
}

export const MIGRATIONS: readonly Migration[] = [
	{ version: 1, name: 'one schema for every shop: catalogue, sales as rows, ledger, daily totals, orders, analytics, server', up: createSchemaV1 },
	{ version: 2, name: 'jobs.heartbeat_at: when the instance running a job last said it is alive', up: addJobHeartbeatV2 },
	{ version: 3, name: 'indexes: sales by invoice, purchase orders by number', up: addLookupIndexesV3 },
	{ version: 4, name: 'sync: device outbox and state, field stamps, server devices and change feed', up: addSyncV4 },
	{ version: 5, name: 'till: product tax rate, options and variants; sale tax, payments, cashier, returns and receipts; movement actor; tickets', up: addTillV5 },
	{ version: 6, name: 'dashboard: sales per day, group and hour; groups products sold under; movements by reason', up: addDashboardV6 }
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Serialises migrations of several instances starting at once on one PostgreSQL database. */
const PG_MIGRATION_LOCK = 0x5e1a_0001;

const migrationsTable = (db: Db) => db as unknown as MigrationDb;

async function lockForMigration(db: Db, dialect: Dialect) {
	if (dialect === 'postgres') await raw`select pg_advisory_xact_lock(${PG_MIGRATION_LOCK})`.execute(db);
}

async function createMigrationsTable(db: Db) {
	await db.schema.createTable('schema_migrations').ifNotExists()
		.addColumn('version', 'integer', (c) => c.primaryKey())
		.addColumn('name', 'text', notNull)
		.addColumn('applied_at', 'bigint', notNull)
		.execute();
}

/** The schema version a database is at: 0 when it has none yet. */
export async function schemaVersion(db: Db): Promise<number> {
	const row = await migrationsTable(db).selectFrom('schema_migrations').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
	return Number(row?.v ?? 0);
}

function refuseNewer(version: number, known: number) {
	if (version > known) throw new NewerDatabaseError(version, known);
}

/** Runs one migration and records it, inside the caller's transaction. */
export async function applyMigration(trx: Db, dialect: Dialect, m: Migration) {
	await m.up(trx, dialect);
	await migrationsTable(trx).insertInto('schema_migrations').values({ version: m.version, name: m.name, applied_at: Date.now() }).execute();
}

/** Creates the migrations table inside the caller's transaction (the legacy upgrade's). */
export const prepareMigrations = (trx: Db) => createMigrationsTable(trx);

/**
 * Applies the migrations the database has not seen, up to `upTo` (default: all), each in its own
 * transaction; returns the version reached. Refuses a database newer than this code.
 */
export async function migrate(sql: SqlDatabase, upTo?: number, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
	const { db, dialect } = sql;
	const known = migrations.at(-1)?.version ?? 0;
	const target = upTo ?? known;
	let current = await db.transaction().execute(async (trx) => {
		await lockForMigration(trx, dialect);
		await createMigrationsTable(trx);
		return schemaVersion(trx);
	});
	refuseNewer(current, known);
	for (const m of migrations) {
		if (m.version <= current || m.version > target) continue;
		current = await db.transaction().execute(async (trx) => {
			await lockForMigration(trx, dialect);
			// Another instance may have applied it while this one waited for the lock.
			const now = await schemaVersion(trx);
			refuseNewer(now, known);
			if (now < m.version) await applyMigration(trx, dialect, m);
			return Math.max(now, m.version);
		});
	}
	return current;
}
