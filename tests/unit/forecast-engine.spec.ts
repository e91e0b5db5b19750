// The forecasting core: demand from sale lines, dense series and closed days, the baselines, the
// count distribution behind the intervals, the metrics, and the whole engine on a simulated shop
// whose true demand is known (so accuracy and interval coverage can be checked, not just shapes).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cents, DayNumber, LocalTimestamp, ProductId } from '../../src/core/brand';
import { backtestOrigins, bestMethod, groupMembers, groupOf, levelCorrection, type BacktestWindow } from '../../src/core/forecast/backtest';
import { bestBlendOf, chooseBlendOrMethod } from '../../src/core/forecast/blend';
import { BASELINES, IntermittentSmoother, type MethodInput } from '../../src/core/forecast/baselines';
import { closedWeekdays, weekdayOf } from '../../src/core/forecast/calendar';
import { soldSeriesFromBlocks } from '../../src/core/forecast/demand';
import { levelInstability, negativeBinomialQuantiles, overdispersion } from '../../src/core/forecast/distribution';
import { forecastCatalog, type CatalogForecast } from '../../src/core/forecast/engine';
import { trackProduct } from '../../src/core/forecast/features';
import { predictGlobal, trainGlobalModel } from '../../src/core/forecast/global-model';
import { errorScales, scoreForecast } from '../../src/core/forecast/metrics';
import { prepareCatalog } from '../../src/core/forecast/prepare';
import { totalForecast } from '../../src/core/forecast/totals';
import { addToSeries, type ProductSeries } from '../../src/core/product-series';
import { buildBlock } from '../../src/core/sale-blocks';
import { parseIsoDay, startOfDay } from '../../src/core/time';
import { startNodeBackend } from '../../src/cli/commands/forecast-run';
import { poissonSampler } from './poisson-sampler';
import { tf } from '../../src/core/forecast/tf';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as ProductId;
const day = (iso: string) => parseIsoDay(iso)!;
const input = (units: number[], origin = units.length): MethodInput => ({ units, first: units.findIndex((u) => u > 0), origin, closedDay: new Array(units.length).fill(0) });

describe('demand and series preparation', () => {
	it('counts units sold from positive lines only: a return is not negative demand', () => {
		const at = (iso: string) => startOfDay(day(iso)) as LocalTimestamp;
		const line = (productId: ProductId, quantity: number) => ({ productId, quantity, unitPrice: 250 as Cents, discount: 0 as Cents });
		const block = buildBlock('b1', [
			{ id: id(100) as never, invoice: '1', at: at('2024-03-04'), customerId: null, deviceId: 'd', lines: [line(id(1), 3), line(id(2), 1)] },
			{ id: id(101) as never, invoice: 'C2', at: at('2024-03-04'), customerId: null, deviceId: 'd', lines: [line(id(1), -5)] },
			{ id: id(102) as never, invoice: '3', at: at('2024-03-06'), customerId: null, deviceId: 'd', lines: [line(id(1), 2)] }
		], 'import');
		const series = soldSeriesFromBlocks([block]);
		const first = series.find((s) => s.productId === id(1))!;
		expect([...first.days]).toEqual([day('2024-03-04'), day('2024-03-06')]);
		expect([...first.units]).toEqual([3, 2]);
		expect([...first.revenue]).toEqual([750, 500]);
		expect(soldSeriesFromBlocks([block], day('2024-03-05')).find((s) => s.productId === id(1))!.units.length).toBe(1);
	});

	it('finds the weekday a shop is closed from days on which nothing sold', () => {
		const start = day('2024-01-01'); // a Monday
		const shop = Array.from({ length: 70 }, (_, i) => (weekdayOf(start + i) === 5 ? 0 : 10));
		expect(closedWeekdays(shop, start as DayNumber)).toEqual([false, false, false, false, false, true, false]);
		shop[3] = 0; // one quiet Thursday is a holiday, not a closed weekday
		expect(closedWeekdays(shop, start as DayNumber)[3]).toBe(false);
	});

	it('makes dense arrays up to the origin, marks closed days and drops products without sales yet', () => {
		const start = day('2024-01-01');
		const a = addToSeries(undefined, id(1), [{ day: (start + 1) as DayNumber, units: 2, revenue: 200 as Cents, cost: 0 as Cents, lines: 1 }, { day: (start + 9) as DayNumber, units: 4, revenue: 400 as Cents, cost: 0 as Cents, lines: 1 }]);
		const later = addToSeries(undefined, id(2), [{ day: (start + 20) as DayNumber, units: 1, revenue: 100 as Cents, cost: 0 as Cents, lines: 1 }]);
		const catalog = prepareCatalog([a, later], (start + 5) as DayNumber);
		expect(catalog.startDay).toBe(start + 1);
		expect(catalog.length).toBe(5);
		expect(catalog.products.map((p) => p.productId)).toEqual([id(1)]);
		expect([...catalog.products[0].units]).toEqual([2, 0, 0, 0, 0]);
		expect([...catalog.closedDay]).toEqual([0, 1, 1, 1, 1]);
		expect(() => prepareCatalog([later], start as DayNumber)).toThrow(/no sales on or before/);
	});
});

