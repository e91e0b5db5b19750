// Forecasting for the screens: starts and cancels training in workers/forecasting.worker.ts (one
// training at a time, followed by every page through `training`), and reads the registry, logs
// and stored forecast runs (a product's view of them through workers/forecast-view.worker.ts).
// Screens never compute forecasts themselves.
import { proxy, wrap, type Remote } from 'comlink';
import type { ProductId } from '$core/brand';
import type { ForecastRun, ModelRecord, TrainingLogRecord } from '$core/forecast-runs';
import type { ProductForecastView, StyleForecastView } from '$core/product-forecast-view';
import { getForecastStore, getRepository } from '$lib/db';
import { AUTO_RETRAIN_SETTING, OVERRIDES_SETTING, retrainDue, type ForecastMode, type TrainingOutcome, type TrainingProgress } from '$core/forecast-settings';
import { latestSalesDay } from '$lib/services/dashboard.service';
import type { ForecastViewApi } from '$workers/forecast-view.worker';
import type { ForecastingApi } from '$workers/forecasting.worker';
import { scheduleHealthRecompute } from './alerts.service';

/** The training in progress (null when none): pages show its progress and may cancel it. */
export const training = $state<{ progress: TrainingProgress | null; running: boolean; last: TrainingOutcome | null }>({ progress: null, running: false, last: null });

let current: { done: Promise<TrainingOutcome>; cancel: () => void } | null = null;

/**
 * Trains and forecasts the whole catalogue (or, with 'reuse', forecasts with the saved model); a
 * second call while one runs returns the same one.
 */
export function startTraining(mode: ForecastMode = 'train'): Promise<TrainingOutcome> {
	if (current) return current.done;
	const worker = new Worker(new URL('../../../workers/forecasting.worker.ts', import.meta.url), { type: 'module' });
	const api = wrap<ForecastingApi>(worker);
	const notStarted = new Promise<TrainingOutcome>((resolve) =>
		worker.addEventListener('error', (e) => resolve({ ok: false, code: 'failed', message: e.message || 'the forecasting worker could not start' }), { once: true })
	);
	training.running = true;
	training.progress = null;
	const done = Promise.race([api.run(mode, proxy((p: TrainingProgress) => { training.progress = p; })), notStarted])
		.catch((e: unknown): TrainingOutcome => ({ ok: false, code: 'failed', message: e instanceof Error ? e.message : String(e) }))
		.then((outcome) => {
			training.running = false;
			training.last = outcome;
			// A new forecast run changes what is expected to run out.
			if (outcome.ok) scheduleHealthRecompute(0);
			current = null;
			worker.terminate();
			return outcome;
		});
	current = { done, cancel: () => void api.cancel() };
	return done;
}

/**
 * Keeps the forecast current in the background once the owner has trained before (unless turned
 * off): retrains when enough new sales arrived (RETRAIN_SHARE of what the model learned from), and
 * otherwise, when sales of later days arrived, forecasts again with the saved model. Returns what it started.
 */
export async function retrainIfDue(): Promise<ForecastMode | null> {
	if (current) return null;
	const repo = getRepository();
	const store = getForecastStore();
	const [models, latest, counts, auto, lastDay] = await Promise.all([
		store.listModels(), store.latestRun(), repo.counts(), repo.getSetting<boolean>(AUTO_RETRAIN_SETTING), latestSalesDay()
	]);
	if (auto === false || models.length === 0) return null;
	const mode: ForecastMode | null = retrainDue(models[0].saleLines, counts.saleLines) ? 'train'
		: lastDay !== null && (latest?.fromDay ?? 0) <= lastDay && models[0].savedAt ? 'reuse' : null;
	if (mode) void startTraining(mode);
	return mode;
}

export function cancelTraining(): void {
	current?.cancel();
}

export const latestRun = (): Promise<ForecastRun | undefined> => getForecastStore().latestRun();

export async function modelsAndLogs(): Promise<{ models: ModelRecord[]; logs: TrainingLogRecord[] }> {
	const store = getForecastStore();
	const [models, logs] = await Promise.all([store.listModels(), store.listTrainingLogs(30)]);
	return { models, logs };
}

export type { ProductForecastView, StyleForecastView };

/** The worker that reads product forecast views, started on first use and kept while the app is open. */
let viewWorker: { api: Remote<ForecastViewApi>; broken: Promise<never> } | null = null;

function forecastViewWorker(): { api: Remote<ForecastViewApi>; broken: Promise<never> } {
	if (viewWorker) return viewWorker;
	const worker = new Worker(new URL('../../../workers/forecast-view.worker.ts', import.meta.url), { type: 'module' });
	// A worker script that cannot load (offline before it was cached) never answers Comlink: fail
	// the calls instead of leaving them waiting, and start afresh on the next one.
	const broken = new Promise<never>((_, reject) =>
		worker.addEventListener('error', (e) => {
			if (viewWorker?.broken === broken) viewWorker = null;
			worker.terminate();
			reject(new Error(`the forecast view worker failed: ${e.message || 'it could not start'}`));
		}, { once: true })
	);
	broken.catch(() => undefined);
	viewWorker = { api: wrap<ForecastViewApi>(worker), broken };
	return viewWorker;
}

/**
 * A product's latest stored forecast with how the earlier ones did; undefined before any training
 * or for a product it did not cover. Read in a worker: the runs it reads are whole catalogues.
 */
export function productForecast(productId: ProductId): Promise<ProductForecastView | undefined> {
	const { api, broken } = forecastViewWorker();
	return Promise.race([api.productForecast(productId), broken]);
}

/** A style's variants with their sales and forecasts, and the style's forecast as their sum (read in the same worker). */
export function styleForecast(styleId: ProductId, variantIds: ProductId[]): Promise<StyleForecastView> {
	const { api, broken } = forecastViewWorker();
	return Promise.race([api.styleForecast(styleId, variantIds), broken]);
}

/** Sets (or with null clears) the method used for a product from the next training on. */
export async function setMethodOverride(productId: ProductId, method: string | null): Promise<void> {
	const repo = getRepository();
	const overrides = { ...((await repo.getSetting<Record<string, string>>(OVERRIDES_SETTING)) ?? {}) };
	if (method === null) delete overrides[productId];
	else overrides[productId] = method;
	await repo.putSetting(OVERRIDES_SETTING, overrides);
}
