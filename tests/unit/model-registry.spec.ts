// The forecasting registry (models, training logs, forecast runs) on memory and IndexedDB, and what
// a stored run gives back: each product's forecast and, once its days pass, its real accuracy.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Cents, DayNumber, LocalTimestamp, ProductId } from '$core/brand';
import { METHOD_NAMES, type CatalogForecast } from '$core/forecast/engine';
import { FORECAST_METHODS, retrainDue } from '$lib/forecasting';
import type { DemandForecast } from '$core/forecast/types';
import { forecastFromRun, forecastsFromRun, MemoryForecastStore, realizedAccuracy, runOf, RUNS_KEPT, totalOverDays, type ForecastStore, type ModelRecord } from '$core/forecast-runs';
import { addToSeries } from '$core/product-series';
import { DexieForecastStore } from '$lib/db/dexie-forecast-store';
import { InventoryDB } from '$lib/db/inventory-db';

const A = 'prod-a' as ProductId, B = 'prod-b' as ProductId;
const FROM = 20000 as DayNumber;

function forecast(productId: ProductId, mean: number[], backtest?: DemandForecast['backtest']): DemandForecast {
	return {
		productId, fromDay: FROM, mean, p50: mean.map(Math.round), p10: mean.map((m) => Math.max(0, m - 1)), p90: mean.map((m) => m + 1),
		method: productId === A ? 'global-nn' : 'tsb', modelVersion: productId === A ? 'global-nn@x' : 'tsb', overdispersion: 0.5, backtest,
		metrics: backtest ? { rmsse: 0.9, mase: 0.8, totalError: 1, bias: -1, sumActual: 6, pinball: 0.3, coverage: 0.75 } : undefined
	};
}

const result = {
	fromDay: FROM, horizon: 3,
	forecasts: [forecast(A, [2, 2.5, 3], [{ actual: [1, 2], forecast: [1.5, 1.5] }]), forecast(B, [0.2, 0.2, 0.2])]
} as unknown as CatalogForecast;
const totals = { fromDay: FROM, units: forecast(null as never, [2.2, 2.7, 3.2]), revenue: forecast(null as never, [220, 270, 320]) };

const model = (id: string, trainedAt: number): ModelRecord => ({
	id, name: 'global-nn', trainedAt: trainedAt as LocalTimestamp, dataFrom: 19000 as DayNumber, dataTo: 19999 as DayNumber, saleLines: 100, products: 2,
	backend: 'wasm', parameters: { horizon: 3 }, metrics: {}, chosen: { 'global-nn': 1, tsb: 1 }, savedAt: null
});

function storeContract(name: string, make: () => ForecastStore) {
	describe(`forecast store: ${name}`, () => {
		it('lists models and logs newest first, and keeps the last RUNS_KEPT runs', async () => {
			const store = make();
			await store.putModel(model('m1', 1000));
			await store.putModel(model('m2', 2000));
			expect((await store.listModels()).map((m) => m.id)).toEqual(['m2', 'm1']);
			const log = { modelId: 'm1', startedAt: 1 as LocalTimestamp, endedAt: 2 as LocalTimestamp, outcome: 'trained' as const, error: null, products: 2, examples: 10, epochs: 2, loss: [0.5, 0.4], millis: { prepare: 1, train: 2, backtest: 3, forecast: 4 } };
			await store.addTrainingLog(log);
			await store.addTrainingLog({ ...log, modelId: null, startedAt: 5 as LocalTimestamp, outcome: 'cancelled' });
			expect((await store.listTrainingLogs()).map((l) => [l.outcome, l.loss])).toEqual([['cancelled', [0.5, 0.4]], ['trained', [0.5, 0.4]]]);
			for (let i = 0; i < RUNS_KEPT + 2; i++) await store.putRun({ ...runOf(result, totals, `m${i}`, (1000 + i) as LocalTimestamp) });
			const runs = await store.listRuns();
			expect(runs).toHaveLength(RUNS_KEPT);
			expect(runs[0].modelId).toBe(`m${RUNS_KEPT + 1}`);
			expect(forecastFromRun(runs[0], A)!.mean).toEqual([2, 2.5, 3]);
			expect((await store.latestRun())!.id).toBe(runs[0].id);
			expect((await store.listRuns(2)).map((r) => r.id)).toEqual(runs.slice(0, 2).map((r) => r.id));
		});
	});
}

