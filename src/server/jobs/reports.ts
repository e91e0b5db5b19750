// The analytics a worker thread computes for a request, by name: what each reads from the shop's
// store (through the main thread's connection, or the worker's own on a SQLite file or PostgreSQL) and the core
// report builder it runs on that data (in the worker), the same builder `inventario` runs on its
// own store. Forecast-based reports read the latest stored run.
import type { DayNumber, ProductId } from '../../core/brand';
import { recentPrices } from '../../core/forecast/totals';
import { forecastsFromRun, type ForecastRun, type ForecastStore } from '../../core/forecast-runs';
import { HEALTH_PARTS } from '../../core/health/score';
import { categoryIds, num, productForecastItems, readDemand, totalForecastReport, totalFromRun } from '../../core/reports/forecast';
import { alertsJson, healthJson, loadHealthReport, type HealthReportOptions } from '../../core/reports/health';
import { allRecommendations, customerRecommendations, productRecommendations, segmentsReport } from '../../core/reports/insights';
import { reorderReport, type ReorderReportOptions } from '../../core/reports/reorder';
import { trendsReport } from '../../core/reports/trends';
import type { InventoryRepository } from '../../core/repository';
import type { TrendsOptions } from '../../core/trends/report';
import type { Customer, Product } from '../../core/types';
import type { Snapshot, SnapshotPart } from './protocol';
import { readSnapshot, SnapshotRepository } from './snapshot';

/** A shop's store as a report reads it: its repository and its forecast runs. */
export interface ShopStore {
	repo: InventoryRepository;
	forecasts: Pick<ForecastStore, 'latestRun'>;
}

interface ReportDef<A, R> {
	/** What the report reads from the store (the main thread's connection, or the worker's own). */
	read(store: ShopStore, args: A): Promise<Snapshot>;
	/** The computation, in a worker, on a store made of what was read. */
	run(repo: InventoryRepository, args: A, snapshot: Snapshot): Promise<R>;
}

/** Reads these parts (sale blocks up to `until`), and the latest forecast run when `withRun` says so. */
const reading = <A>(parts: SnapshotPart[], until?: (args: A) => DayNumber | undefined, withRun: (args: A) => boolean = () => false) =>
	async (store: ShopStore, args: A): Promise<Snapshot> => {
		const snapshot = await readSnapshot(store.repo, parts, until?.(args));
		if (withRun(args)) snapshot.run = (await store.forecasts.latestRun()) ?? null;
		return snapshot;
	};

const forecastsOf = (run: ForecastRun | null | undefined) => (run ? [...forecastsFromRun(run).values()] : null);

/** The run a report read, as the answer names it. */
const runRef = (run: ForecastRun) => ({ id: run.id, modelId: run.modelId, createdAt: run.createdAt, fromDay: run.fromDay, horizon: run.horizon });

export interface InsightsArgs { top: number; until?: DayNumber }

const def = <A, R>(d: ReportDef<A, R>) => d;
const always = () => true;

