// The forecasting engine: prepares the catalogue, trains the global model on everything before a
// holdout window, backtests every method on that window, picks a method per product (unless the
// caller overrides it), calibrates the intervals, and forecasts every product from the origin on.
import type { DayNumber, ProductId } from '../brand';
import type { ProductSeries } from '../product-series';
import { BASELINES, type MethodInput } from './baselines';
import { calibratedPhi, negativeBinomialQuantiles, overdispersion, saleFrequency } from './distribution';
import { MODEL_HORIZON, shopContext, trackProduct, yearlyIndex, type ProductTrack } from './features';
import { GLOBAL_MODEL_NAME, predictGlobal, trainGlobalModel, type GlobalModel, type TrainingLog, type TrainingOptions } from './global-model';
import { errorScales, scoreForecast, type ErrorScales, type ForecastMetrics } from './metrics';
import { isClosedAhead, prepareCatalog, type DenseCatalog } from './prepare';
import type { DemandForecast } from './types';
import type { tf } from './tf';

export const ENSEMBLE_NAME = 'ensemble';
/** A weighted mean of BLEND_PARTS, the weights chosen per sale-frequency group on the holdout. */
export const BLEND_NAME = 'blend';
const BLEND_PARTS = [GLOBAL_MODEL_NAME, 'tsb', 'moving-average'];
const BLEND_STEP = 0.25;
/** Every method a product can be forecast with (and overridden to). */
export const METHOD_NAMES = [BLEND_NAME, GLOBAL_MODEL_NAME, ENSEMBLE_NAME, ...Object.keys(BASELINES)] as const;
export const BACKTEST_DAYS = MODEL_HORIZON;
/** Below this many days of history there is no holdout to choose or calibrate with. */
const MIN_DAYS_FOR_BACKTEST = BACKTEST_DAYS * 2 + 28;
const FALLBACK_METHOD = 'tsb';
const TARGET_COVERAGE = 0.8;
const MIN_TAIL = 0.02;
const MAX_TAIL = 0.45;

/** How P10 and P90 are read off the count model: its tail level, and a factor on its overdispersion. */
export interface IntervalCalibration {
	tail: number;
	dispersion: number;
}
const UNCALIBRATED: IntervalCalibration = { tail: 0.1, dispersion: 1 };

/** [P10, P50, P90] of a product-day with the given mean. */
export function dayQuantiles(mean: number, phi: number, calibration: IntervalCalibration): number[] {
	return negativeBinomialQuantiles(mean, calibratedPhi(phi, calibration.dispersion), [calibration.tail, 0.5, 1 - calibration.tail]);
}

export interface ForecastOptions {
	/** Last day of sales the forecast may use; later sales are ignored (a backtest's cutoff). */
	lastDay: DayNumber;
	/** First forecast day (default lastDay + 1); later days are forecast from lastDay all the same. */
	fromDay?: DayNumber;
	horizon: number;
	/** A method per product, chosen by the user, instead of the automatic choice. */
	overrides?: ReadonlyMap<ProductId, string>;
	/** Methods the automatic choice picks from (default: all). */
	candidates?: readonly string[];
	training?: TrainingOptions;
	/**
	 * A network trained before (loaded from where it was saved): used instead of training, so a
	 * forecast can be brought up to date without retraining. The caller keeps and disposes it.
	 */
	pretrained?: tf.LayersModel;
	/** Called with the newly trained network before it is disposed (to save it). */
	onTrained?: (network: tf.LayersModel) => Promise<void>;
	modelVersion?: string;
	/** Called with a stage name and a fraction done, for progress bars. */
	/** Also return every method's forecast for every product (for benchmarks and comparisons). */
	emitAllMethods?: boolean;
	onProgress?: (stage: 'prepare' | 'train' | 'backtest' | 'forecast', done: number) => void;
}

export interface CatalogForecast {
	fromDay: DayNumber;
	horizon: number;
	/** One per product that sold by lastDay, in the input's order. */
	forecasts: DemandForecast[];
	/** How the backtest calibrated the intervals, per sale-frequency group. */
	calibration: CalibrationGroup[];
	/** With emitAllMethods: every method's forecasts, by method name. */
	byMethod?: Record<string, DemandForecast[]>;
	/** Extra variance of sums over products (shop, category) for the errors they share. */
	totalsInflation: number;
	closedWeekdays: boolean[];
	training: TrainingLog | null;
	/** Per method, the backtest metrics summed or averaged over products (see summarizeMetrics). */
	backtestSummary: Record<string, MethodSummary>;
	millis: { prepare: number; train: number; backtest: number; forecast: number };
}