describe('baselines', () => {
	it('seasonal naive repeats the last week; moving average is the last 28 days', () => {
		const units = Array.from({ length: 35 }, (_, i) => i % 7);
		const targets = Array.from({ length: 10 }, (_, k) => 35 + k);
		expect([...BASELINES['seasonal-naive'](input(units), targets)]).toEqual([0, 1, 2, 3, 4, 5, 6, 0, 1, 2]);
		expect(BASELINES['moving-average'](input(units), targets)[0]).toBeCloseTo(3);
	});

	it('Croston/SBA is size over interval with the bias correction; TSB decays once sales stop; ADIDA keeps a steady rate', () => {
		const every3 = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 6 : 0));
		const sba = BASELINES['croston-sba'](input(every3, 60), [60])[0];
		expect(sba).toBeCloseTo(0.95 * 6 / 3, 1);
		expect(BASELINES.adida(input(every3, 60), [60])[0]).toBeCloseTo(2, 5);
		const stopped = [...every3, ...new Array(60).fill(0)];
		const smoother = new IntermittentSmoother();
		every3.forEach((y) => smoother.push(y));
		const tsbBefore = smoother.tsb;
		expect(BASELINES.tsb(input(stopped, 120), [120])[0]).toBeLessThan(tsbBefore * 0.01);
		expect(BASELINES['croston-sba'](input(stopped, 120), [120])[0]).toBeCloseTo(sba, 5);
	});

	it('skips the days the shop was closed', () => {
		const units = Array.from({ length: 28 }, (_, i) => (i % 7 === 5 ? 0 : 7));
		const closedDay = units.map((u) => (u === 0 ? 1 : 0));
		expect(BASELINES['moving-average']({ units, first: 0, origin: 28, closedDay }, [28])[0]).toBeCloseTo(7);
		expect(BASELINES.tsb({ units, first: 0, origin: 28, closedDay }, [28])[0]).toBeCloseTo(7);
	});
});

describe('count distribution and metrics', () => {
	it('gives Poisson quantiles without overdispersion and wider ones with it', () => {
		expect(negativeBinomialQuantiles(2, 0, [0.1, 0.5, 0.9])).toEqual([0, 2, 4]);
		const wide = negativeBinomialQuantiles(2, 1, [0.1, 0.5, 0.9]);
		expect(wide[2]).toBeGreaterThan(4);
		expect(negativeBinomialQuantiles(0, 1, [0.1, 0.9])).toEqual([0, 0]);
		const big = negativeBinomialQuantiles(2000, 0.01, [0.1, 0.5, 0.9]);
		expect(big[0]).toBeLessThan(2000);
		expect(big[2]).toBeGreaterThan(2000);
	});

	it('measures overdispersion from history', () => {
		const lumpy = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 50 : 0));
		const steady = new Array(100).fill(5);
		const closed = new Array(100).fill(0);
		expect(overdispersion(lumpy, 0, 100, closed)).toBeGreaterThan(5);
		expect(overdispersion(steady, 0, 100, closed)).toBe(0);
	});

	it('measures how far the shop level moved over the last four weeks, skipping closed days', () => {
		const closed = Array.from({ length: 70 }, (_, i) => (i % 7 === 6 ? 1 : 0));
		const steady = closed.map((c) => (c ? 0 : 10));
		expect(levelInstability(steady, closed, 70)).toBeCloseTo(0, 9);
		// The last 28 open days sold half as much as the 28 before.
		const open = closed.flatMap((c, i) => (c ? [] : [i]));
		const dropped = steady.map((v, i) => (open.indexOf(i) >= open.length - 28 ? v / 2 : v));
		expect(levelInstability(dropped, closed, 70)).toBeCloseTo(Math.log(281 / 141), 9);
		// Too little history to tell: no widening.
		expect(levelInstability(steady.slice(0, 40), closed, 40)).toBe(0);
	});

	it('scores a forecast like the M5 scorer', () => {
		const history = [0, 2, 0, 2, 0, 2, 0, 2, 0, 2];
		const scales = errorScales(history, 1, history.length);
		expect(scales.rmsseScale).toBe(4);
		const m = scoreForecast([1, 3], [2, 2], [0, 0], [2, 2], [3, 3], scales);
		expect(m.rmsse).toBeCloseTo(0.5);
		expect(m.totalError).toBe(0);
		expect(m.bias).toBe(0);
		expect(m.coverage).toBe(1);
	});
});

