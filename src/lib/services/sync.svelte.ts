// Sync for the screens: starts this tab's sync worker (workers/sync.worker.ts) once the app is up,
// keeps its status for the indicator and the sync page, forwards the network's state and the
// sales and edits made here, and pairs or unpairs the device. After pulled sales it does what an
// import does (forecast retraining when due, health and alerts), once, in the tab that synced.
// It also watches the shop database for a newer version of the app opening it in another tab:
// this tab then closes its connection for good and asks to be reloaded.
import { proxy, wrap, type Remote } from 'comlink';
import type { PendingEntry } from '$lib/db/dexie-sync-store';
import { getRepository } from '$lib/db';
import { initialStatus, type SyncStatus } from '$lib/sync/sync-status';
import type { SyncReason } from '$lib/sync/sync-engine';
import type { PairOutcome, SyncApi } from '$workers/sync.worker';
import { scheduleHealthRecompute } from './alerts.service';

export type { PairOutcome, PendingEntry };

/** The status the worker last reported; `stale` also when this tab's own database connection closed. */
export const sync = $state<{ status: SyncStatus; started: boolean }>({ status: initialStatus(), started: false });

let api: Remote<SyncApi> | null = null;

/** Starts sync in this tab (the layout calls it once, in the browser). */
export function startSync(): void {
	if (api || typeof Worker === 'undefined') return;
	watchForNewerVersion();
	const worker = new Worker(new URL('../../../workers/sync.worker.ts', import.meta.url), { type: 'module' });
	worker.addEventListener('error', (e) => console.warn('the sync worker could not start', e.message));
	api = wrap<SyncApi>(worker);
	sync.started = true;
	const onStatus = (s: SyncStatus) => { sync.status = { ...s, stale: s.stale || sync.status.stale }; };
	void api.start(proxy(onStatus), proxy(afterPull), navigator.onLine);
	const network = () => void api?.setOnline(navigator.onLine);
	addEventListener('online', network);
	addEventListener('offline', network);
}

/** A sale or an edit was stored: sync soon (the worker waits a moment for the next one). */
export function requestSync(reason: SyncReason = 'manual'): void {
	void api?.request(reason);
}

export async function pairDevice(form: { server: string; username: string; password: string; shop: string }): Promise<PairOutcome> {
	if (!api) startSync();
	if (!api) return { ok: false, code: 'failed', detail: 'workers are not available in this browser' };
	return api.pair(form);
}

export async function unpairDevice(): Promise<void> {
	await api?.unpair();
}

export async function pendingEntries(limit = 50): Promise<PendingEntry[]> {
	return api ? api.pending(limit) : [];
}

/** Pulled sales count for analytics as an import's do. */
async function afterPull(touched: string[]) {
	if (touched.includes('sales') || touched.includes('stock') || touched.includes('product')) scheduleHealthRecompute();
	if (touched.includes('sales')) {
		const { retrainIfDue } = await import('./forecasting.svelte');
		retrainIfDue().catch((e) => console.warn('forecast retraining not started', e));
	}
}

/**
 * Dexie's default answer to another tab upgrading the database is to close and silently reopen on
 * the next query, at the new version, with this tab's older code. Instead this tab closes for good
 * (a write started now fails whole, in its transaction) and says so; the person reloads.
 */
function watchForNewerVersion() {
	const db = getRepository().db;
	// Dexie calls the newest listener first; false keeps its default (close, reopen later) from running.
	db.on('versionchange', () => {
		db.close({ disableAutoOpen: true });
		sync.status = { ...sync.status, stale: true };
		return false;
	});
}
