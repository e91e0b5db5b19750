// The revenue forecast the dashboard's sales chart continues with (core/dashboard/forecast-line.ts):
// the stored run's shop total after the range, and under a filter the filtered products' forecasts
// at their recent prices, widened as the run widened the shop's.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DayNumber, LocalTimestamp, SupplierId } from '$core/brand';
import { dashboardView } from '$core/dashboard/build-view';
import { prepareDashboard, type DashboardInput } from '$core/dashboard/data';
import { loadDashboardInput } from '$core/dashboard/load';
import type { CatalogForecast } from '$core/forecast/engine';
import { recentPrices, totalForecast } from '$core/forecast/totals';
import { runOf } from '$core/forecast-runs';
import { MemoryRepository } from '$core/memory-repository';
import { CATEGORIES, generateShop, LAST_DAY, loadShop } from './dashboard-fixture';

const HORIZON = 14;
const FROM = (LAST_DAY + 1) as DayNumber;
let input: DashboardInput;

beforeAll(async () => {
	const repo = new MemoryRepository();
	await loadShop(repo, generateShop(4, 20));
	input = await loadDashboardInput(repo);
	const forecasts = input.series.map((s, i) => {
		const mean = Array.from({ length: HORIZON }, (_, k) => 0.4 + 0.05 * i + 0.01 * k);
		return { productId: s.productId, fromDay: FROM, mean, p50: mean, p10: mean.map((m) => m * 0.5), p90: mean.map((m) => m * 1.6), method: 'test', modelVersion: 'test@1', overdispersion: 0.3 };
	});
	const result = { fromDay: FROM, horizon: HORIZON, forecasts, totalsInflation: 1.5 } as unknown as CatalogForecast;
	const totals = totalForecast(result, recentPrices(input.series, LAST_DAY));
	input.forecast = runOf(result, totals, 'test@1', 1 as LocalTimestamp);
}, 60_000);

const view = (q: Partial<{ from: number; to: number; category: string | null; supplierId: SupplierId | null }>) =>
	dashboardView(prepareDashboard(input), { from: (LAST_DAY - 29) as DayNumber, to: LAST_DAY, category: null, supplierId: null, ...q } as never, FROM);

describe('the dashboard\'s revenue forecast', () => {
	it('continues the range with the run\'s shop revenue and its 80 % band', () => {
		const f = view({}).forecast!;
		const shop = input.forecast!.totals.revenue;
		expect(f.days).toEqual(Array.from({ length: HORIZON }, (_, k) => FROM + k));
		expect(f.mean).toEqual(shop.mean);
		expect([f.p10, f.p90]).toEqual([shop.p10, shop.p90]);
		expect(f.modelId).toBe('test@1');
	});

	it('under a filter sums the filtered products at their prices; the categories add up to the shop', () => {
		const shop = view({}).forecast!;
		const byCategory = CATEGORIES.map((c) => view({ category: c }).forecast!);
		for (let k = 0; k < HORIZON; k++) {
			// Runs keep product means as 32-bit floats: equal to a thousandth of a cent.
			expect(byCategory.reduce((n, f) => n + f.mean[k], 0)).toBeCloseTo(shop.mean[k], 2);
			for (const f of byCategory) expect(f.p10[k] <= f.mean[k] && f.mean[k] <= f.p90[k]).toBe(true);
		}
		// Each category's band is narrower than the shop's: fewer products, less spread.
		expect(byCategory.every((f) => f.p90[0] - f.mean[0] < shop.p90[0] - shop.mean[0])).toBe(true);
	});

	it('is absent for a past period and when the run ends before the range does', () => {
		expect(view({ from: LAST_DAY - 60, to: LAST_DAY - 31 }).forecast).toBeNull();
		expect(view({ to: FROM + HORIZON }).forecast).toBeNull();
		// A range ending inside the run's days continues after its end.
		expect(view({ to: FROM + 3 }).forecast!.days[0]).toBe(FROM + 4);
	});
});
