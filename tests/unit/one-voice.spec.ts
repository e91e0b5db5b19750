// One computation, one voice, on the sample shop: the dashboard's "to restock" KPI and the "needs
// you today" card (both from the kept view the app shows at once), the alerts list behind
// /alerts?filter=stock, the health score's parts and the Trends screen name the same numbers and
// the same products; the score never reads "good" beside a weak part; sold out is never "will run out".
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalTimestamp } from '$core/brand';
import { validateDemoBundle } from '$core/demo-bundle';
import { loadDemo } from '$core/demo-load';
import { MemoryAlertStore } from '$core/health/alert-store';
import { loadHealth, type HealthReport } from '$core/health/report';
import { levelOf } from '$core/health/score';
import { RESTOCK_ALERT_KINDS, RESTOCK_VERDICTS, type StockVerdict } from '$core/health/stock-status';
import { healthView, summarizeView, type HealthView } from '$core/health/view';
import { MemoryRepository } from '$core/memory-repository';
import { today } from '$core/time';
import { readChange } from '$core/trends/change';
import { trendsView, type TrendsView } from '$lib/components/trends/trends-view';

let report: HealthReport, view: HealthView, kept: HealthView, trends: TrendsView;

beforeAll(async () => {
	const repo = new MemoryRepository();
	const bundle = validateDemoBundle(JSON.parse(readFileSync('static/demo/demo-shop.json', 'utf8')));
	await loadDemo(repo, bundle, { today: today(), deviceId: 'test-device' });
	// The app before its first training: running out judged on sales speed, as on the sample shop's first day.
	report = await loadHealth(repo, null);
	const store = new MemoryAlertStore();
	const alerts = await store.reconcile(report.alerts, 1 as LocalTimestamp);
	view = healthView(report, alerts, await store.listSnapshots(), null, 0);
	// What the alerts service keeps in localStorage and shows the moment the app starts.
	kept = JSON.parse(JSON.stringify(summarizeView(view)));
	trends = trendsView(report);
}, 60_000);

const sorted = (skus: Iterable<string>) => [...skus].sort();
const alertSkus = (...kinds: string[]) => sorted(view.alerts.filter((a) => kinds.includes(a.kind)).map((a) => a.sku));
const verdictSkus = (...verdicts: StockVerdict[]) => sorted(report.products.filter((p) => verdicts.includes(p.verdict)).map((p) => p.sku));
const part = (name: string) => view.shop.parts.find((p) => p.part === name)!;

describe('the sample shop, one computation', () => {
	it('has products to restock (else this test would prove nothing)', () => {
		expect(view.counts.soldOut).toBeGreaterThan(0);
		expect(view.counts.runningOut).toBeGreaterThan(0);
		expect(view.counts.low).toBeGreaterThan(0);
	});

	it('counts the products to restock the same on the KPI, the card, the alerts list and the running-out part', () => {
		const toRestock = view.counts.soldOut + view.counts.runningOut + view.counts.low;
		expect(view.counts.toRestock).toBe(toRestock);
		// The dashboard KPI and the card's tiles, from the kept view, before any recomputation.
		expect(kept.counts).toEqual(view.counts);
		expect(RESTOCK_ALERT_KINDS.reduce((n, k) => n + kept.openByKind[k], 0)).toBe(toRestock);
		// /alerts?filter=stock lists one alert per product to restock.
		expect(view.alerts.filter((a) => RESTOCK_ALERT_KINDS.includes(a.kind))).toHaveLength(toRestock);
		expect(alertSkus(...RESTOCK_ALERT_KINDS)).toEqual(verdictSkus(...RESTOCK_VERDICTS));
		// The score's running-out part says the same number, split the same way.
		expect(part('stockOut')).toMatchObject({ products: toRestock, restock: { soldOut: view.counts.soldOut, runningOut: view.counts.runningOut, low: view.counts.low } });
	});

	it('names the same products under each verdict, alert and part', () => {
		expect(alertSkus('sold_out')).toEqual(verdictSkus('soldOut'));
		expect(alertSkus('stockout_predicted')).toEqual(verdictSkus('runningOut'));
		expect(alertSkus('low_stock')).toEqual(verdictSkus('low'));
		expect(alertSkus('overstock')).toEqual(verdictSkus('overstock'));
		expect(part('overstock').products).toBe(view.counts.overstock);
		expect(alertSkus('dead_stock')).toEqual(verdictSkus('dead'));
		expect(part('deadStock').products).toBe(view.counts.dead);
		expect(kept.openByKind).toEqual(view.openByKind);
		expect(view.counts.products).toBe(report.products.length);
	});

	it('never says "will run out" of a product already sold out', () => {
		const soldOut = new Set(verdictSkus('soldOut'));
		expect(view.alerts.filter((a) => a.kind === 'stockout_predicted' && soldOut.has(a.sku))).toEqual([]);
		expect(view.alerts.filter((a) => a.kind === 'sold_out').every((a) => report.products.find((p) => p.sku === a.sku)!.facts.onHand === 0)).toBe(true);
	});

	it('gives a score no better than its weakest part, named in its sentence', () => {
		const weakest = Math.min(...view.shop.parts.map((p) => p.score));
		expect(view.shop.score).toBeLessThanOrEqual(weakest);
		expect(view.shop.weakest).toBe('stockOut');
		// Products sold out or running out before a delivery, with a share of sales at risk: not "good".
		expect(part('stockOut').share).toBeGreaterThan(0.1);
		expect(levelOf(view.shop.score)).not.toBe('good');
		expect(kept.shop.score).toBe(view.shop.score);
	});

	it('shows on the Trends screen the alerts\' demand changes, dead stock and verdicts', () => {
		const flagged = [...trends.growing.products.filter(() => !trends.growing.unclear), ...trends.declining.products.filter(() => !trends.declining.unclear)];
		expect(sorted(flagged.map((p) => p.sku))).toEqual(alertSkus('demand_change'));
		expect(sorted(trends.deadStock.map((d) => d.sku))).toEqual(alertSkus('dead_stock'));
		expect(trends.deadStockCount).toBe(view.counts.dead);
		const verdictOf = new Map(report.products.map((p) => [p.sku, p.verdict]));
		for (const row of [...trends.highRotation, ...trends.lowRotation, ...trends.growing.products, ...trends.declining.products]) expect(row.verdict).toBe(verdictOf.get(row.sku) ?? null);
	});

	it('calls the hot-water bottle\'s rush unsure, not "no change", while its stock runs out at the pace the rush sells', () => {
		const bottle = report.trends.products.find((p) => p.sku === '22111')!;
		expect(bottle.trend.ratio).toBeGreaterThan(5);
		expect(readChange(bottle.trend, report.trends.options.significance).verdict).toBe('unsure');
		const health = report.products.find((p) => p.sku === '22111')!;
		// Judged on its last weeks' pace, not its year's average.
		expect(health.facts.demandPerDay).toBeCloseTo(bottle.trend.recentMean / 7, 6);
		expect(RESTOCK_VERDICTS as readonly StockVerdict[]).toContain(health.verdict);
	});

	it('keeps a summary small enough for localStorage', () => {
		expect(JSON.stringify({ version: 2, view: kept }).length).toBeLessThan(40_000);
		expect(kept.complete).toBe(false);
		expect(kept.worstProducts).toEqual([]);
	});
});
