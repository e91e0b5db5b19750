// Fresh SQL databases for tests: SQLite in memory, or a new uniquely named PostgreSQL database on
// the run's test server (tests/support/global-setup.ts), so test files stay isolated and can run in
// parallel. Every database opened here is closed after the file's tests.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject } from 'vitest';
import type { SqlDatabase } from '../../src/sql/database';
import { migrate } from '../../src/sql/migrations';
import { connectDatabase, DEFAULT_SHOP_CODE, ensureShop, openDatabase } from '../../src/sql/open';
import { SqlRepository } from '../../src/sql/sql-repository';

export type SqlKind = 'sqlite' | 'postgres';

/** The test server's URL, null when PostgreSQL is not installed (the PG suites are then skipped). */
export const postgresUrl: string | null = inject('postgresUrl') ?? null;

const opened: SqlDatabase[] = [];
afterAll(async () => {
	await Promise.all(opened.splice(0).map((db) => db.close().catch(() => undefined)));
});

function track(db: SqlDatabase) {
	opened.push(db);
	return db;
}

/** A new empty PostgreSQL database's URL. */
export async function newPostgresDatabase(): Promise<string> {
	if (!postgresUrl) throw new Error('no PostgreSQL test server (see tests/support/global-setup.ts)');
	const name = `t_${randomUUID().replace(/-/g, '')}`;
	const admin = new pg.Client({ connectionString: postgresUrl });
	await admin.connect();
	try {
		await admin.query(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(postgresUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

/** A new PostgreSQL database, migrated, with the default shop. */
export async function freshPostgres(): Promise<SqlDatabase> {
	return track(await openDatabase({ url: await newPostgresDatabase() }));
}

/** A new SQLite database (in memory unless a file is named), migrated, with the default shop. */
export async function freshSqlite(file = ':memory:'): Promise<SqlDatabase> {
	return track(await openDatabase({ file }));
}

export const freshDatabase = (kind: SqlKind) => (kind === 'postgres' ? freshPostgres() : freshSqlite());

/** A database with no schema at all (not even the migrations table): build it up with migrateTo. */
export async function blankDatabase(kind: SqlKind): Promise<SqlDatabase> {
	return track(await connectDatabase(kind === 'postgres' ? { url: await newPostgresDatabase() } : { file: ':memory:' }));
}

/** Migrates to exactly `version`: how a migration is tested on a database built at the version before. */
export async function migrateTo(sql: SqlDatabase, version: number): Promise<void> {
	expect(await migrate(sql, version)).toBe(version);
}

/** A repository on a fresh database's default shop. */
export async function freshRepository(kind: SqlKind): Promise<SqlRepository> {
	const sql = await freshDatabase(kind);
	return new SqlRepository(sql, (await ensureShop(sql, DEFAULT_SHOP_CODE)).id);
}

/** Runs a suite on SQLite and on PostgreSQL (skipped, with the reason in its name, when PostgreSQL is absent). */
export function describeEachSql(name: string, suite: (kind: SqlKind) => void) {
	describe(`${name} (SQLite)`, () => suite('sqlite'));
	if (postgresUrl) describe(`${name} (PostgreSQL)`, () => suite('postgres'));
	else describe.skip(`${name} (PostgreSQL: skipped, PostgreSQL is not installed)`, () => suite('postgres'));
}
