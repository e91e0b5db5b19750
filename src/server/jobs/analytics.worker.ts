// The analytics worker thread: trains the forecast or computes a report on the data posted to it,
// one task at a time, and posts progress and the result back (its typed arrays transferred).
// It never touches the database.
import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol';
import { REPORTS, type ReportName } from './reports';
import { SnapshotRepository, transferables } from './snapshot';
import { train } from './training';

const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message, transferables(message));

port.on('message', async (task: ToWorker) => {
	try {
		if (task.kind === 'train') {
			const value = await train(task.input, (progress) => post({ id: task.id, type: 'progress', progress }));
			post({ id: task.id, type: 'result', value });
		} else {
			const report = REPORTS[task.name as ReportName];
			if (!report) throw new Error(`no report "${task.name}"`);
			const value = await report.run(new SnapshotRepository(task.snapshot), task.args as never);
			post({ id: task.id, type: 'result', value });
		}
	} catch (e) {
		const error = e instanceof Error ? e : new Error(String(e));
		post({ id: task.id, type: 'error', name: error.name, message: error.message });
	}
});