describe('the engine on a simulated shop', () => {
	const start = day('2024-01-01');
	const days = 240, horizon = 28, products = 40;
	const poisson = poissonSampler(7);
	const weekdayFactor = [1.2, 1, 1, 1, 1.4, 0, 0.6]; // closed on Saturdays
	const rates = Array.from({ length: products }, (_, p) => 0.1 * Math.pow(1.17, p));
	const simulate = (from: number, n: number) => rates.map((rate) => Array.from({ length: n }, (_, i) => poisson(rate * weekdayFactor[weekdayOf(start + from + i)])));
	const history = simulate(0, days), future = simulate(days, horizon);
	const series: ProductSeries[] = history.map((units, p) => addToSeries(undefined, id(p), units.flatMap((u, i) => (u > 0 ? [{ day: (start + i) as DayNumber, units: u, revenue: (u * 100) as Cents, cost: 0 as Cents, lines: 1 }] : []))));
	const lastDay = (start + days - 1) as DayNumber;
	let result: CatalogForecast;

	beforeAll(async () => {
		await startNodeBackend();
		result = await forecastCatalog(series, { lastDay, horizon, overrides: new Map([[id(0), 'seasonal-naive']]), training: { maxExamples: 40_000, epochs: 3 } });
	}, 60_000);

	it('forecasts every product for every day, zero on the closed weekday, quantiles in order', () => {
		expect(result.forecasts).toHaveLength(products);
		expect(result.closedWeekdays[5]).toBe(true);
		for (const f of result.forecasts) {
			expect(f.mean).toHaveLength(horizon);
			expect(f.fromDay).toBe(lastDay + 1);
			for (let k = 0; k < horizon; k++) {
				expect(f.p10[k]).toBeLessThanOrEqual(f.p50[k]);
				expect(f.p50[k]).toBeLessThanOrEqual(f.p90[k]);
				if (weekdayOf(lastDay + 1 + k) === 5) expect(f.p90[k]).toBe(0);
			}
			expect(f.metrics?.rmsse).toBeGreaterThan(0);
		}
		expect(result.training!.examples).toBeGreaterThan(10_000);
	});

	it('backtests from four weekly origins with a network trained before the first, then refits through the last day', () => {
		expect(result.backtestOrigins).toEqual([days - 49, days - 42, days - 35, days - 28].map((d) => start + d));
		// No window's days were seen by the network that forecast them.
		expect(result.training!.trainedThrough).toBe(days - 49 - 1);
		expect(result.refit!.trainedThrough).toBe(days - 1);
		expect(result.refit!.epochs).toBe(result.training!.bestEpoch);
		const f = result.forecasts[products - 1];
		expect(f.backtest).toHaveLength(4);
		// Latest window first: it ends on the last day of sales (what the product page overlays).
		expect(f.backtest![0].actual).toEqual(history[products - 1].slice(days - 28));
		expect(f.backtest![3].actual).toEqual(history[products - 1].slice(days - 49, days - 21));
		expect(result.backtestSummary[f.method].products).toBe(products * 4);
	});

	it('trains several networks side by side when examples are few, and forecasts their average', async () => {
		const catalog = prepareCatalog(series, lastDay);
		const tracks = catalog.products.map((p) => trackProduct(p, catalog.closedDay));
		const few = await trainGlobalModel(catalog, tracks, catalog.length, { maxExamples: 8_000, epochs: 1 });
		const many = await trainGlobalModel(catalog, tracks, catalog.length, { maxExamples: 200_000, epochs: 1 });
		try {
			expect(few.network.outputs[0].shape).toEqual([null, 5]);
			// Within the same budget: more examples, fewer networks.
			expect(many.network.outputs[0].shape[1]).toBeLessThan(5);
			// The forecast is the mean of the members' expected demand, each rescaled the same way.
			const mean = predictGlobal(few, catalog, tracks, catalog.length, 3);
			const concatenate = few.network.layers.find((l) => l.getClassName() === 'Concatenate')!;
			const members = (concatenate.input as tf.SymbolicTensor[]).map((output) => predictGlobal({ ...few, network: tf.model({ inputs: few.network.inputs, outputs: output }) }, catalog, tracks, catalog.length, 3));
			expect(members).toHaveLength(5);
			for (const p of [0, products - 1]) {
				for (let k = 0; k < 3; k++) {
					expect(mean[p][k]).toBeCloseTo(members.reduce((sum, one) => sum + one[p][k], 0) / 5, 5);
					if (weekdayOf(lastDay + 1 + k) !== 5) expect(new Set(members.map((one) => one[p][k].toFixed(6))).size).toBeGreaterThan(1);
				}
			}
		} finally {
			few.network.dispose();
			many.network.dispose();
		}
	}, 60_000);

	it('honours a per-product method override and rejects unknown methods', async () => {
		expect(result.forecasts[0].method).toBe('seasonal-naive');
		await expect(forecastCatalog(series, { lastDay, horizon, overrides: new Map([[id(1), 'prophet']]) })).rejects.toThrow(/unknown method "prophet"/);
		await expect(forecastCatalog(series, { lastDay, horizon: 0 })).rejects.toThrow(/horizon/);
	});

	it('gets the busy products\' totals right and covers about 80% of future product-days', () => {
		let covered = 0, n = 0;
		result.forecasts.forEach((f, p) => {
			for (let k = 0; k < horizon; k++) {
				if (weekdayOf(lastDay + 1 + k) === 5) continue;
				n++;
				if (f.p10[k] <= future[p][k] && future[p][k] <= f.p90[k]) covered++;
			}
		});
		expect(covered / n).toBeGreaterThan(0.7);
		expect(covered / n).toBeLessThan(0.92);
		for (let p = products - 5; p < products; p++) {
			const expected = Array.from({ length: horizon }, (_, k) => rates[p] * weekdayFactor[weekdayOf(lastDay + 1 + k)]).reduce((a, b) => a + b);
			const forecast = result.forecasts[p].mean.reduce((a, b) => a + b);
			expect(Math.abs(forecast - expected) / expected).toBeLessThan(0.2);
		}
	});

	it('sums products into shop totals with an interval around the mean', () => {
		const prices = new Map(result.forecasts.map((f) => [f.productId!, 100]));
		const total = totalForecast(result, prices);
		const sum = result.forecasts.reduce((s, f) => s + f.mean[0], 0);
		expect(total.units.mean[0]).toBeCloseTo(sum, 6);
		expect(total.revenue.mean[0]).toBeCloseTo(sum * 100, 4);
		expect(total.units.p10[0]).toBeLessThan(sum);
		expect(total.units.p90[0]).toBeGreaterThan(sum);
		const some = totalForecast(result, prices, (productId) => productId === id(3));
		expect(some.units.mean[0]).toBeCloseTo(result.forecasts[3].mean[0], 6);
	});
});

