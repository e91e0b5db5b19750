// The CLI's SQLite files from before the SQL layer (PRAGMA user_version 1 or 2: entities as JSON
// `data` columns, sale blocks as node:v8-serialized blobs) are converted in place, in one
// transaction: the old tables move aside, the current schema is made, everything is copied into
// the default shop (blocks into sale_blocks, sales and sale_lines rows), the old tables go.
import { sql as raw } from 'kysely';
import { deserialize } from 'node:v8';
import type { PurchaseOrder } from '../core/purchase-orders/purchase-order';
import type { SaleBlock } from '../core/sale-blocks';
import { nowLocal } from '../core/time';
import type { Customer, Product, Supplier } from '../core/types';
import { insertRows } from './batch';
import type { Db, SqlDatabase } from './database';
import { applyMigration, MIGRATIONS, NewerDatabaseError, prepareMigrations } from './migrations';
import { customerRow, productRow, purchaseOrderRows, supplierRow } from './rows';
import { insertBlocks } from './sale-rows';
import { DEFAULT_SHOP_CODE, ensureShop } from './shops';

/** The last PRAGMA user_version the old store wrote. */
export const LEGACY_LATEST_VERSION = 2;

const LEGACY_TABLES = ['products', 'suppliers', 'customers', 'sale_blocks', 'movements', 'stock', 'shop_days', 'product_days', 'settings', 'purchase_orders'];
const LEGACY_INDEXES = ['products_supplier', 'customers_code', 'sale_blocks_days', 'movements_product_at', 'purchase_orders_status'];
const aside = (table: string) => `legacy_${table}`;

type Json = Record<string, unknown>;

async function userVersion(db: Db): Promise<number> {
	const { rows } = await raw<{ user_version: number }>`pragma user_version`.execute(db);
	return Number(rows[0]?.user_version ?? 0);
}

async function tablesOf(db: Db): Promise<Set<string>> {
	const { rows } = await raw<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
	return new Set(rows.map((r) => r.name));
}

/** Converts an old CLI file; false when the file is not one (new, empty or already converted). */
export async function upgradeLegacySqlite(sql: SqlDatabase): Promise<boolean> {
	if (sql.dialect !== 'sqlite') return false;
	const version = await userVersion(sql.db);
	if (version === 0 || (await tablesOf(sql.db)).has('schema_migrations')) return false;
	if (version > LEGACY_LATEST_VERSION) throw new NewerDatabaseError(version, LEGACY_LATEST_VERSION);
	await sql.db.transaction().execute(async (trx) => {
		const tables = await tablesOf(trx);
		const present = LEGACY_TABLES.filter((t) => tables.has(t));
		for (const index of LEGACY_INDEXES) await raw`drop index if exists ${raw.id(index)}`.execute(trx);
		for (const t of present) await raw`alter table ${raw.id(t)} rename to ${raw.id(aside(t))}`.execute(trx);
		await prepareMigrations(trx);
		for (const m of MIGRATIONS) await applyMigration(trx, 'sqlite', m);
		const shop = await ensureShop(trx, DEFAULT_SHOP_CODE);
		await copyLegacy(trx, shop.id, new Set(present));
		for (const t of present) await raw`drop table ${raw.id(aside(t))}`.execute(trx);
		await raw`pragma user_version = 0`.execute(trx);
	});
	return true;
}

async function jsonRows<T>(db: Db, table: string): Promise<T[]> {
	const { rows } = await raw<{ data: string }>`select data from ${raw.id(aside(table))}`.execute(db);
	return rows.map((r) => JSON.parse(r.data) as T);
}

