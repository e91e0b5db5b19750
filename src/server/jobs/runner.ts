// Analytics off the event loop, and the training job. Each server instance keeps here only the
// threads it runs; every job's state is in the jobs table, updated as it goes, so any instance
// reports it. A training reads the shop's sales on the main thread, trains in a thread of its own
// (progress and log into the job's row), and the main thread writes what it made: the saved
// networks (model_artifacts), the model, the forecast run and the training log. One training at a
// time per shop; a cancel through another instance reaches the owner at its next progress update.
import type { FastifyInstance } from 'fastify';
import type { ProductId } from '../../core/brand';
import { isoDay, isoLocal, nowLocal } from '../../core/time';
import type { InventoryRepository } from '../../core/repository';
import { DEFAULT_REORDER_OPTIONS } from '../../core/reorder/suggest';
import { horizonFor } from '../../core/reports/reorder';
import { FORECAST_HORIZON, OVERRIDES_SETTING, progressOf } from '../../lib/forecasting';
import { SqlForecastStore } from '../../sql/sql-forecast-store';
import { SqlRepository } from '../../sql/sql-repository';
import type { ServerContext } from '../context';
import { ReportPool, trainInThread, WorkerStopped } from './pool';
import type { TrainInput, TrainOutput, TrainProgress } from './protocol';
import { REPORTS, type ReportArgs, type ReportName, type ReportResult } from './reports';
import { ACTIVE, JobStore, type Job } from './store';
import { backtestAddress, train } from './training';

export const TRAIN_JOB = 'train';
/** No training runs longer: its thread is stopped and the job fails ('timed out'). */
export const TRAINING_TIME_LIMIT_MS = 60 * 60_000;
/** An active job older than this was left by an instance that is gone (see JobStore.claim). */
export const STALE_AFTER_MS = TRAINING_TIME_LIMIT_MS + 60_000;
/** Where trained networks are saved (model_artifacts.address): this plus the model id. */
export const NETWORK_ADDRESS_PREFIX = 'db://smart-inventory-forecast/';
/** Saved networks kept per shop (older models keep their registry entry, savedAt null). */
export const NETWORKS_KEPT = 2;
/** Progress is written to the job's row at most this often (and at every stage change). */
const PROGRESS_EVERY_MS = 250;
const POLL_MS = 200;

const STAGE_WORDS = { prepare: 'preparing the series', train: 'training the network', backtest: 'backtesting every method', forecast: 'forecasting' } as const;

interface RunningJob {
	stop(reason: string): Promise<void>;
}

export class Analytics {
	readonly jobs: JobStore;
	private readonly pool: ReportPool | null;
	private readonly running = new Map<string, RunningJob>();
	private readonly waiting: Job[] = [];
	private readonly finished = new Map<string, Promise<void>>();
	private stopping = false;

	constructor(private readonly ctx: ServerContext) {
		this.jobs = new JobStore(ctx.sql);
		this.pool = ctx.options.analyticsThreads > 0 ? new ReportPool(ctx.options.analyticsThreads) : null;
	}

	/** Report threads running on this instance (0 with analyticsThreads 0: reports run in this thread). */
	get reportThreads() { return this.pool?.threadCount ?? 0; }

	/** Trainings running on this instance now. */
	get trainingsRunning() { return this.running.size; }

	/** Trainings at once on this instance (others wait, queued). */
	private get slots() { return Math.max(1, this.ctx.options.analyticsThreads); }

	/** The shop's training that is queued or running, or a new one. */
	async train(shopId: string, createdBy: string | null): Promise<{ job: Job; created: boolean }> {
		if (this.stopping) throw new WorkerStopped('the server is stopping');
		const claimed = await this.jobs.claim(shopId, TRAIN_JOB, createdBy, STALE_AFTER_MS);
		if (claimed.created) {
			this.waiting.push(claimed.job);
			this.next();
		}
		return claimed;
	}

	/** A job as it stands now (an abandoned one reported failed). */
	job(shopId: string, id: string) {
		return this.jobs.current(shopId, id, STALE_AFTER_MS);
	}

	/** Cancels an active job: its thread stops at once when this instance runs it, else at its owner's next progress update. */
	async cancel(shopId: string, id: string): Promise<Job | undefined> {
		const job = await this.jobs.cancel(shopId, id);
		const queued = this.waiting.findIndex((j) => j.id === id);
		if (queued >= 0) this.waiting.splice(queued, 1);
		await this.running.get(id)?.stop('cancelled');
		return job;
	}

	/** Waits until the job is no longer queued or running (polling its row: it may be another instance's). */
	async waitFor(shopId: string, id: string, timeoutMs = STALE_AFTER_MS): Promise<Job> {
		const until = Date.now() + timeoutMs;
		for (;;) {
			const job = await this.job(shopId, id);
			if (!job) throw new Error(`job ${id} disappeared`);
			if (!ACTIVE.includes(job.status) || Date.now() > until) return job;
			await Promise.race([new Promise((r) => setTimeout(r, POLL_MS)), this.finished.get(id)]);
		}
	}

