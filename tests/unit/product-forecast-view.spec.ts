// What a product's page gets of the stored forecast runs: the latest run's forecast, how the
// earlier runs did over the days that passed, the sales history before it, and nothing of the
// whole-catalogue runs themselves.
import { describe, expect, it } from 'vitest';
import type { Cents, DayNumber, LocalTimestamp, ProductId } from '$core/brand';
import type { CatalogForecast } from '$core/forecast/engine';
import type { DemandForecast } from '$core/forecast/types';
import { forecastFromRun, runOf, type ForecastRun } from '$core/forecast-runs';
import { HISTORY_DAYS, productForecastDays, productForecastView, roundUnits, styleForecastView, sumForecasts, SUM_OF_VARIANTS, weeklyDemand } from '$core/product-forecast-view';
import { addToSeries } from '$core/product-series';
import { negativeBinomialQuantiles } from '$core/forecast/distribution';
import { totalOverDays } from '$core/forecast-runs';
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

describe('a style forecast', () => {
	const S = 'var-s' as ProductId, M = 'var-m' as ProductId, L = 'var-l' as ProductId;
	const styleId = 'style' as ProductId;

	it('adds up its variants: the means exactly, the band from the summed variances (never the summed P10/P90)', () => {
		const a = forecast(S, 20100, [0.5, 1, 2]), b = forecast(M, 20100, [1.5, 1, 0]);
		const sum = sumForecasts([a, b], styleId)!;
		expect(sum).toMatchObject({ productId: styleId, fromDay: 20100, method: SUM_OF_VARIANTS, mean: [2, 2, 2] });
		// Variance of day 0: (0.5 + 0.5 * 0.25) + (1.5 + 0.5 * 2.25) = 3.25.
		expect(sum.p90[0]).toBeCloseTo(2 + 1.2815515655 * Math.sqrt(3.25), 6);
		expect(sum.p10[0]).toBeCloseTo(Math.max(0, 2 - 1.2815515655 * Math.sqrt(3.25)), 6);
		// The headline's 30-day figure of the sum has the variants' means summed.
		expect(totalOverDays(sum, 3).mean).toBeCloseTo(totalOverDays(a, 3).mean + totalOverDays(b, 3).mean, 9);
		expect(sumForecasts([], styleId)).toBeUndefined();
	});

	it('covers about 80% of days of independently selling variants, where summed P10/P90 would cover far more', () => {
		// Four variants, each a negative binomial day of mean 3 and overdispersion 0.3: simulate the sum.
		const variants = [0, 1, 2, 3].map((i) => {
			const [p10, p50, p90] = negativeBinomialQuantiles(3, 0.3, [0.1, 0.5, 0.9]);
			return { ...forecast(`v${i}` as ProductId, 20100, [3]), p10: [p10], p50: [p50], p90: [p90], overdispersion: 0.3 };
		});
		const sum = sumForecasts(variants, styleId)!;
		let seed = 7;
		const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		const nb = (mean: number, phi: number) => {
			// Gamma-Poisson: a gamma rate of shape about 1/phi (a sum of exponentials, the fraction by chance), then Poisson.
			const shape = 1 / phi;
			let g = 0;
			for (let k = 0; k < Math.floor(shape); k++) g -= Math.log(random());
			if (random() < shape - Math.floor(shape)) g -= Math.log(random());
			const lambda = (g / shape) * mean;
			let n = 0, p = Math.exp(-lambda), c = p;
			const u = random();
			while (u > c) { n++; p *= lambda / n; c += p; }
			return n;
		};
		let inside = 0, insideSummed = 0;
		const trials = 4000;
		const summedP10 = variants.reduce((n, v) => n + v.p10[0], 0), summedP90 = variants.reduce((n, v) => n + v.p90[0], 0);
		for (let t = 0; t < trials; t++) {
			const total = variants.reduce((n) => n + nb(3, 0.3), 0);
			if (total >= sum.p10[0] && total <= sum.p90[0]) inside++;
			if (total >= summedP10 && total <= summedP90) insideSummed++;
		}
		expect(inside / trials).toBeGreaterThan(0.72);
		expect(inside / trials).toBeLessThan(0.88);
		expect(insideSummed / trials).toBeGreaterThan(0.95);
	});

	it('gives each variant its sales and forecast, and the style the sum of their forecasts and sales history', () => {
		const latestRun = run(20100, 3, [{ id: S, mean: [1, 1, 1] }, { id: M, mean: [2, 2, 2] }, { id: A, mean: [9, 9, 9] }]);
		const series = new Map([
			[S, addToSeries(undefined, S, [sold(20099, 2), sold(20050, 1), sold(19900, 4)])],
			[M, addToSeries(undefined, M, [sold(20099, 1), sold(20098, -1)])]
		]);
		const style = styleForecastView([latestRun], styleId, [S, M, L], (id) => series.get(id), 20099 as DayNumber);
		expect(style.variants.map((v) => [v.productId, v.sold30, v.sold90, v.next30?.mean ?? null])).toEqual([[S, 2, 3, 3], [M, 0, 0, 6], [L, 0, 0, null]]);
		expect(style.notForecast).toEqual([L]);
		expect(style.view!.forecast.mean).toEqual([3, 3, 3]);
		expect(style.view!.forecast.productId).toBe(styleId);
		expect(style.view!.history.at(-1)).toEqual({ day: 20099, units: 3 });
		// A return (net -1) is drawn as nothing sold that day, not as taking a variant's sale away.
		expect(style.view!.history.at(-2)).toEqual({ day: 20098, units: 0 });
		expect(styleForecastView([], styleId, [S], (id) => series.get(id), 20099 as DayNumber).view).toBeUndefined();
	});
});

