// Loads the bundled demo shop into the app's IndexedDB off the main thread, so the page keeps
// answering taps while ~100,000 sale lines are written. The core validates and expands the
// bundle; this file only fetches it and hands the records to the repository.
import { expose } from 'comlink';
import { DemoBundleError, validateDemoBundle, type DemoBundle } from '$core/demo-bundle';
import { hasShopData, loadDemo, StoreNotEmptyError } from '$core/demo-load';
import { today } from '$core/time';
import { getDeviceId } from '$lib/db';
import { DexieRepository } from '$lib/db/dexie-repository';
import { InventoryDB } from '$lib/db/inventory-db';

/** Why a load did not happen; the service turns it into words. */
export type DemoLoadFailure = 'not_empty' | 'download' | 'invalid' | 'storage';

export type DemoLoadResult =
	| { ok: true; products: number; saleLines: number }
	| { ok: false; code: DemoLoadFailure; message: string };

type Progress = (done: number, total: number) => void;

const failure = (code: DemoLoadFailure, e: unknown): DemoLoadResult => ({ ok: false, code, message: e instanceof Error ? e.message : String(e) });

async function download(url: string): Promise<DemoBundle> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
	return validateDemoBundle(await response.json());
}

const api = {
	/** Fills an empty store with the demo shop from url. Progress counts sale lines and stock movements written. */
	async load(url: string, onProgress?: Progress): Promise<DemoLoadResult> {
		const repo = new DexieRepository(new InventoryDB());
		try {
			if (hasShopData(await repo.counts())) return failure('not_empty', 'the store already has data');
			let bundle: DemoBundle;
			try {
				bundle = await download(url);
			} catch (e) {
				return failure(e instanceof DemoBundleError || e instanceof SyntaxError ? 'invalid' : 'download', e);
			}
			try {
				// Comlink calls the page back asynchronously; not awaiting keeps writing at full speed.
				const result = await loadDemo(repo, bundle, { today: today(), deviceId: await getDeviceId(repo) }, (done, total) => void onProgress?.(done, total));
				return { ok: true, products: result.products, saleLines: result.saleLines };
			} catch (e) {
				if (e instanceof StoreNotEmptyError) return failure('not_empty', e);
				// The write error is what the person needs to hear; a failed clean-up leaves what "start over" removes.
				await discardShopData(repo).catch(() => undefined);
				return failure('storage', e);
			}
		} finally {
			repo.db.close();
		}
	}
};

/** Undoes a load that failed half way (it only ever runs on a store that had no shop data); settings such as the device id stay. */
async function discardShopData(repo: DexieRepository) {
	const tables = repo.db.tables.filter((t) => t.name !== 'settings');
	await repo.db.transaction('rw', tables, () => Promise.all(tables.map((t) => t.clear())));
}

expose(api);
export type DemoLoaderApi = typeof api;