	/** A report computed in a worker thread on what it reads from the shop's store (in this thread with analyticsThreads 0). */
	async report<N extends ReportName>(name: N, repo: InventoryRepository, args: ReportArgs<N>): Promise<ReportResult<N>> {
		const def = REPORTS[name] as unknown as { read(r: InventoryRepository, a: unknown): Promise<never>; run(r: InventoryRepository, a: unknown): Promise<ReportResult<N>> };
		if (!this.pool) return def.run(repo, args);
		const snapshot = await def.read(repo, args);
		return this.pool.run<ReportResult<N>>({ kind: 'report', name, snapshot, args });
	}

	/** Server stopping: trainings of this instance are stopped and their jobs marked failed ("server stopped"). */
	async stopTrainings() {
		this.stopping = true;
		for (const job of this.waiting.splice(0)) await this.jobs.finish(job.id, 'failed', { error: 'server stopped' });
		await Promise.all([...this.running.values()].map((r) => r.stop('server stopped')));
		await Promise.all(this.finished.values());
	}

	async close() {
		await this.stopTrainings();
		await this.pool?.close();
	}

	private next() {
		while (!this.stopping && this.waiting.length && this.running.size < this.slots) {
			const job = this.waiting.shift()!;
			const done = this.execute(job).catch(() => undefined).finally(() => {
				this.finished.delete(job.id);
				this.next();
			});
			this.finished.set(job.id, done);
		}
	}

	private async execute(job: Job) {
		const log: string[] = [];
		const say = (line: string) => log.push(`${isoLocal(nowLocal())} ${line}`);
		say('started');
		const { sql } = this.ctx;
		let stoppedFor: string | null = null;
		let stopThread: ((reason: string) => Promise<void>) | null = null;
		const entry: RunningJob = {
			stop: async (reason) => {
				stoppedFor ??= reason;
				await stopThread?.(reason);
			}
		};
		this.running.set(job.id, entry);
		const timer = setTimeout(() => void entry.stop('timed out'), TRAINING_TIME_LIMIT_MS);
		timer.unref();
		const store = new SqlForecastStore(sql, job.shopId);
		let out: TrainOutput | null = null;
		try {
			if (!(await this.jobs.start(job.id, log))) return;
			const read = performance.now();
			const input = await trainingInput(new SqlRepository(sql, job.shopId));
			const lines = input.blocks.reduce((n, b) => n + b.lineCount, 0);
			say(`read ${lines} sale lines (${input.blocks.length} blocks) in ${Math.round(performance.now() - read)} ms; forecasting ${input.horizon} days`);
			const reporter = progressWriter(this.jobs, job.id, log, say, () => void entry.stop('cancelled'));
			await reporter.flush();
			if (stoppedFor) throw new WorkerStopped(stoppedFor);
			const training = this.pool ? trainInThread(input, reporter.onProgress) : { result: train(input, reporter.onProgress), stop: async () => {} };
			stopThread = training.stop;
			if (stoppedFor) await training.stop(stoppedFor);
			out = await training.result;
			await reporter.flush();
			if (stoppedFor) throw new WorkerStopped(stoppedFor);
			// Still ours? (cancelled through another instance while the last stage ran)
			if (!(await this.jobs.progress(job.id, 0.99, log))) return;
			if (out.failure || !out.model || !out.run) {
				await store.addTrainingLog(out.log);
				say(`failed: ${out.failure?.message ?? 'no model'}`);
				await this.jobs.finish(job.id, 'failed', { error: out.failure?.message ?? 'no model', log });
				return;
			}
			let savedAt = out.model.savedAt;
			try {
				for (const n of out.networks) await store.saveArtifacts(n.address, n.modelJson, n.weights);
			} catch (e) {
				savedAt = null;
				say(`the trained networks could not be stored (${(e as Error).message}); the model is kept without them`);
			}
			await store.putModel({ ...out.model, savedAt });
			await pruneNetworks(store);
			await store.putRun(out.run);
			await store.addTrainingLog(out.log);
			const m = out.model;
			say(`stored model ${m.id}: ${m.products} products, forecast from ${isoDay(out.run.fromDay)} for ${out.run.horizon} days`);
			await this.jobs.finish(job.id, 'succeeded', {
				progress: 1, log,
				result: {
					model_id: m.id, run_id: out.run.id, from: isoDay(out.run.fromDay), horizon: out.run.horizon, products: m.products,
					sale_lines: m.saleLines, backend: m.backend, examples: out.log.examples, epochs: out.log.epochs, methods: m.chosen,
					networks_saved: savedAt !== null, seconds: Object.fromEntries(Object.entries(out.log.millis).map(([k, v]) => [k, v / 1000]))
				}
			});
		} catch (e) {
			const reason = stoppedFor ?? (e instanceof WorkerStopped ? e.reason : null);
			const cancelled = reason === 'cancelled';
			const error = cancelled ? null : reason ?? (e instanceof Error ? e.message : String(e));
			say(cancelled ? 'cancelled' : `failed: ${error}`);
			await this.jobs.finish(job.id, cancelled ? 'cancelled' : 'failed', { error, log }).catch(() => false);
			const startedAt = out?.log.startedAt ?? job.createdAt;
			await store.addTrainingLog({
				modelId: null, startedAt, endedAt: nowLocal(), outcome: cancelled ? 'cancelled' : 'failed', error, products: 0, examples: 0, epochs: 0, loss: [],
				millis: { prepare: 0, train: 0, backtest: 0, forecast: 0 }
			}).catch(() => undefined);
		} finally {
			clearTimeout(timer);
			this.running.delete(job.id);
		}
	}
}

