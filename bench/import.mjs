// npm run bench:import — drives the REAL import wizard (/import) of the built app (run `npm run
// build` first) in headless Chromium, for the Online Retail file and a generated 1,000,000-line
// file, and compares each import with papaparse alone parsing the same file in the same browser
// (in a worker, arrays mode). Prints a line per file while it runs and, as its LAST line, one JSON
// array: [{"file","lines","import_s","parse_only_s","ratio","rows_per_s","max_main_thread_task_ms","peak_heap_mb"}].
//
// How each figure is measured:
// - import_s: from the click on "Importar" to the result screen (the wizard's whole import:
//   reading, decoding, parsing, validating, writing to IndexedDB), in a fresh browser profile.
// - parse_only_s: Papa.parse(file, { chunk }) in a dedicated worker on the same page, arrays mode.
// - max_main_thread_task_ms: the longest task on the page's main thread (CrRendererMain) during
//   the import, from a Chromium trace (devtools.timeline RunTask events); cross-checked with a
//   PerformanceObserver('longtask') in the page, which sees every task over 50 ms.
// - peak_heap_mb: the largest sum of used JS heap of the page and its workers
//   (CDP Runtime.getHeapUsage sampled every 200 ms) during the import.
//
// Options: --only retail|generated, --lines N (generated file size), --port P, --keep (keep the
// generated file in the temp folder for the next run; it is reused when present).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, mainThreadProbe, requireBuild, root, startServer } from './browser-support.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const PORT = Number(opt('--port', 4191));
const GENERATED_LINES = Number(opt('--lines', 1_000_000));
const only = opt('--only', null);
const RETAIL = path.resolve(root, '../shared/data/online-retail/online_retail_2010-12_2011-09.csv');
const GENERATED = path.join(os.tmpdir(), `smart-inventory-sales-${GENERATED_LINES}.csv`);

const log = (...a) => console.log('[bench:import]', ...a);

requireBuild('bench:import');

/** Data lines of a CSV (lines after the header; a last line without newline counts). */
function dataLines(file) {
	const fd = fs.openSync(file, 'r');
	const buf = Buffer.allocUnsafe(1 << 20);
	let newlines = 0, last = 10, n;
	while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) {
		for (let i = 0; i < n; i++) if (buf[i] === 10) newlines++;
		last = buf[n - 1];
	}
	fs.closeSync(fd);
	return newlines + (last === 10 ? 0 : 1) - 1;
}

function ensureGenerated() {
	if (fs.existsSync(GENERATED) && dataLines(GENERATED) === GENERATED_LINES) return;
	log(`generating ${GENERATED_LINES} lines into ${GENERATED} (scripts/make-sales-csv.ts)`);
	execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/make-sales-csv.ts'), String(GENERATED_LINES), GENERATED], { stdio: 'inherit', cwd: root });
}

/** Samples the used JS heap of the page and all its workers through CDP (workers via non-flat auto-attach). */
async function heapSampler(page) {
	const cdp = await page.context().newCDPSession(page);
	const workers = new Set();
	const waiting = new Map();
	let nextId = 1;
	cdp.on('Target.attachedToTarget', (e) => { if (e.targetInfo.type === 'worker') workers.add(e.sessionId); });
	cdp.on('Target.detachedFromTarget', (e) => workers.delete(e.sessionId));
	cdp.on('Target.receivedMessageFromTarget', (e) => {
		const m = JSON.parse(e.message);
		const done = waiting.get(m.id);
		if (done) { waiting.delete(m.id); done(m.result?.usedSize ?? 0); }
	});
	await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
	const workerHeap = (sessionId) => new Promise((resolve) => {
		const id = nextId++;
		waiting.set(id, resolve);
		cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => resolve(0));
		setTimeout(() => { if (waiting.delete(id)) resolve(0); }, 1000);
	});
	let peak = 0, timer = null, sampling = false;
	const sample = async () => {
		if (sampling) return;
		sampling = true;
		try {
			const main = (await cdp.send('Runtime.getHeapUsage').catch(() => ({ usedSize: 0 }))).usedSize;
			const inWorkers = await Promise.all([...workers].map(workerHeap));
			peak = Math.max(peak, main + inWorkers.reduce((a, b) => a + b, 0));
		} finally {
			sampling = false;
		}
	};
	return {
		start() { peak = 0; timer = setInterval(sample, 200); return sample(); },
		async stop() { clearInterval(timer); await sample(); return peak; }
	};
}

