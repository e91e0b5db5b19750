// The device side of sync on IndexedDB: reads the outbox into pushes, applies pulled changes in
// one transaction with the new cursor (sales merged as events, records merged per field).
import Dexie from 'dexie';
import type { PulledChange, PushedChange, RecordKind, SyncCursor, WireRecord } from '$core/api/sync';
import type { ProductId } from '$core/brand';
import { KeySet } from '$core/import/hash';
import type { SaleBlock } from '$core/sale-blocks';
import { blockFromWire, blockToWire, unseenPart } from '$core/sync/blocks';
import type { AppliedSummary, DeviceSyncState, SyncStore } from '$core/sync/device-sync';
import { DELETED, mergeRecord, newestStamp, recordKey, renamedSku, skuClashLoser, type FieldClocks, type RecordValue } from '$core/sync/records';
import { deriveSaleMovements } from '$core/sync/sale-movements';
import type { Product, StockMovement } from '$core/types';
import { clockIn, CLOCK_TABLES, deviceIdIn, META, queueEverything, type FieldClocksRow, type OutboxRow, type SyncMetaRow } from './dexie-outbox';
import { bumpRevision } from './dexie-dashboard';
import { DexieRepository } from './dexie-repository';

const ENTITY_TABLES: Record<RecordKind, string> = {
	product: 'products', supplier: 'suppliers', customer: 'customers', purchaseOrder: 'purchaseOrders', setting: 'settings'
};

/** One entry waiting to be sent: its kind, how many records it names, and for sales the tickets and lines (when known). */
export interface PendingEntry { n: number; kind: OutboxRow['kind']; count: number; sales?: number; lines?: number }

export class DexieSyncStore implements SyncStore {
	/** Import identities of the lines held, loaded on the first pulled block that has them. */
	private lineKeys: KeySet | null = null;
	/** The blocks and lines the store held when lineKeys was right: a local import or sale since makes it stale. */
	private lineKeysOf = { blocks: -1, lines: -1 };

	constructor(readonly repo: DexieRepository) {}
	private get db() { return this.repo.db; }

	async syncState(): Promise<DeviceSyncState> {
		return this.db.transaction('rw', [...CLOCK_TABLES], async () => {
			const tx = Dexie.currentTransaction;
			const deviceId = await deviceIdIn(tx);
			const meta = async (key: string) => ((await this.db.syncMeta.get(key)) as SyncMetaRow | undefined)?.value;
			const rebasedFrom = (await meta(META.rebasedFrom)) as number | undefined;
			return { deviceId, cursor: ((await meta(META.cursor)) as SyncCursor | undefined) ?? null, acked: ((await meta(META.acked)) as number | undefined) ?? 0, ...(rebasedFrom ? { rebasedFrom } : {}) };
		});
	}

	async pendingCount(): Promise<number> {
		const acked = ((await this.db.syncMeta.get(META.acked))?.value as number | undefined) ?? 0;
		return this.db.outbox.where('n').above(acked).count();
	}

	/** What waits to be sent, entry by entry (for the "waiting" list). */
	async pending(limit = 100): Promise<PendingEntry[]> {
		const acked = ((await this.db.syncMeta.get(META.acked))?.value as number | undefined) ?? 0;
		const rows = await this.db.outbox.where('n').above(acked).limit(limit).toArray();
		return rows.map((r) => ({ n: r.n, kind: r.kind, count: r.refs.length, ...(r.sales !== undefined ? { sales: r.sales, lines: r.lines } : {}) }));
	}

	async outgoing(after: number, maxChanges: number, maxLines: number): Promise<PushedChange[]> {
		const rows = await this.db.outbox.where('n').above(after).limit(maxChanges).toArray();
		const out: PushedChange[] = [];
		let lines = 0;
		for (const row of rows) {
			if (out.length > 0 && lines >= maxLines) break;
			const change = await this.changeOf(row);
			if (change.kind === 'sales') lines += change.blocks.reduce((n, b) => n + b.lineCount, 0);
			out.push(change);
		}
		return out;
	}

	private async changeOf(row: OutboxRow): Promise<PushedChange> {
		const empty: PushedChange = { n: row.n, kind: 'records', records: [] };
		if (row.kind === 'sales') {
			const blocks = (await this.db.saleBlocks.bulkGet(row.refs)).filter((b): b is SaleBlock => b !== undefined);
			return blocks.length ? { n: row.n, kind: 'sales', blocks: blocks.map(blockToWire) } : empty;
		}
		if (row.kind === 'movements') {
			const movements = (await this.db.movements.bulkGet(row.refs)).filter((m): m is StockMovement => m !== undefined);
			return movements.length ? { n: row.n, kind: 'movements', id: `${row.n}:${movements[0].id}`, movements } : empty;
		}
		return { n: row.n, kind: 'records', records: await this.readRecords(row.refs) };
	}

