// Small statistics toolkit shared by trends and reorder: normal distribution, empirical quantiles,
// and the Mann-Whitney U test used to tell a real change in demand from noise.

/** Standard normal cumulative distribution (Abramowitz-Stegun 7.1.26 erf, error < 1.5e-7). */
export function normalCdf(z: number): number {
	const x = Math.abs(z) / Math.SQRT2;
	const t = 1 / (1 + 0.3275911 * x);
	const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
	const erf = 1 - poly * Math.exp(-x * x);
	return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Inverse of normalCdf (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
	if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
	const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
	const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
	const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
	const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
	const low = 0.02425;
	if (p < low) {
		const q = Math.sqrt(-2 * Math.log(p));
		return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	if (p > 1 - low) return -normalQuantile(1 - p);
	const q = p - 0.5;
	const r = q * q;
	return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Empirical quantile with linear interpolation between order statistics (type 7, as R and numpy). */
export function empiricalQuantile(values: readonly number[], p: number): number {
	if (values.length === 0) throw new RangeError('empiricalQuantile of no values');
	if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile level must be within 0..1, got ${p}`);
	const sorted = [...values].sort((x, y) => x - y);
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.min(lo + 1, sorted.length - 1);
	return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function mean(values: readonly number[]): number {
	let sum = 0;
	for (const v of values) sum += v;
	return values.length ? sum / values.length : 0;
}

/** Population standard deviation over mean; null when the mean is not positive. */
export function coefficientOfVariation(values: readonly number[]): number | null {
	const m = mean(values);
	if (values.length === 0 || m <= 0) return null;
	let ss = 0;
	for (const v of values) ss += (v - m) ** 2;
	return Math.sqrt(ss / values.length) / m;
}

export interface MannWhitneyResult {
	/** U of the first sample: how often a value of it beats one of the second (ties count half). */
	u: number;
	/** z of U under "same distribution", with tie and continuity corrections. */
	z: number;
	/** Two-sided p-value from the normal approximation. */
	pValue: number;
}

/**
 * Mann-Whitney U test of sample a against sample b. Distribution-free, so a single bulk order does
 * not decide the outcome as it would in a test on means. Normal approximation with tie correction
 * (weekly units of slow sellers are full of tied zeros).
 */
export function mannWhitney(a: readonly number[], b: readonly number[]): MannWhitneyResult {
	const n1 = a.length, n2 = b.length, n = n1 + n2;
	if (n1 === 0 || n2 === 0) throw new RangeError('Mann-Whitney needs two non-empty samples');
	const all = [...a.map((v) => ({ v, first: true })), ...b.map((v) => ({ v, first: false }))].sort((x, y) => x.v - y.v);
	let rankSumA = 0, tieTerm = 0;
	for (let i = 0; i < n; ) {
		let j = i;
		while (j + 1 < n && all[j + 1].v === all[i].v) j++;
		const midRank = (i + j) / 2 + 1;
		const t = j - i + 1;
		tieTerm += t * t * t - t;
		for (let k = i; k <= j; k++) if (all[k].first) rankSumA += midRank;
		i = j + 1;
	}
	const u = rankSumA - (n1 * (n1 + 1)) / 2;
	const mu = (n1 * n2) / 2;
	const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
	if (variance <= 0) return { u, z: 0, pValue: 1 };
	const diff = u - mu;
	const corrected = Math.max(0, Math.abs(diff) - 0.5) * Math.sign(diff);
	const z = corrected / Math.sqrt(variance);
	return { u, z, pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}

/**
 * Benjamini-Hochberg adjusted p-values (q-values), in the input's order; nulls stay null. Testing
 * thousands of products at 5% each would flag one in twenty by chance alone; q < 0.05 keeps the
 * expected share of false alarms among the flagged products at 5%.
 */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
	const tested = pValues.map((p, i) => ({ p, i })).filter((e): e is { p: number; i: number } => e.p !== null).sort((a, b) => a.p - b.p);
	const out: (number | null)[] = pValues.map(() => null);
	let running = 1;
	for (let k = tested.length - 1; k >= 0; k--) {
		running = Math.min(running, (tested[k].p * tested.length) / (k + 1));
		out[tested[k].i] = running;
	}
	return out;
}
