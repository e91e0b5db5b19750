// Screenshots of the dashboard's "needs you today" and the alerts page with the sample shop loaded,
// at both tablet sizes and in both languages, for looking at the health screens.
// usage: node scripts/screenshot-health.mjs OUT_DIR [--base http://localhost:4173] [--sample-trend]
// Serve the built app first (node scripts/serve.mjs). --sample-trend adds 20 made-up past daily
// snapshots of the score so the trend line can be looked at; without it a new shop has one day.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [outDir, ...rest] = process.argv.slice(2);
if (!outDir) { console.error('usage: node scripts/screenshot-health.mjs OUT_DIR [--base URL] [--sample-trend]'); process.exit(2); }
const opt = (name, fallback) => { const i = rest.indexOf(name); return i >= 0 ? rest[i + 1] : fallback; };
const base = opt('--base', 'http://localhost:4173');
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
page.on('pageerror', (e) => console.error('page error:', e.message));
await page.goto(`${base}/?demo`);
await page.getByTestId('health-score').waitFor({ timeout: 60_000 });

if (rest.includes('--sample-trend')) {
	await page.evaluate(() => new Promise((resolve, reject) => {
		const open = indexedDB.open('smart-inventory');
		open.onerror = () => reject(open.error);
		open.onsuccess = () => {
			const db = open.result;
			const tx = db.transaction('healthSnapshots', 'readwrite');
			const store = tx.objectStore('healthSnapshots');
			const today = Math.floor((Date.now() - new Date().getTimezoneOffset() * 60_000) / 86_400_000);
			for (let i = 20; i >= 1; i--) {
				const score = Math.round(78 + 6 * Math.sin(i / 3) + (20 - i) / 4);
				store.put({ day: today - i, at: (today - i) * 86_400_000, score, parts: { stockOut: score, overstock: 100, deadStock: 100, turnover: 100 } });
			}
			tx.oncomplete = () => { db.close(); resolve(); };
			tx.onerror = () => reject(tx.error);
		};
	}));
}

for (const lang of ['es', 'en']) {
	await page.evaluate((l) => localStorage.setItem('inventario.prefs', JSON.stringify({ language: l, formatLocale: l === 'es' ? 'es-ES' : 'en-GB', currency: 'EUR' })), lang);
	for (const [width, height] of [[768, 1024], [1280, 800]]) {
		await page.setViewportSize({ width, height });
		for (const [name, path] of [['dashboard', '/'], ['alerts', '/alerts']]) {
			await page.goto(`${base}${path}`);
			await page.getByTestId('health-score').first().waitFor({ timeout: 60_000 });
			await page.waitForTimeout(400);
			const file = `${outDir}/${name}-${lang}-${width}x${height}.png`;
			await page.screenshot({ path: file });
			console.log('wrote', file);
			if (name === 'alerts') {
				const worst = `${outDir}/alerts-worst-${lang}-${width}x${height}.png`;
				await page.locator('section', { has: page.locator('#worst-title') }).screenshot({ path: worst });
				console.log('wrote', worst);
			}
		}
	}
}
await browser.close();
