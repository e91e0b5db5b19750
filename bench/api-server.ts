// The server under test for bench/api.mjs, in a process of its own (the load generator and the
// server must not share one event loop): opens the store named by argv[2] (a SQLite file or a
// postgres:// URL), starts the API on 127.0.0.1, port 0, serving the directory argv[3] as its app
// when given (bench:sync's browser page, on the API's origin), and tells the parent its URL over
// IPC. Stops gracefully on 'stop' from the parent (or SIGTERM). Started by bench/server-child.mjs.
import { databaseTarget, openDatabase } from '../src/sql/open';
import { startServer } from '../src/server/serve';

const [target, appDir] = process.argv.slice(2);
if (!target || !process.send) {
	console.error('usage: forked by bench/server-child.mjs with the database (and an app directory) as arguments');
	process.exit(2);
}
const sql = await openDatabase(databaseTarget(target));
const server = await startServer(sql, { port: 0, host: '127.0.0.1' }, { logger: false, ...(appDir ? { appDir } : {}) });
const stop = async () => {
	await server.stop();
	process.exit(0);
};
process.on('message', (m) => { if (m === 'stop') void stop(); });
process.on('SIGTERM', () => void stop());
process.send({ url: server.url, pid: process.pid });
