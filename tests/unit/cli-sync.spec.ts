// The CLI as one of the shop's devices (issue 12, "How it will be checked"): a real `inventario
// serve` in a child process, two CLI stores (one with its clock hours ahead) that import the same
// Online Retail slice and sell the same products offline, syncing in a shuffled order; the server
// is killed with SIGKILL in the middle of a large push and restarted on the same database, and a
// push's answer is lost after the server applied it. Afterwards every sale is held exactly once by
// every store and the server, stock is the same everywhere and the sum of the movements, and the
// catalogue is identical. On SQLite, and on PostgreSQL (the server on DATABASE_URL, one device on
// a database of its own) when the tests have one. Also: `inventario sell` and its errors.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main, openStore } from '../../src/cli/main';
import type { Cents } from '../../src/core/brand';
import type { CliIo } from '../../src/cli/remote/io';
import type { Product } from '../../src/core/types';
import { DEVICE_SETTING } from '../../src/core/device';
import { ticketSeriesOf } from '../../src/core/till/settings';
import { seededRandom } from '../../src/core/forecast/global-model';
import { databaseTarget } from '../../src/sql/open';
import { SqlRepository } from '../../src/sql/sql-repository';
import { freePort } from '../support/postgres';
import { describeEachSql, newPostgresDatabase, type SqlKind } from '../support/sql-databases';

const BIN = join(import.meta.dirname, '../../bin/inventario.mjs');
const RETAIL = join(import.meta.dirname, '../../../shared/data/online-retail/online_retail_2010-12_2011-09.csv');
const SHARED_LINES = 1_500;
const BIG_LINES = 20_000;
const HOURS_AHEAD = 3;

const started = performance.now();
/** CLI_SYNC_DEBUG=1 prints each step with the time it was reached. */
const step = (what: string) => { if (process.env.CLI_SYNC_DEBUG) console.info(`${((performance.now() - started) / 1000).toFixed(1)} s  ${what}`); };

const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `inventario-sync-${name}-`));

/** The first lines of Online Retail after the header: [shared slice, the large import after it]. */
function retailSlices(dir: string): { shared: string; big: string } {
	const fd = openSync(RETAIL, 'r');
	const buffer = Buffer.alloc(6 * 1024 * 1024);
	const read = readSync(fd, buffer, 0, buffer.length, 0);
	closeSync(fd);
	const lines = buffer.subarray(0, read).toString('utf8').split('\n');
	const [header, ...rows] = lines;
	const shared = join(dir, 'caja-compartida.csv'), big = join(dir, 'caja-grande.csv');
	writeFileSync(shared, [header, ...rows.slice(0, SHARED_LINES)].join('\n') + '\n');
	writeFileSync(big, [header, ...rows.slice(SHARED_LINES, SHARED_LINES + BIG_LINES)].join('\n') + '\n');
	return { shared, big };
}

const shuffled = <T>(items: T[], random: () => number) => {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
};

/** The environment without the test runner's DATABASE_URL (a device must never open the server's). */
function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env = { ...process.env };
	delete env.DATABASE_URL;
	delete env.INVENTARIO_CLOCK_OFFSET_MS;
	return { ...env, ...extra };
}

interface Cli {
	/** Runs `inventario ARGS` in this process with the device's own config directory and environment. */
	run(argv: string[], options?: { stdin?: string; fetch?: typeof fetch }): Promise<{ code: number; out: string; err: string }>;
}

function cli(env: NodeJS.ProcessEnv): Cli {
	return {
		async run(argv, options = {}) {
			const out: string[] = [], err: string[] = [];
			const io: CliIo = { stdin: Readable.from([options.stdin ?? '']), prompt: (t) => err.push(t.trimEnd()), env, ...(options.fetch ? { fetch: options.fetch } : {}) };
			const code = await main(argv, (l) => out.push(l), (l) => err.push(l), io);
			return { code, out: out.join('\n'), err: err.join('\n') };
		}
	};
}

/** `inventario serve` as a child process; resolves once it prints its URL. */
function startServe(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; log: string[] }> {
	const child = spawn(process.execPath, [BIN, 'serve', '--no-app', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const log: string[] = [];
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`inventario serve did not start:\n${log.join('')}`)), 30_000);
		const onData = (chunk: Buffer) => {
			log.push(chunk.toString());
			const m = /server at (https?:\/\/\S+)/.exec(log.join(''));
			if (m) { clearTimeout(timer); resolve({ child, url: m[1], log }); }
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', (c: Buffer) => log.push(c.toString()));
		child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`inventario serve exited (${code ?? signal}):\n${log.join('')}`)); });
	});
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

