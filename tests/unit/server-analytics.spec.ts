// The analytics API on SQLite and PostgreSQL, on a small tea shop (tests/unit/insights-fixture.ts:
// 8 products, 12 customers, 200 days): the first forecast request trains first and answers the
// days with P10 <= P50 <= P90; the training job's lifecycle seen from a second instance while the
// event loop keeps answering; staff refused; alerts dismissed; and every analytic endpoint giving
// the very rows the CLI's report builder gives on the same data (and printed by the CLI's own
// printers the same way).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayNumber, LocalTimestamp } from '../../src/core/brand';
import { dashboardSummary } from '../../src/core/dashboard';
import { forecastsFromRun, realizedAccuracy, type ForecastRun } from '../../src/core/forecast-runs';
import { alertJson, alertsJson, healthJson, loadHealthReport } from '../../src/core/reports/health';
import { allRecommendations, customerRecommendations, productRecommendations, segmentsReport } from '../../src/core/reports/insights';
import { productForecastItems, totalForecastReport, totalFromRun, readDemand, categoryIds } from '../../src/core/reports/forecast';
import { reorderReport } from '../../src/core/reports/reorder';
import { trendsReport } from '../../src/core/reports/trends';
import { recentPrices } from '../../src/core/forecast/totals';
import { receiveGoods } from '../../src/core/stock-ops';
import { isoDay, today } from '../../src/core/time';
import { printAlerts } from '../../src/cli/commands/alerts';
import { printHealth } from '../../src/cli/commands/health';
import { printReorder } from '../../src/cli/commands/reorder';
import { printSegments } from '../../src/cli/commands/segments';
import { printTrends } from '../../src/cli/commands/trends';
import { SqlForecastStore } from '../../src/sql/sql-forecast-store';
import { SqlRepository } from '../../src/sql/sql-repository';
import { describeEachSql } from '../support/sql-databases';
import { expectProblem, testServer, type TestServer } from '../support/server';
import { buildInsightsShop, LAST_DAY, type InsightsShop } from './insights-fixture';

/** What a value looks like once it has been JSON (what the API answers). */
const asJson = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** A printer's lines. */
const printed = (print: (out: (line: string) => void) => void) => {
	const lines: string[] = [];
	print((l) => lines.push(l));
	return lines.join('\n');
};

