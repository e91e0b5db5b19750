// Inventory health and alerts off the main thread: the report reads every product's daily series,
// runs the trends tests and, with a stored forecast run, the reorder suggestions (about a second
// for 4,000 products). Then it reconciles the stored alerts (keeping dismissals) and stores the
// day's snapshot of the shop's score. The core does the work; this file opens the store.
import { expose } from 'comlink';
import type { DayNumber, LocalTimestamp } from '$core/brand';
import { forecastsFromRun } from '$core/forecast-runs';
import type { HealthSnapshot, StoredAlert } from '$core/health/alert-store';
import { loadHealth, type HealthReport, type ProductHealth } from '$core/health/report';
import { HEALTH_PARTS } from '$core/health/score';
import type { StockCounts } from '$core/health/stock-status';
import { NoSalesError } from '$core/trends/report';
import { DexieAlertStore } from '$lib/db/dexie-alert-store';
import { DexieRepository } from '$lib/db/dexie-repository';
import { InventoryDB } from '$lib/db/inventory-db';

/** Products listed on the alerts page by lowest score. */
export const WORST_PRODUCTS = 20;

export interface HealthView {
	asOf: DayNumber;
	demandBasis: HealthReport['demandBasis'];
	/** First day of the forecast run used; null without one. */
	forecastFrom: DayNumber | null;
	options: HealthReport['options'];
	shop: HealthReport['shop'];
	/**
	 * Products per stock verdict (src/core/health/stock-status.ts): the dashboard's "at risk of
	 * running out" KPI is counts.toRestock (sold out + running out + low), and every screen shows
	 * these same numbers; none computes its own.
	 */
	counts: StockCounts;
	/** The lowest-scoring products below 100, lowest first. */
	worstProducts: ProductHealth[];
	productsBelow100: number;
	/** Every stored alert, open and dismissed, most severe first. */
	alerts: StoredAlert[];
	/** Oldest first. */
	snapshots: HealthSnapshot[];
	millis: number;
}

export type HealthResult = { ok: true; view: HealthView } | { ok: false; code: 'no_sales' | 'failed'; message: string };

const api = {
	/** Recomputes the report, reconciles the stored alerts and stores `today`'s snapshot. */
	async recompute(today: DayNumber, now: LocalTimestamp): Promise<HealthResult> {
		const started = performance.now();
		const db = new InventoryDB();
		try {
			// Only the newest run: the others are history.
			const run = await db.forecastRuns.orderBy('createdAt').last();
			const forecasts = run ? [...forecastsFromRun(run).values()] : null;
			const report = await loadHealth(new DexieRepository(db), forecasts);
			const store = new DexieAlertStore(db);
			const alerts = await store.reconcile(report.alerts, now);
			const parts = Object.fromEntries(HEALTH_PARTS.map((p) => [p, report.shop.parts.find((s) => s.part === p)!.score])) as HealthSnapshot['parts'];
			await store.putSnapshot({ day: today, at: now, score: report.shop.score, parts });
			const below = report.products.filter((p) => p.score < 100);
			return {
				ok: true,
				view: {
					asOf: report.asOf, demandBasis: report.demandBasis, forecastFrom: run && report.demandBasis === 'forecast' ? run.fromDay : null,
					options: report.options, shop: report.shop, counts: report.counts, worstProducts: below.slice(0, WORST_PRODUCTS), productsBelow100: below.length,
					alerts, snapshots: await store.listSnapshots(), millis: performance.now() - started
				}
			};
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
