// The analytics a worker thread computes for a request, by name: what each reads from the shop's
// store (on the main thread) and the core report builder it runs on that data (in the worker), the
// same builder `inventario` runs on its own store. Forecast-based reports get the latest stored run.
import type { DayNumber, ProductId } from '../../core/brand';
import { recentPrices } from '../../core/forecast/totals';
import { forecastsFromRun, type ForecastRun } from '../../core/forecast-runs';
import { HEALTH_PARTS } from '../../core/health/score';
import { categoryIds, readDemand, totalForecastReport, totalFromRun } from '../../core/reports/forecast';
import { alertsJson, healthJson, loadHealthReport, type HealthReportOptions } from '../../core/reports/health';
import { allRecommendations, customerRecommendations, productRecommendations, segmentsReport } from '../../core/reports/insights';
import { reorderReport, type ReorderReportOptions } from '../../core/reports/reorder';
import { trendsReport } from '../../core/reports/trends';
import type { InventoryRepository } from '../../core/repository';
import type { TrendsOptions } from '../../core/trends/report';
import type { Customer, Product } from '../../core/types';
import type { Snapshot, SnapshotPart } from './protocol';
import { readSnapshot } from './snapshot';

interface ReportDef<A, R> {
	/** What the report reads from the store, on the main thread. */
	read(repo: InventoryRepository, args: A): Promise<Snapshot>;
	/** The computation, in a worker, on a store made of what was read. */
	run(repo: InventoryRepository, args: A): Promise<R>;
}

const reading = <A>(parts: SnapshotPart[], until?: (args: A) => DayNumber | undefined) =>
	(repo: InventoryRepository, args: A) => readSnapshot(repo, parts, until?.(args));

const forecastsOf = (run: ForecastRun | null) => (run ? [...forecastsFromRun(run).values()] : null);

export interface InsightsArgs { top: number; until?: DayNumber }

const def = <A, R>(d: ReportDef<A, R>) => d;

export const REPORTS = {
	trends: def({
		read: reading<Partial<TrendsOptions>>(['products', 'series', 'stock', 'shopDays']),
		run: (repo, options: Partial<TrendsOptions>) => trendsReport(repo, options)
	}),

	reorder: def({
		read: reading<{ run: ForecastRun; options: Partial<ReorderReportOptions> }>(['products', 'suppliers', 'stock', 'orders']),
		run: (repo, a: { run: ForecastRun; options: Partial<ReorderReportOptions> }) => reorderReport(repo, forecastsOf(a.run)!, a.options)
	}),

	/** The health report, the alerts it raised (to reconcile) and the day's snapshot of the score. */
	health: def({
		read: reading<{ run: ForecastRun | null; options: Partial<HealthReportOptions> }>(['products', 'suppliers', 'series', 'stock', 'orders', 'shopDays']),
		run: async (repo, a: { run: ForecastRun | null; options: Partial<HealthReportOptions> }) => {
			const { report, forecastFrom } = await loadHealthReport(repo, forecastsOf(a.run), a.options);
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

	/** A category's daily units and revenue from the latest run (the shop's total is stored with the run). */
	categoryTotal: def({
		read: reading<{ run: ForecastRun; category: string; horizon: number }>(['blocks', 'products']),
		run: async (repo, a: { run: ForecastRun; category: string; horizon: number }) => {
			const demand = await readDemand(repo);
			const ids = categoryIds(demand.products, a.category);
			const include = ids ? (id: ProductId) => ids.has(id) : () => false;
			const prices = recentPrices(demand.series, (a.run.fromDay - 1) as DayNumber);
			return totalForecastReport(totalFromRun(a.run, prices, include), a.category, a.horizon);
		}
	})
};

export type ReportName = keyof typeof REPORTS;
export type ReportArgs<N extends ReportName> = Parameters<(typeof REPORTS)[N]['run']>[1];
export type ReportResult<N extends ReportName> = Awaited<ReturnType<(typeof REPORTS)[N]['run']>>;
