// One sync round of a device (a tablet's worker, the CLI's store, the simulation's devices):
// push the outbox in numbered order until the server holds all of it, then pull the shop's
// changes after the cursor until there are no more. Stores and transports are ports, so this
// runs the same on Dexie, on SQL and over HTTP or an in-process server.
import {
	MAX_PUSH_CHANGES, SYNC_PROTOCOL, type PulledChange, type PullRequest, type PullResponse, type PushedChange,
	type PushRequest, type PushResponse, type SyncCursor
} from '../api/sync';

export interface DeviceSyncState {
	deviceId: string;
	/** Null until the first pull (or after the server was restored). */
	cursor: SyncCursor | null;
	/** The last change number the server acknowledged. */
	acked: number;
	/** Set after requeueAll until the server holds the new series: where the re-queued series starts. */
	rebasedFrom?: number;
}

export interface AppliedSummary {
	sales: number;
	lines: number;
	movements: number;
	records: number;
	/** Entities whose stored data changed (for screens to refresh): 'sales', 'stock', 'product', ... */
	touched: string[];
}

/** The device's side of the protocol, implemented by each store in one transaction per call. */
export interface SyncStore {
	syncState(): Promise<DeviceSyncState>;
	/** Changes after `after`, their records read in, in number order; at most `maxChanges` and about `maxLines` sale lines. */
	outgoing(after: number, maxChanges: number, maxLines: number): Promise<PushedChange[]>;
	pendingCount(): Promise<number>;
	/** The server holds every change up to `lastApplied`: they leave the outbox. */
	acknowledge(lastApplied: number): Promise<void>;
	/** Stores pulled changes and the new cursor together (all or nothing); local edit stamps after `trustStampsUntil` lose. */
	applyPulled(changes: PulledChange[], cursor: SyncCursor, trustStampsUntil: number): Promise<AppliedSummary>;
	/**
	 * The server lost changes it had acknowledged (restored from a backup): every sale, movement and
	 * record this store holds goes back into the outbox as a new series, numbered after every number
	 * used before (never reused: another backup may hold the old ones) and sent with rebasedFrom; the
	 * server's number for the device becomes `lastApplied`, and the cursor is cleared so the next
	 * pull starts over. Nothing is deleted.
	 */
	requeueAll(lastApplied: number): Promise<void>;
}

export interface SyncTransport {
	push(request: PushRequest): Promise<PushResponse>;
	pull(request: PullRequest): Promise<PullResponse>;
}

/** A refusal the protocol defines (the server's problem code). */
export class SyncRefusedError extends Error {
	constructor(readonly code: SyncRefusal, message: string, readonly lastApplied?: number) {
		super(message);
		this.name = 'SyncRefusedError';
	}
}
export type SyncRefusal = 'sync-gap' | 'app-outdated' | 'server-outdated' | 'forbidden' | 'unauthorized' | 'invalid' | 'too-large';

export interface SyncReport {
	pushed: number;
	pushedLines: number;
	pulled: AppliedSummary;
	/** The server had been restored from a backup and this device re-sent what it holds. */
	requeued: boolean;
	clockAheadMs: number | null;
	/**
	 * How far the device's clock is off the server's (positive: ahead), measured against serverTime
	 * at the middle of each round trip; null without `wall`. The server only sees edit stamps, so a
	 * device that only sells would otherwise never hear of a wrong clock (its sales carry its times).
	 */
	clockOffMs: number | null;
	negativeStock: { productId: string; onHand: number }[];
	/** Edits the server did not allow this account (they are undone by the pull). */
	overruled: { entity: string; id: string; reason: string }[];
	cursor: SyncCursor | null;
}

export interface SyncOptions {
	maxChanges?: number;
	/** Sale lines per push (a large import goes in several pushes). */
	maxLines?: number;
	/** The device's clock (the store's wall clock), to measure how far it is off the server's. */
	wall?: () => number;
	/** Called after each push or pulled page, for progress. */
	onProgress?: (p: { phase: 'push' | 'pull'; report: SyncReport }) => void;
}

const emptyApplied = (): AppliedSummary => ({ sales: 0, lines: 0, movements: 0, records: 0, touched: [] });

export async function syncOnce(store: SyncStore, plain: SyncTransport, options: SyncOptions = {}): Promise<SyncReport> {
	const wall = options.wall;
	const timed = <T extends { serverTime: number }>(call: () => Promise<T>) => async (): Promise<T> => {
		const sent = wall?.();
		const res = await call();
		if (wall && sent !== undefined) report.clockOffMs = (sent + wall()) / 2 - res.serverTime;
		return res;
	};
	const transport: SyncTransport = {
		push: (r) => timed(() => plain.push(r))(),
		pull: (r) => timed(() => plain.pull(r))()
	};
	const maxChanges = options.maxChanges ?? Math.min(200, MAX_PUSH_CHANGES);
	const maxLines = options.maxLines ?? 50_000;
	let state = await store.syncState();
	const report: SyncReport = { pushed: 0, pushedLines: 0, pulled: emptyApplied(), requeued: false, clockAheadMs: null, clockOffMs: null, negativeStock: [], overruled: [], cursor: state.cursor };

	const requeue = async (lastApplied: number) => {
		if (report.requeued) throw new SyncRefusedError('sync-gap', 'the server refused this device\'s changes again after they were re-sent');
		await store.requeueAll(lastApplied);
		report.requeued = true;
		state = await store.syncState();
	};

	const push = async () => {
		for (;;) {
			const changes = await store.outgoing(state.acked, maxChanges, maxLines);
			if (changes.length === 0) return;
			let res: PushResponse;
			try {
				res = await transport.push({ protocol: SYNC_PROTOCOL, deviceId: state.deviceId, cursor: state.cursor, acked: state.acked, ...(state.rebasedFrom ? { rebasedFrom: state.rebasedFrom } : {}), changes });
			} catch (e) {
				if (e instanceof SyncRefusedError && e.code === 'sync-gap' && e.lastApplied !== undefined) {
					await requeue(e.lastApplied);
					continue;
				}
				throw e;
			}
			await store.acknowledge(res.lastApplied);
			state = { ...state, acked: res.lastApplied };
			report.pushed += changes.length;
			report.pushedLines += changes.reduce((n, c) => n + (c.kind === 'sales' ? c.blocks.reduce((m, b) => m + b.lineCount, 0) : 0), 0);
			if (res.clockSkew) report.clockAheadMs = res.clockSkew.aheadMs;
			report.negativeStock = res.negativeStock;
			report.overruled.push(...res.overruled);
			options.onProgress?.({ phase: 'push', report });
		}
	};

	await push();
	for (;;) {
		const res = await transport.pull({ protocol: SYNC_PROTOCOL, deviceId: state.deviceId, cursor: state.cursor });
		if (res.reset) {
			// Restored server: it forgot what it acknowledged. Re-send everything, then start the feed over.
			await requeue(res.lastApplied);
			await push();
			continue;
		}
		const applied = await store.applyPulled(res.changes, res.cursor, res.trustStampsUntil);
		state = { ...state, cursor: res.cursor };
		const p = report.pulled;
		p.sales += applied.sales; p.lines += applied.lines; p.movements += applied.movements; p.records += applied.records;
		for (const t of applied.touched) if (!p.touched.includes(t)) p.touched.push(t);
		report.cursor = res.cursor;
		options.onProgress?.({ phase: 'pull', report });
		if (!res.more) break;
	}
	return report;
}
