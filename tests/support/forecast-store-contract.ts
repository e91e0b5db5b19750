// The behaviour every ForecastStore must have (the memory store is the reference), run against
// each implementation, and the small catalogue forecast its tests and the run tests share.
import { describe, expect, it } from 'vitest';
import type { DayNumber, LocalTimestamp, ProductId } from '$core/brand';
import type { CatalogForecast } from '$core/forecast/engine';
import type { DemandForecast } from '$core/forecast/types';
import { forecastFromRun, runOf, RUNS_KEPT, type ForecastStore, type ModelRecord } from '$core/forecast-runs';

export const A = 'prod-a' as ProductId, B = 'prod-b' as ProductId;
export const FROM = 20000 as DayNumber;

export function forecast(productId: ProductId, mean: number[], backtest?: DemandForecast['backtest']): DemandForecast {
	return {
		productId, fromDay: FROM, mean, p50: mean.map(Math.round), p10: mean.map((m) => Math.max(0, m - 1)), p90: mean.map((m) => m + 1),
		method: productId === A ? 'global-nn' : 'tsb', modelVersion: productId === A ? 'global-nn@x' : 'tsb', overdispersion: 0.5, backtest,
		metrics: backtest ? { rmsse: 0.9, mase: 0.8, totalError: 1, bias: -1, sumActual: 6, pinball: 0.3, coverage: 0.75 } : undefined
	};
}

export const result = {
	fromDay: FROM, horizon: 3,
	forecasts: [forecast(A, [2, 2.5, 3], [{ actual: [1, 2], forecast: [1.5, 1.5] }]), forecast(B, [0.2, 0.2, 0.2])]
} as unknown as CatalogForecast;
export const totals = { fromDay: FROM, units: forecast(null as never, [2.2, 2.7, 3.2]), revenue: forecast(null as never, [220, 270, 320]) };

export const model = (id: string, trainedAt: number): ModelRecord => ({
	id, name: 'global-nn', trainedAt: trainedAt as LocalTimestamp, dataFrom: 19000 as DayNumber, dataTo: 19999 as DayNumber, saleLines: 100, products: 2,
	backend: 'wasm', parameters: { horizon: 3 }, metrics: {}, chosen: { 'global-nn': 1, tsb: 1 }, savedAt: null
});

const log = {
	modelId: 'm1', startedAt: 1 as LocalTimestamp, endedAt: 2 as LocalTimestamp, outcome: 'trained' as const, error: null, products: 2, examples: 10,
	epochs: 2, loss: [0.5, 0.4], millis: { prepare: 1, train: 2, backtest: 3, forecast: 4 }
};

export function forecastStoreContract(name: string, make: () => ForecastStore | Promise<ForecastStore>) {
	describe(`forecast store: ${name}`, () => {
		it('lists models and logs newest first, and keeps the last RUNS_KEPT runs', async () => {
			const store = await make();
			await store.putModel(model('m1', 1000));
			await store.putModel(model('m2', 2000));
			expect((await store.listModels()).map((m) => m.id)).toEqual(['m2', 'm1']);
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

		it('gives back what was stored, exactly: models replaced by id, logs with their order, runs with every array', async () => {
			const store = await make();
			expect(await store.latestRun()).toBeUndefined();
			expect(await store.listModels()).toEqual([]);
			const trained = { ...model('m1', 1000), metrics: { 'global-nn': { rmsse: 0.81, totalError: NaN } } as never, savedAt: 'indexeddb://m1' };
			await store.putModel(model('m1', 500));
			await store.putModel(trained);
			expect(await store.listModels()).toEqual([trained]);
			await store.addTrainingLog({ ...log, outcome: 'failed', error: 'out of memory', loss: [0.5, NaN] });
			const [stored] = await store.listTrainingLogs(1);
			expect(stored).toMatchObject({ outcome: 'failed', error: 'out of memory', millis: log.millis });
			expect(stored.loss).toEqual([0.5, NaN]);
			expect(typeof stored.seq).toBe('number');
			const run = runOf(result, totals, 'm1', 2000 as LocalTimestamp);
			await store.putRun(run);
			const back = await store.latestRun();
			expect(back).toEqual(run);
			expect(back!.p50).toBeInstanceOf(Float32Array);
			// Product B had no backtest: its window stays NaN.
			expect(Number.isNaN(back!.backtestActual[run.backtestDays])).toBe(true);
			// The same run stored again replaces it.
			await store.putRun({ ...run, createdAt: 3000 as LocalTimestamp });
			expect((await store.listRuns()).map((r) => [r.id, r.createdAt])).toEqual([[run.id, 3000]]);
		});
	});
}
