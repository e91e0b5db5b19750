// Analytics off the event loop, and the training job. Each server instance keeps here only the
// threads it runs; every job's state is in the jobs table, updated as it goes, so any instance
// reports it. A training trains in a thread of its own (progress and log into the job's row); the
// shop's sales are read and what it made is written (the saved networks in model_artifacts, the
// model, the forecast run, the training log) by the training's own thread through its own
// connection on a SQLite file or PostgreSQL, by the main thread on SQLite in memory (protocol.ts
// says why). One training at
// a time per shop; a cancel through another instance reaches the owner at its next progress update.
import type { FastifyInstance } from 'fastify';
import type { DayNumber } from '../../core/brand';
import { isoDay, isoLocal, nowLocal } from '../../core/time';
import { progressOf } from '../../core/forecast-settings';
import type { SqlDatabase } from '../../sql/database';
import type { DatabaseTarget } from '../../sql/open';
import { SqlForecastStore } from '../../sql/sql-forecast-store';
import { SqlRepository } from '../../sql/sql-repository';
import { sqliteFile } from '../../sql/sqlite-file';
import type { ServerContext } from '../context';
import { ReportPool, trainInThread, WorkerStopped } from './pool';
import type { Snapshot, StoreResult, TrainOutput, TrainProgress, TrainSummary } from './protocol';
import { REPORTS, runReport, type ReportArgs, type ReportName, type ReportResult } from './reports';
import { ACTIVE, JobStore, type Job } from './store';
import { readNote, storeTraining, summaryOf, train, trainingInput } from './training';

export { NETWORK_ADDRESS_PREFIX, NETWORKS_KEPT } from './training';

