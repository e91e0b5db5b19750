// Where a SQL store's writes are recorded for sync (docs/sync.md), inside the write's transaction.
// A device store (the CLI's own file) queues numbered outbox entries for its server; the server's
// database appends to the shop's change feed, ordered by the shop's change counter, which the
// transaction bumps (a row lock on PostgreSQL, the single writer on SQLite), so a change that
// commits late never gets a number below one a device has already pulled past.
import { sql as raw } from 'kysely';
import type { RecordKind } from '../core/api/sync';
import { HybridClock, type HlcStamp } from '../core/sync/hlc';
import { isSharedSetting, recordKey, stampEdit, type FieldClocks, type RecordValue } from '../core/sync/records';
import { isSaleMovement } from '../core/sync/sale-movements';
import { idChunks, insertRows } from './batch';
import { newId } from '../core/ids';
import type { Db, Dialect } from './database';

export type ChangeKind = 'sales' | 'movements' | 'records';
export type SyncRole = 'device' | 'server';
export type WallClock = () => number;

export const STATE = { counter: 'changeCounter', acked: 'acked', cursor: 'cursor', hlc: 'hlc', deviceId: 'deviceId', rebasedFrom: 'rebasedFrom' } as const;

export async function syncRole(db: Db, shopId: string): Promise<SyncRole> {
	const r = await db.selectFrom('shops').select('sync_role').where('id', '=', shopId).executeTakeFirst();
	return r?.sync_role === 'server' ? 'server' : 'device';
}

export async function readState<T>(db: Db, shopId: string, key: string): Promise<T | undefined> {
	const r = await db.selectFrom('sync_state').select('value').where('shop_id', '=', shopId).where('key', '=', key).executeTakeFirst();
	return r ? (JSON.parse(r.value) as T) : undefined;
}

export async function writeState(db: Db, shopId: string, key: string, value: unknown) {
	await db.insertInto('sync_state').values({ shop_id: shopId, key, value: JSON.stringify(value) })
		.onConflict((oc) => oc.columns(['shop_id', 'key']).doUpdateSet({ value: JSON.stringify(value) })).execute();
}

/** Takes `count` numbers of the shop's change counter; answers the last (the feed's order). */
export async function reserveSeqs(db: Db, shopId: string, count = 1): Promise<number> {
	const r = await db.updateTable('shops').set({ change_seq: raw<number>`change_seq + ${count}` }).where('id', '=', shopId).returning('change_seq').executeTakeFirstOrThrow();
	return Number(r.change_seq);
}

export interface FeedRow { kind: 'record' | 'sales' | 'movements'; entityId: string; payload: string | null }

/**
 * Feed rows, each under a new number of the shop's counter (so a pull page can end after any
 * row); a record's earlier row moves to its new number (the feed keeps one row per record).
 */
export async function appendFeed(db: Db, dialect: Dialect, shopId: string, deviceId: string, rows: FeedRow[]) {
	const unique = [...new Map(rows.map((r) => [`${r.kind}\u0000${r.entityId}`, r])).values()];
	if (unique.length === 0) return;
	const last = await reserveSeqs(db, shopId, unique.length);
	const first = last - unique.length + 1;
	await db.insertInto('sync_commits').values({ shop_id: shopId, last_seq: last, tag: newId() }).execute();
	await insertRows(db, dialect, 'sync_feed', unique.map((r, i) => ({ shop_id: shopId, kind: r.kind, entity_id: r.entityId, seq: first + i, device_id: deviceId, payload: r.payload })),
		(oc) => oc.columns(['shop_id', 'kind', 'entity_id']).doUpdateSet({ seq: raw<number>`excluded.seq`, device_id: raw<string>`excluded.device_id`, payload: raw<string>`excluded.payload` }));
}

/** The server itself, as the device that made a change through the REST API or the server's CLI. */
export const SERVER_DEVICE = 'server';

