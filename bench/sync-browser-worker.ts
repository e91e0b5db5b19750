// The browser bench's sync, in a Web Worker as the app's sync worker runs it: a new tablet (a
// fresh IndexedDB, real Dexie) pairs by the token it is handed and runs syncOnce over the app's
// HTTP transport, counting bytes (sync-wire.ts). Bundled by bench/sync.mjs with esbuild; the page
// around it only watches the main thread's long tasks. Posts { progress } and { done } / { error }.
import { syncOnce } from '../src/core/sync/device-sync';
import { DexieRepository } from '../src/lib/db/dexie-repository';
import { DexieSyncStore } from '../src/lib/db/dexie-sync-store';
import { InventoryDB } from '../src/lib/db/inventory-db';
import type { Tokens } from '../src/client/api-client';
import { countingTransport, timedStore } from './sync-wire';

self.onmessage = async (event: MessageEvent<{ base: string; tokens: Tokens; name: string }>) => {
	const { base, tokens, name } = event.data;
	try {
		const db = new InventoryDB(name);
		await db.open();
		const repo = new DexieRepository(db);
		const { store, times } = timedStore(new DexieSyncStore(repo));
		const { transport, stats } = countingTransport(base, tokens);
		const started = performance.now();
		const report = await syncOnce(store, transport, {
			onProgress: ({ phase, report: r }) => postMessage({ progress: { phase, lines: r.pulled.lines, ms: performance.now() - started } })
		});
		const ms = performance.now() - started;
		const counts = await repo.counts();
		db.close();
		postMessage({ done: { ms, report: { pulled: report.pulled }, stats: { ...stats, pages: stats.pages }, times, counts } });
	} catch (e) {
		postMessage({ error: String((e as Error)?.stack ?? e) });
	}
};
