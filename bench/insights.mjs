// npm run bench:insights — recommendations and customer segments on the real Online Retail data
// (../shared/data/online-retail), with the protocol of issue 6:
// 1. imports the file through the CLI (`inventario import`) into a scratch SQLite store in a temp dir;
// 2. learns from the baskets up to 2011-08-31 and tests on September 2011: for every basket with two
//    or more products, hides one (picked by a hash of the basket's position, the same every run) and
//    checks whether the ten recommendations from the rest name it. Compared with the most popular
//    products and with plain co-occurrence (each product's ten most frequent basket companions);
//    the hybrid is measured from the basket alone and with the customer's history;
// 3. segments customers as of 2011-08-31 through the CLI (`inventario segments --out`) and measures
//    the share of each segment's customers who buy again in September;
// 4. times the model (baskets + recommendation model + segments for every customer and product) in
//    Node, and one recommendation lookup for a test basket with its customer (what the sale screen
//    asks on every item added). The same computation in the app's worker in Chromium comes from
//    bench/insights-browser.mjs (chromium_worker_seconds, with the page's longest main-thread task);
//    null when there is no build (`npm run build`) or Chromium fails.
// Prints progress lines and, as its LAST line, one JSON object with the figures.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { register } from 'tsx/esm/api';

register();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.resolve(root, '../shared/data/online-retail/online_retail_2010-12_2011-09.csv');
const TRAIN_UNTIL = '2011-08-31', TEST_FROM = '2011-09-01', TEST_TO = '2011-09-30';
const ORDER = ['VIP', 'Frecuente', 'Ocasional', 'En riesgo', 'Inactivo'];
const log = (...a) => console.log('[bench:insights]', ...a);
const seconds = (ms) => Math.round(ms) / 1000;
const round = (x, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

const { SqlRepository } = await import('../src/sql/sql-repository.ts');
const { buildBaskets } = await import('../src/core/insights/baskets.ts');
const { buildRecommendationModel } = await import('../src/core/insights/recommendation-model.ts');
const { Recommender } = await import('../src/core/insights/recommender.ts');
const { repeatPurchases, segmentCustomers } = await import('../src/core/insights/customer-segments.ts');
const { hitRate, testBaskets, popularityBaseline, coOccurrenceBaseline } = await import('../src/core/insights/hit-rate.ts');
const { expectedPurchases } = await import('../src/core/insights/bg-nbd.ts');
const { parseIsoDay } = await import('../src/core/time.ts');

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-insights-'));
const db = path.join(scratch, 'retail.db');
/** The same learning in the app's worker in headless Chromium (bench/insights-browser.mjs), or null without a build. */
function chromiumWorker() {
	if (!fs.existsSync(path.join(root, 'build/index.html'))) {
		log('no build/: chromium_worker_seconds left null (run `npm run build` first)');
		return null;
	}
	try {
		const out = execFileSync(process.execPath, [path.join(root, 'bench/insights-browser.mjs'), '--until', TRAIN_UNTIL], { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20 });
		const lines = out.trim().split('\n');
		for (const line of lines.slice(0, -1)) log(line);
		return JSON.parse(lines.at(-1));
	} catch (e) {
		log(`the Chromium worker bench failed: ${e instanceof Error ? e.message : e}`);
		return null;
	}
}

const cli = (...args) => execFileSync(process.execPath, [path.join(root, 'bin/inventario.mjs'), ...args, '--db', db], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });

