// npm run bench:sync — the sync protocol (docs/sync.md) against a real server on loopback, on SQLite
// and on PostgreSQL, with a shop of 1,000,000 sale lines seeded as bench:api seeds it:
//  1. a new tablet's first sync of the whole shop: time and bytes on the wire (request + response
//     bodies, counted in the app's HTTP transport), in Node (Dexie on fake-indexeddb, and the CLI's
//     SQL store), where the time goes (server / transfer / parse / store), one pull page profiled on
//     the server; then in Chromium with the main thread's longest task (PerformanceObserver
//     'longtask'): the built app (build/, `inventario serve` on the seeded database) paired on /sync
//     and synced by its own worker, and the bench's own worker page (the protocol alone on IndexedDB);
//  2. 100,000 sale lines pushed from one tablet's store and pulled by another: times and bytes;
//  3. 50 devices pulling at once, each with its own cursor: a few changes behind the end of the
//     feed (closed loop, p50/p99, pulls/s), and one full page each from 50 places in the feed;
//  4. how long a sale made on one tablet takes to be on another when both are online, under a
//     stated policy (push after each sale, pull on a timer).
// The server runs in a child process (bench/api-server.ts). Prints figures (never asserts timings):
// a running log, a table, and last one JSON line.
//   node --import tsx bench/sync.mjs [--quick] [--db sqlite|postgres|both] [--no-browser]
//   --quick: 100,000 lines, 20,000 pushed, 3 s load runs, short latency runs, SQLite only (unless --db)
import { execFileSync } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { benchDatabase, startChild } from './server-child.mjs';

const S = await import('./sync-support.ts');
const { syncOnce } = await import('../src/core/sync/device-sync.ts');
const { recordSale } = await import('../src/core/selling.ts');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const browser = !args.includes('--no-browser');
const dbArg = args.find((a, i) => args[i - 1] === '--db') ?? args.find((a) => a.startsWith('--db='))?.slice(5);
if (dbArg && !['sqlite', 'postgres', 'both'].includes(dbArg)) { console.error(`--db must be sqlite, postgres or both, not "${dbArg}"`); process.exit(2); }
const DATABASES = dbArg === 'both' ? ['sqlite', 'postgres'] : dbArg ? [dbArg] : quick ? ['sqlite'] : ['sqlite', 'postgres'];
const LINES = quick ? 100_000 : 1_000_000;
const PUSH_LINES = quick ? 20_000 : 100_000;
const DEVICES = 50;
const DURATION_S = quick ? 3 : 10;
/** Small sales pushed one change each before the 50-device run: the feed's tail a device may be behind on. */
const TAIL_SALES = 200;
/**
 * Sync policies measured for "visible on the other tablet": push after each sale (debounced), pull
 * on a timer. The app's own (its sync engine's debounce and timer), and a 10 s timer beside it.
 */
const { SYNC_INTERVAL_MS } = await import('../src/lib/sync/sync-status.ts');
const { CHANGE_DEBOUNCE_MS } = await import('../src/lib/sync/sync-engine.ts');
const POLICIES = [
	{ name: `push ${CHANGE_DEBOUNCE_MS} ms after each sale, pull every ${SYNC_INTERVAL_MS / 1000} s (the app's sync engine)`, afterSaleMs: CHANGE_DEBOUNCE_MS, intervalMs: SYNC_INTERVAL_MS, runS: quick ? 10 : 40 },
	{ name: `push ${CHANGE_DEBOUNCE_MS} ms after each sale, pull every 10 s`, afterSaleMs: CHANGE_DEBOUNCE_MS, intervalMs: 10_000, runS: quick ? 20 : 60 }
];
const GOALS = { first_sync_s: 30, longest_task_ms: 50, visible_s: 5 };

const root = fileURLToPath(new URL('..', import.meta.url));
const log = (s = '') => console.log(s);
const s1 = (ms) => Number((ms / 1000).toFixed(1));
const s2 = (ms) => Number((ms / 1000).toFixed(2));
const mb = (bytes) => Number((bytes / 1e6).toFixed(1));
const kb = (bytes) => Number((bytes / 1e3).toFixed(1));
const load = () => loadavg().map((x) => Number(x.toFixed(2)));
const quantile = (sorted, q) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The browser bench's page: index.html (and the 200.html shell the server wants) and the bundled worker. */
async function buildBrowserPage(dir) {
	const esbuild = await import('esbuild');
	await esbuild.build({
		entryPoints: [join(root, 'bench/sync-browser-worker.ts')], bundle: true, format: 'esm', platform: 'browser', target: 'es2022',
		outfile: join(dir, 'worker.js'), alias: { $core: join(root, 'src/core'), $lib: join(root, 'src/lib') }, logLevel: 'warning'
	});
	const html = `<!doctype html><meta charset="utf-8"><title>bench:sync</title><p>bench:sync — a new tablet's first sync, in a worker</p>
<script type="module">
window.runSync = (base, tokens, name) => new Promise((resolve, reject) => {
	const w = new Worker('/worker.js', { type: 'module' });
	w.onmessage = (e) => {
		if (e.data.done) { w.terminate(); resolve(e.data.done); }
		else if (e.data.error) { w.terminate(); reject(new Error(e.data.error)); }
		else window.__progress = e.data.progress;
	};
	w.onerror = (e) => reject(new Error(e.message));
	w.postMessage({ base, tokens, name });
});
</script>`;
	writeFileSync(join(dir, 'index.html'), html);
	writeFileSync(join(dir, '200.html'), html);
}

