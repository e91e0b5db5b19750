// The app's single repository, opened lazily and only in the browser (prerendering runs in Node).
import type { InventoryRepository } from '$core/repository';
import { ensureDeviceId } from '$core/device';
import { InventoryDB } from './inventory-db';
import { DexieForecastStore } from './dexie-forecast-store';
import { DexieAlertStore } from './dexie-alert-store';
import { DexieRepository } from './dexie-repository';

let database: InventoryDB | undefined;
let repository: DexieRepository | undefined;
let forecastStore: DexieForecastStore | undefined;
let alertStore: DexieAlertStore | undefined;

function getDatabase(): InventoryDB {
	if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is only available in the browser');
	database ??= new InventoryDB();
	return database;
}

export function getRepository(): DexieRepository {
	repository ??= new DexieRepository(getDatabase());
	return repository;
}

/** The model registry, training logs and forecast runs, in the same database. */
export function getForecastStore(): DexieForecastStore {
	forecastStore ??= new DexieForecastStore(getDatabase());
	return forecastStore;
}

/** Stored alerts and the shop's daily health snapshots, in the same database. */
export function getAlertStore(): DexieAlertStore {
	alertStore ??= new DexieAlertStore(getDatabase());
	return alertStore;
}

/** This tablet's id, stamped on every sale and movement it makes; created once. */
export function getDeviceId(repo: InventoryRepository = getRepository()): Promise<string> {
	return ensureDeviceId(repo);
}
