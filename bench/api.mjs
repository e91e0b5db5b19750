// npm run bench:api — the shop server under load on loopback, on SQLite and on PostgreSQL, with
// 1,000,000 sale lines stored: p50/p99 latency and requests/s of a stock read, a sale POST and a
// product forecast read with 50 concurrent clients (autocannon), and the stock read again while a
// model trains; and the sale POST at a fixed 100/s (open loop: 50 closed-loop clients measure
// saturation, where latency = clients / throughput). The server runs in a child process (bench/api-server.ts) so that the load
// generator does not share its event loop. Prints a table and, last, one JSON line.
//   node --import tsx bench/api.mjs [--quick] [--db sqlite|postgres]
//   --quick: 100,000 lines, 3 s runs, SQLite only (unless --db says otherwise)
import { Agent, request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { benchDatabase as openBenchDatabase, startChild } from './server-child.mjs';

const { openDatabase, ensureShop, DEFAULT_SHOP_CODE } = await import('../src/sql/open.ts');
const { SqlRepository } = await import('../src/sql/sql-repository.ts');
const { createUser } = await import('../src/server/auth/accounts.ts');
const { DEFAULT_OPTIONS } = await import('../src/server/context.ts');
const { seedShop, rng } = await import('./api-seed.ts');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const dbArg = args.find((a, i) => args[i - 1] === '--db') ?? args.find((a) => a.startsWith('--db='))?.slice(5);
const DATABASES = dbArg ? [dbArg] : quick ? ['sqlite'] : ['sqlite', 'postgres'];
const LINES = quick ? 100_000 : 1_000_000;
const DURATION = quick ? 3 : 10;
const CONNECTIONS = 50;
const USER = 'bench-admin';
const PASSWORD = 'bench-password-1';
const GOALS = { stock: 20, sale: 50, stock_during_training: 50 };
/** The sale POST again at a steady rate (open loop): the latency a till sees when the server is not saturated. */
const PACED_SALES_PER_S = 100;
const TRAIN_TIMEOUT_MS = 30 * 60_000;

const log = (s = '') => console.log(s);
const seconds = (ms) => Number((ms / 1000).toFixed(1));

class HttpError extends Error {
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

async function api(base, token, method, path, body) {
	const response = await fetch(base + path, {
		method,
		headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await response.text();
	let json = null;
	try { json = JSON.parse(text); } catch { /* not JSON */ }
	if (!response.ok) throw new HttpError(response.status, `${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
	return { json, headers: response.headers, status: response.status };
}

const login = async (base) => (await api(base, null, 'POST', '/api/v1/auth/login', { username: USER, password: PASSWORD })).json.access_token;

/** POST /forecast/train: the job's id and where to read its progress; null when the server has no such route. */
async function startTraining(base, token) {
	let answer;
	try {
		answer = await api(base, token, 'POST', '/api/v1/forecast/train', {});
	} catch (e) {
		if (e instanceof HttpError && e.status === 404) return null;
		throw e;
	}
	const { json, headers } = answer;
	const id = json.id ?? json.job_id ?? json.job?.id;
	const location = headers.get('location');
	return { id, url: location ? new URL(location, base).pathname : `/api/v1/jobs/${id}` };
}

const jobStatus = async (base, token, job) => (await api(base, token, 'GET', job.url)).json;

async function waitForJob(base, token, job) {
	const started = Date.now();
	let shown = started;
	for (;;) {
		const s = await jobStatus(base, token, job);
		const status = s.status ?? s.job?.status;
		if (['succeeded', 'failed', 'cancelled'].includes(status)) return s;
		if (Date.now() - shown >= 15_000) {
			shown = Date.now();
			const progress = s.progress ?? s.job?.progress;
			log(`    training: ${status}${typeof progress === 'number' ? ` ${Math.round(progress * 100)}%` : ''} after ${seconds(shown - started)} s`);
		}
		if (Date.now() - started > TRAIN_TIMEOUT_MS) throw new Error(`training did not end within ${TRAIN_TIMEOUT_MS / 60_000} minutes`);
		await new Promise((r) => setTimeout(r, 1000));
	}
}

/** One autocannon run, bounded by DURATION, loopback only. */
function load(base, token, makeRequest, duration = DURATION) {
	const url = new URL(base);
	if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error(`refusing to load ${base}: loopback only`);
	return new Promise((resolve, reject) => {
		const instance = autocannon({
			url: base, connections: CONNECTIONS, duration, timeout: 10,
			headers: { authorization: `Bearer ${token}` },
			requests: [{ setupRequest: (req) => ({ ...req, ...makeRequest() }) }]
		}, (err, result) => (err ? reject(err) : resolve(result)));
		instance.on('error', reject);
	});
}

/**
 * Open loop: one request every 1000/rate ms, whatever the answers, over up to CONNECTIONS
 * keep-alive sockets (autocannon's rate limit sends each connection's quota at the start of every
 * second, which is a burst, not a rate). Figures in autocannon's shape.
 */
async function paced(base, make, rate, duration) {
	const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
	const latencies = [];
	let non2xx = 0, errors = 0;
	const one = () => new Promise((resolve) => {
		const { method, path, headers, body } = make();
		const started = performance.now();
		const req = httpRequest(new URL(path, base), { method, headers, agent, timeout: 10_000 }, (res) => {
			res.resume();
			res.on('end', () => {
				if (res.statusCode >= 200 && res.statusCode < 300) latencies.push(performance.now() - started);
				else non2xx++;
				resolve();
			});
		});
		req.on('error', () => { errors++; resolve(); });
		req.end(body);
	});
	const inFlight = [];
	const started = performance.now();
	for (let i = 0; i < rate * duration; i++) {
		const due = started + (i * 1000) / rate;
		const wait = due - performance.now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		inFlight.push(one());
	}
	await Promise.all(inFlight);
	agent.destroy();
	latencies.sort((a, b) => a - b);
	const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
	return {
		latency: { p50: at(0.5), p99: at(0.99), max: Math.round(latencies.at(-1) ?? 0) },
		requests: { average: latencies.length / ((performance.now() - started) / 1000), total: latencies.length + non2xx + errors },
		non2xx, errors, timeouts: 0
	};
}

/** One line of the running log: the scenario's figures. */
const logRun = (name, r, extra = '') =>
	log(`  ${name.padEnd(22)} p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  ${String(Math.round(r.requests.average)).padStart(6)} req/s  (${r.requests.total} requests, ${r.non2xx} non-2xx, ${r.errors} errors${extra})`);

const figures = (r) => ({
	p50_ms: r.latency.p50, p99_ms: r.latency.p99, max_ms: r.latency.max, requests_per_s: Math.round(r.requests.average),
	requests: r.requests.total, non_2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts
});

async function benchDatabase(kind) {
	log(`\n== ${kind} ==`);
	const dir = mkdtempSync(join(tmpdir(), `bench-api-${kind}-`));
	const pg = await openBenchDatabase(kind, dir);
	const { target } = pg;
	const out = { lines: 0 };
	let server = null;
	try {
		// Seed through the repository, in this process, before the server starts.
		const sql = await openDatabase(kind === 'sqlite' ? { file: target } : { url: target });
		let skus;
		try {
			const shop = await ensureShop(sql, DEFAULT_SHOP_CODE);
			const repo = new SqlRepository(sql, shop.id);
			log(`seeding ${LINES.toLocaleString('en')} sale lines…`);
			const seeded = await seedShop(repo, LINES, log);
			skus = seeded.skus;
			Object.assign(out, { lines: seeded.lines, sales: seeded.sales, products: skus.length, seed_s: Number(seeded.seconds.toFixed(1)) });
			log(`seeded ${seeded.lines.toLocaleString('en')} lines in ${seeded.sales.toLocaleString('en')} sales, ${skus.length} products: ${seeded.seconds.toFixed(1)} s (${Math.round(seeded.lines / seeded.seconds).toLocaleString('en')} lines/s)`);
			await createUser(sql, { username: USER, password: PASSWORD, role: 'admin', shopCode: DEFAULT_SHOP_CODE, ifExists: 'join' }, { passwordLogN: DEFAULT_OPTIONS.passwordLogN });
		} finally {
			await sql.close();
		}

		server = await startChild(target);
		const base = server.url;
		log(`server (pid ${server.pid}) at ${base}`);
		let token = await login(base);

		let t = performance.now();
		const first = await startTraining(base, token);
		if (first) {
			const trained = await waitForJob(base, token, first);
			out.train_s = seconds(performance.now() - t);
			log(`first training: ${trained.status ?? trained.job?.status} in ${out.train_s} s`);
		} else log('no POST /api/v1/forecast/train on this server: the forecast scenarios are skipped');

		const r = rng(11);
		const sku = () => skus[Math.floor(r() * skus.length)];
		const scenarios = {
			stock: () => ({ method: 'GET', path: `/api/v1/stock/${encodeURIComponent(sku())}` }),
			sale: () => {
				const n = 1 + Math.floor(r() * 3);
				const lines = Array.from({ length: n }, () => ({ sku: sku(), quantity: 1 + Math.floor(r() * 3) }));
				return {
					method: 'POST', path: '/api/v1/sales', body: JSON.stringify({ lines }),
					headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() }
				};
			},
			forecast: () => ({ method: 'GET', path: `/api/v1/forecast/${encodeURIComponent(sku())}?horizon=28` })
		};
		// A short warm-up (JIT, connection pools, page cache), not measured.
		await load(base, token, scenarios.stock, 1);
		for (const [name, make] of Object.entries(scenarios)) {
			if (name === 'forecast' && !first) continue;
			token = await login(base);
			const result = await load(base, token, make);
			out[name] = figures(result);
			logRun(name, result);
		}

		token = await login(base);
		const steady = await paced(base, scenarios.sale, PACED_SALES_PER_S, DURATION);
		out.sale_paced = { ...figures(steady), rate_per_s: PACED_SALES_PER_S };
		logRun(`sale at ${PACED_SALES_PER_S}/s`, steady);

		// The stock read while a second training runs in the server's worker thread.
		if (!first) return out;
		token = await login(base);
		const second = await startTraining(base, token);
		t = performance.now();
		const during = await load(base, token, scenarios.stock);
		const after = await jobStatus(base, token, second);
		const status = after.status ?? after.job?.status;
		out.stock_during_training = { ...figures(during), training_status_at_end: status, training_still_running: status === 'running' || status === 'queued' };
		logRun('stock during training', during, `; training ${status} at the end`);
		// Not needed any more: cancelled (or, if it ended meanwhile, reported as it ended).
		const ended = await api(base, token, 'POST', `${second.url}/cancel`, {}).then((r) => r.json, () => null);
		out.second_training_status_after = ended?.status ?? null;
		log(`second training: ${status} when the measurement ended, then ${ended?.status ?? 'not cancelled'}`);
		return out;
	} finally {
		await server?.stop();
		await pg?.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

const results = {};
for (const kind of DATABASES) {
	try {
		results[kind] = await benchDatabase(kind);
	} catch (e) {
		// One database failing (PostgreSQL missing, a crash) still reports the others.
		console.error(`${kind}: ${e.stack ?? e}`);
		results[kind] = { error: String(e.message ?? e) };
	}
}

log('\n| database | scenario | p50 ms | p99 ms | req/s | goal (p99) |');
log('| --- | --- | --- | --- | --- | --- |');
for (const [kind, r] of Object.entries(results)) {
	for (const name of ['stock', 'sale', 'sale_paced', 'forecast', 'stock_during_training']) {
		const f = r[name];
		if (!f) continue;
		const goal = GOALS[name];
		log(`| ${kind} | ${name === 'sale_paced' ? `sale at ${PACED_SALES_PER_S}/s (open loop)` : name.replaceAll('_', ' ')} | ${f.p50_ms} | ${f.p99_ms} | ${f.requests_per_s} | ${goal ? `< ${goal} ms: ${f.p99_ms < goal ? 'met' : 'MISSED'}` : '—'} |`);
	}
}
console.log(JSON.stringify({
	bench: 'api', quick, lines: LINES, connections: CONNECTIONS, duration_s: DURATION, cpus: cpus().length,
	load_average: loadavg().map((x) => Number(x.toFixed(2))), goals_p99_ms: GOALS, ...results
}));
