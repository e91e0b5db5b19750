// One training of the forecast, as the app's forecasting worker does it, on data the main thread
// read: the sold series from the sale blocks, the engine over the whole catalogue (tfjs on wasm),
// and what the registry keeps: the model record, its training log, the forecast run, and the two
// trained networks' artifacts. Pure computation: runs inside a worker thread, writes nothing.
import type { DayNumber, LocalTimestamp } from '../../core/brand';
import { soldSeriesFromBlocks } from '../../core/forecast/demand';
import { forecastCatalog } from '../../core/forecast/engine';
import { GLOBAL_MODEL_NAME } from '../../core/forecast/global-model';
import { recentPrices, totalForecast } from '../../core/forecast/totals';
import { runOf, type TrainingLogRecord } from '../../core/forecast-runs';
import { trainedModelRecord } from '../../core/reports/training';
import { isoLocal, nowLocal } from '../../core/time';
import { progressOf } from '../../lib/forecasting';
import { startNodeBackend } from '../../cli/commands/forecast-run';
import { artifactsOf } from './networks';
import type { NetworkArtifacts, TrainInput, TrainOutput, TrainProgress } from './protocol';

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
