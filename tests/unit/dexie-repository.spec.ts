import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DexieRepository } from '$lib/db/dexie-repository';
import { InventoryDB } from '$lib/db/inventory-db';
import { repositoryContract } from './repository-contract';

// A fresh IndexedDB per test: nothing leaks between cases.
repositoryContract('IndexedDB (Dexie)', async () => new DexieRepository(new InventoryDB('test', { indexedDB: new IDBFactory(), IDBKeyRange })));
