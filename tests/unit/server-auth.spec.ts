// Accounts and access on SQLite and PostgreSQL: sign-in, refresh rotation and reuse detection, login
// rate limits shared by two instances, forged/expired/foreign tokens refused, shop scoping, roles,
// accounts cut off at once; and `inventario user` against a SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { decodeJwt, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeUserCommand } from '../../src/cli/commands/user';
import type { CliIo } from '../../src/cli/remote/io';
import { UsageError } from '../../src/cli/args';
import { buildServer } from '../../src/server/app';
import type { Api } from '../../src/server/context';
import { createUser, disableUser, listUsers, resetPassword } from '../../src/server/auth/accounts';
import { hashPassword, verifyPassword } from '../../src/server/auth/passwords';
import { SIGNING_KEY_NAME } from '../../src/server/auth/tokens';
import { SqlRepository } from '../../src/sql/sql-repository';
import { describeEachSql } from '../support/sql-databases';
import { expectProblem, TEST_PASSWORD, testServer, type TestServer } from '../support/server';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function login(app: Api | TestServer, body: Record<string, unknown>, remoteAddress = '127.0.0.1') {
	return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, remoteAddress });
}

const refresh = (app: Api | TestServer, refreshToken: string) =>
	app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: refreshToken } });

const me = (app: Api | TestServer, token: string) => app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });


describe('passwords', () => {
	it('hash as scrypt$logN$r$p$salt$hash and verify only the right password', async () => {
		const stored = await hashPassword('s3cret-word', 10);
		expect(stored).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
		expect(await verifyPassword('s3cret-word', stored)).toBe(true);
		expect(await verifyPassword('s3cret-worD', stored)).toBe(false);
		expect(await verifyPassword('s3cret-word', 'md5$abc')).toBe(false);
		expect(await hashPassword('s3cret-word', 10)).not.toBe(stored);
	});

	it('the production cost (logN 17) fits in its maxmem', async () => {
		expect(await verifyPassword('x', await hashPassword('x', 17))).toBe(true);
	});
});

