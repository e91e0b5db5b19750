// Helpers for bench/sync.mjs in Node: seeding a server's database (bench/api-seed.ts), devices
// (Dexie on fake-indexeddb, a SQL store like the CLI's). The counting transport is in sync-wire.ts
// (it runs in the browser bench's worker too).
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { SyncStore } from '../src/core/sync/device-sync';
import type { Tokens } from '../src/client/api-client';
import { DexieRepository } from '../src/lib/db/dexie-repository';
import { DexieSyncStore } from '../src/lib/db/dexie-sync-store';
import { InventoryDB } from '../src/lib/db/inventory-db';
import { createUser } from '../src/server/auth/accounts';
import { DEFAULT_OPTIONS } from '../src/server/context';
import { DEFAULT_SHOP_CODE, ensureShop, openDatabase } from '../src/sql/open';
import { SqlRepository } from '../src/sql/sql-repository';
import { SqlSyncStore } from '../src/sql/sql-sync-store';
import { seedShop, rng } from './api-seed';
import type { Cents, CustomerId, LocalTimestamp, ProductId, SaleId } from '../src/core/brand';
import { PullResponse, type PullRequest, type SyncCursor } from '../src/core/api/sync';
import type { SqlDatabase } from '../src/sql/database';
import { buildBlock, BLOCK_LINES } from '../src/core/sale-blocks';
import { bulkSaleMovements } from '../src/core/sale-movements';
import type { InventoryRepository } from '../src/core/repository';
import type { Sale } from '../src/core/types';
import { readPull } from '../src/server/sync/sync-service';
import { newId } from '../src/core/ids';

export const BENCH_USER = 'bench-admin';
export const BENCH_PASSWORD = 'bench-password-1';

export interface Seeded { lines: number; sales: number; seconds: number; feedSeconds: number; productIds: string[]; prices: Map<string, number> }

/** Seeds the shop of a SQLite file or a postgres:// URL with `lines` sale lines and makes the bench's admin. */
export async function seedServerDatabase(target: string, lines: number, log: (s: string) => void): Promise<Seeded> {
	const sql = await openDatabase(target.startsWith('postgres') ? { url: target } : { file: target });
	try {
		const shop = await ensureShop(sql, DEFAULT_SHOP_CODE);
		const repo = new SqlRepository(sql, shop.id);
		const seeded = await seedShop(repo, lines, log);
		const t = performance.now();
		// createUser makes the store a server's: everything it holds becomes the sync feed.
		await createUser(sql, { username: BENCH_USER, password: BENCH_PASSWORD, role: 'admin', shopCode: DEFAULT_SHOP_CODE, ifExists: 'join' }, { passwordLogN: DEFAULT_OPTIONS.passwordLogN });
		const feedSeconds = (performance.now() - t) / 1000;
		const products = await sql.db.selectFrom('products').select(['id', 'unit_price']).where('shop_id', '=', shop.id).orderBy('sku').execute();
		return { lines: seeded.lines, sales: seeded.sales, seconds: seeded.seconds, feedSeconds, productIds: products.map((p) => p.id), prices: new Map(products.map((p) => [p.id, Number(p.unit_price)])) };
	} finally {
		await sql.close();
	}
}

export interface Device { name: string; repo: DexieRepository | SqlRepository; store: SyncStore; close(): Promise<void> }

export function dexieDevice(name: string): Device {
	const db = new InventoryDB(`bench-${name}`, { indexedDB: new IDBFactory(), IDBKeyRange });
	const repo = new DexieRepository(db);
	return { name, repo, store: new DexieSyncStore(repo), close: async () => db.close() };
}

/**
 * A Dexie device whose id is stored before the first sync: deviceIdIn (src/lib/db/dexie-outbox.ts)
 * makes it with `await import('$core/ids')` inside an IndexedDB transaction, and under Node's
 * module hooks (tsx) that import takes a macrotask, so fake-indexeddb commits the transaction
 * under it (TransactionInactiveError). Reported, not changed here.
 */
export async function dexieDeviceWithId(name: string): Promise<Device> {
	const device = dexieDevice(name);
	await (device.repo as DexieRepository).db.table('settings').put({ key: 'deviceId', value: newId() });
	return device;
}

