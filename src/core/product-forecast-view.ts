// A product's forecast as its page shows it: the latest run's forecast for the product, how the
// earlier runs did once their days passed, and the sales history drawn before it. The runs are
// whole catalogues (megabytes each), so a worker reads them and hands back only this small view.
import type { DayNumber, ProductId } from './brand';
import { forecastFromRun, realizedAccuracy, type ForecastRun, type RealizedAccuracy } from './forecast-runs';
import type { DemandForecast } from './forecast/types';
import { addToSeries } from './product-series';
import type { DayTotals } from './types';

/** Earlier runs measured against what sold on a product's page: the newest few (each is a whole catalogue). */
export const RUNS_JUDGED = 4;

/** Days of sales history drawn before the forecast. */
export const HISTORY_DAYS = 91;

export interface ProductForecastView {
	/** The product's forecast in the latest run (its fromDay and modelVersion say which run made it). */
	forecast: DemandForecast;
	/** Past runs whose days have (partly) passed, measured against what sold, newest first. */
	realized: RealizedAccuracy[];
	/** The method the owner chose for this product, or null for the automatic choice. */
	override: string | null;
	/** Units sold per day over the HISTORY_DAYS before the forecast (every day, zeros included). */
	history: { day: number; units: number }[];
}

/**
 * The product's sales days a view needs, given the stored runs newest first (at most
 * RUNS_JUDGED + 1): the history before the latest run and the days since the earliest run judged.
 * Null when there is no run or the latest one did not cover the product (there is no view then).
 */
export function productForecastDays(runs: readonly ForecastRun[], productId: ProductId): { from: DayNumber; to: DayNumber } | null {
	const latest = runs[0];
	if (!latest || !latest.productIds.includes(productId)) return null;
	const lastDay = latest.fromDay - 1;
	return { from: Math.min(lastDay - HISTORY_DAYS + 1, ...runs.map((r) => r.fromDay)) as DayNumber, to: lastDay as DayNumber };
}

/**
 * The view from the stored runs (newest first) and the product's sales over productForecastDays;
 * undefined before any run or when the latest run did not cover the product.
 */
export function productForecastView(runs: readonly ForecastRun[], productId: ProductId, days: readonly DayTotals[], override: string | null): ProductForecastView | undefined {
	const latest = runs[0];
	const forecast = latest && forecastFromRun(latest, productId);
	if (!latest || !forecast) return undefined;
	const lastDay = latest.fromDay - 1;
	const sold = days.length ? addToSeries(undefined, productId, days) : undefined;
	const realized = realizedAccuracy(runs.slice(1), sold, productId, lastDay as DayNumber);
	// Returns can make a day's net units negative; the chart draws what sold, not below zero.
	const byDay = new Map(days.map((d) => [d.day as number, Math.max(0, d.units)]));
	const history = Array.from({ length: HISTORY_DAYS }, (_, i) => {
		const day = lastDay - HISTORY_DAYS + 1 + i;
		return { day, units: byDay.get(day) ?? 0 };
	});
	return { forecast, realized, override, history };
}
