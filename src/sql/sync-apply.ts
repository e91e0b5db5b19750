// Applying changes that came from another store, on SQL: the server applying a device's push and
// a device store (the CLI's) applying a pull do the same three things, inside the caller's
// transaction and without queuing anything: merge records per field, add the sales lines not held
// yet (deriving their movements), add the movements not held yet.
import type { RecordKind, WireRecord } from '../core/api/sync';
import type { SaleBlock } from '../core/sale-blocks';
import { unseenPart } from '../core/sync/blocks';
import { DELETED, mergeRecord, recordKey, renamedSku, RESTORED, skuClashLoser, type FieldClocks, type RecordValue } from '../core/sync/records';
import { deriveSaleMovements } from '../core/sync/sale-movements';
import type { Customer, Product, StockMovement, Supplier } from '../core/types';
import type { PurchaseOrder } from '../core/purchase-orders/purchase-order';
import { idChunks } from './batch';
import type { Db } from './database';
import { customerOf, productOf, supplierOf } from './rows';
import type { SqlRepository } from './sql-repository';
import { readClocks, writeClocks } from './sync-log';

export class SqlSyncApplier {
	constructor(private readonly repo: SqlRepository) {}
	private get shopId() { return this.repo.shopId; }
	private get dialect() { return this.repo.sql.dialect; }

	/** The stored value of a record (undefined: none). */
	async readValue(db: Db, entity: RecordKind, id: string): Promise<RecordValue | undefined> {
		const shop = this.shopId;
		switch (entity) {
			case 'product': { const r = await db.selectFrom('products').selectAll().where('shop_id', '=', shop).where('id', '=', id).executeTakeFirst(); return r && productOf(r) as never; }
			case 'supplier': { const r = await db.selectFrom('suppliers').selectAll().where('shop_id', '=', shop).where('id', '=', id).executeTakeFirst(); return r && supplierOf(r) as never; }
			case 'customer': { const r = await db.selectFrom('customers').selectAll().where('shop_id', '=', shop).where('id', '=', id).executeTakeFirst(); return r && customerOf(r) as never; }
			case 'purchaseOrder': return (await this.repo.purchaseOrderIn(db, id)) as never;
			case 'setting': { const r = await db.selectFrom('settings').select('value').where('shop_id', '=', shop).where('key', '=', id).executeTakeFirst(); return r && { id, value: JSON.parse(r.value) }; }
		}
	}

	/** Records as the wire carries them (tombstones included); keys are "entity:id". */
	async readRecords(db: Db, keys: string[]): Promise<WireRecord[]> {
		const clocks = await readClocks(db, this.dialect, this.shopId, keys);
		const out: WireRecord[] = [];
		for (const key of keys) {
			const i = key.indexOf(':');
			const entity = key.slice(0, i) as RecordKind, id = key.slice(i + 1);
			const value = await this.readValue(db, entity, id);
			const c = clocks.get(key) ?? {};
			if (value) out.push({ kind: 'record', entity, id, value, clocks: c });
			else if (c[DELETED]) out.push({ kind: 'record', entity, id, value: null, clocks: c });
		}
		return out;
	}

	/** The keys of the records the store holds (or holds a tombstone of) that merging these would change. */
	async editsOfExisting(db: Db, records: readonly WireRecord[]): Promise<Set<string>> {
		const keys = records.map((r) => recordKey(r.entity, r.id));
		const clocks = await readClocks(db, this.dialect, this.shopId, keys);
		const out = new Set<string>();
		for (let i = 0; i < records.length; i++) {
			const c = clocks.get(keys[i]) ?? {};
			const value = await this.readValue(db, records[i].entity, records[i].id);
			if (!value && !c[DELETED]) continue;
			const merged = mergeRecord({ value: value ?? null, clocks: c }, { value: records[i].value, clocks: records[i].clocks });
			const differs = merged.changed && JSON.stringify(merged.value) !== JSON.stringify(value ?? null);
			if (differs) out.add(keys[i]);
		}
		return out;
	}

	/**
	 * Refuses edits to these records: the stored version gets fresh stamps on every field (a delete
	 * it refuses, a restored mark), so it beats the refused edit on the device that made it.
	 */
	async overrule(db: Db, keys: readonly string[], tick: () => string): Promise<string[]> {
		const stored = await this.readRecords(db, [...keys]);
		const rows = stored.map((r) => {
			const stamp = tick();
			if (r.value === null) return { key: recordKey(r.entity, r.id), clocks: r.clocks };
			const clocks: FieldClocks = Object.fromEntries(Object.keys(r.value).filter((f) => f !== 'id').map((f) => [f, stamp]));
			clocks[RESTORED] = stamp;
			return { key: recordKey(r.entity, r.id), clocks };
		});
		await writeClocks(db, this.dialect, this.shopId, rows);
		return rows.map((r) => r.key);
	}

	/** Merges records per field; answers the keys whose stored state changed. */
	async mergeRecords(db: Db, records: readonly WireRecord[], trustUntil = Infinity): Promise<string[]> {
		const keys = records.map((r) => recordKey(r.entity, r.id));
		const stored = await readClocks(db, this.dialect, this.shopId, keys);
		const changed: string[] = [];
		const clockRows: { key: string; clocks: FieldClocks }[] = [];
		for (let i = 0; i < records.length; i++) {
			const r = records[i], key = keys[i];
			const value = await this.readValue(db, r.entity, r.id);
			const clocks = stored.get(key) ?? {};
			const local = value ? { value, clocks } : clocks[DELETED] ? { value: null, clocks } : undefined;
			const merged = mergeRecord(local, { value: r.value, clocks: r.clocks }, trustUntil);
			if (!merged.changed) continue;
			stored.set(key, merged.clocks);
			clockRows.push({ key, clocks: merged.clocks });
			await this.writeValue(db, r.entity, r.id, merged.value);
			changed.push(key);
		}
		await writeClocks(db, this.dialect, this.shopId, clockRows);
		return changed;
	}

