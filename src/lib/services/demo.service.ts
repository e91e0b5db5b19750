// "Cargar datos de ejemplo": runs the demo loader worker and waits for it. The writing happens in
// the worker so the page stays responsive; this file only starts it, relays progress and ends it.
import { proxy, wrap } from 'comlink';
import { base } from '$app/paths';
import { DEMO_BUNDLE_PATH } from '$core/demo-bundle';
import { t } from '$lib/i18n/i18n.svelte';
import type { DemoLoaderApi, DemoLoadFailure } from '$workers/demo-loader.worker';

type Loaded = { products: number; saleLines: number };

/** A second tap while loading waits for the same load instead of starting another. */
let running: Promise<Loaded> | null = null;

/**
 * Fills an empty store with the demo shop. Rejects with an Error whose message is already in the
 * person's language and whose `code` is one of DemoLoadFailure ('not_empty', 'download',
 * 'invalid', 'storage'); a failed write leaves the store empty again.
 */
export function loadDemoData(onProgress?: (done: number, total: number) => void): Promise<Loaded> {
	running ??= runWorker(onProgress).finally(() => (running = null));
	return running;
}

async function runWorker(onProgress?: (done: number, total: number) => void): Promise<Loaded> {
	const worker = new Worker(new URL('../../../workers/demo-loader.worker.ts', import.meta.url), { type: 'module' });
	// A worker script that cannot load (offline before it was cached) never answers Comlink: fail instead of waiting forever.
	const notStarted = new Promise<never>((_, reject) =>
		worker.addEventListener('error', (e) => reject(loadError('download', e.message || 'the demo loader could not start')), { once: true })
	);
	try {
		const loader = wrap<DemoLoaderApi>(worker);
		const loading = loader.load(`${base}${DEMO_BUNDLE_PATH}`, proxy((done: number, total: number) => onProgress?.(done, total)));
		const result = await Promise.race([loading, notStarted]);
		if (!result.ok) throw loadError(result.code, result.message);
		return { products: result.products, saleLines: result.saleLines };
	} finally {
		worker.terminate();
	}
}

function loadError(code: DemoLoadFailure, detail: string): Error {
	console.warn(`demo data not loaded (${code}): ${detail}`);
	return Object.assign(new Error(t(`demo.error.${code}`)), { name: 'DemoLoadError', code });
}
