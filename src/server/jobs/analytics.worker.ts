// The analytics worker thread: trains the forecast or computes a report, one task at a time, on
// data posted to it or, on a SQLite file or PostgreSQL, on what it reads through its own connection (see
// protocol.ts), and posts progress and the result back (typed arrays transferred).
import { parentPort } from 'node:worker_threads';
import type { SqlDatabase } from '../../sql/database';
import { connectDatabase, type DatabaseTarget } from '../../sql/open';
import { SqlForecastStore } from '../../sql/sql-forecast-store';
import { SqlRepository } from '../../sql/sql-repository';
import type { FromWorker, StoreSource, ToWorker, TrainOutput } from './protocol';
import { computeReport, runReport } from './reports';
import { transferables } from './snapshot';
import { readNote, storeTraining, summaryOf, train, trainingInput } from './training';

const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message, transferables(message));

/** This thread's connections, one per file or URL, open for the thread's life. */
const connections = new Map<string, Promise<SqlDatabase>>();
const connection = (target: DatabaseTarget) => {
	const where = target.url ?? target.file ?? '';
	let sql = connections.get(where);
	if (!sql) connections.set(where, (sql = connectDatabase(target)));
	return sql;
};
const shopStore = async (source: StoreSource) => {
	const sql = await connection(source.target);
	return { repo: new SqlRepository(sql, source.shopId), forecasts: new SqlForecastStore(sql, source.shopId), sql };
};

/** The training this thread made from its own reads, kept until the main thread says to store it. */
let kept: { out: TrainOutput; source: StoreSource } | null = null;

async function handle(task: ToWorker): Promise<unknown> {
	switch (task.kind) {
		case 'train': {
			const progress = (p: Parameters<Parameters<typeof train>[1]>[0]) => post({ id: task.id, type: 'progress', progress: p });
			if ('input' in task) return train(task.input, progress);
			const started = performance.now();
			const input = await trainingInput((await shopStore(task.source)).repo);
			progress({ stage: 'prepare', done: 0, fraction: 0, loss: null, note: readNote(input, performance.now() - started) });
			const out = await train(input, progress);
			kept = { out, source: task.source };
			return summaryOf(out);
		}
		case 'store': {
			if (!kept) throw new Error('there is no training to store');
			const { out, source } = kept;
			kept = null;
			return storeTraining((await shopStore(source)).forecasts, out);
		}
		case 'report':
			if ('snapshot' in task) return runReport(task.name, task.snapshot, task.args);
			return computeReport(task.name, await shopStore(task.source), task.args);
	}
}

port.on('message', async (task: ToWorker) => {
	try {
		post({ id: task.id, type: 'result', value: await handle(task) });
	} catch (e) {
		const error = e instanceof Error ? e : new Error(String(e));
		post({ id: task.id, type: 'error', name: error.name, message: error.message });
	}
});
