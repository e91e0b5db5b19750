// What the app keeps of forecasting: a registry of trained models, their training logs, and every
// forecast run that was shown, stored with the model version that made it. A run is columnar (one
// record for the whole catalogue) so saving and reading it stays one IndexedDB record.
import type { DayNumber, LocalTimestamp, ProductId } from './brand';
import type { CatalogForecast, MethodSummary } from './forecast/engine';
import type { ForecastMetrics } from './forecast/metrics';
import type { TotalForecast } from './forecast/totals';
import type { DemandForecast } from './forecast/types';
import type { ProductSeries } from './product-series';

/** One trained model in the registry. */
export interface ModelRecord {
	/** The version: name@trained-at, unique. */
	id: string;
	name: string;
	trainedAt: LocalTimestamp;
	/** The sales days the model learned from. */
	dataFrom: DayNumber;
	dataTo: DayNumber;
	/** Sale lines in the store when it was trained (retraining is due once enough new ones arrive). */
	saleLines: number;
	products: number;
	backend: string;
	parameters: Record<string, number | string | boolean>;
	/** Backtest summary per method (RMSSE, total error, coverage over the scored products). */
	metrics: Record<string, MethodSummary>;
	/** How many products each method was chosen for. */
	chosen: Record<string, number>;
	/** Where tfjs saved the network (an indexeddb:// address), null when there was too little history to train. */
	savedAt: string | null;
}

/** One training: when, on how much, how the loss went, and how it ended. */
export interface TrainingLogRecord {
	seq?: number;
	modelId: string | null;
	startedAt: LocalTimestamp;
	endedAt: LocalTimestamp;
	/** 'reused': a forecast made with a saved model, no training. */
	outcome: 'trained' | 'reused' | 'cancelled' | 'failed';
	error: string | null;
	products: number;
	examples: number;
	epochs: number;
	loss: number[];
	/** Milliseconds per stage. */
	millis: { prepare: number; train: number; backtest: number; forecast: number };
}

/** A whole catalogue's forecast: products x days, row-major, with each product's method and backtest. */
export interface ForecastRun {
	id: string;
	modelId: string;
	createdAt: LocalTimestamp;
	fromDay: DayNumber;
	horizon: number;
	productIds: ProductId[];
	methods: string[];
	modelVersions: string[];
	p10: Float32Array;
	p50: Float32Array;
	p90: Float32Array;
	mean: Float32Array;
	overdispersion: Float32Array;
	metrics: (ForecastMetrics | null)[];
	/** The latest backtest window's actuals and forecasts (backtestDays each per product; NaN-filled when none). */
	backtestDays: number;
	backtestActual: Float32Array;
	backtestForecast: Float32Array;
	totals: TotalForecast;
}

/** How many runs are kept: enough to judge the last few months of forecasts against what sold. */
export const RUNS_KEPT = 12;

export interface ForecastStore {
	putModel(model: ModelRecord): Promise<void>;
	listModels(): Promise<ModelRecord[]>;
	addTrainingLog(log: TrainingLogRecord): Promise<void>;
	/** Newest first. */
	listTrainingLogs(limit?: number): Promise<TrainingLogRecord[]>;
	/** Stores a run and drops the oldest beyond RUNS_KEPT. */
	putRun(run: ForecastRun): Promise<void>;
	/** Newest first; at most `limit` (runs are megabytes each for a large catalogue: read few). */
	listRuns(limit?: number): Promise<ForecastRun[]>;
	latestRun(): Promise<ForecastRun | undefined>;
}

export function runOf(result: CatalogForecast, totals: TotalForecast, modelId: string, createdAt: LocalTimestamp): ForecastRun {
	const n = result.forecasts.length, h = result.horizon;
	const backtestDays = Math.max(0, ...result.forecasts.map((f) => f.backtest?.[0]?.actual.length ?? 0));
	const run: ForecastRun = {
		id: `${modelId}#${result.fromDay}`, modelId, createdAt, fromDay: result.fromDay, horizon: h,
		productIds: [], methods: [], modelVersions: [], metrics: [],
		p10: new Float32Array(n * h), p50: new Float32Array(n * h), p90: new Float32Array(n * h), mean: new Float32Array(n * h),
		overdispersion: new Float32Array(n), backtestDays,
		backtestActual: new Float32Array(n * backtestDays).fill(NaN), backtestForecast: new Float32Array(n * backtestDays).fill(NaN), totals
	};
	result.forecasts.forEach((f, p) => {
		run.productIds.push(f.productId as ProductId);
		run.methods.push(f.method);
		run.modelVersions.push(f.modelVersion);
		run.metrics.push(f.metrics ?? null);
		run.p10.set(f.p10, p * h);
		run.p50.set(f.p50, p * h);
		run.p90.set(f.p90, p * h);
		run.mean.set(f.mean, p * h);
		run.overdispersion[p] = f.overdispersion ?? 0;
		const bt = f.backtest?.[0];
		if (bt) {
			run.backtestActual.set(bt.actual.slice(0, backtestDays), p * backtestDays);
			run.backtestForecast.set(bt.forecast.slice(0, backtestDays), p * backtestDays);
		}
	});
	return run;
}

