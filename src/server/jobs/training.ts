// One training of the forecast, as the app's forecasting worker does it: what it reads (every sale
// block, the owner's method choices, a horizon past every lead time), the computation (the sold
// series, the engine over the whole catalogue on tfjs's wasm backend: inside a worker thread) and
// what the registry keeps of it (the trained networks' artifacts, the model, the forecast run and
// the training log), written by whichever thread holds the connection (see protocol.ts).
import type { DayNumber, LocalTimestamp } from '../../core/brand';
import { soldSeriesFromBlocks } from '../../core/forecast/demand';
import { forecastCatalog } from '../../core/forecast/engine';
import { GLOBAL_MODEL_NAME } from '../../core/forecast/global-model';
import { recentPrices, totalForecast } from '../../core/forecast/totals';
import { runOf, type TrainingLogRecord } from '../../core/forecast-runs';
import { trainedModelRecord } from '../../core/reports/training';
import { isoLocal, nowLocal } from '../../core/time';
import { progressOf } from '../../core/forecast-settings';
import type { ProductId } from '../../core/brand';
import { DEFAULT_REORDER_OPTIONS } from '../../core/reorder/suggest';
import { horizonFor } from '../../core/reports/reorder';
import type { InventoryRepository } from '../../core/repository';
import { FORECAST_HORIZON, OVERRIDES_SETTING } from '../../core/forecast-settings';
import type { SqlForecastStore } from '../../sql/sql-forecast-store';
import { startNodeBackend } from '../../cli/commands/forecast-run';
import { artifactsOf } from './networks';
import type { NetworkArtifacts, StoreResult, TrainInput, TrainOutput, TrainProgress, TrainSummary } from './protocol';

/** Where trained networks are saved (model_artifacts.address): this plus the model id. */
export const NETWORK_ADDRESS_PREFIX = 'db://smart-inventory-forecast/';
/** Saved networks kept per shop (older models keep their registry entry, savedAt null). */
export const NETWORKS_KEPT = 2;

/** The '-backtest' twin of a saved network's address, as the app names it. */
export const backtestAddress = (savedAt: string) => `${savedAt}-backtest`;

export async function train(input: TrainInput, onProgress: (p: TrainProgress) => void): Promise<TrainOutput> {
	const startedAt = nowLocal();
	const log: TrainingLogRecord = {
		modelId: null, startedAt, endedAt: startedAt, outcome: 'failed', error: null, products: 0, examples: 0, epochs: 0, loss: [],
		millis: { prepare: 0, train: 0, backtest: 0, forecast: 0 }
	};
	const end = (out: Omit<TrainOutput, 'log'>): TrainOutput => ({ ...out, log: { ...log, endedAt: nowLocal() } });
	try {
		const backend = await startNodeBackend();
		const series = soldSeriesFromBlocks(input.blocks);
		let firstDay = Infinity, lastDay = -Infinity;
		for (const s of series) {
			if (!s.days.length) continue;
			firstDay = Math.min(firstDay, s.days[0]);
			lastDay = Math.max(lastDay, s.days[s.days.length - 1]);
		}
		if (!Number.isFinite(lastDay)) {
			log.error = 'there are no sales to learn from';
			return end({ model: null, run: null, networks: [], failure: { code: 'no_sales', message: log.error } });
		}
		log.products = series.length;
		const modelId = `${GLOBAL_MODEL_NAME}@${isoLocal(startedAt)}`;
		const address = input.addressPrefix + modelId;
		const networks: NetworkArtifacts[] = [];
		const result = await forecastCatalog(series, {
			lastDay: lastDay as DayNumber, horizon: input.horizon, overrides: new Map(input.overrides), modelVersion: modelId,
			onTrained: async (trained) => {
				networks.push(await artifactsOf(trained.final, address), await artifactsOf(trained.backtest, backtestAddress(address)));
			},
			training: {
				onEpoch: (epoch, epochs, loss) => onProgress({ stage: 'train', done: epoch / epochs, fraction: progressOf('train', epoch / epochs), loss, epoch: { index: epoch, of: epochs } })
			},
			onProgress: (stage, done) => onProgress({ stage, done, fraction: progressOf(stage, done), loss: null })
		});
		const totals = totalForecast(result, recentPrices(series, lastDay as DayNumber));
		const finishedAt = nowLocal() as LocalTimestamp;
		const model = trainedModelRecord(result, {
			id: modelId, trainedAt: finishedAt, dataFrom: firstDay as DayNumber, dataTo: lastDay as DayNumber, saleLines: input.saleLines, backend,
			horizon: input.horizon, savedAt: networks.length ? address : null
		});
		const examples = result.training?.examples ?? 0, epochs = result.training?.epochs ?? 0;
		Object.assign(log, { modelId, outcome: 'trained', examples, epochs, loss: result.training?.loss ?? [], millis: result.millis });
		return end({ model, run: runOf(result, totals, modelId, finishedAt), networks, failure: null });
	} catch (e) {
		log.error = e instanceof Error ? e.message : String(e);
		return end({ model: null, run: null, networks: [], failure: { code: 'failed', message: log.error } });
	}
}

