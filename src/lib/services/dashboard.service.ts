// The dashboard's figures and the sample data loader it offers on an empty store.
import type { DayNumber } from '$core/brand';
import { dashboardSummary, type DashboardSummary } from '$core/dashboard';
import type { StoreCounts } from '$core/repository';
import { lastDayWithSales, revenueTrend, type RevenueTrend } from '$core/sales-trend';
import { today } from '$core/time';
import { getRepository } from '$lib/db';
import { recomputeHealth } from './alerts.service';

export const CHART_DAYS = 90;
export const AVERAGE_DAYS = 7;
/** Far enough ahead to include sales a wrong clock dated in the future. */
const LAST_DAY = 2_932_896 as DayNumber;

export interface DashboardData {
	today: DayNumber;
	summary: DashboardSummary;
	trend: RevenueTrend;
	hasProducts: boolean;
	/** Nothing at all stored: sample data may be loaded. */
	storeEmpty: boolean;
}

export async function loadDashboard(day: DayNumber = today()): Promise<DashboardData> {
	const repo = getRepository();
	const summary = await dashboardSummary(repo, day, CHART_DAYS + AVERAGE_DAYS - 1);
	const hasProducts = summary.activeProducts > 0 || (await repo.listProducts()).length > 0;
	// Counting reads every sale block, so it is done only when there are no products at all.
	const storeEmpty = !hasProducts && isStoreEmpty(await repo.counts());
	return { today: day, summary, trend: revenueTrend(summary.series, CHART_DAYS, AVERAGE_DAYS), hasProducts, storeEmpty };
}

/** The chart for the days up to `day` (e.g. the last day of an imported history). */
export async function loadTrend(day: DayNumber): Promise<RevenueTrend> {
	const summary = await dashboardSummary(getRepository(), day, CHART_DAYS + AVERAGE_DAYS - 1);
	return revenueTrend(summary.series, CHART_DAYS, AVERAGE_DAYS);
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
