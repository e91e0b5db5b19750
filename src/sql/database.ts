// The server's relational schema as Kysely types: one interface per table, the same on SQLite and
// PostgreSQL (migrations.ts creates them). Every shop-owned row carries shop_id and every query
// filters by it, so one server can hold a chain. Conventions that keep both dialects identical:
// money in integer cents, quantities as doubles, times as epoch-style milliseconds (bigint in
// PostgreSQL, parsed back to number), booleans as 0/1 integers, JSON as text.
import type { Generated, Kysely } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** 0 or 1: one boolean representation for both dialects. */
export type Flag = 0 | 1;

export interface ShopsTable {
	id: string;
	/** The shop's code, as `--shop CODE` names it; 'main' is made on the first start. */
	code: string;
	name: string;
	created_at: number;
	/** The shop's change counter: bumped inside every write transaction the sync feed orders (docs/sync.md). */
	change_seq: number;
	/** Changes when the server finds it was restored from a backup; part of every device's cursor ('' until first sync). */
	sync_epoch: string;
	/** 'device': writes queue in sync_outbox for a server; 'server': writes go to sync_feed for devices. */
	sync_role: string;
}

/** A device store's numbered changes waiting for the server (refs: JSON list of what they name). */
export interface SyncOutboxTable { shop_id: string; n: number; kind: string; refs: string }
/** A device store's sync state: change counter, acknowledged number, cursor, clock (JSON values). */
export interface SyncStateTable { shop_id: string; key: string; value: string }
/** Per catalogue record ('entity:id'), the stamp of each field's last edit (JSON). */
export interface FieldClocksTable { shop_id: string; key: string; clocks: string }
/** The server's view of each device: its user, the last change number applied, its clock. */
export interface SyncDevicesTable {
	shop_id: string;
	device_id: string;
	user_id: string | null;
	last_applied: number;
	first_seen_at: number;
	last_seen_at: number;
	clock_ahead_ms: number | null;
	protocol: number;
}
/**
 * The server's change feed: one row per record (compacted: an edit moves it to the new seq), per
 * batch of sales, per batch of movements. Pulls read rows after the cursor's seq.
 */
/**
 * One row per transaction that added to the feed: the last number it took and a random tag. A
 * device's cursor carries the tag of the commit it pulled up to; a server whose commit there has
 * another tag (or none) is not the history the device saw: it was restored from a backup.
 */
export interface SyncCommitsTable { shop_id: string; last_seq: number; tag: string }
export interface SyncFeedTable { shop_id: string; kind: string; entity_id: string; seq: number; device_id: string; payload: string | null }

export interface ProductsTable {
	shop_id: string;
	id: string;
	sku: string;
	barcode: string;
	name: string;
	category: string;
	unit_price: number;
	unit_cost: number;
	supplier_id: string | null;
	lead_time_days: number | null;
	min_order_qty: number;
	pack_size: number;
	reorder_point: number | null;
	active: Flag;
	created_by_import: Flag;
	updated_at: number;
	/** Tax rate in percent (v5); null: the shop's default rate. */
	tax_rate: number | null;
	/** A style's options as JSON [{name, values}] (v5); null on a product without. */
	options: string | null;
	/** A variant's style, the product id (v5); null on every other product. */
	variant_of: string | null;
	/** A variant's values as JSON [{name, value}] (v5). */
	option_values: string | null;
	/** A variant priced on its own (1) or following its style (0) (v5); null on other products. */
	own_price: Flag | null;
}

export interface SuppliersTable {
	shop_id: string;
	id: string;
	name: string;
	contact: string;
	email: string;
	phone: string;
	default_lead_time_days: number;
	notes: string;
	updated_at: number;
}

export interface CustomersTable {
	shop_id: string;
	id: string;
	code: string;
	name: string;
	email: string;
	phone: string;
	first_seen: number;
	created_by_import: Flag;
	updated_at: number;
}

/** A stored batch of sales (one POS sale, or up to 10,000 imported lines): the unit sync names. */
export interface SaleBlocksTable {
	shop_id: string;
	id: string;
	source: string;
	first_day: number;
	last_day: number;
	line_count: number;
	sale_count: number;
	/** Whether the block's lines carry import identities (line_key). */
	has_line_keys: Flag;
	created_at: number;
}

