// The forecasting engine: prepares the catalogue, trains the global model on everything before the
// backtest, backtests every method from several weekly origins (backtest.ts), picks a method per
// sale-frequency group (unless the caller overrides it per product), calibrates the intervals,
// refits the global model through the last day and forecasts every product from the origin on
// (the global model's forecast is the mean of the refit's and the backtest network's). The
// gradient-boosted trees (gbm-model.ts) are trained the same two ways beside the network.
import type { DayNumber, ProductId } from '../brand';
import type { ProductSeries } from '../product-series';
import {
	BACKTEST_DAYS, backtestOrigins, calibrateGroups, FREQUENCY_GROUPS, groupMembers, groupOf, levelCorrection, summarize,
	totalsVarianceInflation, UNCALIBRATED, type BacktestWindow, type CalibrationGroup, type IntervalCalibration, type MeansByMethod,
	type MethodSummary, type ScoredCase
} from './backtest';
import { BASELINES, type MethodInput } from './baselines';
import { blendMeans, chooseBlendOrMethod } from './blend';
import { calibratedPhi, levelInstability, negativeBinomialQuantiles, overdispersion, saleFrequency } from './distribution';
import { shopContext, trackProduct, yearlyIndex, type ProductTrack } from './features';
import { GBM_MODEL_NAME, predictGbm, trainGbmModel, type GbmModel } from './gbm-model';
import { GLOBAL_MODEL_NAME, predictGlobal, trainGlobalModel, type GlobalModel, type TrainingLog, type TrainingOptions } from './global-model';
import { errorScales, scoreForecast, type ForecastMetrics } from './metrics';
import { isClosedAhead, prepareCatalog, type DenseCatalog } from './prepare';
import type { DemandForecast } from './types';
import { chooseYearlyStrength } from './yearly-strength';
import type { tf } from './tf';

export { BACKTEST_DAYS, summarize, type CalibrationGroup, type IntervalCalibration, type MethodSummary };

export const ENSEMBLE_NAME = 'ensemble';
/** A weighted mean of BLEND_PARTS, the weights chosen per sale-frequency group on the backtest. */
export const BLEND_NAME = 'blend';
const BLEND_PARTS = [GLOBAL_MODEL_NAME, GBM_MODEL_NAME, 'tsb', 'moving-average'];
const BLEND_STEP = 0.25;
/** Every method a product can be forecast with (and overridden to). */
export const METHOD_NAMES = [BLEND_NAME, GLOBAL_MODEL_NAME, GBM_MODEL_NAME, ENSEMBLE_NAME, ...Object.keys(BASELINES)] as const;
/** Methods whose forecasts come from the models trained here (their modelVersion is the training's). */
const TRAINED_METHODS: readonly string[] = [GLOBAL_MODEL_NAME, GBM_MODEL_NAME, ENSEMBLE_NAME, BLEND_NAME];
const FALLBACK_METHOD = 'tsb';

/** [P10, P50, P90] of a product-day with the given mean. */
export function dayQuantiles(mean: number, phi: number, calibration: IntervalCalibration): number[] {
	return negativeBinomialQuantiles(mean, calibratedPhi(phi, calibration.dispersion), [calibration.tail, 0.5, 1 - calibration.tail]);
}

/** The two networks of a training: one trained before the backtest's first origin, one through the last day. */
export interface TrainedNetworks {
	backtest: tf.LayersModel;
	final: tf.LayersModel;
}

