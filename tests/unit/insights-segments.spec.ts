// RFM, clustering, BG/NBD and the whole segmentation on a small shop.
import { describe, expect, it } from 'vitest';
import { MemoryRepository } from '$core/memory-repository';
import { buildBaskets } from '$core/insights/baskets';
import { expectedPurchases, fitBgNbd, hyp2f1, logGamma, probabilityActive } from '$core/insights/bg-nbd';
import { clusterBySilhouette, silhouette, standardize } from '$core/insights/clustering';
import { callBackList, segmentCustomers } from '$core/insights/customer-segments';
import { nelderMead } from '$core/insights/nelder-mead';
import { customerActivity } from '$core/insights/rfm';
import { buildInsightsShop, LAST_DAY, START_DAY } from './insights-fixture';

async function shopBaskets() {
	const repo = new MemoryRepository();
	const built = await buildInsightsShop(repo);
	return { ...built, baskets: buildBaskets(await repo.saleBlocks()) };
}

describe('RFM', () => {
	it('counts recency, purchases and spend net of returns as of a day', async () => {
		const { baskets, customers } = await shopBaskets();
		const activity = customerActivity(baskets, LAST_DAY);
		expect(activity.length).toBe(12);
		const ana = activity.find((a) => a.customerId === customers.get('C01')!.id)!;
		// Every 7 days from day 0 to 198: 29 purchases of tea 3.00, mug 6.00, honey 5.00 x 10 (+ a teapot from day 170), minus 2 honeys back.
		const late = [175, 182, 189, 196].length;
		expect(ana).toMatchObject({ frequency: 29, purchaseDays: 29, recencyDays: 3, firstDay: START_DAY, lastDay: START_DAY + 196 });
		expect(ana.monetary).toBe(29 * 14_000 + late * 2_500 - 1_000);
		const asOfEarlier = customerActivity(baskets, START_DAY + 50);
		expect(asOfEarlier.find((a) => a.customerId === customers.get('C01')!.id)).toMatchObject({ frequency: 8, recencyDays: 1 });
		expect(asOfEarlier.some((a) => a.customerId === customers.get('C10')!.id)).toBe(false);
	});
});

describe('clustering', () => {
	it('standardizes columns and finds well separated groups with a high silhouette', () => {
		const groups = [[0, 0], [10, 0], [0, 10], [10, 10], [5, 20]];
		const rows = groups.flatMap(([x, y]) => Array.from({ length: 20 }, (_, i) => [x + (i % 5) * 0.1, y + Math.floor(i / 5) * 0.1]));
		const { points, mean, sd } = standardize(rows);
		expect(mean[0]).toBeCloseTo(5.2, 8);
		expect(points.reduce((s, p) => s + p[0], 0)).toBeCloseTo(0, 8);
		expect(sd[1]).toBeGreaterThan(0);
		const result = clusterBySilhouette(points, [3, 4, 5, 6], 6);
		expect(result.k).toBe(5);
		expect(result.silhouette).toBeGreaterThan(0.8);
		expect(result.tried.map((t) => t.k)).toEqual([3, 4, 5, 6]);
		// A clustering that cuts the groups at random scores near zero.
		expect(silhouette(points, points.map((_, i) => i % 5), 5)).toBeLessThan(0.1);
	});
});

