// npm run bench:forecast [-- --quick] [--jobs N] [--no-methods] [--no-segments] [--chromium] [SHOP ...]
// The forecasting harness of issue 15: every shop in ../shared/data with daily sales, from three
// cutoffs each (bench/forecast/cases.mjs; --quick keeps each shop's protocol cutoff). Per case it
// imports the file with `inventario backtest` (the same auto-detection as `inventario import`),
// trains on the days up to the cutoff, forecasts 28 days, and scores the forecast with
// ../shared/tools/score-forecast.py beside the peers it runs in the same run. It prints per case the
// ratio to the best peer (RMSSE, total error), bias and coverage (also per horizon week), bias per
// sale-frequency group and the shop total's error, then the geometric mean and the worst case of the
// ratios, and the customer segments' repurchase order (bench/segments.mjs). Its LAST line is one JSON
// object with every figure. Settings are judged on the whole table, never on one case.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { harnessCases } from './forecast/cases.mjs';
import { extraMetrics, loadCategories, loadSalesLong } from './forecast/extra-metrics.mjs';

const run = promisify(execFile);
const BIN = 'bin/inventario.mjs';
const SCORER = '../shared/tools/score-forecast.py';
const PYTHON = '/usr/bin/python3';
const HORIZON = 28;
const PEERS = ['seasonal_naive', 'seed_random_forest', 'global_gbm', 'r_ets_croston'];
/** The issue's goals: at least 10 % better than the best peer everywhere, a geometric mean <= 0.85, coverage 75-85 %. */
const GOALS = { ratio: 0.9, geometricMean: 0.85, coverage: [0.75, 0.85] };

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const jobsAt = args.indexOf('--jobs');
const jobs = jobsAt >= 0 ? Number(args[jobsAt + 1]) : 2;
if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs needs a whole number of cases to run side by side (1 or more), not "${args[jobsAt + 1] ?? ''}"`);
const known = new Set(['--quick', '--jobs', '--no-methods', '--no-segments', '--chromium']);
for (const a of args) if (a.startsWith('--') && !known.has(a)) throw new Error(`unknown option ${a}; options are ${[...known].join(', ')}`);
const shops = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--jobs');
const quick = flag('--quick');
const scoreMethods = !flag('--no-methods');
if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is needed to run the scorer (apt-get install -y python3-sklearn r-cran-forecast)`);

const inventario = async (...a) => (await run(process.execPath, [BIN, ...a], { encoding: 'utf8', maxBuffer: 1 << 28 })).stdout;
const lastJson = (text) => JSON.parse(text.trim().split('\n').pop());
const fmt = (v, digits = 3) => (v === null || v === undefined || Number.isNaN(v) ? '-' : Number(v).toFixed(digits));
const pct = (v) => (v === null || v === undefined ? '-' : `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`);
const scratch = mkdtempSync(join(tmpdir(), 'bench-forecast-'));

