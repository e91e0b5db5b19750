// Demand forecasts as `inventario forecast` prints them (CSV sku,date,p10,p50,p90,mean,method, or
// JSON per product; the shop's or a category's daily totals) and the API answers them. The CLI
// forecasts afresh with the engine; the server reads its latest stored run. Both print through
// these functions.
import type { DayNumber, ProductId } from '../brand';
import { soldSeriesFromBlocks } from '../forecast/demand';
import type { CatalogForecast } from '../forecast/engine';
import type { TotalForecast } from '../forecast/totals';
import { totalForecast } from '../forecast/totals';
import type { DemandForecast } from '../forecast/types';
import { forecastsFromRun, type ForecastRun } from '../forecast-runs';
import { weeklyForecast } from '../forecast-weeks';
import { sumForecasts } from '../product-forecast-view';
import type { ProductSeries } from '../product-series';
import type { InventoryRepository } from '../repository';
import { isoDay, parseIsoDay } from '../time';
import { normalQuantile } from '../trends/statistics';
import type { Product } from '../types';
import { isStyle } from '../variants';

export const CSV_HEADER = 'sku,date,p10,p50,p90,mean,method';
export const WEEKLY_CSV_HEADER = 'sku,week_start,days,p10,mean,p90,method';
export const TOTAL_CSV_HEADER = 'date,units_p10,units_p50,units_p90,units_mean,revenue_p10,revenue_p50,revenue_p90,revenue_mean';

/** Four decimals: what the CSV and rounded JSON figures carry. */
export const num = (v: number) => String(Math.round(v * 10_000) / 10_000);
const round = (v: number) => Number(num(v));
const money = (cents: number) => Math.round(cents) / 100;
const zeros = (n: number) => new Array<number>(n).fill(0);