export interface MethodSummary {
	products: number;
	rmsse: number;
	totalWape: number;
	/** Sum of (forecast - actual) over the sum of actual: negative means under-forecast. */
	bias: number;
	coverage: number;
}

type MeansByMethod = Map<string, Float64Array[]>;

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

	const catalog = prepareCatalog(series, lastDay);
	const tracks = catalog.products.map((p) => trackProduct(p, catalog.closedDay));
	const end = catalog.length;
	progress('prepare', 1);
	clock.prepare = Date.now() - clock.start;

	const canBacktest = end >= MIN_DAYS_FOR_BACKTEST;
	const holdoutOrigin = end - BACKTEST_DAYS;
	let model: GlobalModel | null = null;
	if (canBacktest && options.pretrained) {
		model = { network: options.pretrained, log: { examples: 0, epochs: 0, loss: [], validationLoss: [], trainedThrough: holdoutOrigin - 1, millis: 0 } };
		progress('train', 1);
	} else if (canBacktest) {
		model = await trainGlobalModel(catalog, tracks, holdoutOrigin, {
			...options.training,
			onEpoch: (epoch, epochs, loss) => { progress('train', epoch / epochs); options.training?.onEpoch?.(epoch, epochs, loss); }
		});
		await options.onTrained?.(model.network);
	}
	clock.train = Date.now() - clock.start - clock.prepare;

	// Backtest on the holdout: every method, every product.
	const statsAt = (origin: number) => ({
		phis: tracks.map((t) => overdispersion(t.product.units, t.product.first, origin, catalog.closedDay)),
		frequencies: tracks.map((t) => saleFrequency(t.product.units, t.product.first, origin, catalog.closedDay))
	});
	const { phis, frequencies } = statsAt(end);
	let chosen: string[] = tracks.map((t) => options.overrides?.get(t.product.productId) ?? FALLBACK_METHOD);
	let groups: CalibrationGroup[] = FREQUENCY_GROUPS.map((maxFrequency) => ({ maxFrequency, products: 0, ...UNCALIBRATED }));
	let totalsInflation = 1;
	// Until a backtest says otherwise: half the global model, half TSB.
	const blendWeights: number[][] = FREQUENCY_GROUPS.map(() => [0.5, 0.5, 0]);
	const backtestSummary: Record<string, MethodSummary> = {};
	let holdoutMeans: MeansByMethod | null = null;
	if (canBacktest && model) {
		holdoutMeans = methodMeans(model, catalog, tracks, holdoutOrigin, BACKTEST_DAYS);
		const held = statsAt(holdoutOrigin);
		const scales = tracks.map((t) => errorScales(t.product.units, t.product.first, holdoutOrigin));
		const actual = tracks.map((t) => t.product.units.subarray(holdoutOrigin, end));
		const scored = tracks.flatMap((t, p) => (t.product.first < holdoutOrigin ? [p] : []));
		const perMethod = new Map<string, (ForecastMetrics | null)[]>();
		for (const [method, means] of holdoutMeans) {
			perMethod.set(method, tracks.map((t, p) => t.product.first < holdoutOrigin ? scoreMeans(actual[p], means[p], held.phis[p], UNCALIBRATED, scales[p]) : null));
			backtestSummary[method] = summarize(perMethod.get(method)!);
		}
		// One 28-day window is too noisy to pick a method per product (it picks the lucky one), so the
		// choice is made per sale-frequency group, over all of the group's products at once.
		const groupChoice = FREQUENCY_GROUPS.map((_, g) => {
			const members = scored.filter((p) => groupOf(held.frequencies[p]) === g);
			const single = bestMethodForGroup(perMethod, candidates, members);
			if (!candidates.includes(BLEND_NAME) || !holdoutMeans!.has(GLOBAL_MODEL_NAME)) return single.method;
			const blend = bestBlend(holdoutMeans!, actual, scales, members);
			blendWeights[g] = blend.weights;
			return blend.score < single.score ? BLEND_NAME : single.method;
		});
		chosen = tracks.map((t, p) => options.overrides?.get(t.product.productId) ?? groupChoice[groupOf(frequencies[p])]);
		holdoutMeans.set(BLEND_NAME, blended(holdoutMeans, tracks.map((_, p) => blendWeights[groupOf(held.frequencies[p])])));
		backtestSummary[BLEND_NAME] = summarize(tracks.map((t, p) => t.product.first < holdoutOrigin ? scoreMeans(actual[p], holdoutMeans!.get(BLEND_NAME)![p], held.phis[p], UNCALIBRATED, scales[p]) : null));
		const chosenMeans = tracks.map((_, p) => holdoutMeans!.get(chosen[p])![p]);
		groups = calibrateGroups(actual, chosenMeans, held.phis, held.frequencies, scored);
		totalsInflation = totalsVarianceInflation(actual, chosenMeans, held.phis.map((phi, p) => calibratedPhi(phi, groups[groupOf(held.frequencies[p])].dispersion)));
	}
	const calibrationOf = (p: number) => groups[groupOf(frequencies[p])];
	progress('backtest', 1);
	clock.backtest = Date.now() - clock.start - clock.prepare - clock.train;

	// The forecast from the origin, sliced from fromDay.
	const skip = fromDay - (lastDay + 1);
	const days = skip + horizon;
	const finalMeans = methodMeans(model, catalog, tracks, end, days, options.emitAllMethods ? undefined : new Set(chosen));
	finalMeans.set(BLEND_NAME, finalMeans.has(GLOBAL_MODEL_NAME) ? blended(finalMeans, tracks.map((_, p) => blendWeights[groupOf(frequencies[p])])) : finalMeans.get(FALLBACK_METHOD)!);
	const modelVersion = options.modelVersion ?? `${GLOBAL_MODEL_NAME}@${lastDay}`;
	const forecastWith = (p: number, wantedMethod: string): DemandForecast => {
		const t = tracks[p];
		// Too little history for the global model: a product overridden to it gets the fallback.
		const method = finalMeans.has(wantedMethod) ? wantedMethod : FALLBACK_METHOD;
		const mean = [...finalMeans.get(method)![p].subarray(skip)];
		const calibration = calibrationOf(p);
		const q = mean.map((m) => dayQuantiles(m, phis[p], calibration));
		const forecast: DemandForecast = {
			productId: t.product.productId, fromDay, p10: q.map((v) => v[0]), p50: q.map((v) => v[1]), p90: q.map((v) => v[2]), mean,
			method, modelVersion: method === GLOBAL_MODEL_NAME || method === ENSEMBLE_NAME || method === BLEND_NAME ? modelVersion : method,
			overdispersion: calibratedPhi(phis[p], calibration.dispersion)
		};
		const holdout = holdoutMeans?.get(method)?.[p];
		if (holdout && t.product.first < holdoutOrigin) {
			const actual = t.product.units.subarray(holdoutOrigin, end);
			forecast.backtest = [{ actual: [...actual], forecast: [...holdout] }];
			forecast.metrics = scoreMeans(actual, holdout, phis[p], calibration, errorScales(t.product.units, t.product.first, holdoutOrigin));
		}
		return forecast;
	};
	const forecasts = tracks.map((_, p) => forecastWith(p, chosen[p]));
	const byMethod = options.emitAllMethods ? Object.fromEntries([...finalMeans.keys()].map((m) => [m, tracks.map((_, p) => forecastWith(p, m))])) : undefined;
	progress('forecast', 1);
	clock.forecast = Date.now() - clock.start - clock.prepare - clock.train - clock.backtest;
	if (!options.pretrained) model?.network.dispose();
	return {
		fromDay, horizon, forecasts, byMethod, calibration: groups, totalsInflation, closedWeekdays: catalog.closedWeekdays, training: model?.log ?? null, backtestSummary,
		millis: { prepare: clock.prepare, train: clock.train, backtest: clock.backtest, forecast: clock.forecast }
	};
}

