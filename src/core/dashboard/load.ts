// Reads what the dashboard needs from any store (the app's worker, the CLI, tests): aggregates,
// the catalogue, the stock cache, the ledger's non-sale entries, the newest forecast run and the
// stored segments. No sale line is read.
import type { DayNumber } from '../brand';
import type { ForecastStore } from '../forecast-runs';
import type { DashboardStore, InventoryRepository } from '../repository';
import type { DashboardInput } from './data';
import { emptyHourTotals } from './hour-totals';
import { parseStoredSegments, SEGMENTS_SETTING } from './segments';

/** Far enough either way for every stored day. */
export const ALL_DAYS = { from: 0 as DayNumber, to: 65_535 as DayNumber };

/**
 * The reads run together; `timings` (when given) gets the milliseconds until each part arrived,
 * for the Details disclosure and the bench. parts.hours false: no hour cells (the worker reads
 * them per period, hour-index.ts).
 */
export async function loadDashboardInput(
	repo: InventoryRepository & DashboardStore, forecasts?: Pick<ForecastStore, 'latestRun'>, timings?: Record<string, number>, parts: { hours: boolean } = { hours: true }
): Promise<DashboardInput> {
	const started = performance.now();
	const timed = <T>(name: string, p: Promise<T>): Promise<T> => (timings ? p.then((v) => { timings[name] = performance.now() - started; return v; }) : p);
	const [products, suppliers, shopDays, hours, series, stock, stockChanges, soldGroups, forecast, segments] = await Promise.all([
		timed('products', repo.listProducts()), timed('suppliers', repo.listSuppliers()), timed('shopDays', repo.shopDays(ALL_DAYS.from, ALL_DAYS.to)),
		parts.hours ? timed('hours', repo.hourTotals(ALL_DAYS.from, ALL_DAYS.to)) : Promise.resolve(emptyHourTotals()), timed('series', repo.allProductSeries()), timed('stock', repo.stockLevels()),
		timed('stockChanges', repo.stockChanges()), timed('soldGroups', repo.soldGroups()),
		timed('forecast', forecasts ? forecasts.latestRun() : Promise.resolve(undefined)), timed('segments', repo.getSetting<unknown>(SEGMENTS_SETTING))
	]);
	return { products, suppliers, shopDays, hours, series, stock, stockChanges, soldGroups, forecast: forecast ?? null, segments: parseStoredSegments(segments) };
}