	private async readRecords(keys: string[]): Promise<WireRecord[]> {
		const clocks = (await this.db.fieldClocks.bulkGet(keys)) as (FieldClocksRow | undefined)[];
		const out: WireRecord[] = [];
		for (let i = 0; i < keys.length; i++) {
			const [entity, id] = splitKey(keys[i]);
			const value = await this.readValue(entity, id);
			const c = clocks[i]?.clocks ?? {};
			if (value) out.push({ kind: 'record', entity, id, value, clocks: c });
			else if (c[DELETED]) out.push({ kind: 'record', entity, id, value: null, clocks: c });
		}
		return out;
	}

	private async readValue(entity: RecordKind, id: string): Promise<RecordValue | undefined> {
		const row = await this.db.table(ENTITY_TABLES[entity]).get(id);
		if (!row) return undefined;
		return entity === 'setting' ? { id, value: (row as { value: unknown }).value } : (row as RecordValue);
	}

	async acknowledge(lastApplied: number) {
		await this.db.transaction('rw', this.db.outbox, this.db.syncMeta, async () => {
			const acked = ((await this.db.syncMeta.get(META.acked))?.value as number | undefined) ?? 0;
			if (lastApplied <= acked) return;
			await this.db.outbox.where('n').belowOrEqual(lastApplied).delete();
			await this.db.syncMeta.put({ key: META.acked, value: lastApplied });
			const rebasedFrom = (await this.db.syncMeta.get(META.rebasedFrom))?.value as number | undefined;
			if (rebasedFrom !== undefined && lastApplied >= rebasedFrom - 1) await this.db.syncMeta.delete(META.rebasedFrom);
		});
	}

	async requeueAll(lastApplied: number) {
		await this.db.transaction('rw', this.db.tables, async () => { await queueEverything(Dexie.currentTransaction, lastApplied); });
		this.lineKeys = null;
	}

	async applyPulled(changes: PulledChange[], cursor: SyncCursor, trustStampsUntil = Infinity): Promise<AppliedSummary> {
		const summary: AppliedSummary = { sales: 0, lines: 0, movements: 0, records: 0, touched: [] };
		const touch = (t: string) => { if (!summary.touched.includes(t)) summary.touched.push(t); };
		if (changes.some((c) => c.kind === 'sales' && c.blocks.some((b) => b.lineKeys))) await this.loadLineKeys();
		const records = changes.flatMap((c) => (c.kind === 'record' ? [c.record] : []));
		// One batch of sales for the page: its movements are one per product (per line at the till), as an import's.
		const blocks = changes.flatMap((c) => (c.kind === 'sales' ? c.blocks.map(blockFromWire) : []));
		const movements = changes.flatMap((c) => (c.kind === 'movements' ? (c.movements as StockMovement[]) : []));
		await this.db.transaction('rw', this.db.tables, async () => {
			const tx = Dexie.currentTransaction;
			const { clock, save } = await clockIn(tx, this.repo.wall);
			// Records first: the page's sales may name products that arrive with them.
			for (const r of records) clock.observe(newestStamp(r.clocks));
			for (const entity of await this.mergeRecords(records, trustStampsUntil)) { summary.records++; touch(entity); }
			if (blocks.length) {
				const added = await this.addSales(blocks);
				if (added.lines) { summary.sales += added.sales; summary.lines += added.lines; touch('sales'); touch('stock'); }
			}
			if (movements.length) {
				const known = new Set((await this.db.movements.bulkGet(movements.map((m) => m.id))).filter(Boolean).map((m) => m!.id));
				const fresh = movements.filter((m) => !known.has(m.id));
				if (fresh.length) { await this.repo.writeMovements(fresh); summary.movements += fresh.length; touch('stock'); }
			}
			// Pulled catalogue edits change the dashboard too (sales and stock raise it as they are stored).
			if (summary.records) await bumpRevision(tx);
			await save();
			await this.db.syncMeta.put({ key: META.cursor, value: cursor });
		});
		return summary;
	}

	private async addSales(blocks: SaleBlock[]): Promise<{ sales: number; lines: number }> {
		const held = new Set((await this.db.saleBlocks.where(':id').anyOf(blocks.map((b) => b.id)).primaryKeys()) as string[]);
		const keys = this.lineKeys;
		const fresh: SaleBlock[] = [];
		for (const b of blocks) {
			const part = unseenPart(b, { hasBlock: (id) => held.has(id), hasSale: () => false, hasLineKey: (k) => keys?.has(k) ?? false });
			if (!part) continue;
			fresh.push(part);
			held.add(part.id);
			if (part.lineKeys && keys) for (const k of part.lineKeys) keys.add(k);
		}
		if (fresh.length === 0) return { sales: 0, lines: 0 };
		await this.repo.appendSalesIn({ blocks: fresh, movements: deriveSaleMovements(fresh) });
		this.lineKeysOf = { blocks: this.lineKeysOf.blocks + fresh.length, lines: this.lineKeysOf.lines + fresh.reduce((n, b) => n + b.lineCount, 0) };
		return { sales: fresh.reduce((n, b) => n + b.saleCount, 0), lines: fresh.reduce((n, b) => n + b.lineCount, 0) };
	}

