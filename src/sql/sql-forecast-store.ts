// ForecastStore on the SQL schema, for one shop: the model registry (models), training logs, and
// forecast runs as rows (forecast_runs, one forecast_run_products row per product, one
// forecast_run_days row per product-day: what a BI tool or GET /forecast/{sku} reads), rebuilt
// into the core's columnar ForecastRun exactly. Also the saved networks' bytes (model_artifacts).
import type { Selectable } from 'kysely';
import type { DayNumber, LocalTimestamp, ProductId } from '../core/brand';
import { RUNS_KEPT, type ForecastRun, type ForecastStore, type ModelRecord, type TrainingLogRecord } from '../core/forecast-runs';
import type { ForecastMetrics } from '../core/forecast/metrics';
import { fromJson, idChunks, inChunks, insertRows, replaceFromExcluded, toJson } from './batch';
import type { Db, ForecastRunDaysTable, ForecastRunProductsTable, ForecastRunsTable, ModelsTable, SqlDatabase } from './database';

/** A saved network: tfjs's model.json (topology and weight specs) and the weights' bytes. */
export interface ModelArtifacts {
	modelJson: string;
	weights: Uint8Array;
	savedAt: number;
}

const RUN_TABLES = ['forecast_run_days', 'forecast_run_products', 'forecast_runs'] as const;
/** Rows of a run written per transaction (a few ms of SQLite's write lock each). */
const RUN_ROWS_PER_TRANSACTION = 5_000;
const MODEL_COLUMNS = ['name', 'trained_at', 'data_from', 'data_to', 'sale_lines', 'products', 'backend', 'parameters', 'metrics', 'chosen', 'saved_at'] as const;

/** SQLite has no NaN (it reads back as NULL): NULL stands for it in forecast values. */
const orNull = (v: number) => (Number.isNaN(v) ? null : v);
const orNaN = (v: number | null) => v ?? NaN;
const floatsJson = (values: Float32Array) => JSON.stringify(Array.from(values, orNull));

export class SqlForecastStore implements ForecastStore {
	constructor(readonly sql: SqlDatabase, readonly shopId: string) {}

	private get db() { return this.sql.db; }

	async putModel(m: ModelRecord) {
		const row: ModelsTable = {
			shop_id: this.shopId, id: m.id, name: m.name, trained_at: m.trainedAt, data_from: m.dataFrom, data_to: m.dataTo,
			sale_lines: m.saleLines, products: m.products, backend: m.backend, parameters: toJson(m.parameters), metrics: toJson(m.metrics),
			chosen: toJson(m.chosen), saved_at: m.savedAt
		};
		await this.db.insertInto('models').values(row).onConflict((oc) => oc.columns(['shop_id', 'id']).doUpdateSet(replaceFromExcluded(MODEL_COLUMNS))).execute();
	}

	async listModels(): Promise<ModelRecord[]> {
		const rows = await this.db.selectFrom('models').selectAll().where('shop_id', '=', this.shopId).orderBy('trained_at', 'desc').orderBy('id').execute();
		return rows.map((r) => ({
			id: r.id, name: r.name, trainedAt: r.trained_at as LocalTimestamp, dataFrom: r.data_from as DayNumber, dataTo: r.data_to as DayNumber,
			saleLines: r.sale_lines, products: r.products, backend: r.backend, parameters: fromJson(r.parameters), metrics: fromJson(r.metrics),
			chosen: fromJson(r.chosen), savedAt: r.saved_at
		}));
	}

	async addTrainingLog(log: TrainingLogRecord) {
		await this.db.insertInto('training_logs').values({
			shop_id: this.shopId, model_id: log.modelId, started_at: log.startedAt, ended_at: log.endedAt, outcome: log.outcome, error: log.error,
			products: log.products, examples: log.examples, epochs: log.epochs, loss: toJson(log.loss), millis: toJson(log.millis)
		}).execute();
	}

