// The dashboard's figures off the main thread: reads the store's aggregates once (daily totals,
// product series, stock, the ledger's non-sale entries, the newest forecast run, the stored
// segments; the hourly totals of the periods queries need; never a sale line), keeps them
// indexed, and answers each query (a date range and filter) from memory in milliseconds. The store is read again when its stamp changes:
// the revision every write of sales, stock or catalogue renews (dexie-dashboard.ts), the newest
// forecast run and the stored segments. Products moved to another category since they sold make
// the filtered tickets approximate: their hour totals are rebuilt here, in the background.
import { expose } from 'comlink';
import type { DayNumber } from '$core/brand';
import { DashboardCache } from '$core/dashboard/cache';
import { loadDashboardInput } from '$core/dashboard/load';
import type { DashboardQuery, DashboardView } from '$core/dashboard/view';
import { today as todayNow } from '$core/time';
import { dashboardStamp } from '$lib/db/dexie-dashboard';
import { DexieForecastStore } from '$lib/db/dexie-forecast-store';
import { DexieRepository } from '$lib/db/dexie-repository';
import { InventoryDB } from '$lib/db/inventory-db';

const db = new InventoryDB();
const repo = new DexieRepository(db);
const forecasts = new DexieForecastStore(db);

/** The tables read for one view, in one read transaction: a write lands before or after, never between. */
const READ_TABLES = ['products', 'suppliers', 'shopDays', 'seriesChunks', 'stockLevels', 'movements', 'dashboardMeta', 'forecastRuns', 'settings'];

const cache = new DashboardCache({
	// Everything but the hour cells, which the cache reads per period as queries need them.
	read: (timings) => db.transaction('r', READ_TABLES, () => loadDashboardInput(repo, forecasts, timings, { hours: false })),
	hours: (from, to) => repo.hourTotals(from, to),
	stamp: () => dashboardStamp(db)
});

let rebuilding: Promise<void> | null = null;

/** Recounts the hour totals under today's categories once a product sold under another one (filtered tickets are approximate until then). */
function rebuildIfMoved() {
	if (rebuilding || !cache.current()?.slots.some((s) => s.moved)) return;
	rebuilding = repo.rebuildHourTotals().finally(() => { rebuilding = null; });
}

const api = {
	/** The dashboard for a range and filter (today: the shop's wall clock unless given). */
	async view(query: DashboardQuery, today?: DayNumber): Promise<DashboardView> {
		const view = await cache.view(query, today ?? todayNow());
		rebuildIfMoved();
		return view;
	},

	/** The view and the stamp of the store it was made from (the service keeps a copy of the last views, exact while the stamp holds). */
	async stamped(query: DashboardQuery, today: DayNumber): Promise<{ view: DashboardView; stamp: string }> {
		const result = await cache.stamped(query, today);
		rebuildIfMoved();
		return result;
	},

	/** Reads the store ahead of the first query (nothing computed). */
	async warm(): Promise<void> {
		await cache.data();
	},

	/** Forget what was read (pulled changes arrived): the next view reads the store again. */
	invalidate() {
		cache.invalidate();
	},

	/** Resolves once a background rebuild of the hour totals (if any) has finished: then view() is exact again. */
	async settled(): Promise<void> {
		await rebuilding;
	}
};

expose(api);
export type DashboardApi = typeof api;
