// A sync server for tests whose database can be backed up and restored, as a shop would with
// sqlite3 .backup or pg_dump: SQLite in a file (VACUUM INTO), PostgreSQL by copying the database
// (CREATE DATABASE ... TEMPLATE, with the server's connections closed while it copies).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql as raw } from 'kysely';
import pg from 'pg';
import { buildServer } from '../../src/server/app';
import { createUser } from '../../src/server/auth/accounts';
import type { Api, ServerOptions } from '../../src/server/context';
import type { SqlDatabase } from '../../src/sql/database';
import { DEFAULT_SHOP_CODE, openDatabase } from '../../src/sql/open';
import { newPostgresDatabase, postgresUrl, type SqlKind } from './sql-databases';
import { TEST_OPTIONS, TEST_PASSWORD } from './server';

export interface SyncServer {
	app: Api;
	sql: SqlDatabase;
	shopId: string;
	token(role?: 'staff' | 'admin', user?: string): Promise<string>;
	/** A copy of the database as it is now. */
	backup(): Promise<string>;
	/** Stops the server and starts it again on the database (default: the current one; else a backup). */
	restart(from?: string): Promise<void>;
	close(): Promise<void>;
}

export async function startSyncServer(kind: SqlKind, options: Partial<ServerOptions> = {}): Promise<SyncServer> {
	const dir = mkdtempSync(join(tmpdir(), 'sync-server-'));
	let target = kind === 'sqlite' ? join(dir, 'shop.db') : await newPostgresDatabase();
	const open = (t: string) => openDatabase(kind === 'sqlite' ? { file: t } : { url: t });
	let sql = await open(target);
	let app = await buildServer(sql, { ...TEST_OPTIONS, ...options });
	const shop = await sql.db.selectFrom('shops').select('id').where('code', '=', DEFAULT_SHOP_CODE).executeTakeFirstOrThrow();
	const tokens = new Map<string, string>();

	const server: SyncServer = {
		get app() { return app; },
		get sql() { return sql; },
		shopId: shop.id,
		async token(role = 'staff', user = `${role}-user`) {
			const key = `${role}:${user}`;
			if (!tokens.has(key)) {
				await createUser(sql, { username: user, password: TEST_PASSWORD, role, shopCode: DEFAULT_SHOP_CODE, ifExists: 'join' }, { passwordLogN: 10 });
				const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user, password: TEST_PASSWORD, shop: DEFAULT_SHOP_CODE } });
				if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
				tokens.set(key, res.json().access_token);
			}
			return tokens.get(key)!;
		},
		async backup() {
			if (kind === 'sqlite') {
				const file = join(dir, `backup-${randomUUID()}.db`);
				await raw`vacuum into ${file}`.execute(sql.db);
				return file;
			}
			const name = `b_${randomUUID().replace(/-/g, '')}`;
			await app.close();
			await sql.close();
			const admin = new pg.Client({ connectionString: postgresUrl! });
			await admin.connect();
			try { await admin.query(`create database ${name} template ${new URL(target).pathname.slice(1)}`); } finally { await admin.end(); }
			sql = await open(target);
			app = await buildServer(sql, { ...TEST_OPTIONS, ...options });
			const url = new URL(target);
			url.pathname = `/${name}`;
			return url.toString();
		},
		async restart(from) {
			await app.close();
			await sql.close();
			if (from) target = from;
			sql = await open(target);
			app = await buildServer(sql, { ...TEST_OPTIONS, ...options });
		},
		async close() {
			await app.close();
			await sql.close();
		}
	};
	return server;
}

export { TEST_PASSWORD };
