// The device's outbox on IndexedDB (docs/sync.md): every write that the shop's other devices must
// see adds a numbered entry naming what it stored, inside the write's own transaction, so a change
// and its entry commit together or not at all. Entries name records (block ids, movement ids,
// record keys) instead of copying them: a large import does not double the store.
import type { Transaction } from 'dexie';
import { newId } from '$core/ids';
import { HybridClock, type HlcStamp } from '$core/sync/hlc';
import { isSharedSetting, recordKey, stampEdit, type FieldClocks, type RecordValue } from '$core/sync/records';
import type { RecordKind } from '$core/api/sync';
import { isSaleMovement } from '$core/sync/sale-movements';

export type OutboxKind = 'sales' | 'movements' | 'records';
/** `sales`/`lines`: what a sales entry holds, for the list of what waits (its blocks are not read to show it). */
export interface OutboxRow { n: number; kind: OutboxKind; refs: string[]; sales?: number; lines?: number }
export interface SyncMetaRow { key: string; value: unknown }
export interface FieldClocksRow { key: string; clocks: FieldClocks }

/** The tables every outbox-writing transaction must include. */
export const OUTBOX_TABLES = ['outbox', 'syncMeta', 'settings'] as const;
export const CLOCK_TABLES = [...OUTBOX_TABLES, 'fieldClocks'] as const;

export const META = { counter: 'changeCounter', acked: 'acked', cursor: 'cursor', hlc: 'hlc', rebasedFrom: 'rebasedFrom' } as const;

/** What moves a device's clock in tests (a device hours off); Date.now otherwise. */
export type WallClock = () => number;

/** Adds one outbox entry numbered after the last; the caller's transaction holds OUTBOX_TABLES. */
export async function addOutboxEntry(tx: Transaction, kind: OutboxKind, refs: string[], counts?: { sales: number; lines: number }): Promise<number | null> {
	if (refs.length === 0) return null;
	const meta = tx.table('syncMeta');
	const n = (((await meta.get(META.counter)) as SyncMetaRow | undefined)?.value as number | undefined ?? 0) + 1;
	await meta.put({ key: META.counter, value: n });
	await tx.table('outbox').add({ n, kind, refs, ...counts });
	return n;
}

/** The device id (the settings record made on first use). */
export async function deviceIdIn(tx: Transaction): Promise<string> {
	const row = (await tx.table('settings').get('deviceId')) as { value: string } | undefined;
	if (row?.value) return row.value;
	const id = newId();
	await tx.table('settings').put({ key: 'deviceId', value: id });
	return id;
}

/** A clock made from the stamp stored last, so every worker's repository shares one clock. */
export async function clockIn(tx: Transaction, wall: WallClock): Promise<{ clock: HybridClock; save: () => Promise<void> }> {
	const meta = tx.table('syncMeta');
	const last = ((await meta.get(META.hlc)) as SyncMetaRow | undefined)?.value as HlcStamp | undefined;
	const clock = new HybridClock(await deviceIdIn(tx), wall, last ?? '');
	return { clock, save: async () => { await meta.put({ key: META.hlc, value: clock.last() }); } };
}

/**
 * Stamps the fields an edit changed and queues the records; `edits` pairs what was stored with
 * what is stored now. The caller's transaction holds CLOCK_TABLES.
 */
export async function recordEdits(tx: Transaction, wall: WallClock, entity: RecordKind, edits: { id: string; before: RecordValue | undefined; after: RecordValue | null }[]) {
	if (edits.length === 0) return;
	const { clock, save } = await clockIn(tx, wall);
	const clocksTable = tx.table('fieldClocks');
	const keys = edits.map((e) => recordKey(entity, e.id));
	const stored = (await clocksTable.bulkGet(keys)) as (FieldClocksRow | undefined)[];
	const rows: FieldClocksRow[] = edits.map((e, i) => {
		const stamp = clock.tick();
		const clocks = e.after === null ? { _deleted: stamp } : stampEdit(e.before, e.after, stored[i]?.clocks ?? {}, stamp);
		return { key: keys[i], clocks };
	});
	await clocksTable.bulkPut(rows);
	await save();
	await addOutboxEntry(tx, 'records', keys);
}

export const settingRecordId = (key: string) => key;
export { isSharedSetting, isSaleMovement };

/**
 * Queues everything the store holds as a new series of numbers after every number used before
 * (the outbox is replaced; see SyncStore.requeueAll): what a store upgraded from before sync, or
 * one whose server was restored from a backup, sends. The caller's transaction holds the outbox
 * tables and every data table.
 */
export async function queueEverything(tx: Transaction, lastApplied: number): Promise<number> {
	const meta = tx.table('syncMeta');
	const value = async (key: string) => (((await meta.get(key)) as SyncMetaRow | undefined)?.value as number | undefined) ?? 0;
	const start = Math.max(await value(META.counter), await value(META.acked), lastApplied) + 1;
	await tx.table('outbox').clear();
	await meta.put({ key: META.counter, value: start - 1 });
	await meta.put({ key: META.acked, value: lastApplied });
	await meta.put({ key: META.rebasedFrom, value: start });
	await meta.delete(META.cursor);
	// Catalogue first: a receiver holds the products before the sales that name them.
	const keys: string[] = [];
	for (const [table, entity] of [['suppliers', 'supplier'], ['products', 'product'], ['customers', 'customer'], ['purchaseOrders', 'purchaseOrder']] as const) {
		for (const id of (await tx.table(table).toCollection().primaryKeys()) as string[]) keys.push(recordKey(entity, id));
	}
	for (const key of (await tx.table('settings').toCollection().primaryKeys()) as string[]) if (isSharedSetting(key)) keys.push(recordKey('setting', key));
	await tx.table('fieldClocks').each((r: FieldClocksRow) => { if (r.clocks._deleted) keys.push(r.key); });
	for (let i = 0; i < keys.length; i += QUEUE_REFS) await addOutboxEntry(tx, 'records', keys.slice(i, i + QUEUE_REFS));
	const movementIds: string[] = [];
	await tx.table('movements').each((m: { id: string; reason: string }) => { if (!isSaleMovement(m as never)) movementIds.push(m.id); });
	for (let i = 0; i < movementIds.length; i += QUEUE_REFS) await addOutboxEntry(tx, 'movements', movementIds.slice(i, i + QUEUE_REFS));
	const blockIds = (await tx.table('saleBlocks').toCollection().primaryKeys()) as string[];
	for (let i = 0; i < blockIds.length; i += QUEUE_BLOCKS) await addOutboxEntry(tx, 'sales', blockIds.slice(i, i + QUEUE_BLOCKS));
	return (((await meta.get(META.counter)) as SyncMetaRow).value as number);
}
const QUEUE_BLOCKS = 8;
const QUEUE_REFS = 5_000;
