// A sudden jump in demand: the days since a forecast was made sold more than its P90 said.
import type { DayNumber } from '../brand';
import type { DemandForecast } from '../forecast/types';
import type { ProductSeries } from '../product-series';

/** z of the 90th percentile of a normal distribution. */
const Z90 = 1.2815515655446004;
/** The latest days compared: a week. */
export const JUMP_DAYS = 7;
/** Fewer days than this since the forecast tell nothing yet. */
export const MIN_JUMP_DAYS = 3;

/**
 * The last (up to) seven days of the forecast that have passed by asOf: units sold against the
 * P90 of their total (daily negative binomial variances summed, read off a normal, as
 * totalOverDays in forecast-runs.ts). Reported only when the excess is at least one whole unit,
 * so a product forecast at 0.2 that sold 1 is not a jump.
 */
export function jumpBeyondP90(forecast: DemandForecast, series: ProductSeries, asOf: DayNumber): { days: number; actualUnits: number; forecastP90: number } | null {
	const passed = Math.min(forecast.mean.length, asOf - forecast.fromDay + 1);
	if (passed < MIN_JUMP_DAYS) return null;
	const days = Math.min(JUMP_DAYS, passed);
	const first = forecast.fromDay + passed - days, last = forecast.fromDay + passed - 1;
	let actualUnits = 0;
	for (let i = series.days.length - 1; i >= 0 && series.days[i] >= first; i--) if (series.days[i] <= last) actualUnits += series.units[i];
	const phi = forecast.overdispersion ?? 0;
	let mean = 0, variance = 0;
	for (let k = passed - days; k < passed; k++) {
		const m = forecast.mean[k];
		mean += m;
		variance += m + phi * m * m;
	}
	const forecastP90 = mean + Z90 * Math.sqrt(variance);
	return actualUnits - forecastP90 >= 1 ? { days, actualUnits, forecastP90 } : null;
}
