// The SQL schema's versions: numbered 1, 2, 3…, applied once, each tested on a database built at
// the version before; a newer database is refused; and the CLI's old SQLite files (PRAGMA
// user_version 1 and 2) are converted in place with everything in them.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql as raw } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Cents, CustomerId, DayNumber, LocalTimestamp, SaleId, SupplierId } from '$core/brand';
import { newId } from '$core/ids';
import { MemoryRepository } from '$core/memory-repository';
import { draftPurchaseOrder, markOrdered } from '$core/purchase-orders/purchase-order';
import { blockSales, buildBlock } from '$core/sale-blocks';
import { categoryGroup, hourCellsOf, hourDeltaOfBlocks, SHOP_GROUP, supplierGroup } from '$core/dashboard/hour-totals';
import { chargeTicket } from '$core/till/record';
import { DEFAULT_TILL_SETTINGS } from '$core/till/settings';
import { bulkSaleMovements } from '$core/sale-movements';
import type { Database as Tables, SqlDatabase } from '../../src/sql/database';
import { LATEST_VERSION, migrate, MIGRATIONS, NewerDatabaseError, schemaVersion } from '../../src/sql/migrations';
import { DEFAULT_SHOP_CODE, ensureShop, findShop, openDatabase } from '../../src/sql/open';
import { SqlRepository } from '../../src/sql/sql-repository';
import { writeLegacyFile } from '../support/legacy-sqlite';
import { blankDatabase, describeEachSql, migrateTo, newPostgresDatabase, type SqlKind } from '../support/sql-databases';
import { snapshot } from '../support/store-snapshot';
import { at, buildShop } from './export-fixture';

const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'sql-migrations-')), name);

