// Lighthouse on the built app served by scripts/serve.mjs, with Debian's Chromium:
//  (a) a first visit (fresh profile, mobile preset): performance;
//  (b) the dashboard with the sample shop loaded and kept (a profile prepared by loading /?demo with
//      Playwright, then Lighthouse with disableStorageReset on it): mobile and desktop performance,
//      accessibility, best practices and cumulative layout shift.
// Prints the figures against the issue's goals; exit 1 when one is missed.
// usage: npm run bench:lighthouse -- [--dir build] [--port 4190] [--runs 1] [--save <folder>] [--only first|dashboard]
// Lighthouse's figures move by a few points between runs: --runs N takes each one's median.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const dir = path.resolve(root, opt('--dir', 'build'));
const port = Number(opt('--port', 4190));
const runs = Math.max(1, Number(opt('--runs', 1)));
const saveDir = opt('--save', null);
const only = opt('--only', null);
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
const base = `http://localhost:${port}`;

/** The issue's goals: a score is 0..100, CLS a plain number. */
const GOALS = {
	'first visit · mobile · performance': { min: 90 },
	'dashboard · mobile · performance': { min: 90 },
	'dashboard · desktop · performance': { min: 98 },
	'dashboard · mobile · accessibility': { min: 100 },
	'dashboard · desktop · accessibility': { min: 100 },
	'dashboard · mobile · best practices': { min: 100 },
	'dashboard · desktop · best practices': { min: 100 },
	'dashboard · mobile · CLS': { max: 0.02 },
	'dashboard · desktop · CLS': { max: 0.02 }
};

if (!fs.existsSync(path.join(dir, 'index.html'))) {
	console.error(`bench:lighthouse: no built app in ${dir}: run "npm run build" first.`);
	process.exit(1);
}

async function startServer() {
	const server = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), '--port', String(port), '--dir', dir, '--quiet'], { stdio: 'inherit' });
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`${base}/`)).ok) return server;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	server.kill();
	throw new Error(`the static server did not start on port ${port}`);
}

/** Loads the sample shop into a persistent profile, as a person opening /?demo would. */
async function prepareShopProfile() {
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lighthouse-shop-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROME_PATH, headless: true, viewport: { width: 1280, height: 800 },
		args: CHROME_FLAGS.filter((f) => !f.startsWith('--headless'))
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`${base}/?demo`);
		// The dashboard drops ?demo from the address once the sample shop is stored.
		await page.waitForFunction(() => !location.search.includes('demo'), null, { timeout: 180_000 });
		// The service worker's precache and the first health computation finish, as on a real visit.
		await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 }).catch(() => {});
		await page.waitForTimeout(6_000);
	} finally {
		await context.close();
	}
	return userDataDir;
}

async function audit(url, { userDataDir, desktop, keepStorage, categories }) {
	// Without a folder of our own, chrome-launcher makes a fresh temporary profile (false would mean the default one).
	const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS, ...(userDataDir ? { userDataDir } : {}) });
	try {
		const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories, disableStorageReset: keepStorage };
		const result = await lighthouse(url, flags, desktop ? desktopConfig : undefined);
		if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
		const lhr = result.lhr;
		if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
		return lhr;
	} finally {
		await chrome.kill();
	}
}

const median = (values) => { const s = [...values].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const score = (lhr, category) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
/** What cost points, so a missed goal says where to look. */
function failing(lhr, category) {
	return (lhr.categories[category]?.auditRefs ?? [])
		.map((ref) => lhr.audits[ref.id])
		.filter((a) => a && a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable')
		.map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
}

const figures = {};
const notes = [];
function record(name, values) {
	figures[name] = median(values);
}

function save(lhr, name) {
	if (!saveDir) return;
	fs.mkdirSync(saveDir, { recursive: true });
	fs.writeFileSync(path.join(saveDir, `${name.replace(/[^a-z0-9]+/gi, '-')}.json`), JSON.stringify(lhr));
}

const server = await startServer();
try {
	if (only !== 'dashboard') {
		const perf = [];
		for (let i = 0; i < runs; i++) {
			const lhr = await audit(`${base}/`, { categories: ['performance'], keepStorage: false });
			perf.push(score(lhr, 'performance'));
			save(lhr, `first-visit-mobile-${i + 1}`);
			if (i === runs - 1) notes.push(`first visit · mobile: ${failing(lhr, 'performance').join(', ') || 'nothing below 90'}`);
		}
		record('first visit · mobile · performance', perf);
	}
	if (only !== 'first') {
		const profile = await prepareShopProfile();
		try {
			for (const desktop of [false, true]) {
				const form = desktop ? 'desktop' : 'mobile';
				const got = { performance: [], accessibility: [], 'best practices': [], CLS: [] };
				for (let i = 0; i < runs; i++) {
					const lhr = await audit(`${base}/`, { userDataDir: profile, desktop, keepStorage: true, categories: ['performance', 'accessibility', 'best-practices'] });
					got.performance.push(score(lhr, 'performance'));
					got.accessibility.push(score(lhr, 'accessibility'));
					got['best practices'].push(score(lhr, 'best-practices'));
					got.CLS.push(Number((lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(3)));
					save(lhr, `dashboard-${form}-${i + 1}`);
					if (i === runs - 1) for (const category of ['performance', 'accessibility', 'best-practices']) {
						const list = failing(lhr, category);
						if (list.length) notes.push(`dashboard · ${form} · ${category}: ${list.join(', ')}`);
					}
				}
				for (const [what, values] of Object.entries(got)) record(`dashboard · ${form} · ${what}`, values);
			}
		} finally {
			fs.rmSync(profile, { recursive: true, force: true });
		}
	}
} finally {
	server.kill();
}

let missed = 0;
console.log(`\nLighthouse ${runs > 1 ? `(median of ${runs} runs) ` : ''}on ${dir}, ${new Date().toISOString()}`);
for (const [name, value] of Object.entries(figures)) {
	const goal = GOALS[name];
	const ok = goal.min !== undefined ? value >= goal.min : value < goal.max;
	if (!ok) missed++;
	const goalText = goal.min !== undefined ? `>= ${goal.min}` : `< ${goal.max}`;
	console.log(`  ${ok ? 'ok  ' : 'MISS'}  ${name.padEnd(38)} ${String(value).padStart(6)}   goal ${goalText}`);
}
if (notes.length) console.log(`\nAudits below 0.9:\n  ${notes.join('\n  ')}`);
process.exit(missed ? 1 : 0);
