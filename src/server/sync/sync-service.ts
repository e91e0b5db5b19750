// The server's side of sync (docs/sync.md). A push is applied in one transaction: the device's row
// is locked, changes it already sent are skipped, a gap is refused, records merge per field (edits
// stamped far in the future are moved back to the server's clock), sales and movements are added
// when new, and the feed gets one row per change under new numbers of the shop's counter. A pull
// reads the feed after the cursor's number, a page at a time.
import {
	DEFAULT_MAX_CLOCK_AHEAD_MS, MIN_SYNC_PROTOCOL, PULL_PAGE_CHANGES, PULL_PAGE_LINES, SYNC_PROTOCOL, type PulledChange, type PullRequest, type PullResponse,
	type PushRequest, type PushResponse, type WireRecord
} from '../../core/api/sync';
import { newId } from '../../core/ids';
import type { SaleBlock } from '../../core/sale-blocks';
import { blockFromWire, blockToWire } from '../../core/sync/blocks';
import { HybridClock, stampWall } from '../../core/sync/hlc';
import { newestStamp, recordKey } from '../../core/sync/records';
import type { StockMovement } from '../../core/types';
import { idChunks } from '../../sql/batch';
import type { Db } from '../../sql/database';
import { readBlocks } from '../../sql/sale-rows';
import { movementOf } from '../../sql/rows';
import type { SqlRepository } from '../../sql/sql-repository';
import { SqlSyncApplier } from '../../sql/sync-apply';
import { appendFeed, clockOf, type FeedRow } from '../../sql/sync-log';
import { HttpProblem } from '../problem';
import { SHIFT_KEY_PREFIX } from '../../core/till/shift';

export interface SyncPolicy {
	/** A device clock further ahead than this is reported, and its edits cannot win by it. */
	maxClockAheadMs: number;
	now: () => number;
	/** Tests only: runs inside a push's transaction just before it commits (throwing = the server dying mid-push). */
	beforeCommit?: () => void;
}
export const DEFAULT_SYNC_POLICY: SyncPolicy = { maxClockAheadMs: DEFAULT_MAX_CLOCK_AHEAD_MS, now: Date.now };

export const gapProblem = (lastApplied: number, detail: string) =>
	new HttpProblem(409, 'sync-gap', 'Changes missing', detail, [{ field: 'body.changes', reason: `the server holds this device's changes up to ${lastApplied}` }], {}, { last_applied: lastApplied });

export function checkProtocol(protocol: number) {
	if (protocol < MIN_SYNC_PROTOCOL) throw new HttpProblem(426, 'app-outdated', 'Update the app', `this server speaks sync protocol ${MIN_SYNC_PROTOCOL}-${SYNC_PROTOCOL}; the app speaks ${protocol}: update the app (nothing it holds is lost)`, [{ field: 'body.protocol', reason: 'too old' }]);
	if (protocol > SYNC_PROTOCOL) throw new HttpProblem(409, 'server-outdated', 'Update the server', `the app speaks sync protocol ${protocol}, newer than this server's ${SYNC_PROTOCOL}: update the server`, [{ field: 'body.protocol', reason: 'newer than the server' }]);
}

async function shopSync(db: Db, shopId: string): Promise<{ epoch: string; seq: number }> {
	let shop = await db.selectFrom('shops').select(['sync_epoch', 'change_seq']).where('id', '=', shopId).executeTakeFirstOrThrow();
	if (!shop.sync_epoch) {
		await db.updateTable('shops').set({ sync_epoch: newId() }).where('id', '=', shopId).where('sync_epoch', '=', '').execute();
		shop = await db.selectFrom('shops').select(['sync_epoch', 'change_seq']).where('id', '=', shopId).executeTakeFirstOrThrow();
	}
	return { epoch: shop.sync_epoch, seq: Number(shop.change_seq) };
}

/** The tag of the commit that took `seq` ('' for 0 or a number no commit took). */
async function commitTag(db: Db, shopId: string, seq: number): Promise<string> {
	if (seq === 0) return '';
	const r = await db.selectFrom('sync_commits').select(['tag']).where('shop_id', '=', shopId).where('last_seq', '>=', seq).orderBy('last_seq').limit(1).executeTakeFirst();
	return r?.tag ?? '';
}

