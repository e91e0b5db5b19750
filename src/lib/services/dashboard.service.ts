// The dashboard's figures and the sample data loader it offers on an empty store. The figures
// come from workers/dashboard.worker.ts: one worker for the session, started on first use, which
// keeps what it read between queries (a filter change is computed from memory) and reads the
// store again when it changed (its own stamp; and pulled changes, heard here, invalidate it).
import { wrap, type Remote } from 'comlink';
import { version } from '$app/environment';
import type { DayNumber } from '$core/brand';
import type { DashboardQuery, DashboardView } from '$core/dashboard/view';
import type { StoreCounts } from '$core/repository';
import { lastDayWithSales } from '$core/sales-trend';
import { today } from '$core/time';
import { getRepository } from '$lib/db';
import { dashboardStamp } from '$lib/db/dexie-dashboard';
import { hasKeptView, keepView, keptView, viewKey } from './dashboard-views';
import { t } from '$lib/i18n/i18n.svelte';
import { onDataChange } from '$lib/sync/data-channel';
import type { DashboardApi } from '$workers/dashboard.worker';
import { recomputeHealth } from './alerts.service';

/** Far enough ahead to include sales a wrong clock dated in the future. */
const LAST_DAY = 2_932_896 as DayNumber;

let worker: { api: Remote<DashboardApi>; failed: Promise<never> } | null = null;

function dashboardWorker() {
	if (worker) return worker;
	const w = new Worker(new URL('../../../workers/dashboard.worker.ts', import.meta.url), { type: 'module' });
	// A worker script that cannot load never answers Comlink: fail instead of waiting forever.
	const failed = new Promise<never>((_, reject) =>
		w.addEventListener('error', (e) => {
			worker = null;
			reject(new Error(e.message || 'the dashboard worker could not start'));
		}, { once: true })
	);
	failed.catch(() => undefined);
	const api = wrap<DashboardApi>(w);
	worker = { api, failed };
	onDataChange(['sales', 'stock', 'product', 'supplier'], () => void api.invalidate());
	return worker;
}

/**
 * Everything the dashboard draws for a range and filter. The first call reads the store (only
 * aggregates are read); later ones answer from the worker's memory unless the store changed. A
 * view kept from before (dashboard-views.ts) is answered at once while the store's stamp is the
 * one it was made from: after a navigation the dashboard paints without waiting for the read.
 */
export async function loadDashboardView(query: DashboardQuery): Promise<DashboardView> {
	const { api, failed } = dashboardWorker();
	const day = today();
	// The app's build version: a view kept by an older build never matches.
	const key = viewKey(query, day, version);
	try {
		if (hasKeptView(key)) {
			const copy = keptView(key, await dashboardStamp(getRepository().db));
			if (copy) {
				void api.warm().catch(() => undefined);
				return copy;
			}
		}
		const { view, stamp } = await Promise.race([api.stamped(query, day), failed]);
		keepView(key, stamp, view);
		return view;
	} catch (e) {
		throw new Error(t('error.generic', { message: e instanceof Error ? e.message : String(e) }));
	}
}

/** Starts the worker and its read ahead of the first query (e.g. while the page checks whether the shop has products). */
export function prewarmDashboard(query?: DashboardQuery): void {
	void (query ? loadDashboardView(query) : dashboardWorker().api.warm()).catch(() => undefined);
}

/** Resolves once the worker has no background work left (a rebuild of hour totals after products moved category). */
export async function dashboardSettled(): Promise<void> {
	await dashboardWorker().api.settled();
}

/** Whether the shop has products yet, and whether the store is empty enough to offer the sample shop. */
export async function loadWelcomeState(): Promise<{ hasProducts: boolean; storeEmpty: boolean }> {
	const repo = getRepository();
	const hasProducts = await repo.hasProducts();
	// Counting reads the sale blocks' index, so it is done only when there are no products at all.
	const storeEmpty = !hasProducts && isStoreEmpty(await repo.counts());
	return { hasProducts, storeEmpty };
}

/** The latest day with any sale, read from the daily totals (a few hundred rows). */
export async function latestSalesDay(): Promise<DayNumber | null> {
	return lastDayWithSales(await getRepository().shopDays(0 as DayNumber, LAST_DAY));
}

export function isStoreEmpty(c: StoreCounts): boolean {
	return c.products + c.suppliers + c.customers + c.saleLines + c.movements === 0;
}

export type DemoProgress = (done: number, total: number) => void;

/** Fills an empty store with a sample shop. The demo code and data load only when asked for. */
export async function loadDemo(onProgress?: DemoProgress): Promise<{ products: number; saleLines: number }> {
	const { loadDemoData } = await import('./demo.service');
	const loaded = await loadDemoData(onProgress);
	void recomputeHealth();
	return loaded;
}