/** SALES_LONG (date,sku,qty) as the app sees the file: imported, exported, units sold (returns are not demand). Once per shop. */
const salesLongByShop = new Map();
function salesLong(shop, file) {
	if (!salesLongByShop.has(shop)) salesLongByShop.set(shop, (async () => {
		const db = join(scratch, `${shop}.db`), exported = join(scratch, `${shop}-export.csv`), out = join(scratch, `${shop}-sales-long.csv`);
		await inventario('import', file, '--db', db, '--json');
		await inventario('export', 'sales', '--out', exported, '--db', db);
		const { data } = Papa.parse(readFileSync(exported, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
		const lines = ['date,sku,qty'];
		for (const row of data) {
			const qty = Number(row.quantity);
			if (!(qty > 0)) continue;
			const sku = row.sku.startsWith("'") ? row.sku.slice(1) : row.sku;
			lines.push(`${row.date_time.slice(0, 10)},${/[",\n]/.test(sku) ? `"${sku.replace(/"/g, '""')}"` : sku},${qty}`);
		}
		writeFileSync(out, lines.join('\n') + '\n');
		const products = join(scratch, `${shop}-products.csv`);
		await inventario('export', 'products', '--out', products, '--db', db);
		return { file: out, sales: loadSalesLong(out), categories: loadCategories(products) };
	})());
	return salesLongByShop.get(shop);
}

async function score(sales, cutoff, predictions, peers, top) {
	const a = [SCORER, sales, cutoff, String(HORIZON), predictions];
	if (peers) a.push('--peers', peers);
	if (top) a.push('--top', String(top));
	return lastJson((await run(PYTHON, a, { encoding: 'utf8', maxBuffer: 1 << 26 })).stdout);
}

async function runCase(c) {
	const dir = mkdtempSync(join(scratch, `${c.shop}-${c.cutoff}-`));
	const predictions = join(dir, 'project.csv'), methodsDir = join(dir, 'methods');
	const started = performance.now();
	const engineArgs = ['backtest', c.file, '--cutoff', c.cutoff, '--horizon', String(HORIZON), '--out', predictions, '--json', '--db', join(dir, 'unused.db')];
	if (scoreMethods) engineArgs.push('--methods-out', methodsDir);
	const [summary, sales] = await Promise.all([inventario(...engineArgs).then(lastJson), salesLong(c.shop, c.file)]);
	const engineSeconds = (performance.now() - started) / 1000;
	const full = await score(sales.file, c.cutoff, predictions, null, c.top);
	const methods = {};
	if (scoreMethods) {
		for (const file of readdirSync(methodsDir).sort()) methods[file.replace(/\.csv$/, '')] = (await score(sales.file, c.cutoff, join(methodsDir, file), 'naive', c.top)).project;
	}
	const peers = Object.fromEntries(PEERS.filter((p) => full[p] && !full[p].error).map((p) => [p, full[p]]));
	const best = (metric) => {
		const [name, figures] = Object.entries(peers).sort((a, b) => a[1][metric] - b[1][metric])[0] ?? [null, {}];
		return { name, value: figures[metric] ?? null };
	};
	const bestRmsse = best('rmsse_mean'), bestTotal = best('total_wape');
	const result = {
		shop: c.shop, cutoff: c.cutoff, top: c.top, products_scored: full.products_scored, products_missing_predictions: full.products_missing_predictions,
		rmsse: full.project.rmsse_mean, total_wape: full.project.total_wape, bias_pct: full.project.bias_pct, coverage: full.project.coverage_p10_p90,
		best_peer_rmsse: bestRmsse, best_peer_total_wape: bestTotal,
		rmsse_ratio: bestRmsse.value ? full.project.rmsse_mean / bestRmsse.value : null,
		total_ratio: bestTotal.value ? full.project.total_wape / bestTotal.value : null,
		peers: Object.fromEntries(Object.entries(peers).map(([p, f]) => [p, { rmsse: f.rmsse_mean, total_wape: f.total_wape, bias_pct: f.bias_pct }])),
		failed_peers: PEERS.filter((p) => full[p]?.error).map((p) => `${p}: ${full[p].error}`),
		...extraMetrics(sales.sales, c.cutoff, HORIZON, predictions, sales.categories, c.top),
		methods_chosen: summary.methods,
		methods: Object.fromEntries(Object.entries(methods).map(([m, f]) => [m, { rmsse: f.rmsse_mean, total_wape: f.total_wape, bias_pct: f.bias_pct, coverage: f.coverage_p10_p90 }])),
		seconds: { engine: Math.round(engineSeconds * 10) / 10, train_forecast_cpu: Math.round((summary.seconds?.cpuTrainForecast ?? 0) * 10) / 10 }
	};
	printCase(result);
	rmSync(dir, { recursive: true, force: true });
	return result;
}

function printCase(r) {
	const lines = [`\n${r.shop} @ ${r.cutoff}: ${r.products_scored} products scored${r.top ? ` (the ${r.top} best sellers)` : ''} (${r.products_missing_predictions} without predictions), engine ${r.seconds.engine} s (train+forecast CPU ${r.seconds.train_forecast_cpu} s, load ${loadavg()[0].toFixed(1)})`];
	lines.push(`  ${'forecast'.padEnd(28)} ${'rmsse'.padStart(7)} ${'totwape'.padStart(8)} ${'bias'.padStart(8)} ${'cover'.padStart(6)}`);
	const row = (name, f) => lines.push(`  ${name.padEnd(28)} ${fmt(f.rmsse).padStart(7)} ${fmt(f.total_wape).padStart(8)} ${pct(f.bias_pct).padStart(8)} ${fmt(f.coverage).padStart(6)}`);
	row('project (chosen)', r);
	for (const [m, f] of Object.entries(r.methods)) row(`  method ${m}`, f);
	for (const [p, f] of Object.entries(r.peers)) row(`peer ${p}`, f);
	for (const failure of r.failed_peers) lines.push(`  peer failed (left out of "best peer") ${failure}`);
	lines.push(`  vs best peer: rmsse x${fmt(r.rmsse_ratio)} (${r.best_peer_rmsse.name}), total error x${fmt(r.total_ratio)} (${r.best_peer_total_wape.name})`);
	lines.push(`  coverage per horizon week: ${r.coverage_by_week.map((v) => fmt(v, 2)).join(' / ')}`);
	lines.push(`  bias per sale frequency: ${r.bias_by_frequency.map((g) => `${g.group} ${g.products}: ${pct(g.bias_pct)}`).join('; ')}`);
	if (r.category_totals) lines.push(`  category totals (${r.category_totals.categories}): daily error ${fmt(r.category_totals.daily_wape)}, 28-day total error ${fmt(r.category_totals.horizon_error)}`);
	lines.push(`  shop total: daily error ${fmt(r.shop_total.daily_wape)}, 28-day total error ${fmt(r.shop_total.horizon_error)} (bias ${pct(r.shop_total.bias_pct)})`);
	lines.push(`  methods chosen: ${JSON.stringify(r.methods_chosen)}`);
	console.log(lines.join('\n'));
}

/** Runs the cases `jobs` at a time, in order of the list. */
async function runAll(cases) {
	const results = new Array(cases.length);
	let next = 0;
	await Promise.all(Array.from({ length: Math.min(jobs, cases.length) }, async () => {
		while (next < cases.length) {
			const i = next++;
			results[i] = await runCase(cases[i]);
		}
	}));
	return results;
}

const geometricMean = (values) => Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);

