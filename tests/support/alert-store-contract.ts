// The behaviour every AlertStore must have (the memory store is the reference), run against each
// implementation: dismissals survive recomputations until the condition clears; one snapshot a
// day, the newest 90.
import { describe, expect, it } from 'vitest';
import type { DayNumber, LocalTimestamp, ProductId } from '$core/brand';
import { openAlerts, SNAPSHOTS_KEPT, type AlertStore } from '$core/health/alert-store';
import type { Alert } from '$core/health/alerts';

export const at = (n: number) => n as LocalTimestamp;
export const alert = (kind: Alert['kind'], productId: string): Alert => ({
	key: `${kind}:${productId}`, kind, productId: productId as ProductId, sku: productId.toUpperCase(), name: productId, severity: 'medium', impact: 0,
	values: { kind: 'dead_stock', onHand: 1, daysSinceLastSale: 100, valueAtCost: 5 }
});
const parts = { stockOut: 100, overstock: 100, deadStock: 100, turnover: 100 };
const byKey = <T extends { key: string }>(list: T[]) => [...list].sort((a, b) => a.key.localeCompare(b.key));

export function alertStoreContract(name: string, make: () => AlertStore | Promise<AlertStore>) {
	describe(`alert store: ${name}`, () => {
		it('keeps a dismissal while the condition holds, and reopens it once it cleared and came back', async () => {
			const store = await make();
			await store.reconcile([alert('dead_stock', 'a'), alert('dead_stock', 'b')], at(1));
			expect(await store.dismiss('dead_stock:a', at(2))).toBe(true);
			expect(await store.dismiss('dead_stock:zzz', at(2))).toBe(false);

			const again = byKey(await store.reconcile([alert('dead_stock', 'a'), alert('dead_stock', 'b')], at(3)));
			expect(again[0]).toMatchObject({ key: 'dead_stock:a', dismissedAt: 2, firstSeenAt: 1, updatedAt: 3 });
			expect(openAlerts(again).map((a) => a.key)).toEqual(['dead_stock:b']);
			// Dismissing twice keeps the first time.
			await store.dismiss('dead_stock:a', at(9));
			expect(byKey(await store.listAlerts())[0].dismissedAt).toBe(2);

			await store.reconcile([alert('dead_stock', 'b')], at(4));
			expect((await store.listAlerts()).map((a) => a.key)).toEqual(['dead_stock:b']);
			const back = byKey(await store.reconcile([alert('dead_stock', 'a'), alert('dead_stock', 'b')], at(5)));
			expect(back[0]).toMatchObject({ key: 'dead_stock:a', dismissedAt: null, firstSeenAt: 5 });
		});

		it('gives back every field of a stored alert, and reconcile returns what it stored', async () => {
			const store = await make();
			const low: Alert = {
				key: 'low_stock:p', kind: 'low_stock', productId: 'p' as ProductId, sku: 'CAM-001', name: 'Camiseta «rayas»', severity: 'high', impact: 12_345,
				values: { kind: 'low_stock', onHand: 1.5, onOrder: 0, threshold: 4, source: 'forecast', runsOutOn: null, leadTimeDays: 7 }
			};
			const jump: Alert = { ...alert('demand_change', 'q'), values: { kind: 'demand_change', change: 'jump', days: 3, actualUnits: 9, forecastP90: 4.25 } };
			const stored = await store.reconcile([low, jump], at(10));
			expect(byKey(await store.listAlerts())).toEqual(byKey(stored));
			expect(byKey(stored)).toEqual(byKey([low, jump]).map((a) => ({ ...a, firstSeenAt: 10, updatedAt: 10, dismissedAt: null })));
			expect(await store.reconcile([], at(11))).toEqual([]);
			expect(await store.listAlerts()).toEqual([]);
		});

		it('keeps one snapshot a day, the newest 90, oldest first', async () => {
			const store = await make();
			for (let d = 0; d < 100; d++) await store.putSnapshot({ day: d as DayNumber, at: at(d), score: d, parts });
			await store.putSnapshot({ day: 99 as DayNumber, at: at(1000), score: 7, parts: { ...parts, turnover: 12.5 } });
			const kept = await store.listSnapshots();
			expect(kept).toHaveLength(SNAPSHOTS_KEPT);
			expect(kept[0].day).toBe(10);
			expect(kept.at(-1)).toEqual({ day: 99, score: 7, at: 1000, parts: { ...parts, turnover: 12.5 } });
		});
	});
}