/** Mean forecasts of every method (the global model's only when `only` wants it) for every product from origin on. */
function methodMeans(model: GlobalModel | null, catalog: DenseCatalog, tracks: readonly ProductTrack[], origin: number, days: number, only?: ReadonlySet<string>): MeansByMethod {
	const wanted = (m: string) => !only || only.has(m);
	const out: MeansByMethod = new Map();
	const targets = Array.from({ length: days }, (_, k) => origin + k);
	const closed = targets.map((t) => isClosedAhead(catalog, catalog.startDay + t));
	// The baselines know nothing of the time of year: they follow past years' pattern when there is one.
	const shop = shopContext(catalog, origin);
	const seasons = tracks.map((t) => yearlyIndex(t, shop, origin, days));
	for (const [name, baseline] of Object.entries(BASELINES)) {
		out.set(name, tracks.map((t, p) => {
			const input: MethodInput = { units: t.product.units, first: t.product.first, origin, closedDay: catalog.closedDay };
			const means = baseline(input, targets);
			for (let k = 0; k < days; k++) means[k] = closed[k] ? 0 : means[k] * seasons[p][k];
			return means;
		}));
	}
	if (model && (wanted(GLOBAL_MODEL_NAME) || wanted(ENSEMBLE_NAME) || wanted(BLEND_NAME))) {
		const global = predictGlobal(model, catalog, tracks, origin, days);
		out.set(GLOBAL_MODEL_NAME, global);
		const tsb = out.get('tsb');
		// Half the global model, half TSB: the model's shape with a steadier level for sparse items.
		if (tsb) out.set(ENSEMBLE_NAME, global.map((g, p) => g.map((v, k) => 0.5 * v + 0.5 * tsb[p][k])));
	}
	return out;
}