function summarizeCases(results) {
	const scored = results.filter((r) => r.rmsse_ratio && r.total_ratio);
	const worst = (key) => scored.reduce((w, r) => (r[key] > w[key] ? r : w), scored[0]);
	const weeks = results.flatMap((r) => r.coverage_by_week.filter((v) => v !== null));
	const summary = {
		cases: results.length,
		geometric_mean_rmsse_ratio: geometricMean(scored.map((r) => r.rmsse_ratio)),
		geometric_mean_total_ratio: geometricMean(scored.map((r) => r.total_ratio)),
		worst_rmsse: { case: `${worst('rmsse_ratio').shop}@${worst('rmsse_ratio').cutoff}`, ratio: worst('rmsse_ratio').rmsse_ratio },
		worst_total: { case: `${worst('total_ratio').shop}@${worst('total_ratio').cutoff}`, ratio: worst('total_ratio').total_ratio },
		coverage_range: [Math.min(...results.map((r) => r.coverage)), Math.max(...results.map((r) => r.coverage))],
		weekly_coverage_range: [Math.min(...weeks), Math.max(...weeks)],
		mean_abs_bias_pct: results.reduce((s, r) => s + Math.abs(r.bias_pct), 0) / results.length,
		cases_meeting_goals: results.filter((r) => r.rmsse_ratio <= GOALS.ratio && r.total_ratio <= GOALS.ratio && r.coverage >= GOALS.coverage[0] && r.coverage <= GOALS.coverage[1]).length
	};
	console.log('\nSummary (ratios to the best peer of each case; below 1 is better; goal <= 0.9 each, geometric mean <= 0.85; coverage 75-85 %)');
	console.log(`  ${'case'.padEnd(26)} ${'rmsse x'.padStart(8)} ${'total x'.padStart(8)} ${'bias'.padStart(8)} ${'cover'.padStart(6)}  per week`);
	for (const r of results) console.log(`  ${`${r.shop}@${r.cutoff}`.padEnd(26)} ${fmt(r.rmsse_ratio).padStart(8)} ${fmt(r.total_ratio).padStart(8)} ${pct(r.bias_pct).padStart(8)} ${fmt(r.coverage, 2).padStart(6)}  ${r.coverage_by_week.map((v) => fmt(v, 2)).join(' ')}`);
	console.log(`  geometric mean: rmsse x${fmt(summary.geometric_mean_rmsse_ratio)}, total error x${fmt(summary.geometric_mean_total_ratio)}; worst: rmsse x${fmt(summary.worst_rmsse.ratio)} (${summary.worst_rmsse.case}), total error x${fmt(summary.worst_total.ratio)} (${summary.worst_total.case})`);
	console.log(`  coverage ${fmt(summary.coverage_range[0], 2)}-${fmt(summary.coverage_range[1], 2)} overall, ${fmt(summary.weekly_coverage_range[0], 2)}-${fmt(summary.weekly_coverage_range[1], 2)} per horizon week; mean |bias| ${summary.mean_abs_bias_pct.toFixed(1)}%; ${summary.cases_meeting_goals} of ${results.length} cases meet every goal`);
	return summary;
}

