// Demand over a window of a forecast, and the safety stock that covers its error over the lead
// time at a chosen service level, measured from the forecast's own backtest.
import type { DemandForecast } from '../forecast/types';
import { empiricalQuantile, mean, normalQuantile } from '../trends/statistics';

/** Days past the horizon are forecast at the mean of the horizon's last 28 days. */
const TAIL_DAYS = 28;
/**
 * Non-overlapping lead-time windows needed before their empirical quantile is trusted; windows that
 * slide over one origin share most of their days, so they count for less than they look.
 */
export const MIN_INDEPENDENT_WINDOWS = 8;
/** Daily error pairs needed to estimate the error's bias and spread instead. */
export const MIN_DAILY_ERRORS = 14;
/** z of the P90 (the P10-P90 band is ±1.2816 standard deviations of a normal). */
const Z_P90 = 1.2815515655446004;

/** The value of a daily forecast array on day i, extended flat past its end. */
export function dailyValue(values: readonly number[], i: number): number {
	if (i < values.length) return values[i];
	const tail = values.slice(-TAIL_DAYS);
	return tail.length ? tail.reduce((s, v) => s + v, 0) / tail.length : 0;
}

/** Sum of a daily forecast over days [start, start + days). */
export function windowSum(values: readonly number[], start: number, days: number): number {
	let sum = 0;
	for (let i = start; i < start + days; i++) sum += dailyValue(values, i);
	return sum;
}

/**
 * backtest_windows: quantile of the backtest's lead-time errors; backtest_daily: bias plus z times the
 * spread of its daily errors over the lead time; interval_spread: the forecast's own P10-P90 band.
 */
export type SafetyStockBasis = 'backtest_windows' | 'backtest_daily' | 'interval_spread' | 'no_lead_time';

export interface SafetyStock {
	units: number;
	basis: SafetyStockBasis;
	/** Backtest errors it was measured from: lead-time windows or days (0 with the spread). */
	samples: number;
	/** Set when the backtest horizon was shorter than the lead time: errors over this many days, scaled up. */
	scaledFromDays: number | null;
}

/**
 * Lead-time forecast errors (actual minus forecast, summed over `leadTime` days) from every
 * backtest origin and every start within its horizon. When the horizon is shorter than the lead
 * time, each origin gives its whole-horizon error scaled by leadTime / horizon (errors that
 * persist, such as bias, grow that way; it errs towards more stock).
 */
export function leadTimeErrors(backtest: NonNullable<DemandForecast['backtest']>, leadTime: number): { errors: number[]; scaledFromDays: number | null } {
	const errors: number[] = [];
	let scaledFromDays: number | null = null;
	for (const { actual, forecast } of backtest) {
		const horizon = Math.min(actual.length, forecast.length);
		if (horizon === 0) continue;
		if (horizon >= leadTime) {
			for (let start = 0; start + leadTime <= horizon; start++) {
				let error = 0;
				for (let i = start; i < start + leadTime; i++) error += actual[i] - forecast[i];
				errors.push(error);
			}
		} else {
			let error = 0;
			for (let i = 0; i < horizon; i++) error += actual[i] - forecast[i];
			errors.push((error * leadTime) / horizon);
			scaledFromDays = Math.min(scaledFromDays ?? horizon, horizon);
		}
	}
	return { errors, scaledFromDays };
}

/**
 * Non-overlapping lead-time windows in the days the backtest covers: origins a week apart share most
 * of their days, so they add only the days the others did not reach.
 */
export function independentLeadTimeWindows(backtest: NonNullable<DemandForecast['backtest']>, leadTime: number): number {
	const spans = backtest.map((o) => ({ from: -(o.daysBefore ?? 0), to: -(o.daysBefore ?? 0) + Math.min(o.actual.length, o.forecast.length) }));
	if (backtest.some((o) => o.daysBefore === undefined)) return spans.reduce((n, s) => n + Math.floor((s.to - s.from) / leadTime), 0);
	// Windows of one rolling backtest: the union of their days, counted once.
	spans.sort((a, b) => a.from - b.from);
	let covered = 0, reach = -Infinity;
	for (const { from, to } of spans) {
		if (to <= reach) continue;
		covered += to - Math.max(from, reach);
		reach = to;
	}
	return Math.floor(covered / leadTime);
}

/**
 * Safety stock, never below zero, from the forecast's own errors at the service level:
 * - with enough independent lead-time windows in the backtest, the service-level quantile of
 *   their errors (so a forecast that tends to fall short gets more);
 * - with a shorter backtest, the daily errors' bias times the lead time plus z times their
 *   standard deviation times the square root of the lead time;
 * - without a backtest, the forecast's P10-P90 band over the lead time read as a normal spread.
 */
export function safetyStock(forecast: DemandForecast, leadTime: number, serviceLevel: number): SafetyStock {
	if (!(serviceLevel > 0.5 && serviceLevel < 1)) throw new RangeError(`service level must be between 0.5 and 1 (e.g. 0.95), got ${serviceLevel}`);
	if (leadTime <= 0) return { units: 0, basis: 'no_lead_time', samples: 0, scaledFromDays: null };
	const z = normalQuantile(serviceLevel);
	const backtest = forecast.backtest ?? [];
	const independentWindows = independentLeadTimeWindows(backtest, leadTime);
	if (independentWindows >= MIN_INDEPENDENT_WINDOWS) {
		const { errors, scaledFromDays } = leadTimeErrors(backtest, leadTime);
		return { units: Math.max(0, empiricalQuantile(errors, serviceLevel)), basis: 'backtest_windows', samples: errors.length, scaledFromDays };
	}
	const daily = backtest.flatMap((o) => o.actual.slice(0, o.forecast.length).map((a, i) => a - o.forecast[i]));
	if (daily.length >= MIN_DAILY_ERRORS) {
		const bias = mean(daily);
		const sd = Math.sqrt(daily.reduce((sum, e) => sum + (e - bias) ** 2, 0) / (daily.length - 1));
		return { units: Math.max(0, bias * leadTime + z * sd * Math.sqrt(leadTime)), basis: 'backtest_daily', samples: daily.length, scaledFromDays: null };
	}
	let variance = 0;
	for (let i = 0; i < leadTime; i++) {
		const sd = Math.max(0, dailyValue(forecast.p90, i) - dailyValue(forecast.p10, i)) / (2 * Z_P90);
		variance += sd * sd;
	}
	return { units: z * Math.sqrt(variance), basis: 'interval_spread', samples: 0, scaledFromDays: null };
}