/** Every table and column of database.ts: what version 1 must create (typed, so a renamed contract fails here). */
const SCHEMA: { [T in keyof Tables]: (keyof Tables[T])[] } = {
	shops: ['id', 'code', 'name', 'created_at', 'change_seq', 'sync_epoch', 'sync_role'],
	products: ['shop_id', 'id', 'sku', 'barcode', 'name', 'category', 'unit_price', 'unit_cost', 'supplier_id', 'lead_time_days', 'min_order_qty', 'pack_size', 'reorder_point', 'active', 'created_by_import', 'updated_at', 'tax_rate', 'options', 'variant_of', 'option_values', 'own_price'],
	suppliers: ['shop_id', 'id', 'name', 'contact', 'email', 'phone', 'default_lead_time_days', 'notes', 'updated_at'],
	customers: ['shop_id', 'id', 'code', 'name', 'email', 'phone', 'first_seen', 'created_by_import', 'updated_at'],
	sale_blocks: ['shop_id', 'id', 'source', 'first_day', 'last_day', 'line_count', 'sale_count', 'has_line_keys', 'created_at'],
	sales: ['shop_id', 'id', 'block_id', 'position', 'invoice', 'at', 'day', 'customer_id', 'device_id', 'store', 'cashier', 'payments', 'return_of', 'tax_excluded', 'ticket'],
	sale_lines: ['shop_id', 'block_id', 'position', 'sale_id', 'product_id', 'quantity', 'unit_price', 'discount', 'line_key', 'day', 'tax_rate', 'tax'],
	tickets: ['shop_id', 'invoice', 'series', 'number', 'sale_id', 'hash', 'return_of', 'shift_id', 'at', 'doc'],
	movements: ['shop_id', 'id', 'product_id', 'quantity', 'reason', 'reference', 'note', 'at', 'device_id', 'actor'],
	stock: ['shop_id', 'product_id', 'on_hand'],
	shop_days: ['shop_id', 'day', 'units', 'revenue', 'cost', 'lines'],
	product_days: ['shop_id', 'product_id', 'day', 'units', 'revenue', 'cost', 'lines'],
	sales_hours: ['shop_id', 'day', 'group_key', 'hour', 'revenue', 'tickets'],
	sold_groups: ['shop_id', 'product_id', 'category', 'supplier_id'],
	purchase_orders: ['shop_id', 'id', 'number', 'supplier_id', 'status', 'note', 'created_at', 'ordered_at', 'expected_day', 'received_at', 'cancelled_at', 'device_id', 'updated_at'],
	purchase_order_lines: ['shop_id', 'order_id', 'position', 'product_id', 'quantity', 'unit_cost', 'received_quantity'],
	settings: ['shop_id', 'key', 'value'],
	alerts: ['shop_id', 'key', 'kind', 'product_id', 'sku', 'name', 'severity', 'impact', 'alert_values', 'first_seen_at', 'updated_at', 'dismissed_at'],
	health_snapshots: ['shop_id', 'day', 'at', 'score', 'parts'],
	models: ['shop_id', 'id', 'name', 'trained_at', 'data_from', 'data_to', 'sale_lines', 'products', 'backend', 'parameters', 'metrics', 'chosen', 'saved_at'],
	model_artifacts: ['shop_id', 'address', 'model_json', 'weights', 'saved_at'],
	training_logs: ['shop_id', 'seq', 'model_id', 'started_at', 'ended_at', 'outcome', 'error', 'products', 'examples', 'epochs', 'loss', 'millis'],
	forecast_runs: ['shop_id', 'id', 'model_id', 'created_at', 'from_day', 'horizon', 'backtest_days', 'totals'],
	forecast_run_products: ['shop_id', 'run_id', 'position', 'product_id', 'method', 'model_version', 'overdispersion', 'metrics', 'backtest_actual', 'backtest_forecast'],
	forecast_run_days: ['shop_id', 'run_id', 'product_id', 'day', 'p10', 'p50', 'p90', 'mean'],
	users: ['id', 'username', 'password_hash', 'disabled', 'created_at', 'token_version'],
	memberships: ['user_id', 'shop_id', 'role'],
	refresh_tokens: ['id', 'token_hash', 'user_id', 'shop_id', 'created_at', 'expires_at', 'revoked_at'],
	login_attempts: ['key', 'window_start', 'failures', 'blocked_until'],
	idempotency_keys: ['shop_id', 'key', 'request', 'status', 'response', 'created_at'],
	server_secrets: ['name', 'value'],
	jobs: ['id', 'shop_id', 'kind', 'status', 'progress', 'log', 'result', 'error', 'created_at', 'started_at', 'ended_at', 'created_by'],
	sync_outbox: ['shop_id', 'n', 'kind', 'refs'],
	sync_state: ['shop_id', 'key', 'value'],
	field_clocks: ['shop_id', 'key', 'clocks'],
	sync_devices: ['shop_id', 'device_id', 'user_id', 'last_applied', 'first_seen_at', 'last_seen_at', 'clock_ahead_ms', 'protocol'],
	sync_feed: ['shop_id', 'kind', 'entity_id', 'seq', 'device_id', 'payload'],
	sync_commits: ['shop_id', 'last_seq', 'tag']
};
/** What version 4 (sync) added: version 1 made everything else in SCHEMA. */
const V4_TABLES = ['sync_outbox', 'sync_state', 'field_clocks', 'sync_devices', 'sync_feed', 'sync_commits'];
const V4_SHOP_COLUMNS = ['sync_epoch', 'sync_role'];
/** What version 5 (the till) added. */
const V5_TABLES = ['tickets'];
/** What version 6 (the dashboard) added. */
const V6_TABLES = ['sales_hours', 'sold_groups'];
const V5_COLUMNS: Record<string, string[]> = {
	products: ['tax_rate', 'options', 'variant_of', 'option_values', 'own_price'],
	sales: ['cashier', 'payments', 'return_of', 'tax_excluded', 'ticket'],
	sale_lines: ['tax_rate', 'tax'],
	movements: ['actor']
};
const atV4 = (table: string, names: string[]) => names.filter((n) => !(V5_COLUMNS[table] ?? []).includes(n));
const atV1 = (table: string, names: string[]) => atV4(table, table === 'shops' ? names.filter((n) => !V4_SHOP_COLUMNS.includes(n)) : names);