const children: ChildProcess[] = [];
afterAll(async () => {
	for (const c of children) if (c.exitCode === null && c.signalCode === null) { c.kill('SIGKILL'); await exited(c); }
});

async function countsOf(target: string) {
	const repo = await SqlRepository.open(target);
	try { return await repo.counts(); } finally { await repo.close(); }
}

/** Every sale and line a store holds, comparable across stores. */
async function shopState(target: string) {
	const repo = await SqlRepository.open(target);
	try {
		const products = await repo.listProducts();
		const skuOf = new Map(products.map((p) => [p.id as string, p.sku]));
		const blocks = await repo.saleBlocks();
		const saleIds = blocks.flatMap((b) => b.saleIds as string[]);
		const invoices = blocks.flatMap((b) => b.invoices);
		const levels = await repo.stockLevels();
		const stock = Object.fromEntries(products.map((p) => [p.sku, levels.get(p.id) ?? 0]));
		const rebuilt = await repo.rebuildStockLevels();
		return {
			counts: await repo.counts(),
			saleIds, invoices,
			stock,
			rebuiltStock: Object.fromEntries([...rebuilt].map(([id, q]) => [skuOf.get(id) ?? id, q])),
			stockCache: Object.fromEntries([...levels].map(([id, q]) => [skuOf.get(id) ?? id, q])),
			products: products.map(({ updatedAt: _u, ...p }) => p),
			customers: (await repo.listCustomers()).map(({ updatedAt: _u, ...c }) => c).sort((a, b) => a.code.localeCompare(b.code)),
			deviceId: await repo.getSetting<string>(DEVICE_SETTING)
		};
	} finally {
		await repo.close();
	}
}

