// Recommendations and customer segments as the app computes them: the built app in headless
// Chromium imports Online Retail (../shared/data/online-retail) through the real import wizard,
// opens /segments (which learns once from IndexedDB in workers/insights.worker.ts), then asks the
// page's bench hook to learn again as of 2011-08-31: the worker reads the sale blocks, products
// and customers from IndexedDB, builds the baskets, the recommendation model and the customer
// segments (k-means for every k tried, silhouettes, BG/NBD fit). The page's main thread is watched
// for long tasks meanwhile. Run `npm run build` first.
//
// usage: node bench/insights-browser.mjs [--port P] [--until YYYY-MM-DD]
// Prints progress lines and, as its last line, one JSON object:
// {"worker_s", "worker_read_s", "worker_compute_s", "wall_s", "max_main_thread_task_ms", ...}.
// worker_s is the worker's own time (reading IndexedDB + learning); wall_s adds the messages to
// and from the page and the segments page re-reading the summary.
import path from 'node:path';
import { importThroughWizard, launchChromium, mainThreadProbe, probeOff, probeOn, requireBuild, root, startServer } from './browser-support.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const PORT = Number(opt('--port', 4193));
const UNTIL = opt('--until', '2011-08-31');
const DATA = path.resolve(root, '../shared/data/online-retail/online_retail_2010-12_2011-09.csv');
const log = (...a) => console.log('[bench:insights:browser]', ...a);
const s = (ms) => Math.round(ms) / 1000;

requireBuild('bench:insights (browser)');

const server = await startServer(PORT);
const browser = await launchChromium();
let result;
try {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
	await context.addInitScript(mainThreadProbe);
	const page = await context.newPage();
	page.on('pageerror', (e) => log('page error:', e.message));
	const base = `http://localhost:${PORT}`;
	const counts = await importThroughWizard(page, base, DATA);
	log(`imported ${counts.imported} lines (${counts.duplicates} duplicates, ${counts.rejected} rejected); opening /segments…`);

	await page.goto(`${base}/segments`);
	// The page's first visit learns from every sale (the model a shop gets); the timed run follows.
	const firstStarted = Date.now();
	await page.getByTestId('insights-timing').waitFor({ state: 'attached', timeout: 5 * 60_000 });
	log(`first visit: segments shown after ${((Date.now() - firstStarted) / 1000).toFixed(1)} s (${(await page.getByTestId('insights-timing').textContent() ?? '').trim()})`);

	await probeOn(page);
	const started = Date.now();
	const run = await page.evaluate((until) => /** @type {any} */ (window).__insightsBench(until), UNTIL);
	const wallMs = Date.now() - started;
	const probe = await probeOff(page);
	const workerMs = run.timings.readMs + run.timings.computeMs;
	log(`as of ${UNTIL}: ${run.baskets} baskets, ${run.products} products, k = ${run.k}; worker ${s(workerMs)} s (read ${s(run.timings.readMs)} s, learn ${s(run.timings.computeMs)} s), wall ${s(wallMs)} s; longest main-thread task ${probe.longest > 0 ? `${probe.longest.toFixed(0)} ms` : 'under 50 ms'}, longest 10 ms-timer gap ${probe.gap.toFixed(0)} ms`);
	result = {
		until: UNTIL, imported: counts.imported, baskets: run.baskets, products: run.products, k: run.k,
		worker_s: s(workerMs), worker_read_s: s(run.timings.readMs), worker_compute_s: s(run.timings.computeMs), wall_s: s(wallMs),
		// Chromium's long-task observer reports only tasks over 50 ms: 0 means none that long.
		max_main_thread_task_ms: Math.round(probe.longest), max_timer_gap_ms: Math.round(probe.gap)
	};
	await context.close();
} finally {
	await browser.close();
	server.kill();
}
console.log(JSON.stringify(result));
