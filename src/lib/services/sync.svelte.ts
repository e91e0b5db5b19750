// Sync for the screens: starts this tab's sync worker (workers/sync.worker.ts) once the app is up,
// keeps its status for the indicator and the sync page, forwards the network's state and the
// sales and edits made here, and pairs or unpairs the device. After pulled sales it does what an
// import does (forecast retraining when due, health and alerts), once, in the tab that synced.
// It also watches the shop database for a newer version of the app opening it in another tab:
// this tab then closes its connection for good and asks to be reloaded.
import { proxy, wrap, type Remote } from 'comlink';
import type { PendingEntry } from '$lib/db/dexie-sync-store';
import { getRepository } from '$lib/db';
import { PairingStore } from '$lib/sync/pairing-store';
import { initialStatus, type SyncStatus } from '$lib/sync/sync-status';
import type { SyncReason } from '$lib/sync/sync-engine';
import type { PairOutcome, SyncApi } from '$workers/sync.worker';
import { scheduleHealthRecompute } from './alerts.service';

export type { PairOutcome, PendingEntry };

/** The status the worker last reported; `stale` also when this tab's own database connection closed. */
export const sync = $state<{ status: SyncStatus; started: boolean }>({ status: initialStatus(), started: false });

let api: Remote<SyncApi> | null = null;
let started = false;
let reported = false;
let startTimer: ReturnType<typeof setTimeout> | undefined;

/** The sync worker waits this long after start-up (it brings the protocol's code, ~80 KB): the first screen comes first. */
export const SYNC_START_DELAY_MS = 2_500;

/**
 * Sync in this tab (the layout calls it once, in the browser): who the device is paired as is read
 * at once (the navigation depends on the role); the worker starts a moment later, or at once when
 * a sale or the sync page asks for it.
 */
export function startSync(delay = SYNC_START_DELAY_MS): void {
	if (started || typeof Worker === 'undefined') return;
	started = true;
	watchForNewerVersion();
	void new PairingStore().info().then((pairing) => {
		// Until the worker reports, a paired device is about to sync.
		if (!reported) sync.status = { ...sync.status, pairing, running: pairing !== null };
	}, () => undefined);
	startTimer = setTimeout(startWorker, delay);
	const network = () => void api?.setOnline(navigator.onLine);
	addEventListener('online', network);
	addEventListener('offline', network);
}

function startWorker(): Remote<SyncApi> {
	clearTimeout(startTimer);
	if (api) return api;
	const worker = new Worker(new URL('../../../workers/sync.worker.ts', import.meta.url), { type: 'module' });
	worker.addEventListener('error', (e) => console.warn('the sync worker could not start', e.message));
	api = wrap<SyncApi>(worker);
	sync.started = true;
	const onStatus = (s: SyncStatus) => {
		reported = true;
		sync.status = { ...s, stale: s.stale || sync.status.stale };
	};
	void api.start(proxy(onStatus), proxy(afterPull), navigator.onLine);
	return api;
}

/** A sale or an edit was stored: sync soon (the worker waits a moment for the next one). */
export function requestSync(reason: SyncReason = 'manual'): void {
	if (!started || typeof Worker === 'undefined') return;
	void startWorker().request(reason);
}

export async function pairDevice(form: { server: string; username: string; password: string; shop: string }): Promise<PairOutcome> {
	if (typeof Worker === 'undefined') return { ok: false, code: 'failed', detail: 'workers are not available in this browser' };
	startSync(0);
	return startWorker().pair(form);
}

export async function unpairDevice(): Promise<void> {
	if (started) await startWorker().unpair();
}

export async function pendingEntries(limit = 50): Promise<PendingEntry[]> {
	return started ? startWorker().pending(limit) : [];
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