	/**
	 * Merges a page's records in bulk (a first sync brings thousands): one read of the stored values
	 * and stamps per table, one write. Answers the entity of each record whose stored state changed.
	 */
	private async mergeRecords(records: WireRecord[], trustUntil: number): Promise<RecordKind[]> {
		const changed: RecordKind[] = [];
		const byEntity = new Map<RecordKind, WireRecord[]>();
		// The last of a record in the page is its newest state.
		const latest = new Map(records.map((r) => [recordKey(r.entity, r.id), r]));
		for (const r of latest.values()) byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), r]);
		for (const [entity, list] of byEntity) {
			const table = this.db.table(ENTITY_TABLES[entity]);
			const keys = list.map((r) => recordKey(entity, r.id));
			const [rows, clockRows] = await Promise.all([table.bulkGet(list.map((r) => r.id)), this.db.fieldClocks.bulkGet(keys)]);
			const puts: RecordValue[] = [], deletes: string[] = [], clocksOut: FieldClocksRow[] = [];
			list.forEach((r, i) => {
				const row = rows[i] as RecordValue | undefined;
				const stored = row && (entity === 'setting' ? { id: r.id, value: (row as { value: unknown }).value } : row);
				const clocks: FieldClocks = (clockRows[i] as FieldClocksRow | undefined)?.clocks ?? {};
				const local = stored ? { value: stored, clocks } : clocks[DELETED] ? { value: null, clocks } : undefined;
				const merged = mergeRecord(local, { value: r.value, clocks: r.clocks }, trustUntil);
				if (!merged.changed) return;
				clocksOut.push({ key: keys[i], clocks: merged.clocks });
				if (merged.value === null) deletes.push(r.id);
				else puts.push(merged.value);
				changed.push(entity);
			});
			await this.db.fieldClocks.bulkPut(clocksOut);
			if (deletes.length) await table.bulkDelete(deletes);
			if (entity === 'setting') await table.bulkPut(puts.map((v) => ({ key: v.id as string, value: v.value })));
			else if (entity === 'product') await this.putProductsResolvingSku(puts as unknown as Product[]);
			else await table.bulkPut(puts);
		}
		return changed;
	}

	/**
	 * Stores products; two that end up with one SKU (made apart, offline): the same one is renamed
	 * on every store (records.ts). Without a clash (nearly always) in one write.
	 */
	private async putProductsResolvingSku(products: Product[]) {
		if (products.length === 0) return;
		const holders = await this.db.products.where('sku').anyOf(products.map((p) => p.sku)).toArray();
		const clash = new Set(products.map((p) => p.sku)).size < products.length
			|| holders.some((h) => products.some((p) => p.sku === h.sku && p.id !== h.id));
		if (!clash) {
			await this.db.products.bulkPut(products);
			return;
		}
		for (let p of products) {
			const holder = await this.db.products.where('sku').equals(p.sku).first();
			if (holder && holder.id !== p.id) {
				if (skuClashLoser(holder, p) === p.id) p = { ...p, sku: renamedSku(p.sku, p.id) };
				else await this.db.products.put({ ...holder, sku: renamedSku(holder.sku, holder.id) });
			}
			await this.db.products.put(p);
		}
	}

	private async loadLineKeys() {
		// Index keys only (cheap): has anything but our own pulls stored lines since the keys were read?
		const [blocks, lineCounts] = await Promise.all([this.db.saleBlocks.count(), this.db.saleBlocks.orderBy('lineCount').keys()]);
		const lines = lineCounts.reduce<number>((n, k) => n + (k as number), 0);
		if (this.lineKeys && this.lineKeysOf.blocks === blocks && this.lineKeysOf.lines === lines) return;
		const keys = await this.repo.lineKeys();
		const set = new KeySet(Math.max(1024, keys.length * 2));
		for (let i = 0; i < keys.length; i++) set.add(keys[i]);
		this.lineKeys = set;
		this.lineKeysOf = { blocks, lines };
	}
}

function splitKey(key: string): [RecordKind, string] {
	const i = key.indexOf(':');
	return [key.slice(0, i) as RecordKind, key.slice(i + 1)];
}

export type { ProductId };
