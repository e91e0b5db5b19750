// The dashboard's aggregates on SQL (core/dashboard/hour-totals.ts): sales_hours holds a row per
// day, group and hour, added into by every batch of sales in its transaction (additive upserts in
// key order, like the daily totals); sold_groups the categories and suppliers products sold under.
import type { DayNumber, ProductId, SupplierId } from '../core/brand';
import { HourCounter, hourCellsOf, hourTotalsOfCells, type HourDelta, type HourTotals, type ProductGroup, type SoldGroup } from '../core/dashboard/hour-totals';
import { addFromExcluded, insertRows } from './batch';
import type { Db, Dialect } from './database';
import { readBlocks } from './sale-rows';

const compareText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

export async function storeHourDelta(db: Db, dialect: Dialect, shopId: string, delta: HourDelta): Promise<void> {
	const cells = hourCellsOf(delta.totals).sort((x, y) => x.day - y.day || compareText(x.group, y.group) || x.hour - y.hour);
	await insertRows(db, dialect, 'sales_hours', cells.map((c) => ({ shop_id: shopId, day: c.day, group_key: c.group, hour: c.hour, revenue: c.revenue, tickets: c.tickets })),
		(oc) => oc.columns(['shop_id', 'day', 'group_key', 'hour']).doUpdateSet(addFromExcluded('sales_hours', ['revenue', 'tickets'] as const)));
	const sold = delta.sold.map((g) => ({ shop_id: shopId, product_id: g.productId, category: g.category, supplier_id: g.supplierId ?? '' }))
		.sort((x, y) => compareText(x.product_id, y.product_id) || compareText(x.category, y.category) || compareText(x.supplier_id, y.supplier_id));
	await insertRows(db, dialect, 'sold_groups', sold, (oc) => oc.columns(['shop_id', 'product_id', 'category', 'supplier_id']).doNothing());
}

export async function readHourTotals(db: Db, shopId: string, fromDay: DayNumber, toDay: DayNumber): Promise<HourTotals> {
	const rows = await db.selectFrom('sales_hours').select(['day', 'group_key', 'hour', 'revenue', 'tickets'])
		.where('shop_id', '=', shopId).where('day', '>=', fromDay).where('day', '<=', toDay).execute();
	return hourTotalsOfCells(rows.map((r) => ({ day: r.day as DayNumber, group: r.group_key, hour: r.hour, revenue: Number(r.revenue), tickets: Number(r.tickets) })));
}

export async function readSoldGroups(db: Db, shopId: string): Promise<SoldGroup[]> {
	const rows = await db.selectFrom('sold_groups').select(['product_id', 'category', 'supplier_id']).where('shop_id', '=', shopId).execute();
	return rows.map((r) => ({ productId: r.product_id as ProductId, category: r.category, supplierId: r.supplier_id === '' ? null : (r.supplier_id as SupplierId) }));
}

/** Blocks counted per read: bounded memory for any history (the counter keeps only cells and the day's invoices). */
const BLOCKS_PER_READ = 20;

/**
 * Counts every stored sale of the shop again under today's categories and suppliers and replaces
 * what was stored, inside the caller's transaction: the migration that introduced the tables and
 * rebuildHourTotals.
 */
export async function rebuildHourTotalsSql(db: Db, dialect: Dialect, shopId: string): Promise<void> {
	const products = await db.selectFrom('products').select(['id', 'category', 'supplier_id']).where('shop_id', '=', shopId).execute();
	const groups = new Map<string, ProductGroup>(products.map((p) => [p.id, { category: p.category, supplierId: p.supplier_id as SupplierId | null }]));
	const counter = new HourCounter((id) => groups.get(id));
	const metas = await db.selectFrom('sale_blocks').selectAll().where('shop_id', '=', shopId).orderBy('first_day').orderBy('id').execute();
	for (let i = 0; i < metas.length; i += BLOCKS_PER_READ) {
		for (const b of await readBlocks(db, dialect, shopId, metas.slice(i, i + BLOCKS_PER_READ))) counter.addBlock(b);
	}
	await db.deleteFrom('sales_hours').where('shop_id', '=', shopId).execute();
	await db.deleteFrom('sold_groups').where('shop_id', '=', shopId).execute();
	await storeHourDelta(db, dialect, shopId, counter.result());
}
