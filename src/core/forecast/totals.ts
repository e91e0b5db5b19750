// The shop's (or a category's) daily units and revenue: sums of the product forecasts, with
// intervals from the summed variances, widened by what the backtest saw of errors products share.
import type { DayNumber, ProductId } from '../brand';
import type { ProductSeries } from '../product-series';
import { normalQuantile } from '../trends/statistics';
import type { CatalogForecast } from './engine';
import type { DemandForecast } from './types';

export interface TotalForecast {
	fromDay: DayNumber;
	units: DemandForecast;
	/** Revenue in cents per day. */
	revenue: DemandForecast;
}

const PRICE_DAYS = 91;
const Z90 = normalQuantile(0.9);

/** Each product's recent average selling price in cents (revenue over units of its last 91 days of sales). */
export function recentPrices(series: readonly ProductSeries[], lastDay: DayNumber): Map<ProductId, number> {
	const prices = new Map<ProductId, number>();
	for (const s of series) {
		let units = 0, revenue = 0;
		for (let i = s.days.length - 1; i >= 0; i--) {
			if (s.days[i] > lastDay) continue;
			if (s.days[i] <= lastDay - PRICE_DAYS && units > 0) break;
			if (s.units[i] > 0) { units += s.units[i]; revenue += s.revenue[i]; }
		}
		if (units > 0) prices.set(s.productId, Math.max(0, revenue / units));
	}
	return prices;
}

/** Sums the forecasts of the products `include` accepts (all by default). */
export function totalForecast(result: CatalogForecast, prices: ReadonlyMap<ProductId, number>, include: (productId: ProductId) => boolean = () => true): TotalForecast {
	const h = result.horizon;
	const units = { mean: new Float64Array(h), variance: new Float64Array(h) };
	const revenue = { mean: new Float64Array(h), variance: new Float64Array(h) };
	let products = 0;
	for (const f of result.forecasts) {
		if (f.productId === null || !include(f.productId)) continue;
		products++;
		const price = prices.get(f.productId) ?? 0;
		const phi = f.overdispersion ?? 0;
		for (let k = 0; k < h; k++) {
			const m = f.mean[k], v = m + phi * m * m;
			units.mean[k] += m;
			units.variance[k] += v;
			revenue.mean[k] += price * m;
			revenue.variance[k] += price * price * v;
		}
	}
	const version = `sum of ${products} product forecasts`;
	const asForecast = (s: { mean: Float64Array; variance: Float64Array }): DemandForecast => {
		const sd = [...s.variance].map((v) => Math.sqrt(v * result.totalsInflation));
		return {
			productId: null, fromDay: result.fromDay, method: 'sum-of-products', modelVersion: version,
			mean: [...s.mean], p50: [...s.mean],
			p10: [...s.mean].map((m, k) => Math.max(0, m - Z90 * sd[k])),
			p90: [...s.mean].map((m, k) => m + Z90 * sd[k])
		};
	};
	return { fromDay: result.fromDay, units: asForecast(units), revenue: asForecast(revenue) };
}