/** Records one change of a store: an outbox entry (device) or feed rows (server). */
export async function recordChange(db: Db, dialect: Dialect, shopId: string, role: SyncRole, kind: ChangeKind, refs: string[]) {
	if (refs.length === 0) return;
	if (role === 'server') {
		const rows: FeedRow[] = kind === 'records' ? refs.map((key) => ({ kind: 'record', entityId: key, payload: null }))
			: [{ kind: kind === 'sales' ? 'sales' : 'movements', entityId: refs[0], payload: JSON.stringify(refs) }];
		await appendFeed(db, dialect, shopId, SERVER_DEVICE, rows);
		return;
	}
	const n = ((await readState<number>(db, shopId, STATE.counter)) ?? 0) + 1;
	await writeState(db, shopId, STATE.counter, n);
	await db.insertInto('sync_outbox').values({ shop_id: shopId, n, kind, refs: JSON.stringify(refs) }).execute();
}

/** The store's device id (made on first use): what stamps its edits and names it to the server. */
export async function storeDeviceId(db: Db, shopId: string): Promise<string> {
	const r = await db.selectFrom('settings').select('value').where('shop_id', '=', shopId).where('key', '=', 'deviceId').executeTakeFirst();
	if (r) return JSON.parse(r.value) as string;
	const id = newId();
	await db.insertInto('settings').values({ shop_id: shopId, key: 'deviceId', value: JSON.stringify(id) })
		.onConflict((oc) => oc.columns(['shop_id', 'key']).doNothing()).execute();
	return (await storeDeviceId(db, shopId));
}

export async function clockOf(db: Db, shopId: string, role: SyncRole, wall: WallClock): Promise<{ clock: HybridClock; save: () => Promise<void> }> {
	const node = role === 'server' ? SERVER_DEVICE : await storeDeviceId(db, shopId);
	const clock = new HybridClock(node, wall, (await readState<HlcStamp>(db, shopId, STATE.hlc)) ?? '');
	return { clock, save: () => writeState(db, shopId, STATE.hlc, clock.last()) };
}

export async function readClocks(db: Db, dialect: Dialect, shopId: string, keys: string[]): Promise<Map<string, FieldClocks>> {
	const out = new Map<string, FieldClocks>();
	for (const chunk of idChunks(keys, dialect)) {
		const rows = await db.selectFrom('field_clocks').select(['key', 'clocks']).where('shop_id', '=', shopId).where('key', 'in', chunk).execute();
		for (const r of rows) out.set(r.key, JSON.parse(r.clocks) as FieldClocks);
	}
	return out;
}

export async function writeClocks(db: Db, dialect: Dialect, shopId: string, rows: { key: string; clocks: FieldClocks }[]) {
	await insertRows(db, dialect, 'field_clocks', rows.map((r) => ({ shop_id: shopId, key: r.key, clocks: JSON.stringify(r.clocks) })),
		(oc) => oc.columns(['shop_id', 'key']).doUpdateSet({ clocks: raw<string>`excluded.clocks` }));
}

export interface Edit { id: string; before: RecordValue | undefined; after: RecordValue | null }

/** Stamps the fields the edits changed and records them; the caller holds the transaction. */
export async function recordEdits(db: Db, dialect: Dialect, shopId: string, role: SyncRole, wall: WallClock, entity: RecordKind, edits: Edit[]) {
	if (edits.length === 0) return;
	const { clock, save } = await clockOf(db, shopId, role, wall);
	const keys = edits.map((e) => recordKey(entity, e.id));
	const stored = await readClocks(db, dialect, shopId, keys);
	await writeClocks(db, dialect, shopId, edits.map((e, i) => {
		const stamp = clock.tick();
		return { key: keys[i], clocks: e.after === null ? { _deleted: stamp } : stampEdit(e.before, e.after, stored.get(keys[i]) ?? {}, stamp) };
	}));
	await save();
	await recordChange(db, dialect, shopId, role, 'records', keys);
}

/**
 * Records everything the shop holds as changes: a device queues it all (numbered from
 * `lastApplied + 1`, the outbox replaced, the cursor cleared); a server feeds it all under one seq.
 * What a store upgraded from before sync, a device whose server was restored, or a store becoming
 * a server does.
 */