function scoreMeans(actual: ArrayLike<number>, means: ArrayLike<number>, phi: number, calibration: IntervalCalibration, scales: ReturnType<typeof errorScales>): ForecastMetrics {
	const n = means.length;
	const p10 = new Float64Array(n), p50 = new Float64Array(n), p90 = new Float64Array(n);
	for (let k = 0; k < n; k++) [p10[k], p50[k], p90[k]] = dayQuantiles(means[k], phi, calibration);
	return scoreForecast(actual, means, p10, p50, p90, scales);
}

/** The candidate with the lowest mean holdout RMSSE over the group's products (the ensemble when the group is empty). */
function bestMethodForGroup(perMethod: Map<string, (ForecastMetrics | null)[]>, candidates: readonly string[], products: readonly number[]): { method: string; score: number } {
	let best = perMethod.has(ENSEMBLE_NAME) ? ENSEMBLE_NAME : FALLBACK_METHOD, bestScore = Infinity;
	for (const method of candidates) {
		const metrics = perMethod.get(method);
		if (!metrics) continue;
		let sum = 0, n = 0;
		for (const p of products) {
			const rmsse = metrics[p]?.rmsse;
			if (rmsse === null || rmsse === undefined) continue;
			sum += rmsse;
			n++;
		}
		if (n > 0 && sum / n < bestScore) { bestScore = sum / n; best = method; }
	}
	return { method: best, score: bestScore };
}

/** Per product, the weighted mean of the BLEND_PARTS forecasts with that product's weights. */
function blended(means: MeansByMethod, weights: readonly number[][]): Float64Array[] {
	const parts = BLEND_PARTS.map((m) => means.get(m)!);
	return weights.map((w, p) => parts[0][p].map((_, k) => parts.reduce((sum, part, i) => sum + w[i] * part[p][k], 0)));
}

/** The blend weights (a grid in steps of BLEND_STEP) with the lowest mean holdout RMSSE over the products. */
function bestBlend(means: MeansByMethod, actual: ArrayLike<number>[], scales: ErrorScales[], products: readonly number[]): { weights: number[]; score: number } {
	const parts = BLEND_PARTS.map((m) => means.get(m)!);
	let best = { weights: [0.5, 0.5, 0], score: Infinity };
	const steps = Math.round(1 / BLEND_STEP);
	for (let a = 0; a <= steps; a++) {
		for (let b = 0; a + b <= steps; b++) {
			const w = [a / steps, b / steps, (steps - a - b) / steps];
			let sum = 0, n = 0;
			for (const p of products) {
				if (!(scales[p].rmsseScale > 0)) continue;
				let sq = 0;
				const days = actual[p].length;
				for (let k = 0; k < days; k++) {
					const e = actual[p][k] - (w[0] * parts[0][p][k] + w[1] * parts[1][p][k] + w[2] * parts[2][p][k]);
					sq += e * e;
				}
				sum += Math.sqrt(sq / days / scales[p].rmsseScale);
				n++;
			}
			if (n > 0 && sum / n < best.score) best = { weights: w, score: sum / n };
		}
	}
	return best;
}

