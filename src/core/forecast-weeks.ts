// Weekly demand from a daily forecast, for owners who plan by the week: each 7-day slice's total
// with its 80% range (core/forecast-runs.ts totalOverDays), the last week possibly shorter.
import type { DayNumber } from './brand';
import { totalOverDays } from './forecast-runs';
import type { DemandForecast } from './forecast/types';

export interface WeekForecast {
	/** First day of the week slice (the forecast's first day, then every 7 days). */
	fromDay: DayNumber;
	days: number;
	mean: number;
	p10: number;
	p90: number;
}

export function weeklyForecast(forecast: DemandForecast): WeekForecast[] {
	const out: WeekForecast[] = [];
	for (let start = 0; start < forecast.mean.length; start += 7) {
		const days = Math.min(7, forecast.mean.length - start);
		const slice: DemandForecast = {
			...forecast, p10: forecast.p10.slice(start, start + days), p50: forecast.p50.slice(start, start + days),
			p90: forecast.p90.slice(start, start + days), mean: forecast.mean.slice(start, start + days)
		};
		out.push({ fromDay: (forecast.fromDay + start) as DayNumber, days, ...totalOverDays(slice, days) });
	}
	return out;
}
