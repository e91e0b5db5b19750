// A real PostgreSQL for the tests: a throwaway cluster in a temp directory (initdb, pg_ctl),
// listening only on a unix socket there, with durability off. Run as root, the server runs as the
// postgres user (PostgreSQL refuses root). tests/support/global-setup.ts starts one per test run.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The test server's URL (its `postgres` database); null when PostgreSQL is not installed. */
		postgresUrl: string | null;
	}
}

const ROOTS = ['/usr/lib/postgresql'];

/** The newest installed PostgreSQL's bin directory (Debian's layout), or null. */
export function findPostgresBin(): string | null {
	for (const root of ROOTS) {
		if (!existsSync(root)) continue;
		const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')));
		versions.sort((a, b) => Number(b) - Number(a));
		if (versions.length > 0) return join(root, versions[0], 'bin');
	}
	return null;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

function postgresUser(): { uid: number; gid: number } {
	const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error('running as root, but there is no "postgres" user to run PostgreSQL as');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

export interface PostgresServer {
	/** postgresql:// URL of the server's `postgres` database, through the unix socket. */
	url: string;
	stop(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresServer> {
	const bin = findPostgresBin();
	if (!bin) throw new Error('PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin): apt-get install postgresql');
	const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
	const data = join(dir, 'data');
	const asRoot = process.getuid?.() === 0;
	if (asRoot) {
		const { uid, gid } = postgresUser();
		chownSync(dir, uid, gid);
		chmodSync(dir, 0o700);
	}
	const run = (tool: string, args: string[]) => {
		const command = asRoot ? 'runuser' : join(bin, tool);
		const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
		const r = spawnSync(command, argv, { encoding: 'utf8', cwd: dir });
		if (r.status !== 0) throw new Error(`${tool} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout || r.error?.message}`);
	};
	try {
		run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
		const port = await freePort();
		const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=''", '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=300'];
		run('pg_ctl', ['-D', data, '-o', options.join(' '), '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
		return {
			url: `postgresql://postgres@localhost:${port}/postgres?host=${encodeURIComponent(dir)}`,
			async stop() {
				try {
					run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
				} finally {
					rmSync(dir, { recursive: true, force: true });
				}
			}
		};
	} catch (e) {
		rmSync(dir, { recursive: true, force: true });
		throw e;
	}
}
