// What the server's main thread and its analytics worker threads say to each other. On a SQLite
// file or PostgreSQL the worker connects to the database itself (the file, WAL: the main thread's
// readers are never blocked; or the same postgres:// URL) and reads and writes through its own
// connection, so only small messages cross threads: better-sqlite3 is synchronous, and on
// PostgreSQL turning a million sale lines into blocks stalled the event loop 50-140 ms at a time.
// SQLite in memory cannot be shared: there the main thread reads the database and posts plain
// data (typed arrays transferred, not copied), the worker computes, posts progress and the
// result, and the main thread writes it.
import type { ProductId } from '../../core/brand';
import type { ForecastRun, ModelRecord, TrainingLogRecord } from '../../core/forecast-runs';
import type { PurchaseOrder } from '../../core/purchase-orders/purchase-order';
import type { ProductSeries } from '../../core/product-series';
import type { SaleBlock } from '../../core/sale-blocks';
import type { Customer, DayTotals, Product, Supplier } from '../../core/types';
import type { TrainingStage } from '../../core/forecast-settings';
import type { DatabaseTarget } from '../../sql/open';

/** Everything a training reads, read by the main thread. */
export interface TrainInput {
	blocks: SaleBlock[];
	/** The owner's method choices per product (setting forecast.overrides). */
	overrides: [ProductId, string][];
	horizon: number;
	/** Sale lines in the store now (the registry keeps it to tell when to retrain). */
	saleLines: number;
	/** Where the trained networks go: this plus the model's id is ModelRecord.savedAt (and its '-backtest' twin). */
	addressPrefix: string;
}

/** A saved network: tfjs's model.json and its weights, as model_artifacts keeps them. */
export interface NetworkArtifacts {
	address: string;
	modelJson: string;
	weights: Uint8Array;
}

export interface TrainOutput {
	/** Null when the training ended without a model (cancelled, failed, no sales). */
	model: ModelRecord | null;
	run: ForecastRun | null;
	log: TrainingLogRecord;
	networks: NetworkArtifacts[];
	/** Why there is no model: 'no_sales' or the error. */
	failure: { code: 'no_sales' | 'failed'; message: string } | null;
}

/** What a training made, without its bulk (the run's arrays, the networks): what the job reports. */
export interface TrainSummary {
	model: ModelRecord | null;
	run: { id: string; fromDay: number; horizon: number } | null;
	log: TrainingLogRecord;
	failure: TrainOutput['failure'];
}

/** What storing a training did: where its networks went (null when they could not be stored) and notes for the job's log. */
export interface StoreResult {
	savedAt: string | null;
	notes: string[];
}

/** The database a worker connects to itself (a SQLite file or a PostgreSQL URL), and the shop it works for. */
export interface StoreSource {
	target: DatabaseTarget;
	shopId: string;
}

export interface TrainProgress {
	stage: TrainingStage;
	/** Of the stage, 0..1. */
	done: number;
	/** Of the whole training, 0..1. */
	fraction: number;
	loss: number | null;
	/** Set on a training epoch: which of how many. */
	epoch?: { index: number; of: number };
	/** A line for the job's log. */
	note?: string;
}

/** The store's data a report reads, each part present when the report needs it. */
export interface Snapshot {
	products?: Product[];
	suppliers?: Supplier[];
	customers?: Customer[];
	series?: ProductSeries[];
	stock?: [ProductId, number][];
	shopDays?: DayTotals[];
	orders?: PurchaseOrder[];
	blocks?: SaleBlock[];
	settings?: [string, unknown][];
	/** The latest stored forecast run (null: none). */
	run?: ForecastRun | null;
}

export type SnapshotPart = keyof Snapshot;

export type WorkerTask =
	/** Trains on what was read (answers TrainOutput) or on what it reads from `source` (answers TrainSummary, keeps the output for 'store'). */
	| { kind: 'train'; input: TrainInput }
	| { kind: 'train'; source: StoreSource }
	/** Stores the training this thread kept (answers StoreResult). */
	| { kind: 'store' }
	| { kind: 'report'; name: string; snapshot: Snapshot; args: unknown }
	| { kind: 'report'; name: string; source: StoreSource; args: unknown };

export type ToWorker = WorkerTask & { id: number };

export type FromWorker =
	| { id: number; type: 'progress'; progress: TrainProgress }
	| { id: number; type: 'result'; value: unknown }
	| { id: number; type: 'error'; name: string; message: string };
