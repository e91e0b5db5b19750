// The API test harness: a whole server (buildServer) on a fresh database, SQLite in memory or a
// new database on the tests' PostgreSQL (describeEachSql in sql-databases.ts skips those without one), with tokens for an admin or staff of any shop made on demand.
import { expect } from 'vitest';
import { buildServer } from '../../src/server/app';
import { createUser } from '../../src/server/auth/accounts';
import type { Role } from '../../src/server/auth/types';
import type { Api, ServerOptions } from '../../src/server/context';
import type { SqlDatabase } from '../../src/sql/database';
import { DEFAULT_SHOP_CODE, ensureShop, openDatabase } from '../../src/sql/open';
import { newPostgresDatabase } from './sql-databases';

export type TestDialect = 'sqlite' | 'postgres';

/** Cheap hashing and the rest of the defaults; tests override what they exercise. */
export const TEST_OPTIONS: Partial<ServerOptions> = { passwordLogN: 10 };

/** The password every user tokenFor makes has. */
export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestServer {
	app: Api;
	sql: SqlDatabase;
	/** The default shop's id ('main'), where tokenFor's users belong unless told otherwise. */
	shopId: string;
	inject: Api['inject'];
	/** An access token of a user with this role in the shop (default 'main'); made and signed in once, then cached. */
	tokenFor(role: Role, shopCode?: string): Promise<string>;
	/** The name of the user tokenFor makes for this role and shop. */
	usernameFor(role: Role, shopCode?: string): string;
	/** Another server on the same database (a second instance behind the proxy); closed by close(). */
	another(options?: Partial<ServerOptions>): Promise<Api>;
	/** A second connection (pool) to the same database, with its own server; closed by close(). */
	separate(options?: Partial<ServerOptions>): Promise<{ app: Api; sql: SqlDatabase }>;
	close(): Promise<void>;
}

/** A fresh database of the dialect: SQLite in memory, or a new database on the tests' PostgreSQL. */
async function freshDatabase(dialect: TestDialect): Promise<{ sql: SqlDatabase; reopen: () => Promise<SqlDatabase>; drop: () => Promise<void> }> {
	if (dialect === 'sqlite') {
		const sql = await openDatabase({ file: ':memory:' });
		return {
			sql, drop: async () => {},
			reopen: async () => { throw new Error('an in-memory SQLite database cannot be opened twice: use another() on SQLite'); }
		};
	}
	// Its own database on the run's PostgreSQL (tests/support/global-setup.ts); left for the server's teardown.
	const url = await newPostgresDatabase();
	return { sql: await openDatabase({ url }), reopen: () => openDatabase({ url }), drop: async () => {} };
}

export async function testServer(dialect: TestDialect, options: Partial<ServerOptions> = {}): Promise<TestServer> {
	const { sql, reopen, drop } = await freshDatabase(dialect);
	const merged = { ...TEST_OPTIONS, ...options };
	const app = await buildServer(sql, merged);
	const shop = await ensureShop(sql, DEFAULT_SHOP_CODE);
	const extraApps: Api[] = [];
	const extraDatabases: SqlDatabase[] = [];
	const tokens = new Map<string, Promise<string>>();
	const usernameFor = (role: Role, shopCode = DEFAULT_SHOP_CODE) => `${role}.${shopCode}`;

	async function signIn(role: Role, shopCode: string): Promise<string> {
		const username = usernameFor(role, shopCode);
		await createUser(sql, { username, password: TEST_PASSWORD, role, shopCode, ifExists: 'join' }, { passwordLogN: merged.passwordLogN ?? 10 });
		const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD, shop: shopCode } });
		if (response.statusCode !== 200) throw new Error(`test sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
		return response.json().access_token as string;
	}

	return {
		app, sql, shopId: shop.id,
		inject: app.inject.bind(app) as Api['inject'],
		usernameFor,
		tokenFor(role, shopCode = DEFAULT_SHOP_CODE) {
			const key = `${role}@${shopCode}`;
			let token = tokens.get(key);
			if (!token) {
				token = signIn(role, shopCode);
				token.catch(() => tokens.delete(key));
				tokens.set(key, token);
			}
			return token;
		},
		async another(more = {}) {
			const other = await buildServer(sql, { ...merged, ...more });
			extraApps.push(other);
			return other;
		},
		async separate(more = {}) {
			const otherSql = await reopen();
			extraDatabases.push(otherSql);
			const other = await buildServer(otherSql, { ...merged, ...more });
			extraApps.push(other);
			return { app: other, sql: otherSql };
		},
		async close() {
			for (const other of extraApps) await other.close();
			await app.close();
			for (const other of extraDatabases) await other.close();
			await sql.close();
			await drop();
		}
	};
}

/** Asserts an application/problem+json answer of this status (and detail, when given); returns its body. */
export function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number, detail?: string | RegExp) {
	expect(response.statusCode).toBe(status);
	expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
	const body = response.json();
	expect(body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
	if (detail !== undefined) expect(body.detail).toMatch(detail);
	return body;
}
