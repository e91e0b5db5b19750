// npm run bench:forecast — the forecasting engine against the peers of ../shared/tools/score-forecast.py
// on the three shared data sets: imports each file with `inventario backtest` (same auto-detection as
// `inventario import`), trains on the days up to the cutoff, forecasts 28 days, and scores the chosen
// forecasts and every single method beside the scorer's peers. Prints a table per data set and, last,
// one JSON line with the figures the issue asks for.
//   node bench/forecast.mjs [online-retail|bread-basket|pharmacy ...]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';

const BIN = 'bin/inventario.mjs';
const SCORER = '../shared/tools/score-forecast.py';
const PYTHON = '/usr/bin/python3';
const HORIZON = 28;
const DATA_SETS = [
	{ name: 'online-retail', file: '../shared/data/online-retail/online_retail_2010-12_2011-09.csv', cutoff: '2011-08-31' },
	{ name: 'bread-basket', file: '../shared/data/bread-basket/BreadBasket_DMS.csv', cutoff: '2017-03-12' },
	// The wizard asks how to read pharmacy's 1/2/2014 dates: month first, as its README says.
	{ name: 'pharmacy', file: '../shared/data/pharmacy/salesdaily.csv', cutoff: '2019-09-10', dateOrder: 'mdy' }
];
const PEERS = ['seasonal_naive', 'seed_random_forest', 'global_gbm', 'r_ets_croston'];

/**
 * Training + forecasting the whole catalogue in the app's Web Worker in Chromium: bench/forecast-browser.mjs
 * imports the file through the wizard of the built app and presses "Entrenar ahora" on /models (it
 * trains on the whole file, not up to the cutoff). Null when there is no build (never estimated).
 */
function chromiumWorker(dataSet) {
	if (!existsSync('build/index.html')) return { seconds: null, maxMainThreadTaskMs: null };
	const spec = dataSet.dateOrder ? `${dataSet.file}:${dataSet.dateOrder}` : dataSet.file;
	const output = execFileSync(process.execPath, ['bench/forecast-browser.mjs', spec], { encoding: 'utf8', maxBuffer: 1 << 26 });
	const [result] = Object.values(JSON.parse(output.trim().split('\n').at(-1)));
	console.log(`  Chromium worker (the app's models page): ${result.products} products trained and forecast in ${result.seconds} s (${result.backend}); longest main-thread task ${result.max_main_thread_task_ms ? `${result.max_main_thread_task_ms} ms` : 'under 50 ms'}`);
	return { seconds: result.seconds, maxMainThreadTaskMs: result.max_main_thread_task_ms };
}

const inventario = (...args) => execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