async function columnsOf(sql: SqlDatabase): Promise<Record<string, string[]>> {
	const tables = await sql.db.introspection.getTables();
	return Object.fromEntries(tables.filter((t) => !t.isView).map((t) => [t.name, t.columns.map((c) => c.name).sort()]));
}

/**
 * What each migration must do, checked on a database built at the version before (seeded with
 * data where there is any). A new migration adds its entry here: the test below refuses one without.
 */
const MIGRATION_TESTS: Record<number, { seed?: (sql: SqlDatabase) => Promise<void>; check: (sql: SqlDatabase) => Promise<void> }> = {
	1: {
		async check(sql) {
			const columns = await columnsOf(sql);
			const v1 = Object.entries(SCHEMA).filter(([t]) => !V4_TABLES.includes(t) && !V5_TABLES.includes(t) && !V6_TABLES.includes(t));
			for (const [table, names] of v1) expect(columns[table], table).toEqual(atV1(table, [...names] as string[]).sort());
			expect(Object.keys(columns).sort()).toEqual([...v1.map(([t]) => t), 'schema_migrations'].sort());
		}
	},
	2: {
		async seed(sql) {
			const shop = await ensureShopAtV3(sql);
			await raw`insert into jobs (id, shop_id, kind, status, progress, log, created_at) values ('j1', ${shop.id}, 'train', 'succeeded', 1, '[]', 1000)`.execute(sql.db);
		},
		async check(sql) {
			expect((await columnsOf(sql)).jobs).toEqual([...SCHEMA.jobs, 'heartbeat_at'].sort());
			const rows = await raw<{ id: string; status: string; heartbeat_at: number | null }>`select id, status, heartbeat_at from jobs`.execute(sql.db);
			expect(rows.rows).toEqual([{ id: 'j1', status: 'succeeded', heartbeat_at: null }]);
		}
	},
	3: {
		async seed(sql) {
			// Raw rows: today's repository writes the sync tables, which a version 2 database lacks.
			const shop = await ensureShopAtV3(sql);
			await seedSaleRows(sql, shop.id);
		},
		async check(sql) {
			const names = await indexNames(sql);
			expect(names).toEqual(expect.arrayContaining(['sales_shop_invoice', 'purchase_orders_shop_number']));
			const plan = sql.dialect === 'sqlite'
				? JSON.stringify((await raw`explain query plan select id from sales where shop_id = 'x' and invoice = 'T-0042'`.execute(sql.db)).rows)
				: 'sales_shop_invoice';
			expect(plan).toContain('sales_shop_invoice');
			expect((await raw<{ invoice: string }>`select invoice from sales`.execute(sql.db)).rows).toEqual([{ invoice: 'T-0042' }]);
		}
	},
	4: {
		async seed(sql) {
			// A CLI store from before sync: what it holds must reach its first server.
			const shop = await ensureShopAtV3(sql);
			await seedProductRow(sql, shop.id, '');
			await seedSaleRows(sql, shop.id);
			await raw`insert into settings (shop_id, key, value) values (${shop.id}, 'forecast.autoRetrain', 'true'), (${shop.id}, 'deviceId', '"d1"')`.execute(sql.db);
		},
		async check(sql) {
			const columns = await columnsOf(sql);
			for (const t of V4_TABLES) expect(columns[t], t).toEqual([...SCHEMA[t as keyof Tables]].sort());
			expect(columns.shops).toEqual([...SCHEMA.shops].sort());
			const shop = await sql.db.selectFrom('shops').select(['sync_role', 'sync_epoch']).executeTakeFirstOrThrow();
			expect(shop.sync_role).toBe('device');
			const outbox = await sql.db.selectFrom('sync_outbox').select(['n', 'kind', 'refs']).orderBy('n').execute();
			expect(outbox.map((r) => [Number(r.n), r.kind, JSON.parse(r.refs)])).toEqual([
				[1, 'records', ['product:p1', 'setting:forecast.autoRetrain']],
				[2, 'sales', ['b1']]
			]);
		}
	},
	5: {
		async seed(sql) {
			// A shop from before the till, as rows: a product, a sale of two units with a discount, its movement and totals.
			const shop = await ensureShopAtV3(sql);
			await seedProductRow(sql, shop.id, 'Ropa');
			await seedSaleRows(sql, shop.id);
			await raw`insert into sale_lines (shop_id, block_id, position, sale_id, product_id, quantity, unit_price, discount, line_key, day) values (${shop.id}, 'b1', 0, 's1', 'p1', 2, 1500, 100, null, 1)`.execute(sql.db);
			await raw`insert into movements (shop_id, id, product_id, quantity, reason, reference, note, at, device_id) values (${shop.id}, 'm1', 'p1', -2, 'sale', 'T-0042', '', 86400000, 'd')`.execute(sql.db);
			await raw`insert into stock (shop_id, product_id, on_hand) values (${shop.id}, 'p1', -2)`.execute(sql.db);
			await raw`insert into shop_days (shop_id, day, units, revenue, cost, lines) values (${shop.id}, 1, 2, 2900, 1400, 1)`.execute(sql.db);
		},
		async check(sql) {
			const columns = await columnsOf(sql);
			for (const t of ['products', 'sales', 'sale_lines', 'movements', 'tickets'] as const) expect(columns[t], t).toEqual([...SCHEMA[t]].sort());
			const repo = new SqlRepository(sql, 'shop-1');
			// The product is a product without options or tax rate (the shop's default applies).
			expect(await repo.getProduct('p1' as never)).toEqual({
				id: 'p1', sku: 'CAM-001', barcode: '', name: 'Camiseta', category: 'Ropa', unitPrice: 1500, unitCost: 700, supplierId: null, leadTimeDays: null,
				minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: false, updatedAt: 1
			});
			// The sale keeps its lines and totals; no till column appears.
			const [block] = await repo.saleBlocks();
			expect(block.taxRate ?? block.tax ?? block.saleCashier ?? block.salePayments ?? block.saleReturnOf ?? block.saleTaxExcluded ?? block.saleTickets).toBeUndefined();
			expect(blockSales(block)).toEqual([{ id: 's1', invoice: 'T-0042', at: 86400000, customerId: null, deviceId: 'd', lines: [{ productId: 'p1', quantity: 2, unitPrice: 1500, discount: 100 }] }]);
			expect(await repo.shopDays(1 as DayNumber, 1 as DayNumber)).toEqual([{ day: 1, units: 2, revenue: 2900, cost: 1400, lines: 1 }]);
			expect(await repo.movementsOf('p1' as never)).toEqual([{ id: 'm1', productId: 'p1', quantity: -2, reason: 'sale', reference: 'T-0042', note: '', at: 86400000, deviceId: 'd' }]);
			expect(await repo.listTickets()).toEqual([]);
			// The till works on the upgraded store (brought to today's schema: the repository writes what later versions added too);
			// the tickets index refuses a second ticket of a number.
			await migrate(sql);
			const product = (await repo.getProduct('p1' as never))!;
			const charged = await chargeTicket(repo, {
				saleId: 'sale-2' as SaleId, at: 172800000 as LocalTimestamp, deviceId: 'd', lines: [{ product, quantity: 1, unitPrice: product.unitPrice, discount: null }],
				ticketDiscount: null, tenders: [{ method: 'cash', amount: 2000 }], customer: null, cashier: 'Ana', approvedBy: '', returnOf: '', returnReason: '', shiftId: null
			}, DEFAULT_TILL_SETTINGS, 'TAB1');
			expect(charged.ok && charged.ticket).toMatchObject({ invoice: 'TAB1-000001', change: 500, tax: 260 });
			expect((await repo.listTickets()).map((t) => t.invoice)).toEqual(['TAB1-000001']);
			const copy = { shop: 'shop-1', sale: 'sale-x', doc: '{}' };
			await expect(raw`insert into tickets (shop_id, invoice, series, number, sale_id, hash, return_of, shift_id, at, doc) values (${copy.shop}, 'OTHER', 'TAB1', 1, ${copy.sale}, 'h', '', null, 1, ${copy.doc})`.execute(sql.db)).rejects.toThrow();
			const names = await indexNames(sql);
			expect(names).toEqual(expect.arrayContaining(['products_shop_variant_of', 'sales_shop_return_of', 'tickets_shop_at', 'tickets_shop_shift', 'tickets_shop_return_of']));
		}
	},
	6: {
		async seed(sql) {
			// A shop from before the dashboard, as rows: two products of two categories, one with a
			// supplier; invoice T-0042 at 10:xx with both (a discount, tax included), a return slip at 12:xx;
			// a delivery and a count in the ledger.
			const shop = await ensureShopAtV3(sql);
			await seedProductRow(sql, shop.id, 'Ropa');
			await raw`insert into suppliers (shop_id, id, name, contact, email, phone, default_lead_time_days, notes, updated_at) values (${shop.id}, 'sup1', 'Textil', '', '', '', 7, '', 1)`.execute(sql.db);
			await raw`insert into products (shop_id, id, sku, barcode, name, category, unit_price, unit_cost, supplier_id, lead_time_days, min_order_qty, pack_size, reorder_point, active, created_by_import, updated_at)
				values (${shop.id}, 'p2', 'CAL-001', '', 'Calcetines', 'Calzado', 400, 150, 'sup1', null, 1, 1, null, 1, 0, 1)`.execute(sql.db);
			const day = 19_000, ten = day * 86_400_000 + 10 * 3_600_000, noon = day * 86_400_000 + 12 * 3_600_000 + 5 * 60_000;
			await raw`insert into sale_blocks (shop_id, id, source, first_day, last_day, line_count, sale_count, has_line_keys, created_at) values (${shop.id}, 'b1', 'pos', ${day}, ${day}, 3, 2, 0, 1)`.execute(sql.db);
			await raw`insert into sales (shop_id, id, block_id, position, invoice, at, day, customer_id, device_id, store, tax_excluded) values
				(${shop.id}, 's1', 'b1', 0, 'T-0042', ${ten}, ${day}, null, 'd', null, 0), (${shop.id}, 's2', 'b1', 1, 'T-0043', ${noon}, ${day}, null, 'd', null, 0)`.execute(sql.db);
			await raw`insert into sale_lines (shop_id, block_id, position, sale_id, product_id, quantity, unit_price, discount, line_key, day, tax_rate, tax) values
				(${shop.id}, 'b1', 0, 's1', 'p1', 2, 1500, 100, null, ${day}, 21, 503),
				(${shop.id}, 'b1', 1, 's1', 'p2', 3, 400, 0, null, ${day}, 21, 208),
				(${shop.id}, 'b1', 2, 's2', 'p1', -1, 1500, 0, null, ${day}, 21, -260)`.execute(sql.db);
			await raw`insert into movements (shop_id, id, product_id, quantity, reason, reference, note, at, device_id, actor) values
				(${shop.id}, 'm1', 'p1', 10, 'purchase', 'ALB-1', '', ${ten - 3_600_000}, 'd', ''), (${shop.id}, 'm2', 'p1', -1, 'sale', 'T-0042', '', ${ten}, 'd', ''),
				(${shop.id}, 'm3', 'p2', 5, 'count', 'C-1', '', ${ten - 60_000}, 'd', '')`.execute(sql.db);
		},
		async check(sql) {
			const columns = await columnsOf(sql);
			for (const t of V6_TABLES) expect(columns[t], t).toEqual([...SCHEMA[t as keyof Tables]].sort());
			expect(await indexNames(sql)).toEqual(expect.arrayContaining(['movements_shop_reason']));
			const repo = new SqlRepository(sql, 'shop-1');
			// Counted from the stored lines exactly as a write of them counts them today.
			const products = new Map((await repo.listProducts()).map((p) => [p.id, { category: p.category, supplierId: p.supplierId }]));
			const expected = hourDeltaOfBlocks(await repo.saleBlocks(), (id) => products.get(id));
			expect(hourCellsOf(await repo.hourTotals(0 as DayNumber, 40_000 as DayNumber))).toEqual(hourCellsOf(expected.totals));
			const cell = (group: string, hour: number) => hourCellsOf(expected.totals).find((c) => c.group === group && c.hour === hour);
			// One ticket at 10 (both lines, net of tax: 3000-100-503 + 1200-208), none for the return at 12 (-1500+260).
			expect(cell(SHOP_GROUP, 10)).toEqual({ day: 19_000, group: SHOP_GROUP, hour: 10, revenue: 3389, tickets: 1 });
			expect(cell(SHOP_GROUP, 12)).toEqual({ day: 19_000, group: SHOP_GROUP, hour: 12, revenue: -1240, tickets: 0 });
			expect(cell(categoryGroup('Calzado'), 10)?.tickets).toBe(1);
			expect(cell(supplierGroup('sup1' as SupplierId), 10)?.revenue).toBe(992);
			expect((await repo.soldGroups()).sort((a, b) => a.productId.localeCompare(b.productId))).toEqual([
				{ productId: 'p1', category: 'Ropa', supplierId: null }, { productId: 'p2', category: 'Calzado', supplierId: 'sup1' }
			]);
			expect((await repo.stockChanges()).map((m) => m.id).sort()).toEqual(['m1', 'm3']);
			// A sale stored after the upgrade adds into the same cells.
			await repo.appendSales({ blocks: [buildBlock('b2', [{ id: 's3' as SaleId, invoice: 'T-0044', at: (19_000 * 86_400_000 + 10 * 3_600_000 + 1) as LocalTimestamp, customerId: null, deviceId: 'd',
				lines: [{ productId: 'p2' as never, quantity: 1, unitPrice: 400 as Cents, discount: 0 as Cents }] }], 'pos')], movements: [] });
			const after = hourCellsOf(await repo.hourTotals(19_000 as DayNumber, 19_000 as DayNumber)).find((c) => c.group === SHOP_GROUP && c.hour === 10);
			expect(after).toEqual({ day: 19_000, group: SHOP_GROUP, hour: 10, revenue: 3789, tickets: 2 });
		}
	}
};