export const TRAIN_JOB = 'train';
/** No training runs longer: its thread is stopped and the job fails ('timed out'). */
export const TRAINING_TIME_LIMIT_MS = 60 * 60_000;
/** Every instance touches the jobs it runs or queues this often (jobs.heartbeat_at)... */
export const HEARTBEAT_EVERY_MS = 15_000;
/** ...so an active job not touched for this long was left by an instance that is gone (see JobStore.claim). */
export const STALE_AFTER_MS = 8 * HEARTBEAT_EVERY_MS;
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
	private readonly heartbeat: NodeJS.Timeout;
	private stopping = false;

	constructor(private readonly ctx: ServerContext) {
		this.jobs = new JobStore(ctx.sql);
		this.pool = ctx.options.analyticsThreads > 0 ? new ReportPool(ctx.options.analyticsThreads) : null;
		this.heartbeat = setInterval(() => {
			void this.jobs.touch([...this.running.keys(), ...this.waiting.map((j) => j.id)]).catch(() => undefined);
		}, HEARTBEAT_EVERY_MS);
		this.heartbeat.unref();
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
	async waitFor(shopId: string, id: string, timeoutMs = TRAINING_TIME_LIMIT_MS): Promise<Job> {
		const until = Date.now() + timeoutMs;
		for (;;) {
			const job = await this.job(shopId, id);
			if (!job) throw new Error(`job ${id} disappeared`);
			if (!ACTIVE.includes(job.status) || Date.now() > until) return job;
			await Promise.race([new Promise((r) => setTimeout(r, POLL_MS)), this.finished.get(id)]);
		}
	}

	/**
	 * A report computed in a worker thread: on what the worker reads through its own connection, or,
	 * on SQLite in memory, on what this thread reads and posts (in this thread with analyticsThreads 0).
	 */
	async report<N extends ReportName>(name: N, repo: SqlRepository, args: ReportArgs<N>): Promise<ReportResult<N>> {
		const target = this.pool ? await workerTarget(this.ctx.sql) : null;
		if (this.pool && target) return this.pool.run<ReportResult<N>>({ kind: 'report', name, source: { target, shopId: repo.shopId }, args });
		const read = REPORTS[name].read as (store: unknown, a: unknown) => Promise<Snapshot>;
		const snapshot = await read({ repo, forecasts: new SqlForecastStore(repo.sql, repo.shopId) }, args);
		if (!this.pool) return runReport(name, snapshot, args) as Promise<ReportResult<N>>;
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
		clearInterval(this.heartbeat);
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
		let thread: { stop(reason: string): Promise<void>; close(): Promise<void> } | null = null;
		const entry: RunningJob = {
			stop: async (reason) => {
				stoppedFor ??= reason;
				await thread?.stop(reason);
			}
		};
		this.running.set(job.id, entry);
		const timer = setTimeout(() => void entry.stop('timed out'), TRAINING_TIME_LIMIT_MS);
		timer.unref();
		const store = new SqlForecastStore(sql, job.shopId);
		const stopped = () => {
			if (stoppedFor) throw new WorkerStopped(stoppedFor);
		};
		try {
			if (!(await this.jobs.start(job.id, log))) return;
			const reporter = progressWriter(this.jobs, job.id, log, say, () => void entry.stop('cancelled'));
			const target = this.pool ? await workerTarget(sql) : null;
			let summary: TrainSummary, stored: StoreResult;
			if (target) {
				// The thread reads the sales and, once told, stores what it made through its own connection.
				const training = trainInThread<TrainSummary>({ kind: 'train', source: { target, shopId: job.shopId } }, reporter.onProgress);
				thread = training;
				stopped();
				summary = await training.result;
				await reporter.flush();
				stopped();
				// Still ours? (cancelled through another instance while the last stage ran)
				if (!(await this.jobs.progress(job.id, 0.99, log))) return;
				stored = await training.store();
			} else {
				const read = performance.now();
				const input = await trainingInput(new SqlRepository(sql, job.shopId));
				say(readNote(input, performance.now() - read));
				await reporter.flush();
				stopped();
				let out: TrainOutput;
				if (this.pool) {
					const training = trainInThread<TrainOutput>({ kind: 'train', input }, reporter.onProgress);
					thread = training;
					stopped();
					out = await training.result;
				} else out = await train(input, reporter.onProgress);
				await reporter.flush();
				stopped();
				if (!(await this.jobs.progress(job.id, 0.99, log))) return;
				summary = summaryOf(out);
				stored = await storeTraining(store, out);
			}
			for (const note of stored.notes) say(note);
			const { model, run } = summary;
			if (summary.failure || !model || !run) {
				const error = summary.failure?.message ?? 'no model';
				say(`failed: ${error}`);
				await this.jobs.finish(job.id, 'failed', { error, log });
				return;
			}
			say(`stored model ${model.id}: ${model.products} products, forecast from ${isoDay(run.fromDay as DayNumber)} for ${run.horizon} days`);
			await this.jobs.finish(job.id, 'succeeded', {
				progress: 1, log,
				result: {
					model_id: model.id, run_id: run.id, from: isoDay(run.fromDay as DayNumber), horizon: run.horizon, products: model.products,
					sale_lines: model.saleLines, backend: model.backend, examples: summary.log.examples, epochs: summary.log.epochs, methods: model.chosen,
					networks_saved: stored.savedAt !== null, seconds: Object.fromEntries(Object.entries(summary.log.millis).map(([k, v]) => [k, v / 1000]))
				}
			});
		} catch (e) {
			const reason = stoppedFor ?? (e instanceof WorkerStopped ? e.reason : null);
			const cancelled = reason === 'cancelled';
			const error = cancelled ? null : reason ?? (e instanceof Error ? e.message : String(e));
			say(cancelled ? 'cancelled' : `failed: ${error}`);
			await this.jobs.finish(job.id, cancelled ? 'cancelled' : 'failed', { error, log }).catch(() => false);
			await store.addTrainingLog({
				modelId: null, startedAt: job.startedAt ?? job.createdAt, endedAt: nowLocal(), outcome: cancelled ? 'cancelled' : 'failed', error,
				products: 0, examples: 0, epochs: 0, loss: [], millis: { prepare: 0, train: 0, backtest: 0, forecast: 0 }
			}).catch(() => undefined);
		} finally {
			clearTimeout(timer);
			this.running.delete(job.id);
			await thread?.close().catch(() => undefined);
		}
	}
}

/** What a worker thread connects to itself: the SQLite file, or the PostgreSQL URL; null for SQLite in memory (not shareable). */
export async function workerTarget(sql: SqlDatabase): Promise<DatabaseTarget | null> {
	if (sql.dialect === 'postgres') return sql.url ? { url: sql.url } : null;
	const file = await sqliteFile(sql);
	return file ? { file } : null;
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
			if (p.note) say(p.note);
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