describeEachSql('inventario sync: two CLI stores and a shop server', (kind: SqlKind) => {
	it('every sale once everywhere, the same stock and catalogue, after a SIGKILL mid-push, a lost answer and a clock hours ahead', async () => {
		const seed = Number(process.env.SYNC_SEED ?? Date.now() % 1_000_000);
		const random = seededRandom(seed);
		console.info(`cli-sync (${kind}): seed ${seed} (SYNC_SEED=${seed} replays this order)`);
		const dir = tempDir(kind);
		const { shared, big } = retailSlices(dir);

		// The server: its database, two accounts made with the CLI, `inventario serve` on a fixed port.
		const serverDb = kind === 'postgres' ? await newPostgresDatabase() : join(dir, 'tienda.db');
		const serverEnv = baseEnv(kind === 'postgres' ? { DATABASE_URL: serverDb } : {});
		const admin = cli(serverEnv);
		const dbArgs = kind === 'postgres' ? [] : ['--db', serverDb];
		// Admins: their catalogue edits count (a staff account's are overruled by the server).
		for (const name of ['caja', 'oficina']) {
			const made = await admin.run(['user', 'add', name, '--role', 'admin', '--password-stdin', ...dbArgs], { stdin: `${name}-secret-1\n` });
			expect(made.err).toBe('');
			expect(made.code).toBe(0);
		}
		step('users made');
		const port = await freePort();
		const serve = () => startServe(['--port', String(port), ...dbArgs], serverEnv);
		let server = await serve();
		children.push(server.child);
		step(`serving at ${server.url}`);

		// Two devices: A an office laptop (SQLite file), B a second one with its clock 3 hours ahead
		// (on PostgreSQL: a database of its own).
		const storeA = join(dir, 'oficina.db');
		const storeB = kind === 'postgres' ? await newPostgresDatabase() : join(dir, 'caja.db');
		const aEnv = baseEnv({ INVENTARIO_CONFIG_DIR: join(dir, 'config-a'), HOME: dir });
		const bEnv = baseEnv({ INVENTARIO_CONFIG_DIR: join(dir, 'config-b'), HOME: dir, INVENTARIO_CLOCK_OFFSET_MS: String(HOURS_AHEAD * 3_600_000) });
		const a = cli(aEnv), b = cli(bEnv);
		for (const [device, user] of [[a, 'oficina'], [b, 'caja']] as const) {
			const login = await device.run(['login', '--server', server.url, '--user', user, '--password-stdin'], { stdin: `${user}-secret-1\n` });
			expect(login.err).toBe('');
			expect(login.code).toBe(0);
		}

		// Offline: both import the same till export and sell the same products; A also imports a large one.
		for (const [device, db] of [[a, storeA], [b, storeB]] as const) {
			const imported = await device.run(['import', shared, '--db', db]);
			expect(imported.code).toBe(0);
		}
		step('shared slice imported by both');
		const sharedSales = (await shopState(storeA)).counts.sales;
		expect((await shopState(storeB)).counts.sales).toBe(sharedSales);
		const big1 = await a.run(['import', big, '--db', storeA]);
		expect(big1.code).toBe(0);
		const bigSales = (await shopState(storeA)).counts.sales - sharedSales;
		step(`large import: ${big1.out.split('\n').find((l) => l.startsWith('Imported'))}`);
		const sold = [
			await a.run(['sell', '85123A:2', '71053', '--db', storeA]),
			await b.run(['sell', '85123A', '84406B:3', '--customer', '17850', '--price', '84406B=2,50', '--db', storeB]),
			await b.run(['sell', '71053:4', '--db', storeB])
		];
		for (const s of sold) {
			expect(s.err).toBe('');
			expect(s.code).toBe(0);
			expect(s.out).toMatch(/^Sale [0-9A-F]{8}-\d{6}, /);
		}
		// Catalogue edits offline (as the app's product form makes them, on each store's own clock):
		// different fields of one product on the two stores, and the same field of another on both.
		const edit = async (db: string, env: NodeJS.ProcessEnv, sku: string, change: (p: Product) => Product) => {
			const repo = await openStore(databaseTarget(db), env);
			try { await repo.putProduct(change((await repo.getProductBySku(sku))!)); } finally { await repo.close(); }
		};
		await edit(storeA, aEnv, '85123A', (p) => ({ ...p, category: 'Velas' }));
		await edit(storeB, bEnv, '85123A', (p) => ({ ...p, unitPrice: 295 as Cents }));
		await edit(storeA, aEnv, '71053', (p) => ({ ...p, unitPrice: 350 as Cents }));
		await edit(storeB, bEnv, '71053', (p) => ({ ...p, unitPrice: 360 as Cents }));
		const stateA0 = await shopState(storeA), stateB0 = await shopState(storeB);
		expect(stateA0.deviceId).toBeTruthy();
		expect(stateB0.deviceId).toBeTruthy();
		expect(stateA0.deviceId).not.toBe(stateB0.deviceId);

		// Round 1, shuffled: A's push of the large import is cut by SIGKILL some time after it was sent.
		const killDelay = Math.round(50 + random() * 2_000);
		let killed: Promise<void> | null = null;
		const killing: typeof fetch = async (input, init) => {
			if (killed === null && String(input).endsWith('/sync/push') && typeof init?.body === 'string' && init.body.length > 1_000_000) {
				const victim = server.child;
				killed = new Promise((resolve) => setTimeout(() => { victim.kill('SIGKILL'); resolve(); }, killDelay));
			}
			return fetch(input, init);
		};
		const outcomes: string[] = [];
		const outputs: Record<string, string[]> = { A: [], B: [] };
		for (const name of shuffled(['A', 'B'], random)) {
			step(`round 1: ${name} syncs`);
			if (name === 'A') {
				const r = await a.run(['sync', '--db', storeA], { fetch: killing });
				outcomes.push(`A: ${r.code} ${r.err}`);
				outputs.A.push(r.out);
				expect(killed).not.toBeNull();
				// A sync quicker than the delay still sees the server die before B's turn.
				await killed;
				if (r.code !== 0) expect(r.err).toMatch(/^inventario sync: .*Nothing is lost/);
			} else {
				const r = await b.run(['sync', '--db', storeB]);
				outcomes.push(`B: ${r.code} ${r.err}`);
				outputs.B.push(r.out);
				if (killed !== null) {
					// The server is down: B says so, and keeps its changes.
					expect(r.code).toBe(1);
					expect(r.err).toMatch(/^inventario sync: cannot reach .*: is inventario serve running\? Nothing is lost: \d+ changes stay queued/);
				} else {
					expect(r.code).toBe(0);
					expect(r.out).toMatch(/^Sent: \d+ changes \([\d,]+ sale lines\) · Received: .* · Pending: 0$/m);
				}
			}
		}
		await exited(server.child);

		// Offline while the server is down: B sells again.
		sold.push(await b.run(['sell', '85123A:1', '--db', storeB]));
		expect(sold.at(-1)!.code).toBe(0);

		// The server again, on the same database; round 2 shuffled, A's first push answer lost after it was applied.
		server = await serve();
		children.push(server.child);
		step('restarted');
		const held = await countsOf(serverDb);
		console.info(`cli-sync (${kind}): SIGKILL ${killDelay} ms after the push was sent; the server holds ${held.saleLines} sale lines after it; ${outcomes.join(' | ')}`);
		sold.push(await a.run(['sell', '84406B:2', '--db', storeA]));
		let dropped = false;
		const losing: typeof fetch = async (input, init) => {
			const res = await fetch(input, init);
			if (!dropped && String(input).endsWith('/sync/push')) {
				dropped = true;
				await res.arrayBuffer();
				throw new TypeError('fetch failed: the answer was lost');
			}
			return res;
		};
		for (const name of shuffled(['A', 'B'], random)) {
			step(`round 2: ${name} syncs`);
			const r = name === 'A' ? await a.run(['sync', '--db', storeA], { fetch: losing }) : await b.run(['sync', '--db', storeB]);
			outputs[name].push(r.out);
			if (name === 'B') {
				expect(r.err).toBe('');
				expect(r.code).toBe(0);
			} else {
				expect(r.code).toBe(1);
				expect(r.err).toMatch(/Nothing is lost: [\d,]+ changes? stays? queued/);
			}
		}
		// Two more shuffled rounds: the lost answer's push is replayed (the server skips it), everyone pulls everything.
		let last: Record<string, string> = {};
		for (let round = 0; round < 2; round++) {
			for (const name of shuffled(['A', 'B'], random)) {
				step(`round ${round + 3}: ${name} syncs`);
				const r = name === 'A' ? await a.run(['sync', '--db', storeA]) : await b.run(['sync', '--db', storeB]);
				expect(r.err).toBe('');
				expect(r.code).toBe(0);
				expect(r.out).toMatch(/Pending: 0$/m);
				outputs[name].push(r.out);
				last[name] = r.out;
			}
		}
		expect(last.A).toMatch(/^Sent: 0 changes · Received: nothing new · Pending: 0$/m);
		expect(last.B).toMatch(/^Sent: 0 changes · Received: nothing new · Pending: 0$/m);
		// B is told its clock runs ahead, every time it syncs once the server answers; A never is.
		expect(last.B).toMatch(/^Warning: this computer's clock is 3 h ahead of the server's\. /m);
		expect(outputs.A.join('\n')).not.toMatch(/clock/);
		const json = JSON.parse((await a.run(['sync', '--db', storeA, '--json'])).out);
		expect(json).toMatchObject({ sent: { changes: 0 }, received: { sales: 0 }, pending: 0, error: null });

		// The server's database, once it has stopped (SIGTERM: a clean stop).
		server.child.kill('SIGTERM');
		await exited(server.child);
		step('stopped; comparing');
		// The two imports (the shared slice counted once) and every sale rung up on either laptop.
		const expectedSales = sharedSales + bigSales + sold.length;
		// By invoice too: A's imports as A held them (an invoice the two slices split is two sales there
		// too) and every sale rung up, once each.
		const soldInvoices = sold.map((r) => /^Sale (\S+),/.exec(r.out)![1]);
		expect(new Set(soldInvoices).size).toBe(sold.length);
		const expectedInvoices = [...stateA0.invoices, ...soldInvoices.filter((i) => !stateA0.invoices.includes(i))].sort();
		const states = { A: await shopState(storeA), B: await shopState(storeB), server: await shopState(serverDb) };
		for (const [name, s] of Object.entries(states)) {
			expect(s.counts.sales, name).toBe(expectedSales);
			expect(new Set(s.saleIds).size, `${name}: a sale held twice`).toBe(s.saleIds.length);
			expect(s.saleIds.length, name).toBe(expectedSales);
			expect([...s.invoices].sort(), `${name}: an invoice held twice or missing`).toEqual(expectedInvoices);
			expect(s.stockCache, `${name}: stock is not the sum of its movements`).toEqual(s.rebuiltStock);
		}
		for (const name of ['B', 'server'] as const) {
			const s = states[name], base = states.A;
			expect(s.counts, name).toEqual(base.counts);
			expect([...s.saleIds].sort(), name).toEqual([...base.saleIds].sort());
			expect([...s.invoices].sort(), name).toEqual([...base.invoices].sort());
			expect(s.stock, name).toEqual(base.stock);
			expect(s.products, name).toEqual(base.products);
			expect(s.customers, name).toEqual(base.customers);
		}
		// Different fields of one product both survive; the same field resolved one way everywhere.
		const product = (sku: string) => states.server.products.find((p) => p.sku === sku)!;
		expect(product('85123A')).toMatchObject({ category: 'Velas', unitPrice: 295 });
		expect([350, 360]).toContain(product('71053').unitPrice);
	}, 150_000);
});