async function indexNames(sql: SqlDatabase): Promise<string[]> {
	const rows = sql.dialect === 'sqlite'
		? await raw<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(sql.db)
		: await raw<{ name: string }>`select indexname as name from pg_indexes`.execute(sql.db);
	return rows.rows.map((r) => r.name);
}

/** Product p1 (CAM-001) as a row of the v1 columns. */
async function seedProductRow(sql: SqlDatabase, shopId: string, category: string) {
	await raw`insert into products (shop_id, id, sku, barcode, name, category, unit_price, unit_cost, supplier_id, lead_time_days, min_order_qty, pack_size, reorder_point, active, created_by_import, updated_at)
		values (${shopId}, 'p1', 'CAM-001', '', 'Camiseta', ${category}, 1500, 700, null, null, 1, 1, null, 1, 0, 1)`.execute(sql.db);
}

/** A sale block with one sale, as rows (what the repository writes, without the sync tables). */
async function seedSaleRows(sql: SqlDatabase, shopId: string) {
	await raw`insert into sale_blocks (shop_id, id, source, first_day, last_day, line_count, sale_count, has_line_keys, created_at) values (${shopId}, 'b1', 'pos', 1, 1, 1, 1, 0, 1)`.execute(sql.db);
	await raw`insert into sales (shop_id, id, block_id, position, invoice, at, day, customer_id, device_id, store) values (${shopId}, 's1', 'b1', 0, 'T-0042', 86400000, 1, null, 'd', null)`.execute(sql.db);
}

