// What the forecasting worker, the screens and the server's training jobs share: the horizon kept,
// the setting names, and the shape of progress and outcomes. Pure, so it lives in the core.

/**
 * The methods a product can be forecast with, as the engine names them (core/forecast/engine.ts
 * METHOD_NAMES; a test keeps them equal). Listed here so screens never import tfjs.
 */
export const FORECAST_METHODS = ['blend', 'global-nn', 'gbm', 'ensemble', 'seasonal-naive', 'moving-average', 'croston-sba', 'tsb', 'adida'] as const;

/** Days forecast and stored per run: a lead time plus a target cover fit inside. */
export const FORECAST_HORIZON = 60;
/** Setting: per product id, the method the owner chose instead of the automatic one. */
export const OVERRIDES_SETTING = 'forecast.overrides';
/** Setting: whether to retrain by itself once enough new sales arrived. */
export const AUTO_RETRAIN_SETTING = 'forecast.autoRetrain';
/** New sale lines, as a share of those the model learned from, that make a retraining due. */
export const RETRAIN_SHARE = 0.1;

export type TrainingStage = 'prepare' | 'train' | 'backtest' | 'forecast';

export interface TrainingProgress {
	stage: TrainingStage;
	/** Of the stage, 0..1. */
	done: number;
	/** Of the whole training, 0..1. */
	fraction: number;
	/** The last epoch's loss while training. */
	loss: number | null;
	elapsedMs: number;
}

/** Train a new model, or forecast with the latest saved one (training only if none fits). */
export type ForecastMode = 'train' | 'reuse';

export type TrainingOutcome =
	| { ok: true; modelId: string; products: number; millis: number; backend: string; reused: boolean }
	| { ok: false; code: 'no_sales' | 'cancelled' | 'failed'; message: string };

/** Share of the whole work each stage takes, measured on the Online Retail data. */
const STAGE_WEIGHTS: [TrainingStage, number][] = [['prepare', 0.05], ['train', 0.7], ['backtest', 0.15], ['forecast', 0.1]];

export function progressOf(stage: TrainingStage, done: number): number {
	let before = 0;
	for (const [name, weight] of STAGE_WEIGHTS) {
		if (name === stage) return Math.min(1, before + weight * Math.max(0, Math.min(1, done)));
		before += weight;
	}
	return before;
}

/** Whether a model trained on `trainedOn` sale lines should be retrained now that the store has `now`. */
export const retrainDue = (trainedOn: number, now: number) => now - trainedOn >= Math.max(1, trainedOn * RETRAIN_SHARE);
