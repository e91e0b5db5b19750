// Trained networks handed back to the engine are used instead of training: the forecast comes out
// the same, with no training in its log (how the app reuses a saved model until it retrains).
import { describe, expect, it } from 'vitest';
import type { Cents, DayNumber, ProductId } from '$core/brand';
import { forecastCatalog } from '$core/forecast/engine';
import { seededRandom } from '$core/forecast/global-model';
import { tf } from '$core/forecast/tf';
import { addToSeries } from '$core/product-series';
import { startNodeBackend } from '../../src/cli/commands/forecast-run';

describe('reusing a trained model', () => {
	it('forecasts with the given network without training, and leaves it to the caller', async () => {
		await startNodeBackend();
		const random = seededRandom(3);
		const start = 19_700, days = 140;
		const series = Array.from({ length: 12 }, (_, p) => addToSeries(undefined, `prod-${p}` as ProductId, Array.from({ length: days }, (_, i) => i)
			.filter(() => random() < 0.2 + p * 0.05)
			.map((i) => ({ day: (start + i) as DayNumber, units: 1 + Math.floor(random() * 3), revenue: 100 as Cents, cost: 0 as Cents, lines: 1 }))));
		const options = { lastDay: (start + days - 1) as DayNumber, horizon: 14, candidates: ['global-nn'], training: { maxExamples: 5_000, epochs: 2 } };
		// Saved the way the app saves it (tfjs save handler), loaded back the way the app loads it.
		const artifacts: Partial<Record<'backtest' | 'final', tf.io.ModelArtifacts>> = {};
		const saveAs = (role: 'backtest' | 'final') => tf.io.withSaveHandler(async (a) => { artifacts[role] = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; });
		const trained = await forecastCatalog(series, {
			...options, onTrained: async (networks) => { await networks.backtest.save(saveAs('backtest')); await networks.final.save(saveAs('final')); }
		});
		expect(trained.training!.epochs).toBeGreaterThan(0);
		expect(trained.refit!.epochs).toBe(trained.training!.bestEpoch);
		const loaded = { backtest: await tf.loadLayersModel(tf.io.fromMemory(artifacts.backtest!)), final: await tf.loadLayersModel(tf.io.fromMemory(artifacts.final!)) };
		const reused = await forecastCatalog(series, { ...options, pretrained: loaded });
		expect(reused.training).toBeNull();
		expect(reused.refit).toBeNull();
		expect(reused.forecasts.map((f) => f.mean)).toEqual(trained.forecasts.map((f) => f.mean));
		// The backtest is made with the backtest's network, so it comes out the same too.
		expect(reused.forecasts.map((f) => f.backtest)).toEqual(trained.forecasts.map((f) => f.backtest));
		// The caller's networks are still usable afterwards (the engine did not dispose them).
		expect(() => loaded.final.getWeights()).not.toThrow();
		expect(() => loaded.backtest.getWeights()).not.toThrow();
		loaded.final.dispose();
		loaded.backtest.dispose();
	}, 60_000);
});
