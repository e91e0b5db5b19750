// Daily demand as a negative binomial count around a forecast mean: P10/P50/P90 of a product-day.
// The overdispersion comes from the product's own history and one calibration factor that the
// backtest sets so that the 80% interval covers about 80% of product-days.
import { normalQuantile } from '../trends/statistics';

/** Extra overdispersion every product gets: the forecast mean is itself uncertain. */
const BASE_OVERDISPERSION = 0.1;
const DISPERSION_DAYS = 182;

/** Overdispersion phi of a product (variance = mean + phi * mean^2), from its last 182 open days. */
export function overdispersion(units: ArrayLike<number>, first: number, origin: number, closedDay: ArrayLike<number>): number {
	let n = 0, sum = 0, sq = 0;
	for (let i = origin - 1; i >= first && n < DISPERSION_DAYS; i--) {
		if (closedDay[i]) continue;
		n++;
		sum += units[i];
		sq += units[i] * units[i];
	}
	if (n < 2 || sum === 0) return 1;
	const mean = sum / n, variance = (sq - n * mean * mean) / (n - 1);
	return Math.max(0, (variance - mean) / (mean * mean));
}

const LEVEL_WEEKS_DAYS = 28;

/**
 * How far the shop's level moved lately: |log| of its units over the last 28 open days against the
 * 28 open days before. Squared, it is added to every product's overdispersion, so the intervals
 * widen when the recent level is unstable (a drop after a local event, a season starting); the
 * backtest measures it at each origin too, so the calibration keeps coverage at 80 % on average.
 */
export function levelInstability(shopUnits: ArrayLike<number>, closedDay: ArrayLike<number>, origin: number): number {
	const sums = [0, 0];
	let n = 0;
	for (let i = origin - 1; i >= 0 && n < 2 * LEVEL_WEEKS_DAYS; i--) {
		if (closedDay[i]) continue;
		sums[n < LEVEL_WEEKS_DAYS ? 0 : 1] += shopUnits[i];
		n++;
	}
	if (n < 2 * LEVEL_WEEKS_DAYS || sums[1] <= 0) return 0;
	return Math.abs(Math.log((sums[0] + 1) / (sums[1] + 1)));
}

/** Share of the last 182 open days with a sale. */
export function saleFrequency(units: ArrayLike<number>, first: number, origin: number, closedDay: ArrayLike<number>): number {
	let n = 0, sold = 0;
	for (let i = origin - 1; i >= first && n < DISPERSION_DAYS; i--) {
		if (closedDay[i]) continue;
		n++;
		if (units[i] > 0) sold++;
	}
	return n ? sold / n : 0;
}

/** The q-quantiles (ascending qs) of a negative binomial with the given mean and overdispersion. */
export function negativeBinomialQuantiles(mean: number, phi: number, qs: readonly number[]): number[] {
	if (!(mean > 0)) return qs.map(() => 0);
	const variance = mean + phi * mean * mean;
	if (mean > 500) {
		// Far from zero the count is close to normal; the walk below would take thousands of steps.
		return qs.map((q) => Math.max(0, mean + normalQuantile(q) * Math.sqrt(variance)));
	}
	const out: number[] = [];
	const r = phi > 1e-9 ? 1 / phi : 1e9;
	const p = r / (r + mean);
	// pmf(0) = p^r; pmf(k+1) = pmf(k) * (k + r) / (k + 1) * (1 - p)
	let pmf = Math.exp(r * Math.log(p));
	let cdf = pmf, k = 0;
	for (const q of qs) {
		while (cdf < q && k < 100_000) {
			pmf *= ((k + r) / (k + 1)) * (1 - p);
			k++;
			cdf += pmf;
			if (pmf < 1e-300 && cdf < q) { pmf = 0; break; }
		}
		out.push(k);
	}
	return out;
}

/** The overdispersion used for a product-day's interval, given the calibration factor. */
export const calibratedPhi = (phi: number, calibration: number) => calibration * (phi + BASE_OVERDISPERSION);
