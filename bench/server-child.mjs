// The shop's database for a bench, and the shop server under test in a process of its own (bench/api-server.ts), so that a bench's load
// generator does not share its event loop: resolves with its URL, pid and a stop().
import { fork } from 'node:child_process';
import { join } from 'node:path';

/** Where a bench's shop lives: a SQLite file in `dir`, or a throwaway PostgreSQL (tests/support/postgres.ts); stop() ends the latter. */
export async function benchDatabase(kind, dir) {
	if (kind === 'sqlite') return { target: join(dir, 'shop.db'), stop: async () => {} };
	const { startPostgres } = await import('../tests/support/postgres.ts');
	const pg = await startPostgres();
	return { target: pg.url, stop: () => pg.stop() };
}

/** Starts bench/api-server.ts on `target` (a SQLite file or a postgres:// URL), serving `appDir` as the app when given. */
export function startChild(target, appDir = null) {
	const child = fork(new URL('./api-server.ts', import.meta.url), [target, ...(appDir ? [appDir] : [])], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`the server exited with code ${code} before it listened`)));
		child.once('message', ({ url }) => {
			child.removeAllListeners('exit');
			resolve({
				url,
				pid: child.pid,
				stop: () => new Promise((done) => {
					if (child.exitCode !== null) return done();
					const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
					child.once('exit', () => { clearTimeout(timer); done(); });
					child.send('stop');
				})
			});
		});
	});
}