/** The cursor names history this server does not have: it was restored from a backup (or is another server). */
async function isForeignCursor(db: Db, shopId: string, sync: { epoch: string; seq: number }, cursor: { epoch: string; seq: number; tag: string } | null): Promise<boolean> {
	if (!cursor) return false;
	if (cursor.epoch !== sync.epoch || cursor.seq > sync.seq) return true;
	return cursor.seq > 0 && (await commitTag(db, shopId, cursor.seq)) !== cursor.tag;
}

/** The server found it is behind what devices saw: a new epoch makes every device re-send what it holds. */
async function newEpoch(db: Db, shopId: string) {
	await db.updateTable('shops').set({ sync_epoch: newId() }).where('id', '=', shopId).execute();
}

interface DeviceRow { last_applied: number; user_id: string | null }

async function lockDevice(repo: SqlRepository, db: Db, deviceId: string, userId: string, protocol: number, now: number): Promise<DeviceRow> {
	const shop = repo.shopId;
	await db.insertInto('sync_devices').values({ shop_id: shop, device_id: deviceId, user_id: userId, last_applied: 0, first_seen_at: now, last_seen_at: now, clock_ahead_ms: null, protocol })
		.onConflict((oc) => oc.columns(['shop_id', 'device_id']).doNothing()).execute();
	let q = db.selectFrom('sync_devices').select(['last_applied', 'user_id']).where('shop_id', '=', shop).where('device_id', '=', deviceId);
	if (repo.sql.dialect === 'postgres') q = q.forUpdate();
	const row = await q.executeTakeFirstOrThrow();
	return { last_applied: Number(row.last_applied), user_id: row.user_id };
}

/** Records staff may create (a customer at the till, products an import makes) but not change once they exist. */
const ADMIN_EDITS = new Set(['product', 'supplier', 'customer', 'setting']);
/** A cash shift is the till's own record: the cashier who opened it records payouts and closes it. */
const isStaffEditable = (r: { entity: string; id: string }) => r.entity === 'setting' && r.id.startsWith(SHIFT_KEY_PREFIX);

