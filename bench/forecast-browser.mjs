// The forecast's wall time in the app, as the shop owner gets it: the built app in headless
// Chromium imports a sales file through the real wizard, then "Entrenar ahora" on /models trains
// the global model and forecasts the whole catalogue in workers/forecasting.worker.ts (tfjs, wasm).
// The time runs from the click to the result on screen; the page's main thread is watched for long
// tasks meanwhile. The app trains on every sale it holds (no cutoff), so the figure is the time
// for the whole file. Run `npm run build` first.
//
// usage: node bench/forecast-browser.mjs [--port P] FILE[:dmy|mdy] ...
// Prints a line per file and, as its last line, one JSON object keyed by file name:
// {"<file>": {"seconds", "products", "backend", "max_main_thread_task_ms", "imported"}}.
import path from 'node:path';
import { importThroughWizard, launchChromium, mainThreadProbe, probeOff, probeOn, requireBuild, startServer } from './browser-support.mjs';

const args = process.argv.slice(2);
const portAt = args.indexOf('--port');
const PORT = portAt >= 0 ? Number(args[portAt + 1]) : 4192;
const files = args.filter((a, i) => !a.startsWith('--') && (portAt < 0 || i !== portAt + 1));
const log = (...a) => console.log('[bench:forecast:browser]', ...a);
if (files.length === 0) {
	console.error('usage: node bench/forecast-browser.mjs [--port P] FILE[:dmy|mdy] ...');
	process.exit(2);
}
requireBuild('bench:forecast (browser)');

async function benchFile(browser, spec) {
	const [file, dateOrder] = spec.split(/:(?=dmy$|mdy$)/);
	const label = path.basename(file);
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
	await context.addInitScript(mainThreadProbe);
	const page = await context.newPage();
	page.on('pageerror', (e) => log('page error:', e.message));
	try {
		const base = `http://localhost:${PORT}`;
		const counts = await importThroughWizard(page, base, file, dateOrder ?? null);
		log(`${label}: imported ${counts.imported} lines (${counts.rejected} rejected); training…`);
		await page.goto(`${base}/models`);
		const train = page.getByRole('button', { name: 'Entrenar ahora' });
		await train.waitFor();
		await probeOn(page);
		const started = Date.now();
		await train.click();
		const outcome = page.locator('.notice').filter({ hasText: /Listo: previsión de|falló|No hay ventas/ });
		await outcome.waitFor({ timeout: 20 * 60_000 });
		const seconds = (Date.now() - started) / 1000;
		const probe = await probeOff(page);
		const text = await outcome.innerText();
		if (!text.startsWith('Listo')) throw new Error(`${label}: ${text}`);
		const products = Number((/previsión de ([\d.]+) productos/.exec(text)?.[1] ?? '0').replace(/\./g, ''));
		const backend = (await page.getByRole('region', { name: 'Modelos entrenados' }).getByRole('row').nth(1).locator('td').nth(4).innerText()).split('\n')[0].trim();
		log(`${label}: ${products} products trained and forecast in ${seconds.toFixed(1)} s (${backend}); longest main-thread task ${probe.longest > 0 ? `${probe.longest.toFixed(0)} ms` : 'under 50 ms'}, longest 10 ms-timer gap ${probe.gap.toFixed(0)} ms`);
		return [label, { seconds: Number(seconds.toFixed(1)), products, backend, max_main_thread_task_ms: Math.round(probe.longest), imported: counts.imported }];
	} finally {
		await context.close();
	}
}

const server = await startServer(PORT);
const browser = await launchChromium();
const results = {};
try {
	for (const spec of files) {
		const [label, result] = await benchFile(browser, spec);
		results[label] = result;
	}
} finally {
	await browser.close();
	server.kill();
}
console.log(JSON.stringify(results));
