// The forecasting registry (models, training logs, forecast runs) on memory and IndexedDB, and what
// a stored run gives back: each product's forecast and, once its days pass, its real accuracy.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Cents, DayNumber, LocalTimestamp, ProductId } from '$core/brand';
import { METHOD_NAMES } from '$core/forecast/engine';
import { FORECAST_METHODS, retrainDue } from '$core/forecast-settings';
import { forecastFromRun, forecastsFromRun, MemoryForecastStore, realizedAccuracy, runOf, totalOverDays } from '$core/forecast-runs';
import { A, B, FROM, forecastStoreContract, result, totals } from '../support/forecast-store-contract';
import { addToSeries } from '$core/product-series';
import { DexieForecastStore } from '$lib/db/dexie-forecast-store';
import { InventoryDB } from '$lib/db/inventory-db';

forecastStoreContract('memory', () => new MemoryForecastStore());
forecastStoreContract('IndexedDB', () => new DexieForecastStore(new InventoryDB('registry', { indexedDB: new IDBFactory(), IDBKeyRange })));

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