export async function applyPush(repo: SqlRepository, req: PushRequest, caller: { userId: string; role: 'admin' | 'staff' }, policy: SyncPolicy = DEFAULT_SYNC_POLICY): Promise<PushResponse> {
	const userId = caller.userId;
	checkProtocol(req.protocol);
	const applier = new SqlSyncApplier(repo);
	const now = policy.now();
	const outcome = await repo.sql.db.transaction().execute(async (trx) => {
		const device = await lockDevice(repo, trx, req.deviceId, userId, req.protocol, now);
		const sync = await shopSync(trx, repo.shopId);
		// A device that re-queued everything it holds starts a new series: the numbers before it are not needed.
		const last = req.rebasedFrom !== undefined && req.rebasedFrom - 1 > device.last_applied ? req.rebasedFrom - 1 : device.last_applied;
		if (req.acked > last || (req.cursor?.epoch === sync.epoch && await isForeignCursor(trx, repo.shopId, sync, req.cursor))) {
			return { restored: true as const, last };
		}
		const pending = req.changes.filter((c) => c.n > last).sort((a, b) => a.n - b.n);
		pending.forEach((c, i) => {
			if (c.n !== last + 1 + i) throw gapProblem(last, `change ${last + 1 + i} is missing (the push starts at ${pending[0].n}): send the outbox from ${last + 1}`);
		});
		const feed: FeedRow[] = [];
		const overruled: PushResponse['overruled'] = [];
		let skewed = 0;
		const touched = new Set<string>();
		const { clock, save } = await clockOf(trx, repo.shopId, 'server', policy.now);
		for (const change of pending) {
			if (change.kind === 'records') {
				let records = change.records.map((r) => restamp(r, now + policy.maxClockAheadMs, clock, () => skewed++));
				// The server's clock passes what it receives, so its own stamps (an overrule) come after them.
				for (const r of records) clock.observe(newestStamp(r.clocks));
				if (caller.role === 'staff') {
					const refused = await applier.editsOfExisting(trx, records.filter((r) => ADMIN_EDITS.has(r.entity) && !isStaffEditable(r)));
					records = records.filter((r) => !refused.has(recordKey(r.entity, r.id)));
					for (const key of await applier.overrule(trx, [...refused], () => clock.tick())) feed.push({ kind: 'record', entityId: key, payload: null });
					for (const key of refused) {
						const i = key.indexOf(':');
						overruled.push({ entity: key.slice(0, i) as never, id: key.slice(i + 1), reason: 'only an admin may change it' });
					}
				}
				for (const key of await applier.mergeRecords(trx, records)) feed.push({ kind: 'record', entityId: key, payload: null });
			} else if (change.kind === 'sales') {
				const stored = await applier.addSales(trx, change.blocks.map(blockFromWire));
				for (const b of stored) for (const p of b.products) touched.add(p);
				if (stored.length) feed.push({ kind: 'sales', entityId: stored[0].id, payload: JSON.stringify(stored.map((b) => b.id)) });
			} else {
				const fresh = await applier.addMovements(trx, change.movements as StockMovement[]);
				for (const m of fresh) touched.add(m.productId);
				if (fresh.length) feed.push({ kind: 'movements', entityId: change.id, payload: JSON.stringify(fresh.map((m) => m.id)) });
			}
		}
		await save();
		const aheadMs = Math.max(0, ...pending.flatMap((c) => (c.kind === 'records' ? c.records.flatMap((r) => Object.values(r.clocks).map((s) => stampWall(s) - now)) : [])));
		// Last, so the shop's counter row is locked only while the feed rows go in.
		await appendFeed(trx, repo.sql.dialect, repo.shopId, req.deviceId, feed);
		const lastApplied = last + pending.length;
		// The device is the account's that synced it last (a tablet passed to another cashier syncs on).
		await trx.updateTable('sync_devices').set({ last_applied: lastApplied, last_seen_at: now, protocol: req.protocol, user_id: userId, ...(aheadMs > policy.maxClockAheadMs ? { clock_ahead_ms: aheadMs } : {}) })
			.where('shop_id', '=', repo.shopId).where('device_id', '=', req.deviceId).execute();
		const negative = await negativeStock(repo, trx, [...touched]);
		policy.beforeCommit?.();
		return { restored: false as const, lastApplied, applied: pending.length, skipped: req.changes.length - pending.length, epoch: sync.epoch, skewed, aheadMs, negative, overruled };
	});
	if (outcome.restored) {
		await repo.sql.db.transaction().execute((trx) => newEpoch(trx, repo.shopId));
		throw gapProblem(outcome.last, `this server holds this device's changes only up to ${outcome.last} (it was restored from a backup): send everything again from ${outcome.last + 1}`);
	}
	return {
		lastApplied: outcome.lastApplied, applied: outcome.applied, skipped: outcome.skipped, epoch: outcome.epoch, serverTime: now,
		clockSkew: outcome.skewed > 0 || outcome.aheadMs > policy.maxClockAheadMs ? { aheadMs: outcome.aheadMs, records: outcome.skewed } : null,
		negativeStock: outcome.negative,
		overruled: outcome.overruled
	};
}

/** Stamps further ahead than `limit` are replaced by the server's clock: a fast clock cannot win by being fast. */
function restamp(r: WireRecord, limit: number, clock: HybridClock, counted: () => void): WireRecord {
	let moved = false;
	const clocks = Object.fromEntries(Object.entries(r.clocks).map(([field, stamp]) => {
		if (stampWall(stamp) <= limit) return [field, stamp];
		moved = true;
		return [field, clock.tick()];
	}));
	if (!moved) return r;
	counted();
	return { ...r, clocks };
}

async function negativeStock(repo: SqlRepository, db: Db, productIds: string[]) {
	const out: { productId: string; onHand: number }[] = [];
	for (const chunk of idChunks(productIds, repo.sql.dialect)) {
		const rows = await db.selectFrom('stock').select(['product_id', 'on_hand']).where('shop_id', '=', repo.shopId).where('product_id', 'in', chunk).where('on_hand', '<', 0).execute();
		for (const r of rows) out.push({ productId: r.product_id, onHand: r.on_hand });
	}
	return out;
}

