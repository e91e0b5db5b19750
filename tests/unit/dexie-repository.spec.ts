import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DexieRepository } from '$lib/db/dexie-repository';
import { InventoryDB } from '$lib/db/inventory-db';
import { repositoryContract } from './repository-contract';

// A fresh IndexedDB per test: nothing leaks between cases.
repositoryContract('IndexedDB (Dexie)', async () => new DexieRepository(new InventoryDB('test', { indexedDB: new IDBFactory(), IDBKeyRange })));

// The same contract with chunks merged after every couple of batches: reads never depend on how
// the product-day sums were split into chunks.
repositoryContract('IndexedDB (Dexie), tiny series chunks', async () =>
	new DexieRepository(new InventoryDB('test', { indexedDB: new IDBFactory(), IDBKeyRange }), { smallChunkEntries: 1, maxSeriesChunks: 2 }));