describe('BG/NBD', () => {
	it('has accurate special functions', () => {
		expect(logGamma(1)).toBeCloseTo(0, 10);
		expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
		expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
		// 2F1(1, 1; 2; z) = -ln(1 - z) / z
		expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 9);
		expect(nelderMead(([x, y]) => (x - 3) ** 2 + (y + 1) ** 2, [0, 0]).map((v) => Math.round(v * 1000) / 1000)).toEqual([3, -1]);
	});

	it('expects more from frequent recent buyers than from ones who stopped, and fits the shop', () => {
		const p = { r: 0.7, alpha: 9, a: 1.3, b: 70 };
		const regular = { x: 20, tx: 38, T: 40 }, gone = { x: 20, tx: 10, T: 40 }, once = { x: 0, tx: 0, T: 40 };
		expect(expectedPurchases(regular, p, 52)).toBeGreaterThan(expectedPurchases(gone, p, 52));
		expect(expectedPurchases(regular, p, 52)).toBeGreaterThan(expectedPurchases(once, p, 52));
		expect(probabilityActive(gone, p)).toBeLessThan(probabilityActive(regular, p));
		expect(probabilityActive(once, p)).toBe(1);
		// A population that buys about once every 5 weeks and never leaves: about 10 purchases a year.
		const population = Array.from({ length: 200 }, (_, i) => ({ x: 8 + (i % 3), tx: 40 - (i % 4), T: 44 }));
		const fitted = fitBgNbd(population);
		const next = population.reduce((s, c) => s + expectedPurchases(c, fitted, 52), 0) / population.length;
		expect(next).toBeGreaterThan(7);
		expect(next).toBeLessThan(14);
	});
});

describe('segmentation', () => {
	it('segments every customer, names the clusters, values them and lists who to call back', async () => {
		const { baskets, customers } = await shopBaskets();
		const seg = segmentCustomers(baskets, LAST_DAY, { kRange: [3, 4, 5], preferredK: 4, ltvHorizonDays: 365, spendPriorDays: 2, seed: 1 });
		expect(seg.customers.length).toBe(12);
		expect(seg.segments.reduce((s, x) => s + x.customers, 0)).toBe(12);
		expect(seg.clusters.length).toBe(seg.k);
		// Three to five clusters for six segments: at most k segments have customers, the others say why.
		const filled = seg.segments.filter((x) => x.customers > 0).map((x) => x.segment);
		expect(filled.length).toBeLessThanOrEqual(seg.k);
		expect(seg.empty.map((e) => e.segment).sort()).toEqual(seg.segments.filter((x) => x.customers === 0).map((x) => x.segment).sort());
		for (const e of seg.empty) expect(e.reason).toMatch(/^(too_few_groups|no_newcomers|no_standout|no_regulars|nobody_lapsed|closer_to_others)$/);
		const of = (code: string) => seg.customers.find((c) => c.customerId === customers.get(code)!.id)!;
		expect(of('C01').segment).toBe(of('C02').segment);
		expect(['vip', 'frequent']).toContain(of('C01').segment);
		expect(of('C01').ltv).toBeGreaterThan(of('C11').ltv);
		expect(of('C08').probabilityActive).toBeLessThan(of('C01').probabilityActive);
		expect(['inactive', 'at_risk', 'occasional']).toContain(of('C11').segment);
		const callBack = callBackList(seg);
		const atRisk = seg.customers.some((c) => c.segment === 'at_risk');
		for (const c of callBack) expect(c.segment).toBe(atRisk ? 'at_risk' : 'inactive');
		for (let i = 1; i < callBack.length; i++) expect(callBack[i].monetary).toBeLessThanOrEqual(callBack[i - 1].monetary);
		expect(seg.ltvModel.params.a).toBeGreaterThan(1);
	});

	it('calls back the at-risk who spent most, or the inactive who spent more than most when none is at risk', () => {
		const customer = (id: string, segment: string, monetary: number) => ({ customerId: id, segment, monetary, ltv: 0 }) as never;
		const base = { customers: [customer('a', 'inactive', 900), customer('b', 'inactive', 100), customer('c', 'vip', 5000), customer('d', 'inactive', 50), customer('e', 'new', 300)] } as never;
		expect(callBackList(base).map((c) => c.customerId)).toEqual(['a']);
		const withRisk = { customers: [customer('r1', 'at_risk', 10), customer('r2', 'at_risk', 70), customer('a', 'inactive', 900)] } as never;
		expect(callBackList(withRisk).map((c) => c.customerId)).toEqual(['r2', 'r1']);
		expect(callBackList(withRisk, 1).map((c) => c.customerId)).toEqual(['r2']);
	});
});
