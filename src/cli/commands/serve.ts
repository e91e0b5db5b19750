// inventario serve: the shop server on one port: the built app at /, the REST API at /api/v1 and
// its docs at /api/v1/docs. SQLite by default (--db FILE), PostgreSQL when DATABASE_URL is set.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InventoryRepository } from '../../core/repository';
import { countUsers } from '../../server/auth/accounts';
import { API_PREFIX } from '../../server/app';
import { startServer, stopOnSignals, type RunningServer } from '../../server/serve';
import { isPostgresUrl } from '../../sql/open';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { sqlOf } from './user';

/** The package's root (this file is src/cli/commands/serve.ts), where `npm run build` writes build/. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BUILT_APP_DIR = path.join(PACKAGE_ROOT, 'build');

const isBuilt = (dir: string) => fs.existsSync(path.join(dir, 'index.html')) && fs.existsSync(path.join(dir, '200.html'));

function parsePort(text: string | undefined): number {
	if (text === undefined) return 8080;
	const port = Number(text);
	if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${text}"`);
	return port;
}

function describePostgres(url: string, from: string): string {
	try {
		const u = new URL(url);
		return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname} (${from})`;
	} catch {
		return `PostgreSQL (${from})`;
	}
}

/** Which store: PostgreSQL (DATABASE_URL or a --db URL, shown without its password) or the SQLite file. */
export function describeStore(env: NodeJS.ProcessEnv, dbOption: string): string {
	if (env.DATABASE_URL) return describePostgres(env.DATABASE_URL, 'DATABASE_URL');
	if (isPostgresUrl(dbOption)) return describePostgres(dbOption, '--db');
	return `SQLite file ${path.resolve(dbOption)}`;
}

export interface ServeSettings {
	/** What keeps the command running; by default until SIGTERM/SIGINT, which stop it gracefully. */
	wait?: (server: RunningServer, out: (line: string) => void) => Promise<void>;
	env?: NodeJS.ProcessEnv;
	/** Where the built app is looked for (build/ of the package). */
	appDir?: string;
}

const untilSignalled = (server: RunningServer, out: (line: string) => void) =>
	new Promise<void>((resolve) => {
		server.app.server.once('close', () => resolve());
		stopOnSignals(server, out);
	});

export function makeServeCommand(settings: ServeSettings = {}): Command {
	return {
		name: 'serve',
		summary: 'Start the shop server: the app, the REST API and its docs on one port',
		usage: `inventario serve [--port N] [--host H] [--db FILE] [--tls-cert FILE --tls-key FILE] [--no-app]

  --port N          port to listen on (default 8080; 0 picks a free one)
  --host H          address to listen on (default 127.0.0.1; 0.0.0.0 for the shop's network)
  --db FILE         SQLite file (default ./inventario.db); DATABASE_URL=postgres://… selects PostgreSQL
  --tls-cert FILE   serve HTTPS with this certificate (PEM) and --tls-key: tablets on the
  --tls-key FILE    network need HTTPS for the app to install and work offline
  --no-app          serve the API alone, not the built app

Stops gracefully on SIGTERM or Ctrl-C: requests in flight finish first.`,
		options: { port: { type: 'string' }, host: { type: 'string' }, 'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, 'no-app': { type: 'boolean' } },
		async run(repo: InventoryRepository, argv: string[], out) {
			const { values, positionals } = parseCommandArgs(argv, this.options);
			if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
			const port = parsePort(values.port as string | undefined);
			const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
			const tlsCert = values['tls-cert'] as string | undefined, tlsKey = values['tls-key'] as string | undefined;
			if (Boolean(tlsCert) !== Boolean(tlsKey)) throw new UsageError('--tls-cert and --tls-key go together');
			const sql = sqlOf(repo);
			const builtDir = settings.appDir ?? BUILT_APP_DIR;
			let appDir: string | null = null;
			if (values['no-app']) out('Serving the API alone (--no-app).');
			else if (isBuilt(builtDir)) appDir = builtDir;
			else out(`The app is not built (no ${path.join(builtDir, 'index.html')}): serving the API alone. "npm run build" builds it.`);

			const server = await startServer(sql, { port, host, tlsCert, tlsKey }, { appDir });
			out(`Smart Inventory server at ${server.url}`);
			if (appDir) out(`  App:       ${server.url}/`);
			out(`  API:       ${server.url}${API_PREFIX}`);
			out(`  API docs:  ${server.url}${API_PREFIX}/docs`);
			out(`  OpenAPI:   ${server.url}${API_PREFIX}/openapi.json`);
			out(`  Database:  ${describeStore(settings.env ?? process.env, String(values.db))}`);
			if ((await countUsers(sql)) === 0) {
				out('No users yet. Make the first admin (in another terminal, same --db or DATABASE_URL):');
				out('  inventario user add NAME --role admin');
			}
			await (settings.wait ?? untilSignalled)(server, out);
			return 0;
		}
	};
}

export const serveCommand: Command = makeServeCommand();
