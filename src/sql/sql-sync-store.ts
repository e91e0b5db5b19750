// The device side of sync on a SQL store (the CLI's own file): the outbox read into pushes, pulled
// changes applied with the new cursor in one transaction. The same protocol as the tablets'.
import type { PulledChange, PushedChange, SyncCursor } from '../core/api/sync';
import { blockFromWire, blockToWire } from '../core/sync/blocks';
import type { AppliedSummary, DeviceSyncState, SyncStore } from '../core/sync/device-sync';
import type { StockMovement } from '../core/types';
import { idChunks } from './batch';
import { movementOf } from './rows';
import { readBlocks } from './sale-rows';
import type { SqlRepository } from './sql-repository';
import type { Db } from './database';
import { SqlSyncApplier } from './sync-apply';
import { clockOf, queueEverythingSql, readState, STATE, storeDeviceId, writeState } from './sync-log';
import { newestStamp } from '../core/sync/records';

async function rebased(db: Db, shopId: string): Promise<{ rebasedFrom?: number }> {
	const from = await readState<number>(db, shopId, STATE.rebasedFrom);
	return from ? { rebasedFrom: from } : {};
}

export class SqlSyncStore implements SyncStore {
	private readonly applier: SqlSyncApplier;
	constructor(readonly repo: SqlRepository) { this.applier = new SqlSyncApplier(repo); }
	private get db() { return this.repo.sql.db; }
	private get shopId() { return this.repo.shopId; }

	async syncState(): Promise<DeviceSyncState> {
		if ((await this.repo.syncRole()) === 'server') throw new Error('this database is a server\'s: devices sync with it, it does not sync itself');
		return this.db.transaction().execute(async (trx) => ({
			deviceId: await storeDeviceId(trx, this.shopId),
			cursor: (await readState<SyncCursor>(trx, this.shopId, STATE.cursor)) ?? null,
			acked: (await readState<number>(trx, this.shopId, STATE.acked)) ?? 0,
			...await rebased(trx, this.shopId)
		}));
	}

	async pendingCount(): Promise<number> {
		const acked = (await readState<number>(this.db, this.shopId, STATE.acked)) ?? 0;
		const r = await this.db.selectFrom('sync_outbox').select((e) => e.fn.countAll<number>().as('n')).where('shop_id', '=', this.shopId).where('n', '>', acked).executeTakeFirst();
		return Number(r?.n ?? 0);
	}

	async outgoing(after: number, maxChanges: number, maxLines: number): Promise<PushedChange[]> {
		const rows = await this.db.selectFrom('sync_outbox').selectAll().where('shop_id', '=', this.shopId).where('n', '>', after).orderBy('n').limit(maxChanges).execute();
		const out: PushedChange[] = [];
		let lines = 0;
		for (const row of rows) {
			if (out.length > 0 && lines >= maxLines) break;
			const n = Number(row.n), refs = JSON.parse(row.refs) as string[];
			if (row.kind === 'sales') {
				const metas: Awaited<ReturnType<typeof this.metas>> = await this.metas(refs);
				const blocks = await readBlocks(this.db, this.repo.sql.dialect, this.shopId, metas);
				lines += blocks.reduce((s, b) => s + b.lineCount, 0);
				out.push(blocks.length ? { n, kind: 'sales', blocks: blocks.map(blockToWire) } : { n, kind: 'records', records: [] });
			} else if (row.kind === 'movements') {
				const movements: StockMovement[] = [];
				for (const chunk of idChunks(refs, this.repo.sql.dialect)) {
					for (const m of await this.db.selectFrom('movements').selectAll().where('shop_id', '=', this.shopId).where('id', 'in', chunk).execute()) movements.push(movementOf(m));
				}
				out.push(movements.length ? { n, kind: 'movements', id: `${n}:${movements[0].id}`, movements } : { n, kind: 'records', records: [] });
			} else {
				out.push({ n, kind: 'records', records: await this.applier.readRecords(this.db, refs) });
			}
		}
		return out;
	}

	private async metas(ids: string[]) {
		const rows = [];
		for (const chunk of idChunks(ids, this.repo.sql.dialect)) {
			rows.push(...await this.db.selectFrom('sale_blocks').selectAll().where('shop_id', '=', this.shopId).where('id', 'in', chunk).execute());
		}
		const order = new Map(ids.map((id, i) => [id, i]));
		return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
	}

	async acknowledge(lastApplied: number) {
		await this.db.transaction().execute(async (trx) => {
			const acked = (await readState<number>(trx, this.shopId, STATE.acked)) ?? 0;
			if (lastApplied <= acked) return;
			await trx.deleteFrom('sync_outbox').where('shop_id', '=', this.shopId).where('n', '<=', lastApplied).execute();
			await writeState(trx, this.shopId, STATE.acked, lastApplied);
			const from = (await rebased(trx, this.shopId)).rebasedFrom;
			if (from !== undefined && lastApplied >= from - 1) await trx.deleteFrom('sync_state').where('shop_id', '=', this.shopId).where('key', '=', STATE.rebasedFrom).execute();
		});
	}

	async requeueAll(lastApplied: number) {
		await this.db.transaction().execute((trx) => queueEverythingSql(trx, this.repo.sql.dialect, this.shopId, lastApplied));
	}

	async applyPulled(changes: PulledChange[], cursor: SyncCursor, trustStampsUntil = Infinity): Promise<AppliedSummary> {
		const summary: AppliedSummary = { sales: 0, lines: 0, movements: 0, records: 0, touched: [] };
		const touch = (t: string) => { if (!summary.touched.includes(t)) summary.touched.push(t); };
		const rank = (c: PulledChange) => (c.kind === 'record' ? 0 : c.kind === 'sales' ? 1 : 2);
		const ordered = [...changes].sort((a, b) => rank(a) - rank(b) || a.seq - b.seq);
		await this.db.transaction().execute(async (trx) => {
			const { clock, save } = await clockOf(trx, this.shopId, 'device', this.repo.wall);
			const records = ordered.flatMap((c) => (c.kind === 'record' ? [c.record] : []));
			for (const r of records) clock.observe(newestStamp(r.clocks));
			const changed = await this.applier.mergeRecords(trx, records, trustStampsUntil);
			summary.records += changed.length;
			for (const key of changed) touch(key.slice(0, key.indexOf(':')));
			// The page's sales as one batch (its movements one per product, as an import's), then its movements.
			const blocks = ordered.flatMap((c) => (c.kind === 'sales' ? c.blocks.map(blockFromWire) : []));
			if (blocks.length) {
				const stored = await this.applier.addSales(trx, blocks);
				const lines = stored.reduce((n, b) => n + b.lineCount, 0);
				if (lines) { summary.lines += lines; summary.sales += stored.reduce((n, b) => n + b.saleCount, 0); touch('sales'); touch('stock'); }
			}
			const movements = ordered.flatMap((c) => (c.kind === 'movements' ? (c.movements as StockMovement[]) : []));
			if (movements.length) {
				const fresh = await this.applier.addMovements(trx, movements);
				if (fresh.length) { summary.movements += fresh.length; touch('stock'); }
			}
			await save();
			await writeState(trx, this.shopId, STATE.cursor, cursor);
		});
		return summary;
	}
}
