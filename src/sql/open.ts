// Opening the one SQL store: a PostgreSQL URL gets a pg pool, anything else is a SQLite file
// (better-sqlite3). Both come back migrated to the latest schema, with the default shop made.
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';
import type { Database as Tables, SqlDatabase } from './database';
import { upgradeLegacySqlite } from './legacy-sqlite';
import { migrate } from './migrations';
import { DEFAULT_SHOP_CODE, ensureShop } from './shops';

export { DEFAULT_SHOP_CODE, ensureShop, findShop, type ShopRef } from './shops';

/** Where the store is: a SQLite file (default ./inventario.db, ':memory:' allowed) or a postgres:// URL. */
export interface DatabaseTarget {
	file?: string;
	url?: string;
}

export const DEFAULT_SQLITE_FILE = './inventario.db';

export const isPostgresUrl = (s: string) => /^postgres(ql)?:\/\//i.test(s);

/** A `--db` value as a target: a PostgreSQL URL or a SQLite file name. */
export const databaseTarget = (db: string): DatabaseTarget => (isPostgresUrl(db) ? { url: db } : { file: db });

/** Opens the store, upgrades an old CLI file, applies the migrations and makes the default shop. */
export async function openDatabase(target: DatabaseTarget = {}): Promise<SqlDatabase> {
	const sql = await connectDatabase(target);
	try {
		if (sql.dialect === 'sqlite') await upgradeLegacySqlite(sql);
		await migrate(sql);
		await ensureShop(sql, DEFAULT_SHOP_CODE);
		return sql;
	} catch (e) {
		await sql.close();
		throw e;
	}
}

/** Connects without migrating (tests build databases at older versions with it). */
export async function connectDatabase(target: DatabaseTarget = {}): Promise<SqlDatabase> {
	const where = target.url ?? target.file ?? DEFAULT_SQLITE_FILE;
	if (isPostgresUrl(where)) return connectPostgres(where);
	if (target.url !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(target.url)) {
		throw new Error(`unsupported database URL "${target.url}": use postgres://… or a SQLite file name`);
	}
	return connectSqlite(where);
}

// ---------------------------------------------------------------- PostgreSQL

// int8 (counts, sums, bigint columns) and numeric (sums of bigint) as JS numbers: every value the
// schema stores is below 2^53 (cents, milliseconds, 53-bit line keys). float8 already parses.
const INT8_OID = 20, NUMERIC_OID = 1700;
const toNumber = (v: string) => Number(v);
const pgTypes = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if ((oid === INT8_OID || oid === NUMERIC_OID) && format !== 'binary') return toNumber;
		return pg.types.getTypeParser(oid, format as 'text');
	}
} as unknown as pg.CustomTypesConfig;

function connectPostgres(url: string): SqlDatabase {
	const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: 10 });
	// An idle client losing its server must not crash the process; the next query reconnects.
	pool.on('error', (e) => console.error(`postgres: idle connection error: ${e.message}`));
	const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
	return { db, dialect: 'postgres', url, close: () => db.destroy() };
}

// ---------------------------------------------------------------- SQLite

/** Writes take the file's write lock when they begin, so two processes wait (busy_timeout) instead of failing to upgrade a read lock. */
class ImmediateSqliteDriver extends SqliteDriver {
	override async beginTransaction(connection: DatabaseConnection) {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'));
	}
}

class AppSqliteDialect extends SqliteDialect {
	constructor(private readonly settings: SqliteDialectConfig) {
		super(settings);
	}
	override createDriver(): Driver {
		return new ImmediateSqliteDriver(this.settings);
	}
}

/**
 * Prepared statements reused by their text (Kysely prepares every query it runs): the small ones,
 * and a few of the large multi-row inserts whose text repeats for every full chunk of a bulk load.
 */
const SMALL_SQL = 4000, SMALL_STATEMENTS = 300, LARGE_STATEMENTS = 12;

function withStatementCache(file: Database.Database) {
	const small = new Map<string, Database.Statement>(), large = new Map<string, Database.Statement>();
	return {
		close: () => file.close(),
		prepare(text: string) {
			const cache = text.length <= SMALL_SQL ? small : large;
			let statement = cache.get(text);
			if (statement) {
				// Most recently used last.
				cache.delete(text);
				cache.set(text, statement);
				return statement;
			}
			statement = file.prepare(text);
			if (cache.size >= (cache === small ? SMALL_STATEMENTS : LARGE_STATEMENTS)) cache.delete(cache.keys().next().value!);
			cache.set(text, statement);
			return statement;
		}
	};
}

function connectSqlite(file: string): SqlDatabase {
	const handle = new Database(file);
	try {
		handle.pragma('journal_mode = WAL');
		handle.pragma('foreign_keys = ON');
		handle.pragma('busy_timeout = 5000');
		handle.pragma('synchronous = NORMAL');
		// Bulk loads dirty pages all over the sales and ledger indexes: a 64 MB page cache, and a
		// checkpoint every ~80 MB of WAL instead of every 4 MB (the WAL shrinks back to 64 MB after).
		handle.pragma('cache_size = -65536');
		handle.pragma('wal_autocheckpoint = 20000');
		handle.pragma('journal_size_limit = 67108864');
	} catch (e) {
		handle.close();
		throw e;
	}
	const db = new Kysely<Tables>({ dialect: new AppSqliteDialect({ database: withStatementCache(handle) }) });
	return {
		db, dialect: 'sqlite',
		close: async () => {
			await db.destroy();
			if (handle.open) handle.close();
		}
	};
}