const PAPA_WORKER = `
self.onmessage = (e) => {
	const started = performance.now();
	let rows = 0;
	Papa.parse(e.data, {
		chunk: (r) => { rows += r.data.length; },
		complete: () => self.postMessage({ ms: performance.now() - started, rows }),
		error: (err) => self.postMessage({ error: String(err) })
	});
};`;

/** papaparse alone on the same file, in a worker of the same page (arrays mode, its default chunking). */
async function parseOnly(page, file) {
	await page.evaluate(() => {
		const input = document.createElement('input');
		input.type = 'file';
		input.id = 'bench-parse-only';
		input.style.display = 'none';
		document.body.append(input);
	});
	await page.setInputFiles('#bench-parse-only', file);
	const papa = fs.readFileSync(path.join(root, 'node_modules/papaparse/papaparse.min.js'), 'utf8');
	const result = await page.evaluate(async ({ source }) => {
		const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
		const worker = new Worker(url);
		const input = /** @type {HTMLInputElement} */ (document.getElementById('bench-parse-only'));
		const out = await new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); worker.postMessage(input.files[0]); });
		worker.terminate();
		input.remove();
		return out;
	}, { source: papa + '\n' + PAPA_WORKER });
	if (result.error) throw new Error(`papaparse failed: ${result.error}`);
	return result;
}

/**
 * The longest RunTask on the page's renderer main thread in a Chromium trace, in ms. The page's
 * renderer is the process its frames were committed in (TracingStartedInBrowser /
 * FrameCommittedInBrowser); other renderers (a spare one, closed pages) are left out. The trace can
 * be larger than a JS string, so it is read line by line (Chromium writes one event per line).
 */