export async function sqlDevice(name: string, file = ':memory:'): Promise<Device> {
	const sql = await openDatabase({ file });
	const shop = await sql.db.selectFrom('shops').select('id').executeTakeFirstOrThrow();
	const repo = new SqlRepository(sql, shop.id, true);
	return { name, repo, store: new SqlSyncStore(repo), close: () => repo.close() };
}

export async function login(base: string): Promise<Tokens> {
	const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: BENCH_USER, password: BENCH_PASSWORD }) });
	if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
	const body = await res.json() as { access_token: string; refresh_token: string; expires_in: number };
	return { access_token: body.access_token, refresh_token: body.refresh_token, expires_at: Date.now() + body.expires_in * 1000 };
}

/**
 * `lines` new sale lines on a device's store (1-4 lines a sale, products of the shop, the last 30
 * days), written as an import writes them: blocks of BLOCK_LINES lines with their movements, each
 * block an outbox entry of the device.
 */
export async function appendLines(repo: InventoryRepository, deviceId: string, productIds: string[], prices: Map<string, number>, lines: number, seed = 21): Promise<number> {
	const r = rng(seed);
	const now = Date.now();
	let left = lines, invoice = 1;
	while (left > 0) {
		const sales: Sale[] = [];
		let inBlock = 0;
		while (left > 0 && inBlock < BLOCK_LINES - 4) {
			const n = Math.min(left, 1 + Math.floor(r() * 4));
			const saleLines = Array.from({ length: n }, () => {
				const productId = productIds[Math.floor(r() * productIds.length)];
				return { productId: productId as ProductId, quantity: 1 + Math.floor(r() * 2), unitPrice: (prices.get(productId) ?? 100) as Cents, discount: 0 as Cents };
			});
			sales.push({ id: newId() as SaleId, invoice: `P${deviceId.slice(0, 4)}-${invoice++}`, at: (now - Math.floor(r() * 30 * 86_400_000)) as LocalTimestamp, customerId: null as CustomerId | null, deviceId, lines: saleLines });
			inBlock += n;
			left -= n;
		}
		sales.sort((a, b) => a.at - b.at);
		const block = buildBlock(newId(), sales, 'bench-push');
		await repo.appendSales({ blocks: [block], movements: bulkSaleMovements([block], deviceId, 'bench-push') });
	}
	return lines;
}

/**
 * Cursors as a device holds them after pulling up to each of `seqs`: the shop's epoch and the tag
 * of the commit that took the number (as the server's commitTag reads it).
 */
export async function cursorsAt(sql: SqlDatabase, shopId: string, seqs: number[]): Promise<SyncCursor[]> {
	const epoch = (await sql.db.selectFrom('shops').select('sync_epoch').where('id', '=', shopId).executeTakeFirstOrThrow()).sync_epoch;
	const commits = await sql.db.selectFrom('sync_commits').select(['last_seq', 'tag']).where('shop_id', '=', shopId).orderBy('last_seq').execute();
	return seqs.map((seq) => ({ epoch, seq, tag: seq === 0 ? '' : commits.find((c) => Number(c.last_seq) >= seq)?.tag ?? '' }));
}

/** The shop's feed: its last number and the numbers of its rows of small sales (a few lines, as a till pushes them). */
export async function feedShape(target: string): Promise<{ lastSeq: number; smallSales: number[]; cursors: (seqs: number[]) => Promise<SyncCursor[]>; close: () => Promise<void> }> {
	const sql = await openDatabase(target.startsWith('postgres') ? { url: target } : { file: target });
	const shop = await ensureShop(sql, DEFAULT_SHOP_CODE);
	const last = await sql.db.selectFrom('shops').select('change_seq').where('id', '=', shop.id).executeTakeFirstOrThrow();
	const rows = await sql.db.selectFrom('sync_feed').innerJoin('sale_blocks', (j) => j.onRef('sale_blocks.id', '=', 'sync_feed.entity_id').onRef('sale_blocks.shop_id', '=', 'sync_feed.shop_id'))
		.select(['sync_feed.seq']).where('sync_feed.shop_id', '=', shop.id).where('sync_feed.kind', '=', 'sales').where('sale_blocks.line_count', '<=', 10).orderBy('sync_feed.seq').execute();
	return { lastSeq: Number(last.change_seq), smallSales: rows.map((r) => Number(r.seq)), cursors: (seqs) => cursorsAt(sql, shop.id, seqs), close: () => sql.close() };
}

