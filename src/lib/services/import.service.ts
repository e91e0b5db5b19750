// The import wizard's link to the import worker: starts it on first use, relays progress, cancels,
// and ends it when the person leaves the wizard. Also remembers the column mapping per file layout.
import { proxy, wrap, type Remote } from 'comlink';
import type { ColumnMapping, Dialect, ImportOptions, ImportProgress, ImportSummary, RejectedRow } from '$core/import/types';
import { getDeviceId, getRepository } from '$lib/db';
import type { ImportWorkerApi, SniffResult } from '$workers/import.worker';
import { scheduleHealthRecompute } from './alerts.service';
import { requestSync } from './sync.svelte';

export type { SniffResult };

let worker: Worker | null = null;
let remote: Remote<ImportWorkerApi> | null = null;
/** Rejects when the worker script cannot load, so no call waits forever. */
let broken: Promise<never> | null = null;

function start(): { api: Remote<ImportWorkerApi>; broken: Promise<never> } {
	if (!worker || !remote || !broken) {
		const w = new Worker(new URL('../../../workers/import.worker.ts', import.meta.url), { type: 'module' });
		worker = w;
		remote = wrap<ImportWorkerApi>(w);
		broken = new Promise<never>((_, reject) =>
			w.addEventListener('error', (e) => reject(new Error(e.message || 'the import worker could not start')), { once: true })
		);
		broken.catch(() => undefined);
	}
	return { api: remote, broken };
}

/** Ends the worker (leaving the wizard, or after an import whose rejects are no longer needed). */
export function stopImportWorker(): void {
	worker?.terminate();
	worker = null;
	remote = null;
	broken = null;
}

function call<T>(fn: (api: Remote<ImportWorkerApi>) => Promise<T>): Promise<T> {
	const { api, broken } = start();
	return Promise.race([fn(api), broken]);
}

export function sniffFile(file: File, override?: Partial<Dialect>): Promise<SniffResult> {
	return call((api) => api.sniff(file, override));
}

export function runImport(file: File, options: ImportOptions, onProgress: (p: ImportProgress) => void): Promise<ImportSummary> {
	// Whatever the import did (even cancelled part-way), the alerts are rechecked.
	return call((api) => api.run(file, options, proxy(onProgress))).finally(() => { scheduleHealthRecompute(0); requestSync('edit'); });
}

export function cancelImport(): Promise<void> {
	return remote ? remote.cancel() : Promise.resolve();
}

export function importRejects(limit = 100): Promise<{ rows: RejectedRow[]; total: number }> {
	return call((api) => api.rejects(limit));
}

export function importRejectsCsv(): Promise<string> {
	return call((api) => api.rejectsCsv());
}

export const mappingKey = (layoutKey: string) => `importMapping:${layoutKey}`;

/** What the person chose last time for this file layout. */
export interface RememberedLayout {
	mapping: ColumnMapping;
	dialect?: Partial<Pick<Dialect, 'decimal' | 'dateOrder'>>;
	exclusions?: string[];
}

export async function rememberedLayout(layoutKey: string): Promise<RememberedLayout | undefined> {
	return getRepository().getSetting<RememberedLayout>(mappingKey(layoutKey));
}

export async function rememberLayout(layoutKey: string, layout: RememberedLayout): Promise<void> {
	await getRepository().putSetting(mappingKey(layoutKey), JSON.parse(JSON.stringify(layout)) as RememberedLayout);
}

export function deviceId(): Promise<string> {
	return getDeviceId();
}