/** One product's forecast from a run, as the shared DemandForecast shape; undefined when the run has no such product. */
export function forecastFromRun(run: ForecastRun, productId: ProductId): DemandForecast | undefined {
	const p = run.productIds.indexOf(productId);
	if (p < 0) return undefined;
	const h = run.horizon, b = run.backtestDays;
	const row = (a: Float32Array) => Array.from(a.subarray(p * h, (p + 1) * h));
	const actual = Array.from(run.backtestActual.subarray(p * b, (p + 1) * b));
	return {
		productId, fromDay: run.fromDay, p10: row(run.p10), p50: row(run.p50), p90: row(run.p90), mean: row(run.mean),
		method: run.methods[p], modelVersion: run.modelVersions[p], overdispersion: run.overdispersion[p],
		metrics: run.metrics[p] ?? undefined,
		backtest: b > 0 && !Number.isNaN(actual[0]) ? [{ actual, forecast: Array.from(run.backtestForecast.subarray(p * b, (p + 1) * b)) }] : undefined
	};
}

/** Every product's forecast from a run (what reorder suggestions read). */
export function forecastsFromRun(run: ForecastRun): Map<ProductId, DemandForecast> {
	return new Map(run.productIds.map((id) => [id, forecastFromRun(run, id)!]));
}

/** z of the 90th percentile of a normal distribution. */
const Z90 = 1.2815515655446004;

/**
 * The demand over a forecast's first `days` days: the sum of the daily means, and an 80% interval
 * from the days' variances summed (negative binomial for a product, the band's for a total), read
 * off a normal, which sums of a few weeks of days approach. Days are taken as independent, so the
 * interval is on the narrow side when demand drifts for weeks.
 */
export function totalOverDays(forecast: DemandForecast, days: number): { mean: number; p10: number; p90: number } {
	const n = Math.min(days, forecast.mean.length);
	const phi = forecast.overdispersion;
	let mean = 0, variance = 0;
	for (let k = 0; k < n; k++) {
		const m = forecast.mean[k];
		mean += m;
		// A sum over products (shop, category) has no count model: its day's spread is read off its band.
		variance += phi === undefined ? ((forecast.p90[k] - m) / Z90) ** 2 : m + phi * m * m;
	}
	const sd = Math.sqrt(variance);
	return { mean, p10: Math.max(0, mean - Z90 * sd), p90: mean + Z90 * sd };
}

/** How a past forecast did once its days passed: what it said against what sold. */
export interface RealizedAccuracy {
	runId: string;
	modelVersion: string;
	method: string;
	fromDay: DayNumber;
	/** Days of the forecast that have passed (up to the last day with sales data). */
	days: number;
	forecastUnits: number;
	actualUnits: number;
	/** |actual - forecast| of the total over those days, over the actual total (null when nothing sold). */
	totalError: number | null;
	/** Share of those days with P10 <= actual <= P90. */
	coverage: number;
}

/** The accuracy of each stored run for one product over its days up to lastDay, newest run first. */
export function realizedAccuracy(runs: readonly ForecastRun[], series: ProductSeries | undefined, productId: ProductId, lastDay: DayNumber): RealizedAccuracy[] {
	const sold = new Map<number, number>();
	if (series) series.days.forEach((d, i) => sold.set(d, Math.max(0, series.units[i])));
	const out: RealizedAccuracy[] = [];
	for (const run of runs) {
		const p = run.productIds.indexOf(productId);
		const days = Math.min(run.horizon, lastDay - run.fromDay + 1);
		if (p < 0 || days <= 0) continue;
		let forecastUnits = 0, actualUnits = 0, covered = 0;
		for (let k = 0; k < days; k++) {
			const i = p * run.horizon + k;
			const actual = sold.get(run.fromDay + k) ?? 0;
			forecastUnits += run.mean[i];
			actualUnits += actual;
			if (run.p10[i] <= actual && actual <= run.p90[i]) covered++;
		}
		out.push({
			runId: run.id, modelVersion: run.modelVersions[p], method: run.methods[p], fromDay: run.fromDay, days,
			forecastUnits, actualUnits, totalError: actualUnits > 0 ? Math.abs(actualUnits - forecastUnits) / actualUnits : null, coverage: covered / days
		});
	}
	return out;
}

/** Memory store (tests; the reference the IndexedDB one follows). */
export class MemoryForecastStore implements ForecastStore {
	private models = new Map<string, ModelRecord>();
	private logs: TrainingLogRecord[] = [];
	private runs: ForecastRun[] = [];
	async putModel(model: ModelRecord) { this.models.set(model.id, structuredClone(model)); }
	async listModels() { return [...this.models.values()].sort((a, b) => b.trainedAt - a.trainedAt).map((m) => structuredClone(m)); }
	async addTrainingLog(log: TrainingLogRecord) { this.logs.push({ ...structuredClone(log), seq: this.logs.length + 1 }); }
	async listTrainingLogs(limit = 50) { return this.logs.slice().reverse().slice(0, limit).map((l) => structuredClone(l)); }
	async putRun(run: ForecastRun) {
		this.runs = [...this.runs.filter((r) => r.id !== run.id), structuredClone(run)].sort((a, b) => b.createdAt - a.createdAt).slice(0, RUNS_KEPT);
	}
	async listRuns(limit = RUNS_KEPT) { return this.runs.slice(0, limit).map((r) => structuredClone(r)); }
	async latestRun() { return this.runs[0] && structuredClone(this.runs[0]); }
}