describe('inventario sell', () => {
	it('records a sale as the till does, prints it, and refuses a bad argument by name with nothing stored', async () => {
		const dir = tempDir('sell');
		const { shared } = retailSlices(dir);
		const db = join(dir, 'caja.db');
		const c = cli(baseEnv({ INVENTARIO_CONFIG_DIR: join(dir, 'config'), HOME: dir }));
		const fresh = await shopState(db);
		expect(fresh.counts.sales).toBe(0);
		expect((await c.run(['import', shared, '--db', db])).code).toBe(0);
		const before = await shopState(db);

		const sale = await c.run(['sell', '85123A:2', '71053', '85123A', '--price', '71053=3', '--customer', '17850', '--db', db]);
		expect(sale.err).toBe('');
		expect(sale.code).toBe(0);
		const [head, columns, , first, second, total] = sale.out.split('\n');
		expect(head).toMatch(new RegExp(`^Sale ${ticketSeriesOf(before.deviceId!)}-000001, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d, customer 17850$`));
		expect(columns.split(/\s+/)).toEqual(['sku', 'name', 'quantity', 'unit_price', 'amount', 'stock_left']);
		expect(first).toMatch(new RegExp(`^85123A\\s+WHITE HANGING HEART T-LIGHT HOLDER\\s+3\\s+2\\.55\\s+7\\.65\\s+${before.stock['85123A'] - 3}$`));
		expect(second).toMatch(new RegExp(`^71053\\s+WHITE METAL LANTERN\\s+1\\s+3\\.00\\s+3\\.00\\s+${before.stock['71053'] - 1}$`));
		expect(total).toBe('Total: 10.65 (4 units)');
		const after = await shopState(db);
		expect(after.counts.sales).toBe(before.counts.sales + 1);
		expect(after.counts.saleLines).toBe(before.counts.saleLines + 2);
		expect(after.stockCache).toEqual(after.rebuiltStock);

		const json = JSON.parse((await c.run(['sell', '71053:1,5', '--json', '--db', db])).out);
		expect(json).toMatchObject({ lines: [{ sku: '71053', quantity: 1.5, unit_price: '3.39', amount: '5.09' }], total: '5.09', units: 1.5, customer: null });
		expect(json.invoice).toMatch(/-000002$/);

		const counts = (await shopState(db)).counts;
		for (const [argv, message] of [
			[['NOPE:2'], '"NOPE:2": no product with SKU "NOPE"'],
			[['85123A:0'], '"85123A:0": the quantity must be more than 0'],
			[['85123A:dos'], '"85123A:dos": the quantity must be a number (e.g. 2 or 1.5)'],
			[['NOPE:dos'], '"NOPE:dos": no product with SKU "NOPE"'],
			[['85123A:-1'], '"85123A:-1": the quantity must be more than 0 (to give units back, say the ticket with --return-of INVOICE or why with --reason TEXT)'],
			[['85123A', '71053:2.5.1'], '"71053:2.5.1": the quantity must be a number (e.g. 2 or 1.5)'],
			[['85123A', '--price', '71053=2'], '--price "71053=2": "71053" is not on this sale'],
			[['85123A', '--price', '85123A=gratis'], '--price "85123A=gratis": "gratis" is not a price (e.g. 2.50 or 2,50)'],
			[['85123A', '--customer', 'nadie'], '--customer "nadie": no customer with that code'],
			[[], 'what is sold? Give one or more SKU[:QTY]']
		] as const) {
			const r = await c.run(['sell', ...argv, '--db', db]);
			expect(r.code, argv.join(' ')).toBe(2);
			expect(r.err.split('\n')[0]).toBe(`inventario sell: ${message}`);
		}
		expect((await shopState(db)).counts).toEqual(counts);
	});

	it('gives each new store its own device id, and sync refuses the server\'s own database by name', async () => {
		const dir = tempDir('device');
		const c = cli(baseEnv({ INVENTARIO_CONFIG_DIR: join(dir, 'config'), HOME: dir }));
		const one = join(dir, 'uno.db'), two = join(dir, 'dos.db');
		expect((await c.run(['stock', '--db', one])).code).toBe(0);
		expect((await c.run(['stock', '--db', two])).code).toBe(0);
		const [idOne, idTwo] = [(await shopState(one)).deviceId, (await shopState(two)).deviceId];
		expect(idOne).toBeTruthy();
		expect(idTwo).toBeTruthy();
		expect(idOne).not.toBe(idTwo);
		expect((await shopState(one)).deviceId).toBe(idOne);

		const notLoggedIn = await c.run(['sync', '--db', one]);
		expect(notLoggedIn.code).toBe(1);
		expect(notLoggedIn.err).toBe('inventario sync: not logged in: run inventario login --server URL');
	});
});
