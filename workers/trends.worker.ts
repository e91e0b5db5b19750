// The Trends and Reorder screens' computations, off the main thread: the Trends screen shows the
// health computation (workers/shop-health.ts: the trends report, the stock verdicts and the alerts
// read together, so the screens agree); reorder suggestions expand the latest forecast run
// (products x horizon) and measure safety stock from each backtest. The core does the work; this
// file opens the store and turns "nothing to analyse" into codes.
import { expose } from 'comlink';
import type { DayNumber, LocalTimestamp } from '$core/brand';
import { forecastsFromRun } from '$core/forecast-runs';
import { loadReorderPlan } from '$core/reorder/load';
import type { ReorderOptions, ReorderSuggestion, Urgency } from '$core/reorder/suggest';
import type { HealthOptions } from '$core/health/score';
import { NoSalesError } from '$core/trends/report';
import type { Supplier } from '$core/types';
import { DexieRepository } from '$lib/db/dexie-repository';
import { InventoryDB } from '$lib/db/inventory-db';
import { trendsView, type TrendsView } from '$lib/components/trends/trends-view';
import { loadShopHealth } from './shop-health';

export type TrendsResult = { ok: true; view: TrendsView; millis: number } | { ok: false; code: 'no_sales' | 'failed'; message: string };

/** The forecast run the suggestions came from, as the page describes it. */
export interface RunSummary { id: string; modelId: string; createdAt: LocalTimestamp; fromDay: DayNumber; horizon: number; products: number }

/** What the Reorder screen shows: only what to order crosses to the page (not every product's figures). */
export interface ReorderPlanView {
	/** Suggestions with a quantity to order, most urgent first. */
	toOrder: ReorderSuggestion[];
	/** Products per urgency; those with nothing to order count as 'ok'. */
	counts: Record<Urgency, number>;
	withoutForecast: number;
	suppliers: Supplier[];
	options: ReorderOptions;
}

export type ReorderResult =
	| { ok: true; plan: ReorderPlanView; run: RunSummary; millis: number }
	| { ok: false; code: 'no_run' | 'failed'; message: string };

async function withDb<T>(work: (db: InventoryDB) => Promise<T>): Promise<T> {
	const db = new InventoryDB();
	try {
		return await work(db);
	} finally {
		db.close();
	}
}

const failed = (e: unknown) => ({ ok: false as const, code: 'failed' as const, message: e instanceof Error ? e.message : String(e) });

const api = {
	/** The health computation the alerts come from, as the Trends screen shows it (so both name the same products). */
	async trends(options: Partial<Pick<HealthOptions, 'deadStockDays'>> = {}): Promise<TrendsResult> {
		const started = performance.now();
		try {
			const { report } = await withDb((db) => loadShopHealth(db, options));
			return { ok: true, view: trendsView(report), millis: performance.now() - started };
		} catch (e) {
			if (e instanceof NoSalesError) return { ok: false, code: 'no_sales', message: e.message };
			return failed(e);
		}
	},

	/** Suggestions from the newest stored forecast run against today's stock and stock on order. */
	async reorder(options: Partial<ReorderOptions> = {}): Promise<ReorderResult> {
		const started = performance.now();
		try {
			return await withDb(async (db) => {
				// Only the newest run: the others (up to RUNS_KEPT, several MB each for a big catalogue) are history.
				const run = await db.forecastRuns.orderBy('createdAt').last();
				if (!run) return { ok: false, code: 'no_run', message: 'no forecast has been computed yet' };
				const plan = await loadReorderPlan(new DexieRepository(db), [...forecastsFromRun(run).values()], options);
				const counts: Record<Urgency, number> = { urgent: 0, order: 0, ok: 0 };
				for (const s of plan.suggestions) counts[s.suggestedQuantity > 0 ? s.urgency : 'ok']++;
				const view: ReorderPlanView = {
					toOrder: plan.suggestions.filter((s) => s.suggestedQuantity > 0), counts,
					withoutForecast: plan.withoutForecast.length, suppliers: plan.suppliers, options: plan.options
				};
				const summary: RunSummary = { id: run.id, modelId: run.modelId, createdAt: run.createdAt, fromDay: run.fromDay, horizon: run.horizon, products: run.productIds.length };
				return { ok: true, plan: view, run: summary, millis: performance.now() - started };
			});
		} catch (e) {
			return failed(e);
		}
	}
};

expose(api);
export type TrendsApi = typeof api;
