// Rolling-origin backtesting: every method forecasts BACKTEST_DAYS from several weekly origins
// before the last day, and the choice of method, the blend weights and the interval calibration
// are made over all of those windows at once, so no single lucky month decides them.
import { calibratedPhi, negativeBinomialQuantiles } from './distribution';
import type { ErrorScales, ForecastMetrics } from './metrics';
import { MODEL_HORIZON } from './features';

export const BACKTEST_DAYS = MODEL_HORIZON;
/** Origins looked back over, a week apart; the latest one's window ends on the last day. */
export const BACKTEST_WINDOWS = 4;
export const WINDOW_STEP = 7;
/** Weeks from the earliest origin to the last day. */
export const BACKTEST_WEEKS = (BACKTEST_DAYS + (BACKTEST_WINDOWS - 1) * WINDOW_STEP) / 7;
/** Days of history the global model needs before the earliest origin. */
const MIN_TRAINING_DAYS = 56;

/** Forecast means per method: per product, one value per day from the origin on. */
export type MeansByMethod = Map<string, Float64Array[]>;

/** One backtest origin: every method's forecasts, what sold, and the products scored there. */
export interface BacktestWindow {
	origin: number;
	means: MeansByMethod;
	actual: Float32Array[];
	scales: ErrorScales[];
	/** Each product's overdispersion and sale frequency as known at the origin. */
	phis: number[];
	frequencies: number[];
	/** Products that had sold before the origin (the others have nothing to be judged on). */
	scored: number[];
}

/** Backtest origins, oldest first, for a history of `days` days; empty when too short to backtest. */
export function backtestOrigins(days: number): number[] {
	const latest = days - BACKTEST_DAYS;
	const origins: number[] = [];
	for (let i = BACKTEST_WINDOWS - 1; i >= 0; i--) {
		const origin = latest - i * WINDOW_STEP;
		if (origin >= MIN_TRAINING_DAYS) origins.push(origin);
	}
	return origins;
}

/** Upper bounds of the sale-frequency groups chosen and calibrated apart (share of open days with a sale). */
export const FREQUENCY_GROUPS = [0.05, 0.15, 0.35, 0.7, 1];
export const groupOf = (frequency: number) => FREQUENCY_GROUPS.findIndex((max) => frequency <= max);

/** Per window, the scored products that belonged to group g at that window's origin. */
export function groupMembers(windows: readonly BacktestWindow[], g: number): number[][] {
	return windows.map((w) => w.scored.filter((p) => groupOf(w.frequencies[p]) === g));
}

/** RMSSE of one product's forecast in one window (null when the product has no error scale). */
function rmsse(actual: ArrayLike<number>, forecast: (k: number) => number, scale: number): number | null {
	if (!(scale > 0)) return null;
	let sq = 0;
	for (let k = 0; k < actual.length; k++) {
		const e = actual[k] - forecast(k);
		sq += e * e;
	}
	return Math.sqrt(sq / actual.length / scale);
}

/** Mean RMSSE over every (window, member) pair; Infinity when none can be scored. */
function meanRmsse(windows: readonly BacktestWindow[], members: readonly number[][], forecastOf: (w: number, p: number) => (k: number) => number): number {
	let sum = 0, n = 0;
	windows.forEach((window, w) => {
		for (const p of members[w]) {
			const score = rmsse(window.actual[p], forecastOf(w, p), window.scales[p].rmsseScale);
			if (score === null) continue;
			sum += score;
			n++;
		}
	});
	return n ? sum / n : Infinity;
}

/** The candidate with the lowest mean RMSSE over the windows' members (fallback when none scores). */
export function bestMethod(windows: readonly BacktestWindow[], candidates: readonly string[], members: readonly number[][], fallback: string): { method: string; score: number } {
	let best = { method: fallback, score: Infinity };
	for (const method of candidates) {
		if (!windows.every((w) => w.means.has(method))) continue;
		const score = meanRmsse(windows, members, (w, p) => { const m = windows[w].means.get(method)![p]; return (k) => m[k]; });
		if (score < best.score) best = { method, score };
	}
	return best;
}

/** Products at which a group's own backtest bias gets half the weight (towards no correction). */
const LEVEL_SHRINK_PRODUCTS = 40;
const MIN_LEVEL_FACTOR = 0.67;
const MAX_LEVEL_FACTOR = 1.5;

/**
 * The factor that would have removed a group's bias in the backtest, only as far as every window
 * agrees: what sold over what its method forecast in each window, and of those ratios the one
 * closest to 1 when all lie on the same side of it (none when they disagree), shrunk towards 1 when
 * the group has few products. The windows overlap (a week apart), so one lucky month moves them
 * all a little; a level the methods keep missing (demand rising through the windows) moves each.
 */
