// The dashboard's aggregates on IndexedDB (core/dashboard/hour-totals.ts): one salesHours record
// per period of BUCKET_DAYS days with its cells (a record per day made reading two years' worth of
// cells cost 800 records, a quarter of a second), and in dashboardMeta the groups products were sold under and a
// revision every write of sales, stock or pulled records renews (the dashboard worker's cache key). The
// callers hold a transaction over salesHours and dashboardMeta.
import type { Transaction } from 'dexie';
import type { DayNumber, ProductId } from '$core/brand';
import {
	addSoldGroups, concatHourTotals, HourCounter, hourTotalsBetween, hourTotalsBy, mergeSortedHourTotals, type HourDelta, type HourTotals, type ProductGroup, type SoldGroupsRecord
} from '$core/dashboard/hour-totals';
import { newId } from '$core/ids';
import type { Product } from '$core/types';
import { bucketOf } from '$core/dashboard/hour-index';
import { SEGMENTS_SETTING } from '$core/dashboard/segments';
import type { InventoryDB } from './inventory-db';
import type { SaleBlock } from '$core/sale-blocks';

/** start: the period's first day (a multiple of BUCKET_DAYS); cells sorted by day, group key, hour. */
export interface SalesHoursRow { start: DayNumber; cells: HourTotals }

export interface DashboardMetaRow { key: string; value: unknown }

export const DASHBOARD_TABLES = ['salesHours', 'dashboardMeta'] as const;
export const META_SOLD_GROUPS = 'soldGroups';
export const META_REVISION = 'revision';

export const groupOfProduct = (p: Pick<Product, 'category' | 'supplierId'> | undefined): ProductGroup | undefined =>
	p && { category: p.category, supplierId: p.supplierId };

/** Adds a write's cells to the periods it touched and records the groups it sold under. */
export async function addHourDelta(tx: Transaction, delta: HourDelta): Promise<void> {
	const byBucket = hourTotalsBy(delta.totals, bucketOf);
	if (byBucket.size) {
		const table = tx.table<SalesHoursRow, DayNumber>('salesHours');
		const starts = [...byBucket.keys()];
		const stored = await table.bulkGet(starts);
		await table.bulkPut(starts.map((start, i) => ({ start, cells: stored[i] ? mergeSortedHourTotals(stored[i]!.cells, byBucket.get(start)!) : byBucket.get(start)! })));
	}
	const meta = tx.table<DashboardMetaRow, string>('dashboardMeta');
	const record = ((await meta.get(META_SOLD_GROUPS))?.value as SoldGroupsRecord | undefined) ?? {};
	if (addSoldGroups(record, delta.sold)) await meta.put({ key: META_SOLD_GROUPS, value: record });
}

/** The cells of the days in the range, sorted by day. */
export async function readHourTotals(tx: Pick<Transaction, 'table'>, fromDay: DayNumber, toDay: DayNumber): Promise<HourTotals> {
	const rows = await tx.table<SalesHoursRow, DayNumber>('salesHours').where('start').between(bucketOf(fromDay), bucketOf(toDay), true, true).toArray();
	return hourTotalsBetween(concatHourTotals(rows.map((r) => r.cells)), fromDay, toDay);
}

/**
 * What the dashboard's figures depend on, as one string: the revision (every write of sales, stock
 * or catalogue), the newest forecast run and the stored segments. Three small reads.
 */
export async function dashboardStamp(db: InventoryDB): Promise<string> {
	const [revision, run, segments] = await Promise.all([
		db.dashboardMeta.get(META_REVISION), db.forecastRuns.orderBy('createdAt').reverse().limit(1).primaryKeys(), db.settings.get(SEGMENTS_SETTING)
	]);
	return JSON.stringify([revision?.value ?? null, run[0] ?? null, segments?.value ?? null]);
}

/**
 * Marks that sales, stock or the catalogue changed: the dashboard worker reads the store again. A
 * fresh random value each time, not a count, so one never repeats after the store is cleared.
 */
export async function bumpRevision(tx: Transaction): Promise<void> {
	await tx.table<DashboardMetaRow, string>('dashboardMeta').put({ key: META_REVISION, value: newId() });
}

/**
 * Counts every stored block again under today's categories and suppliers and replaces what was
 * stored: the schema upgrade that introduced the aggregates, and DashboardStore.rebuildHourTotals.
 * Blocks go by on a cursor, one at a time. The transaction also holds saleBlocks and products.
 */
export async function rebuildHourTotalsIn(tx: Transaction): Promise<void> {
	const products = new Map(((await tx.table('products').toArray()) as Product[]).map((p) => [p.id, groupOfProduct(p)]));
	const counter = new HourCounter((id: ProductId) => products.get(id));
	await tx.table('saleBlocks').each((b: SaleBlock) => counter.addBlock(b));
	await tx.table('salesHours').clear();
	await tx.table('dashboardMeta').delete(META_SOLD_GROUPS);
	await addHourDelta(tx, counter.result());
	await bumpRevision(tx);
}
