// Reads what the dashboard needs from any store (the app's worker, the CLI, tests): aggregates,
// the catalogue, the stock cache, the ledger's non-sale entries, the newest forecast run and the
// stored segments. No sale line is read.
import type { DayNumber } from '../brand';
import type { ForecastStore } from '../forecast-runs';
import type { DashboardStore, InventoryRepository } from '../repository';
import type { DashboardInput } from './data';
import { parseStoredSegments, SEGMENTS_SETTING } from './segments';

/** Far enough either way for every stored day. */
export const ALL_DAYS = { from: 0 as DayNumber, to: 65_535 as DayNumber };

export async function loadDashboardInput(repo: InventoryRepository & DashboardStore, forecasts?: Pick<ForecastStore, 'latestRun'>): Promise<DashboardInput> {
	const [products, suppliers, shopDays, hours, series, stock, stockChanges, soldGroups, forecast, segments] = await Promise.all([
		repo.listProducts(), repo.listSuppliers(), repo.shopDays(ALL_DAYS.from, ALL_DAYS.to), repo.hourTotals(ALL_DAYS.from, ALL_DAYS.to),
		repo.allProductSeries(), repo.stockLevels(), repo.stockChanges(), repo.soldGroups(),
		forecasts ? forecasts.latestRun() : Promise.resolve(undefined), repo.getSetting<unknown>(SEGMENTS_SETTING)
	]);
	return { products, suppliers, shopDays, hours, series, stock, stockChanges, soldGroups, forecast: forecast ?? null, segments: parseStoredSegments(segments) };
}