/** The segments' repurchase order (bench/segments.mjs), when that bench exists; its last line is JSON. */
async function segments() {
	if (flag('--no-segments') || !existsSync('bench/segments.mjs')) return null;
	const { stdout } = await run(process.execPath, ['bench/segments.mjs', ...(quick ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 1 << 26 });
	const lines = stdout.trim().split('\n');
	console.log(`\nCustomer segments (bench/segments.mjs)\n${lines.slice(0, -1).join('\n')}`);
	return JSON.parse(lines.at(-1));
}

/** Whole-catalogue training in the app's Web Worker in Chromium (bench/forecast-browser.mjs), on Online Retail. */
async function chromiumWorker() {
	if (!flag('--chromium')) return null;
	if (!existsSync('build/index.html')) throw new Error('--chromium needs a build (npm run build)');
	const { stdout } = await run(process.execPath, ['bench/forecast-browser.mjs', harnessCases({ shops: ['online-retail'] })[0].file], { encoding: 'utf8', maxBuffer: 1 << 26 });
	const [result] = Object.values(lastJson(stdout));
	console.log(`\nChromium worker (the app's models page, Online Retail): ${result.products} products trained and forecast in ${result.seconds} s (${result.backend}); longest main-thread task ${result.max_main_thread_task_ms ? `${result.max_main_thread_task_ms} ms` : 'under 50 ms'}`);
	return result;
}

try {
	const started = performance.now();
	const cases = harnessCases({ quick, shops });
	console.log(`bench:forecast: ${cases.length} cases${quick ? ' (--quick)' : ''}, horizon ${HORIZON}, ${jobs} at a time`);
	const results = await runAll(cases);
	const summary = summarizeCases(results);
	const segmentFigures = await segments();
	const chromium = await chromiumWorker();
	const minutes = (performance.now() - started) / 60_000;
	console.log(`\nHarness wall time ${minutes.toFixed(1)} min`);
	console.log(JSON.stringify({ quick, horizon: HORIZON, minutes: Math.round(minutes * 10) / 10, summary, cases: results, segments: segmentFigures, chromium_worker: chromium }));
} finally {
	rmSync(scratch, { recursive: true, force: true });
}
