// What `forecast` and `backtest` share: reading a store's sales as demand, running the engine with
// the wasm backend, and writing the per-product CSV (sku,date,p10,p50,p90,mean,method).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { DayNumber, ProductId } from '../../core/brand';
import { forecastCatalog, METHOD_NAMES, type CatalogForecast, type ForecastOptions } from '../../core/forecast/engine';
import type { DemandForecast } from '../../core/forecast/types';
import { useFastestBackend } from '../../core/forecast/tf';
import { CSV_HEADER, csvCell, forecastCsvLinesOf, num, productForecastItems, readDemand, type PointColumn, type StoreDemand } from '../../core/reports/forecast';
import { parseIsoDay } from '../../core/time';
import type { Product } from '../../core/types';
import { UsageError } from '../args';

export { CSV_HEADER, csvCell, num, readDemand, type PointColumn, type StoreDemand };

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

export function parsePoint(value: unknown): PointColumn {
	if (value === undefined) return 'mean';
	if (value === 'mean' || value === 'median') return value;
	throw new UsageError(`--point must be mean or median, not "${String(value)}"`);
}

/** CSV lines (header first): every product in `products` and every day, zeros for products without sales. */
export function forecastCsvLines(result: CatalogForecast, products: readonly Product[], forecasts: readonly DemandForecast[] = result.forecasts, point: PointColumn = 'mean'): string[] {
	return forecastCsvLinesOf(productForecastItems(products, forecasts, result.fromDay, result.horizon), point);
}