/** What a training reads: every sale block, the owner's method choices, and a horizon that reaches past every lead time. */
export async function trainingInput(repo: InventoryRepository): Promise<TrainInput> {
	const [blocks, overrides, reach] = await Promise.all([
		repo.saleBlocks(), repo.getSetting<Record<string, string>>(OVERRIDES_SETTING), horizonFor(repo, DEFAULT_REORDER_OPTIONS.targetCoverDays)
	]);
	return {
		blocks, overrides: Object.entries(overrides ?? {}) as [ProductId, string][], horizon: Math.max(FORECAST_HORIZON, reach),
		saleLines: blocks.reduce((n, b) => n + b.lineCount, 0), addressPrefix: NETWORK_ADDRESS_PREFIX
	};
}

/** The log line of what was read. */
export const readNote = (input: TrainInput, millis: number) =>
	`read ${input.saleLines} sale lines (${input.blocks.length} blocks) in ${Math.round(millis)} ms; forecasting ${input.horizon} days`;

/** A training's output without its bulk. */
export const summaryOf = (out: TrainOutput): TrainSummary => ({
	model: out.model, run: out.run && { id: out.run.id, fromDay: out.run.fromDay, horizon: out.run.horizon }, log: out.log, failure: out.failure
});

/**
 * Writes what a training made: its networks (model_artifacts), the model (savedAt null when the
 * networks could not be stored), the forecast run and the training log; older models' networks
 * beyond NETWORKS_KEPT are removed. A training that made no model writes its log alone.
 */
export async function storeTraining(store: SqlForecastStore, out: TrainOutput): Promise<StoreResult> {
	const notes: string[] = [];
	if (!out.model || !out.run) {
		await store.addTrainingLog(out.log);
		return { savedAt: null, notes };
	}
	let savedAt = out.model.savedAt;
	try {
		for (const n of out.networks) await store.saveArtifacts(n.address, n.modelJson, n.weights);
	} catch (e) {
		savedAt = null;
		notes.push(`the trained networks could not be stored (${(e as Error).message}); the model is kept without them`);
	}
	await store.putModel({ ...out.model, savedAt });
	await pruneNetworks(store);
	await store.putRun(out.run);
	await store.addTrainingLog(out.log);
	return { savedAt, notes };
}

/** Removes the saved networks of all but the newest NETWORKS_KEPT models (as the app does). */
async function pruneNetworks(store: SqlForecastStore) {
	const saved = (await store.listModels()).filter((m) => m.savedAt !== null);
	for (const old of saved.slice(NETWORKS_KEPT)) {
		for (const address of [old.savedAt!, backtestAddress(old.savedAt!)]) await store.deleteArtifacts(address);
		await store.putModel({ ...old, savedAt: null });
	}
}
