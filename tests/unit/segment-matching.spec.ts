// Naming clusters one-to-one to the six segment profiles (segment-rules.ts), the k chosen so the
// six can appear, and the words for an empty segment.
import { describe, expect, it } from 'vitest';
import type { CustomerId, ProductId } from '$core/brand';
import type { Baskets } from '$core/insights/baskets';
import { newcomerWindowDays, segmentCustomers } from '$core/insights/customer-segments';
import { type ClusterProfile, matchSegments, PROFILE_TARGETS, SEGMENTS } from '$core/insights/segment-rules';
import { emptySegmentWhy } from '$core/reports/insights';

const cluster = (recency: number, frequency: number, monetary: number, tenure: number, newcomers = 0, size = 50): ClusterProfile =>
	({ recency, frequency, monetary, tenure, newcomers, size });

/** The six profiles' own targets as clusters (the Nuevo one made of newcomers), in a shuffled order. */
const atTargets = () => {
	const order = ['inactive', 'new', 'vip', 'occasional', 'at_risk', 'frequent'] as const;
	return { order, clusters: order.map((s) => { const t = PROFILE_TARGETS[s]; return cluster(t.recency, t.frequency, t.monetary, t.tenure, s === 'new' ? 0.9 : 0); }) };
};

describe('one-to-one segment matching', () => {
	it('gives six well separated groups six different names, each its own', () => {
		const { order, clusters } = atTargets();
		const m = matchSegments(clusters);
		expect(m.names).toEqual([...order]);
		expect(new Set(m.names).size).toBe(6);
		expect(m.matched.every(Boolean)).toBe(true);
		expect(m.empty).toEqual([]);
	});

	it('never gives one profile two clusters while six or fewer clusters can fill distinct profiles', () => {
		// Random clusters: whatever they look like, k <= 6 non-empty clusters get k distinct names
		// as long as every gate is open to them (lapsed enough, above average, newcomers).
		let seed = 7;
		const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 4 - 2;
		for (let run = 0; run < 200; run++) {
			const k = 2 + (run % 5);
			const clusters = Array.from({ length: k }, () => cluster(random(), random(), random(), random(), Math.abs(random()) / 2));
			const m = matchSegments(clusters);
			const matchedNames = m.names.filter((_, c) => m.matched[c]);
			expect(new Set(matchedNames).size).toBe(matchedNames.length);
			// A cluster that did not get a profile one-to-one only happens when no free profile's gate is open to it.
			expect(m.empty.length).toBe(SEGMENTS.length - matchedNames.length);
		}
	});

	it('names an obvious VIP cluster VIP, however far above the rest it is', () => {
		const { clusters } = atTargets();
		// Twice as far out as VIP's target (a few wholesale buyers): still VIP, not pushed to Frecuente.
		clusters[2] = cluster(-2, 5, 4.5, 1);
		expect(matchSegments(clusters).names[2]).toBe('vip');
	});

	it('fills Ocasional where the first-match rules left it empty (the coffee kiosk as of 2024-05-31)', () => {
		// The six centroids k-means found there (z of recency, frequency, spend, tenure; share of
		// newcomers). The old rules named them Nuevo, Frecuente, Nuevo, Inactivo, VIP, Frecuente:
		// two names twice, Ocasional and En riesgo never (bench:segments before issue 15).
		const clusters = [
			cluster(-1.54, -0.31, -0.26, -1.78, 1), cluster(0.38, 0.41, 0.57, 0.39, 0.3), cluster(-0.37, -0.55, -0.63, -0.58, 1),
			cluster(0.87, -0.54, -0.61, 0.73, 0.01), cluster(-1.93, 5.88, 4.98, 1.03, 0, 2), cluster(-0.66, 2.27, 2.23, 0.53, 0.2, 20)
		];
		const m = matchSegments(clusters);
		expect(new Set(m.names).size).toBe(6);
		expect(m.names).toEqual(['new', 'at_risk', 'occasional', 'inactive', 'vip', 'frequent']);
	});

	it('leaves Nuevo empty, with the reason, when no cluster is made of newcomers; the extra cluster joins its nearest profile', () => {
		const { clusters } = atTargets();
		clusters[1] = { ...clusters[1], newcomers: 0.1 };
		const m = matchSegments(clusters);
		expect(m.names).not.toContain('new');
		expect(m.empty).toEqual([{ segment: 'new', reason: 'no_newcomers' }]);
		expect(m.matched[1]).toBe(false);
		expect(m.names[1]).not.toBe('vip');
	});

	it('with more clusters than six, the extra ones join the nearest profile (never VIP, which stays one group)', () => {
		const { clusters } = atTargets();
		const extra = [cluster(-1.1, 2, 1.8, 0.5), cluster(1.1, -0.9, -1, 0.1)];
		const m = matchSegments([...clusters, ...extra]);
		expect(m.names.filter((n) => n === 'vip')).toHaveLength(1);
		expect(m.names.slice(6)).toEqual(['frequent', 'inactive']);
		expect(m.empty).toEqual([]);
	});

	it('gives an empty cluster no profile and says when too few clusters formed', () => {
		const m = matchSegments([cluster(-1, 1.8, 1.6, 0.5), cluster(1, -0.8, -0.9, 0), cluster(0, 0, 0, 0, 0, 0)]);
		expect(m.names.slice(0, 2)).toEqual(['vip', 'inactive']);
		expect(m.matched[2]).toBe(false);
		expect(m.empty.find((e) => e.segment === 'occasional')?.reason).toBe('too_few_groups');
		expect(m.empty.find((e) => e.segment === 'new')?.reason).toBe('no_newcomers');
	});
});