export interface SalesTable {
	shop_id: string;
	id: string;
	block_id: string;
	/** The sale's index inside its block: blocks are rebuilt in this order. */
	position: number;
	invoice: string;
	at: number;
	day: number;
	customer_id: string | null;
	device_id: string;
	/** The store or country a POS export names; null when none. */
	store: string | null;
	/**
	 * The till's columns (v5). Null on every sale of a block without the column (imports, sales from
	 * before v5): the block is rebuilt with the column only when a sale of it has a value.
	 */
	cashier: string | null;
	/** JSON [{method, amount}] (amounts in cents, refunds negative). */
	payments: string | null;
	/** The invoice the sale's return lines give back ('' for none). */
	return_of: string | null;
	tax_excluded: Flag | null;
	/** The receipt as JSON (core/till/ticket.ts Ticket) of a sale rung up at a till. */
	ticket: string | null;
}

export interface SaleLinesTable {
	shop_id: string;
	block_id: string;
	/** The line's index inside its block (lines are grouped by sale, in sale order). */
	position: number;
	sale_id: string;
	product_id: string;
	quantity: number;
	unit_price: number;
	discount: number;
	/** The 53-bit identity of an imported line (docs/import.md); null for lines rung up here. */
	line_key: number | null;
	/** Copied from the sale so date-range and product queries need no join. */
	day: number;
	/** Tax rate in percent and tax in cents (v5); null on lines of a block without tax columns (tax 0). */
	tax_rate: number | null;
	tax: number | null;
}

export interface MovementsTable {
	shop_id: string;
	id: string;
	product_id: string;
	quantity: number;
	reason: string;
	reference: string;
	note: string;
	at: number;
	device_id: string;
	/** Who made it, the staff member's name (v5); '' when unknown. */
	actor: string;
}

/**
 * The tickets index (v5): one row per till receipt held in a sale (sales.ticket), whether rung up
 * here, pushed, pulled or restored, so a ticket is found by invoice, series, shift, return or time.
 */
export interface TicketsTable {
	shop_id: string;
	invoice: string;
	series: string;
	number: number;
	sale_id: string;
	hash: string;
	return_of: string;
	shift_id: string | null;
	at: number;
	/** The ticket as JSON. */
	doc: string;
}

export interface StockTable {
	shop_id: string;
	product_id: string;
	on_hand: number;
}

export interface ShopDaysTable {
	shop_id: string;
	day: number;
	units: number;
	revenue: number;
	cost: number;
	lines: number;
}

export interface ProductDaysTable extends ShopDaysTable {
	product_id: string;
}

/** The dashboard's cells (core/dashboard/hour-totals.ts): sales of a day, group and hour. */
export interface SalesHoursTable {
	shop_id: string;
	day: number;
	/** '' for the whole shop, else a category, supplier or category+supplier group key. */
	group_key: string;
	hour: number;
	revenue: number;
	tickets: number;
}

/** A category and supplier a product's sales were counted under ('' supplier: none). */
export interface SoldGroupsTable {
	shop_id: string;
	product_id: string;
	category: string;
	supplier_id: string;
}

export interface PurchaseOrdersTable {
	shop_id: string;
	id: string;
	number: string;
	supplier_id: string | null;
	status: string;
	note: string;
	created_at: number;
	ordered_at: number | null;
	expected_day: number | null;
	received_at: number | null;
	cancelled_at: number | null;
	device_id: string;
	updated_at: number;
}

export interface PurchaseOrderLinesTable {
	shop_id: string;
	order_id: string;
	position: number;
	product_id: string;
	quantity: number;
	unit_cost: number;
	received_quantity: number | null;
}

export interface SettingsTable {
	shop_id: string;
	key: string;
	/** JSON text. */
	value: string;
}

export interface AlertsTable {
	shop_id: string;
	/** kind:productId (core/health/alerts.ts). */
	key: string;
	kind: string;
	product_id: string;
	sku: string;
	name: string;
	severity: string;
	impact: number;
	/** JSON of AlertValues. */
	alert_values: string;
	first_seen_at: number;
	updated_at: number;
	dismissed_at: number | null;
}

export interface HealthSnapshotsTable {
	shop_id: string;
	day: number;
	at: number;
	score: number;
	/** JSON of the parts' scores. */
	parts: string;
}

export interface ModelsTable {
	shop_id: string;
	id: string;
	name: string;
	trained_at: number;
	data_from: number;
	data_to: number;
	sale_lines: number;
	products: number;
	backend: string;
	/** JSON objects. */
	parameters: string;
	metrics: string;
	chosen: string;
	saved_at: string | null;
}

/** A saved network (tfjs model artifacts): topology and weight specs as JSON, weights as bytes. */
export interface ModelArtifactsTable {
	shop_id: string;
	/** The address the engine saved to (ModelRecord.savedAt and its '-backtest' twin). */
	address: string;
	model_json: string;
	weights: Uint8Array;
	saved_at: number;
}

