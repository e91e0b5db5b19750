// One chart drawn per task. The dashboard has a dozen charts: drawn in one go after a filter
// change they would hold the main thread for one long task (taps wait, the bench fails its 50 ms
// budget). Each chart takes its new data on its own turn instead, so the browser can paint and
// answer input between them. The first turn also waits for chart.js: arriving while several
// charts were already waiting for it, it would draw them all at once.

type Job = () => void;

const jobs: Job[] = [];
const idle = new Set<() => void>();
let scheduled = false;
/** chart.js, fetched as soon as the dashboard's code runs (while the worker reads the store). */
const chartJs: Promise<unknown> = typeof window === 'undefined' ? Promise.resolve() : import('chart.js').catch(() => undefined);
let chartJsHere = false;
// A MessageChannel message is a new task without setTimeout's 4 ms clamp after nesting.
let channel: MessageChannel | undefined;

function runNext() {
	scheduled = false;
	const job = jobs.shift();
	job?.();
	if (jobs.length) schedule();
	else for (const done of [...idle]) done();
}

function schedule() {
	if (scheduled) return;
	scheduled = true;
	if (!chartJsHere) {
		void chartJs.then(() => {
			chartJsHere = true;
			post();
		});
		return;
	}
	post();
}

function post() {
	if (typeof MessageChannel === 'undefined') {
		setTimeout(runNext, 0);
		return;
	}
	if (!channel) {
		channel = new MessageChannel();
		channel.port1.onmessage = runNext;
	}
	channel.port2.postMessage(null);
}

/** Runs `job` on its own task after those queued before it; the returned function cancels it. */
export function enqueue(job: Job): () => void {
	jobs.push(job);
	schedule();
	return () => {
		const at = jobs.indexOf(job);
		if (at >= 0) jobs.splice(at, 1);
	};
}

/** Calls `done` each time the queue empties (every queued chart has taken its data). */
export function onQueueIdle(done: () => void): () => void {
	idle.add(done);
	return () => idle.delete(done);
}

/**
 * The value `source` returns, handed over on the component's own turn. Call during component
 * initialisation; `.value` is undefined until the first turn.
 */
export function staggered<T>(source: () => T): { readonly value: T | undefined } {
	let value = $state.raw<T>();
	$effect(() => {
		const next = source();
		return enqueue(() => (value = next));
	});
	return {
		get value() {
			return value;
		}
	};
}
