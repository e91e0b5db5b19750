import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate, SqliteRepository } from '../../src/node/sqlite-repository';
import { SQL_MIGRATIONS } from '../../src/node/sqlite-schema';
import { repositoryContract } from './repository-contract';

repositoryContract('SQLite', async () => new SqliteRepository(':memory:'));

describe('SQLite schema versions', () => {
	it('are numbered 1, 2, 3… and a file is migrated once to the latest', () => {
		expect(SQL_MIGRATIONS.map((m) => m.version)).toEqual(SQL_MIGRATIONS.map((_, i) => i + 1));
		const db = new Database(':memory:');
		expect(migrate(db)).toBe(SQL_MIGRATIONS.length);
		expect(migrate(db)).toBe(SQL_MIGRATIONS.length);
		db.close();
	});

	it('v1 → v2: a file with data gains the purchase orders table', async () => {
		const db = new Database(':memory:');
		expect(migrate(db, SQL_MIGRATIONS.slice(0, 1))).toBe(1);
		db.prepare('INSERT INTO products (id, sku, data) VALUES (?, ?, ?)').run('p1', 'CAM-001', JSON.stringify({ id: 'p1', sku: 'CAM-001' }));
		const repo = new SqliteRepository(db);
		expect(db.pragma('user_version', { simple: true })).toBe(2);
		expect((await repo.getProduct('p1' as never))?.sku).toBe('CAM-001');
		const order = { id: 'o1', status: 'draft', lines: [] } as never;
		await repo.putPurchaseOrder(order);
		expect(await repo.listPurchaseOrders()).toEqual([order]);
		repo.close();
	});
});