/** ensureShop as version 3 knew it (no sync columns yet). */
async function ensureShopAtV3(sql: SqlDatabase) {
	const found = await sql.db.selectFrom('shops').select('id').where('code', '=', DEFAULT_SHOP_CODE).executeTakeFirst();
	if (found) return found;
	await raw`insert into shops (id, code, name, created_at, change_seq) values ('shop-1', ${DEFAULT_SHOP_CODE}, 'main', 1, 0)`.execute(sql.db);
	return { id: 'shop-1' };
}

describe('SQL migrations', () => {
	it('are numbered 1, 2, 3… with names, and each has its test', () => {
		expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
		expect(LATEST_VERSION).toBe(MIGRATIONS.length);
		for (const m of MIGRATIONS) {
			expect(m.name.length).toBeGreaterThan(0);
			expect(MIGRATION_TESTS[m.version], `migration ${m.version} needs an entry in MIGRATION_TESTS`).toBeDefined();
		}
	});
});

describeEachSql('SQL migrations', (kind: SqlKind) => {
	for (const m of MIGRATIONS) {
		it(`v${m.version - 1} → v${m.version} (${m.name.slice(0, 40)}…) on a database built at v${m.version - 1}`, async () => {
			const sql = await blankDatabase(kind);
			if (m.version > 1) await migrateTo(sql, m.version - 1);
			await MIGRATION_TESTS[m.version].seed?.(sql);
			await migrateTo(sql, m.version);
			await MIGRATION_TESTS[m.version].check(sql);
		});
	}

	it('migrates a database once: a second run changes nothing, every version is recorded once', async () => {
		const sql = await blankDatabase(kind);
		expect(await migrate(sql)).toBe(LATEST_VERSION);
		expect(await migrate(sql)).toBe(LATEST_VERSION);
		const rows = await raw<{ version: number; name: string; applied_at: number }>`select version, name, applied_at from schema_migrations order by version`.execute(sql.db);
		expect(rows.rows.map((r) => [Number(r.version), r.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
		expect(rows.rows.every((r) => Number(r.applied_at) > 1.7e12)).toBe(true);
	});

	it('refuses a database written by a newer version, touching nothing', async () => {
		const sql = await blankDatabase(kind);
		await migrate(sql);
		await raw`insert into schema_migrations (version, name, applied_at) values (${LATEST_VERSION + 1}, ${'from the future'}, ${Date.now()})`.execute(sql.db);
		await expect(migrate(sql)).rejects.toBeInstanceOf(NewerDatabaseError);
		await expect(migrate(sql)).rejects.toThrow(/this database was written by a newer Smart Inventory.*update/);
		expect(await schemaVersion(sql.db)).toBe(LATEST_VERSION + 1);
	});

	if (kind === 'postgres') {
		it('two instances starting at once on an empty database migrate it once and make one default shop', async () => {
			const url = await newPostgresDatabase();
			const opened = await Promise.all([openDatabase({ url }), openDatabase({ url }), openDatabase({ url })]);
			try {
				expect(await schemaVersion(opened[0].db)).toBe(LATEST_VERSION);
				const shops = await opened[0].db.selectFrom('shops').select('code').execute();
				expect(shops).toEqual([{ code: 'main' }]);
			} finally {
				await Promise.all(opened.map((o) => o.close()));
			}
		});
	}
});

/** The sample shop, plus an imported block (line identities, stores, a customer) and settings; orders when asked. */
async function legacyShop(withOrders: boolean) {
	const source = new MemoryRepository();
	const { shirt, formula, lucia } = await buildShop(source);
	const sales = [
		{ id: newId() as SaleId, invoice: '536365', at: at('2010-12-01 08:26'), customerId: lucia.id as CustomerId, deviceId: 'import', lines: [
			{ productId: shirt.id, quantity: 6, unitPrice: 255 as Cents, discount: 0 as Cents }, { productId: formula.id, quantity: 8, unitPrice: 339 as Cents, discount: 10 as Cents }] },
		{ id: newId() as SaleId, invoice: 'C536379', at: at('2010-12-01 09:41'), customerId: null, deviceId: 'import', lines: [
			{ productId: formula.id, quantity: -1, unitPrice: 339 as Cents, discount: 0 as Cents }] },
		{ id: newId() as SaleId, invoice: '536380', at: at('2010-12-02 10:00'), customerId: null, deviceId: 'import', lines: [
			{ productId: shirt.id, quantity: 0.5, unitPrice: 255 as Cents, discount: 0 as Cents }] }
	];
	const block = buildBlock(newId(), sales, 'import:online-retail.csv');
	block.lineKeys = Float64Array.from([2 ** 52 + 3, 17, 2 ** 53 - 1, 4]);
	block.stores = ['United Kingdom', 'France'];
	block.saleStore = Int32Array.from([0, -1, 1]);
	await source.appendSales({ blocks: [block], movements: bulkSaleMovements([block], 'import', block.source) });
	await source.putSetting('invoiceCounter', 7);
	await source.putSetting('importMapping:online-retail', { sku: 1, quantity: 3 });
	if (withOrders) {
		const sent = draftPurchaseOrder(shirt.supplierId, [{ productId: shirt.id, quantity: 12, unitCost: shirt.unitCost }], at('2024-05-20 09:00'), 'dev');
		await source.putPurchaseOrder(markOrdered(sent, at('2024-05-20 09:05') as LocalTimestamp, 7));
		await source.putPurchaseOrder(draftPurchaseOrder(null, [{ productId: formula.id, quantity: 3, unitCost: formula.unitCost }, { productId: shirt.id, quantity: 1, unitCost: shirt.unitCost }], at('2024-05-21 09:00'), 'dev'));
	}
	return source;
}

describe('old CLI SQLite files', () => {
	for (const version of [1, 2] as const) {
		it(`a v${version} file is converted in place into the default shop, with everything it held`, async () => {
			const source = await legacyShop(version === 2);
			const file = tempFile(`v${version}.db`);
			await writeLegacyFile(file, version, source);

			const repo = await SqlRepository.open(file);
			try {
				expect(repo.shopId).toBe((await findShop(repo.sql, 'main'))!.id);
				expect(await snapshot(repo)).toEqual(await snapshot(source));
				// The converted store has its device id from its creation, beside the old file's settings.
				const settings = new Map(await repo.listSettings());
				expect(typeof settings.get('deviceId')).toBe('string');
				settings.delete('deviceId');
				expect(settings).toEqual(new Map(await source.listSettings()));
				const imported = (await repo.saleBlocks()).find((b) => b.lineKeys)!;
				expect(imported.stores).toEqual(['United Kingdom', 'France']);
				expect([...imported.lineKeys!]).toEqual([2 ** 52 + 3, 17, 2 ** 53 - 1, 4]);
				if (version === 2) expect((await repo.listPurchaseOrders()).length).toBe(2);
			} finally {
				await repo.close();
			}

			const file2 = new Database(file, { readonly: true });
			try {
				expect(file2.pragma('user_version', { simple: true })).toBe(0);
				const tables = (file2.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name);
				expect(tables.filter((t) => t.startsWith('legacy_'))).toEqual([]);
				expect(file2.prepare('select version from schema_migrations order by version').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
			} finally {
				file2.close();
			}
			// Opened again, it is already converted: same contents.
			const again = await SqlRepository.open(file);
			try {
				expect(await again.counts()).toEqual(await source.counts());
			} finally {
				await again.close();
			}
		});
	}

	it('a file from a newer old-format version is refused and left as it was', async () => {
		const file = tempFile('v9.db');
		const db = new Database(file);
		db.exec("CREATE TABLE products (id TEXT PRIMARY KEY, sku TEXT, data TEXT); INSERT INTO products VALUES ('p1', 'A', '{}')");
		db.pragma('user_version = 9');
		db.close();
		await expect(openDatabase({ file })).rejects.toThrow(/newer Smart Inventory/);
		const after = new Database(file, { readonly: true });
		expect(after.prepare('select count(*) as n from products').get()).toEqual({ n: 1 });
		after.close();
	});
});
