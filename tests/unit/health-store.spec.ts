// Stored alerts and health snapshots, in memory and on IndexedDB: dismissals survive
// recomputations until the condition clears; one snapshot a day, the newest 90. And the v6 -> v7
// upgrade that adds their tables to a store with data.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { DayNumber, LocalTimestamp, ProductId } from '$core/brand';
import { MemoryAlertStore, openAlerts, SNAPSHOTS_KEPT, type AlertStore } from '$core/health/alert-store';
import type { Alert } from '$core/health/alerts';
import { DexieAlertStore } from '$lib/db/dexie-alert-store';
import { InventoryDB } from '$lib/db/inventory-db';
import { SCHEMA_VERSIONS } from '$lib/db/schema';

const at = (n: number) => n as LocalTimestamp;
const alert = (kind: Alert['kind'], productId: string): Alert => ({
	key: `${kind}:${productId}`, kind, productId: productId as ProductId, sku: productId.toUpperCase(), name: productId, severity: 'medium', impact: 0,
	values: { kind: 'dead_stock', onHand: 1, daysSinceLastSale: 100, valueAtCost: 5 }
});
const parts = { stockOut: 100, overstock: 100, deadStock: 100, turnover: 100 };
const byKey = <T extends { key: string }>(list: T[]) => [...list].sort((a, b) => a.key.localeCompare(b.key));

function storeContract(name: string, make: () => AlertStore) {
	describe(`alert store: ${name}`, () => {
		it('keeps a dismissal while the condition holds, and reopens it once it cleared and came back', async () => {
			const store = make();
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

		it('keeps one snapshot a day, the newest 90, oldest first', async () => {
			const store = make();
			for (let d = 0; d < 100; d++) await store.putSnapshot({ day: d as DayNumber, at: at(d), score: d, parts });
			await store.putSnapshot({ day: 99 as DayNumber, at: at(1000), score: 7, parts });
			const kept = await store.listSnapshots();
			expect(kept).toHaveLength(SNAPSHOTS_KEPT);
			expect(kept[0].day).toBe(10);
			expect(kept.at(-1)).toMatchObject({ day: 99, score: 7, at: 1000 });
		});
	});
}

storeContract('memory', () => new MemoryAlertStore());
let dbCount = 0;
storeContract('IndexedDB', () => new DexieAlertStore(new InventoryDB(`alerts-${dbCount++}`, { indexedDB: new IDBFactory(), IDBKeyRange })));

describe('IndexedDB v6 -> v7', () => {
	it('a store with data gains empty alert and snapshot tables that keep what is put in them', async () => {
		const indexedDB = new IDBFactory();
		const v6 = new InventoryDB('health', { indexedDB, IDBKeyRange, versions: SCHEMA_VERSIONS.slice(0, 6) });
		await v6.products.add({ id: 'p1', sku: 'CAM-001', name: 'Camiseta' } as never);
		await v6.table('forecastRuns').add({ id: 'run-1', createdAt: 5 });
		v6.close();
		const latest = new InventoryDB('health', { indexedDB, IDBKeyRange, versions: SCHEMA_VERSIONS.slice(0, 7) });
		const store = new DexieAlertStore(latest);
		expect(await store.listAlerts()).toEqual([]);
		expect(await store.listSnapshots()).toEqual([]);
		await store.reconcile([alert('low_stock', 'p1')], at(1));
		expect(await latest.alerts.where('kind').equals('low_stock').count()).toBe(1);
		expect((await latest.products.get('p1'))?.sku).toBe('CAM-001');
		expect(await latest.forecastRuns.count()).toBe(1);
		latest.close();
	});
});
