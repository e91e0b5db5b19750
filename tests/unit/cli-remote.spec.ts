// The CLI against a running shop server: login (password on a stubbed standard input), the
// session file (0600), commands with --server printing what they print on the same database
// file locally, import and export through the API, a staff user refused the admin analytics, the
// access token refreshed by itself, logout revoking the refresh token, an unreachable server.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachSql, newPostgresDatabase, type SqlKind } from '../support/sql-databases';
import { main } from '../../src/cli/main';
import { readSession, sessionFile, writeSession } from '../../src/cli/remote/config';
import type { CliIo } from '../../src/cli/remote/io';
import { createUser } from '../../src/server/auth/accounts';
import { startServer, type RunningServer } from '../../src/server/serve';
import { openDatabase } from '../../src/sql/open';

const FIXTURE = 'tests/fixtures/csv/nasty-rows.csv';
const COFFEE = '../shared/data/coffee-kiosk/coffee_sales_2024-03_2025-03.csv';
const ADMIN = { username: 'ana', password: 'ana-secret-1' };
const STAFF = { username: 'beto', password: 'beto-secret-1' };
const HASH = { passwordLogN: 4 };

const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `inventario-remote-${name}-`));

interface Shop {
	/** What --db names for the same store: the SQLite file or the PostgreSQL URL. */
	db: string;
	server: RunningServer;
	url: string;
}

async function startShop(kind: SqlKind, options: { accessTtlSeconds?: number } = {}): Promise<Shop> {
	const db = kind === 'postgres' ? await newPostgresDatabase() : join(tempDir('db'), 'shop.db');
	const sql = await openDatabase(kind === 'postgres' ? { url: db } : { file: db });
	await createUser(sql, { ...ADMIN, role: 'admin', shopCode: 'main' }, HASH);
	await createUser(sql, { ...STAFF, role: 'staff', shopCode: 'main' }, HASH);
	const server = await startServer(sql, { port: 0, host: '127.0.0.1' }, { ...HASH, ...options });
	return { db, server, url: server.url };
}

/** A terminal-less CLI environment with its own config directory and the given standard input; prompts go to `prompts`. */
function cliIo(configDir: string, stdin: string, prompts: string[]): CliIo {
	return { stdin: Readable.from([stdin]), prompt: (text) => prompts.push(text.trimEnd()), env: { ...process.env, INVENTARIO_CONFIG_DIR: configDir } };
}

async function run(configDir: string, argv: string[], stdin = '') {
	const out: string[] = [], err: string[] = [];
	const code = await main(argv, (l) => out.push(l), (l) => err.push(l), cliIo(configDir, stdin, err));
	return { code, out: out.join('\n'), err: err.join('\n') };
}

const login = (configDir: string, url: string, who = ADMIN) =>
	run(configDir, ['login', '--server', url, '--user', who.username, '--password-stdin'], `${who.password}\n`);

