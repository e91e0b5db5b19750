// What a product's page gets of the stored forecast runs: the latest run's forecast, how the
// earlier runs did over the days that passed, the sales history before it, and nothing of the
// whole-catalogue runs themselves.
import { describe, expect, it } from 'vitest';
import type { Cents, DayNumber, LocalTimestamp, ProductId } from '$core/brand';
import type { CatalogForecast } from '$core/forecast/engine';
import type { DemandForecast } from '$core/forecast/types';
import { forecastFromRun, runOf, type ForecastRun } from '$core/forecast-runs';
import { HISTORY_DAYS, productForecastDays, productForecastView } from '$core/product-forecast-view';
import type { DayTotals } from '$core/types';

const A = 'prod-a' as ProductId, B = 'prod-b' as ProductId;

function forecast(productId: ProductId, fromDay: number, mean: number[]): DemandForecast {
	return {
		productId, fromDay: fromDay as DayNumber, mean, p50: mean.map(Math.round), p10: mean.map((m) => Math.max(0, m - 1)), p90: mean.map((m) => m + 1),
		method: 'tsb', modelVersion: 'tsb', overdispersion: 0.5
	};
}

function run(fromDay: number, createdAt: number, products: { id: ProductId; mean: number[] }[]): ForecastRun {
	const result = { fromDay, horizon: 3, forecasts: products.map((p) => forecast(p.id, fromDay, p.mean)) } as unknown as CatalogForecast;
	const totals = { fromDay, units: forecast(null as never, fromDay, [0, 0, 0]), revenue: forecast(null as never, fromDay, [0, 0, 0]) };
	return runOf(result, totals as never, `m${createdAt}`, createdAt as LocalTimestamp);
}

const sold = (day: number, units: number): DayTotals => ({ day: day as DayNumber, units, revenue: 0 as Cents, cost: 0 as Cents, lines: 1 });

// Newest first, as the store lists them: the latest forecasts from day 20100 (its last sales day is
// 20099); one run two days before it, one well before the history window.
const latest = run(20100, 3, [{ id: A, mean: [4, 4, 4] }, { id: B, mean: [1, 1, 1] }]);
const recent = run(20098, 2, [{ id: A, mean: [1, 1, 1] }]);
const old = run(20000, 1, [{ id: A, mean: [2, 2, 2] }, { id: B, mean: [1, 1, 1] }]);
const runs = [latest, recent, old];

describe('product forecast view', () => {
	it('reads the sales from the earliest judged run or the history window, whichever is older, to the day before the latest run', () => {
		expect(productForecastDays(runs, A)).toEqual({ from: 20000, to: 20099 });
		expect(productForecastDays([latest], A)).toEqual({ from: 20099 - HISTORY_DAYS + 1, to: 20099 });
	});

	it('has nothing to read before any run, or for a product the latest run did not cover', () => {
		expect(productForecastDays([], A)).toBeNull();
		const onlyB = run(20100, 4, [{ id: B, mean: [1, 1, 1] }]);
		expect(productForecastDays([onlyB, old], A)).toBeNull();
		expect(productForecastView([], A, [], null)).toBeUndefined();
		expect(productForecastView([onlyB, old], A, [sold(20000, 3)], null)).toBeUndefined();
	});

	it('gives the latest forecast, the earlier runs measured against what sold, and every history day', () => {
		const days = [sold(20000, 3), sold(20001, -1), sold(20050, 5), sold(20060, -2), sold(20099, 2)];
		const view = productForecastView(runs, A, days, 'moving-average')!;
		expect(Object.keys(view).sort()).toEqual(['forecast', 'history', 'override', 'realized']);
		expect(view.forecast).toEqual(forecastFromRun(latest, A));
		expect(view.override).toBe('moving-average');
		// recent: days 20098-20099 passed, forecast 1 + 1, sold 0 + 2; old: days 20000-20002, forecast 6, sold 3 (the return counts as 0).
		expect(view.realized.map((r) => [r.runId, r.days, r.forecastUnits, r.actualUnits])).toEqual([[recent.id, 2, 2, 2], [old.id, 3, 6, 3]]);
		expect(view.history).toHaveLength(HISTORY_DAYS);
		expect(view.history[0]).toEqual({ day: 20099 - HISTORY_DAYS + 1, units: 0 });
		expect(view.history.at(-1)).toEqual({ day: 20099, units: 2 });
		expect(view.history.find((h) => h.day === 20050)!.units).toBe(5);
		expect(view.history.find((h) => h.day === 20060)!.units).toBe(0);
		expect(view.history.filter((h) => h.units > 0)).toHaveLength(2);
	});

	it('judges no run whose days have not started and works without any sale', () => {
		const sameDay = run(20100, 2, [{ id: A, mean: [1, 1, 1] }]);
		const view = productForecastView([latest, sameDay], A, [], null)!;
		expect(view.realized).toEqual([]);
		expect(view.override).toBeNull();
		expect(view.history.every((h) => h.units === 0)).toBe(true);
	});
});
