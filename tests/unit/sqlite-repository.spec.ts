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
});
