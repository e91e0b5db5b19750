// What the model registry keeps of one training (core/forecast-runs.ts ModelRecord): the same
// record whether the app's forecasting worker or the server's training job trained it.
import type { DayNumber, LocalTimestamp } from '../brand';
import { BACKTEST_WINDOWS, WINDOW_STEP } from '../forecast/backtest';
import type { CatalogForecast } from '../forecast/engine';
import { FEATURE_COUNT } from '../forecast/features';
import { GLOBAL_MODEL_NAME } from '../forecast/global-model';
import type { ModelRecord } from '../forecast-runs';

export interface TrainedModelFacts {
	id: string;
	trainedAt: LocalTimestamp;
	/** The sales days it learned from. */
	dataFrom: DayNumber;
	dataTo: DayNumber;
	saleLines: number;
	backend: string;
	/** Days forecast and stored per run. */
	horizon: number;
	savedAt: string | null;
}

/** The registry entry of a training that made `result`, with its parameters and backtest metrics. */
export function trainedModelRecord(result: CatalogForecast, facts: TrainedModelFacts): ModelRecord {
	const chosen: Record<string, number> = {};
	for (const f of result.forecasts) chosen[f.method] = (chosen[f.method] ?? 0) + 1;
	return {
		id: facts.id, name: GLOBAL_MODEL_NAME, trainedAt: facts.trainedAt, dataFrom: facts.dataFrom, dataTo: facts.dataTo,
		saleLines: facts.saleLines, products: result.forecasts.length, backend: facts.backend,
		parameters: {
			horizon: facts.horizon, backtestDays: 28, backtestWindows: BACKTEST_WINDOWS, windowStepDays: WINDOW_STEP, features: FEATURE_COUNT,
			intervals: 'negative binomial, calibrated per sale-frequency group',
			examples: result.training?.examples ?? 0, epochs: result.training?.epochs ?? 0, refitEpochs: result.refit?.epochs ?? 0, networks: result.training?.members ?? 0,
			...(result.yearlyStrength === null ? {} : { yearlyStrength: result.yearlyStrength }), levelFactors: result.levelFactors.map((f) => f.toFixed(2)).join(' ')
		},
		metrics: result.backtestSummary, chosen, savedAt: facts.savedAt
	};
}
