// Trains the forecasting models and forecasts the whole catalogue off the main thread, on the
// app's own IndexedDB: reads the sales, runs the core engine (tfjs on its wasm backend), and stores
// the model in the registry (its network saved with tfjs's IndexedDB handler), the training log and
// the forecast run the screens show. Until it retrains, the saved network can bring the forecast
// up to date with newer sales without training again.
import { expose } from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { DayNumber, LocalTimestamp, ProductId } from '$core/brand';
import { soldSeriesFromBlocks } from '$core/forecast/demand';
import { forecastCatalog, type TrainedNetworks } from '$core/forecast/engine';
import { FEATURE_COUNT } from '$core/forecast/features';
import { GLOBAL_MODEL_NAME } from '$core/forecast/global-model';
import { recentPrices, totalForecast } from '$core/forecast/totals';
import { tf, useFastestBackend } from '$core/forecast/tf';
import { runOf, type ModelRecord, type TrainingLogRecord } from '$core/forecast-runs';
import { trainedModelRecord } from '$core/reports/training';
import { isoLocal, nowLocal } from '$core/time';
import { DexieForecastStore } from '$lib/db/dexie-forecast-store';
import { DexieRepository } from '$lib/db/dexie-repository';
import { InventoryDB } from '$lib/db/inventory-db';
import { FORECAST_HORIZON, OVERRIDES_SETTING, progressOf, type ForecastMode, type TrainingOutcome, type TrainingProgress } from '$core/forecast-settings';

class Cancelled extends Error {}

let cancelRequested = false;

/** Saved networks kept (older ones are removed from tfjs's store; their registry entries stay). */
const NETWORKS_KEPT = 2;
const networkAddress = (modelId: string) => `indexeddb://smart-inventory-forecast/${modelId}`;
/** The backtest's network is saved beside the forecast's (savedAt). */
const backtestAddress = (savedAt: string) => `${savedAt}-backtest`;

/**
 * The latest model whose networks are saved and fit today's features, loaded; null when there is
 * none (models saved before the rolling backtest kept one network: they are trained again).
 */
async function savedNetworks(store: DexieForecastStore): Promise<{ record: ModelRecord; networks: TrainedNetworks } | null> {
	const record = (await store.listModels()).find((m) => m.savedAt !== null);
	if (!record?.savedAt || record.parameters.features !== FEATURE_COUNT) return null;
	const [final, backtest] = await Promise.allSettled([tf.loadLayersModel(record.savedAt), tf.loadLayersModel(backtestAddress(record.savedAt))]);
	if (final.status === 'fulfilled' && backtest.status === 'fulfilled') return { record, networks: { final: final.value, backtest: backtest.value } };
	for (const loaded of [final, backtest]) if (loaded.status === 'fulfilled') loaded.value.dispose();
	return null;
}

/** Removes the saved networks of all but the newest NETWORKS_KEPT models. */
async function pruneNetworks(store: DexieForecastStore) {
	const saved = (await store.listModels()).filter((m) => m.savedAt !== null);
	for (const old of saved.slice(NETWORKS_KEPT)) {
		for (const address of [old.savedAt!, backtestAddress(old.savedAt!)]) await tf.io.removeModel(address).catch(() => undefined);
		await store.putModel({ ...old, savedAt: null });
	}
}

