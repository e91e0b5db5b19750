// A product's forecast as its page shows it: the latest run's forecast for the product, how the
// earlier runs did once their days passed, and the sales history drawn before it. The runs are
// whole catalogues (megabytes each), so a worker reads them and hands back only this small view.
import type { DayNumber, ProductId } from './brand';
import { forecastFromRun, realizedAccuracy, totalOverDays, type ForecastRun, type RealizedAccuracy } from './forecast-runs';
import { weeklyForecast, type WeekForecast } from './forecast-weeks';
import type { DemandForecast } from './forecast/types';
import { addToSeries, seriesDays, type ProductSeries } from './product-series';
import { normalQuantile } from './trends/statistics';
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

/** Weeks of history drawn before the forecast (HISTORY_DAYS is a whole number of them). */
export const HISTORY_WEEKS = Math.floor(HISTORY_DAYS / 7);

/**
 * A product's demand by the week, as its page words and draws it: the headline quotes `nextWeek`,
 * and the chart's first forecast point is that same week, so the sentence and the line agree (a
 * daily median of an occasional seller is 0 or 1 and says nothing of a week's total).
 */
export interface WeeklyDemand {
	/** Units sold in each whole week before the forecast, oldest first; the last ends the day before it. */
	past: { fromDay: DayNumber; units: number }[];
	/** What the latest test forecast for the same weeks (null for weeks the test did not cover), aligned with `past`. */
	tested: (number | null)[];
	/** The whole 7-day weeks ahead: expected units with their 80 % range. */
	ahead: WeekForecast[];
	/** The next 7 days (ahead[0]; undefined only for a forecast shorter than a week). */
	nextWeek: WeekForecast | undefined;
	/** Units sold over the last four weeks before the forecast. */
	lastFourWeeks: number;
}

export function weeklyDemand(view: Pick<ProductForecastView, 'forecast' | 'history'>): WeeklyDemand {
	const { forecast, history } = view;
	const weeks = Math.floor(history.length / 7);
	// Weeks end the day before the forecast: drop the oldest days that do not fill a week.
	const skip = history.length - weeks * 7;
	const past = Array.from({ length: weeks }, (_, w) => {
		const days = history.slice(skip + w * 7, skip + w * 7 + 7);
		return { fromDay: days[0].day as DayNumber, units: days.reduce((n, d) => n + d.units, 0) };
	});
	const tested = new Array<number | null>(weeks).fill(null);
	const test = forecast.backtest?.[0]?.forecast;
	if (test) {
		const testWeeks = Math.min(weeks, Math.floor(test.length / 7));
		const start = test.length - testWeeks * 7;
		for (let w = 0; w < testWeeks; w++) {
			tested[weeks - testWeeks + w] = test.slice(start + w * 7, start + w * 7 + 7).reduce((a, b) => a + b, 0);
		}
	}
	const ahead = weeklyForecast(forecast).filter((w) => w.days === 7);
	return { past, tested, ahead, nextWeek: ahead[0], lastFourWeeks: past.slice(-4).reduce((n, w) => n + w.units, 0) };
}

/**
 * Units as the page says them: whole units from 10 up, one decimal below (a week of 0.4 is not
 * "about 0"), so the words and the chart's tooltip give the same figure.
 */
export function roundUnits(n: number): number {
	return n >= 10 ? Math.round(n) : Math.round(n * 10) / 10;
}

/** The method name of a style's forecast: its variants' forecasts added up. */
export const SUM_OF_VARIANTS = 'sum-of-variants';
const Z90 = normalQuantile(0.9);

/**
 * The forecast of a style: its variants' forecasts summed day by day. The means add up exactly (the
 * style's expected units are its variants'). Quantiles do not add up: the P90 of a sum is not the
 * sum of the P90s (that would be the band if every size sold out of step with none). The runs keep
 * no sample paths, so the band is read off a normal with the days' variances summed (each
 * variant's negative binomial: mean + overdispersion x mean^2), taking the variants as independent,
 * as the shop's totals do. It is approximate: narrower than the truth when the variants rise and
 * fall together (the style in or out of fashion), and a normal on a few units a day is rough.
 */