export function summarize(metrics: readonly (ForecastMetrics | null)[]): MethodSummary {
	const scored = metrics.filter((m): m is ForecastMetrics => m !== null && m.rmsse !== null);
	const sumActual = scored.reduce((s, m) => s + m.sumActual, 0);
	return {
		products: scored.length,
		rmsse: scored.reduce((s, m) => s + m.rmsse!, 0) / Math.max(1, scored.length),
		totalWape: scored.reduce((s, m) => s + m.totalError, 0) / Math.max(1e-9, sumActual),
		bias: scored.reduce((s, m) => s + m.bias, 0) / Math.max(1e-9, sumActual),
		coverage: scored.reduce((s, m) => s + m.coverage, 0) / Math.max(1, scored.length)
	};
}

/** Upper bounds of the sale-frequency groups calibrated apart (share of open days with a sale). */
const FREQUENCY_GROUPS = [0.05, 0.15, 0.35, 0.7, 1];
/** A group with fewer holdout product-days than this uses the calibration of all products. */
const MIN_GROUP_DAYS = 300;

export interface CalibrationGroup extends IntervalCalibration {
	/** Products selling on at most this share of open days (and more than the previous group's). */
	maxFrequency: number;
	products: number;
}

const groupOf = (frequency: number) => FREQUENCY_GROUPS.findIndex((max) => frequency <= max);

/** Calibrates each sale-frequency group on its own, so coverage holds for sparse and steady items alike. */
function calibrateGroups(actual: ArrayLike<number>[], means: Float64Array[], phis: number[], frequencies: number[], scored: readonly number[]): CalibrationGroup[] {
	const all = calibrateIntervals(actual, means, phis, scored);
	return FREQUENCY_GROUPS.map((maxFrequency, g) => {
		const members = scored.filter((p) => groupOf(frequencies[p]) === g);
		const days = members.length * (means[0]?.length ?? 0);
		return { maxFrequency, products: members.length, ...(days >= MIN_GROUP_DAYS ? calibrateIntervals(actual, means, phis, members) : all) };
	});
}

/**
 * Interval calibration on the holdout. Counts are discrete: for an item selling 0.2 a day the 90%
 * quantile is 1, and [P10, P90] would cover 98% of its days. So the tail level is tuned until the
 * interval covers 80% of product-days; only when the tails alone cannot get there (errors wider than
 * the count model) is the overdispersion scaled up too.
 */
function calibrateIntervals(actual: ArrayLike<number>[], means: Float64Array[], phis: number[], products: readonly number[]): IntervalCalibration {
	const coverage = (c: IntervalCalibration) => {
		let covered = 0, n = 0;
		const levels = [c.tail, 1 - c.tail];
		products.forEach((p) => {
			const phi = calibratedPhi(phis[p], c.dispersion);
			for (let k = 0; k < means[p].length; k++) {
				const [lo, hi] = negativeBinomialQuantiles(means[p][k], phi, levels);
				if (lo <= actual[p][k] && actual[p][k] <= hi) covered++;
				n++;
			}
		});
		return n ? covered / n : TARGET_COVERAGE;
	};
	// Coverage falls as the tail level rises towards the median.
	let lo = MIN_TAIL, hi = MAX_TAIL;
	if (coverage({ tail: lo, dispersion: 1 }) < TARGET_COVERAGE) {
		let dLo = 0, dHi = Math.log(50);
		for (let i = 0; i < 12; i++) {
			const mid = (dLo + dHi) / 2;
			if (coverage({ tail: MIN_TAIL, dispersion: Math.exp(mid) }) < TARGET_COVERAGE) dLo = mid;
			else dHi = mid;
		}
		return { tail: MIN_TAIL, dispersion: Math.exp(dHi) };
	}
	for (let i = 0; i < 12; i++) {
		const mid = (lo + hi) / 2;
		if (coverage({ tail: mid, dispersion: 1 }) >= TARGET_COVERAGE) lo = mid;
		else hi = mid;
	}
	return { tail: lo, dispersion: 1 };
}

/** How much more the shop total's daily error varies than independent product errors would. */
function totalsVarianceInflation(actual: ArrayLike<number>[], means: Float64Array[], phis: number[]): number {
	let sqError = 0, variance = 0;
	const days = means[0]?.length ?? 0;
	for (let k = 0; k < days; k++) {
		let a = 0, m = 0, v = 0;
		means.forEach((mp, p) => { a += actual[p][k]; m += mp[k]; v += mp[k] + phis[p] * mp[k] * mp[k]; });
		sqError += (a - m) * (a - m);
		variance += v;
	}
	return variance > 0 ? Math.max(1, sqError / variance) : 1;
}