/** What a training reads: every sale block, the owner's method choices, and a horizon that reaches past every lead time. */
async function trainingInput(repo: SqlRepository): Promise<TrainInput> {
	const [blocks, overrides, reach] = await Promise.all([
		repo.saleBlocks(), repo.getSetting<Record<string, string>>(OVERRIDES_SETTING), horizonFor(repo, DEFAULT_REORDER_OPTIONS.targetCoverDays)
	]);
	return {
		blocks, overrides: Object.entries(overrides ?? {}) as [ProductId, string][], horizon: Math.max(FORECAST_HORIZON, reach),
		saleLines: blocks.reduce((n, b) => n + b.lineCount, 0), addressPrefix: NETWORK_ADDRESS_PREFIX
	};
}

/**
 * Turns a training's progress into the job's row: throttled, one write at a time; a write that
 * finds the job gone stops it. Progress only grows: the engine trains twice (the backtest's network,
 * then the refit through the last day), each pass counting its epochs from 1, so each is half the
 * training stage.
 */
function progressWriter(jobs: JobStore, id: string, log: string[], say: (line: string) => void, gone: () => void) {
	let fraction = 0, stage = '', lastWrite = 0, pass = 0, lastEpoch = 0;
	let chain: Promise<void> = Promise.resolve();
	const write = () => {
		lastWrite = Date.now();
		const snapshot = [...log];
		const at = fraction;
		chain = chain.then(async () => {
			if (!(await jobs.progress(id, at, snapshot))) gone();
		}).catch(() => undefined);
	};
	return {
		onProgress(p: TrainProgress) {
			const changed = p.stage !== stage;
			if (changed) say(`${p.stage}: ${STAGE_WORDS[p.stage]}`);
			stage = p.stage;
			let f = p.fraction;
			if (p.epoch) {
				if (p.epoch.index <= lastEpoch) pass++;
				lastEpoch = p.epoch.index;
				f = progressOf('train', Math.min(1, (Math.min(pass, 1) + p.done) / 2));
				const { index, of } = p.epoch;
				if (index === 1 || index === of || index % 5 === 0) say(`train: ${pass === 0 ? 'network' : 'refit'} epoch ${index} of ${of}, loss ${p.loss === null ? '-' : p.loss.toFixed(4)}`);
			}
			fraction = Math.max(fraction, Math.min(0.99, f));
			if (changed || Date.now() - lastWrite >= PROGRESS_EVERY_MS) write();
		},
		flush() {
			write();
			return chain;
		}
	};
}

/** Removes the saved networks of all but the newest NETWORKS_KEPT models (as the app does). */
async function pruneNetworks(store: SqlForecastStore) {
	const saved = (await store.listModels()).filter((m) => m.savedAt !== null);
	for (const old of saved.slice(NETWORKS_KEPT)) {
		for (const address of [old.savedAt!, backtestAddress(old.savedAt!)]) await store.deleteArtifacts(address);
		await store.putModel({ ...old, savedAt: null });
	}
}

const services = new WeakMap<ServerContext, Analytics>();

/**
 * The instance's analytics (made once per server); every route plugin that uses it calls this, so
 * the hooks that stop its threads when the server closes are in place whichever is registered.
 */
export function analyticsOf(app: FastifyInstance): Analytics {
	let service = services.get(app.ctx);
	if (!service) {
		const made = new Analytics(app.ctx);
		services.set(app.ctx, (service = made));
		// Before the server waits for requests in flight: a request waiting on a training gets its answer.
		app.addHook('preClose', async () => { await made.stopTrainings(); });
		app.addHook('onClose', async () => { await made.close(); });
	}
	return service;
}
