// Accuracy of a forecast against what sold, with the scales the M5 competition and the project's
// scorer use, so the backtest figures stored beside a forecast read like the bench's.

export interface ForecastMetrics {
	/** Root mean squared error over the in-sample one-step naive's (M5's RMSSE). */
	rmsse: number | null;
	/** Mean absolute error over the in-sample weekly naive's. */
	mase: number | null;
	/** |sum of actual - sum of forecast| over the horizon. */
	totalError: number;
	/** Sum of (forecast - actual): positive means over-forecast. */
	bias: number;
	sumActual: number;
	/** Mean pinball loss of P10, P50 and P90. */
	pinball: number;
	/** Share of days with P10 <= actual <= P90. */
	coverage: number;
}

export interface ErrorScales {
	/** Mean squared one-step difference from the first sale on. */
	rmsseScale: number;
	/** Mean absolute weekly difference. */
	maseScale: number;
}

/** The error scales of a series from first to origin (exclusive). */
export function errorScales(units: ArrayLike<number>, first: number, origin: number): ErrorScales {
	let sq = 0, nSq = 0, abs = 0, nAbs = 0;
	for (let i = first + 1; i < origin; i++) {
		const d = units[i] - units[i - 1];
		sq += d * d;
		nSq++;
	}
	for (let i = Math.max(7, first + 7); i < origin; i++) {
		abs += Math.abs(units[i] - units[i - 7]);
		nAbs++;
	}
	return { rmsseScale: nSq ? sq / nSq : 0, maseScale: nAbs ? abs / nAbs : 0 };
}

const pinballLoss = (q: number, actual: number, predicted: number) => (actual >= predicted ? q * (actual - predicted) : (1 - q) * (predicted - actual));

export function scoreForecast(actual: ArrayLike<number>, mean: ArrayLike<number>, p10: ArrayLike<number>, p50: ArrayLike<number>, p90: ArrayLike<number>, scales: ErrorScales): ForecastMetrics {
	const n = actual.length;
	let sq = 0, abs = 0, sumA = 0, sumF = 0, pinball = 0, covered = 0;
	for (let i = 0; i < n; i++) {
		const a = actual[i], e = a - mean[i];
		sq += e * e;
		abs += Math.abs(e);
		sumA += a;
		sumF += mean[i];
		pinball += (pinballLoss(0.1, a, p10[i]) + pinballLoss(0.5, a, p50[i]) + pinballLoss(0.9, a, p90[i])) / 3;
		if (p10[i] <= a && a <= p90[i]) covered++;
	}
	return {
		rmsse: scales.rmsseScale > 0 && n ? Math.sqrt(sq / n / scales.rmsseScale) : null,
		mase: scales.maseScale > 0 && n ? abs / n / scales.maseScale : null,
		totalError: Math.abs(sumA - sumF), bias: sumF - sumA, sumActual: sumA,
		pinball: n ? pinball / n : 0, coverage: n ? covered / n : 0
	};
}