describe('the empty-segment explanation', () => {
	it('says in plain words why a segment has no customers, with the facts', () => {
		const e = { segment: 'new', reason: 'no_newcomers', newcomerDays: 45, newcomers: 0, groups: 6 } as const;
		expect(emptySegmentWhy(e)).toBe('nobody is Nuevo: no customer bought for the first time in the last 45 days');
		expect(emptySegmentWhy({ ...e, newcomers: 3 })).toContain('only 3 customers bought for the first time in the last 45 days');
		expect(emptySegmentWhy({ ...e, segment: 'vip', reason: 'too_few_groups', groups: 4 })).toBe('nobody is VIP: the customers formed only 4 groups, fewer than the six segments');
	});

	it('measures the newcomer window as twice the usual gap between purchase days, within 30..90 days', () => {
		const a = (firstDay: number, lastDay: number, purchaseDays: number) => ({ customerId: 'c' as never, recencyDays: 0, frequency: purchaseDays, monetary: 100, firstDay, lastDay, purchaseDays });
		expect(newcomerWindowDays([a(0, 40, 3), a(0, 60, 3), a(0, 0, 1)])).toBe(50);
		expect(newcomerWindowDays([a(0, 4, 5)])).toBe(30);
		expect(newcomerWindowDays([a(0, 400, 2)])).toBe(90);
		expect(newcomerWindowDays([a(0, 0, 1)])).toBe(90);
	});
});

/** Six kinds of customers, 30 of each, as baskets: the segmentation should name all six. */
function sixKindsShop(): { baskets: Baskets; asOfDay: number; kinds: Map<string, string> } {
	const asOfDay = 400;
	const sales: { day: number; customer: string; cents: number }[] = [];
	const kinds = new Map<string, string>();
	const buy = (customer: string, kind: string, day: number, cents: number) => { kinds.set(customer, kind); sales.push({ day, customer, cents }); };
	for (let i = 0; i < 30; i++) {
		const j = i % 5;
		for (let d = 10 + j; d <= 398; d += 6) buy(`vip${i}`, 'vip', d, 40_000);
		for (let d = 20 + j; d <= 390; d += 25) buy(`freq${i}`, 'frequent', d, 6_000);
		for (const d of [60 + j, 200 + j, 340 + 2 * j]) buy(`occ${i}`, 'occasional', d, 3_000);
		for (let d = 5 + j; d <= 250; d += 20) buy(`risk${i}`, 'at_risk', d, 5_000);
		buy(`new${i}`, 'new', 385 + (i % 12), 2_500);
		buy(`gone${i}`, 'inactive', 30 + j * 3, 900);
	}
	sales.sort((x, y) => x.day - y.day);
	const ids = [...kinds.keys()];
	const n = sales.length;
	const baskets: Baskets = {
		products: ['p1' as ProductId], customers: ids as CustomerId[],
		offsets: Uint32Array.from({ length: n + 1 }, (_, i) => i), items: new Uint32Array(n),
		day: Int32Array.from(sales.map((x) => x.day)), customer: Int32Array.from(sales.map((x) => ids.indexOf(x.customer))),
		value: Float64Array.from(sales.map((x) => x.cents)), customerReturns: new Float64Array(ids.length)
	};
	return { baskets, asOfDay, kinds };
}

describe('segmentation of six kinds of customers', () => {
	it('names all six segments, each kind mostly under its own name', () => {
		const { baskets, asOfDay, kinds } = sixKindsShop();
		const seg = segmentCustomers(baskets, asOfDay);
		expect(seg.k).toBeGreaterThanOrEqual(6);
		expect(seg.empty).toEqual([]);
		for (const s of seg.segments) expect(s.customers).toBeGreaterThan(0);
		const right = seg.customers.filter((c) => kinds.get(c.customerId) === c.segment).length;
		expect(right / seg.customers.length).toBeGreaterThan(0.8);
	});
});
