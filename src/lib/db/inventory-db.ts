// The app's IndexedDB database. Only the repository in this folder touches it.
import Dexie, { type Table } from 'dexie';
import type { DayNumber, ProductId } from '$core/brand';
import type { PurchaseOrder } from '$core/purchase-orders/purchase-order';
import type { SaleBlock } from '$core/sale-blocks';
import type { SeriesChunk } from '$core/series-chunks';
import type { ForecastRun, ModelRecord, TrainingLogRecord } from '$core/forecast-runs';
import type { HealthSnapshot, StoredAlert } from '$core/health/alert-store';
import type { Customer, DayTotals, Product, StockMovement, Supplier } from '$core/types';
import type { Ticket } from '$core/till/ticket';
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema';
import type { FieldClocksRow, OutboxRow, SyncMetaRow } from './dexie-outbox';
import type { DashboardMetaRow, SalesHoursRow } from './dexie-dashboard';

/** Stock on hand of every product in one record (products without movements are absent). */
export interface StockLevelsRow { id: string; onHand: Record<ProductId, number> }
export type SeriesChunkRow = SeriesChunk & { seq?: number };
export interface SettingRow { key: string; value: unknown }

export class InventoryDB extends Dexie {
	products!: Table<Product, string>;
	suppliers!: Table<Supplier, string>;
	customers!: Table<Customer, string>;
	saleBlocks!: Table<SaleBlock, string>;
	movements!: Table<StockMovement, string>;
	stockLevels!: Table<StockLevelsRow, string>;
	shopDays!: Table<DayTotals, DayNumber>;
	seriesChunks!: Table<SeriesChunkRow, number>;
	settings!: Table<SettingRow, string>;
	purchaseOrders!: Table<PurchaseOrder, string>;
	models!: Table<ModelRecord, string>;
	trainingLogs!: Table<TrainingLogRecord, number>;
	forecastRuns!: Table<ForecastRun, string>;
	alerts!: Table<StoredAlert, string>;
	healthSnapshots!: Table<HealthSnapshot, DayNumber>;
	outbox!: Table<OutboxRow, number>;
	syncMeta!: Table<SyncMetaRow, string>;
	fieldClocks!: Table<FieldClocksRow, string>;
	/** Receipts by invoice, indexed from the blocks' saleTickets (dexie-tickets.ts). */
	tickets!: Table<Ticket, string>;
	/** The dashboard's cells of each day and its bookkeeping (dexie-dashboard.ts). */
	salesHours!: Table<SalesHoursRow, DayNumber>;
	dashboardMeta!: Table<DashboardMetaRow, string>;

	/** versions: tests pass a prefix of the list to build an older database. */
	constructor(name = 'smart-inventory', options: { versions?: SchemaVersion[]; indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
		// Dexie treats a present-but-undefined key as "no IndexedDB", so pass only what was given.
		super(name, { cache: 'disabled', ...(options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : {}) });
		for (const v of options.versions ?? SCHEMA_VERSIONS) {
			const version = this.version(v.version).stores(v.stores);
			if (v.upgrade) version.upgrade(v.upgrade);
		}
		// A newer version of the app upgrades the store in another tab: this connection closes for
		// good (Dexie would otherwise reopen it at the new version under the old code) and what
		// uses it fails whole until the page reloads.
		this.on('versionchange', () => {
			this.close({ disableAutoOpen: true });
			return false;
		});
	}
}
