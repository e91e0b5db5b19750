// Sync with the shop server off the main thread. Every tab starts one of these; the one whose
// worker holds the Web Lock 'smart-inventory-sync' is the only one that syncs (SyncEngine), and
// it tells the others its status over the BroadcastChannel 'smart-inventory-sync'; they forward
// their sync requests to it the same way. When its tab closes the lock passes to the next tab.
// Without Web Locks every tab syncs on its own (the protocol makes repeated rounds harmless).
// Pulled changes are announced on 'smart-inventory-data' for the screens showing them.
import { expose } from 'comlink';
import { HttpClient, normalizeServer, type Tokens } from '../src/client/api-client';
import { login, logout, me } from '../src/client/auth';
import { DexieRepository } from '$lib/db/dexie-repository';
import { DexieSyncStore, type PendingEntry } from '$lib/db/dexie-sync-store';
import { InventoryDB } from '$lib/db/inventory-db';
import { DATA_CHANNEL, type DataChangeMessage } from '$lib/sync/data-channel';
import { PairingStore, publicInfo } from '$lib/sync/pairing-store';
import { SyncEngine, type SyncReason } from '$lib/sync/sync-engine';
import { classifyError } from '$lib/sync/sync-errors';
import { initialStatus, type PairingInfo, type SyncErrorCode, type SyncStatus } from '$lib/sync/sync-status';

export const SYNC_LOCK = 'smart-inventory-sync';
const SYNC_CHANNEL = 'smart-inventory-sync';

type ChannelMessage =
	| { type: 'status'; status: SyncStatus }
	| { type: 'request'; reason: SyncReason }
	| { type: 'pairing' }
	| { type: 'hello' };

const db = new InventoryDB();
const store = new DexieSyncStore(new DexieRepository(db));
const pairing = new PairingStore();
const channel = new BroadcastChannel(SYNC_CHANNEL);
const data = new BroadcastChannel(DATA_CHANNEL);

let status: SyncStatus = initialStatus();
let engine: SyncEngine | null = null;
let report: (s: SyncStatus) => void = () => {};
let pulledHere: (touched: string[]) => void = () => {};
let releaseLock: () => void = () => {};
let online = true;

function publish(next: SyncStatus) {
	status = next;
	report(status);
}

// A newer version of the app upgrades the database from another tab: this worker lets go at once
// (the upgrade waits for every connection) and never reopens it with this older code.
// (Dexie calls the newest listener first; false keeps its default, a close that reopens, from running.)
db.on('versionchange', () => {
	db.close({ disableAutoOpen: true });
	if (engine) engine.stop(true);
	else publish({ ...status, stale: true, running: false });
	releaseLock();
	return false;
});

channel.onmessage = (event: MessageEvent<ChannelMessage>) => {
	const m = event.data;
	if (engine) {
		if (m.type === 'request') engine.request(m.reason);
		else if (m.type === 'pairing') void engine.reloadPairing();
		else if (m.type === 'hello') channel.postMessage({ type: 'status', status: engine.status } satisfies ChannelMessage);
	} else if (m.type === 'status' && !status.stale) {
		publish({ ...m.status, leader: false, stale: false });
	}
};

function lead() {
	engine = new SyncEngine({
		store,
		pairing,
		emit: (s) => {
			publish(s);
			channel.postMessage({ type: 'status', status: s } satisfies ChannelMessage);
		},
		pulled: (touched) => {
			data.postMessage({ type: 'pulled', touched } satisfies DataChangeMessage);
			pulledHere(touched);
		}
	}, online);
	void engine.start();
}

export type PairOutcome = { ok: true; pairing: PairingInfo } | { ok: false; code: SyncErrorCode | 'bad-credentials' | 'bad-server'; detail: string };

const api = {
	/** Starts this tab's side: waits for the sync lock, and meanwhile shows the syncing tab's status. */
	async start(onStatus: (s: SyncStatus) => void, onPulled: (touched: string[]) => void, isOnline: boolean): Promise<void> {
		report = onStatus;
		pulledHere = onPulled;
		online = isOnline;
		status = { ...initialStatus(isOnline), pairing: await pairing.info(), pending: await store.pendingCount().catch(() => 0) };
		publish(status);
		const locks = (self.navigator as Navigator & { locks?: LockManager }).locks;
		if (!locks) {
			lead();
			return;
		}
		void locks.request(SYNC_LOCK, () => new Promise<void>((resolve) => {
			releaseLock = resolve;
			if (status.stale) resolve();
			else lead();
		}));
		channel.postMessage({ type: 'hello' } satisfies ChannelMessage);
	},

	setOnline(isOnline: boolean) {
		online = isOnline;
		engine?.setOnline(isOnline);
	},

	/** A sale, an edit, the owner's "Sync now": a round soon, in whichever tab syncs. */
	request(reason: SyncReason) {
		if (engine) engine.request(reason);
		else channel.postMessage({ type: 'request', reason } satisfies ChannelMessage);
	},

	/** Signs in to the server (POST /auth/login, GET /auth/me) and keeps the tokens for the sync. */
	async pair(form: { server: string; username: string; password: string; shop: string }): Promise<PairOutcome> {
		let server: string;
		try {
			server = normalizeServer(form.server);
		} catch (e) {
			return { ok: false, code: 'bad-server', detail: e instanceof Error ? e.message : String(e) };
		}
		try {
			const tokens = await login(new HttpClient({ server }), { username: form.username.trim(), password: form.password, ...(form.shop.trim() ? { shop: form.shop.trim() } : {}) });
			let current: Tokens = tokens;
			const client = new HttpClient({ server, tokens: { load: () => current, save: (t) => { current = t; } } });
			const who = await me(client);
			const now = Date.now();
			const row = { server, username: who.username, shop: who.shop, role: who.role, pairedAt: now, checkedAt: now, tokens: current };
			await pairing.save(row);
			changedPairing();
			return { ok: true, pairing: publicInfo({ ...row, id: 'current' }) };
		} catch (e) {
			const error = classifyError(e, Date.now());
			const status = (e as { status?: number }).status;
			return { ok: false, code: status === 401 || status === 400 ? 'bad-credentials' : error.code, detail: error.detail };
		}
	},

	/** Signs out (the refresh token is revoked when the server answers) and forgets the server. What is stored here stays. */
	async unpair(): Promise<void> {
		const row = await pairing.get();
		if (row) {
			try {
				await logout(new HttpClient({ server: row.server, tokens: pairing.tokenStore() }));
			} catch {
				// Offline or already revoked: the device forgets the tokens all the same.
			}
		}
		await pairing.clear();
		changedPairing();
	},

	/** What waits to be sent, entry by entry. */
	pending(limit = 100): Promise<PendingEntry[]> {
		return store.pending(limit);
	}
};

function changedPairing() {
	if (engine) void engine.reloadPairing();
	else {
		channel.postMessage({ type: 'pairing' } satisfies ChannelMessage);
		void pairing.info().then((p) => publish({ ...status, pairing: p, error: null }));
	}
}

expose(api);
export type SyncApi = typeof api;
