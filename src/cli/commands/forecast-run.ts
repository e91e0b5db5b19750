// What `forecast` and `backtest` share: reading a store's sales as demand, running the engine with
// the wasm backend, and writing the per-product CSV (sku,date,p10,p50,p90,mean,method).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { DayNumber, ProductId } from '../../core/brand';
import { soldSeriesFromBlocks } from '../../core/forecast/demand';
import { forecastCatalog, METHOD_NAMES, type CatalogForecast, type ForecastOptions } from '../../core/forecast/engine';
import type { DemandForecast } from '../../core/forecast/types';
import { useFastestBackend } from '../../core/forecast/tf';
import type { ProductSeries } from '../../core/product-series';
import type { InventoryRepository } from '../../core/repository';
import { isoDay, parseIsoDay } from '../../core/time';
import type { Product } from '../../core/types';
import { UsageError } from '../args';

export const CSV_HEADER = 'sku,date,p10,p50,p90,mean,method';

/** Starts tfjs on the wasm backend from node_modules (cpu if it cannot). */
export async function startNodeBackend(): Promise<string> {
	const require = createRequire(import.meta.url);
	return useFastestBackend(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + '/');
}

export function parseHorizon(value: unknown): number {
	if (value === undefined) throw new UsageError('--horizon N is required (days to forecast, 1 to 365)');
	const text = String(value);
	const n = Number(text);
	if (!/^\d+$/.test(text) || n < 1 || n > 365) throw new UsageError(`--horizon must be a whole number of days from 1 to 365, not "${text}"`);
	return n;
}

export function parseDay(option: string, value: unknown): DayNumber {
	const day = parseIsoDay(String(value));
	if (day === null) throw new UsageError(`--${option} must be a date written YYYY-MM-DD, not "${String(value)}"`);
	return day;
}

export interface StoreDemand {
	products: Product[];
	series: ProductSeries[];
	/** Last day with a sale (null: no sales at all). */
	lastSaleDay: DayNumber | null;
}

export async function readDemand(repo: InventoryRepository): Promise<StoreDemand> {
	const [products, blocks] = await Promise.all([repo.listProducts(), repo.saleBlocks()]);
	const series = soldSeriesFromBlocks(blocks);
	let last = -Infinity;
	for (const s of series) if (s.days.length) last = Math.max(last, s.days[s.days.length - 1]);
	return { products, series, lastSaleDay: Number.isFinite(last) ? (last as DayNumber) : null };
}

/** Options that choose methods: `--method NAME` for every product, `--override SKU=NAME,...` for some. */
export const METHOD_OPTIONS = { method: { type: 'string' }, override: { type: 'string' }, point: { type: 'string' } } as const;

/** Per-product method choices from --method and --override (SKUs resolved to products). */
export function methodOverrides(values: Record<string, unknown>, products: readonly Product[]): Map<ProductId, string> {
	const overrides = new Map<ProductId, string>();
	const check = (method: string) => {
		if (!(METHOD_NAMES as readonly string[]).includes(method)) throw new UsageError(`unknown method "${method}"; methods are ${METHOD_NAMES.join(', ')}`);
		return method;
	};
	if (typeof values.method === 'string') {
		const method = check(values.method.trim());
		for (const p of products) overrides.set(p.id, method);
	}
	if (typeof values.override === 'string') {
		const bySku = new Map(products.map((p) => [p.sku, p]));
		for (const part of values.override.split(',')) {
			if (part.trim() === '') continue;
			const eq = part.lastIndexOf('=');
			if (eq < 0) throw new UsageError(`--override "${part}": write SKU=METHOD`);
			const product = bySku.get(part.slice(0, eq).trim());
			if (!product) throw new UsageError(`--override: no product with SKU "${part.slice(0, eq).trim()}"`);
			overrides.set(product.id, check(part.slice(eq + 1).trim()));
		}
	}
	return overrides;
}

/** Runs the engine for every product from fromDay, using the sales up to lastDay. */
export async function forecastStore(demand: StoreDemand, options: ForecastOptions): Promise<CatalogForecast> {
	await startNodeBackend();
	return forecastCatalog(demand.series, options);
}

/**
 * What the CSV's p50 column holds. 'mean' (default): the expected units, the point forecast that
 * RMSSE and total error reward; for an item selling on one day in five the median of every day is
 * 0, which says nothing about how much to stock. 'median': the strict 50% quantile.
 */
export type PointColumn = 'mean' | 'median';

export function parsePoint(value: unknown): PointColumn {
	if (value === undefined) return 'mean';
	if (value === 'mean' || value === 'median') return value;
	throw new UsageError(`--point must be mean or median, not "${String(value)}"`);
}

/** CSV lines (header first): every product in `products` and every day, zeros for products without sales. */
export function forecastCsvLines(result: CatalogForecast, products: readonly Product[], forecasts: readonly DemandForecast[] = result.forecasts, point: PointColumn = 'mean'): string[] {
	const byId = new Map(forecasts.map((f) => [f.productId, f]));
	const dates = Array.from({ length: result.horizon }, (_, k) => isoDay((result.fromDay + k) as DayNumber));
	const lines = [CSV_HEADER];
	for (const p of [...products].sort((a, b) => a.sku.localeCompare(b.sku))) {
		const f = byId.get(p.id);
		const sku = csvCell(p.sku);
		for (let k = 0; k < dates.length; k++) {
			if (!f) lines.push(`${sku},${dates[k]},0,0,0,0,no-sales`);
			else lines.push(`${sku},${dates[k]},${num(f.p10[k])},${num(point === 'mean' ? f.mean[k] : f.p50[k])},${num(f.p90[k])},${num(f.mean[k])},${f.method}`);
		}
	}
	return lines;
}

export const num = (v: number) => String(Math.round(v * 10_000) / 10_000);

export function csvCell(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