describe('the engine on a short history', () => {
	it('has no backtest under 12 weeks: TSB for everyone, the global model override falls back to it', async () => {
		const start = day('2024-01-01');
		const series = [0, 1].map((p) => addToSeries(undefined, id(p), Array.from({ length: 30 }, (_, i) => ({ day: (start + i * 2) as DayNumber, units: 1 + p, revenue: 100 as Cents, cost: 0 as Cents, lines: 1 }))));
		const result = await forecastCatalog(series, { lastDay: (start + 59) as DayNumber, horizon: 7, overrides: new Map([[id(1), 'global-nn']]) });
		expect(result.training).toBeNull();
		expect(result.forecasts.map((f) => f.method)).toEqual(['tsb', 'tsb']);
		expect(result.forecasts[1].mean[0]).toBeGreaterThan(result.forecasts[0].mean[0]);
		expect(result.forecasts[0].backtest).toBeUndefined();
	});
});

describe('choosing over several backtest windows', () => {
	const window = (origin: number, actual: number[], means: Record<string, number[]>): BacktestWindow => ({
		origin, actual: [Float32Array.from(actual)], scales: [{ rmsseScale: 1, maseScale: 1 }], phis: [0], frequencies: [0.5], scored: [0],
		means: new Map(Object.entries(means).map(([m, v]) => [m, [Float64Array.from(v)]]))
	});

	it('lays the origins a week apart, the latest window ending on the last day, none without eight weeks to train on', () => {
		expect(backtestOrigins(200)).toEqual([151, 158, 165, 172]);
		expect(backtestOrigins(98)).toEqual([56, 63, 70]);
		expect(backtestOrigins(83)).toEqual([]);
	});

	it('picks the method that is best over all windows, not the one lucky in the latest', () => {
		// "lucky" is perfect in the latest window and far off in the three before; "steady" is a little off in all four.
		const windows = [0, 1, 2, 3].map((w) => window(100 + 7 * w, [2, 2], { lucky: w === 3 ? [2, 2] : [6, 6], steady: [3, 3] }));
		const members = groupMembers(windows, groupOf(0.5));
		expect(bestMethod(windows, ['lucky', 'steady'], members, 'tsb').method).toBe('steady');
		expect(bestMethod(windows.slice(3), ['lucky', 'steady'], groupMembers(windows.slice(3), groupOf(0.5)), 'tsb').method).toBe('lucky');
		expect(bestMethod(windows, ['prophet'], members, 'tsb')).toEqual({ method: 'tsb', score: Infinity });
	});

	it('blends over all windows too', () => {
		// The truth is the mean of a and b in every window.
		const windows = [0, 1].map((w) => window(100 + 7 * w, [3, 3], { a: w ? [2, 2] : [4, 4], b: w ? [4, 4] : [2, 2], c: [9, 9] }));
		expect(bestBlendOf(windows, ['a', 'b', 'c'], groupMembers(windows, groupOf(0.5)), 0.25, [1, 0, 0]).weights).toEqual([0.5, 0.5, 0]);
	});

	it('keeps the combination unless another method was clearly better over the windows', () => {
		const blend = { name: 'blend', parts: ['a', 'b', 'c'], step: 0.25, initial: [0.5, 0.5, 0] };
		const windowsWith = (errors: Record<string, number>) => [0, 1].map((w) => window(100 + 7 * w, [4, 4], Object.fromEntries(Object.entries(errors).map(([m, e]) => [m, [4 + e, 4 + e]]))));
		const choose = (errors: Record<string, number>, candidates = ['ensemble', 'a', 'b', 'c', 'blend']) => {
			const windows = windowsWith(errors);
			return chooseBlendOrMethod(windows, candidates, groupMembers(windows, groupOf(0.5)), blend, 'ensemble').method;
		};
		// "a" is 5% better than the ensemble: not enough to leave it.
		expect(choose({ ensemble: 1, a: 0.95, b: 3, c: 3 })).toBe('ensemble');
		// "a" is 40% better: the group uses it.
		expect(choose({ ensemble: 1, a: 0.6, b: 3, c: 3 })).toBe('a');
		// Over- and under-forecasts that cancel: their blend is far better than either.
		expect(choose({ ensemble: 1, a: 2, b: -2, c: 3 })).toBe('blend');
		// Without the ensemble among the candidates, the best one wins outright.
		expect(choose({ ensemble: 1, a: 0.95, b: 3, c: 3 }, ['a', 'b'])).toBe('a');
	});

	it('carries a level the backtest kept missing into the forecast as far as every window agrees, less so for small groups, within bounds', () => {
		// n products in each window; ratios[w] = what sold over what was forecast in window w.
		const cases = (n: number, ratios: number[]) => ratios.flatMap((ratio, window) => Array.from({ length: n }, () => ({ actual: [ratio, ratio], means: [1, 1], phi: 0, window })));
		// 160 products sold 20% more than forecast in every window: 160 / (160 + 40) of the way to 1.2.
		expect(levelCorrection(cases(160, [1.2, 1.2, 1.2, 1.2]))).toBeCloseTo(1 + 0.2 * 0.8, 9);
		expect(levelCorrection(cases(10, [1.2, 1.2]))).toBeCloseTo(1 + 0.2 * (10 / 50), 9);
		// Every window agrees the level is higher, by 10% to 30%: only the 10% they all agree on.
		expect(levelCorrection(cases(160, [1.3, 1.1, 1.2, 1.25]))).toBeCloseTo(1 + 0.1 * 0.8, 9);
		// One window says the opposite: no correction.
		expect(levelCorrection(cases(160, [1.3, 0.95, 1.2, 1.25]))).toBe(1);
		expect(levelCorrection(cases(10_000, [5, 5]))).toBe(1.5);
		expect(levelCorrection(cases(10_000, [0, 0]))).toBe(0.67);
		expect(levelCorrection(Array.from({ length: 50 }, () => ({ actual: [1, 1], means: [0, 0], phi: 0 })))).toBe(1);
	});
});