async function copyLegacy(trx: Db, shopId: string, present: Set<string>) {
	const has = (t: string) => present.has(t);
	if (has('suppliers')) await insertRows(trx, 'sqlite', 'suppliers', (await jsonRows<Json>(trx, 'suppliers')).map((s) => supplierRow(shopId, supplierOf(s))));
	if (has('products')) await insertRows(trx, 'sqlite', 'products', (await jsonRows<Json>(trx, 'products')).map((p) => productRow(shopId, productOf(p))));
	if (has('customers')) await insertRows(trx, 'sqlite', 'customers', (await jsonRows<Json>(trx, 'customers')).map((c) => customerRow(shopId, customerOf(c))));
	if (has('sale_blocks')) {
		const { rows: ids } = await raw<{ id: string }>`select id from legacy_sale_blocks order by first_day, id`.execute(trx);
		const createdAt = nowLocal();
		// One block at a time: a long history never sits in memory whole.
		for (const { id } of ids) {
			const { rows } = await raw<{ data: Buffer }>`select data from legacy_sale_blocks where id = ${id}`.execute(trx);
			await insertBlocks(trx, 'sqlite', shopId, [deserialize(rows[0].data) as SaleBlock], createdAt);
		}
	}
	if (has('movements')) {
		await raw`insert into movements (shop_id, id, product_id, quantity, reason, reference, note, at, device_id)
			select ${shopId}, id, product_id, quantity, reason, reference, note, at, device_id from legacy_movements`.execute(trx);
	}
	if (has('stock')) await raw`insert into stock (shop_id, product_id, on_hand) select ${shopId}, product_id, on_hand from legacy_stock`.execute(trx);
	if (has('shop_days')) {
		await raw`insert into shop_days (shop_id, day, units, revenue, cost, lines) select ${shopId}, day, units, revenue, cost, lines from legacy_shop_days`.execute(trx);
	}
	if (has('product_days')) {
		await raw`insert into product_days (shop_id, product_id, day, units, revenue, cost, lines)
			select ${shopId}, product_id, day, units, revenue, cost, lines from legacy_product_days`.execute(trx);
	}
	if (has('settings')) {
		// The old file's own settings win over the new shop's (its device id above all: it names the store).
		await raw`delete from settings where shop_id = ${shopId} and key in (select key from legacy_settings)`.execute(trx);
		await raw`insert into settings (shop_id, key, value) select ${shopId}, key, value from legacy_settings`.execute(trx);
	}
	if (has('purchase_orders')) {
		const orders = (await jsonRows<PurchaseOrder>(trx, 'purchase_orders')).map((o) => purchaseOrderRows(shopId, { ...o, lines: o.lines ?? [] }));
		await insertRows(trx, 'sqlite', 'purchase_orders', orders.map((o) => o.order));
		await insertRows(trx, 'sqlite', 'purchase_order_lines', orders.flatMap((o) => o.lines));
	}
}

// The old JSON as entities: fields an early file may lack get the defaults the app gives them.
const text = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const numOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const productOf = (d: Json): Product => ({
	id: d.id as Product['id'], sku: text(d.sku), barcode: text(d.barcode), name: text(d.name, text(d.sku)), category: text(d.category),
	unitPrice: num(d.unitPrice, 0) as Product['unitPrice'], unitCost: num(d.unitCost, 0) as Product['unitCost'],
	supplierId: (typeof d.supplierId === 'string' ? d.supplierId : null) as Product['supplierId'], leadTimeDays: numOrNull(d.leadTimeDays),
	minOrderQty: num(d.minOrderQty, 1), packSize: num(d.packSize, 1), reorderPoint: numOrNull(d.reorderPoint), active: d.active !== false,
	createdByImport: d.createdByImport === true, updatedAt: num(d.updatedAt, 0) as Product['updatedAt']
});

const supplierOf = (d: Json): Supplier => ({
	id: d.id as Supplier['id'], name: text(d.name), contact: text(d.contact), email: text(d.email), phone: text(d.phone),
	defaultLeadTimeDays: num(d.defaultLeadTimeDays, 7), notes: text(d.notes), updatedAt: num(d.updatedAt, 0) as Supplier['updatedAt']
});

const customerOf = (d: Json): Customer => ({
	id: d.id as Customer['id'], code: text(d.code), name: text(d.name), email: text(d.email), phone: text(d.phone),
	firstSeen: num(d.firstSeen, 0) as Customer['firstSeen'], createdByImport: d.createdByImport === true, updatedAt: num(d.updatedAt, 0) as Customer['updatedAt']
});
