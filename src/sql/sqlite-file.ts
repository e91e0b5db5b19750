// The file behind a SQLite connection: what another thread (a worker, the checkpointer) opens to
// reach the same database. Null in memory (nothing another connection can share) and on PostgreSQL.
import { sql as raw } from 'kysely';
import type { SqlDatabase } from './database';

const files = new WeakMap<SqlDatabase, Promise<string | null>>();

export function sqliteFile(sql: SqlDatabase): Promise<string | null> {
	let file = files.get(sql);
	if (!file) {
		file = sql.dialect !== 'sqlite' ? Promise.resolve(null)
			: raw<{ name: string; file: string }>`pragma database_list`.execute(sql.db)
				.then((r) => r.rows.find((d) => d.name === 'main')?.file || null, () => null);
		files.set(sql, file);
	}
	return file;
}
