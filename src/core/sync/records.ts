// Catalogue records merge per field: each field keeps the value of the edit with the larger stamp
// (ties, such as two stores that never stamped a field, go to the larger JSON text, so every store
// picks the same). A delete is final: a tombstone absorbs any edit, whatever its stamp.
import type { RecordKind, WireRecord } from '../api/sync';
import { maxStamp, stampWall, ZERO_STAMP, type HlcStamp } from './hlc';

export type FieldClocks = Record<string, HlcStamp>;
export type RecordValue = Record<string, unknown>;
export const DELETED = '_deleted';
/** Set by the server when it overrules a delete it does not allow: beats a tombstone stamped before it. */
export const RESTORED = '_restored';

export interface ClockedRecord {
	entity: RecordKind;
	id: string;
	/** null: deleted (a tombstone). */
	value: RecordValue | null;
	clocks: FieldClocks;
}

export const recordKey = (entity: RecordKind, id: string) => `${entity}:${id}`;

/** Fields that are not the shop's data: never stamped, never compared. */
const UNSTAMPED = new Set(['id', RESTORED]);

/** A field holds a value (an optional field left out, or stored as undefined, holds none). */
const holds = (record: RecordValue, field: string) => record[field] !== undefined;

/**
 * The stamps after a local edit: every field whose value changed gets the new stamp, a field the
 * edit took away (a product's own tax rate cleared back to the shop's default) too, so the removal
 * travels like any other edit.
 */
export function stampEdit(before: RecordValue | undefined, after: RecordValue, clocks: FieldClocks, stamp: HlcStamp): FieldClocks {
	const next = { ...clocks };
	const fields = new Set([...Object.keys(after), ...Object.keys(before ?? {})]);
	for (const field of fields) {
		if (UNSTAMPED.has(field)) continue;
		if (!before) { if (holds(after, field)) next[field] = stamp; continue; }
		if (!sameValue(before[field], after[field])) next[field] = stamp;
	}
	return next;
}

export function sameValue(a: unknown, b: unknown): boolean {
	return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Which of two values of one field wins. */
function remoteWins(localStamp: HlcStamp, remoteStamp: HlcStamp, local: unknown, remote: unknown): boolean {
	if (remoteStamp !== localStamp) return remoteStamp > localStamp;
	return (JSON.stringify(remote) ?? '') > (JSON.stringify(local) ?? '');
}

export interface MergeResult {
	value: RecordValue | null;
	clocks: FieldClocks;
	/** The stored record must be written (the remote changed something). */
	changed: boolean;
}

/**
 * Merges a record received into what the store holds (undefined: it has none). `trustUntil`: a
 * local stamp later than this (ms) came from a clock running ahead of the server's, which moved it
 * back; it loses to what the server sends.
 */
export function mergeRecord(local: { value: RecordValue | null; clocks: FieldClocks } | undefined, remote: { value: RecordValue | null; clocks: FieldClocks }, trustUntil = Infinity): MergeResult {
	if (!local) return { value: remote.value, clocks: { ...remote.clocks }, changed: true };
	// A record the server brought back after a refused delete beats the tombstone.
	const restored = (side: { value: RecordValue | null; clocks: FieldClocks }, other: { clocks: FieldClocks }) =>
		side.value !== null && (side.clocks[RESTORED] ?? ZERO_STAMP) > (other.clocks[DELETED] ?? ZERO_STAMP);
	if (local.value === null && restored(remote, local)) return { value: remote.value, clocks: { ...remote.clocks }, changed: true };
	if (remote.value === null && restored(local, remote)) return { value: local.value, clocks: local.clocks, changed: false };
	if (local.value === null || remote.value === null) {
		const deletedAt = maxStamp(local.clocks[DELETED] ?? ZERO_STAMP, remote.clocks[DELETED] ?? ZERO_STAMP);
		const changed = local.value !== null || deletedAt !== (local.clocks[DELETED] ?? ZERO_STAMP);
		return { value: null, clocks: { [DELETED]: deletedAt }, changed };
	}
	const value: RecordValue = { ...local.value };
	const clocks: FieldClocks = { ...local.clocks };
	let changed = false;
	// A field stamped but absent on the remote side was taken away there; it merges like a value. A
	// version the server restored (an overruled edit) is the whole record as of its mark: a field it
	// lacks and never stamped counts as taken away then, on either side: the server holding its
	// restored version must refuse an older edit of such a field as the devices holding it do.
	const localRestoredAt = local.clocks[RESTORED] ?? ZERO_STAMP;
	const restoredAt = remote.clocks[RESTORED] ?? ZERO_STAMP;
	const stampOf = (v: RecordValue, c: FieldClocks, field: string, restoredMark: HlcStamp) => c[field] ?? (v[field] === undefined ? restoredMark : ZERO_STAMP);
	const fields = new Set([...Object.keys(remote.value), ...Object.keys(remote.clocks).filter((f) => f !== DELETED), ...(restoredAt === ZERO_STAMP ? [] : Object.keys(local.value))]);
	for (const field of fields) {
		if (UNSTAMPED.has(field)) continue;
		const remoteValue = remote.value[field];
		const stored = stampOf(local.value, local.clocks, field, localRestoredAt), r = stampOf(remote.value, remote.clocks, field, restoredAt);
		const l = stampWall(stored) > trustUntil ? ZERO_STAMP : stored;
		// A field this store never had nor stamped (a record from before the field existed) takes the remote's.
		const unknownHere = !holds(local.value, field) && stored === ZERO_STAMP;
		if ((unknownHere && remoteValue !== undefined) || remoteWins(l, r, local.value[field], remoteValue)) {
			if (!sameValue(value[field], remoteValue)) changed = true;
			if (remoteValue === undefined) delete value[field];
			else value[field] = remoteValue;
			if (r !== ZERO_STAMP || l !== stored) clocks[field] = r;
			if (clocks[field] === ZERO_STAMP) delete clocks[field];
		}
		if (r > stampOf(value, clocks, field, localRestoredAt)) { clocks[field] = r; changed = true; }
	}
	if ((remote.clocks[RESTORED] ?? ZERO_STAMP) > (clocks[RESTORED] ?? ZERO_STAMP)) { clocks[RESTORED] = remote.clocks[RESTORED]; changed = true; }
	return { value, clocks, changed };
}

/** The newest stamp a record carries (what a receiving clock observes). */
export function newestStamp(clocks: FieldClocks): HlcStamp {
	let newest = ZERO_STAMP;
	for (const s of Object.values(clocks)) if (s > newest) newest = s;
	return newest;
}

export function toWire(r: ClockedRecord): WireRecord {
	return { kind: 'record', entity: r.entity, id: r.id, value: r.value, clocks: r.clocks };
}

/**
 * Two products with one SKU (made apart, offline): the smaller id keeps it and the other is renamed
 * "<sku>~<first 4 of its id>" the same way on every store, so the catalogue stays the same everywhere.
 */
export function skuClashLoser(a: { id: string }, b: { id: string }): string {
	return a.id < b.id ? b.id : a.id;
}
export const renamedSku = (sku: string, id: string) => `${sku.slice(0, 58)}~${id.slice(0, 4)}`;

/** Settings every device of the shop shares (the others, like the device id, stay on the device). */
export function isSharedSetting(key: string): boolean {
	return key === 'shopSettings' || key.startsWith('shifts.') || key.startsWith('forecast.') || key.startsWith('shop.') || key.startsWith('alerts.') || key.startsWith('health.');
}