export interface ForecastOptions {
	/** Last day of sales the forecast may use; later sales are ignored (a backtest's cutoff). */
	lastDay: DayNumber;
	/** First forecast day (default lastDay + 1); later days are forecast from lastDay all the same. */
	fromDay?: DayNumber;
	horizon: number;
	/** A method per product, chosen by the user, instead of the automatic choice. */
	overrides?: ReadonlyMap<ProductId, string>;
	/** The owner's closed dates (holidays), forecast zero beside the closed weekdays and the dates learned from the history. */
	holidays?: readonly DayNumber[];
	/** Methods the automatic choice picks from (default: all). */
	candidates?: readonly string[];
	training?: TrainingOptions;
	/**
	 * Train the forecasting network again through the last day, for as many epochs as the backtest's
	 * network found best (default true); off, the backtest's network forecasts too (half the time).
	 */
	refit?: boolean;
	/**
	 * Networks trained before (loaded from where they were saved): used instead of training, so a
	 * forecast can be brought up to date without retraining. The backtest network was trained
	 * before every origin of a later backtest, so that backtest stays honest. The caller disposes them.
	 */
	pretrained?: TrainedNetworks;
	/** Called with the newly trained networks before they are disposed (to save them). */
	onTrained?: (networks: TrainedNetworks) => Promise<void>;
	modelVersion?: string;
	/** Also return every method's forecast for every product (for benchmarks and comparisons). */
	emitAllMethods?: boolean;
	/** Called with a stage name and a fraction done, for progress bars. */
	onProgress?: (stage: 'prepare' | 'train' | 'backtest' | 'forecast', done: number) => void;
}

export interface CatalogForecast {
	fromDay: DayNumber;
	horizon: number;
	/** One per product that sold by lastDay, in the input's order. */
	forecasts: DemandForecast[];
	/** How the backtest calibrated the intervals, per sale-frequency group. */
	calibration: CalibrationGroup[];
	/** Per sale-frequency group, the factor on the chosen methods' forecasts from their backtest bias. */
	levelFactors: number[];
	/** How much of past years' pattern the baselines follow (0, 0.5 or 1; null without a year of history). */
	yearlyStrength: number | null;
	/** With emitAllMethods: every method's forecasts, by method name. */
	byMethod?: Record<string, DemandForecast[]>;
	/** Extra variance of sums over products (shop, category) for the errors they share. */
	totalsInflation: number;
	closedWeekdays: boolean[];
	/** The backtest network's training (null when there was too little history, or it was reused). */
	training: TrainingLog | null;
	/** The refit through the last day (null without one). */
	refit: TrainingLog | null;
	/**
	 * The gradient-boosted trees trained before the backtest and through the last day (null when too
	 * little history; final is null when no forecast used the trees, so they were not refit).
	 */
	trees: { backtest: GbmModel['log']; final: GbmModel['log'] | null } | null;
	/** The first day of each backtest window, oldest first. */
	backtestOrigins: DayNumber[];
	/** Per method, the backtest metrics over every product and window (see summarize). */
	backtestSummary: Record<string, MethodSummary>;
	millis: { prepare: number; train: number; backtest: number; forecast: number };
}