	async listTrainingLogs(limit = 50): Promise<TrainingLogRecord[]> {
		const rows = await this.db.selectFrom('training_logs').selectAll().where('shop_id', '=', this.shopId).orderBy('seq', 'desc').limit(limit).execute();
		return rows.map((r) => ({
			seq: Number(r.seq), modelId: r.model_id, startedAt: r.started_at as LocalTimestamp, endedAt: r.ended_at as LocalTimestamp,
			outcome: r.outcome as TrainingLogRecord['outcome'], error: r.error, products: r.products, examples: r.examples, epochs: r.epochs,
			loss: fromJson(r.loss), millis: fromJson(r.millis)
		}));
	}

	/**
	 * A run's rows go in a few thousand per transaction, invisible until its header row names them,
	 * then the header in a short transaction of its own: a large catalogue's run is 100,000+ day
	 * rows, and one transaction for them held SQLite's write lock long enough to stall every other
	 * writer (the server's sales wait for it on the main thread). Older runs go the same way after.
	 */
	async putRun(run: ForecastRun) {
		const { dialect } = this.sql;
		const { runRow, products, days } = this.runRows(run);
		await this.db.transaction().execute((trx) => this.deleteRuns(trx, [run.id]));
		for (const chunk of inChunks(products, RUN_ROWS_PER_TRANSACTION)) {
			await this.db.transaction().execute((trx) => insertRows(trx, dialect, 'forecast_run_products', chunk));
		}
		for (const chunk of inChunks(days, RUN_ROWS_PER_TRANSACTION)) {
			await this.db.transaction().execute((trx) => insertRows(trx, dialect, 'forecast_run_days', chunk));
		}
		const beyond = await this.db.transaction().execute(async (trx) => {
			await trx.insertInto('forecast_runs').values(runRow).execute();
			const older = await trx.selectFrom('forecast_runs').select('id').where('shop_id', '=', this.shopId)
				.orderBy('created_at', 'desc').orderBy('id', 'desc').offset(RUNS_KEPT).limit(1_000_000).execute();
			// Headers first, in the same transaction: readers never see a run whose rows are going.
			for (const chunk of idChunks(older.map((r) => r.id), dialect)) {
				await trx.deleteFrom('forecast_runs').where('shop_id', '=', this.shopId).where('id', 'in', chunk).execute();
			}
			return older.map((r) => r.id);
		});
		for (const id of beyond) await this.db.transaction().execute((trx) => this.deleteRuns(trx, [id]));
	}

	async listRuns(limit = RUNS_KEPT): Promise<ForecastRun[]> {
		const metas = await this.db.selectFrom('forecast_runs').selectAll().where('shop_id', '=', this.shopId)
			.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
		const out: ForecastRun[] = [];
		for (const meta of metas) out.push(await this.readRun(meta));
		return out;
	}

	async latestRun() {
		return (await this.listRuns(1))[0];
	}