const api = {
	/**
	 * 'train': trains on every sale in the store; 'reuse': forecasts with the latest saved network
	 * (falling back to training when none fits). Either forecasts FORECAST_HORIZON days from the day
	 * after the last sale and stores the run.
	 */
	async run(mode: ForecastMode, onProgress?: (p: TrainingProgress) => void): Promise<TrainingOutcome> {
		cancelRequested = false;
		const startedAt = nowLocal();
		const db = new InventoryDB();
		const repo = new DexieRepository(db);
		const store = new DexieForecastStore(db);
		const log: TrainingLogRecord = {
			modelId: null, startedAt, endedAt: startedAt, outcome: 'failed', error: null, products: 0, examples: 0, epochs: 0, loss: [],
			millis: { prepare: 0, train: 0, backtest: 0, forecast: 0 }
		};
		const started = performance.now();
		let reused: { record: ModelRecord; networks: TrainedNetworks } | null = null;
		try {
			const backend = await useFastestBackend({
				'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded
			});
			const [blocks, counts, overrideSetting] = await Promise.all([repo.saleBlocks(), repo.counts(), repo.getSetting<Record<string, string>>(OVERRIDES_SETTING)]);
			const series = soldSeriesFromBlocks(blocks);
			let firstDay = Infinity, lastDay = -Infinity;
			for (const s of series) {
				if (!s.days.length) continue;
				firstDay = Math.min(firstDay, s.days[0]);
				lastDay = Math.max(lastDay, s.days[s.days.length - 1]);
			}
			if (!Number.isFinite(lastDay)) return { ok: false, code: 'no_sales', message: 'there are no sales to learn from' };
			log.products = series.length;
			if (mode === 'reuse') reused = await savedNetworks(store);
			const modelId = reused?.record.id ?? `${GLOBAL_MODEL_NAME}@${isoLocal(startedAt)}`;
			const overrides = new Map(Object.entries(overrideSetting ?? {}) as [ProductId, string][]);
			const report = (stage: TrainingProgress['stage'], done: number, loss?: number) => {
				if (cancelRequested) throw new Cancelled();
				onProgress?.({ stage, done, fraction: progressOf(stage, done), loss: loss ?? null, elapsedMs: performance.now() - started });
			};
			let savedAt: string | null = null;
			const result = await forecastCatalog(series, {
				lastDay: lastDay as DayNumber, horizon: FORECAST_HORIZON, overrides, modelVersion: modelId,
				pretrained: reused?.networks,
				onTrained: async (networks) => {
					if (cancelRequested) throw new Cancelled();
					await networks.final.save(networkAddress(modelId));
					await networks.backtest.save(backtestAddress(networkAddress(modelId)));
					savedAt = networkAddress(modelId);
				},
				training: { shouldStop: () => cancelRequested, onEpoch: (epoch, epochs, loss) => report('train', epoch / epochs, loss) },
				onProgress: (stage, done) => report(stage, done)
			});
			if (cancelRequested) throw new Cancelled();
			const totals = totalForecast(result, recentPrices(series, lastDay as DayNumber));
			const finishedAt = nowLocal();
			log.modelId = modelId;
			log.millis = result.millis;
			if (reused) {
				log.outcome = 'reused';
			} else {
				const model = trainedModelRecord(result, {
					id: modelId, trainedAt: finishedAt, dataFrom: firstDay as DayNumber, dataTo: lastDay as DayNumber, saleLines: counts.saleLines, backend,
					horizon: FORECAST_HORIZON, savedAt
				});
				const examples = result.training?.examples ?? 0, epochs = result.training?.epochs ?? 0;
				Object.assign(log, { outcome: 'trained', examples, epochs, loss: result.training?.loss ?? [] });
				await store.putModel(model);
				await pruneNetworks(store);
			}
			await store.putRun(runOf(result, totals, modelId, finishedAt));
			return { ok: true, modelId, products: result.forecasts.length, millis: performance.now() - started, backend, reused: reused !== null };
		} catch (e) {
			const cancelled = e instanceof Cancelled;
			log.outcome = cancelled ? 'cancelled' : 'failed';
			log.error = cancelled ? null : e instanceof Error ? e.message : String(e);
			return cancelled ? { ok: false, code: 'cancelled', message: 'cancelled' } : { ok: false, code: 'failed', message: log.error ?? '' };
		} finally {
			if (reused) Object.values(reused.networks).forEach((n) => n.dispose());
			log.endedAt = nowLocal() as LocalTimestamp;
			await store.addTrainingLog(log).catch(() => {});
			db.close();
		}
	},

	/** Stops at the next epoch or stage; nothing of it is stored but its log. */
	cancel(): void {
		cancelRequested = true;
	}
};

expose(api);
export type ForecastingApi = typeof api;
