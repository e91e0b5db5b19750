// Stored alerts and health snapshots, in memory and on IndexedDB: dismissals survive
// recomputations until the condition clears; one snapshot a day, the newest 90. And the v6 -> v7
// upgrade that adds their tables to a store with data.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { MemoryAlertStore } from '$core/health/alert-store';
import { alert, alertStoreContract, at } from '../support/alert-store-contract';
import { DexieAlertStore } from '$lib/db/dexie-alert-store';
import { InventoryDB } from '$lib/db/inventory-db';
import { SCHEMA_VERSIONS } from '$lib/db/schema';

alertStoreContract('memory', () => new MemoryAlertStore());
let dbCount = 0;
alertStoreContract('IndexedDB', () => new DexieAlertStore(new InventoryDB(`alerts-${dbCount++}`, { indexedDB: new IDBFactory(), IDBKeyRange })));

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