/**
 * Where a pull page's time goes on the server, in this process on the same database: readPull
 * (the feed rows, the blocks read and put in wire form), then what Fastify's zod serializer does
 * with the answer (PullResponse.parse, JSON.stringify). One page of sale blocks, from the first
 * sales row of the feed.
 */
/**
 * A pull `behind` small changes before the end of the feed, in this process: readPull's time, the
 * rows it answered and the time per row (each sales row reads its blocks with queries of its own).
 */
export async function profileTail(target: string, deviceId: string, seq: number): Promise<Record<string, number>> {
	const sql = await openDatabase(target.startsWith('postgres') ? { url: target } : { file: target });
	try {
		const shop = await ensureShop(sql, DEFAULT_SHOP_CODE);
		const repo = new SqlRepository(sql, shop.id);
		const [cursor] = await cursorsAt(sql, shop.id, [seq]);
		const req: PullRequest = { protocol: 1, deviceId, cursor };
		await readPull(repo, req);
		const runs = 20;
		let t = performance.now(), page = await readPull(repo, req);
		for (let i = 1; i < runs; i++) page = await readPull(repo, req);
		const read_ms = (performance.now() - t) / runs;
		t = performance.now();
		for (let i = 0; i < runs; i++) JSON.stringify(PullResponse.parse(page));
		const serialize_ms = (performance.now() - t) / runs;
		return { read_ms, serialize_ms, changes: page.changes.length, ms_per_change: read_ms / Math.max(1, page.changes.length), bytes: new TextEncoder().encode(JSON.stringify(page)).length };
	} finally {
		await sql.close();
	}
}

export async function profilePull(target: string, deviceId: string): Promise<Record<string, number>> {
	const sql = await openDatabase(target.startsWith('postgres') ? { url: target } : { file: target });
	try {
		const shop = await ensureShop(sql, DEFAULT_SHOP_CODE);
		const repo = new SqlRepository(sql, shop.id);
		const first = await sql.db.selectFrom('sync_feed').select('seq').where('shop_id', '=', shop.id).where('kind', '=', 'sales').orderBy('seq').limit(1).executeTakeFirstOrThrow();
		const [cursor] = await cursorsAt(sql, shop.id, [Number(first.seq) - 1]);
		const req: PullRequest = { protocol: 1, deviceId, cursor };
		await readPull(repo, req); // warm: page cache, JIT
		const out: Record<string, number> = {};
		let t = performance.now();
		const page = await readPull(repo, req);
		out.read_ms = performance.now() - t;
		t = performance.now();
		const parsed = PullResponse.safeParse(page);
		out.zod_ms = performance.now() - t;
		if (!parsed.success) throw new Error(`the page does not match PullResponse: ${parsed.error.message.slice(0, 300)}`);
		t = performance.now();
		const json = JSON.stringify(parsed.data);
		out.stringify_ms = performance.now() - t;
		out.bytes = new TextEncoder().encode(json).length;
		out.lines = page.changes.reduce((n, c) => n + (c.kind === 'sales' ? c.blocks.reduce((m, b) => m + b.lineCount, 0) : 0), 0);
		t = performance.now();
		JSON.parse(json);
		out.parse_ms = performance.now() - t;
		// What the bytes are: each column's share of the page's JSON.
		const columns: Record<string, number> = {};
		for (const c of page.changes) if (c.kind === 'sales') for (const b of c.blocks) for (const [k, v] of Object.entries(b)) columns[k] = (columns[k] ?? 0) + JSON.stringify(v).length;
		for (const [k, v] of Object.entries(columns).sort((a, b) => b[1] - a[1]).slice(0, 6)) out[`bytes_${k}`] = v;
		const { gzipSync } = await import('node:zlib');
		t = performance.now();
		out.gzip_bytes = gzipSync(json, { level: 1 }).length;
		out.gzip_ms = performance.now() - t;
		return out;
	} finally {
		await sql.close();
	}
}

export { countingTransport, timedStore, wrapStore, emptyStats, type WireStats, type StoreTimes } from './sync-wire';
export { rng };