storeContract('memory', () => new MemoryForecastStore());
storeContract('IndexedDB', () => new DexieForecastStore(new InventoryDB('registry', { indexedDB: new IDBFactory(), IDBKeyRange })));

describe('retraining', () => {
	it('is due once new sale lines reach a tenth of those the model learned from', () => {
		expect(retrainDue(1000, 1099)).toBe(false);
		expect(retrainDue(1000, 1100)).toBe(true);
		expect(retrainDue(0, 1)).toBe(true);
		expect(retrainDue(0, 0)).toBe(false);
	});
});

describe('forecast methods', () => {
	it('the screens offer exactly the engine\'s methods', () => {
		expect([...FORECAST_METHODS].sort()).toEqual([...METHOD_NAMES].sort());
	});
});

describe('forecast runs', () => {
	const run = runOf(result, totals, 'm1', 1 as LocalTimestamp);

	it('give back each product\'s forecast, method, version and backtest', () => {
		expect(forecastFromRun(run, A)).toMatchObject({
			productId: A, fromDay: FROM, mean: [2, 2.5, 3], p10: [1, 1.5, 2], method: 'global-nn', modelVersion: 'global-nn@x',
			backtest: [{ actual: [1, 2], forecast: [1.5, 1.5] }], metrics: { coverage: 0.75 }
		});
		expect(forecastFromRun(run, B)!.backtest).toBeUndefined();
		expect(forecastFromRun(run, 'other' as ProductId)).toBeUndefined();
		expect([...forecastsFromRun(run).keys()]).toEqual([A, B]);
	});

	it('sum a forecast over its first days with an interval around the mean', () => {
		const total = totalOverDays(forecastFromRun(run, A)!, 2);
		expect(total.mean).toBeCloseTo(4.5, 6);
		// Variance (2 + 0.5*4) + (2.5 + 0.5*6.25) = 9.625
		expect(total.p90 - total.mean).toBeCloseTo(1.2815515655446004 * Math.sqrt(9.625), 4);
		expect(total.p10).toBeCloseTo(Math.max(0, 4.5 - 1.2815515655446004 * Math.sqrt(9.625)), 4);
	});

	it('sum a shop total (no count model) with the spread of its band', () => {
		const units = { ...totals.units, p90: [3.2, 3.7, 4.2], overdispersion: undefined };
		const total = totalOverDays(units, 3);
		expect(total.mean).toBeCloseTo(8.1, 6);
		expect(total.p90 - total.mean).toBeCloseTo(Math.sqrt(3), 6);
	});

	it('measure a past forecast against what sold over the days that passed', () => {
		const sold = addToSeries(undefined, A, [{ day: FROM, units: 1, revenue: 0 as Cents, cost: 0 as Cents, lines: 1 }, { day: (FROM + 1) as DayNumber, units: 4, revenue: 0 as Cents, cost: 0 as Cents, lines: 1 }]);
		const [acc] = realizedAccuracy([run], sold, A, (FROM + 1) as DayNumber);
		// Forecast 2 + 2.5 = 4.5 units over two days; sold 1 + 4 = 5: 10% off; day 1 inside [1, 3], day 2 outside [1.5, 3.5].
		expect(acc).toMatchObject({ days: 2, forecastUnits: 4.5, actualUnits: 5, coverage: 0.5 });
		expect(acc.totalError).toBeCloseTo(0.1, 6);
		expect(realizedAccuracy([run], sold, A, (FROM - 1) as DayNumber)).toEqual([]);
	});
});
