// Reads of the stored forecast runs that answer requests without loading whole runs (a run is
// products x horizon rows): the newest run's header, one product's days, and each run's accuracy
// on the days that have passed, summed in SQL. The measure is core/forecast-runs.ts's
// realizedAccuracy: sold units (below zero counted as 0) against the mean, and the P10-P90 cover.
import { sql as rawSql } from 'kysely';
import type { DayNumber, LocalTimestamp, ProductId } from '../../core/brand';
import type { ForecastMetrics } from '../../core/forecast/metrics';
import { realizedAccuracy, type ForecastRun, type RealizedAccuracy } from '../../core/forecast-runs';
import { addToSeries } from '../../core/product-series';
import { num } from '../../core/reports/forecast';
import type { SqlDatabase } from '../../sql/database';

export interface RunHeader {
	id: string;
	modelId: string;
	createdAt: LocalTimestamp;
	fromDay: DayNumber;
	horizon: number;
	products: number;
}

const round = (v: number | null) => (v === null ? 0 : Number(num(v)));

/** The shop's runs, newest first (headers only; `products` counted only when asked for). */
export async function runHeaders(sql: SqlDatabase, shopId: string, limit: number, countProducts = true): Promise<RunHeader[]> {
	const rows = await sql.db.selectFrom('forecast_runs').select(['id', 'model_id', 'created_at', 'from_day', 'horizon'])
		.where('shop_id', '=', shopId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
	const counts = new Map<string, number>();
	if (countProducts && rows.length) {
		const counted = await sql.db.selectFrom('forecast_run_products').select(['run_id', (eb) => eb.fn.countAll<number>().as('n')])
			.where('shop_id', '=', shopId).where('run_id', 'in', rows.map((r) => r.id)).groupBy('run_id').execute();
		for (const c of counted) counts.set(c.run_id, Number(c.n));
	}
	return rows.map((r) => ({
		id: r.id, modelId: r.model_id, createdAt: Number(r.created_at) as LocalTimestamp, fromDay: Number(r.from_day) as DayNumber,
		horizon: Number(r.horizon), products: counts.get(r.id) ?? 0
	}));
}

/** The newest run's header (what every forecast read starts from: one indexed row). */
export const latestRunHeader = async (sql: SqlDatabase, shopId: string) => (await runHeaders(sql, shopId, 1, false))[0];

export interface ProductRunForecast {
	method: string;
	modelVersion: string | null;
	metrics: ForecastMetrics | null;
	days: { day: number; p10: number; p50: number; p90: number; mean: number }[];
}

/** A product's first `horizon` days in a run; null when the run has no forecast for it (it had not sold). */
export async function productRunForecast(sql: SqlDatabase, shopId: string, run: RunHeader, productId: ProductId, horizon: number): Promise<ProductRunForecast | null> {
	const [product, days] = await Promise.all([
		sql.db.selectFrom('forecast_run_products').select(['method', 'model_version', 'metrics'])
			.where('shop_id', '=', shopId).where('run_id', '=', run.id).where('product_id', '=', productId).executeTakeFirst(),
		sql.db.selectFrom('forecast_run_days').select(['day', 'p10', 'p50', 'p90', 'mean'])
			.where('shop_id', '=', shopId).where('run_id', '=', run.id).where('product_id', '=', productId)
			.where('day', '<', run.fromDay + horizon).orderBy('day').execute()
	]);
	if (!product) return null;
	return {
		method: product.method, modelVersion: product.model_version, metrics: JSON.parse(product.metrics) as ForecastMetrics | null,
		days: days.map((d) => ({ day: Number(d.day), p10: round(d.p10), p50: round(d.p50), p90: round(d.p90), mean: round(d.mean) }))
	};
}

/** The shop's last day with sales (null: none). */
export async function lastSaleDay(sql: SqlDatabase, shopId: string): Promise<DayNumber | null> {
	const r = await sql.db.selectFrom('shop_days').select((eb) => eb.fn.max('day').as('last')).where('shop_id', '=', shopId).where('lines', '>', 0).executeTakeFirst();
	return r?.last === null || r?.last === undefined ? null : (Number(r.last) as DayNumber);
}

export interface RunAccuracy {
	days: number;
	forecastUnits: number;
	actualUnits: number;
	totalError: number | null;
	coverage: number;
}

/** Per run, how its product-days up to lastDay did against what sold. */
export async function runAccuracies(sql: SqlDatabase, shopId: string, runs: readonly RunHeader[], lastDay: DayNumber): Promise<Map<string, RunAccuracy>> {
	const out = new Map<string, RunAccuracy>();
	const passed = runs.filter((r) => r.fromDay <= lastDay);
	if (!passed.length) return out;
	const sold = rawSql<number>`case when pd.units > 0 then pd.units else 0 end`;
	const rows = await sql.db.selectFrom('forecast_run_days as d')
		.leftJoin('product_days as pd', (j) => j.onRef('pd.shop_id', '=', 'd.shop_id').onRef('pd.product_id', '=', 'd.product_id').onRef('pd.day', '=', 'd.day'))
		.select('d.run_id')
		.select((eb) => [
			eb.fn.countAll<number>().as('n'),
			eb.fn.sum<number>('d.mean').as('forecast'),
			eb.fn.sum<number>(sold).as('actual'),
			eb.fn.sum<number>(rawSql`case when d.p10 <= ${sold} and ${sold} <= d.p90 then 1 else 0 end`).as('covered')
		])
		.where('d.shop_id', '=', shopId).where('d.run_id', 'in', passed.map((r) => r.id)).where('d.day', '<=', lastDay)
		.groupBy('d.run_id').execute();
	for (const r of rows) {
		const run = passed.find((p) => p.id === r.run_id)!;
		const forecastUnits = Number(r.forecast ?? 0), actualUnits = Number(r.actual ?? 0), n = Number(r.n);
		out.set(r.run_id, {
			days: Math.min(run.horizon, lastDay - run.fromDay + 1), forecastUnits, actualUnits,
			totalError: actualUnits > 0 ? Math.abs(actualUnits - forecastUnits) / actualUnits : null, coverage: n > 0 ? Number(r.covered) / n : 0
		});
	}
	return out;
}

/** One product's accuracy in each run (realizedAccuracy on the runs' rows of that product only). */
export async function productAccuracy(sql: SqlDatabase, shopId: string, runs: readonly RunHeader[], productId: ProductId, lastDay: DayNumber): Promise<RealizedAccuracy[]> {
	if (!runs.length) return [];
	const ids = runs.map((r) => r.id);
	const [products, days, sold] = await Promise.all([
		sql.db.selectFrom('forecast_run_products').select(['run_id', 'method', 'model_version'])
			.where('shop_id', '=', shopId).where('product_id', '=', productId).where('run_id', 'in', ids).execute(),
		sql.db.selectFrom('forecast_run_days').select(['run_id', 'day', 'p10', 'p50', 'p90', 'mean'])
			.where('shop_id', '=', shopId).where('product_id', '=', productId).where('run_id', 'in', ids).execute(),
		sql.db.selectFrom('product_days').select(['day', 'units', 'revenue', 'cost', 'lines'])
			.where('shop_id', '=', shopId).where('product_id', '=', productId).where('day', '<=', lastDay).execute()
	]);
	const partial: ForecastRun[] = [];
	for (const r of runs) {
		const p = products.find((x) => x.run_id === r.id);
		if (!p) continue;
		const arrays = { p10: new Float32Array(r.horizon), p50: new Float32Array(r.horizon), p90: new Float32Array(r.horizon), mean: new Float32Array(r.horizon) };
		for (const d of days) {
			if (d.run_id !== r.id) continue;
			const k = Number(d.day) - r.fromDay;
			if (k < 0 || k >= r.horizon) continue;
			arrays.p10[k] = d.p10 ?? NaN; arrays.p50[k] = d.p50 ?? NaN; arrays.p90[k] = d.p90 ?? NaN; arrays.mean[k] = d.mean ?? NaN;
		}
		partial.push({
			id: r.id, modelId: r.modelId, createdAt: r.createdAt, fromDay: r.fromDay, horizon: r.horizon, productIds: [productId],
			methods: [p.method], modelVersions: [p.model_version], ...arrays, overdispersion: new Float32Array(1), metrics: [null],
			backtestDays: 0, backtestActual: new Float32Array(0), backtestForecast: new Float32Array(0),
			totals: undefined as never
		});
	}
	const series = addToSeries(undefined, productId, sold.map((d) => ({
		day: Number(d.day) as DayNumber, units: Number(d.units), revenue: Number(d.revenue) as never, cost: Number(d.cost) as never, lines: Number(d.lines)
	})));
	return realizedAccuracy(partial, series, productId, lastDay);
}