export const REPORTS = {
	trends: def({
		read: reading<Partial<TrendsOptions>>(['products', 'series', 'stock', 'shopDays']),
		run: (repo, options: Partial<TrendsOptions>) => trendsReport(repo, options)
	}),

	/** Suggestions from the latest run; null when there is none. */
	reorder: def({
		read: reading<{ options: Partial<ReorderReportOptions> }>(['products', 'suppliers', 'stock', 'orders'], undefined, always),
		run: async (repo, a: { options: Partial<ReorderReportOptions> }, snapshot) =>
			snapshot.run?.productIds.length ? { report: await reorderReport(repo, forecastsOf(snapshot.run)!, a.options), run: runRef(snapshot.run) } : null
	}),

	/** The health report (on the latest run unless told not to), the alerts it raised (to reconcile) and the day's score. */
	health: def({
		read: reading<{ forecast: boolean; options: Partial<HealthReportOptions> }>(['products', 'suppliers', 'series', 'stock', 'orders', 'shopDays'], undefined, (a) => a.forecast),
		run: async (repo, a: { forecast: boolean; options: Partial<HealthReportOptions> }, snapshot) => {
			const { report, forecastFrom } = await loadHealthReport(repo, forecastsOf(snapshot.run), a.options);
			const parts = Object.fromEntries(HEALTH_PARTS.map((p) => [p, report.shop.parts.find((s) => s.part === p)!.score]));
			return { health: healthJson(report, forecastFrom), alerts: report.alerts, header: alertsJson(report, forecastFrom, []), score: report.shop.score, parts };
		}
	}),

	segments: def({
		read: reading<{ until?: DayNumber }>(['blocks', 'customers', 'products'], (a) => a.until),
		run: (repo, a: { until?: DayNumber }) => segmentsReport(repo, a.until)
	}),

	productRecommendations: def({
		read: reading<InsightsArgs & { product: Product }>(['blocks', 'products'], (a) => a.until),
		run: (repo, a: InsightsArgs & { product: Product }) => productRecommendations(repo, a.product, a.top, a.until)
	}),

	allRecommendations: def({
		read: reading<InsightsArgs>(['blocks', 'products'], (a) => a.until),
		run: (repo, a: InsightsArgs) => allRecommendations(repo, a.top, a.until)
	}),

	customerRecommendations: def({
		read: reading<InsightsArgs & { customer: Customer }>(['blocks', 'products'], (a) => a.until),
		run: (repo, a: InsightsArgs & { customer: Customer }) => customerRecommendations(repo, a.customer, a.top, a.until)
	}),

	/** Every active product's forecast from the latest run, its first `horizon` days (rounded to 4 decimals); null without a run. */
	catalogForecast: def({
		read: reading<{ horizon: number }>(['products'], undefined, always),
		run: async (repo, a: { horizon: number }, snapshot) => {
			const run = snapshot.run;
			if (!run) return null;
			const horizon = Math.min(a.horizon, run.horizon);
			const cut = (values: readonly number[]) => values.slice(0, horizon).map((v) => Number(num(v)));
			const forecasts = forecastsOf(run)!.map((f) => ({ ...f, p10: cut(f.p10), p50: cut(f.p50), p90: cut(f.p90), mean: f.mean.slice(0, horizon) }));
			const active = (await repo.listProducts()).filter((p) => p.active);
			return { run: runRef(run), horizon, items: productForecastItems(active, forecasts, run.fromDay, horizon) };
		}
	}),

	/** A category's daily units and revenue from the latest run (the shop's total is stored with the run); null without a run. */
	categoryTotal: def({
		read: reading<{ category: string; horizon: number }>(['blocks', 'products'], undefined, always),
		run: async (repo, a: { category: string; horizon: number }, snapshot) => {
			const run = snapshot.run;
			if (!run) return null;
			const demand = await readDemand(repo);
			const ids = categoryIds(demand.products, a.category);
			const include = ids ? (id: ProductId) => ids.has(id) : () => false;
			const prices = recentPrices(demand.series, (run.fromDay - 1) as DayNumber);
			return totalForecastReport(totalFromRun(run, prices, include), a.category, Math.min(a.horizon, run.horizon));
		}
	})
};

export type ReportName = keyof typeof REPORTS;
export type ReportArgs<N extends ReportName> = Parameters<(typeof REPORTS)[N]['run']>[1];

/** Reads what a report needs and computes it (in whichever thread calls it). */
export async function computeReport(name: string, store: ShopStore, args: unknown): Promise<unknown> {
	const report = REPORTS[name as ReportName] as unknown as ReportDef<unknown, unknown> | undefined;
	if (!report) throw new Error(`no report "${name}"`);
	return runReport(name, await report.read(store, args), args);
}

/** Computes a report on what was read for it. */
export function runReport(name: string, snapshot: Snapshot, args: unknown): Promise<unknown> {
	const report = REPORTS[name as ReportName] as unknown as ReportDef<unknown, unknown> | undefined;
	if (!report) throw new Error(`no report "${name}"`);
	return report.run(new SnapshotRepository(snapshot), args, snapshot);
}
export type ReportResult<N extends ReportName> = Awaited<ReturnType<(typeof REPORTS)[N]['run']>>;