/** SALES_LONG (date,sku,qty) as the app sees the file: imported, exported, units sold (returns are not demand). */
function salesLong(file, dir) {
	const db = join(dir, 'store.db'), exported = join(dir, 'sales-export.csv'), out = join(dir, 'sales-long.csv');
	inventario('import', file, '--db', db, '--json');
	inventario('export', 'sales', '--out', exported, '--db', db);
	const { data } = Papa.parse(readFileSync(exported, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
	const lines = ['date,sku,qty'];
	for (const row of data) {
		const qty = Number(row.quantity);
		if (!(qty > 0)) continue;
		const sku = row.sku.startsWith("'") ? row.sku.slice(1) : row.sku;
		lines.push(`${row.date_time.slice(0, 10)},${/[",\n]/.test(sku) ? `"${sku.replace(/"/g, '""')}"` : sku},${qty}`);
	}
	writeFileSync(out, lines.join('\n') + '\n');
	return out;
}

/** The same forecasts with the engine's strict daily median in the p50 column (one more engine run, --point median). */
function strictMedianCsv(set) {
	const dir = mkdtempSync(join(tmpdir(), `bench-forecast-median-${set.name}-`));
	try {
		const out = join(dir, 'median.csv');
		inventario('backtest', set.file, '--cutoff', set.cutoff, '--horizon', String(HORIZON), '--out', out, '--point', 'median', '--db', join(dir, 'unused.db'));
		return readFileSync(out, 'utf8');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

function score(sales, cutoff, predictions, peers) {
	const args = [SCORER, sales, cutoff, String(HORIZON), predictions];
	if (peers) args.push('--peers', peers);
	const text = execFileSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
	return JSON.parse(text.trim().split('\n').pop());
}

const fmt = (v, digits = 3) => (v === null || v === undefined ? '-' : Number(v).toFixed(digits));

async function bench(set) {
	const dir = mkdtempSync(join(tmpdir(), `bench-forecast-${set.name}-`));
	try {
		const predictions = join(dir, 'project.csv'), methodsDir = join(dir, 'methods');
		const started = performance.now();
		const summary = JSON.parse(inventario('backtest', set.file, '--cutoff', set.cutoff, '--horizon', String(HORIZON), '--out', predictions,
			'--methods-out', methodsDir, '--json', '--db', join(dir, 'unused.db')).trim().split('\n').pop());
		const wall = (performance.now() - started) / 1000;
		const sales = salesLong(set.file, dir);
		const full = score(sales, set.cutoff, predictions);
		// The CSV's p50 column carries the mean by default (docs/forecasting.md): the strict daily
		// median, scored too so the difference is on the table.
		const medianPredictions = join(dir, 'project-median.csv');
		writeFileSync(medianPredictions, strictMedianCsv(set));
		const median = score(sales, set.cutoff, medianPredictions, 'naive').project;
		const rows = [{ name: 'project (method per group)', ...full.project }, { name: '  same, p50 = strict median', ...median }];
		for (const file of readdirSync(methodsDir).sort()) {
			const method = file.replace(/\.csv$/, '');
			rows.push({ name: `  method ${method}`, ...score(sales, set.cutoff, join(methodsDir, file), 'naive').project });
		}
		for (const peer of PEERS) if (full[peer] && !full[peer].error) rows.push({ name: `peer ${peer}`, ...full[peer] });
		const failedPeers = PEERS.filter((p) => full[p]?.error).map((p) => `${p}: ${full[p].error}`);
		console.log(`\n${set.name}: cutoff ${set.cutoff}, horizon ${HORIZON}, ${full.products_scored} products scored (${full.products_missing_predictions} without predictions)`);
		console.log(`  ${'forecast'.padEnd(32)} ${'rmsse'.padStart(7)} ${'totwape'.padStart(8)} ${'mase'.padStart(7)} ${'wape'.padStart(7)} ${'bias%'.padStart(7)} ${'cover'.padStart(6)}`);
		for (const r of rows) console.log(`  ${r.name.padEnd(32)} ${fmt(r.rmsse_mean).padStart(7)} ${fmt(r.total_wape).padStart(8)} ${fmt(r.mase_mean).padStart(7)} ${fmt(r.wape).padStart(7)} ${fmt(r.bias_pct, 1).padStart(7)} ${fmt(r.coverage_p10_p90).padStart(6)}`);
		for (const failure of failedPeers) console.log(`  peer failed (left out of "best peer") ${failure}`);
		const peerRows = PEERS.map((p) => full[p]).filter((p) => p && !p.error);
		const best = (metric) => Math.min(...peerRows.map((p) => p[metric]).filter((v) => v !== null && v !== undefined));
		const seconds = summary.seconds;
		const trainForecast = seconds.prepare + seconds.train + seconds.backtest + seconds.forecast;
		console.log(`  vs best peer: rmsse x${fmt(full.project_vs_best_peer_rmsse_mean)}, total error x${fmt(full.project_vs_best_peer_total_wape)}`);
		console.log(`  Node: import ${fmt(seconds.import, 1)} s, training ${fmt(seconds.train, 1)} s (${summary.training?.examples ?? 0} examples, ${summary.training?.epochs ?? 0} epochs), backtest+forecast ${fmt(seconds.backtest + seconds.forecast, 1)} s, whole command ${fmt(wall, 1)} s; CPU time of training+forecasting ${fmt(seconds.cpuTrainForecast, 1)} s (wall time grows when other processes share the 2 cores; load average now ${loadavg()[0].toFixed(1)})`);
		console.log(`  methods chosen: ${JSON.stringify(summary.methods)}`);
		const chromium = chromiumWorker(set);
		return {
			rmsse: full.project.rmsse_mean, total_wape: full.project.total_wape, coverage: full.project.coverage_p10_p90,
			best_peer_rmsse: best('rmsse_mean'), best_peer_total_wape: best('total_wape'),
			node_train_forecast_seconds: Math.round(trainForecast * 10) / 10,
			node_train_forecast_cpu_seconds: Math.round(seconds.cpuTrainForecast * 10) / 10,
			chromium_worker_train_forecast_seconds: chromium.seconds,
			chromium_max_main_thread_task_ms: chromium.maxMainThreadTaskMs,
			strict_median_rmsse: median.rmsse_mean, strict_median_total_wape: median.total_wape
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const wanted = process.argv.slice(2);
for (const name of wanted) if (!DATA_SETS.some((d) => d.name === name)) throw new Error(`unknown data set "${name}"; choose from ${DATA_SETS.map((d) => d.name).join(', ')}`);
if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is needed to run the scorer`);
const result = {};
for (const set of DATA_SETS.filter((d) => wanted.length === 0 || wanted.includes(d.name))) result[set.name] = await bench(set);
console.log(JSON.stringify(result));