/** The device's first sync, timed and counted. */
async function firstSync(device, base, tokens) {
	const { store, times } = S.timedStore(device.store);
	const { transport, stats } = S.countingTransport(base, tokens);
	const t = performance.now();
	const report = await syncOnce(store, transport);
	const ms = performance.now() - t;
	return { ms, report, stats, times };
}

const wireFigures = (stats) => ({
	request_bytes: stats.requestBytes, response_bytes: stats.responseBytes, pushes: stats.pushes, pulls: stats.pulls,
	largest_response_bytes: stats.largestResponse, server_s: s2(stats.serverMs), transfer_s: s2(stats.bodyMs), parse_s: s2(stats.parseMs)
});

function logFirstSync(name, r) {
	const lines = r.report.pulled.lines;
	log(`  ${name}: ${s1(r.ms)} s, ${lines.toLocaleString('en')} lines, ${r.report.pulled.records.toLocaleString('en')} records, ${mb(r.stats.requestBytes + r.stats.responseBytes)} MB on the wire (${r.stats.pulls} pulls; largest page ${mb(r.stats.largestResponse)} MB)`);
	log(`    where the time went: server ${s1(r.stats.serverMs)} s (until the headers), transfer ${s1(r.stats.bodyMs)} s, JSON.parse ${s1(r.stats.parseMs)} s, store ${s1(r.times.applyMs)} s`);
	logApplies(r.times);
}

/** The store's time split between pages of catalogue records and pages of sale lines. */
function applySplit(times) {
	const rec = times.applies.filter((a) => a.records > 0 && a.lines === 0), sales = times.applies.filter((a) => a.lines > 0);
	const sum = (list, k) => list.reduce((n, a) => n + a[k], 0);
	return { record_pages: rec.length, records: sum(rec, 'records'), records_ms: Math.round(sum(rec, 'ms')), sale_pages: sales.length, lines: sum(sales, 'lines'), lines_ms: Math.round(sum(sales, 'ms')) };
}

function logApplies(times) {
	const a = applySplit(times);
	log(`    the store: ${a.records.toLocaleString('en')} records in ${a.record_pages} pages ${s1(a.records_ms)} s (${(a.records_ms / Math.max(1, a.records)).toFixed(2)} ms a record); ${a.lines.toLocaleString('en')} lines in ${a.sale_pages} pages ${s1(a.lines_ms)} s (${Math.round(a.lines / Math.max(1, a.lines_ms / 1000)).toLocaleString('en')} lines/s)`);
}

/** syncOnce with the push and pull phases timed apart (onProgress marks the last push). */
async function timedRound(device, transport) {
	const t0 = performance.now();
	let pushedAt = t0;
	const report = await syncOnce(device.store, transport, { onProgress: ({ phase }) => { if (phase === 'push') pushedAt = performance.now(); } });
	const end = performance.now();
	return { report, push_ms: pushedAt - t0, pull_ms: end - pushedAt, ms: end - t0 };
}

/** One POST /sync/pull on a keep-alive agent, the body read and dropped; resolves with ms and bytes. */
function pullOnce(base, token, agent, body) {
	return new Promise((resolve) => {
		const started = performance.now();
		const payload = JSON.stringify(body);
		const req = httpRequest(new URL('/api/v1/sync/pull', base), {
			method: 'POST', agent, timeout: 600_000,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
		}, (res) => {
			let bytes = 0;
			res.on('data', (c) => { bytes += c.length; });
			res.on('end', () => resolve({ ok: res.statusCode === 200, status: res.statusCode, ms: performance.now() - started, bytes }));
		});
		req.on('error', (e) => resolve({ ok: false, status: String(e.code ?? e.message), ms: performance.now() - started, bytes: 0 }));
		req.end(payload);
	});
}

const latencyFigures = (results, wallMs) => {
	const ok = results.filter((r) => r.ok).map((r) => r.ms).sort((a, b) => a - b);
	return {
		p50_ms: Math.round(quantile(ok, 0.5)), p99_ms: Math.round(quantile(ok, 0.99)), max_ms: Math.round(ok.at(-1) ?? NaN),
		pulls: results.length, failed: results.length - ok.length, pulls_per_s: Number((ok.length / (wallMs / 1000)).toFixed(1)),
		mb_per_s: Number((results.reduce((n, r) => n + r.bytes, 0) / 1e6 / (wallMs / 1000)).toFixed(1)),
		failures: [...new Set(results.filter((r) => !r.ok).map((r) => r.status))]
	};
};

