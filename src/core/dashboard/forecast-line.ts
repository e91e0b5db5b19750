// The revenue forecast the sales chart continues with: the newest stored forecast run's shop
// revenue (its days after the range), or under a filter the sum of the filtered products'
// forecasts at their recent prices, with the run's own widening for errors products share.
import type { DayNumber } from '../brand';
import type { ForecastRun } from '../forecast-runs';
import { recentPrices } from '../forecast/totals';
import { normalQuantile } from '../trends/statistics';
import type { DayRange } from './periods';
import type { ProductSlot } from './data';
import type { RevenueForecast } from './view';

const Z90 = normalQuantile(0.9);

/**
 * Null when there is no run, when the range does not reach the last day with sales (a past
 * period has nothing to continue) or when the run ends before the range does.
 */
export function revenueForecast(run: ForecastRun | null, all: readonly ProductSlot[], selected: readonly ProductSlot[], filtered: boolean, range: DayRange, lastSalesDay: number | null): RevenueForecast | null {
	if (!run || lastSalesDay === null || range.to < lastSalesDay) return null;
	const first = Math.max(run.fromDay, range.to + 1);
	const end = run.fromDay + run.horizon;
	if (first >= end) return null;
	const offsets = Array.from({ length: end - first }, (_, i) => first - run.fromDay + i);
	const days = offsets.map((k) => (run.fromDay + k) as DayNumber);
	const shop = run.totals.revenue;
	if (!filtered) {
		return { days, mean: offsets.map((k) => shop.mean[k]), p10: offsets.map((k) => shop.p10[k]), p90: offsets.map((k) => shop.p90[k]), createdAt: run.createdAt, modelId: run.modelId };
	}
	// Every product's price: the shop's raw sum (for the band's widening) needs them all.
	const prices = recentPrices(all.flatMap((s) => (s.series ? [s.series] : [])), (run.fromDay - 1) as DayNumber);
	const wanted = new Set(selected.map((s) => s.id));
	const h = run.horizon;
	const mean = new Float64Array(h), variance = new Float64Array(h), shopRaw = new Float64Array(h);
	run.productIds.forEach((id, p) => {
		const phi = run.overdispersion[p];
		const price = prices.get(id) ?? 0;
		for (let k = 0; k < h; k++) {
			const m = run.mean[p * h + k], v = price * price * (m + phi * m * m);
			shopRaw[k] += v;
			if (wanted.has(id)) { mean[k] += price * m; variance[k] += v; }
		}
	});
	// The run widened the shop's band beyond the sum of product variances (errors products share): the same factor here.
	const factor = (k: number) => {
		const sd = (shop.p90[k] - shop.mean[k]) / Z90;
		return shopRaw[k] > 0 && sd > 0 ? (sd * sd) / shopRaw[k] : 1;
	};
	const sd = offsets.map((k) => Math.sqrt(variance[k] * factor(k)));
	return {
		days, mean: offsets.map((k) => mean[k]), p10: offsets.map((k, i) => Math.max(0, mean[k] - Z90 * sd[i])), p90: offsets.map((k, i) => mean[k] + Z90 * sd[i]),
		createdAt: run.createdAt, modelId: run.modelId
	};
}
