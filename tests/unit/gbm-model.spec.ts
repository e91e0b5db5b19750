// The catalogue's gradient-boosted trees (gbm-model.ts) on a simulated shop whose demand is known,
// and the engine with them: a method of its own, part of the blend, and a product overridden to it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cents, DayNumber, ProductId } from '../../src/core/brand';
import { weekdayOf } from '../../src/core/forecast/calendar';
import { forecastCatalog, METHOD_NAMES, type CatalogForecast } from '../../src/core/forecast/engine';
import { trackProduct } from '../../src/core/forecast/features';
import { GBM_MODEL_NAME, predictGbm, trainGbmModel } from '../../src/core/forecast/gbm-model';
import { prepareCatalog } from '../../src/core/forecast/prepare';
import { addToSeries, type ProductSeries } from '../../src/core/product-series';
import { parseIsoDay } from '../../src/core/time';
import { startNodeBackend } from '../../src/cli/commands/forecast-run';
import { poissonSampler } from './poisson-sampler';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as ProductId;
const start = parseIsoDay('2024-01-01')!; // a Monday
const days = 240, products = 40;
const poisson = poissonSampler(3);
const weekdayFactor = [1.2, 1, 1, 1, 1.4, 0, 0.6]; // closed on Saturdays
const rates = Array.from({ length: products }, (_, p) => 0.1 * Math.pow(1.17, p));
const history = rates.map((rate) => Array.from({ length: days }, (_, i) => poisson(rate * weekdayFactor[weekdayOf(start + i)])));
const series: ProductSeries[] = history.map((units, p) => addToSeries(undefined, id(p), units.flatMap((u, i) => (u > 0 ? [{ day: (start + i) as DayNumber, units: u, revenue: (u * 100) as Cents, cost: 0 as Cents, lines: 1 }] : []))));
const lastDay = (start + days - 1) as DayNumber;

describe('the gradient-boosted trees on a simulated shop', () => {
	const catalog = prepareCatalog(series, lastDay);
	const tracks = catalog.products.map((p) => trackProduct(p, catalog.closedDay));
	const model = trainGbmModel(catalog, tracks, catalog.length);
	const means = predictGbm(model, catalog, tracks, catalog.length, 28);

	it('stops early on the latest origins and forecasts zero on the closed weekday', () => {
		expect(model.log.trees).toBeGreaterThan(1);
		expect(model.booster.validationDeviance.length).toBeGreaterThanOrEqual(model.log.trees);
		means.forEach((m) => m.forEach((v, k) => { if (weekdayOf(catalog.startDay + catalog.length + k) === 5) expect(v).toBe(0); }));
	});

	it('recovers each product level and the weekday pattern', () => {
		let forecast = 0, truth = 0;
		const byWeekday = new Array(7).fill(0);
		means.forEach((m, p) => m.forEach((v, k) => {
			const w = weekdayOf(catalog.startDay + catalog.length + k);
			forecast += v;
			truth += rates[p] * weekdayFactor[w];
			byWeekday[w] += v;
		}));
		expect(forecast / truth).toBeGreaterThan(0.9);
		expect(forecast / truth).toBeLessThan(1.1);
		expect(byWeekday[4] / byWeekday[1]).toBeGreaterThan(1.2);
		expect(byWeekday[6] / byWeekday[1]).toBeLessThan(0.8);
		// The busiest product's 28 days within 20% of its true demand.
		const last = products - 1;
		const trueTotal = means[last].reduce((s, _, k) => s + rates[last] * weekdayFactor[weekdayOf(catalog.startDay + catalog.length + k)], 0);
		expect(Math.abs(means[last].reduce((a, b) => a + b) / trueTotal - 1)).toBeLessThan(0.2);
	});
});

describe('the engine with the trees', () => {
	let result: CatalogForecast;
	beforeAll(async () => {
		await startNodeBackend();
		result = await forecastCatalog(series, { lastDay, horizon: 14, overrides: new Map([[id(5), GBM_MODEL_NAME]]), emitAllMethods: true, training: { maxExamples: 20_000, epochs: 2 } });
	}, 120_000);

	it('offers the trees as a method, backtests them, and forecasts an overridden product with them', () => {
		expect(METHOD_NAMES).toContain(GBM_MODEL_NAME);
		expect(result.trees?.backtest.trees).toBeGreaterThan(0);
		expect(result.backtestSummary[GBM_MODEL_NAME]).toBeDefined();
		const overridden = result.forecasts.find((f) => f.productId === id(5))!;
		expect(overridden.method).toBe(GBM_MODEL_NAME);
		const trees = result.byMethod![GBM_MODEL_NAME].find((f) => f.productId === id(5))!;
		expect(overridden.mean).toEqual(trees.mean.map((v) => v * 1));
		expect(overridden.backtest?.length).toBeGreaterThan(0);
	});
});