/** 50 devices, each pulling from its own cursor over and over (closed loop) for DURATION_S. */
async function closedLoop(base, token, bodies) {
	const agent = new Agent({ keepAlive: true, maxSockets: bodies.length });
	const results = [];
	const until = performance.now() + DURATION_S * 1000;
	const t = performance.now();
	await Promise.all(bodies.map(async (body) => { while (performance.now() < until) results.push(await pullOnce(base, token, agent, body)); }));
	const wall = performance.now() - t;
	agent.destroy();
	return latencyFigures(results, wall);
}

/** 50 devices, one pull each, all at once. */
async function oneEach(base, token, bodies) {
	const agent = new Agent({ keepAlive: true, maxSockets: bodies.length });
	const t = performance.now();
	const results = await Promise.all(bodies.map((body) => pullOnce(base, token, agent, body)));
	const wall = performance.now() - t;
	agent.destroy();
	return { ...latencyFigures(results, wall), wall_s: s1(wall), page_mb: mb(results.reduce((n, r) => n + r.bytes, 0) / results.length) };
}

/**
 * A sale made on A until it is stored on B, both online: A pushes `afterSaleMs` after each sale
 * (and on the timer), B pulls every `intervalMs`; sales at random moments (0.5-2.5 s apart) for
 * `runS` seconds. Arrival is when B's store has applied the pulled page holding the sale.
 */
async function visibleLatency(policy, a, b, base, tokens, productIds, prices) {
	const { transport: ta } = S.countingTransport(base, tokens);
	const { transport: tb } = S.countingTransport(base, tokens);
	const made = new Map(), seen = new Map();
	const watched = S.wrapStore(b.store, {
		applyPulled: async (changes, ...rest) => {
			const out = await b.store.applyPulled(changes, ...rest);
			const at = performance.now();
			for (const c of changes) if (c.kind === 'sales') for (const blk of c.blocks) for (const id of blk.saleIds) if (made.has(id) && !seen.has(id)) seen.set(id, at);
			return out;
		}
	});
	const deviceA = (await a.store.syncState()).deviceId;
	// stop: no more sales (B keeps pulling until every sale arrived); hard: the run is over.
	let stop = false, hard = false, aBusy = null, aAgain = false, aTimer = null;
	const syncA = () => {
		if (aBusy) { aAgain = true; return; }
		aBusy = syncOnce(a.store, ta).catch((e) => log(`    A sync failed: ${e.message}`)).finally(() => { aBusy = null; if (aAgain && !stop) { aAgain = false; syncA(); } });
	};
	const aLoop = (async () => { while (!stop) { await sleep(policy.intervalMs); if (!stop) syncA(); } })();
	aLoop.catch(() => {});
	// B's timer starts at a random phase against the sales.
	const bLoop = (async () => {
		await sleep(Math.random() * policy.intervalMs);
		for (;;) {
			await syncOnce(watched, tb).catch((e) => log(`    B sync failed: ${e.message}`));
			if (hard || (stop && [...made.keys()].every((id) => seen.has(id)))) return;
			await sleep(policy.intervalMs);
		}
	})();
	const r = S.rng(99);
	const end = performance.now() + policy.runS * 1000;
	let ended = 'ok';
	try {
		while (performance.now() < end) {
			const productId = productIds[Math.floor(r() * productIds.length)];
			const sale = await recordSale(a.repo, { customerId: null, lines: [{ productId, quantity: 1, unitPrice: prices.get(productId) ?? 100, discount: 0 }] }, deviceA);
			if (!sale.ok) throw new Error(`recordSale: ${JSON.stringify(sale.errors)}`);
			made.set(sale.sale.id, performance.now());
			clearTimeout(aTimer);
			aTimer = setTimeout(syncA, policy.afterSaleMs);
			await sleep(500 + r() * 2000);
		}
		stop = true;
		const deadline = sleep(policy.intervalMs * 3 + 10_000).then(() => 'timeout');
		ended = await Promise.race([bLoop.then(() => 'ok'), deadline]);
	} finally {
		stop = hard = true;
		clearTimeout(aTimer);
		await aLoop;
		await aBusy;
		await bLoop;
	}
	const ms = [...made].filter(([id]) => seen.has(id)).map(([id, t]) => seen.get(id) - t).sort((x, y) => x - y);
	return {
		policy: policy.name, sales: made.size, arrived: ms.length, within_goal: ms.filter((x) => x <= GOALS.visible_s * 1000).length,
		p50_s: s2(quantile(ms, 0.5)), p99_s: s2(quantile(ms, 0.99)), max_s: s2(ms.at(-1) ?? NaN), ...(ended === 'timeout' ? { note: 'some sales had not arrived when the run ended' } : {})
	};
}

