// What a demand forecast is, as every consumer (reorder, screens, CLI, storage) sees it.
import type { DayNumber, ProductId } from '../brand';
import type { ForecastMetrics } from './metrics';

/** Daily demand for one product (or the shop, or a category) from fromDay on, one entry per day. */
export interface DemandForecast {
	/** The product forecast; null for the shop's or a category's total. */
	productId: ProductId | null;
	fromDay: DayNumber;
	p10: number[];
	p50: number[];
	p90: number[];
	mean: number[];
	/** The method that made it, e.g. "global-nn", "croston-sba", "seasonal-naive". */
	method: string;
	/** The registry version of the model that made it, so its accuracy can be checked later. */
	modelVersion: string;
	/**
	 * Rolling-origin backtest of the chosen method, latest origin first: per origin, daily actual and
	 * forecast units over the backtest horizon, so callers can measure the error over any window (e.g.
	 * a lead time). `daysBefore`: how many days before the latest origin this one was (windows overlap).
	 */
	backtest?: { actual: number[]; forecast: number[]; daysBefore?: number }[];
	/** Backtest accuracy of the method that made it (RMSSE, total error, MASE, bias, pinball, coverage). */
	metrics?: ForecastMetrics;
	/** The day's demand is negative binomial: variance = mean + overdispersion * mean^2. */
	overdispersion?: number;
}
