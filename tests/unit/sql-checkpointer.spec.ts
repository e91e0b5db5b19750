// The server's WAL checkpoints run in a thread of their own: the main connection no longer
// checkpoints on commit, and the checkpointer thread moves the WAL's pages into the database file.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql as raw } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/sql/open';
import { startCheckpointer } from '../../src/sql/sqlite-checkpointer';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

async function pragma(sql: Awaited<ReturnType<typeof openDatabase>>, name: string) {
	return (await raw<Record<string, number>>`${raw.raw(`pragma ${name}`)}`.execute(sql.db)).rows[0];
}

describe('SQLite checkpointer', () => {
	it('takes the checkpoints off the main connection and still moves the WAL into the file', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
		dirs.push(dir);
		const file = join(dir, 'shop.db');
		const sql = await openDatabase({ file });
		const checkpointer = await startCheckpointer(sql, 50);
		expect(checkpointer).not.toBeNull();
		expect(await pragma(sql, 'wal_autocheckpoint')).toEqual({ wal_autocheckpoint: 0 });
		const before = statSync(file).size;
		for (let i = 0; i < 200; i++) {
			await sql.db.insertInto('server_secrets').values({ name: `k${i}`, value: 'x'.repeat(4000) }).execute();
		}
		// The pages reach the database file without the main connection checkpointing.
		await expect.poll(() => statSync(file).size, { timeout: 5000, interval: 50 }).toBeGreaterThan(before + 200 * 4000);
		await checkpointer!.stop();
		expect(await pragma(sql, 'wal_autocheckpoint')).toEqual({ wal_autocheckpoint: 1000 });
		await sql.close();
	});

	it('does nothing in memory', async () => {
		const sql = await openDatabase({ file: ':memory:' });
		expect(await startCheckpointer(sql)).toBeNull();
		await sql.close();
	});
});
