// What the browser benches share: the built app served locally, headless Debian Chromium, a probe
// of main-thread long tasks, and importing a file through the real import wizard.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function requireBuild(name) {
	if (!fs.existsSync(path.join(root, 'build', 'index.html'))) {
		console.error(`${name}: no built app in build/: run "npm run build" first.`);
		process.exit(1);
	}
}

/** Serves build/ (with the 200.html fallback) on the port; resolves once it answers. */
export async function startServer(port) {
	const server = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), '--port', String(port), '--dir', path.join(root, 'build'), '--quiet'], { stdio: 'inherit', cwd: root });
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`http://localhost:${port}/`)).ok) return server;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	server.kill();
	throw new Error(`the static server did not start on port ${port}`);
}

export const launchChromium = () => chromium.launch({
	executablePath: CHROMIUM,
	headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
});

/** Init script: records main-thread long tasks (over 50 ms) and 10 ms-heartbeat gaps while window.__bench.on. */
export function mainThreadProbe() {
	const w = /** @type {any} */ (window);
	w.__bench = { longest: 0, longestAt: 0, gap: 0, on: false, t0: 0 };
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) {
			if (w.__bench.on && e.duration > w.__bench.longest) {
				w.__bench.longest = e.duration;
				w.__bench.longestAt = e.startTime - w.__bench.t0;
			}
		}
	}).observe({ type: 'longtask', buffered: false });
	let last = performance.now();
	setInterval(() => {
		const now = performance.now();
		if (w.__bench.on) w.__bench.gap = Math.max(w.__bench.gap, now - last - 10);
		last = now;
	}, 10);
}

export const probeOn = (page) => page.evaluate(() => { const b = /** @type {any} */ (window).__bench; b.on = true; b.t0 = performance.now(); b.longest = 0; b.gap = 0; });

/** Stops the probe; long-task entries arrive after their task, so it waits a moment first. */
export const probeOff = (page) => page.evaluate(async () => {
	await new Promise((r) => setTimeout(r, 300));
	const b = /** @type {any} */ (window).__bench;
	b.on = false;
	return { longest: b.longest, longestAt: b.longestAt, gap: b.gap };
});

/**
 * Imports a file through the /import wizard with its suggested mapping; when the wizard asks how
 * to read the dates, answers `dateOrder` ('dmy' or 'mdy'). Resolves with the import's counts.
 */
export async function importThroughWizard(page, baseUrl, file, dateOrder = null) {
	await page.goto(`${baseUrl}/import`);
	await page.waitForSelector('input[type=file]', { state: 'attached' });
	await page.setInputFiles('input[type=file]', file);
	await page.waitForSelector('button.start', { timeout: 60_000 });
	if (await page.locator('input[name=imp-date-order-ask]').count()) {
		if (!dateOrder) throw new Error(`${path.basename(file)}: the wizard asks for the date order and none was given`);
		await page.locator(`input[name=imp-date-order-ask][value=${dateOrder}]`).check();
	}
	if (await page.locator('button.start').isDisabled()) throw new Error(`${path.basename(file)}: the wizard cannot start: ${await page.locator('.problems').innerText()}`);
	await page.click('button.start');
	await page.waitForSelector('#imp-done-title', { timeout: 15 * 60_000 });
	const count = async (key) => Number((await page.getByTestId(`import-count-${key}`).locator('dd').innerText()).replace(/\D/g, ''));
	return { imported: await count('imported'), duplicates: await count('duplicates'), rejected: await count('rejected') };
}
