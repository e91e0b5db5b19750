// The app's single repository, opened lazily and only in the browser (prerendering runs in Node).
import type { InventoryRepository } from '$core/repository';
import { ensureDeviceId } from '$core/device';
import { InventoryDB } from './inventory-db';
import { DexieRepository } from './dexie-repository';

let repository: DexieRepository | undefined;

export function getRepository(): DexieRepository {
	if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is only available in the browser');
	repository ??= new DexieRepository(new InventoryDB());
	return repository;
}

/** This tablet's id, stamped on every sale and movement it makes; created once. */
export function getDeviceId(repo: InventoryRepository = getRepository()): Promise<string> {
	return ensureDeviceId(repo);
}