export async function forecastCatalog(series: readonly ProductSeries[], options: ForecastOptions): Promise<CatalogForecast> {
	const { lastDay, horizon } = options;
	if (!Number.isInteger(horizon) || horizon < 1 || horizon > 365) throw new Error(`the horizon must be a whole number of days from 1 to 365, not ${horizon}`);
	const fromDay = options.fromDay ?? ((lastDay + 1) as DayNumber);
	if (fromDay <= lastDay) throw new Error('the first forecast day must come after the last day of sales used');
	for (const [productId, method] of options.overrides ?? []) {
		if (!(METHOD_NAMES as readonly string[]).includes(method)) throw new Error(`unknown method "${method}" for product ${productId}; methods are ${METHOD_NAMES.join(', ')}`);
	}
	const candidates = options.candidates ?? METHOD_NAMES;
	const progress = options.onProgress ?? (() => {});
	const clock = { start: Date.now(), prepare: 0, train: 0, backtest: 0, forecast: 0 };

	const catalog = prepareCatalog(series, lastDay, options.holidays);
	const tracks = catalog.products.map((p) => trackProduct(p, catalog.closedDay));
	const end = catalog.length;
	progress('prepare', 1);
	clock.prepare = Date.now() - clock.start;

	const origins = backtestOrigins(end);
	const { backtestModel, finalModel } = await networksFor(catalog, tracks, origins, end, options, progress);
	const trees = backtestModel ? backtestTrees(catalog, tracks, origins, options) : null;
	clock.train = Date.now() - clock.start - clock.prepare;

	const statsAt = (origin: number) => {
		const unstable = levelInstability(catalog.shopUnits, catalog.closedDay, origin) ** 2;
		return {
			phis: tracks.map((t) => overdispersion(t.product.units, t.product.first, origin, catalog.closedDay) + unstable),
			frequencies: tracks.map((t) => saleFrequency(t.product.units, t.product.first, origin, catalog.closedDay))
		};
	};
	const { phis, frequencies } = statsAt(end);
	const override = (p: number) => options.overrides?.get(tracks[p].product.productId);
	let chosen: string[] = tracks.map((_, p) => override(p) ?? FALLBACK_METHOD);
	let groups: CalibrationGroup[] = FREQUENCY_GROUPS.map((maxFrequency) => ({ maxFrequency, products: 0, ...UNCALIBRATED }));
	let totalsInflation = 1;
	// The blend's parts that were trained; until a backtest says otherwise: half the global model, half TSB.
	const blendParts = BLEND_PARTS.filter((m) => m !== GBM_MODEL_NAME || trees);
	const blendWeights: number[][] = FREQUENCY_GROUPS.map(() => blendParts.map((m) => (m === GLOBAL_MODEL_NAME || m === 'tsb' ? 0.5 : 0)));
	// Per group, a factor on the chosen method's forecast for the level it missed in the backtest.
	const levelFactors = FREQUENCY_GROUPS.map(() => 1);
	const backtestSummary: Record<string, MethodSummary> = {};
	// Past years' pattern helps some shops and misleads others (yearly-strength.ts).
	const yearlyStrength = chooseYearlyStrength(catalog, tracks, end);
	// Without a year of history every yearly factor is 1 anyway.
	const yearly = yearlyStrength ?? 1;
	const windows: BacktestWindow[] = backtestModel ? origins.map((origin) => {
		const stats = statsAt(origin);
		return {
			origin, means: methodMeans(catalog, tracks, origin, BACKTEST_DAYS, yearly, networkMeans([backtestModel], catalog, tracks, origin, BACKTEST_DAYS),
				trees && predictGbm(trees, catalog, tracks, origin, BACKTEST_DAYS)),
			actual: tracks.map((t) => t.product.units.subarray(origin, origin + BACKTEST_DAYS)),
			scales: tracks.map((t) => errorScales(t.product.units, t.product.first, origin)),
			phis: stats.phis, frequencies: stats.frequencies, scored: tracks.flatMap((t, p) => (t.product.first < origin ? [p] : []))
		};
	}) : [];
	if (windows.length) {
		// Windows of one product are too few and too noisy to pick its method (that picks the lucky
		// one), so the choice is made per sale-frequency group, over all its products and windows.
		const groupChoice = FREQUENCY_GROUPS.map((_, g) => {
			const choice = chooseBlendOrMethod(windows, candidates, groupMembers(windows, g), { name: BLEND_NAME, parts: blendParts, step: BLEND_STEP, initial: blendWeights[g] }, ENSEMBLE_NAME);
			blendWeights[g] = choice.blendWeights;
			return choice.method;
		});
		for (const w of windows) w.means.set(BLEND_NAME, blendMeans(w.means, blendParts, tracks.map((_, p) => blendWeights[groupOf(w.frequencies[p])])));
		for (const method of windows[0].means.keys()) {
			backtestSummary[method] = summarize(windows.flatMap((w) => w.scored.map((p) => scoreMeans(w.actual[p], w.means.get(method)![p], w.phis[p], UNCALIBRATED, w.scales[p]))));
		}
		chosen = tracks.map((_, p) => override(p) ?? groupChoice[groupOf(frequencies[p])]);
		// Each window is judged as it would have run then: the method its group had at that origin.
		const casesByGroup: ScoredCase[][] = FREQUENCY_GROUPS.map(() => []);
		const casesByWindow = windows.map((w, window) => w.scored.map((p) => {
			const g = groupOf(w.frequencies[p]);
			const c: ScoredCase = { actual: w.actual[p], means: w.means.get(override(p) ?? groupChoice[g])![p], phi: w.phis[p], window };
			casesByGroup[g].push(c);
			return c;
		}));
		casesByGroup.forEach((cases, g) => {
			levelFactors[g] = levelCorrection(cases);
			for (const c of cases) c.means = Float64Array.from(c.means, (v) => v * levelFactors[g]);
		});
		groups = calibrateGroups(casesByGroup, FREQUENCY_GROUPS.map((_, g) => windows.at(-1)!.scored.filter((p) => groupOf(windows.at(-1)!.frequencies[p]) === g).length));
		totalsInflation = totalsVarianceInflation(casesByWindow.map((cases, w) => cases.map((c, i) => {
			const p = windows[w].scored[i];
			return { ...c, phi: calibratedPhi(c.phi, groups[groupOf(windows[w].frequencies[p])].dispersion) };
		})));
	}
	const calibrationOf = (p: number) => groups[groupOf(frequencies[p])];
	progress('backtest', 1);
	clock.backtest = Date.now() - clock.start - clock.prepare - clock.train;

	// The forecast from the origin, sliced from fromDay.
	const skip = fromDay - (lastDay + 1);
	// Two networks trained on different spans forecast better together than either alone (less variance).
	const finalNetworks = [finalModel, backtestModel].filter((m, i, all): m is GlobalModel => m !== null && all.indexOf(m) === i);
	const days = skip + horizon;
	const wantsNetwork = options.emitAllMethods || chosen.some((m) => m === GLOBAL_MODEL_NAME || m === ENSEMBLE_NAME || m === BLEND_NAME);
	const wantsTrees = options.emitAllMethods || chosen.some((m) => m === GBM_MODEL_NAME || m === BLEND_NAME);
	// The refit through the last day is only worth its time when a forecast uses the trees.
	const finalTrees = trees && wantsTrees ? refitTrees(trees, catalog, tracks, end, options) : null;
	const finalMeans = methodMeans(catalog, tracks, end, days, yearly, finalNetworks.length && wantsNetwork ? networkMeans(finalNetworks, catalog, tracks, end, days) : null,
		trees && finalTrees ? meanOf([finalTrees, trees].filter((m, i, all) => all.indexOf(m) === i).map((m) => predictGbm(m, catalog, tracks, end, days))) : null);
	const blendable = blendParts.every((m) => finalMeans.has(m));
	finalMeans.set(BLEND_NAME, blendable ? blendMeans(finalMeans, blendParts, tracks.map((_, p) => blendWeights[groupOf(frequencies[p])])) : finalMeans.get(FALLBACK_METHOD)!);
	const modelVersion = options.modelVersion ?? `${GLOBAL_MODEL_NAME}@${lastDay}`;
	const latestFirst = [...windows].reverse();
	const forecastWith = (p: number, wantedMethod: string): DemandForecast => {
		const t = tracks[p];
		// Too little history for the global model: a product overridden to it gets the fallback.
		const method = finalMeans.has(wantedMethod) ? wantedMethod : FALLBACK_METHOD;
		const level = method === chosen[p] ? levelFactors[groupOf(frequencies[p])] : 1;
		const mean = [...finalMeans.get(method)![p].subarray(skip)].map((v) => v * level);
		const calibration = calibrationOf(p);
		const q = mean.map((m) => dayQuantiles(m, phis[p], calibration));
		const forecast: DemandForecast = {
			productId: t.product.productId, fromDay, p10: q.map((v) => v[0]), p50: q.map((v) => v[1]), p90: q.map((v) => v[2]), mean,
			method, modelVersion: TRAINED_METHODS.includes(method) ? modelVersion : method,
			overdispersion: calibratedPhi(phis[p], calibration.dispersion)
		};
		// Latest window first: the one ending on the last day is what the screens overlay and judge.
		const judged = latestFirst.filter((w) => t.product.first < w.origin && w.means.has(method));
		if (judged.length) {
			forecast.backtest = judged.map((w) => ({ actual: [...w.actual[p]], forecast: [...w.means.get(method)![p]], daysBefore: judged[0].origin - w.origin }));
			const latest = judged[0];
			forecast.metrics = scoreMeans(latest.actual[p], latest.means.get(method)![p], phis[p], calibration, latest.scales[p]);
		}
		return forecast;
	};
	const forecasts = tracks.map((_, p) => forecastWith(p, chosen[p]));
	const byMethod = options.emitAllMethods ? Object.fromEntries([...finalMeans.keys()].map((m) => [m, tracks.map((_, p) => forecastWith(p, m))])) : undefined;
	progress('forecast', 1);
	clock.forecast = Date.now() - clock.start - clock.prepare - clock.train - clock.backtest;
	if (!options.pretrained) {
		backtestModel?.network.dispose();
		if (finalModel !== backtestModel) finalModel?.network.dispose();
	}
	return {
		fromDay, horizon, forecasts, byMethod, calibration: groups, levelFactors, yearlyStrength, totalsInflation, closedWeekdays: catalog.closedWeekdays,
		training: options.pretrained ? null : backtestModel?.log ?? null, refit: options.pretrained || finalModel === backtestModel ? null : finalModel?.log ?? null,
		trees: trees && { backtest: trees.log, final: finalTrees?.log ?? null },
		backtestOrigins: windows.map((w) => (catalog.startDay + w.origin) as DayNumber), backtestSummary,
		millis: { prepare: clock.prepare, train: clock.train, backtest: clock.backtest, forecast: clock.forecast }
	};
}

