// npm run bench:segments [-- --quick] — do the customer segments mean what they say? The protocol
// of issue 15: each shop with customers (Online Retail, the coffee kiosk's card ids, the
// superstore) is imported once through the CLI (`inventario import`) into a scratch SQLite store;
// at several month-end cutoffs spread over its data, `inventario segments --until CUTOFF --out F`
// segments its customers, and each segment's real repurchase is measured: the share of its
// customers who bought at least once in the month after the cutoff. The segments should be in the
// order VIP > Frecuente > Ocasional > En riesgo > Inactivo (Nuevo is measured, not ranked: a
// newcomer's second purchase is its own question); a break is marked "within noise" when the gap
// is at most two standard errors (a few buyers per segment). `--quick` keeps one cutoff per shop
// (the last).
// Prints one table per cutoff and, as its LAST line, one JSON object (bench/forecast.mjs prints
// the tables and keeps the JSON).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { register } from 'tsx/esm/api';

register();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The shared data sets (../shared/data beside the project; SHARED_DATA=DIR for a clone elsewhere). */
const data = (file) => path.resolve(process.env.SHARED_DATA ?? path.join(root, '../shared/data'), file);

/**
 * Cutoffs are month ends whose next month is wholly in the data, spread from early in each file
 * (little history) to its last full month. Every file is imported with the mapping the import
 * detects (the coffee kiosk's `card` is its customer, `money` the line total).
 */
const SHOPS = [
	{ shop: 'online-retail', file: data('online-retail/online_retail_2010-12_2011-09.csv'), cutoffs: ['2011-02-28', '2011-04-30', '2011-06-30', '2011-08-31'] },
	{ shop: 'coffee-kiosk', file: data('coffee-kiosk/coffee_sales_2024-03_2025-03.csv'), cutoffs: ['2024-05-31', '2024-08-31', '2024-11-30', '2025-01-31'] },
	{ shop: 'superstore', file: data('superstore/superstore_orders_2019-2022.csv'), cutoffs: ['2019-12-31', '2020-09-30', '2021-06-30', '2022-03-31', '2022-11-30'] }
];
/** The order the repurchase should follow, in the CLI's (Spanish) names; Nuevo is reported beside it. */
const ORDER = ['VIP', 'Frecuente', 'Ocasional', 'En riesgo', 'Inactivo'];
const SHOWN = [...ORDER, 'Nuevo'];

const quick = process.argv.includes('--quick');
const log = (...a) => console.log(...a);
const round = (x, digits = 3) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const percent = (x) => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);

const { SqlRepository } = await import('../src/sql/sql-repository.ts');
const { buildBaskets } = await import('../src/core/insights/baskets.ts');
const { parseIsoDay, isoDay } = await import('../src/core/time.ts');

/** The first and last day of the month after a month-end cutoff. */
function nextMonth(cutoff) {
	const from = parseIsoDay(cutoff) + 1;
	const start = new Date(`${isoDay(from)}T00:00:00Z`);
	const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
	return { from, to: parseIsoDay(end.toISOString().slice(0, 10)) };
}

/** Customer codes (as the CLI's CSV names them) with a purchase between two days. */
async function buyersBetween(db, from, to) {
	const repo = await SqlRepository.open(db);
	try {
		const [blocks, customers] = await Promise.all([repo.saleBlocks(from, to), repo.listCustomers()]);
		const codeOf = new Map(customers.map((c) => [c.id, c.code || c.name]));
		const baskets = buildBaskets(blocks, { fromDay: from, toDay: to });
		return new Set(Array.from(baskets.customer).filter((c) => c >= 0).map((c) => codeOf.get(baskets.customers[c])));
	} finally {
		await repo.close();
	}
}

/**
 * Where the order breaks: each adjacent pair of present segments whose repurchase is not strictly
 * decreasing, marked "within noise" when the gap is at most two standard errors of the difference
 * of the two shares (with a few buyers per segment, one customer more or less can swap them).
 */
function orderBreaks(repurchase, sizes) {
	const present = ORDER.filter((s) => repurchase[s] !== null);
	const breaks = [];
	for (let i = 1; i < present.length; i++) {
		const a = present[i - 1], b = present[i], pa = repurchase[a], pb = repurchase[b];
		if (pa > pb) continue;
		const se = Math.sqrt((pa * (1 - pa)) / sizes[a] + (pb * (1 - pb)) / sizes[b]);
		breaks.push({ pair: `${a} ${percent(pa)} <= ${b} ${percent(pb)}`, within_noise: pb - pa <= 2 * se });
	}
	return breaks;
}

