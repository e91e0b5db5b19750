// What the server's main thread and its analytics worker threads say to each other. The main
// thread reads the database and posts plain data (typed arrays transferred, not copied); the
// worker only computes, posts progress while it trains, and posts the result back, which the main
// thread writes. A worker never opens the database.
import type { ProductId } from '../../core/brand';
import type { ForecastRun, ModelRecord, TrainingLogRecord } from '../../core/forecast-runs';
import type { PurchaseOrder } from '../../core/purchase-orders/purchase-order';
import type { ProductSeries } from '../../core/product-series';
import type { SaleBlock } from '../../core/sale-blocks';
import type { Customer, DayTotals, Product, Supplier } from '../../core/types';
import type { TrainingStage } from '../../lib/forecasting';

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

export interface TrainProgress {
	stage: TrainingStage;
	/** Of the stage, 0..1. */
	done: number;
	/** Of the whole training, 0..1. */
	fraction: number;
	loss: number | null;
	/** Set on a training epoch: which of how many. */
	epoch?: { index: number; of: number };
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
}

export type SnapshotPart = keyof Snapshot;

export type WorkerTask =
	| { kind: 'train'; input: TrainInput }
	| { kind: 'report'; name: string; snapshot: Snapshot; args: unknown };

export type ToWorker = WorkerTask & { id: number };

export type FromWorker =
	| { id: number; type: 'progress'; progress: TrainProgress }
	| { id: number; type: 'result'; value: unknown }
	| { id: number; type: 'error'; name: string; message: string };