export function sumForecasts(forecasts: readonly DemandForecast[], productId: ProductId | null): DemandForecast | undefined {
	const first = forecasts[0];
	if (!first) return undefined;
	const h = Math.min(...forecasts.map((f) => f.mean.length));
	const mean = new Array<number>(h).fill(0), variance = new Array<number>(h).fill(0);
	for (const f of forecasts) {
		for (let k = 0; k < h; k++) {
			const m = f.mean[k];
			mean[k] += m;
			variance[k] += f.overdispersion === undefined ? ((f.p90[k] - m) / Z90) ** 2 : m + f.overdispersion * m * m;
		}
	}
	const sd = variance.map(Math.sqrt);
	const tests = forecasts.map((f) => f.backtest?.[0]);
	const testDays = tests[0]?.actual.length ?? 0;
	const backtest = testDays && tests.every((b) => b && b.actual.length === testDays)
		? [{ actual: addUp(tests.map((b) => b!.actual), testDays), forecast: addUp(tests.map((b) => b!.forecast), testDays) }]
		: undefined;
	return {
		productId, fromDay: first.fromDay, mean, p50: [...mean],
		p10: mean.map((m, k) => Math.max(0, m - Z90 * sd[k])), p90: mean.map((m, k) => m + Z90 * sd[k]),
		method: SUM_OF_VARIANTS, modelVersion: `sum of ${forecasts.length} variant forecasts`,
		...(backtest ? { backtest } : {})
	};
}

const addUp = (rows: readonly (readonly number[])[], n: number) => Array.from({ length: n }, (_, k) => rows.reduce((sum, r) => sum + r[k], 0));

/** A variant's figures on its style's page. */
export interface VariantFigures {
	productId: ProductId;
	/** Units sold, net of returns, over the 30 and 90 days up to `today`. */
	sold30: number;
	sold90: number;
	/** The next 30 days of its latest forecast; null when the latest run did not cover it (new, never sold). */
	next30: { mean: number; p10: number; p90: number } | null;
}

export interface StyleForecastView {
	/** The style's forecast (sumForecasts of its variants' in the latest run) and history (their sales summed); undefined when the run covered none. */
	view: ProductForecastView | undefined;
	variants: VariantFigures[];
	/** Variants the latest run did not forecast: they add nothing to the style's forecast. */
	notForecast: ProductId[];
}

/**
 * A style's page from the stored runs (newest first) and its variants' series: each variant's
 * sales and forecast, and the style's forecast and history as their sums. Earlier runs are not
 * judged for a style (their bands would be approximations of approximations).
 */
export function styleForecastView(runs: readonly ForecastRun[], styleId: ProductId, variantIds: readonly ProductId[], seriesOf: (id: ProductId) => ProductSeries | undefined, today: DayNumber): StyleForecastView {
	const latest = runs[0];
	const forecasts = new Map<ProductId, DemandForecast>();
	for (const id of variantIds) {
		const f = latest && forecastFromRun(latest, id);
		if (f) forecasts.set(id, f);
	}
	const soldOver = (id: ProductId, days: number) => seriesDays(seriesOf(id), (today - days + 1) as DayNumber, today).reduce((n, d) => n + d.units, 0);
	const variants = variantIds.map((productId) => {
		const f = forecasts.get(productId);
		return { productId, sold30: soldOver(productId, 30), sold90: soldOver(productId, 90), next30: f ? totalOverDays(f, 30) : null };
	});
	const forecast = sumForecasts([...forecasts.values()], styleId);
	let view: ProductForecastView | undefined;
	if (latest && forecast) {
		const lastDay = latest.fromDay - 1;
		const days = variantIds.flatMap((id) => seriesDays(seriesOf(id), (lastDay - HISTORY_DAYS + 1) as DayNumber, lastDay as DayNumber));
		const byDay = new Map<number, number>();
		for (const d of days) byDay.set(d.day, (byDay.get(d.day) ?? 0) + Math.max(0, d.units));
		const history = Array.from({ length: HISTORY_DAYS }, (_, i) => {
			const day = lastDay - HISTORY_DAYS + 1 + i;
			return { day, units: byDay.get(day) ?? 0 };
		});
		view = { forecast, realized: [], override: null, history };
	}
	return { view, variants, notForecast: variantIds.filter((id) => !forecasts.has(id)) };
}