describeEachSql('inventario against a running server', (kind) => {
	let shop: Shop;
	const config = tempDir('config');
	const staffConfig = tempDir('staff');

	beforeAll(async () => {
		shop = await startShop(kind);
	});
	afterAll(async () => {
		await shop?.server.stop();
	});

	it('logs in with the password on standard input and keeps the session owner-only', async () => {
		const result = await login(config, shop.url);
		expect(result.err).toBe('');
		expect(result.code).toBe(0);
		expect(result.out).toBe(`Logged in to ${shop.url} as ana (shop main, role admin).`);
		const file = sessionFile({ INVENTARIO_CONFIG_DIR: config });
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(statSync(config).mode & 0o777).toBe(0o700);
		expect(readSession({ INVENTARIO_CONFIG_DIR: config })).toMatchObject({ server: shop.url, username: 'ana', shop: 'main', role: 'admin' });
	});

	it('refuses a wrong password with the server\'s problem and stores nothing', async () => {
		const elsewhere = tempDir('wrong');
		const result = await run(elsewhere, ['login', '--server', shop.url, '--user', 'ana', '--password-stdin'], 'not-her-password\n');
		expect(result.code).toBe(1);
		expect(result.err).toMatch(/^inventario login: 401 /);
		expect(readdirSync(elsewhere)).toEqual([]);
	});

	it('imports a file through the API; stock then shows it, the same as locally on the same file', async () => {
		const rejects = join(tempDir('rejects'), 'rechazos.csv');
		const imported = await run(config, ['import', FIXTURE, '--rejects', rejects]);
		expect(imported.err).toBe('');
		expect(imported.code).toBe(0);
		expect(imported.out).toMatch(/^nasty-rows\.csv: utf-8/);
		expect(imported.out).toMatch(/Imported: \d+/);
		expect(readFileSync(rejects, 'utf8')).toMatch(/^\uFEFFrow,field,/);

		for (const args of [[], ['--json'], ['--low'], ['A1']]) {
			const remote = await run(config, ['stock', '--server', shop.url, ...args]);
			const local = await run(config, ['stock', '--db', shop.db, ...args]);
			expect(remote.err).toBe('');
			expect(remote.code).toBe(0);
			expect(remote.out).toBe(local.out);
		}
		const stock = await run(config, ['stock', '--json']);
		expect(JSON.parse(stock.out)).toEqual(expect.arrayContaining([expect.objectContaining({ sku: 'A1' })]));
	});

	it('exports a CSV to standard output and to a file', async () => {
		const remote = await run(config, ['export', 'products']);
		const local = await run(config, ['export', 'products', '--db', shop.db]);
		expect(remote.code).toBe(0);
		expect(remote.out).toBe(local.out);
		const file = join(tempDir('export'), 'ventas.csv');
		const written = await run(config, ['export', 'sales', '--out', file, '--delimiter', ';', '--decimal', ',']);
		expect(written.code).toBe(0);
		expect(written.out).toMatch(/^Wrote \d+ sale lines to /);
		const localFile = join(tempDir('export'), 'ventas.csv');
		await run(config, ['export', 'sales', '--out', localFile, '--delimiter', ';', '--decimal', ',', '--db', shop.db]);
		expect(readFileSync(file, 'utf8')).toBe(readFileSync(localFile, 'utf8'));
	});

	it('prints the analytics the same as the local commands', async () => {
		expect((await run(config, ['import', COFFEE, '--map', 'sku=coffee_name,customer=card'])).code).toBe(0);
		for (const args of [['trends'], ['trends', '--json', '--top', '5'], ['health', '--no-forecast'], ['alerts', '--no-forecast', '--json'], ['segments'], ['recommend', 'Latte', '--top', '3']]) {
			const remote = await run(config, args);
			const local = await run(config, [...args, '--db', shop.db]);
			expect(remote.err).toBe('');
			expect(remote.code).toBe(0);
			expect(remote.out).toBe(local.out);
		}
	}, 60_000);

	it('suggests orders and forecasts from the server\'s trained run, training it first', async () => {
		// The server has no forecast yet: reorder starts the training and waits for it.
		const reorder = await run(config, ['reorder', '--all', '--json']);
		expect(reorder.err).toMatch(/^The server has no trained forecast yet: training one/);
		expect(reorder.code).toBe(0);
		expect(JSON.parse(reorder.out)).toMatchObject({ forecastFrom: '2025-03-24', suggestions: expect.arrayContaining([expect.objectContaining({ sku: 'Latte' })]) });
		const forecast = await run(config, ['forecast', 'Latte', '--horizon', '7']);
		expect(forecast.err).toBe('');
		expect(forecast.code).toBe(0);
		const lines = forecast.out.split('\n');
		expect(lines[0]).toBe('sku,date,p10,p50,p90,mean,method');
		expect(lines).toHaveLength(8);
		expect(lines[1]).toMatch(/^Latte,2025-03-24,/);
		const all = await run(config, ['forecast', '--all', '--horizon', '2']);
		const products = JSON.parse((await run(config, ['stock', '--json'])).out).length;
		expect(all.out.split('\n')).toHaveLength(1 + 2 * products);
		const total = await run(config, ['forecast', '--total', '--horizon', '3', '--json']);
		expect(JSON.parse(total.out)).toMatchObject({ scope: 'shop', horizon: 3, days: [expect.objectContaining({ date: '2025-03-24' }), {}, {}] });
		const notHere = await run(config, ['forecast', 'Latte', '--horizon', '7', '--from', '2025-03-01']);
		expect(notHere.code).toBe(2);
		expect(notHere.err).toMatch(/--from is not available with --server/);
	}, 180_000);

	it('tells a staff user the server\'s 403 for the admin analytics', async () => {
		expect((await login(staffConfig, shop.url, STAFF)).code).toBe(0);
		const stock = await run(staffConfig, ['stock']);
		expect(stock.code).toBe(0);
		const segments = await run(staffConfig, ['segments']);
		expect(segments.code).toBe(1);
		expect(segments.err).toMatch(/^inventario segments: 403 Not allowed: only the shop's admins may /);
	});

	it('says which commands run locally only', async () => {
		for (const name of ['demo', 'backup', 'backtest', 'serve', 'user']) {
			const result = await run(config, [name, '--server', shop.url]);
			expect(result.code).toBe(2);
			expect(result.err).toMatch(new RegExp(`^inventario ${name}: ${name} runs locally only`));
		}
		const both = await run(config, ['stock', '--server', shop.url, '--db', shop.db]);
		expect(both.code).toBe(2);
		expect(both.err).toMatch(/^inventario stock: give --db FILE \(local\) or --server URL \(remote\), not both/);
		const elsewhere = await run(config, ['stock', '--server', 'http://127.0.0.1:9']);
		expect(elsewhere.code).toBe(1);
		expect(elsewhere.err).toBe(`inventario stock: not logged in to http://127.0.0.1:9 (the session is for ${shop.url}): run inventario login --server http://127.0.0.1:9`);
	});

	it('refreshes an expired access token by itself and stores the rotated pair', async () => {
		const env = { INVENTARIO_CONFIG_DIR: config };
		const before = readSession(env)!;
		// Run out by the clock: the pair is refreshed before the request.
		writeSession({ ...before, expires_at: Date.now() - 1000 }, env);
		expect((await run(config, ['stock'])).code).toBe(0);
		const after = readSession(env)!;
		expect(after.refresh_token).not.toBe(before.refresh_token);
		expect(after.expires_at).toBeGreaterThan(Date.now());
		// Refused by the server (the clock said it was good): one refresh, one retry.
		writeSession({ ...after, access_token: 'not.a.token', expires_at: Date.now() + 600_000 }, env);
		expect((await run(config, ['stock'])).code).toBe(0);
		expect(readSession(env)!.refresh_token).not.toBe(after.refresh_token);
		expect(statSync(sessionFile(env)).mode & 0o777).toBe(0o600);
	});

	it('logs out: the refresh token is revoked on the server and the session deleted', async () => {
		const env = { INVENTARIO_CONFIG_DIR: config };
		const kept = join(tempDir('kept'), 'session.json');
		copyFileSync(sessionFile(env), kept);
		const result = await run(config, ['logout']);
		expect(result.code).toBe(0);
		expect(result.out).toBe(`Logged out of ${shop.url}.`);
		expect(existsSync(sessionFile(env))).toBe(false);
		// Back to the local store.
		const local = await run(config, ['stock', '--db', shop.db]);
		expect(local.code).toBe(0);
		// The old tokens, put back, expired: the refresh is refused.
		writeSession({ ...JSON.parse(readFileSync(kept, 'utf8')), expires_at: 0 }, env);
		const expired = await run(config, ['stock']);
		expect(expired.code).toBe(1);
		expect(expired.err).toBe(`inventario stock: session expired: run inventario login --server ${shop.url}`);
	});

	it('says when the server cannot be reached', async () => {
		const other = await startShop(kind);
		const lonely = tempDir('unreachable');
		expect((await login(lonely, other.url)).code).toBe(0);
		await other.server.stop();
		const result = await run(lonely, ['stock']);
		expect(result.code).toBe(1);
		expect(result.err).toBe(`inventario stock: cannot reach ${other.url}: is inventario serve running?`);
		const fresh = await run(tempDir('none'), ['login', '--server', other.url, '--user', 'ana', '--password-stdin'], 'x\n');
		expect(fresh.err).toBe(`inventario login: cannot reach ${other.url}: is inventario serve running?`);
		// Logging out still forgets the session here, and says the server was not told.
		const logout = await run(lonely, ['logout']);
		expect(logout.code).toBe(0);
		expect(logout.out).toMatch(/^Logged out here; the server was not told \(cannot reach /);
		expect(existsSync(sessionFile({ INVENTARIO_CONFIG_DIR: lonely }))).toBe(false);
	});
});

describe('the API client', () => {
	it('imports nothing from Node, so the app can use it in the browser', () => {
		const dir = 'src/client';
		for (const file of readdirSync(dir)) {
			const text = readFileSync(join(dir, file), 'utf8');
			const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
			for (const spec of imports) expect(spec.startsWith('node:') || (!spec.startsWith('.') && spec !== 'zod'), `${file} imports ${spec}`).toBe(false);
			for (const spec of imports.filter((s) => s.startsWith('..'))) expect(spec, `${file} imports ${spec}`).toMatch(/^\.\.\/core\//);
		}
	});
});
