// A blend of any number of methods: the weights (a grid in fixed steps, summing to 1) with the lowest
// mean RMSSE over the backtest windows, and the group's choice between that blend, the best single
// method and the default combination (CHOICE_MARGIN in backtest.ts says why the default is kept unless clearly beaten).
import { bestMethod, CHOICE_MARGIN, type BacktestWindow, type MeansByMethod } from './backtest';

/** Every weight vector over `parts` parts in steps of `step` that sums to 1. */
export function weightGrid(parts: number, step: number): number[][] {
	const steps = Math.round(1 / step);
	const out: number[][] = [];
	const walk = (prefix: number[], left: number) => {
		if (prefix.length === parts - 1) { out.push([...prefix, left].map((v) => v / steps)); return; }
		for (let a = 0; a <= left; a++) walk([...prefix, a], left - a);
	};
	if (parts > 0) walk([], steps);
	return out;
}

/** Mean RMSSE of a blend over every (window, member) pair that has an error scale; Infinity when none. */
function blendRmsse(windows: readonly BacktestWindow[], series: readonly Float64Array[][][], members: readonly number[][], weights: readonly number[]): number {
	let sum = 0, n = 0;
	windows.forEach((window, w) => {
		for (const p of members[w]) {
			const scale = window.scales[p].rmsseScale;
			if (!(scale > 0)) continue;
			const actual = window.actual[p];
			let sq = 0;
			for (let k = 0; k < actual.length; k++) {
				let f = 0;
				for (let i = 0; i < weights.length; i++) if (weights[i]) f += weights[i] * series[w][i][p][k];
				sq += (actual[k] - f) ** 2;
			}
			sum += Math.sqrt(sq / actual.length / scale);
			n++;
		}
	});
	return n ? sum / n : Infinity;
}

/** The weights over `parts` with the lowest mean RMSSE over the windows' members (initial when none scores). */
export function bestBlendOf(windows: readonly BacktestWindow[], parts: readonly string[], members: readonly number[][], step: number, initial: number[]): { weights: number[]; score: number } {
	const series = windows.map((w) => parts.map((m) => w.means.get(m)!));
	let best = { weights: initial, score: Infinity };
	for (const weights of weightGrid(parts.length, step)) {
		const score = blendRmsse(windows, series, members, weights);
		if (score < best.score) best = { weights, score };
	}
	return best;
}

/**
 * A group's method: the default combination unless the best single candidate, or the best blend of
 * `blend.parts`, scored at least CHOICE_MARGIN lower over the windows.
 */
export function chooseBlendOrMethod(windows: readonly BacktestWindow[], candidates: readonly string[], members: readonly number[][],
	blend: { name: string; parts: readonly string[]; step: number; initial: number[] }, defaultMethod: string): { method: string; blendWeights: number[] } {
	let challenger = bestMethod(windows, candidates, members, defaultMethod);
	let blendWeights = blend.initial;
	if (candidates.includes(blend.name) && windows.every((w) => blend.parts.every((m) => w.means.has(m)))) {
		const best = bestBlendOf(windows, blend.parts, members, blend.step, blend.initial);
		blendWeights = best.weights;
		if (best.score < challenger.score) challenger = { method: blend.name, score: best.score };
	}
	if (!candidates.includes(defaultMethod)) return { method: challenger.method, blendWeights };
	const kept = bestMethod(windows, [defaultMethod], members, defaultMethod);
	return { method: challenger.score < kept.score * (1 - CHOICE_MARGIN) ? challenger.method : defaultMethod, blendWeights };
}

/** Per product, the weighted mean of the parts' forecasts with that product's weights. */
export function blendMeans(means: MeansByMethod, parts: readonly string[], weights: readonly (readonly number[])[]): Float64Array[] {
	const series = parts.map((m) => means.get(m)!);
	return weights.map((w, p) => series[0][p].map((_, k) => series.reduce((sum, part, i) => sum + w[i] * part[p][k], 0)));
}
