// Worker threads for analytics, so the event loop keeps answering while they compute: a small pool
// for the reports requests wait on, and a thread of its own for each training (terminated when it
// ends, which is also how a training is cancelled). TypeScript in a worker: the thread starts at
// worker-boot.mjs, which registers tsx and imports analytics.worker.ts; this works the same under
// vitest and under bin/inventario.mjs.
import { Worker } from 'node:worker_threads';
import type { FromWorker, StoreResult, ToWorker, TrainProgress, WorkerTask } from './protocol';
import { transferables } from './snapshot';

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./analytics.worker.ts', import.meta.url).href;

/** A task failed inside the worker: its error's name and message, as thrown there. */
export class WorkerTaskError extends Error {
	constructor(name: string, message: string) {
		super(message);
		this.name = name;
	}
}

/** The thread was terminated (cancelled, timed out, server stopping) or died before answering. */
export class WorkerStopped extends Error {
	constructor(readonly reason: string) {
		super(reason);
		this.name = 'WorkerStopped';
	}
}

interface Pending {
	resolve(value: unknown): void;
	reject(error: Error): void;
	onProgress?: (p: TrainProgress) => void;
}

/** One worker thread, one task at a time. */
export class AnalyticsThread {
	private readonly worker: Worker;
	private readonly pending = new Map<number, Pending>();
	private nextId = 1;
	private stopReason: string | null = null;
	alive = true;

	constructor() {
		this.worker = new Worker(BOOT, { workerData: { entry: ENTRY } });
		this.worker.unref();
		this.worker.on('message', (m: FromWorker) => {
			const p = this.pending.get(m.id);
			if (!p) return;
			if (m.type === 'progress') p.onProgress?.(m.progress);
			else {
				this.pending.delete(m.id);
				if (m.type === 'result') p.resolve(m.value);
				else p.reject(new WorkerTaskError(m.name, m.message));
			}
		});
		const fail = (reason: string) => {
			this.alive = false;
			for (const p of this.pending.values()) p.reject(new WorkerStopped(this.stopReason ?? reason));
			this.pending.clear();
		};
		this.worker.on('error', (e) => fail(`the analytics thread failed: ${e.message}`));
		this.worker.on('exit', (code) => fail(`the analytics thread stopped (exit code ${code})`));
	}

	get busy() { return this.pending.size > 0; }

	run<T>(task: WorkerTask, onProgress?: (p: TrainProgress) => void): Promise<T> {
		if (!this.alive) return Promise.reject(new WorkerStopped(this.stopReason ?? 'the analytics thread has stopped'));
		const id = this.nextId++;
		const message = { ...task, id } as ToWorker;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
			this.worker.postMessage(message, transferables(message));
		});
	}

	/** Stops the thread at once; whatever it was doing rejects with WorkerStopped(reason). */
	async terminate(reason: string) {
		this.stopReason ??= reason;
		await this.worker.terminate();
	}
}

/**
 * A training in a thread of its own: its result (TrainOutput from posted input, TrainSummary when
 * the thread reads the store itself), storing what it kept (the latter), stopping it, and closing
 * the thread when done.
 */
export function trainInThread<R>(task: Extract<WorkerTask, { kind: 'train' }>, onProgress: (p: TrainProgress) => void) {
	const thread = new AnalyticsThread();
	return {
		result: thread.run<R>(task, onProgress),
		store: () => thread.run<StoreResult>({ kind: 'store' }),
		stop: (reason: string) => thread.terminate(reason),
		close: () => thread.terminate('finished')
	};
}

/** Up to `size` threads for reports, started when first needed; tasks beyond wait their turn. */
export class ReportPool {
	private threads: AnalyticsThread[] = [];
	private queue: { task: WorkerTask; resolve(v: unknown): void; reject(e: Error): void }[] = [];
	private closed = false;

	constructor(readonly size: number) {}

	/** Threads running now (started when first needed, at most size). */
	get threadCount() { return this.threads.filter((t) => t.alive).length; }

	run<T>(task: WorkerTask): Promise<T> {
		if (this.closed) return Promise.reject(new WorkerStopped('the server is stopping'));
		return new Promise<T>((resolve, reject) => {
			this.queue.push({ task, resolve: resolve as (v: unknown) => void, reject });
			this.dispatch();
		});
	}

	private dispatch() {
		this.threads = this.threads.filter((t) => t.alive);
		while (this.queue.length) {
			let thread = this.threads.find((t) => !t.busy);
			if (!thread && this.threads.length < this.size) this.threads.push((thread = new AnalyticsThread()));
			if (!thread) return;
			const { task, resolve, reject } = this.queue.shift()!;
			thread.run(task).then(resolve, reject).finally(() => this.dispatch());
		}
	}

	async close() {
		this.closed = true;
		for (const q of this.queue.splice(0)) q.reject(new WorkerStopped('the server is stopping'));
		await Promise.all(this.threads.map((t) => t.terminate('the server is stopping')));
		this.threads = [];
	}
}
