// What the dashboard worker keeps between queries (core/dashboard/cache.ts): read once, reused for
// every filter, read again when the store's stamp changes or after invalidate(); queries arriving
// together share one read. And the stored segments the view shows.
import { describe, expect, it } from 'vitest';
import type { DayNumber, SupplierId } from '$core/brand';
import { DashboardCache } from '$core/dashboard/cache';
import { loadDashboardInput } from '$core/dashboard/load';
import { parseStoredSegments, SEGMENTS_SETTING, storedSegmentsOf } from '$core/dashboard/segments';
import type { Segmentation } from '$core/insights/customer-segments';
import { MemoryRepository } from '$core/memory-repository';
import { FIRST_DAY, generateShop, LAST_DAY, loadShop } from './dashboard-fixture';
import { BUCKET_DAYS } from '$core/dashboard/hour-index';

const query = { from: (LAST_DAY - 29) as DayNumber, to: LAST_DAY, category: null, supplierId: null as SupplierId | null };

async function counted() {
	const repo = new MemoryRepository();
	await loadShop(repo, generateShop(3, 12));
	let reads = 0, stamp = 1;
	const cache = new DashboardCache({
		read: async () => { reads++; return loadDashboardInput(repo); },
		stamp: async () => String(stamp)
	});
	return { repo, cache, reads: () => reads, touch: () => { stamp++; } };
}

describe('the dashboard worker\'s cache', { timeout: 30_000 }, () => {
	it('reads the store once for any number of filters, and says how long the read took once', async () => {
		const c = await counted();
		const first = await c.cache.view(query, (LAST_DAY + 1) as DayNumber);
		expect(first.millis.read).toBeGreaterThan(0);
		const ropa = await c.cache.view({ ...query, category: 'Ropa' }, (LAST_DAY + 1) as DayNumber);
		await c.cache.view({ ...query, supplierId: 'sup-1' as SupplierId }, (LAST_DAY + 1) as DayNumber);
		expect(c.reads()).toBe(1);
		expect(ropa.millis.read).toBe(0);
		expect(ropa.kpis.revenue.current).toBeLessThan(first.kpis.revenue.current);
	});

	it('reads again when the stamp changed or after invalidate(); queries at once share a read', async () => {
		const c = await counted();
		await Promise.all([c.cache.view(query, LAST_DAY), c.cache.view({ ...query, category: 'Hogar' }, LAST_DAY), c.cache.view(query, LAST_DAY)]);
		expect(c.reads()).toBe(1);
		c.touch();
		await c.cache.view(query, LAST_DAY);
		expect(c.reads()).toBe(2);
		c.cache.invalidate();
		await c.cache.view(query, LAST_DAY);
		expect(c.reads()).toBe(3);
	});

	it('reading hour cells per period as queries need them gives the views reading all of them gives', async () => {
		const c = await counted();
		const spans: [number, number][] = [];
		const lazy = new DashboardCache({
			read: (timings) => loadDashboardInput(c.repo, undefined, timings, { hours: false }),
			stamp: async () => 'one',
			hours: async (from, to) => { spans.push([from, to]); return c.repo.hourTotals(from, to); }
		});
		const queries = [query, { ...query, category: 'Ropa' }, { ...query, from: (LAST_DAY - 400) as DayNumber, to: (LAST_DAY - 300) as DayNumber }, { ...query, from: FIRST_DAY, to: LAST_DAY }];
		let firstSpans: [number, number][] = [];
		for (const q of queries) {
			const [eager, fromPeriods] = [await c.cache.view(q, LAST_DAY), await lazy.view(q, LAST_DAY)];
			expect({ ...fromPeriods, millis: null }).toEqual({ ...eager, millis: null });
			if (firstSpans.length === 0) firstSpans = [...spans];
		}
		// The first query read whole periods around its range, the period before and a year earlier: a few periods, not the history.
		const days = firstSpans.reduce((n, [from, to]) => n + to - from + 1, 0);
		expect(firstSpans.every(([from, to]) => from % BUCKET_DAYS === 0 && (to + 1) % BUCKET_DAYS === 0)).toBe(true);
		expect(days).toBeLessThanOrEqual(5 * BUCKET_DAYS);
		expect(spans.length).toBeGreaterThan(firstSpans.length);
		// The filter needed nothing new.
		const before = spans.length;
		await lazy.view({ ...query, supplierId: 'sup-2' as SupplierId }, LAST_DAY);
		expect(spans.length).toBe(before);
	});

	it('shows the stored segments: customers and spend per segment, every segment listed', async () => {
		const c = await counted();
		expect((await c.cache.view(query, LAST_DAY)).segments).toBeNull();
		const segmentation = {
			asOfDay: LAST_DAY, customers: [
				{ segment: 'vip', monetary: 50_000 }, { segment: 'vip', monetary: 30_000 }, { segment: 'new', monetary: 1_200 }
			]
		} as unknown as Segmentation;
		await c.repo.putSetting(SEGMENTS_SETTING, storedSegmentsOf(segmentation));
		c.touch();
		const segments = (await c.cache.view(query, LAST_DAY)).segments!;
		expect(segments.asOfDay).toBe(LAST_DAY);
		expect(segments.rows.find((r) => r.segment === 'vip')).toEqual({ segment: 'vip', customers: 2, revenue: 80_000 });
		expect(segments.rows.find((r) => r.segment === 'new')).toEqual({ segment: 'new', customers: 1, revenue: 1_200 });
		expect(segments.rows).toHaveLength(6);
		expect(parseStoredSegments({ rows: 'nope' })).toBeNull();
		expect(parseStoredSegments(null)).toBeNull();
	});
});