/** Chromium: the bench page's worker runs the first sync into a fresh IndexedDB; the main thread's long tasks are watched. */
async function browserFirstSync(base, tokens) {
	const { launchChromium, mainThreadProbe, probeOn, probeOff } = await import('./browser-support.mjs');
	const chromium = await launchChromium();
	try {
		const page = await (await chromium.newContext()).newPage();
		await page.addInitScript(mainThreadProbe);
		// Long tasks counted too (the shared probe keeps only the longest).
		await page.addInitScript(() => {
			const w = /** @type {any} */ (window);
			w.__longtasks = [];
			new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longtasks.push(Math.round(e.duration)); }).observe({ type: 'longtask' });
		});
		await page.goto(`${base}/`);
		await page.waitForFunction(() => typeof (/** @type {any} */ (window)).runSync === 'function');
		await probeOn(page);
		const t = performance.now();
		const done = await page.evaluate(({ base, tokens }) => /** @type {any} */ (window).runSync(base, tokens, `bench-sync-${Date.now()}`), { base, tokens });
		const wall = performance.now() - t;
		const probe = await probeOff(page);
		const longtasks = await page.evaluate(() => /** @type {any} */ (window).__longtasks);
		return { done, wall, probe, longtasks };
	} finally {
		await chromium.close();
	}
}

/** `inventario serve` on the seeded database (the built app and the API on one port); resolves once it prints its URL. */
async function startInventarioServe(kind, target) {
	const { spawn } = await import('node:child_process');
	const args = [join(root, 'bin/inventario.mjs'), 'serve', '--port', '0', ...(kind === 'sqlite' ? ['--db', target] : [])];
	const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...(kind === 'postgres' ? { DATABASE_URL: target } : {}) }, stdio: ['ignore', 'pipe', 'inherit'] });
	const url = await new Promise((resolve, reject) => {
		let text = '';
		const timer = setTimeout(() => reject(new Error(`inventario serve printed no URL in 60 s: ${text}`)), 60_000);
		child.stdout.on('data', (d) => {
			text += d;
			const m = /http:\/\/[^\s/]+/.exec(text);
			if (m) { clearTimeout(timer); resolve(m[0]); }
		});
		child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`inventario serve exited with ${code}: ${text}`)); });
	});
	child.stdout.resume();
	return {
		url, pid: child.pid,
		stop: () => new Promise((done) => {
			if (child.exitCode !== null) return done();
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			child.once('exit', () => { clearTimeout(timer); done(); });
			child.kill('SIGTERM');
		})
	};
}

/**
 * The app itself (build/, served by `inventario serve`): a new tablet opens /sync, pairs with the
 * bench's admin and its sync worker runs the first sync; from the click on "Vincular" until the
 * indicator says "Sincronizado". Bytes from Chromium's network (request.sizes() of /api/v1/sync
 * calls, the worker's included), long tasks on the main thread meanwhile.
 */
async function appFirstSync(kind, target, expectLines) {
	const { launchChromium, mainThreadProbe, probeOn, probeOff } = await import('./browser-support.mjs');
	const serve = await startInventarioServe(kind, target);
	const chromium = await launchChromium();
	try {
		const context = await chromium.newContext({ viewport: { width: 1280, height: 800 } });
		const wire = { requests: 0, request_bytes: 0, response_bytes: 0 };
		const sized = [];
		context.on('requestfinished', (req) => {
			if (!req.url().includes('/api/v1/sync/')) return;
			wire.requests++;
			sized.push(req.sizes().then((z) => { wire.request_bytes += z.requestBodySize; wire.response_bytes += z.responseBodySize; }, () => {}));
		});
		const page = await context.newPage();
		await page.addInitScript(mainThreadProbe);
		await page.addInitScript(() => {
			const w = /** @type {any} */ (window);
			w.__longtasks = [];
			new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longtasks.push(Math.round(e.duration)); }).observe({ type: 'longtask' });
		});
		await page.goto(`${serve.url}/sync`);
		await page.getByLabel('Usuario').fill(S.BENCH_USER);
		await page.getByLabel('Contraseña').fill(S.BENCH_PASSWORD);
		await probeOn(page);
		await page.evaluate(() => { /** @type {any} */ (window).__longtasks = []; });
		const t = performance.now();
		await page.getByRole('button', { name: 'Vincular' }).click();
		await page.getByTestId('pairing').filter({ hasText: S.BENCH_USER }).waitFor({ timeout: 60_000 });
		const pairedMs = performance.now() - t;
		const synced = page.getByTestId('sync-indicator').and(page.locator('[aria-label="Sincronización: Sincronizado"]'));
		await synced.waitFor({ timeout: 15 * 60_000 });
		const ms = performance.now() - t;
		const probe = await probeOff(page);
		const longtasks = await page.evaluate(() => /** @type {any} */ (window).__longtasks);
		await Promise.all(sized);
		// What the tablet holds (after the measurement: reading it is work of its own).
		const lines = await page.evaluate(() => new Promise((resolve, reject) => {
			const open = indexedDB.open('smart-inventory');
			open.onerror = () => reject(open.error);
			open.onsuccess = () => {
				let n = 0;
				const cursor = open.result.transaction('saleBlocks').objectStore('saleBlocks').openCursor();
				cursor.onsuccess = () => { const c = cursor.result; if (!c) { open.result.close(); resolve(n); return; } n += c.value.lineCount; c.continue(); };
				cursor.onerror = () => reject(cursor.error);
			};
		}));
		return {
			s: s1(ms), paired_s: s1(pairedMs), lines, complete: lines >= expectLines, requests: wire.requests, request_bytes: wire.request_bytes, response_bytes: wire.response_bytes,
			longest_task_ms: Math.round(probe.longest), longest_at_s: s1(probe.longestAt), long_tasks: longtasks.length, long_tasks_total_ms: longtasks.reduce((a, b) => a + b, 0), heartbeat_gap_ms: Math.round(probe.gap),
			driven: 'the built app (inventario serve), paired on /sync, its sync worker'
		};
	} finally {
		await chromium.close();
		await serve.stop();
	}
}