	/** Stores a network's artifacts at an address (replacing what was there). */
	async saveArtifacts(address: string, modelJson: string, weights: Uint8Array, savedAt: number = Date.now()) {
		const bytes = Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength);
		await this.db.insertInto('model_artifacts').values({ shop_id: this.shopId, address, model_json: modelJson, weights: bytes, saved_at: savedAt })
			.onConflict((oc) => oc.columns(['shop_id', 'address']).doUpdateSet(replaceFromExcluded(['model_json', 'weights', 'saved_at']))).execute();
	}

	async loadArtifacts(address: string): Promise<ModelArtifacts | undefined> {
		const r = await this.db.selectFrom('model_artifacts').select(['model_json', 'weights', 'saved_at'])
			.where('shop_id', '=', this.shopId).where('address', '=', address).executeTakeFirst();
		return r && { modelJson: r.model_json, weights: new Uint8Array(r.weights), savedAt: r.saved_at };
	}

	async deleteArtifacts(address: string) {
		await this.db.deleteFrom('model_artifacts').where('shop_id', '=', this.shopId).where('address', '=', address).execute();
	}

	private async deleteRuns(trx: Db, ids: string[]) {
		for (const chunk of idChunks(ids, this.sql.dialect)) {
			for (const table of RUN_TABLES) {
				const column = table === 'forecast_runs' ? 'id' : 'run_id';
				await trx.deleteFrom(table).where('shop_id', '=', this.shopId).where(column, 'in', chunk).execute();
			}
		}
	}

	private runRows(run: ForecastRun) {
		const h = run.horizon, b = run.backtestDays;
		const runRow: ForecastRunsTable = {
			shop_id: this.shopId, id: run.id, model_id: run.modelId, created_at: run.createdAt, from_day: run.fromDay, horizon: h,
			backtest_days: b, totals: toJson(run.totals)
		};
		const products: ForecastRunProductsTable[] = run.productIds.map((productId, p) => ({
			shop_id: this.shopId, run_id: run.id, position: p, product_id: productId, method: run.methods[p], model_version: run.modelVersions[p],
			overdispersion: run.overdispersion[p], metrics: toJson(run.metrics[p] ?? null),
			backtest_actual: floatsJson(run.backtestActual.subarray(p * b, (p + 1) * b)),
			backtest_forecast: floatsJson(run.backtestForecast.subarray(p * b, (p + 1) * b))
		}));
		const days: ForecastRunDaysTable[] = [];
		run.productIds.forEach((productId, p) => {
			for (let k = 0; k < h; k++) {
				const i = p * h + k;
				days.push({
					shop_id: this.shopId, run_id: run.id, product_id: productId, day: run.fromDay + k,
					p10: orNull(run.p10[i]) as number, p50: orNull(run.p50[i]) as number, p90: orNull(run.p90[i]) as number, mean: orNull(run.mean[i]) as number
				});
			}
		});
		return { runRow, products, days };
	}

	private async readRun(meta: Selectable<ForecastRunsTable>): Promise<ForecastRun> {
		const [products, days] = await Promise.all([
			this.db.selectFrom('forecast_run_products').selectAll().where('shop_id', '=', this.shopId).where('run_id', '=', meta.id).orderBy('position').execute(),
			this.db.selectFrom('forecast_run_days').select(['product_id', 'day', 'p10', 'p50', 'p90', 'mean'])
				.where('shop_id', '=', this.shopId).where('run_id', '=', meta.id).execute()
		]);
		const n = products.length, h = meta.horizon, b = meta.backtest_days;
		const position = new Map(products.map((p, i) => [p.product_id, i]));
		const run: ForecastRun = {
			id: meta.id, modelId: meta.model_id, createdAt: meta.created_at as LocalTimestamp, fromDay: meta.from_day as DayNumber, horizon: h,
			productIds: products.map((p) => p.product_id as ProductId), methods: products.map((p) => p.method),
			modelVersions: products.map((p) => p.model_version), metrics: products.map((p) => fromJson<ForecastMetrics | null>(p.metrics)),
			p10: new Float32Array(n * h), p50: new Float32Array(n * h), p90: new Float32Array(n * h), mean: new Float32Array(n * h),
			overdispersion: Float32Array.from(products, (p) => p.overdispersion), backtestDays: b,
			backtestActual: new Float32Array(n * b), backtestForecast: new Float32Array(n * b), totals: fromJson(meta.totals)
		};
		products.forEach((p, i) => {
			run.backtestActual.set(JSON.parse(p.backtest_actual).map(orNaN), i * b);
			run.backtestForecast.set(JSON.parse(p.backtest_forecast).map(orNaN), i * b);
		});
		for (const d of days) {
			const i = position.get(d.product_id)! * h + (d.day - meta.from_day);
			run.p10[i] = orNaN(d.p10); run.p50[i] = orNaN(d.p50); run.p90[i] = orNaN(d.p90); run.mean[i] = orNaN(d.mean);
		}
		return run;
	}
}