describeEachSql('accounts and access', (dialect) => {
	let server: TestServer;
	beforeAll(async () => {
		server = await testServer(dialect);
	});
	afterAll(() => server.close());

	describe('signing in', () => {
		it('answers the contract pair and the access token works on GET /auth/me', async () => {
			await createUser(server.sql, { username: 'ana', password: 'ana-password', role: 'staff', shopCode: 'main' }, { passwordLogN: 10 });
			const response = await login(server, { username: 'ana', password: 'ana-password' });
			expect(response.statusCode).toBe(200);
			expect(response.headers['cache-control']).toBe('no-store');
			const body = response.json();
			expect(body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: 900, token_type: 'Bearer' });
			const claims = decodeJwt(body.access_token);
			expect(claims).toMatchObject({ iss: 'smart-inventory', aud: 'smart-inventory-api', role: 'staff', shop: server.shopId, ver: 0 });
			expect(claims.exp! - claims.iat!).toBe(900);
			const who = await me(server, body.access_token);
			expect(who.statusCode).toBe(200);
			expect(who.json()).toEqual({ user_id: claims.sub, username: 'ana', role: 'staff', shop: 'main' });
		});

		it('a wrong password, an unknown user and a shop the user is not in are the same 401 problem', async () => {
			const wrong = expectProblem(await login(server, { username: 'ana', password: 'not-her-password' }), 401, 'username or password is not valid');
			expect(wrong.type).toMatch(/unauthorized$/);
			expectProblem(await login(server, { username: 'nobody', password: 'whatever-it-is' }), 401, 'username or password is not valid');
			await createUser(server.sql, { username: 'solo', password: 'solo-password', role: 'admin', shopCode: 'annex' }, { passwordLogN: 10 });
			expectProblem(await login(server, { username: 'ana', password: 'ana-password', shop: 'annex' }), 401, 'username or password is not valid');
			expectProblem(await login(server, { username: 'ana', password: 'ana-password', shop: 'no-such-shop' }), 401, 'username or password is not valid');
			expect((await login(server, { username: 'solo', password: 'solo-password' })).statusCode).toBe(200);
		});

		it('a member of several shops goes to the one named, else the default shop', async () => {
			await createUser(server.sql, { username: 'multi', password: 'multi-password', role: 'staff', shopCode: 'main' }, { passwordLogN: 10 });
			await createUser(server.sql, { username: 'multi', role: 'admin', shopCode: 'annex', ifExists: 'join' }, { passwordLogN: 10 });
			const annex = await login(server, { username: 'multi', password: 'multi-password', shop: 'annex' });
			expect((await me(server, annex.json().access_token)).json()).toMatchObject({ shop: 'annex', role: 'admin' });
			const fallback = await login(server, { username: 'multi', password: 'multi-password' });
			expect((await me(server, fallback.json().access_token)).json()).toMatchObject({ shop: 'main', role: 'staff' });
		});

		it('invalid bodies are 400 problems naming the field', async () => {
			const body = expectProblem(await login(server, { username: 'ana' }), 400);
			expect(body.errors).toContainEqual(expect.objectContaining({ field: 'body.password' }));
		});
	});

	describe('refresh tokens', () => {
		it('rotate: a new pair, the old refresh token refused, and its reuse revokes the whole family', async () => {
			const first = (await login(server, { username: 'ana', password: 'ana-password' })).json();
			const second = await refresh(server, first.refresh_token);
			expect(second.statusCode).toBe(200);
			const pair = second.json();
			expect(pair.refresh_token).not.toBe(first.refresh_token);
			expect((await me(server, pair.access_token)).statusCode).toBe(200);
			// A copy of the first token used again: theft. The newer token is revoked too.
			expectProblem(await refresh(server, first.refresh_token), 401, /already used/);
			expectProblem(await refresh(server, pair.refresh_token), 401);
			// Signing in again still works.
			expect((await login(server, { username: 'ana', password: 'ana-password' })).statusCode).toBe(200);
		});

		it('one issued by instance A refreshes on instance B (same database)', async () => {
			const other = await server.another();
			const fromA = (await login(server, { username: 'ana', password: 'ana-password' })).json();
			expect((await me(other, fromA.access_token)).statusCode).toBe(200);
			const onB = await refresh(other, fromA.refresh_token);
			expect(onB.statusCode).toBe(200);
			expect((await me(server, onB.json().access_token)).statusCode).toBe(200);
			expectProblem(await refresh(server, fromA.refresh_token), 401);
		});

		it('logout revokes it (204 also for an unknown token)', async () => {
			const pair = (await login(server, { username: 'ana', password: 'ana-password' })).json();
			const out = await server.inject({ method: 'POST', url: '/api/v1/auth/logout', payload: { refresh_token: pair.refresh_token } });
			expect(out.statusCode).toBe(204);
			expect(out.body).toBe('');
			expectProblem(await refresh(server, pair.refresh_token), 401);
			expect((await server.inject({ method: 'POST', url: '/api/v1/auth/logout', payload: { refresh_token: 'never-issued' } })).statusCode).toBe(204);
			expectProblem(await refresh(server, 'never-issued'), 401, 'refresh token is not valid');
		});

		it('an expired one is refused', async () => {
			const pair = (await login(server, { username: 'ana', password: 'ana-password' })).json();
			await server.sql.db.updateTable('refresh_tokens').set({ expires_at: Date.now() - 1000 }).where('revoked_at', 'is', null).execute();
			expectProblem(await refresh(server, pair.refresh_token), 401, 'refresh token expired: sign in again');
		});
	});

	describe('tokens refused with 401', () => {
		let real: string;
		let claims: JWTPayload;
		let key: Uint8Array;
		const mint = (payload: JWTPayload, signWith: Uint8Array = key, alg = 'HS256') =>
			new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(signWith);
		const valid = () => ({ ...claims });

		beforeAll(async () => {
			real = await server.tokenFor('staff');
			claims = decodeJwt(real);
			const row = await server.sql.db.selectFrom('server_secrets').select('value').where('name', '=', SIGNING_KEY_NAME).executeTakeFirstOrThrow();
			key = new Uint8Array(Buffer.from(row.value, 'base64url'));
		});

		it('the token minted with the real key is accepted (the forgeries below differ in one thing each)', async () => {
			expect((await me(server, await mint(valid()))).statusCode).toBe(200);
		});

		it('no token, another scheme, garbage', async () => {
			expectProblem(await server.inject({ method: 'GET', url: '/api/v1/auth/me' }), 401, /needs a token/);
			expectProblem(await server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } }), 401, /Bearer/);
			expectProblem(await me(server, 'not-a-token'), 401, 'token is malformed');
			expectProblem(await me(server, 'aaa.bbb.ccc'), 401, 'token is malformed');
			const response = await me(server, 'x.y.z');
			expect(response.headers['www-authenticate']).toBe('Bearer');
		});

		it('alg: none', async () => {
			const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(valid())}.`;
			expectProblem(await me(server, unsigned), 401, 'token algorithm is not allowed: only HS256');
		});

		it('HS256 signed with another key, or a tampered payload', async () => {
			expectProblem(await me(server, await mint(valid(), new Uint8Array(32).fill(7))), 401, 'token signature is not valid');
			const [header, , signature] = real.split('.');
			const tampered = `${header}.${b64({ ...valid(), role: 'admin' })}.${signature}`;
			expectProblem(await me(server, tampered), 401, 'token signature is not valid');
		});

		it('expired', async () => {
			const now = Math.floor(Date.now() / 1000);
			expectProblem(await me(server, await mint({ ...valid(), iat: now - 3600, exp: now - 60 })), 401, 'token expired');
		});

		it('another audience or issuer', async () => {
			expectProblem(await me(server, await mint({ ...valid(), aud: 'someone-else' })), 401, 'token audience is not this API');
			expectProblem(await me(server, await mint({ ...valid(), iss: 'evil-issuer' })), 401, 'token issuer is not this server');
		});

		it('RS256 and HS512 (only HS256 is accepted)', async () => {
			const { privateKey } = await generateKeyPair('RS256');
			const rs = await new SignJWT(valid()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
			expectProblem(await me(server, rs), 401, 'token algorithm is not allowed: only HS256');
			expectProblem(await me(server, await mint(valid(), key, 'HS512')), 401, 'token algorithm is not allowed: only HS256');
		});

		it('claims missing or of another shop', async () => {
			const { ver: _ver, ...noVersion } = valid();
			expectProblem(await me(server, await mint(noVersion)), 401, 'token claims are not valid');
			const annex = await server.sql.db.selectFrom('shops').select('id').where('code', '=', 'annex').executeTakeFirstOrThrow();
			expectProblem(await me(server, await mint({ ...valid(), shop: annex.id })), 401, /not a member/);
		});
	});

	describe('cut off at once', () => {
		it('a removed membership: the shop-A token is refused', async () => {
			await createUser(server.sql, { username: 'leaver', password: 'leaver-password', role: 'staff', shopCode: 'main' }, { passwordLogN: 10 });
			const pair = (await login(server, { username: 'leaver', password: 'leaver-password' })).json();
			expect((await me(server, pair.access_token)).statusCode).toBe(200);
			const user = await server.sql.db.selectFrom('users').select('id').where('username', '=', 'leaver').executeTakeFirstOrThrow();
			await server.sql.db.deleteFrom('memberships').where('user_id', '=', user.id).where('shop_id', '=', server.shopId).execute();
			expectProblem(await me(server, pair.access_token), 401, /not a member/);
			expectProblem(await refresh(server, pair.refresh_token), 401, /no longer a member/);
		});

		it('a disabled user: access token and refresh refused, sign-in refused', async () => {
			await createUser(server.sql, { username: 'lost-tablet', password: 'tablet-password', role: 'staff', shopCode: 'main' }, { passwordLogN: 10 });
			const pair = (await login(server, { username: 'lost-tablet', password: 'tablet-password' })).json();
			await disableUser(server.sql, 'lost-tablet');
			expectProblem(await me(server, pair.access_token), 401, 'the account is disabled');
			expectProblem(await refresh(server, pair.refresh_token), 401, 'the account is disabled');
			expectProblem(await login(server, { username: 'lost-tablet', password: 'tablet-password' }), 401, 'username or password is not valid');
		});

		it('a new password: tokens minted before are refused', async () => {
			await createUser(server.sql, { username: 'forgetful', password: 'old-password', role: 'staff', shopCode: 'main' }, { passwordLogN: 10 });
			const pair = (await login(server, { username: 'forgetful', password: 'old-password' })).json();
			await resetPassword(server.sql, 'forgetful', 'new-password', { passwordLogN: 10 });
			expectProblem(await me(server, pair.access_token), 401, /revoked/);
			expectProblem(await refresh(server, pair.refresh_token), 401);
			expectProblem(await login(server, { username: 'forgetful', password: 'old-password' }), 401);
			expect((await login(server, { username: 'forgetful', password: 'new-password' })).statusCode).toBe(200);
		});
	});

	describe('roles and shops', () => {
		it('staff on an admin-only route is a 403 problem; admin passes', async () => {
			const staff = await server.tokenFor('staff');
			const body = expectProblem(await server.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(staff) }), 403, /only the shop's admins/);
			expect(body.type).toMatch(/forbidden$/);
			expect((await server.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(await server.tokenFor('admin')) })).statusCode).toBe(200);
		});

		it('an unknown route is a 404 problem, with or without a token', async () => {
			expectProblem(await server.inject({ method: 'GET', url: '/api/v1/nothing-here' }), 404, /no route GET \/api\/v1\/nothing-here/);
			expectProblem(await server.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: bearer(await server.tokenFor('staff')) }), 404);
		});

		it("each shop's admin sees only that shop's users", async () => {
			const mainAdmin = await server.tokenFor('admin', 'main');
			const northAdmin = await server.tokenFor('admin', 'north');
			await server.tokenFor('staff', 'north');
			const names = async (token: string) =>
				((await server.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(token) })).json().users as { username: string }[]).map((u) => u.username);
			const inMain = await names(mainAdmin);
			const inNorth = await names(northAdmin);
			expect(inNorth.sort()).toEqual(['admin.north', 'staff.north']);
			expect(inMain).toContain('admin.main');
			expect(inMain).not.toContain('admin.north');
			expect(inMain).not.toContain('staff.north');
			// North's admin cannot touch main's users either.
			expectProblem(await server.inject({ method: 'PATCH', url: '/api/v1/users/admin.main', headers: bearer(northAdmin), payload: { disabled: true } }), 404);
			// And a staff token of north cannot list at all.
			expectProblem(await server.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(await server.tokenFor('staff', 'north')) }), 403);
		});
	});

	describe('/users', () => {
		let admin: string;
		beforeAll(async () => {
			admin = await server.tokenFor('admin', 'south');
		});
		const call = (method: 'POST' | 'PATCH', url: string, payload: object) => server.inject({ method, url, payload, headers: bearer(admin) });

		it('POST makes an account in the caller\'s shop; a taken username is 409; a bad one 400', async () => {
			const made = await call('POST', '/api/v1/users', { username: 'new.clerk', password: 'clerk-password', role: 'staff' });
			expect(made.statusCode).toBe(201);
			expect(made.json()).toEqual({ username: 'new.clerk', role: 'staff', disabled: false, created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
			const token = (await login(server, { username: 'new.clerk', password: 'clerk-password' })).json().access_token;
			expect((await me(server, token)).json()).toMatchObject({ shop: 'south', role: 'staff' });
			const again = expectProblem(await call('POST', '/api/v1/users', { username: 'new.clerk', password: 'other-password', role: 'admin' }), 409);
			expect(again.errors).toEqual([{ field: 'username', reason: 'duplicate' }]);
			// Another shop's user is taken too: a shop's admin cannot take over someone else's account.
			expectProblem(await call('POST', '/api/v1/users', { username: 'admin.main', password: 'other-password', role: 'admin' }), 409);
			const bad = expectProblem(await call('POST', '/api/v1/users', { username: 'no spaces', password: 'short', role: 'boss' }), 400);
			expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.password', 'body.role', 'body.username']);
		});

		it('PATCH changes the role at once, disables and enables, sets a password', async () => {
			const clerk = (await login(server, { username: 'new.clerk', password: 'clerk-password' })).json();
			const promoted = await call('PATCH', '/api/v1/users/new.clerk', { role: 'admin' });
			expect(promoted.json()).toMatchObject({ username: 'new.clerk', role: 'admin' });
			expect((await me(server, clerk.access_token)).json().role).toBe('admin');
			expect((await call('PATCH', '/api/v1/users/new.clerk', { role: 'staff' })).statusCode).toBe(200);
			expectProblem(await server.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(clerk.access_token) }), 403);

			expect((await call('PATCH', '/api/v1/users/new.clerk', { disabled: true })).json().disabled).toBe(true);
			expectProblem(await me(server, clerk.access_token), 401);
			expect((await call('PATCH', '/api/v1/users/new.clerk', { disabled: false })).json().disabled).toBe(false);
			expect((await call('PATCH', '/api/v1/users/new.clerk', { password: 'fresh-password' })).statusCode).toBe(200);
			expect((await login(server, { username: 'new.clerk', password: 'fresh-password' })).statusCode).toBe(200);

			expectProblem(await call('PATCH', '/api/v1/users/new.clerk', {}), 400);
			expectProblem(await call('PATCH', '/api/v1/users/nobody', { role: 'admin' }), 404);
		});

		it("the shop's last enabled admin cannot be demoted or disabled", async () => {
			const body = expectProblem(await call('PATCH', '/api/v1/users/admin.south', { role: 'staff' }), 409, /last enabled admin/);
			expect(body.errors).toEqual([{ field: 'username', reason: 'duplicate' }]);
			expectProblem(await call('PATCH', '/api/v1/users/admin.south', { disabled: true }), 409);
		});

		it('an account of several shops is disabled only by the operator', async () => {
			await createUser(server.sql, { username: 'admin.main', role: 'staff', shopCode: 'south', ifExists: 'join' }, { passwordLogN: 10 });
			expectProblem(await call('PATCH', '/api/v1/users/admin.main', { disabled: true }), 403, /other shops/);
			expect((await call('PATCH', '/api/v1/users/admin.main', { role: 'admin' })).statusCode).toBe(200);
		});
	});
});

describeEachSql('login rate limits', (dialect) => {
	const limits = { loginFailuresPerAccount: 3, loginFailuresPerAddress: 5, loginWindowSeconds: 60 };
	let server: TestServer;
	beforeAll(async () => {
		server = await testServer(dialect, limits);
		for (const name of ['rita', 'rosa', 'ruth', 'rene', 'raul', 'remi']) {
			await createUser(server.sql, { username: name, password: TEST_PASSWORD, role: 'staff', shopCode: 'main' }, { passwordLogN: 10 });
		}
	});
	afterAll(() => server.close());
	afterEach(() => server.sql.db.deleteFrom('login_attempts').execute());

	const fail = (app: Api | TestServer, username: string, address = '10.0.0.1') => login(app, { username, password: 'wrong-password' }, address);
	const succeed = (app: Api | TestServer, username: string, address = '10.0.0.1') => login(app, { username, password: TEST_PASSWORD }, address);

	function expectLimited(response: Awaited<ReturnType<typeof login>>, what: RegExp) {
		const body = expectProblem(response, 429, what);
		expect(body.type).toMatch(/too-many-requests$/);
		const retryAfter = Number(response.headers['retry-after']);
		expect(retryAfter).toBeGreaterThanOrEqual(1);
		expect(retryAfter).toBeLessThanOrEqual(60);
	}

	it('per account: past the limit the next attempt is 429 with Retry-After, even with the right password', async () => {
		for (let i = 0; i < 3; i++) expectProblem(await fail(server, 'rita', `10.0.1.${i}`), 401);
		expectLimited(await succeed(server, 'rita', '10.0.1.9'), /this account/);
		// Other accounts are not affected.
		expect((await succeed(server, 'rosa')).statusCode).toBe(200);
	});

	it('per address: failures on many accounts from one address', async () => {
		const names = ['rita', 'rosa', 'ruth', 'rene', 'raul'];
		for (const name of names) expectProblem(await fail(server, name, '10.0.2.1'), 401);
		expectLimited(await succeed(server, 'remi', '10.0.2.1'), /this address/);
		expect((await succeed(server, 'remi', '10.0.2.2')).statusCode).toBe(200);
	});

	it("a success clears the account's counter", async () => {
		for (let i = 0; i < 2; i++) await fail(server, 'ruth');
		expect((await succeed(server, 'ruth')).statusCode).toBe(200);
		for (let i = 0; i < 3; i++) expectProblem(await fail(server, 'ruth'), 401);
		expectLimited(await fail(server, 'ruth'), /this account/);
	});

	it('the window ends: attempts are allowed again', async () => {
		for (let i = 0; i < 4; i++) await fail(server, 'rene');
		expectLimited(await succeed(server, 'rene'), /account/);
		await server.sql.db.updateTable('login_attempts').set({ window_start: Date.now() - 61_000 }).execute();
		expect((await succeed(server, 'rene')).statusCode).toBe(200);
	});

	it('holds across two instances on the same database', async () => {
		const other = await server.another();
		await fail(server, 'raul', '10.0.3.1');
		await fail(other, 'raul', '10.0.3.2');
		await fail(server, 'raul', '10.0.3.3');
		expectLimited(await succeed(other, 'raul', '10.0.3.4'), /this account/);
		expectLimited(await succeed(server, 'raul', '10.0.3.5'), /this account/);
	});

	it('counts concurrent attempts on both instances', async () => {
		const other = await server.another();
		const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => fail(i % 2 ? other : server, 'remi', `10.0.4.${i}`)));
		expect(answers.filter((r) => r.statusCode === 401)).toHaveLength(3);
		expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(5);
	});

	if (dialect === 'postgres') {
		it('holds across two instances on separate connection pools', async () => {
			const { app: other } = await server.separate();
			await fail(server, 'rosa', '10.0.5.1');
			await fail(other, 'rosa', '10.0.5.2');
			await fail(other, 'rosa', '10.0.5.3');
			expectLimited(await succeed(server, 'rosa', '10.0.5.4'), /this account/);
			// A token issued through one pool's instance refreshes through the other's.
			await server.sql.db.deleteFrom('login_attempts').execute();
			const pair = (await succeed(server, 'rosa')).json();
			const renewed = await refresh(other, pair.refresh_token);
			expect(renewed.statusCode).toBe(200);
			expect((await me(server, renewed.json().access_token)).statusCode).toBe(200);
		});
	}
});

describe('inventario user (SQLite file)', () => {
	let dir: string;
	let repo: SqlRepository;
	let lines: string[];
	const out = (line: string) => lines.push(line);
	const io = (input: string, isTTY = false): (() => CliIo) => () => {
		const stdin = Readable.from([input]) as unknown as CliIo['stdin'];
		stdin.isTTY = isTTY;
		return { stdin, prompt: () => {}, env: {} };
	};
	const command = (input = '', isTTY = false) => makeUserCommand({ io: io(input, isTTY), passwordLogN: 10 });

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'user-cli-'));
		repo = await SqlRepository.open(join(dir, 'shop.db'));
	});
	afterAll(async () => {
		await repo.close();
		rmSync(dir, { recursive: true, force: true });
	});
	afterEach(() => {
		lines = [];
	});
	lines = [];

	it('add makes the first admin from --password-stdin, and it can sign in', async () => {
		expect(await command('first-admin-pw\n').run(repo, ['add', 'boss', '--role', 'admin', '--password-stdin'], out)).toBe(0);
		expect(lines).toEqual(['Made user boss: admin of shop main.']);
		const app = await testServerOn(repo);
		expect((await login(app, { username: 'boss', password: 'first-admin-pw' })).statusCode).toBe(200);
		await app.close();
	});

	it('add --shop makes the shop; an existing user joins it without a new password', async () => {
		expect(await command('clerk-password\n').run(repo, ['add', 'clerk', '--role', 'staff', '--password-stdin'], out)).toBe(0);
		expect(await command().run(repo, ['add', 'clerk', '--role', 'admin', '--shop', 'outlet'], out)).toBe(0);
		expect(lines[1]).toMatch(/^User clerk exists: now admin of shop outlet\. Password unchanged/);
		const rows = await listUsers(repo.sql);
		expect(rows.filter((r) => r.username === 'clerk').map((r) => [r.shopCode, r.role])).toEqual([['main', 'staff'], ['outlet', 'admin']]);
	});

	it('list prints a table, or JSON, for all shops or one', async () => {
		expect(await command().run(repo, ['list'], out)).toBe(0);
		expect(lines[0]).toMatch(/^username\s+shop\s+role\s+status\s+created$/);
		expect(lines.slice(2).map((l) => l.split(/\s+/).slice(0, 4).join(' '))).toEqual(['boss main admin enabled', 'clerk main staff enabled', 'clerk outlet admin enabled']);
		lines = [];
		expect(await command().run(repo, ['list', '--shop', 'outlet', '--json'], out)).toBe(0);
		expect(JSON.parse(lines.join('\n'))).toEqual([{ username: 'clerk', shop: 'outlet', role: 'admin', status: 'enabled', created: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) }]);
		await expect(command().run(repo, ['list', '--shop', 'nowhere'], out)).rejects.toThrow(/no shop "nowhere"/);
	});

	it('disable, enable and reset-password', async () => {
		expect(await command().run(repo, ['disable', 'clerk'], out)).toBe(0);
		expect((await listUsers(repo.sql)).find((r) => r.username === 'clerk')!.disabled).toBe(true);
		expect(await command().run(repo, ['enable', 'clerk'], out)).toBe(0);
		expect((await listUsers(repo.sql)).find((r) => r.username === 'clerk')!.disabled).toBe(false);
		expect(await command('brand-new-pw\n').run(repo, ['reset-password', 'clerk', '--password-stdin'], out)).toBe(0);
		const app = await testServerOn(repo);
		expect((await login(app, { username: 'clerk', password: 'brand-new-pw', shop: 'main' })).statusCode).toBe(200);
		await app.close();
		await expect(command().run(repo, ['disable', 'ghost'], out)).rejects.toThrow('no user "ghost"');
	});

	it('clear errors: no terminal and no --password-stdin, short passwords, bad names, usage', async () => {
		await expect(command('', false).run(repo, ['add', 'newbie', '--role', 'staff'], out)).rejects.toThrow(/--password-stdin/);
		await expect(command('short\n').run(repo, ['add', 'newbie', '--role', 'staff', '--password-stdin'], out)).rejects.toThrow('password must be at least 8 characters');
		await expect(command('long-enough\n').run(repo, ['add', 'bad name', '--role', 'staff', '--password-stdin'], out)).rejects.toThrow(/username must be 1 to 64 characters/);
		await expect(command().run(repo, ['add', 'newbie'], out)).rejects.toThrow(UsageError);
		await expect(command().run(repo, ['add', 'newbie', '--role', 'owner'], out)).rejects.toThrow(/role must be admin or staff/);
		await expect(command().run(repo, [], out)).rejects.toThrow(UsageError);
		await expect(command().run(repo, ['promote', 'x'], out)).rejects.toThrow(UsageError);
		await expect(command().run({} as never, ['list'], out)).rejects.toThrow(/SQL store/);
	});

	it('asks twice on a terminal; different answers change nothing', async () => {
		const typed = (answers: string[]) => () => {
			const stdin = Readable.from(answers) as unknown as CliIo['stdin'];
			stdin.isTTY = true;
			stdin.setRawMode = () => stdin;
			return { stdin, prompt: () => {}, env: {} };
		};
		const mismatch = makeUserCommand({ io: typed(['first-try-pw\r', 'second-try-pw\r']), passwordLogN: 10 });
		await expect(mismatch.run(repo, ['add', 'typist', '--role', 'staff'], out)).rejects.toThrow(/differ/);
		const same = makeUserCommand({ io: typed(['typed-password\r', 'typed-password\r']), passwordLogN: 10 });
		expect(await same.run(repo, ['add', 'typist', '--role', 'staff'], out)).toBe(0);
	});
});

/** A server on the repository's database, for checking what the CLI did. */
const testServerOn = (repo: SqlRepository): Promise<Api> => buildServer(repo.sql, { passwordLogN: 10 });