function longestMainThreadTask(trace, pageUrlPart) {
	const main = new Set();
	const pagePids = new Set();
	const tasks = [];
	const SLICE = 16 << 20;
	let rest = '';
	for (let at = 0; at < trace.length; at += SLICE) {
		const lines = (rest + trace.toString('utf8', at, Math.min(trace.length, at + SLICE))).split('\n');
		rest = lines.pop() ?? '';
		for (const line of lines) {
			if (!line.includes('"RunTask"') && !line.includes('CrRendererMain') && !line.includes('InBrowser"')) continue;
			let e;
			try { e = JSON.parse(line.trim().replace(/^\{"traceEvents":\[/, '').replace(/,$/, '')); } catch { continue; }
			if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') main.add(`${e.pid}:${e.tid}`);
			else if (e.ph === 'X' && e.name === 'RunTask') tasks.push([e.pid, `${e.pid}:${e.tid}`, (e.dur ?? 0) / 1000]);
			else if (e.name === 'TracingStartedInBrowser' || e.name === 'FrameCommittedInBrowser') {
				const d = e.args?.data ?? {};
				for (const f of d.frames ?? [d]) if (f.processId && String(f.url ?? '').includes(pageUrlPart)) pagePids.add(f.processId);
			}
		}
	}
	if (pagePids.size === 0) log('the trace does not say which renderer holds the page: every renderer main thread is counted');
	let longest = 0;
	for (const [pid, thread, ms] of tasks) if (main.has(thread) && (pagePids.size === 0 || pagePids.has(pid))) longest = Math.max(longest, ms);
	return longest;
}

async function benchFile(browser, label, file) {
	const lines = dataLines(file);
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
	await context.addInitScript(mainThreadProbe);
	const page = await context.newPage();
	page.on('pageerror', (e) => log('page error:', e.message));
	page.on('console', (m) => { if (m.text().startsWith('import timings')) log(`${label}: ${m.text()}`); });
	try {
		await page.goto(`http://localhost:${PORT}/import`);
		await page.waitForSelector('input[type=file]', { state: 'attached' });

		log(`${label}: ${lines} lines, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB; papaparse alone…`);
		const parsed = await parseOnly(page, file);
		log(`${label}: papaparse parsed ${parsed.rows} records in ${(parsed.ms / 1000).toFixed(2)} s`);

		await page.setInputFiles('input[type=file]', file);
		await page.waitForSelector('button.start', { timeout: 60_000 });
		if (await page.locator('input[name=imp-date-order-ask]').count()) throw new Error(`${label}: the wizard asks for the date order; the bench files have unambiguous dates`);
		if (await page.locator('button.start').isDisabled()) throw new Error(`${label}: the wizard cannot start: ${await page.locator('.problems').innerText()}`);

		const heap = await heapSampler(page);
		await heap.start();
		await page.evaluate(() => { const b = /** @type {any} */ (window).__bench; b.on = true; b.t0 = performance.now(); });
		await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', '__metadata'] });
		const started = Date.now();
		await page.click('button.start');
		await page.waitForSelector('#imp-done-title', { timeout: 15 * 60_000 });
		const importMs = Date.now() - started;
		const importS = importMs / 1000;
		const traced = longestMainThreadTask(await browser.stopTracing(), `localhost:${PORT}/import`);
		// Long-task entries arrive after their task: give the observer a moment before reading it.
		const probe = await page.evaluate(async () => {
			await new Promise((r) => setTimeout(r, 300));
			const b = /** @type {any} */ (window).__bench;
			b.on = false;
			return { longest: b.longest, longestAt: b.longestAt, gap: b.gap };
		});
		const peak = await heap.stop();

		const count = async (key) => Number((await page.getByTestId(`import-count-${key}`).locator('dd').innerText()).replace(/\D/g, ''));
		const [imported, duplicates, rejected] = [await count('imported'), await count('duplicates'), await count('rejected')];
		const error = await page.locator('#imp-done-title ~ .notice.error').count() ? await page.locator('#imp-done-title ~ .notice.error').innerText() : '';
		log(`${label}: imported ${imported}, duplicates ${duplicates}, rejected ${rejected} (sum ${imported + duplicates + rejected} of ${lines})${error ? `; ERROR: ${error}` : ''}`);
		log(`${label}: longest main-thread task ${traced.toFixed(1)} ms (trace); longtask observer ${probe.longest > 0 ? `${probe.longest.toFixed(0)} ms at ${(probe.longestAt / 1000).toFixed(1)} s of ${importS.toFixed(1)} s` : 'saw none over 50 ms'}; longest 10 ms-timer gap ${probe.gap.toFixed(0)} ms`);
		const parseS = parsed.ms / 1000;
		return {
			file: label,
			lines,
			import_s: Number(importS.toFixed(2)),
			parse_only_s: Number(parseS.toFixed(2)),
			ratio: Number((importS / parseS).toFixed(2)),
			rows_per_s: Math.round(lines / importS),
			max_main_thread_task_ms: Number(Math.max(traced, probe.longest).toFixed(1)),
			peak_heap_mb: Math.round(peak / 1e6)
		};
	} finally {
		await context.close();
	}
}

const jobs = [];
if (only !== 'generated') jobs.push({ label: path.basename(RETAIL), file: RETAIL });
if (only !== 'retail') {
	ensureGenerated();
	jobs.push({ label: `generated-${GENERATED_LINES}.csv`, file: GENERATED });
}

const server = await startServer(PORT);
const browser = await launchChromium();
const results = [];
try {
	for (const job of jobs) results.push(await benchFile(browser, job.label, job.file));
} finally {
	await browser.close();
	server.kill();
	if (!args.includes('--keep') && fs.existsSync(GENERATED) && jobs.some((j) => j.file === GENERATED)) fs.rmSync(GENERATED);
}
console.log(JSON.stringify(results));
