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
import { DexieRepository } from './dexie-repository';

const ENTITY_TABLES: Record<RecordKind, string> = {
	product: 'products', supplier: 'suppliers', customer: 'customers', purchaseOrder: 'purchaseOrders', setting: 'settings'
};

/** One entry waiting to be sent: its kind, how many records it names, and for sales the tickets and lines (when known). */
export interface PendingEntry { n: number; kind: OutboxRow['kind']; count: number; sales?: number; lines?: number }

export class DexieSyncStore implements SyncStore {
	/** Import identities of the lines held, loaded on the first pulled block that has them. */
	private lineKeys: KeySet | null = null;

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
		// Records first: a page's sales may name products that arrive in the same page.
		const ordered = [...changes].sort((a, b) => rank(a) - rank(b) || a.seq - b.seq);
		await this.db.transaction('rw', this.db.tables, async () => {
			const tx = Dexie.currentTransaction;
			const { clock, save } = await clockIn(tx, this.repo.wall);
			for (const c of ordered) {
				if (c.kind === 'record') {
					if (await this.mergeRecord(c.record, (s) => clock.observe(s), trustStampsUntil)) { summary.records++; touch(c.record.entity); }
				} else if (c.kind === 'movements') {
					const known = new Set((await this.db.movements.bulkGet(c.movements.map((m) => m.id))).filter(Boolean).map((m) => m!.id));
					const fresh = (c.movements as StockMovement[]).filter((m) => !known.has(m.id));
					if (fresh.length) { await this.repo.writeMovements(fresh); summary.movements += fresh.length; touch('stock'); }
				} else {
					const added = await this.addSales(c.blocks.map(blockFromWire));
					if (added.lines) { summary.sales += added.sales; summary.lines += added.lines; touch('sales'); touch('stock'); }
				}
			}
			await save();
			await this.db.syncMeta.put({ key: META.cursor, value: cursor });
		});
		return summary;
	}

	private async addSales(blocks: SaleBlock[]): Promise<{ sales: number; lines: number }> {
		const held = new Set((await this.db.saleBlocks.where(':id').anyOf(blocks.map((b) => b.id)).primaryKeys()) as string[]);
		const keys = this.lineKeys;
		const fresh = blocks
			.map((b) => unseenPart(b, { hasBlock: (id) => held.has(id), hasSale: () => false, hasLineKey: (k) => keys?.has(k) ?? false }))
			.filter((b): b is SaleBlock => b !== null);
		if (fresh.length === 0) return { sales: 0, lines: 0 };
		await this.repo.appendSalesIn({ blocks: fresh, movements: deriveSaleMovements(fresh) });
		for (const b of fresh) if (b.lineKeys && keys) for (const k of b.lineKeys) keys.add(k);
		return { sales: fresh.reduce((n, b) => n + b.saleCount, 0), lines: fresh.reduce((n, b) => n + b.lineCount, 0) };
	}

	private async loadLineKeys() {
		if (this.lineKeys) return;
		const keys = await this.repo.lineKeys();
		const set = new KeySet(Math.max(1024, keys.length * 2));
		for (let i = 0; i < keys.length; i++) set.add(keys[i]);
		this.lineKeys = set;
	}

	/** Merges one record; true when what is stored changed. */
	private async mergeRecord(r: WireRecord, observe: (stamp: string) => void, trustUntil: number): Promise<boolean> {
		observe(newestStamp(r.clocks));
		const key = recordKey(r.entity, r.id);
		const table = this.db.table(ENTITY_TABLES[r.entity]);
		const stored = await this.readValue(r.entity, r.id);
		const clocks: FieldClocks = (await this.db.fieldClocks.get(key))?.clocks ?? {};
		const local = stored ? { value: stored, clocks } : clocks[DELETED] ? { value: null, clocks } : undefined;
		const merged = mergeRecord(local, { value: r.value, clocks: r.clocks }, trustUntil);
		if (!merged.changed) return false;
		await this.db.fieldClocks.put({ key, clocks: merged.clocks });
		if (merged.value === null) {
			await table.delete(r.id);
			return true;
		}
		if (r.entity === 'setting') await table.put({ key: r.id, value: merged.value.value });
		else if (r.entity === 'product') await this.putProductResolvingSku(merged.value as unknown as Product);
		else await table.put(merged.value);
		return true;
	}

	/** Two products that ended up with one SKU: the same one is renamed on every store (records.ts). */
	private async putProductResolvingSku(p: Product) {
		const holder = await this.db.products.where('sku').equals(p.sku).first();
		if (holder && holder.id !== p.id) {
			if (skuClashLoser(holder, p) === p.id) p = { ...p, sku: renamedSku(p.sku, p.id) };
			else await this.db.products.put({ ...holder, sku: renamedSku(holder.sku, holder.id) });
		}
		await this.db.products.put(p);
	}
}

const rank = (c: PulledChange) => (c.kind === 'record' ? 0 : c.kind === 'sales' ? 1 : 2);

function splitKey(key: string): [RecordKind, string] {
	const i = key.indexOf(':');
	return [key.slice(0, i) as RecordKind, key.slice(i + 1)];
}

export type { ProductId };