try {
	log(`importing ${path.relative(root, DATA)} through the CLI into ${db}`);
	let t = performance.now();
	const imported = JSON.parse(cli('import', DATA, '--json'));
	log(`imported ${imported.imported} lines (${imported.rejected} rejected) in ${seconds(performance.now() - t)} s`);

	const until = parseIsoDay(TRAIN_UNTIL), testFrom = parseIsoDay(TEST_FROM), testTo = parseIsoDay(TEST_TO);
	const repo = await SqlRepository.open(db);
	t = performance.now();
	const [blocks, products, customers] = await Promise.all([repo.saleBlocks(undefined, until), repo.listProducts(), repo.listCustomers()]);
	const readMs = performance.now() - t;
	const testBlocks = await repo.saleBlocks(testFrom, testTo);
	await repo.close();

	// The whole model, timed as the worker will run it: baskets, recommendations, segments. Wall
	// time, and this process's CPU time (user + system), which other jobs on a shared machine
	// inflate much less.
	const cpuMs = (since) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1000; };
	let cpu = process.cpuUsage();
	t = performance.now();
	const train = buildBaskets(blocks, { toDay: until });
	const basketsMs = performance.now() - t, basketsCpu = cpuMs(cpu);
	cpu = process.cpuUsage();
	t = performance.now();
	const model = buildRecommendationModel(train, products, until);
	const modelMs = performance.now() - t, modelCpu = cpuMs(cpu);
	cpu = process.cpuUsage();
	t = performance.now();
	const segmentation = segmentCustomers(train, until);
	const segmentsMs = performance.now() - t, segmentsCpu = cpuMs(cpu);
	log(`model: ${train.day.length} baskets, ${model.products.length} products, ${segmentation.customers.length} customers; wall (cpu) baskets ${seconds(basketsMs)} (${seconds(basketsCpu)}) s, recommendations ${seconds(modelMs)} (${seconds(modelCpu)}) s, segments ${seconds(segmentsMs)} (${seconds(segmentsCpu)}) s; store read ${seconds(readMs)} s`);

	const testSet = buildBaskets(testBlocks, { fromDay: testFrom, toDay: testTo });
	const test = testBaskets(testSet);
	const recommender = new Recommender(model);
	// The sale screen asks on every item added: time the lookups themselves.
	let lookupMs = 0, lookups = 0;
	const timedLookup = (rest, c, k) => {
		const started = performance.now();
		const ids = recommender.forBasket(rest, c, k).map((r) => r.productId);
		lookupMs += performance.now() - started;
		lookups++;
		return ids;
	};
	const rates = {
		hybrid: hitRate(test, (rest, _c, k) => recommender.forBasket(rest, null, k).map((r) => r.productId)),
		hybrid_with_customer: hitRate(test, timedLookup),
		popularity: hitRate(test, popularityBaseline(train)),
		co_occurrence: hitRate(test, coOccurrenceBaseline(train))
	};
	log(`hit rate@10 on ${test.length} September baskets: ${Object.entries(rates).map(([k, v]) => `${k} ${round(v)}`).join(', ')}`);
	const meanBasket = test.reduce((n, b) => n + b.items.length - 1, 0) / test.length;
	log(`lookup for a basket (mean ${round(meanBasket, 1)} products) with its customer: ${round((lookupMs / lookups) * 1000, 1)} µs`);

	// Segments through the CLI, so the CSV the owner gets is what is measured.
	const segmentsCsv = path.join(scratch, 'segments.csv');
	cli('segments', '--until', TRAIN_UNTIL, '--out', segmentsCsv);
	const rows = Papa.parse(fs.readFileSync(segmentsCsv, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
	const codeOf = new Map(customers.map((c) => [c.id, c.code]));
	const septemberBuyers = new Set(Array.from(testSet.customer).filter((c) => c >= 0).map((c) => codeOf.get(testSet.customers[c])));
	const sizes = {}, repurchase = {};
	for (const row of rows) {
		sizes[row.segment] = (sizes[row.segment] ?? 0) + 1;
		repurchase[row.segment] = (repurchase[row.segment] ?? 0) + (septemberBuyers.has(row.customer_id) ? 1 : 0);
	}
	for (const s of Object.keys(repurchase)) repurchase[s] = round(repurchase[s] / sizes[s]);
	const present = ORDER.filter((s) => sizes[s] > 0);
	const ordered = present.every((s, i) => i === 0 || repurchase[present[i - 1]] > repurchase[s]);
	log(`segments (k ${segmentation.k}, silhouette ${round(segmentation.silhouette, 3)}): ${Object.entries(sizes).map(([s, n]) => `${s} ${n} (${repurchase[s]})`).join(', ')}; ordered ${ordered}${present.length < ORDER.length ? `; absent: ${ORDER.filter((s) => !sizes[s]).join(', ')}` : ''}`);

	// The lifetime value's purchase model against the test month: expected purchase days of the
	// segmented customers over the month's length vs the days they actually bought.
	const boughtDays = new Map();
	for (let i = 0; i < testSet.day.length; i++) {
		const c = testSet.customer[i];
		if (c < 0) continue;
		const id = testSet.customers[c];
		if (!boughtDays.has(id)) boughtDays.set(id, new Set());
		boughtDays.get(id).add(testSet.day[i]);
	}
	const monthWeeks = (testTo - testFrom + 1) / 7;
	let expectedDays = 0, actualDays = 0;
	for (const c of segmentation.customers) {
		expectedDays += expectedPurchases(repeatPurchases(c, until), segmentation.ltvModel.params, monthWeeks);
		actualDays += boughtDays.get(c.customerId)?.size ?? 0;
	}
	log(`BG/NBD: ${Math.round(expectedDays)} purchase days expected in the test month from the segmented customers, ${actualDays} happened`);

	// The CSV of every product's recommendations, as the CLI writes it (checks it runs on the whole data).
	t = performance.now();
	cli('recommend', '--all', '--top', '10', '--until', TRAIN_UNTIL, '--out', path.join(scratch, 'recommend.csv'));
	const recommendAllS = seconds(performance.now() - t);

	const chromium = chromiumWorker();

	console.log(JSON.stringify({
		data: path.relative(root, DATA), train_until: TRAIN_UNTIL, test: `${TEST_FROM}..${TEST_TO}`,
		train_baskets: train.day.length, test_baskets: test.length, products: model.products.length, customers: segmentation.customers.length,
		hit_rate_at_10: Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, round(v)])),
		hybrid_vs_co_occurrence: round(rates.hybrid / rates.co_occurrence, 3),
		hybrid_with_customer_vs_co_occurrence: round(rates.hybrid_with_customer / rates.co_occurrence, 3),
		co_occurrence_vs_popularity: round(rates.co_occurrence / rates.popularity, 3),
		segments: { k: segmentation.k, silhouette: round(segmentation.silhouette, 3), sizes, repurchase_rate: repurchase, order: ORDER, ordered, absent: ORDER.filter((s) => !sizes[s]) },
		node_seconds: { store_read: seconds(readMs), baskets: seconds(basketsMs), recommendation_model: seconds(modelMs), segments: seconds(segmentsMs), model_total: seconds(basketsMs + modelMs + segmentsMs) },
		node_cpu_seconds: { baskets: seconds(basketsCpu), recommendation_model: seconds(modelCpu), segments: seconds(segmentsCpu), model_total: seconds(basketsCpu + modelCpu + segmentsCpu) },
		bg_nbd_test_month: { expected_purchase_days: Math.round(expectedDays), actual_purchase_days: actualDays },
		lookup_microseconds: round((lookupMs / lookups) * 1000, 1),
		cli_recommend_all_seconds: recommendAllS,
		chromium_worker_seconds: chromium?.worker_s ?? null,
		chromium_max_main_thread_task_ms: chromium?.max_main_thread_task_ms ?? null
	}));
} finally {
	fs.rmSync(scratch, { recursive: true, force: true });
}