export async function queueEverythingSql(db: Db, dialect: Dialect, shopId: string, lastApplied: number) {
	const role = await syncRole(db, shopId);
	if (role === 'device') {
		// A new series after every number used before (core/sync/device-sync.ts requeueAll).
		const start = Math.max((await readState<number>(db, shopId, STATE.counter)) ?? 0, (await readState<number>(db, shopId, STATE.acked)) ?? 0, lastApplied) + 1;
		await db.deleteFrom('sync_outbox').where('shop_id', '=', shopId).execute();
		await writeState(db, shopId, STATE.counter, start - 1);
		await writeState(db, shopId, STATE.acked, lastApplied);
		await writeState(db, shopId, STATE.rebasedFrom, start);
		await db.deleteFrom('sync_state').where('shop_id', '=', shopId).where('key', '=', STATE.cursor).execute();
	} else {
		await db.deleteFrom('sync_feed').where('shop_id', '=', shopId).execute();
	}
	const ids = async (table: 'suppliers' | 'products' | 'customers' | 'purchase_orders') =>
		(await db.selectFrom(table).select('id').where('shop_id', '=', shopId).orderBy('id').execute()).map((r) => r.id);
	const keys: string[] = [];
	for (const id of await ids('suppliers')) keys.push(recordKey('supplier', id));
	for (const id of await ids('products')) keys.push(recordKey('product', id));
	for (const id of await ids('customers')) keys.push(recordKey('customer', id));
	for (const id of await ids('purchase_orders')) keys.push(recordKey('purchaseOrder', id));
	const settings = await db.selectFrom('settings').select('key').where('shop_id', '=', shopId).orderBy('key').execute();
	for (const s of settings) if (isSharedSetting(s.key)) keys.push(recordKey('setting', s.key));
	const tombstones = await db.selectFrom('field_clocks').select(['key', 'clocks']).where('shop_id', '=', shopId).execute();
	for (const t of tombstones) if ((JSON.parse(t.clocks) as FieldClocks)._deleted) keys.push(t.key);
	const movements = (await db.selectFrom('movements').select(['id', 'reason']).where('shop_id', '=', shopId).orderBy('at').orderBy('id').execute())
		.filter((m) => !isSaleMovement(m as never)).map((m) => m.id);
	const blocks = (await db.selectFrom('sale_blocks').select('id').where('shop_id', '=', shopId).orderBy('first_day').orderBy('id').execute()).map((b) => b.id);
	const chunks = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
	if (role === 'server') {
		const rows: FeedRow[] = [
			...keys.map((key) => ({ kind: 'record' as const, entityId: key, payload: null })),
			...chunks(movements, 5_000).map((c) => ({ kind: 'movements' as const, entityId: c[0], payload: JSON.stringify(c) })),
			...blocks.map((id) => ({ kind: 'sales' as const, entityId: id, payload: JSON.stringify([id]) }))
		];
		for (const part of chunks(rows, 5_000)) await appendFeed(db, dialect, shopId, SERVER_DEVICE, part);
		return;
	}
	for (const c of chunks(keys, 5_000)) await recordChange(db, dialect, shopId, role, 'records', c);
	for (const c of chunks(movements, 5_000)) await recordChange(db, dialect, shopId, role, 'movements', c);
	for (const c of chunks(blocks, 8)) await recordChange(db, dialect, shopId, role, 'sales', c);
}

/** Makes the shop's store a server: what it holds becomes its feed, and its writes feed from now on. */
export async function becomeServer(db: Db, dialect: Dialect, shopId: string) {
	if ((await syncRole(db, shopId)) === 'server') return;
	await db.updateTable('shops').set({ sync_role: 'server' }).where('id', '=', shopId).execute();
	await db.deleteFrom('sync_outbox').where('shop_id', '=', shopId).execute();
	await queueEverythingSql(db, dialect, shopId, 0);
}