/** The backtest's network and the forecast's: loaded, or trained (the second through the last day). */
async function networksFor(catalog: DenseCatalog, tracks: readonly ProductTrack[], origins: readonly number[], end: number, options: ForecastOptions,
	progress: NonNullable<ForecastOptions['onProgress']>): Promise<{ backtestModel: GlobalModel | null; finalModel: GlobalModel | null }> {
	if (origins.length === 0) return { backtestModel: null, finalModel: null };
	if (options.pretrained) {
		progress('train', 1);
		const log = (network: tf.LayersModel): GlobalModel => ({ network, log: { examples: 0, epochs: 0, loss: [], validationLoss: [], bestEpoch: 0, members: 0, trainedThrough: -1, millis: 0 } });
		return { backtestModel: log(options.pretrained.backtest), finalModel: log(options.pretrained.final) };
	}
	const refit = options.refit !== false;
	const share = refit ? 0.6 : 1;
	const backtestModel = await trainGlobalModel(catalog, tracks, origins[0], {
		...options.training,
		onEpoch: (epoch, epochs, loss) => { progress('train', (share * epoch) / epochs); options.training?.onEpoch?.(epoch, epochs, loss); }
	});
	let finalModel = backtestModel;
	if (refit && !options.training?.shouldStop?.()) {
		finalModel = await trainGlobalModel(catalog, tracks, end, {
			...options.training, validate: false, epochs: Math.max(1, backtestModel.log.bestEpoch),
			onEpoch: (epoch, epochs, loss) => { progress('train', share + ((1 - share) * epoch) / epochs); options.training?.onEpoch?.(epoch, epochs, loss); }
		});
	}
	await options.onTrained?.({ backtest: backtestModel.network, final: finalModel.network });
	return { backtestModel, finalModel };
}