async function benchOn(kind, pageDir) {
	log(`\n== ${kind} ==  (load average ${load().join(' ')})`);
	const dir = mkdtempSync(join(tmpdir(), `bench-sync-${kind}-`));
	let pg = null, server = null;
	const devices = [];
	const out = {};
	try {
		pg = await benchDatabase(kind, dir);
		const { target } = pg;
		log(`seeding ${LINES.toLocaleString('en')} sale lines…`);
		const seeded = await S.seedServerDatabase(target, LINES, () => {});
		out.seed = { lines: seeded.lines, sales: seeded.sales, products: seeded.productIds.length, seed_s: s1(seeded.seconds * 1000), feed_s: s1(seeded.feedSeconds * 1000) };
		log(`seeded ${seeded.lines.toLocaleString('en')} lines in ${seeded.sales.toLocaleString('en')} sales: ${out.seed.seed_s} s, the feed written in ${out.seed.feed_s} s`);
		server = await startChild(target, pageDir);
		const base = server.url;
		log(`server (pid ${server.pid}) at ${base}`);
		const tokens = await S.login(base);

		// 1. First sync in Node.
		log(`\n1. a new tablet's first sync (load average ${load().join(' ')})`);
		const tablet = await S.dexieDeviceWithId('tablet');
		devices.push(tablet);
		const dexie = await firstSync(tablet, base, tokens);
		logFirstSync('Dexie on fake-indexeddb (Node)', dexie);
		out.first_sync_dexie_node = { s: s1(dexie.ms), lines: dexie.report.pulled.lines, records: dexie.report.pulled.records, ...wireFigures(dexie.stats), store_s: s2(dexie.times.applyMs), store_split: applySplit(dexie.times) };
		const laptop = await S.sqlDevice('laptop');
		devices.push(laptop);
		const sqlSync = await firstSync(laptop, base, tokens);
		logFirstSync('SQL store, SQLite in memory (the CLI\'s)', sqlSync);
		out.first_sync_sql_node = { s: s1(sqlSync.ms), lines: sqlSync.report.pulled.lines, records: sqlSync.report.pulled.records, ...wireFigures(sqlSync.stats), store_s: s2(sqlSync.times.applyMs), store_split: applySplit(sqlSync.times) };
		const profile = await S.profilePull(target, 'bench-profile-device');
		out.pull_page_profile = Object.fromEntries(Object.entries(profile).map(([k, v]) => [k, Math.round(v)]));
		log(`  one pull page on the server (in this process): ${profile.lines.toLocaleString('en')} lines, ${mb(profile.bytes)} MB: readPull ${Math.round(profile.read_ms)} ms, zod response check ${Math.round(profile.zod_ms)} ms, JSON.stringify ${Math.round(profile.stringify_ms)} ms; JSON.parse on a device ${Math.round(profile.parse_ms)} ms; gzip -1 would make it ${mb(profile.gzip_bytes)} MB (${Math.round(profile.gzip_ms)} ms)`);
		log(`    its bytes by column: ${Object.entries(profile).filter(([k]) => k.startsWith('bytes_')).map(([k, v]) => `${k.slice(6)} ${mb(v)} MB`).join(', ')}`);

		if (browser && appReady) {
			log(`  Chromium, the app (load average ${load().join(' ')})…`);
			try {
				const f = out.first_sync_app = await appFirstSync(kind, target, seeded.lines);
				log(`  Chromium, the built app paired on /sync (its sync worker): ${f.s} s to "Sincronizado" (paired after ${f.paired_s} s), ${f.lines.toLocaleString('en')} lines stored${f.complete ? '' : ' (NOT all)'}, ${mb(f.request_bytes + f.response_bytes)} MB in ${f.requests} sync requests; main thread: longest task ${f.longest_task_ms} ms at ${f.longest_at_s} s (${f.long_tasks} over 50 ms, ${f.long_tasks_total_ms} ms in all), longest 10 ms-heartbeat gap ${f.heartbeat_gap_ms} ms`);
			} catch (e) {
				out.first_sync_app = { error: String(e.message ?? e).slice(0, 300) };
				log(`  the app's first sync failed: ${out.first_sync_app.error}`);
			}
		}
		if (browser) {
			log(`  Chromium, the bench's worker page (load average ${load().join(' ')})…`);
			const b = await browserFirstSync(base, await S.login(base));
			const st = b.done.stats;
			out.first_sync_browser = {
				s: s1(b.done.ms), wall_s: s1(b.wall), lines: b.done.report.pulled.lines, request_bytes: st.requestBytes, response_bytes: st.responseBytes, pulls: st.pulls,
				server_s: s2(st.serverMs), transfer_s: s2(st.bodyMs), parse_s: s2(st.parseMs), store_s: s2(b.done.times.applyMs),
				longest_task_ms: Math.round(b.probe.longest), heartbeat_gap_ms: Math.round(b.probe.gap), long_tasks: b.longtasks.length,
				driven: 'the bench\'s own worker page (bench/sync-browser-worker.ts), not the app', store_split: applySplit(b.done.times)
			};
			const f = out.first_sync_browser;
			log(`  Chromium, a Web Worker on IndexedDB (the bench's page): ${f.s} s, ${f.lines.toLocaleString('en')} lines, ${mb(f.request_bytes + f.response_bytes)} MB; server ${f.server_s} s, transfer ${f.transfer_s} s, JSON.parse ${f.parse_s} s, IndexedDB ${f.store_s} s; main thread: longest task ${f.longest_task_ms} ms (${f.long_tasks} over 50 ms), longest 10 ms-heartbeat gap ${f.heartbeat_gap_ms} ms`);
			logApplies(b.done.times);
		}

		// 2. 100,000 lines pushed from one tablet, pulled by another.
		log(`\n2. ${PUSH_LINES.toLocaleString('en')} sale lines pushed by one tablet, pulled by another (load average ${load().join(' ')})`);
		const deviceId = (await tablet.store.syncState()).deviceId;
		let t = performance.now();
		await S.appendLines(tablet.repo, deviceId, seeded.productIds, seeded.prices, PUSH_LINES);
		log(`  written on the tablet (Dexie) in ${s1(performance.now() - t)} s`);
		// What validating a push costs the server: the zod schema over what the tablet will send first.
		const state = await tablet.store.syncState();
		const firstPush = { protocol: 1, deviceId: state.deviceId, cursor: state.cursor, acked: state.acked, changes: await tablet.store.outgoing(state.acked, 200, 50_000) };
		const { PushRequest } = await import('../src/core/api/sync.ts');
		t = performance.now();
		const valid = PushRequest.safeParse(JSON.parse(JSON.stringify(firstPush)));
		const zodPushMs = performance.now() - t;
		const firstPushLines = firstPush.changes.reduce((n, c) => n + (c.kind === 'sales' ? c.blocks.reduce((m, b) => m + b.lineCount, 0) : 0), 0);
		log(`  the first push's ${firstPushLines.toLocaleString('en')} lines: zod PushRequest ${Math.round(zodPushMs)} ms${valid.success ? '' : ' (INVALID)'} (in this process)`);
		const { transport: pushT, stats: pushStats } = S.countingTransport(base, tokens);
		const pushed = await timedRound(tablet, pushT);
		const { transport: pullT, stats: pullStats } = S.countingTransport(base, tokens);
		const pulled = await timedRound(laptop, pullT);
		out.push_pull = {
			lines: PUSH_LINES, push_s: s2(pushed.push_ms), pushes: pushStats.pushes, push_request_bytes: pushStats.requestBytes, push_response_bytes: pushStats.responseBytes,
			pusher_pull_after_s: s2(pushed.pull_ms), pull_s: s2(pulled.ms), pulled_lines: pulled.report.pulled.lines, pulls: pullStats.pulls, pull_response_bytes: pullStats.responseBytes,
			push_server_s: s2(pushStats.serverMs), pull_server_s: s2(pullStats.serverMs), first_push_lines: firstPushLines, first_push_zod_ms: Math.round(zodPushMs)
		};
		const pp = out.push_pull;
		log(`  push: ${pp.push_s} s in ${pp.pushes} pushes, ${mb(pp.push_request_bytes)} MB sent (server ${pp.push_server_s} s); the pusher's pull afterwards ${pp.pusher_pull_after_s} s`);
		log(`  pull on the other (SQL store): ${pp.pull_s} s, ${pp.pulled_lines.toLocaleString('en')} lines in ${pp.pulls} pulls, ${mb(pp.pull_response_bytes)} MB received (server ${pp.pull_server_s} s)`);

		// 4 (before 3: its sales are the feed's tail the 50 devices pull). A = the tablet (Dexie), B = the laptop's SQL store.
		log(`\n4. a sale on one tablet until it is on the other, both online (load average ${load().join(' ')})`);
		out.visible = [];
		for (const policy of POLICIES) {
			const v = await visibleLatency(policy, tablet, laptop, base, tokens, seeded.productIds, seeded.prices);
			out.visible.push(v);
			log(`  ${v.policy}: ${v.arrived}/${v.sales} sales arrived, p50 ${v.p50_s} s, p99 ${v.p99_s} s, max ${v.max_s} s; ${v.within_goal} within ${GOALS.visible_s} s${v.note ? ` (${v.note})` : ''}`);
		}

		// 3. 50 devices pulling at once.
		log(`\n3. ${DEVICES} devices pulling at once (load average ${load().join(' ')})`);
		const tabletId = (await tablet.store.syncState()).deviceId;
		for (let i = 0; i < TAIL_SALES; i++) {
			const productId = seeded.productIds[i % seeded.productIds.length];
			const sale = await recordSale(tablet.repo, { customerId: null, lines: [{ productId, quantity: 1, unitPrice: seeded.prices.get(productId), discount: 0 }] }, tabletId);
			if (!sale.ok) throw new Error('recordSale failed');
		}
		await syncOnce(tablet.store, S.countingTransport(base, tokens).transport);
		const feed = await S.feedShape(target);
		let near, spread;
		try {
			const tail = feed.smallSales.slice(-TAIL_SALES);
			const r = S.rng(5);
			near = await feed.cursors(Array.from({ length: DEVICES }, () => tail[Math.floor(r() * tail.length)] - 1));
			spread = await feed.cursors(Array.from({ length: DEVICES }, (_, i) => Math.floor((i * feed.lastSeq) / DEVICES)));
		} finally {
			await feed.close();
		}
		const tail = await S.profileTail(target, 'bench-profile-tail', feed.smallSales.at(-TAIL_SALES) - 1);
		out.tail_pull_profile = Object.fromEntries(Object.entries(tail).map(([k, v]) => [k, Number(v.toFixed(2))]));
		log(`  one pull ${TAIL_SALES} small sales behind, on the server (in this process): readPull ${tail.read_ms.toFixed(1)} ms for ${tail.changes} changes (${tail.ms_per_change.toFixed(2)} ms a change), zod + JSON ${tail.serialize_ms.toFixed(1)} ms, ${Math.round(tail.bytes / 1000)} kB`);
		const token = (await S.login(base)).access_token;
		const body = (cursor, i, tag) => ({ protocol: 1, deviceId: `bench-${tag}-${String(i).padStart(3, '0')}`, cursor });
		await closedLoop(base, token, near.slice(0, 5).map((c, i) => body(c, i, 'warm'))); // JIT, caches
		out.pull_near_end = { ...(await closedLoop(base, token, near.map((c, i) => body(c, i, 'near')))), behind_changes: `1-${TAIL_SALES}` };
		const n = out.pull_near_end;
		log(`  each 1-${TAIL_SALES} small sales behind, closed loop ${DURATION_S} s: p50 ${n.p50_ms} ms, p99 ${n.p99_ms} ms, ${n.pulls_per_s} pulls/s, ${n.mb_per_s} MB/s (${n.pulls} pulls, ${n.failed} failed${n.failures.length ? `: ${n.failures.join(', ')}` : ''})`);
		out.pull_full_pages = await oneEach(base, token, spread.map((c, i) => body(c, i, 'full')));
		const f = out.pull_full_pages;
		log(`  one full page each, from ${DEVICES} places in the feed, all at once: p50 ${s1(f.p50_ms)} s, p99 ${s1(f.p99_ms)} s, all done in ${f.wall_s} s: ${f.pulls_per_s} pages/s, ${f.mb_per_s} MB/s, ${f.page_mb} MB a page (${f.failed} failed${f.failures.length ? `: ${f.failures.join(', ')}` : ''})`);
		out.load_average_end = load();
		return out;
	} finally {
		for (const d of devices) await d.close().catch(() => {});
		await server?.stop();
		await pg?.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

log(`bench:sync — ${LINES.toLocaleString('en')} lines, ${PUSH_LINES.toLocaleString('en')} pushed, ${DEVICES} devices, ${DATABASES.join(' and ')}${quick ? ' (quick)' : ''}; ${cpus().length} cores, load average ${load().join(' ')}`);
let workerInGit = '';
try { workerInGit = execFileSync('git', ['log', '--oneline', '-1', '--', 'workers/sync.worker.ts'], { cwd: root, encoding: 'utf8' }).trim(); } catch { /* not a git checkout */ }
// The app's own sync (worker and pairing screen) is measured when it is in git and built.
const appReady = Boolean(workerInGit) && existsSync(join(root, 'build', 'index.html'));
if (browser && !appReady) log(`the app's sync is not measured: ${workerInGit ? 'no build/ (npm run build)' : 'workers/sync.worker.ts is not in git yet'}`);
const pageDir = browser ? join(mkdtempSync(join(tmpdir(), 'bench-sync-page-')), 'app') : null;
if (pageDir) {
	mkdirSync(pageDir, { recursive: true });
	await buildBrowserPage(pageDir);
}
const results = {};
try {
	for (const kind of DATABASES) {
		try {
			results[kind] = await benchOn(kind, pageDir);
		} catch (e) {
			// One database failing (PostgreSQL missing, a crash) still reports the others.
			console.error(`${kind}: ${e.stack ?? e}`);
			results[kind] = { error: String(e.message ?? e) };
		}
	}
} finally {
	if (pageDir) rmSync(join(pageDir, '..'), { recursive: true, force: true });
}

const goal = (ok) => (ok ? 'met' : 'MISSED');
log('\n| database | figure | value | goal |');
log('| --- | --- | --- | --- |');
for (const [kind, r] of Object.entries(results)) {
	if (r.error) { log(`| ${kind} | error | ${r.error.slice(0, 120)} | |`); continue; }
	const row = (name, value, g = '') => log(`| ${kind} | ${name} | ${value} | ${g} |`);
	const app = r.first_sync_app;
	if (app?.error) row('first sync, the app in Chromium', `failed: ${app.error.slice(0, 120)}`);
	else if (app) {
		row('first sync, the app in Chromium (pair → "Sincronizado")', `${app.s} s, ${app.lines.toLocaleString('en')} lines${app.complete ? '' : ' (not all)'}`, `< ${GOALS.first_sync_s} s: ${goal(app.s < GOALS.first_sync_s)}`);
		row('first sync, the app in Chromium: bytes', `${kb(app.request_bytes)} kB up, ${mb(app.response_bytes)} MB down, ${app.requests} sync requests`);
		row('first sync, the app in Chromium: main thread longest task', `${app.longest_task_ms} ms (${app.long_tasks} over 50 ms, ${app.long_tasks_total_ms} ms in all)`, `< ${GOALS.longest_task_ms} ms: ${goal(app.longest_task_ms < GOALS.longest_task_ms)}`);
	}
	for (const [key, name] of [['first_sync_dexie_node', 'first sync, Dexie on fake-indexeddb (Node)'], ['first_sync_sql_node', 'first sync, SQL store (Node)'], ['first_sync_browser', 'first sync, bench worker page in Chromium (IndexedDB)']]) {
		const f = r[key];
		if (!f) continue;
		row(`${name}: time`, `${f.s} s (server ${f.server_s}, transfer ${f.transfer_s}, parse ${f.parse_s}, store ${f.store_s})`, `< ${GOALS.first_sync_s} s: ${goal(f.s < GOALS.first_sync_s)}`);
		row(`${name}: bytes`, `${kb(f.request_bytes)} kB up, ${mb(f.response_bytes)} MB down, ${f.pulls} pulls`);
		if (f.longest_task_ms !== undefined) row(`${name}: main thread longest task`, `${f.longest_task_ms} ms (${f.long_tasks} over 50 ms)`, `< ${GOALS.longest_task_ms} ms: ${goal(f.longest_task_ms < GOALS.longest_task_ms)}`);
	}
	const p = r.pull_page_profile;
	row('one pull page on the server', `${p.lines.toLocaleString('en')} lines, ${mb(p.bytes)} MB: read ${p.read_ms} ms, zod ${p.zod_ms} ms, stringify ${p.stringify_ms} ms (gzip: ${mb(p.gzip_bytes)} MB)`);
	const pp = r.push_pull;
	row(`${pp.lines.toLocaleString('en')} lines pushed (Dexie)`, `${pp.push_s} s, ${mb(pp.push_request_bytes)} MB, ${pp.pushes} pushes`);
	row(`${pp.lines.toLocaleString('en')} lines pulled (SQL store)`, `${pp.pull_s} s, ${mb(pp.pull_response_bytes)} MB, ${pp.pulls} pulls`);
	const n = r.pull_near_end;
	const tp = r.tail_pull_profile;
	if (tp) row(`one pull ${TAIL_SALES} small sales behind, on the server`, `${tp.read_ms} ms read (${tp.ms_per_change} ms a change), ${tp.serialize_ms} ms zod + JSON`);
	row(`${DEVICES} devices pulling, 1-${TAIL_SALES} changes behind`, `p50 ${n.p50_ms} ms, p99 ${n.p99_ms} ms, ${n.pulls_per_s} pulls/s`);
	const f = r.pull_full_pages;
	row(`${DEVICES} devices, one full page each at once`, `p50 ${s1(f.p50_ms)} s, p99 ${s1(f.p99_ms)} s, ${f.pulls_per_s} pages/s, ${f.mb_per_s} MB/s`);
	for (const v of r.visible) row(`sale visible on the other tablet: ${v.policy}`, `p50 ${v.p50_s} s, p99 ${v.p99_s} s, max ${v.max_s} s (${v.arrived}/${v.sales})`, `< ${GOALS.visible_s} s: ${goal(v.p99_s < GOALS.visible_s)}`);
}
log(`note: workers/sync.worker.ts in git: ${workerInGit ? workerInGit.slice(0, 80) : 'not yet'}; the app measured: ${appReady && browser ? 'yes' : 'no'}`);
console.log(JSON.stringify({
	bench: 'sync', quick, lines: LINES, push_lines: PUSH_LINES, devices: DEVICES, duration_s: DURATION_S, cpus: cpus().length,
	load_average: load(), goals: GOALS, sync_worker_commit: workerInGit || null, ...results
}));
