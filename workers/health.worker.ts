// Inventory health and alerts off the main thread: the report reads every product's daily series,
// runs the trends tests and, with a stored forecast run, the reorder suggestions (about a second
// for 4,000 products). Then it reconciles the stored alerts (keeping dismissals) and stores the
// day's snapshot of the shop's score. The core does the work; this file opens the store.
import { expose } from 'comlink';
import type { DayNumber, LocalTimestamp } from '$core/brand';
import type { HealthSnapshot } from '$core/health/alert-store';
import { HEALTH_PARTS } from '$core/health/score';
import { healthView, type HealthView } from '$core/health/view';
import { NoSalesError } from '$core/trends/report';
import { DexieAlertStore } from '$lib/db/dexie-alert-store';
import { InventoryDB } from '$lib/db/inventory-db';
import { loadShopHealth } from './shop-health';

export type { HealthView };

export type HealthResult = { ok: true; view: HealthView } | { ok: false; code: 'no_sales' | 'failed'; message: string };

const api = {
	/** Recomputes the report, reconciles the stored alerts and stores `today`'s snapshot. */
	async recompute(today: DayNumber, now: LocalTimestamp): Promise<HealthResult> {
		const started = performance.now();
		const db = new InventoryDB();
		try {
			const { report, forecastFrom } = await loadShopHealth(db);
			const store = new DexieAlertStore(db);
			const alerts = await store.reconcile(report.alerts, now);
			const parts = Object.fromEntries(HEALTH_PARTS.map((p) => [p, report.shop.parts.find((s) => s.part === p)!.score])) as HealthSnapshot['parts'];
			await store.putSnapshot({ day: today, at: now, score: report.shop.score, parts });
			return { ok: true, view: healthView(report, alerts, await store.listSnapshots(), forecastFrom, performance.now() - started) };
		} catch (e) {
			if (e instanceof NoSalesError) return { ok: false, code: 'no_sales', message: e.message };
			return { ok: false, code: 'failed', message: e instanceof Error ? e.message : String(e) };
		} finally {
			db.close();
		}
	}
};

expose(api);
export type HealthApi = typeof api;
