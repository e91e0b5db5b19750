// What the app shows about sync, as plain data: the status the sync worker reports, the retry
// schedule after errors, and which words (message keys) a status gets. Pure (no DOM, no Dexie):
// the worker, the page and the unit tests share it. Type imports only: the page loads this on
// first paint, and the protocol's modules bring zod (how errors are sorted: sync-errors.ts).
import type { SyncRefusal } from '../../core/sync/device-sync';
import type { TillAction } from '../../core/till/staff';

/** Why a round failed, in words the shop can act on (each has a message `sync.error.<code>`). */
export type SyncErrorCode = SyncRefusal | 'unreachable' | 'session-expired' | 'server-error' | 'storage-full' | 'failed';

export interface SyncError {
	code: SyncErrorCode;
	/** The technical text (server's problem, exception message), shown behind "Details". */
	detail: string;
	at: number;
}

/** Who this device is paired as (no secrets: the tokens stay in the pairing store). */
export interface PairingInfo {
	server: string;
	username: string;
	shop: string;
	role: 'admin' | 'staff';
	pairedAt: number;
}

export interface SyncStatus {
	pairing: PairingInfo | null;
	/** The main thread's view of the network (navigator.onLine and its events). */
	online: boolean;
	/** A round is running now. */
	running: boolean;
	/** Outbox entries the server does not hold yet. */
	pending: number;
	lastSyncAt: number | null;
	/** Since when the server could not be reached (or the network was off); null when it answers. */
	offlineSince: number | null;
	error: SyncError | null;
	/** When the next automatic round runs. */
	nextAt: number | null;
	/** Failures in a row (drives the backoff). */
	failures: number;
	/** This tab's worker holds the sync lock (the one tab that syncs). */
	leader: boolean;
	/** The database was upgraded by a newer version in another tab: this tab stopped and must reload. */
	stale: boolean;
	/** From the last round: the device clock's lead over the server's (ms), products below zero. */
	clockAheadMs: number | null;
	negativeStock: number;
	/** Changes of this device the server did not allow its account (staff editing products): undone by the pull. */
	overruled: number;
	lastPulled: { sales: number; lines: number; movements: number; records: number } | null;
	lastPushed: number;
}

export const initialStatus = (online = true): SyncStatus => ({
	pairing: null, online, running: false, pending: 0, lastSyncAt: null, offlineSince: null, error: null, nextAt: null,
	failures: 0, leader: false, stale: false, clockAheadMs: null, negativeStock: 0, overruled: 0, lastPulled: null, lastPushed: 0
});

/**
 * Between rounds when everything is fine: a sale on one tablet shows on the others within about
 * this (the goal is 5 s; the seller's tablet pushes at once). A pull with nothing new is one small
 * request: 50 tablets make ~17 a second, which the server answers in a few ms.
 */
export const SYNC_INTERVAL_MS = 3_000;
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/**
 * The wait before retrying after `failures` failures in a row: 5 s, 10 s, 20 s … up to 5 min, with
 * up to 20 % taken off at random so tablets that lost the server together do not return in step.
 */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
	if (failures <= 0) return SYNC_INTERVAL_MS;
	const raw = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 30));
	return Math.round(raw * (1 - 0.2 * Math.min(1, Math.max(0, random()))));
}

/**
 * Errors that retrying on a timer cannot fix: the app or the server must be updated, or the owner
 * must pair again. The worker waits for "Sync now", a new pairing or a reload.
 */
export function needsPerson(code: SyncErrorCode): boolean {
	return code === 'app-outdated' || code === 'server-outdated' || code === 'forbidden' || code === 'unauthorized' || code === 'session-expired';
}

export type StatusTone = 'ok' | 'busy' | 'pending' | 'offline' | 'error' | 'muted';

/** What the indicator says: a message key with its parameters, and a colour. */
export interface StatusView {
	tone: StatusTone;
	key: string;
	params: Record<string, string | number>;
	/** A time to show as HH:MM in the shop's locale (the page formats it), put into params.time. */
	time?: number;
}

/** The one line of text for a status, most important first. */
export function statusView(s: SyncStatus): StatusView {
	if (s.stale) return { tone: 'error', key: 'sync.state.reload', params: {} };
	if (!s.pairing) return { tone: 'muted', key: 'sync.state.unpaired', params: {} };
	if (s.error && (s.error.code === 'app-outdated')) return { tone: 'error', key: 'sync.state.appOutdated', params: {} };
	if (!s.online || s.offlineSince !== null) {
		const since = s.offlineSince;
		return since === null
			? { tone: 'offline', key: 'sync.state.offline', params: { count: s.pending } }
			: { tone: 'offline', key: 'sync.state.offlineSince', params: { count: s.pending }, time: since };
	}
	if (s.error) return { tone: 'error', key: 'sync.state.error', params: { code: s.error.code } };
	if (s.running) return { tone: 'busy', key: 'sync.state.syncing', params: { count: s.pending } };
	if (s.pending > 0) return { tone: 'pending', key: s.pending === 1 ? 'sync.state.pendingOne' : 'sync.state.pendingMany', params: { count: s.pending } };
	if (s.lastSyncAt === null) return { tone: 'busy', key: 'sync.state.firstSync', params: {} };
	return { tone: 'ok', key: 'sync.state.synced', params: {} };
}

/** Screens that show analytics (forecasts, trends, orders, segments, models): the server keeps them for admins. */
export const ADMIN_ONLY_PATHS = ['/trends', '/reorder', '/segments', '/models'] as const;

export const isAdminOnlyPath = (path: string) => ADMIN_ONLY_PATHS.some((p) => path === p || path.startsWith(p + '/'));

/**
 * The till's own answer (its PIN members: a staff member at the till needs an admin's PIN), given
 * by the till session in the browser (src/lib/till/session.svelte.ts). Where no till runs (the sync
 * worker, unit tests) nothing is locked by it.
 */
let tillAllows: (action: TillAction) => boolean = () => true;
export function combineWithTill(check: (action: TillAction) => boolean): void {
	tillAllows = check;
}

/**
 * A tablet not paired is the owner's own (every screen); paired, the server's role decides; and
 * the person at the till must be allowed too (the stricter wins). Reactive where the till is.
 */
export const canSeeAnalytics = (pairing: PairingInfo | null) => serverAllows(pairing, 'analytics') && tillAllows('analytics');

/** Changing products is the admins' too (the server overrules a staff tablet's edits; the till asks an admin's PIN). */
export const canEditCatalogue = (pairing: PairingInfo | null) => serverAllows(pairing, 'editCatalogue') && tillAllows('editCatalogue');

/**
 * What the server's role allows a paired tablet, by till action: its admins' are the analytics,
 * the catalogue and the shop's shared settings (staff, till settings; the server overrules a staff
 * account's edits of them). The till's PIN members are a layer on top: a tablet allows an action
 * only when both the server's role and the till's cashier do (the stricter wins).
 */
export function serverAllows(pairing: PairingInfo | null, action: TillAction): boolean {
	if (pairing === null || pairing.role === 'admin') return true;
	return action !== 'analytics' && action !== 'editCatalogue' && action !== 'manageStaff';
}