async function measureCutoff(cli, db, scratch, cutoff) {
	const csv = path.join(scratch, `segments-${cutoff}.csv`);
	const report = JSON.parse(cli('segments', '--until', cutoff, '--out', csv, '--json'));
	const rows = Papa.parse(fs.readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
	const { from, to } = nextMonth(cutoff);
	const buyers = await buyersBetween(db, from, to);
	const sizes = Object.fromEntries(SHOWN.map((s) => [s, 0])), again = Object.fromEntries(SHOWN.map((s) => [s, 0]));
	for (const row of rows) {
		sizes[row.segment]++;
		if (buyers.has(row.customer_id)) again[row.segment]++;
	}
	const repurchase = Object.fromEntries(SHOWN.map((s) => [s, sizes[s] > 0 ? again[s] / sizes[s] : null]));
	const breaks = orderBreaks(repurchase, sizes);
	const absent = SHOWN.filter((s) => sizes[s] === 0);
	// Why an empty segment is empty, when the report says (the one-to-one naming gives reasons).
	const reasons = Object.fromEntries((report.segments ?? []).filter((s) => s.customers === 0 && s.why_empty).map((s) => [s.segment, s.why_empty]));
	return {
		cutoff, next_month: `${isoDay(from)}..${isoDay(to)}`, customers: rows.length, k: report.k, silhouette: round(report.silhouette), newcomer_days: report.newcomerDays ?? null,
		sizes, repurchase: Object.fromEntries(SHOWN.map((s) => [s, round(repurchase[s])])), next_month_buyers: rows.filter((r) => buyers.has(r.customer_id)).length,
		ordered: breaks.length === 0, ordered_beyond_noise: breaks.every((b) => b.within_noise), all_present: absent.length === 0,
		breaks, absent, empty_reasons: reasons
	};
}

function printCase(shop, c) {
	log(`${shop} @ ${c.cutoff}: ${c.customers} customers, k ${c.k} (silhouette ${c.silhouette}), newcomer window ${c.newcomer_days} days; bought again in ${c.next_month}: ${c.next_month_buyers} (${percent(c.next_month_buyers / c.customers)})`);
	log(`  ${'segment'.padEnd(10)} ${'customers'.padStart(9)} ${'bought again'.padStart(13)}`);
	for (const s of SHOWN) log(`  ${s.padEnd(10)} ${String(c.sizes[s]).padStart(9)} ${percent(c.repurchase[s]).padStart(13)}${s === 'Nuevo' ? '  (not ranked)' : ''}`);
	const order = c.ordered ? 'holds' : `breaks: ${c.breaks.map((b) => `${b.pair}${b.within_noise ? ' (within noise)' : ''}`).join('; ')}`;
	log(`  VIP > Frecuente > Ocasional > En riesgo > Inactivo ${order}${c.absent.length ? `; empty: ${c.absent.join(', ')}` : ''}`);
	for (const reason of Object.values(c.empty_reasons)) log(`    ${reason}`);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-segments-'));
const started = performance.now();
const cases = [];
try {
	for (const shop of SHOPS) {
		const db = path.join(scratch, `${shop.shop}.db`);
		const cli = (...args) => execFileSync(process.execPath, [path.join(root, 'bin/inventario.mjs'), ...args, '--db', db], { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 });
		const imported = JSON.parse(cli('import', shop.file, '--json'));
		log(`${shop.shop}: imported ${imported.imported} lines (${imported.rejected} rejected), ${imported.customersCreated} customers`);
		for (const cutoff of quick ? shop.cutoffs.slice(-1) : shop.cutoffs) {
			const c = await measureCutoff(cli, db, scratch, cutoff);
			printCase(shop.shop, c);
			cases.push({ shop: shop.shop, ...c });
		}
		log('');
	}
} finally {
	fs.rmSync(scratch, { recursive: true, force: true });
}
const ordered = cases.filter((c) => c.ordered).length, allPresent = cases.filter((c) => c.all_present).length;
const noBreakBeyondNoise = cases.filter((c) => c.ordered_beyond_noise).length;
log(`order held at ${ordered} of ${cases.length} cutoffs (no break beyond noise at ${noBreakBeyondNoise}); all six segments present at ${allPresent} of ${cases.length}`);
console.log(JSON.stringify({
	quick, order: ORDER, cases_total: cases.length, ordered_cases: ordered, no_break_beyond_noise_cases: noBreakBeyondNoise, all_present_cases: allPresent,
	seconds: Math.round((performance.now() - started) / 100) / 10, cases
}));