describeEachSql('analytics API', (dialect) => {
	let s: TestServer;
	let admin: string, staff: string;
	let shop: InsightsShop;

	beforeAll(async () => {
		s = await testServer(dialect);
		const repo = new SqlRepository(s.sql, s.shopId);
		shop = await buildInsightsShop(repo);
		// Stock for some: plenty of tea (overstock), a little bread, red tea that never sold (dead stock).
		const stock = [['TEA', 900], ['BREAD', 3], ['NEWTEA', 40], ['MUG', 25]] as const;
		const received = await receiveGoods(repo, null, 'ALB-1', stock.map(([sku, q]) => ({ productId: shop.products.get(sku)!.id, quantity: q })), 'test');
		expect(received.ok).toBe(true);
		[admin, staff] = await Promise.all([s.tokenFor('admin'), s.tokenFor('staff')]);
	}, 60_000);
	afterAll(async () => s?.close());

	const get = (url: string, token = admin) => s.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` } });
	const post = (url: string, token = admin) => s.inject({ method: 'POST', url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` } });
	const ok = async (url: string) => {
		const r = await get(url);
		expect(r.statusCode, `GET ${url}: ${r.body}`).toBe(200);
		return r.json();
	};
	const repo = () => new SqlRepository(s.sql, s.shopId);
	const latestRun = async () => (await new SqlForecastStore(s.sql, s.shopId).latestRun())!;

	it('trains first when the shop has no forecast yet, then answers 14 days with P10 <= P50 <= P90', async () => {
		expect(await ok('/models')).toEqual([]);
		const answer = await ok('/forecast/TEA?horizon=14');
		expect(answer).toMatchObject({ sku: 'TEA', name: 'Té verde Sencha', horizon: 14, from: isoDay((LAST_DAY + 1) as DayNumber) });
		expect(answer.days).toHaveLength(14);
		answer.days.forEach((d: { date: string; p10: number; p50: number; p90: number; mean: number }, k: number) => {
			expect(d.date).toBe(isoDay((LAST_DAY + 1 + k) as DayNumber));
			expect(d.p10).toBeLessThanOrEqual(d.p50);
			expect(d.p50).toBeLessThanOrEqual(d.p90);
			expect(d.mean).toBeGreaterThanOrEqual(0);
		});
		expect(answer.days.some((d: { mean: number }) => d.mean > 0)).toBe(true);
		// What the training stored: the model (its networks too), the log, the run and the job.
		const [models, logs, jobs] = await Promise.all([ok('/models'), ok('/training-logs'), ok('/jobs')]);
		expect(models).toHaveLength(1);
		expect(models[0]).toMatchObject({ id: answer.run_id.split('#')[0], products: 7, sale_lines: shop.sales.reduce((n, x) => n + x.lines.length, 0) });
		expect(logs).toEqual([expect.objectContaining({ outcome: 'trained', model_id: models[0].id, error: null })]);
		expect(jobs).toEqual([expect.objectContaining({ kind: 'train', status: 'succeeded', progress: 1, created_by: s.usernameFor('admin') })]);
		expect(answer.model_version).toBeTruthy();
		// A product the run has no forecast for (it never sold): zeros, no-sales.
		const unsold = await ok('/forecast/NEWTEA?horizon=3');
		expect(unsold).toMatchObject({ method: 'no-sales', model_version: null });
		expect(unsold.days.map((d: { p90: number }) => d.p90)).toEqual([0, 0, 0]);
		// A horizon beyond the run's, an unknown product.
		expectProblem(await get('/forecast/TEA?horizon=200'), 400, /at most 60/);
		expectProblem(await get('/forecast/TEA?horizon=0'), 400);
		expectProblem(await get('/forecast/NOPE'), 404);
	}, 120_000);

	it('runs a training as a job: 202, progress and log, succeeded; a second instance sees it; the event loop keeps answering', async () => {
		const other = await s.another();
		const started = await post('/forecast/train');
		expect(started.statusCode, started.body).toBe(202);
		const { job_id: id, created } = started.json();
		expect(created).toBe(true);
		expect(started.headers.location).toBe(`/api/v1/jobs/${id}`);
		// One at a time: asked again (through either instance) it answers the same job.
		const again = await other.inject({ method: 'POST', url: '/api/v1/forecast/train', headers: { authorization: `Bearer ${admin}` } });
		expect(again.statusCode).toBe(202);
		expect(again.json()).toMatchObject({ job_id: id, created: false });

		const seen = new Set<string>();
		const progress: number[] = [];
		let slowest = 0, job;
		for (;;) {
			const t = performance.now();
			const health = await s.inject({ method: 'GET', url: '/healthz' });
			slowest = Math.max(slowest, performance.now() - t);
			expect(health.statusCode).toBe(200);
			const r = await other.inject({ method: 'GET', url: `/api/v1/jobs/${id}`, headers: { authorization: `Bearer ${admin}` } });
			expect(r.statusCode).toBe(200);
			job = r.json();
			seen.add(job.status);
			progress.push(job.progress);
			if (job.status !== 'queued' && job.status !== 'running') break;
			await new Promise((res) => setTimeout(res, 50));
		}
		expect(job.status, job.error).toBe('succeeded');
		expect(seen.has('running')).toBe(true);
		// Progress only grows, and ends at 1.
		expect(progress).toEqual([...progress].sort((a, b) => a - b));
		expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
		expect(job.progress).toBe(1);
		expect(job.log.some((l: string) => /epoch \d+ of \d+/.test(l))).toBe(true);
		expect(job.log.at(-1)).toMatch(/stored model/);
		expect(job.result).toMatchObject({ horizon: 60, products: 7, networks_saved: true, from: isoDay((LAST_DAY + 1) as DayNumber) });
		expect(job.started_at).toBeTruthy();
		expect(job.ended_at).toBeTruthy();
		// A functional check, not a benchmark: the API answered while the network trained.
		expect(slowest).toBeLessThan(1000);
		const models = await ok('/models');
		expect(models).toHaveLength(2);
		expect(models[0].id).toBe(job.result.model_id);
		const latest = await latestRun();
		expect(latest.id).toBe(job.result.run_id);
		expectProblem(await get('/jobs/no-such-job'), 404);
	}, 120_000);

	it('refuses staff the admin analytics (403) and says 409 when a shop has nothing to learn from', async () => {
		for (const [method, url] of [['GET', '/segments'], ['POST', '/forecast/train'], ['GET', '/trends'], ['GET', '/forecast/TEA'], ['GET', '/health'],
			['GET', '/alerts'], ['GET', '/reorder'], ['GET', '/models'], ['GET', '/dashboard'], ['GET', '/recommendations/products/TEA']] as const) {
			const r = method === 'GET' ? await get(url, staff) : await post(url, staff);
			expectProblem(r, 403, /only the shop's admins/);
		}
		const empty = await s.tokenFor('admin', 'empty');
		const made = await s.inject({ method: 'POST', url: '/api/v1/products', headers: { authorization: `Bearer ${empty}` }, payload: { sku: 'X1', name: 'Nada', unit_price: '1.00' } });
		expect(made.statusCode, made.body).toBe(201);
		for (const url of ['/forecast/X1?horizon=7', '/forecast', '/trends', '/segments', '/recommendations/products/X1']) expectProblem(await get(url, empty), 409);
		expectProblem(await post('/forecast/train', empty), 409, /no sales/);
		expectProblem(await get('/reorder', empty), 409, /forecast/);
		// Another shop's job is not this shop's.
		const [job] = await ok('/jobs');
		expectProblem(await get(`/jobs/${job.id}`, empty), 404);
	}, 60_000);

	it('answers every analytic with the rows the CLI\'s report builder makes on the same data', async () => {
		const r = repo();
		const run = await latestRun();
		const forecasts = [...forecastsFromRun(run).values()];

		expect(await ok('/trends?top=5&window=120')).toEqual(asJson(await trendsReport(r, { listSize: 5, windowDays: 120 })));

		const { run: ref, ...reorder } = await ok('/reorder?all=true&service_level=0.9&cover=21');
		const localReorder = await reorderReport(r, forecasts, { all: true, serviceLevel: 0.9, targetCoverDays: 21 });
		expect(reorder).toEqual(asJson(localReorder));
		expect(ref).toMatchObject({ id: run.id, horizon: run.horizon });

		const tea = shop.products.get('TEA')!, ana = shop.customers.get('C01')!;
		expect(await ok('/recommendations/products/TEA?top=3')).toEqual(asJson(await productRecommendations(r, tea, 3)));
		expect(await ok('/recommendations/products?top=2&until=2024-06-30')).toEqual(asJson(await allRecommendations(r, 2, (LAST_DAY - 18) as DayNumber)));
		expect(await ok('/recommendations/customers/C01?top=4')).toEqual(asJson(await customerRecommendations(r, ana, 4)));

		const segments = await segmentsReport(r);
		expect(await ok('/segments')).toEqual(asJson(segments.rows));
		expect(await ok('/reports/segments')).toEqual(asJson(segments));
		expect(await ok('/segments/C01')).toEqual({ ...asJson(segments.rows.find((x) => x.customer_id === 'C01')), name: 'Ana', as_of: segments.asOf });
		expectProblem(await get('/segments/NOBODY'), 404);

		const { report, forecastFrom } = await loadHealthReport(r, forecasts, { deadStockDays: 60 });
		expect(await ok('/health?dead_days=60')).toEqual(asJson(healthJson(report, forecastFrom)));
		const speed = await loadHealthReport(r, null);
		expect(await ok('/health?no_forecast=true')).toEqual(asJson(healthJson(speed.report, null)));
		const alerts = await ok('/alerts?dead_days=60');
		const strip = ({ key: _k, firstSeenAt: _f, updatedAt: _u, dismissedAt: _d, ...a }: Record<string, unknown>) => a;
		expect({ ...alerts, alerts: alerts.alerts.map(strip) }).toEqual(asJson(alertsJson(report, forecastFrom, report.alerts.map(alertJson))));
		expect(alerts.alerts.length).toBeGreaterThan(0);

		expect(await ok('/forecast?horizon=10')).toEqual(asJson(totalForecastReport(run.totals, 'shop', 10)));
		const demand = await readDemand(r);
		const bebidas = categoryIds(demand.products, 'Bebidas')!;
		const category = totalFromRun(run, recentPrices(demand.series, (run.fromDay - 1) as DayNumber), (id) => bebidas.has(id));
		expect(await ok('/forecast?scope=category&category=bebidas&horizon=5')).toEqual(asJson(totalForecastReport(category, 'bebidas', 5)));
		expectProblem(await get('/forecast?scope=category'), 400);
		expectProblem(await get('/forecast?scope=category&category=Nope'), 404);
		// The category's total sums its products' means.
		const teaDays = (await ok('/forecast/TEA?horizon=5')).days, coffeeDays = (await ok('/forecast/COFFEE?horizon=5')).days;
		const summed = (await ok('/forecast?scope=category&category=Bebidas&horizon=5')).days;
		summed.forEach((d: { units_mean: number }, k: number) => expect(d.units_mean).toBeCloseTo(teaDays[k].mean + coffeeDays[k].mean, 2));

		const all = await ok('/forecasts?horizon=3');
		const active = (await r.listProducts()).filter((p) => p.active);
		const items = asJson(productForecastItems(active, forecasts.map((f) => ({ ...f, p10: f.p10.slice(0, 3), p50: f.p50.slice(0, 3), p90: f.p90.slice(0, 3), mean: f.mean.slice(0, 3) })), run.fromDay, 3));
		expect(all.items.map((i: { sku: string; method: string }) => [i.sku, i.method])).toEqual(items.map((i) => [i.sku, i.method]));
		all.items.forEach((i: { p90: number[]; mean: number[] }, n: number) => {
			i.p90.forEach((v, k) => expect(v).toBeCloseTo(items[n].p90[k], 3));
			expect(i.mean).toEqual(items[n].mean);
		});

		const dashboard = await ok('/dashboard');
		const summary = await dashboardSummary(r, today(), 1);
		expect(dashboard).toMatchObject({ day: isoDay(today()), stock_value: (summary.stockValue / 100).toFixed(2), low_stock: summary.lowStockCount, out_of_stock: summary.outOfStockCount, active_products: 8 });
		expect(dashboard.health).toMatchObject({ day: isoDay(today()) });
		expect(dashboard.open_alerts).toBe(alerts.alerts.filter((a: { dismissedAt: string | null }) => a.dismissedAt === null).length);
	}, 60_000);

	it('prints the API\'s answers with the CLI\'s own printers as the local command prints its report', async () => {
		const r = repo();
		const forecasts = [...forecastsFromRun(await latestRun()).values()];
		const { report, forecastFrom } = await loadHealthReport(r, forecasts);
		const [apiHealth, apiAlerts, apiReorder, apiTrends, apiSegments] = await Promise.all([ok('/health'), ok('/alerts'), ok('/reorder'), ok('/trends'), ok('/reports/segments')]);
		const [reorder, trends, segments] = await Promise.all([reorderReport(r, forecasts), trendsReport(r), segmentsReport(r)]);
		const health = healthJson(report, forecastFrom);
		const alerts = alertsJson(report, forecastFrom, report.alerts.map(alertJson));
		for (const values of [{}, { json: true }]) {
			expect(printed((out) => printHealth(apiHealth, { ...values, top: '3' }, out))).toBe(printed((out) => printHealth(health, { ...values, top: '3' }, out)));
			expect(printed((out) => printAlerts(apiAlerts, values, out)).length).toBeGreaterThan(0);
			expect(printed((out) => printTrends(apiTrends, values, out))).toBe(printed((out) => printTrends(trends, values, out)));
		}
		// The stored alerts carry their keys and dismissals beside the figures; the table is the same.
		expect(printed((out) => printAlerts(apiAlerts, {}, out))).toBe(printed((out) => printAlerts(alerts, {}, out)));
		const csv: string[] = [], localCsv: string[] = [];
		expect(printed((out) => printReorder(apiReorder, { out: 'x.csv' }, out, (_f, text) => csv.push(text))))
			.toBe(printed((out) => printReorder(reorder, { out: 'x.csv' }, out, (_f, text) => localCsv.push(text))));
		expect(csv).toEqual(localCsv);
		expect(printed((out) => printReorder(apiReorder, { json: true }, out))).toBe(printed((out) => printReorder(reorder, { json: true }, out)));
		const files: string[][] = [], localFiles: string[][] = [];
		expect(printed((out) => printSegments(apiSegments, { out: 'seg.csv' }, out, (_f, parts) => files.push([...parts]))))
			.toBe(printed((out) => printSegments(segments, { out: 'seg.csv' }, out, (_f, parts) => localFiles.push([...parts]))));
		expect(files).toEqual(localFiles);
		expect(printed((out) => printSegments(apiSegments, { json: true }, out, () => {}))).toBe(printed((out) => printSegments(segments, { json: true }, out, () => {})));
	}, 60_000);

	it('keeps alerts with their dismissals: dismissed stays dismissed while its condition holds; unknown keys are 404', async () => {
		const before = await ok('/alerts');
		const target = before.alerts.find((a: { dismissedAt: string | null }) => a.dismissedAt === null);
		expect(target).toBeDefined();
		const dismissed = await post(`/alerts/${encodeURIComponent(target.key)}/dismiss`);
		expect(dismissed.statusCode, dismissed.body).toBe(200);
		expect(dismissed.json()).toMatchObject({ key: target.key, kind: target.kind, dismissedAt: expect.any(String) });
		const after = await ok('/alerts');
		expect(after.alerts.find((a: { key: string }) => a.key === target.key)).toMatchObject({ dismissedAt: dismissed.json().dismissedAt, firstSeenAt: target.firstSeenAt });
		expect((await ok('/alerts?open=true')).alerts.map((a: { key: string }) => a.key)).not.toContain(target.key);
		const kinds = (await ok(`/alerts?kind=${target.kind}`)).alerts.map((a: { kind: string }) => a.kind);
		expect(new Set(kinds)).toEqual(new Set([target.kind]));
		expectProblem(await get('/alerts?kind=nonsense'), 400);
		expectProblem(await post('/alerts/no-such-alert/dismiss'), 404);
		expect((await ok('/dashboard')).open_alerts).toBe(after.alerts.length - after.alerts.filter((a: { dismissedAt: string | null }) => a.dismissedAt !== null).length);
	}, 60_000);

	it('lists the stored runs with their measured accuracy (core realizedAccuracy)', async () => {
		const store = new SqlForecastStore(s.sql, s.shopId);
		const latest = await latestRun();
		// A run made 30 days before the last sale, as if stored then: its days have passed.
		const old: ForecastRun = { ...latest, id: 'older#1', createdAt: (latest.createdAt - 86_400_000) as LocalTimestamp, fromDay: (LAST_DAY - 29) as DayNumber };
		await store.putRun(old);
		const listed = await ok('/forecast-runs?sku=TEA');
		expect(listed.last_sale_day).toBe(isoDay(LAST_DAY as DayNumber));
		expect(listed.runs.map((x: { id: string }) => x.id)).toEqual((await store.listRuns()).map((x) => x.id));
		const measured = listed.runs.find((x: { id: string }) => x.id === 'older#1');
		expect(measured.accuracy).toMatchObject({ days: 30 });
		expect(measured.accuracy.coverage).toBeGreaterThanOrEqual(0);
		expect(measured.accuracy.coverage).toBeLessThanOrEqual(1);
		expect(listed.runs.find((x: { id: string }) => x.id === latest.id).accuracy).toBeNull();
		// The shop's total over the passed days is the sum of every product's realized accuracy.
		const runs = await store.listRuns();
		const series = await repo().allProductSeries();
		let forecastUnits = 0, actualUnits = 0;
		for (const id of old.productIds) {
			const [a] = realizedAccuracy(runs.filter((x) => x.id === 'older#1'), series.find((x) => x.productId === id), id, LAST_DAY as DayNumber);
			forecastUnits += a.forecastUnits;
			actualUnits += a.actualUnits;
		}
		expect(measured.accuracy.forecast_units).toBeCloseTo(forecastUnits, 3);
		expect(measured.accuracy.actual_units).toBeCloseTo(actualUnits, 6);
		const tea = shop.products.get('TEA')!;
		const expected = realizedAccuracy(runs, series.find((x) => x.productId === tea.id), tea.id, LAST_DAY as DayNumber);
		expect(listed.product.accuracy).toEqual(expected.map((a) => ({
			run_id: a.runId, model_version: a.modelVersion, method: a.method, from: isoDay(a.fromDay), days: a.days,
			forecast_units: expect.closeTo(a.forecastUnits, 4), actual_units: a.actualUnits, total_error: a.totalError === null ? null : expect.closeTo(a.totalError, 4), coverage: a.coverage
		})));
	}, 60_000);
});
