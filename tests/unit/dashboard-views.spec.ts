// The dashboard views the app keeps (src/lib/services/dashboard-views.ts): one is shown only for
// the same query, day and build and while the store's stamp is the one it was made from.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DayNumber } from '$core/brand';
import type { DashboardView } from '$core/dashboard/view';
import { hasKeptView, keepView, keptView, viewKey } from '$lib/services/dashboard-views';

class MemoryStorage {
	private items = new Map<string, string>();
	getItem(k: string) { return this.items.get(k) ?? null; }
	setItem(k: string, v: string) { this.items.set(k, v); }
	removeItem(k: string) { this.items.delete(k); }
}

const query = { from: 19_000 as DayNumber, to: 19_029 as DayNumber, category: null, supplierId: null };
const view = (revenue: number) => ({ kpis: { revenue: { current: revenue } }, millis: { read: 12, prepare: 3, compute: 4 } }) as unknown as DashboardView;

describe('kept dashboard views', () => {
	beforeEach(() => { (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage(); });
	afterEach(() => { delete (globalThis as { localStorage?: unknown }).localStorage; });

	it('answer the same query, day and build while the stamp holds, marked as kept', () => {
		const key = viewKey(query, 19_030 as DayNumber, 'build-1');
		expect(hasKeptView(key)).toBe(false);
		keepView(key, 'stamp-a', view(500));
		expect(keptView(key, 'stamp-a')).toMatchObject({ kpis: { revenue: { current: 500 } }, millis: { read: 0, prepare: 0, compute: 0, kept: true } });
		expect(keptView(key, 'stamp-b')).toBeNull();
		expect(keptView(viewKey(query, 19_031 as DayNumber, 'build-1'), 'stamp-a')).toBeNull();
		expect(keptView(viewKey(query, 19_030 as DayNumber, 'build-2'), 'stamp-a')).toBeNull();
		expect(keptView(viewKey({ ...query, category: 'Ropa' }, 19_030 as DayNumber, 'build-1'), 'stamp-a')).toBeNull();
	});

	it('keep the last two of one stamp; a view of a new stamp drops the others', () => {
		const keys = [0, 1, 2].map((i) => viewKey({ ...query, from: (19_000 + i) as DayNumber }, 19_030 as DayNumber, 'b'));
		keys.forEach((k, i) => keepView(k, 's1', view(i)));
		expect(keys.map((k) => keptView(k, 's1')?.kpis.revenue.current ?? null)).toEqual([null, 1, 2]);
		keepView(keys[0], 's2', view(9));
		expect(keys.map((k) => hasKeptView(k))).toEqual([true, false, false]);
		expect(keptView(keys[0], 's2')?.kpis.revenue.current).toBe(9);
	});

	it('a broken or missing store is no kept view, and keeping into a full one is silent', () => {
		localStorage.setItem('inventario.dashboard.views', '{not json');
		expect(keptView('k', 's')).toBeNull();
		localStorage.setItem('inventario.dashboard.views', JSON.stringify([{ key: 'k', stamp: 's', slot: 0 }]));
		localStorage.setItem('inventario.dashboard.view.0', '{broken');
		expect(keptView('k', 's')).toBeNull();
		(globalThis as { localStorage?: unknown }).localStorage = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
		expect(() => keepView('k', 's', view(1))).not.toThrow();
	});
});
