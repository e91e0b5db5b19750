// A long-running server on a SQLite file checkpoints its WAL from a thread of its own. SQLite's
// automatic checkpoint runs inside the COMMIT that crosses the threshold, and better-sqlite3 is
// synchronous, so on the server's main thread it froze every request for 20-120 ms now and then
// (measured by bench:api). Here the main connection stops checkpointing and a worker thread with
// its own connection runs a PASSIVE checkpoint every second, which never blocks readers or writers.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sql as raw } from 'kysely';
import type { SqlDatabase } from './database';
import { sqliteFile } from './sqlite-file';

const CHECKPOINTER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
	try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage(String(e)); }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

export interface Checkpointer {
	stop(): Promise<void>;
}

/** Starts checkpointing off the main thread; null for PostgreSQL or SQLite in memory. */
export async function startCheckpointer(sql: SqlDatabase, everyMs = 1000, onError: (message: string) => void = () => {}): Promise<Checkpointer | null> {
	if (sql.dialect !== 'sqlite') return null;
	const file = await sqliteFile(sql);
	if (!file) return null;
	const driver = createRequire(import.meta.url).resolve('better-sqlite3');
	const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file, driver, everyMs } });
	worker.on('message', onError);
	worker.unref();
	await raw`pragma wal_autocheckpoint = 0`.execute(sql.db);
	return {
		async stop() {
			const exited = new Promise((resolve) => worker.once('exit', resolve));
			worker.postMessage('stop');
			await exited;
			// Back to SQLite's own checkpoints for whoever keeps using the connection.
			await raw`pragma wal_autocheckpoint = 1000`.execute(sql.db).catch(() => undefined);
		}
	};
}