describe('a product\'s demand by the week', () => {
	const daily = (fromDay: number, mean: number[], backtest?: number[]): DemandForecast => ({
		...forecast(A, fromDay, mean), ...(backtest ? { backtest: [{ actual: backtest.map(() => 0), forecast: backtest }] } : {})
	});
	const history = (lastDay: number, units: (day: number) => number) =>
		Array.from({ length: HISTORY_DAYS }, (_, i) => ({ day: lastDay - HISTORY_DAYS + 1 + i, units: units(lastDay - HISTORY_DAYS + 1 + i) }));

	it('quotes next week as the total of its seven days, the same figure the chart starts the forecast with', () => {
		// 4 a day for 60 days: 28 a week; the 4 days after the eighth week are not a week and are not drawn.
		const f = daily(20100, new Array(60).fill(4));
		const weeks = weeklyDemand({ forecast: f, history: history(20099, () => 0) });
		expect(weeks.ahead).toHaveLength(8);
		expect(weeks.nextWeek).toEqual(weeks.ahead[0]);
		expect(weeks.nextWeek).toMatchObject({ fromDay: 20100, days: 7, mean: 28 });
		expect(weeks.nextWeek).toMatchObject(totalOverDays(f, 7));
		expect(weeks.ahead.map((w) => w.fromDay)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((w) => 20100 + 7 * w));
		// The band is of the week's total: wider than a day's, narrower than seven days' bands laid end to end.
		const day = totalOverDays(f, 1), band = weeks.nextWeek!.p90 - weeks.nextWeek!.p10;
		expect(band).toBeGreaterThan(day.p90 - day.p10);
		expect(band).toBeLessThan(7 * (day.p90 - day.p10));
	});

	it('adds the sales up by whole weeks ending the day before the forecast', () => {
		// 3 units on the last day of every week (counting back from the day before the forecast), 1 on the others.
		const weeks = weeklyDemand({ forecast: daily(20100, new Array(14).fill(1)), history: history(20099, (d) => ((20099 - d) % 7 === 0 ? 3 : 1)) });
		expect(weeks.past).toHaveLength(HISTORY_DAYS / 7);
		expect(weeks.past.at(-1)).toEqual({ fromDay: 20093, units: 3 + 6 });
		expect(weeks.past[0].fromDay).toBe(20100 - HISTORY_DAYS);
		expect(weeks.past.every((w) => w.units === 9)).toBe(true);
		expect(weeks.lastFourWeeks).toBe(36);
	});

	it('lines the test forecast up with the last weeks it covered', () => {
		const test = [...new Array(7).fill(1), ...new Array(7).fill(2), ...new Array(7).fill(0), ...new Array(7).fill(3)];
		const weeks = weeklyDemand({ forecast: daily(20100, new Array(14).fill(1), test), history: history(20099, () => 0) });
		expect(weeks.tested.slice(-4)).toEqual([7, 14, 0, 21]);
		expect(weeks.tested.slice(0, -4).every((v) => v === null)).toBe(true);
		expect(weeklyDemand({ forecast: daily(20100, [1, 1, 1]), history: history(20099, () => 0) }).nextWeek).toBeUndefined();
	});

	it('says small figures with a decimal and large ones whole', () => {
		expect([roundUnits(0.44), roundUnits(3.06), roundUnits(9.96), roundUnits(24.6), roundUnits(150.4)]).toEqual([0.4, 3.1, 10, 25, 150]);
	});
});
