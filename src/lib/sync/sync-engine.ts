// When the tablet syncs: the scheduler that runs the protocol's rounds (core/sync/device-sync.ts)
// in the sync worker of the one tab holding the sync lock. A round runs on a timer, when the
// network comes back, right after a sale or an edit, and when asked; after a failure the next one
// waits longer (backoffDelay); a refusal that needs a person (update the app, pair again) waits
// for one. Rounds never overlap: a request during a round makes one more round after it.
// No DOM: the worker gives it its store, the pairing, timers and where to report.
import { HttpClient } from '../../client/api-client';
import { me } from '../../client/auth';
import { HttpSyncTransport } from '../../client/sync';
import { syncOnce, type SyncReport } from '../../core/sync/device-sync';
import { DEFAULT_MAX_CLOCK_AHEAD_MS } from '../../core/api/sync';
import type { DexieSyncStore } from '../db/dexie-sync-store';
import type { PairingStore } from './pairing-store';
import { publicInfo } from './pairing-store';
import { classifyError } from './sync-errors';
import { backoffDelay, initialStatus, needsPerson, SYNC_INTERVAL_MS, type SyncStatus } from './sync-status';

export type SyncReason = 'start' | 'timer' | 'online' | 'sale' | 'edit' | 'manual' | 'pairing';

/** How often the role is checked again with GET /auth/me (an admin may demote a device's user). */
export const ROLE_CHECK_MS = 10 * 60_000;
/** A sale or an edit waits this long for the next one, so a burst of them is one round. */
export const CHANGE_DEBOUNCE_MS = 400;

export interface SyncEngineDeps {
	store: Pick<DexieSyncStore, 'pendingCount'> & Parameters<typeof syncOnce>[0];
	pairing: PairingStore;
	/** Reports every change of status. */
	emit: (status: SyncStatus) => void;
	/** After a round that stored pulled changes: the kinds of data they touched. */
	pulled: (touched: string[], report: SyncReport) => void;
	now?: () => number;
	random?: () => number;
	fetch?: typeof fetch;
}

/** The device clock's lead over the server's when past the server's limit: reported by the server, or measured. */
function clockAhead(report: SyncReport): number | null {
	const measured = report.clockOffMs !== null && report.clockOffMs > DEFAULT_MAX_CLOCK_AHEAD_MS ? report.clockOffMs : null;
	return Math.max(report.clockAheadMs ?? 0, measured ?? 0) || null;
}

export class SyncEngine {
	status: SyncStatus;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private running: Promise<void> | null = null;
	private again = false;
	private stopped = false;
	private readonly now: () => number;

	constructor(private readonly deps: SyncEngineDeps, online: boolean) {
		this.now = deps.now ?? Date.now;
		this.status = { ...initialStatus(online), leader: true, offlineSince: online ? null : this.now() };
	}

	/** Loads the pairing and the pending count, then syncs. */
	async start(): Promise<void> {
		await this.refreshPending();
		this.status.pairing = (await this.deps.pairing.info()) ?? null;
		this.emit();
		this.request('start');
	}

	setOnline(online: boolean) {
		if (online === this.status.online) return;
		this.status.online = online;
		if (!online) this.status.offlineSince ??= this.now();
		this.emit();
		if (online) this.request('online');
	}

	/** A round as soon as possible (a sale, an edit: after a short pause for the next one). */
	request(reason: SyncReason) {
		if (this.stopped) return;
		// "Sync now" and a new pairing retry even what waits for a person; the others do not.
		if (this.status.error && needsPerson(this.status.error.code) && !(reason === 'manual' || reason === 'pairing' || reason === 'start')) {
			void this.refreshPending().then(() => this.emit());
			return;
		}
		const delay = reason === 'sale' || reason === 'edit' ? CHANGE_DEBOUNCE_MS : 0;
		this.schedule(delay);
	}

	/** The pairing changed (paired, unpaired in any tab): start over with it. */
	async reloadPairing() {
		this.status.pairing = (await this.deps.pairing.info()) ?? null;
		this.status.error = null;
		this.status.failures = 0;
		this.status.lastSyncAt = null;
		this.emit();
		this.request('pairing');
	}

	/** For good (the database was upgraded by a newer version of the app). */
	stop(stale: boolean) {
		this.stopped = true;
		clearTimeout(this.timer);
		this.status.stale = stale;
		this.status.nextAt = null;
		this.emit();
	}

	private schedule(delay: number) {
		if (this.stopped) return;
		clearTimeout(this.timer);
		this.status.nextAt = this.now() + delay;
		this.timer = setTimeout(() => void this.runRound(), delay);
	}

	private runRound(): Promise<void> {
		if (this.running) {
			this.again = true;
			return this.running;
		}
		this.running = (async () => {
			do {
				this.again = false;
				await this.round();
			} while (this.again && !this.stopped);
			this.running = null;
			this.scheduleNext();
		})();
		return this.running;
	}

	private scheduleNext() {
		const s = this.status;
		if (this.stopped || !s.pairing) { this.status.nextAt = null; this.emit(); return; }
		if (s.error && needsPerson(s.error.code)) { this.status.nextAt = null; this.emit(); return; }
		this.schedule(s.failures > 0 ? backoffDelay(s.failures, this.deps.random) : SYNC_INTERVAL_MS);
		this.emit();
	}

	private async round() {
		const s = this.status;
		const row = await this.deps.pairing.get();
		s.pairing = row ? publicInfo(row) : null;
		if (!row || !s.online) {
			await this.refreshPending();
			this.emit();
			return;
		}
		s.running = true;
		this.emit();
		try {
			const client = new HttpClient({ server: row.server, tokens: this.deps.pairing.tokenStore(), fetch: this.deps.fetch });
			const report = await syncOnce(this.deps.store, new HttpSyncTransport(client), {
				wall: Date.now,
				onProgress: ({ report }) => { s.lastPushed = report.pushed; this.emit(); }
			});
			const at = this.now();
			Object.assign(s, {
				lastSyncAt: at, offlineSince: null, error: null, failures: 0, clockAheadMs: clockAhead(report),
				negativeStock: report.negativeStock.length, overruled: report.overruled.length, lastPushed: report.pushed,
				lastPulled: { sales: report.pulled.sales, lines: report.pulled.lines, movements: report.pulled.movements, records: report.pulled.records }
			});
			if (report.pulled.touched.length) this.deps.pulled(report.pulled.touched, report);
			if (at - row.checkedAt > ROLE_CHECK_MS) {
				const who = await me(client);
				await this.deps.pairing.update({ role: who.role, checkedAt: at });
				s.pairing = { ...s.pairing!, role: who.role };
			}
		} catch (e) {
			const error = classifyError(e, this.now());
			s.failures++;
			if (error.code === 'unreachable') {
				s.offlineSince ??= error.at;
				s.error = null;
			} else {
				// The server answered (with a refusal): not offline.
				s.offlineSince = null;
				s.error = error;
			}
			console.warn('sync round failed', e);
		} finally {
			s.running = false;
			await this.refreshPending();
			this.emit();
		}
	}

	private async refreshPending() {
		try {
			this.status.pending = await this.deps.store.pendingCount();
		} catch {
			// The database is closing (an upgrade elsewhere): the count stays as it was.
		}
	}

	private emit() {
		this.deps.emit({ ...this.status });
	}
}
