// IndexedDB schema versions: an append-only list. Never edit a released entry; add the next one
// with its upgrade, and a test that opens a database built at the previous version with data in it.
import type { Transaction } from 'dexie';
import type { ProductSeries } from '$core/product-series';
import { chunkOfSeries } from '$core/series-chunks';
import { queueEverything } from './dexie-outbox';
import { indexStoredTickets } from './dexie-tickets';
import { rebuildHourTotalsIn } from './dexie-dashboard';

/** The one record of the stockLevels store. */
export const STOCK_LEVELS_ID = 'levels';

export interface SchemaVersion {
	version: number;
	stores: Record<string, string | null>;
	upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: SchemaVersion[] = [
	{
		version: 1,
		stores: {
			products: 'id, &sku, barcode, category, supplierId',
			suppliers: 'id, name',
			customers: 'id, name',
			saleBlocks: 'id, firstDay, lastDay',
			movements: 'id, [productId+at], at',
			stock: 'productId',
			shopDays: 'day',
			// One sparse daily series per product (core/product-series.ts).
			productSeries: 'productId',
			settings: 'key'
		}
	},
	{
		// Customers get the shop's own code (from the POS export) and an import flag.
		version: 2,
		stores: { customers: 'id, code, name' },
		upgrade: async (tx) => {
			await tx.table('customers').toCollection().modify((c: Record<string, unknown>) => {
				c.code ??= '';
				c.createdByImport ??= false;
			});
		}
	},
	{
		// Line and sale counts as indexes, so counting a large history reads index keys, not blocks.
		version: 3,
		stores: { saleBlocks: 'id, firstDay, lastDay, lineCount, saleCount' }
	},
	{
		// Bulk imports touch thousands of products per batch: product series move into columnar
		// chunks (one record per batch, core/series-chunks.ts) and stock levels into one record, so
		// a batch writes a handful of records instead of two per product. Indexes nothing queries
		// (product barcode and category, customer code and name, movement time) go: each one is
		// another write for every record an import adds.
		version: 4,
		stores: {
			seriesChunks: '++seq', stockLevels: 'id', productSeries: null, stock: null,
			products: 'id, &sku, supplierId', customers: 'id', movements: 'id, [productId+at]'
		},
		upgrade: async (tx) => {
			const series = (await tx.table('productSeries').toArray()) as ProductSeries[];
			if (series.length) await tx.table('seriesChunks').add(chunkOfSeries(series));
			const rows = (await tx.table('stock').toArray()) as { productId: string; onHand: number }[];
			await tx.table('stockLevels').put({ id: STOCK_LEVELS_ID, onHand: Object.fromEntries(rows.map((r) => [r.productId, r.onHand])) });
		}
	},
	{
		// Purchase orders (core/purchase-orders): drafts from reorder suggestions, then sent and received.
		version: 5,
		stores: { purchaseOrders: 'id, status' }
	},
	{
		// Forecasting (core/forecast-runs.ts): the model registry, training logs, and the forecast
		// runs shown, each a columnar record of the whole catalogue.
		version: 6,
		stores: { models: 'id, trainedAt', trainingLogs: '++seq, startedAt', forecastRuns: 'id, createdAt' }
	},
	{
		// Inventory health (core/health): alerts stored by their stable key (kind:product) so a
		// recomputation keeps dismissals, and one shop score snapshot per day for its trend.
		version: 7,
		stores: { alerts: 'key, kind', healthSnapshots: 'day' }
	},
	{
		// Sync (docs/sync.md): the numbered outbox of changes for the server, the device's sync state
		// (change counter, acknowledged number, pull cursor, clock) and the stamps of catalogue fields.
		// What the store already holds is queued, so a device paired after the upgrade sends it all.
		version: 8,
		stores: { outbox: 'n', syncMeta: 'key', fieldClocks: 'key' },
		upgrade: async (tx) => { await queueEverything(tx, 0); }
	},
	{
		// The till (issue 13): receipts indexed by invoice, by series and number (the next number
		// and the chain), by cash shift, by the invoice a return gives back and by time. The
		// receipts themselves travel inside the sale blocks; this is their index. Products and
		// sales stored before keep their shape: no options, no tax columns (tax 0, totals unchanged).
		version: 9,
		stores: { tickets: 'invoice, [series+number], shiftId, returnOf, at' },
		upgrade: async (tx) => { await indexStoredTickets(tx); }
	},
	{
		// The dashboard (issue 14): sales per day, hour and group (shop, category, supplier) for
		// tickets and the heat map, one record per 32 days (dexie-dashboard.ts), counted from the stored
		// sales; the groups products sold under and a revision in dashboardMeta; and movements by
		// reason, so stock history reads purchases, counts and adjustments without the sales' entries.
		version: 10,
		stores: { salesHours: 'start', dashboardMeta: 'key', movements: 'id, [productId+at], reason' },
		upgrade: async (tx) => { await rebuildHourTotalsIn(tx); }
	}
];

export const LATEST_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;