	private async writeValue(db: Db, entity: RecordKind, id: string, value: RecordValue | null) {
		const shop = this.shopId;
		if (value === null) {
			if (entity === 'purchaseOrder') await this.repo.deletePurchaseOrderIn(db, id);
			else if (entity === 'setting') await db.deleteFrom('settings').where('shop_id', '=', shop).where('key', '=', id).execute();
			else if (entity === 'product') await db.updateTable('products').set({ active: 0 }).where('shop_id', '=', shop).where('id', '=', id).execute();
			else await db.deleteFrom(entity === 'supplier' ? 'suppliers' : 'customers').where('shop_id', '=', shop).where('id', '=', id).execute();
			return;
		}
		switch (entity) {
			case 'product': return this.putProductResolvingSku(db, value as unknown as Product);
			case 'supplier': return this.repo.upsertSuppliers(db, [value as unknown as Supplier]);
			case 'customer': { await this.repo.upsertCustomers(db, [value as unknown as Customer]); return; }
			case 'purchaseOrder': return this.repo.writePurchaseOrder(db, value as unknown as PurchaseOrder);
			case 'setting': return this.repo.writeSetting(db, id, value.value);
		}
	}

	/** Two products with one SKU: the same one is renamed on every store (core/sync/records.ts). */
	private async putProductResolvingSku(db: Db, p: Product) {
		const holder = await db.selectFrom('products').selectAll().where('shop_id', '=', this.shopId).where('sku', '=', p.sku).where('id', '<>', p.id).executeTakeFirst();
		if (holder) {
			const h = productOf(holder);
			if (skuClashLoser(h, p) === p.id) p = { ...p, sku: renamedSku(p.sku, p.id) };
			else await this.repo.upsertProducts(db, [{ ...h, sku: renamedSku(h.sku, h.id) }]);
		}
		await this.repo.upsertProducts(db, [p]);
	}

	/**
	 * Adds the lines of the blocks not held yet (by block id, import identity, sale id) with the
	 * movements they cause; answers the blocks stored (whole or the new part).
	 */
	async addSales(db: Db, blocks: readonly SaleBlock[]): Promise<SaleBlock[]> {
		const shop = this.shopId, dialect = this.dialect;
		const heldBlocks = new Set<string>();
		for (const chunk of idChunks(blocks.map((b) => b.id), dialect)) {
			for (const r of await db.selectFrom('sale_blocks').select('id').where('shop_id', '=', shop).where('id', 'in', chunk).execute()) heldBlocks.add(r.id);
		}
		const unkeyedSales = blocks.filter((b) => !b.lineKeys && !heldBlocks.has(b.id)).flatMap((b) => b.saleIds);
		const heldSales = new Set<string>();
		for (const chunk of idChunks(unkeyedSales, dialect)) {
			for (const r of await db.selectFrom('sales').select('id').where('shop_id', '=', shop).where('id', 'in', chunk).execute()) heldSales.add(r.id);
		}
		// Import identities are not indexed (an index on random keys slows every import): the lines of the block's days are few.
		const heldKeys = new Set<number>();
		const keyed = blocks.filter((b) => b.lineKeys && !heldBlocks.has(b.id));
		if (keyed.length) {
			const from = Math.min(...keyed.map((b) => b.firstDay)), to = Math.max(...keyed.map((b) => b.lastDay));
			const rows = await db.selectFrom('sale_lines').select('line_key').where('shop_id', '=', shop).where('day', '>=', from).where('day', '<=', to)
				.where('line_key', 'is not', null).execute();
			for (const r of rows) heldKeys.add(Number(r.line_key));
		}
		const fresh: SaleBlock[] = [];
		for (const b of blocks) {
			const part = unseenPart(b, { hasBlock: (id) => heldBlocks.has(id), hasSale: (id) => heldSales.has(id), hasLineKey: (k) => heldKeys.has(k) });
			if (!part) continue;
			fresh.push(part);
			heldBlocks.add(part.id);
			for (const id of part.saleIds) heldSales.add(id);
			if (part.lineKeys) for (const k of part.lineKeys) heldKeys.add(k);
		}
		if (fresh.length) await this.repo.storeSalesIn(db, { blocks: fresh, movements: deriveSaleMovements(fresh) });
		return fresh;
	}

	/** Adds the movements whose ids are new; answers them. */
	async addMovements(db: Db, movements: readonly StockMovement[]): Promise<StockMovement[]> {
		const held = new Set<string>();
		for (const chunk of idChunks(movements.map((m) => m.id), this.dialect)) {
			for (const r of await db.selectFrom('movements').select('id').where('shop_id', '=', this.shopId).where('id', 'in', chunk).execute()) held.add(r.id);
		}
		const fresh = movements.filter((m) => !held.has(m.id));
		if (fresh.length) await this.repo.writeMovements(db, fresh);
		return fresh;
	}
}
