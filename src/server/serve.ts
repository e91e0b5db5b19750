// Starting and stopping the server: listen (HTTP, or HTTPS with a certificate so tablets on the
// shop's network get a secure context for the service worker), and on SIGTERM/SIGINT stop taking
// new work, answer /readyz 503, finish the requests in flight, then close the database.
import fs from 'node:fs';
import type { SqlDatabase } from '../sql/database';
import { startCheckpointer } from '../sql/sqlite-checkpointer';
import { buildServer } from './app';
import type { Api, ServerOptions } from './context';

export interface ListenOptions {
	port: number;
	host: string;
	tlsCert?: string;
	tlsKey?: string;
}

export interface RunningServer {
	app: Api;
	url: string;
	stop(): Promise<void>;
}

export async function startServer(sql: SqlDatabase, listen: ListenOptions, options: Partial<ServerOptions> = {}): Promise<RunningServer> {
	const https = listen.tlsCert && listen.tlsKey ? { cert: fs.readFileSync(listen.tlsCert), key: fs.readFileSync(listen.tlsKey) } : null;
	if (Boolean(listen.tlsCert) !== Boolean(listen.tlsKey)) throw new Error('--tls-cert and --tls-key go together');
	const app = await buildServer(sql, { ...options, https });
	const checkpointer = await startCheckpointer(sql, 1000, (message) => app.log.warn({ message }, 'WAL checkpoint failed'));
	await app.listen({ port: listen.port, host: listen.host });
	const address = app.server.address();
	const port = typeof address === 'object' && address ? address.port : listen.port;
	const shownHost = listen.host === '0.0.0.0' || listen.host === '::' ? 'localhost' : listen.host;
	const url = `${https ? 'https' : 'http'}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
	let stopping: Promise<void> | null = null;
	const stop = () => (stopping ??= (async () => {
		app.ctx.shuttingDown = true;
		await app.close();
		await checkpointer?.stop();
		await sql.close();
	})());
	return { app, url, stop };
}

/** Stops gracefully on the first SIGTERM/SIGINT; a second one exits at once. */
export function stopOnSignals(server: RunningServer, log: (line: string) => void) {
	let signalled = false;
	const onSignal = (signal: string) => {
		if (signalled) process.exit(1);
		signalled = true;
		log(`${signal}: finishing requests in flight, then stopping`);
		server.stop().then(() => process.exit(0), (e) => { log(String(e)); process.exit(1); });
	};
	process.on('SIGTERM', () => onSignal('SIGTERM'));
	process.on('SIGINT', () => onSignal('SIGINT'));
}