/**
 * The gradient-boosted trees of the backtest: trained before its first origin, stopped early on its
 * latest origins. They are quick to train, so they are trained again even when the networks were
 * loaded (pretrained); null when there is too little history.
 */
function backtestTrees(catalog: DenseCatalog, tracks: readonly ProductTrack[], origins: readonly number[], options: ForecastOptions): GbmModel | null {
	try {
		return trainGbmModel(catalog, tracks, origins[0], { shouldStop: options.training?.shouldStop });
	} catch {
		return null;
	}
}

/** The forecast's trees: through the last day, with as many trees as the backtest's kept (the same model without refit). */
function refitTrees(backtest: GbmModel, catalog: DenseCatalog, tracks: readonly ProductTrack[], end: number, options: ForecastOptions): GbmModel {
	if (options.refit === false) return backtest;
	return trainGbmModel(catalog, tracks, end, { shouldStop: options.training?.shouldStop, validate: false, maxTrees: backtest.log.trees });
}

/** Per product and day, the mean of several models' forecasts. */
function meanOf(predictions: readonly Float64Array[][]): Float64Array[] {
	return predictions[0].map((first, p) => first.map((_, k) => predictions.reduce((sum, one) => sum + one[p][k], 0) / predictions.length));
}

/** The global model's forecast (the mean of the given networks') for every product from origin on. */
function networkMeans(models: readonly GlobalModel[], catalog: DenseCatalog, tracks: readonly ProductTrack[], origin: number, days: number): Float64Array[] {
	return meanOf(models.map((model) => predictGlobal(model, catalog, tracks, origin, days)));
}