export function levelCorrection(cases: readonly ScoredCase[]): number {
	const sold = new Map<number, number>(), forecast = new Map<number, number>();
	for (const c of cases) {
		const w = c.window ?? 0;
		let a = 0, f = 0;
		for (let k = 0; k < c.means.length; k++) {
			a += c.actual[k];
			f += c.means[k];
		}
		sold.set(w, (sold.get(w) ?? 0) + a);
		forecast.set(w, (forecast.get(w) ?? 0) + f);
	}
	const ratios = [...forecast].map(([w, f]) => (f > 0 ? sold.get(w)! / f : NaN));
	if (ratios.length === 0 || ratios.some((r) => !Number.isFinite(r))) return 1;
	const agreed = ratios.every((r) => r > 1) ? Math.min(...ratios) : ratios.every((r) => r < 1) ? Math.max(...ratios) : 1;
	const products = cases.length / ratios.length;
	const weight = products / (products + LEVEL_SHRINK_PRODUCTS);
	return Math.min(MAX_LEVEL_FACTOR, Math.max(MIN_LEVEL_FACTOR, 1 + (agreed - 1) * weight));
}

/**
 * How much lower a method's (or a blend's) backtest RMSSE must be than the default combination's for
 * a group to use it instead (blend.ts chooseBlendOrMethod). Picking the winner of a few weeks overfits
 * them: on nine backtests of the three shared shops, always picking lost to keeping the combination
 * in seven on total error and six on RMSSE.
 */
export const CHOICE_MARGIN = 0.1;

/** How P10 and P90 are read off the count model: its tail level, and a factor on its overdispersion. */
export interface IntervalCalibration {
	tail: number;
	dispersion: number;
}
export const UNCALIBRATED: IntervalCalibration = { tail: 0.1, dispersion: 1 };

export interface CalibrationGroup extends IntervalCalibration {
	/** Products selling on at most this share of open days (and more than the previous group's). */
	maxFrequency: number;
	/** Products in the group at the latest origin. */
	products: number;
}

/** A product's forecast in one window, for calibration: what sold, the means, its overdispersion. */
export interface ScoredCase {
	actual: ArrayLike<number>;
	means: ArrayLike<number>;
	phi: number;
	/** The backtest window it comes from (0 when there is one). */
	window?: number;
}

const TARGET_COVERAGE = 0.8;
const MIN_TAIL = 0.02;
const MAX_TAIL = 0.45;
/** A group with fewer backtest product-days than this uses the calibration of all products. */
const MIN_GROUP_DAYS = 300;

/** Calibrates each sale-frequency group on its own, so coverage holds for sparse and steady items alike. */
export function calibrateGroups(casesByGroup: readonly ScoredCase[][], productsByGroup: readonly number[]): CalibrationGroup[] {
	const all = calibrateIntervals(casesByGroup.flat());
	return FREQUENCY_GROUPS.map((maxFrequency, g) => {
		const cases = casesByGroup[g];
		const days = cases.reduce((n, c) => n + c.means.length, 0);
		return { maxFrequency, products: productsByGroup[g], ...(days >= MIN_GROUP_DAYS ? calibrateIntervals(cases) : all) };
	});
}

/**
 * Counts are discrete: for an item selling 0.2 a day the 90% quantile is 1, and [P10, P90] would
 * cover 98% of its days. So the tail level is tuned until the interval covers 80% of product-days;
 * only when the tails alone cannot get there (errors wider than the count model) is the
 * overdispersion scaled up too.
 */
export function calibrateIntervals(cases: readonly ScoredCase[]): IntervalCalibration {
	const coverage = (c: IntervalCalibration) => {
		let covered = 0, n = 0;
		const levels = [c.tail, 1 - c.tail];
		for (const { actual, means, phi } of cases) {
			const calibrated = calibratedPhi(phi, c.dispersion);
			for (let k = 0; k < means.length; k++) {
				const [lo, hi] = negativeBinomialQuantiles(means[k], calibrated, levels);
				if (lo <= actual[k] && actual[k] <= hi) covered++;
				n++;
			}
		}
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

/**
 * How much more the shop total's daily error varies than independent product errors would, over
 * every window: each case list holds one window's products.
 */
export function totalsVarianceInflation(windows: readonly ScoredCase[][]): number {
	let sqError = 0, variance = 0;
	for (const cases of windows) {
		const days = cases[0]?.means.length ?? 0;
		for (let k = 0; k < days; k++) {
			let a = 0, m = 0, v = 0;
			for (const c of cases) {
				a += c.actual[k];
				m += c.means[k];
				v += c.means[k] + c.phi * c.means[k] * c.means[k];
			}
			sqError += (a - m) * (a - m);
			variance += v;
		}
	}
	return variance > 0 ? Math.max(1, sqError / variance) : 1;
}

export interface MethodSummary {
	/** Product-windows scored. */
	products: number;
	rmsse: number;
	totalWape: number;
	/** Sum of (forecast - actual) over the sum of actual: negative means under-forecast. */
	bias: number;
	coverage: number;
}

/** Per method, the backtest metrics averaged over products and windows (totals summed). */
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