export function csvCell(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface StoreDemand {
	products: Product[];
	series: ProductSeries[];
	/** Last day with a sale (null: no sales at all). */
	lastSaleDay: DayNumber | null;
}

/** The store's products and what each sold per day (positive sale lines: core/forecast/demand.ts). */
export async function readDemand(repo: InventoryRepository): Promise<StoreDemand> {
	const [products, blocks] = await Promise.all([repo.listProducts(), repo.saleBlocks()]);
	const series = soldSeriesFromBlocks(blocks);
	let last = -Infinity;
	for (const s of series) if (s.days.length) last = Math.max(last, s.days[s.days.length - 1]);
	return { products, series, lastSaleDay: Number.isFinite(last) ? (last as DayNumber) : null };
}

/**
 * What the CSV's p50 column holds. 'mean' (default): the expected units, the point forecast that
 * RMSSE and total error reward; for an item selling on one day in five the median of every day is
 * 0, which says nothing about how much to stock. 'median': the strict 50% quantile.
 */
export type PointColumn = 'mean' | 'median';

/** One product's forecast as `inventario forecast --json` prints it (zeros and 'no-sales' for a product that never sold). */
export interface ProductForecastItem {
	sku: string;
	from: string;
	method: string;
	modelVersion: string | null;
	p10: number[];
	p50: number[];
	p90: number[];
	mean: number[];
	backtest: DemandForecast['metrics'] | null;
}

/** An item per product, in the order given; a style's is the sum of its variants' among `products` (sumForecasts). */
export function productForecastItems(products: readonly Product[], forecasts: readonly DemandForecast[], fromDay: DayNumber, horizon: number): ProductForecastItem[] {
	const byId = new Map(forecasts.map((f) => [f.productId, f]));
	const variantForecasts = (style: Product) => products.filter((v) => v.variantOf === style.id).flatMap((v) => byId.get(v.id) ?? []);
	return products.map((p) => {
		const f = byId.get(p.id) ?? (isStyle(p) ? sumForecasts(variantForecasts(p), p.id) : undefined);
		return {
			sku: p.sku, from: isoDay(fromDay), method: f?.method ?? 'no-sales', modelVersion: f?.modelVersion ?? null,
			p10: f?.p10 ?? zeros(horizon), p50: f?.p50 ?? zeros(horizon), p90: f?.p90 ?? zeros(horizon), mean: (f?.mean ?? zeros(horizon)).map(round),
			backtest: f?.metrics ?? null
		};
	});
}

/** CSV lines (header first): every item and day, products by SKU. */
export function forecastCsvLinesOf(items: readonly ProductForecastItem[], point: PointColumn = 'mean'): string[] {
	const lines = [CSV_HEADER];
	for (const f of [...items].sort((a, b) => a.sku.localeCompare(b.sku))) {
		const sku = csvCell(f.sku);
		const from = parseIsoDay(f.from)!;
		for (let k = 0; k < f.mean.length; k++) {
			const date = isoDay((from + k) as DayNumber);
			lines.push(`${sku},${date},${num(f.p10[k])},${num(point === 'mean' ? f.mean[k] : f.p50[k])},${num(f.p90[k])},${num(f.mean[k])},${f.method}`);
		}
	}
	return lines;
}

/** CSV sku,week_start,days,p10,mean,p90,method: each product's demand per 7-day slice with its 80% range. */
export function weeklyCsvLines(products: readonly Product[], forecasts: readonly DemandForecast[], fromDay: DayNumber, horizon: number): string[] {
	const byId = new Map(forecasts.map((f) => [f.productId, f]));
	const lines = [WEEKLY_CSV_HEADER];
	for (const p of [...products].sort((a, b) => a.sku.localeCompare(b.sku))) {
		const f = byId.get(p.id);
		const weeks = f ? weeklyForecast(f) : [];
		for (let start = 0, w = 0; start < horizon; start += 7, w++) {
			const week = weeks[w];
			const from = isoDay((fromDay + start) as DayNumber);
			lines.push([csvCell(p.sku), from, Math.min(7, horizon - start), num(week?.p10 ?? 0), num(week?.mean ?? 0), num(week?.p90 ?? 0), f?.method ?? 'no-sales'].join(','));
		}
	}
	return lines;
}

/** The products of a category (named case-insensitively, spaces trimmed); null when it has none. */
export function categoryIds(products: readonly Product[], category: string): Set<ProductId> | null {
	const name = category.trim().toLowerCase();
	const inCategory = products.filter((p) => p.category.trim().toLowerCase() === name);
	return inCategory.length ? new Set(inCategory.map((p) => p.id)) : null;
}

/** The shop's category names, sorted (for "no such category" messages). */
export const categoryNames = (products: readonly Product[]) => [...new Set(products.map((p) => p.category).filter(Boolean))].sort();

export interface TotalForecastDay {
	date: string;
	units_p10: number; units_p50: number; units_p90: number; units_mean: number;
	revenue_p10: number; revenue_p50: number; revenue_p90: number; revenue_mean: number;
}

/** `inventario forecast --total --json`: units and revenue (in the currency's units) per day. */
export interface TotalForecastReport {
	/** 'shop', or the category as asked for. */
	scope: string;
	from: string;
	horizon: number;
	days: TotalForecastDay[];
}

/** The first `horizon` days of a total forecast as the report's rows. */
export function totalForecastReport(total: TotalForecast, scope: string, horizon: number = total.units.mean.length): TotalForecastReport {
	const days = Math.min(horizon, total.units.mean.length);
	return {
		scope, from: isoDay(total.fromDay), horizon: days,
		days: total.units.mean.slice(0, days).map((_, k) => ({
			date: isoDay((total.fromDay + k) as DayNumber),
			units_p10: round(total.units.p10[k]), units_p50: round(total.units.p50[k]), units_p90: round(total.units.p90[k]), units_mean: round(total.units.mean[k]),
			revenue_p10: money(total.revenue.p10[k]), revenue_p50: money(total.revenue.p50[k]), revenue_p90: money(total.revenue.p90[k]), revenue_mean: money(total.revenue.mean[k])
		}))
	};
}

/** The CSV `inventario forecast --total` prints. */
export const totalForecastCsvLines = (report: TotalForecastReport) => [TOTAL_CSV_HEADER, ...report.days.map((r) => Object.values(r).join(','))];

const Z90 = normalQuantile(0.9);

/**
 * The extra variance of sums a stored run's totals were made with (CatalogForecast.totalsInflation,
 * which the run does not keep): the shop total's spread over the spread of its products' summed
 * variances. 1 when there is nothing to measure it on.
 */
export function totalsInflationOf(run: ForecastRun): number {
	const h = run.horizon, n = run.productIds.length;
	let band = 0, variance = 0;
	for (let k = 0; k < h; k++) {
		const m = run.totals.units.mean[k], p90 = run.totals.units.p90[k];
		band += ((p90 - m) / Z90) ** 2;
		for (let p = 0; p < n; p++) {
			const mean = run.mean[p * h + k];
			variance += mean + run.overdispersion[p] * mean * mean;
		}
	}
	return variance > 0 && band > 0 ? band / variance : 1;
}

/** A stored run's total for the products `include` accepts (a category), as the engine would have summed it. */
export function totalFromRun(run: ForecastRun, prices: ReadonlyMap<ProductId, number>, include?: (productId: ProductId) => boolean): TotalForecast {
	if (!include) return run.totals;
	const catalog = { fromDay: run.fromDay, horizon: run.horizon, forecasts: [...forecastsFromRun(run).values()], totalsInflation: totalsInflationOf(run) } as Pick<CatalogForecast, 'fromDay' | 'horizon' | 'forecasts' | 'totalsInflation'>;
	return totalForecast(catalog as CatalogForecast, prices, include);
}

/** What `inventario backtest --json` prints beside its CSV. */
export function backtestSummary(result: CatalogForecast, meta: { file: string; cutoff: DayNumber; horizon: number; rows: number; importMillis: number; cpuSeconds: number }) {
	return {
		file: meta.file, cutoff: isoDay(meta.cutoff), horizon: meta.horizon, products: result.forecasts.length, rows: meta.rows,
		seconds: { import: meta.importMillis / 1000, prepare: result.millis.prepare / 1000, train: result.millis.train / 1000, backtest: result.millis.backtest / 1000, forecast: result.millis.forecast / 1000, cpuTrainForecast: meta.cpuSeconds },
		training: result.training && { examples: result.training.examples, epochs: result.training.epochs, bestEpoch: result.training.bestEpoch, loss: result.training.loss },
		refit: result.refit && { examples: result.refit.examples, epochs: result.refit.epochs },
		backtestOrigins: result.backtestOrigins.map(isoDay),
		calibration: result.calibration, levelFactors: result.levelFactors, yearlyStrength: result.yearlyStrength, totalsInflation: result.totalsInflation,
		closedWeekdays: result.closedWeekdays.flatMap((closed, w) => (closed ? [['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][w]] : [])),
		methods: countBy(result.forecasts.map((f) => f.method)),
		backtest: result.backtestSummary
	};
}

function countBy(items: readonly string[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const i of items) out[i] = (out[i] ?? 0) + 1;
	return out;
}