export interface TrainingLogsTable {
	shop_id: string;
	seq: Generated<number>;
	model_id: string | null;
	started_at: number;
	ended_at: number;
	outcome: string;
	error: string | null;
	products: number;
	examples: number;
	epochs: number;
	/** JSON arrays/objects. */
	loss: string;
	millis: string;
}

export interface ForecastRunsTable {
	shop_id: string;
	id: string;
	model_id: string;
	created_at: number;
	from_day: number;
	horizon: number;
	backtest_days: number;
	/** JSON of TotalForecast. */
	totals: string;
}

export interface ForecastRunProductsTable {
	shop_id: string;
	run_id: string;
	position: number;
	product_id: string;
	method: string;
	model_version: string;
	overdispersion: number;
	/** JSON: ForecastMetrics or null; the latest backtest window's actual and forecast arrays. */
	metrics: string;
	backtest_actual: string;
	backtest_forecast: string;
}

/** One product-day of a run: what a BI tool reads, and GET /forecast/{sku}. */
export interface ForecastRunDaysTable {
	shop_id: string;
	run_id: string;
	product_id: string;
	day: number;
	p10: number;
	p50: number;
	p90: number;
	mean: number;
}

export interface UsersTable {
	id: string;
	username: string;
	/** scrypt$logN$r$p$salt$hash (base64url). */
	password_hash: string;
	disabled: Flag;
	created_at: number;
	/** Bumped by disable and reset-password: tokens minted before it are refused. */
	token_version: number;
}

export interface MembershipsTable {
	user_id: string;
	shop_id: string;
	role: 'admin' | 'staff';
}

export interface RefreshTokensTable {
	id: string;
	/** SHA-256 of the token, never the token itself. */
	token_hash: string;
	user_id: string;
	shop_id: string;
	created_at: number;
	expires_at: number;
	revoked_at: number | null;
}

/** Login rate limiting, shared by every instance: one row per account or address key. */
export interface LoginAttemptsTable {
	key: string;
	window_start: number;
	failures: number;
	blocked_until: number | null;
}

export interface IdempotencyKeysTable {
	shop_id: string;
	key: string;
	/** "POST /api/v1/sales" and a hash of the body: the same key with another request is refused. */
	request: string;
	status: number;
	response: string;
	created_at: number;
}

/** Secrets every instance shares (the token signing key), made once on first start. */
export interface ServerSecretsTable {
	name: string;
	value: string;
}

/** Analytics jobs (training), so any instance can report one's progress. */
export interface JobsTable {
	id: string;
	shop_id: string;
	kind: string;
	status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
	progress: number;
	/** JSON array of log lines. */
	log: string;
	result: string | null;
	error: string | null;
	created_at: number;
	started_at: number | null;
	ended_at: number | null;
	created_by: string | null;
	/** When the instance running (or queueing) the job last touched it (v2); an active job silent for long was abandoned. */
	heartbeat_at: number | null;
}

export interface Database {
	shops: ShopsTable;
	products: ProductsTable;
	suppliers: SuppliersTable;
	customers: CustomersTable;
	sale_blocks: SaleBlocksTable;
	sales: SalesTable;
	sale_lines: SaleLinesTable;
	tickets: TicketsTable;
	movements: MovementsTable;
	stock: StockTable;
	shop_days: ShopDaysTable;
	product_days: ProductDaysTable;
	sales_hours: SalesHoursTable;
	sold_groups: SoldGroupsTable;
	purchase_orders: PurchaseOrdersTable;
	purchase_order_lines: PurchaseOrderLinesTable;
	settings: SettingsTable;
	alerts: AlertsTable;
	health_snapshots: HealthSnapshotsTable;
	models: ModelsTable;
	model_artifacts: ModelArtifactsTable;
	training_logs: TrainingLogsTable;
	forecast_runs: ForecastRunsTable;
	forecast_run_products: ForecastRunProductsTable;
	forecast_run_days: ForecastRunDaysTable;
	users: UsersTable;
	memberships: MembershipsTable;
	refresh_tokens: RefreshTokensTable;
	login_attempts: LoginAttemptsTable;
	idempotency_keys: IdempotencyKeysTable;
	server_secrets: ServerSecretsTable;
	jobs: JobsTable;
	sync_outbox: SyncOutboxTable;
	sync_state: SyncStateTable;
	field_clocks: FieldClocksTable;
	sync_devices: SyncDevicesTable;
	sync_feed: SyncFeedTable;
	sync_commits: SyncCommitsTable;
}

export type Db = Kysely<Database>;

/** An open database: the query layer, which dialect it speaks, and how to close it. */
export interface SqlDatabase {
	db: Db;
	dialect: Dialect;
	/** The postgres:// URL it was opened with (PostgreSQL only): another thread connects with it to the same database. */
	url?: string;
	close(): Promise<void>;
}