export async function readPull(repo: SqlRepository, req: PullRequest, policy: SyncPolicy = DEFAULT_SYNC_POLICY): Promise<PullResponse> {
	checkProtocol(req.protocol);
	const db = repo.sql.db, shop = repo.shopId;
	const sync = await shopSync(db, shop);
	const device = await db.selectFrom('sync_devices').select('last_applied').where('shop_id', '=', shop).where('device_id', '=', req.deviceId).executeTakeFirst();
	const lastApplied = Number(device?.last_applied ?? 0);
	const serverTime = policy.now();
	const trustStampsUntil = serverTime + policy.maxClockAheadMs;
	if (req.cursor && await isForeignCursor(db, shop, sync, req.cursor)) {
		if (req.cursor.epoch === sync.epoch) await newEpoch(db, shop);
		const now = await shopSync(db, shop);
		return { reset: true, cursor: { epoch: now.epoch, seq: 0, tag: '' }, changes: [], more: false, lastApplied, serverTime, trustStampsUntil };
	}
	const after = req.cursor?.seq ?? 0;
	const limitLines = req.limitLines ?? PULL_PAGE_LINES;
	// One read transaction: the rows and what they name are one consistent state.
	return db.transaction().execute(async (trx) => {
		const rows = await trx.selectFrom('sync_feed').select(['kind', 'entity_id', 'seq', 'device_id', 'payload']).where('shop_id', '=', shop).where('seq', '>', after)
			.orderBy('seq').limit(PULL_PAGE_CHANGES + 1).execute();
		let more = rows.length > PULL_PAGE_CHANGES;
		const page = rows.slice(0, PULL_PAGE_CHANGES);
		// Sales rows: stop once the page holds limitLines lines.
		const blockIdsOf = (r: { payload: string | null }) => JSON.parse(r.payload ?? '[]') as string[];
		const allBlockIds = page.filter((r) => r.kind === 'sales').flatMap(blockIdsOf);
		const metas = new Map<string, Awaited<ReturnType<typeof metaRows>>[number]>();
		const metaRows = (ids: string[]) => trx.selectFrom('sale_blocks').selectAll().where('shop_id', '=', shop).where('id', 'in', ids).execute();
		for (const chunk of idChunks(allBlockIds, repo.sql.dialect)) for (const m of await metaRows(chunk)) metas.set(m.id, m);
		let lines = 0, end = page.length;
		for (let i = 0; i < page.length; i++) {
			if (page[i].kind !== 'sales' || page[i].device_id === req.deviceId) continue;
			if (lines >= limitLines) { end = i; more = true; break; }
			for (const id of blockIdsOf(page[i])) lines += Number(metas.get(id)?.line_count ?? 0);
		}
		const taken = page.slice(0, end);
		const applier = new SqlSyncApplier(repo);
		const changes: PulledChange[] = [];
		const recordRows = taken.filter((r) => r.kind === 'record');
		const records = await applier.readRecords(trx, recordRows.map((r) => r.entity_id));
		const byKey = new Map(records.map((r) => [recordKey(r.entity, r.id), r]));
		// Every block of the page in one read, then handed to its change.
		const wanted = taken.filter((r) => r.kind === 'sales' && r.device_id !== req.deviceId).flatMap(blockIdsOf).map((id) => metas.get(id)).filter((m) => m !== undefined);
		const blockOf = new Map((await readBlocks(trx, repo.sql.dialect, shop, wanted)).map((b) => [b.id, b]));
		for (const r of taken) {
			const seq = Number(r.seq);
			if (r.kind === 'record') {
				const record = byKey.get(r.entity_id);
				if (record) changes.push({ seq, kind: 'record', record });
				continue;
			}
			if (r.device_id === req.deviceId) continue; // its own sales and movements: it holds them
			if (r.kind === 'sales') {
				const blocks = blockIdsOf(r).map((id) => blockOf.get(id)).filter((b): b is SaleBlock => b !== undefined);
				if (blocks.length) changes.push({ seq, kind: 'sales', blocks: blocks.map(blockToWire) });
			} else {
				const ids = blockIdsOf(r);
				const movements: StockMovement[] = [];
				for (const chunk of idChunks(ids, repo.sql.dialect)) {
					const rows = await trx.selectFrom('movements').selectAll().where('shop_id', '=', shop).where('id', 'in', chunk).execute();
					for (const m of rows) movements.push(movementOf(m));
				}
				if (movements.length) changes.push({ seq, kind: 'movements', id: r.entity_id, movements });
			}
		}
		const lastSeq = taken.length ? Number(taken[taken.length - 1].seq) : after;
		const tag = lastSeq === after && req.cursor ? req.cursor.tag : await commitTag(trx, shop, lastSeq);
		return { reset: false, cursor: { epoch: sync.epoch, seq: lastSeq, tag }, changes, more: more && taken.length > 0, lastApplied, serverTime, trustStampsUntil };
	});
}