/**
 * Mean forecasts of every method for every product from origin on: the baselines, with the yearly
 * pattern raised to `yearly` (0: none, 1: all of it), and, given the global model's, the methods made with it.
 */
function methodMeans(catalog: DenseCatalog, tracks: readonly ProductTrack[], origin: number, days: number, yearly: number, global: Float64Array[] | null,
	gbm: Float64Array[] | null): MeansByMethod {
	const out: MeansByMethod = new Map();
	const targets = Array.from({ length: days }, (_, k) => origin + k);
	const closed = targets.map((t) => isClosedAhead(catalog, catalog.startDay + t));
	// The baselines know nothing of the time of year: they follow past years' pattern when there is one.
	const shop = shopContext(catalog, origin);
	const seasons = yearly === 0 ? null : tracks.map((t) => yearlyIndex(t, shop, origin, days));
	for (const [name, baseline] of Object.entries(BASELINES)) {
		out.set(name, tracks.map((t, p) => {
			const input: MethodInput = { units: t.product.units, first: t.product.first, origin, closedDay: catalog.closedDay };
			const means = baseline(input, targets);
			for (let k = 0; k < days; k++) means[k] = closed[k] ? 0 : seasons ? means[k] * seasons[p][k] ** yearly : means[k];
			return means;
		}));
	}
	if (global) {
		out.set(GLOBAL_MODEL_NAME, global);
		const tsb = out.get('tsb')!;
		// Half the global model, half TSB: the model's shape with a steadier level for sparse items.
		out.set(ENSEMBLE_NAME, global.map((g, p) => g.map((v, k) => 0.5 * v + 0.5 * tsb[p][k])));
	}
	if (gbm) out.set(GBM_MODEL_NAME, gbm);
	return out;
}

function scoreMeans(actual: ArrayLike<number>, means: ArrayLike<number>, phi: number, calibration: IntervalCalibration, scales: ReturnType<typeof errorScales>): ForecastMetrics {
	const n = means.length;
	const p10 = new Float64Array(n), p50 = new Float64Array(n), p90 = new Float64Array(n);
	for (let k = 0; k < n; k++) [p10[k], p50[k], p90[k]] = dayQuantiles(means[k], phi, calibration);
	return scoreForecast(actual, means, p10, p50, p90, scales);
}
