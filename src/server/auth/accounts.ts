// Accounts: users (global: one name, one password) and their memberships, a role per shop. What
// `inventario user ...` and the /users routes do. Disabling a user or resetting their password bumps
// token_version and revokes their refresh tokens, so every tablet they were signed in on is cut off
// at its next request.
import { becomeServer } from '../../sql/sync-log';
import { DuplicateError, NotFoundError } from '../../core/repository';
import { newId } from '../../core/ids';
import type { SqlDatabase } from '../../sql/database';
import { ensureShop, findShop } from '../../sql/open';
import { hashPassword } from './passwords';
import type { Role } from './types';

export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 1024;
export const ROLES: readonly Role[] = ['admin', 'staff'];

/** An account rule broken: which field and why, for a 400 or a CLI message. */
export class AccountError extends Error {
	constructor(readonly field: string, readonly reason: string) {
		super(`${field}: ${reason}`);
		this.name = 'AccountError';
	}
}

export function checkUsername(username: string) {
	if (!USERNAME_PATTERN.test(username)) {
		throw new AccountError('username', 'must be 1 to 64 characters: letters, digits and . _ @ -');
	}
}

export function checkPassword(password: string) {
	if (password.length < PASSWORD_MIN_LENGTH) throw new AccountError('password', `must be at least ${PASSWORD_MIN_LENGTH} characters`);
	if (password.length > PASSWORD_MAX_LENGTH) throw new AccountError('password', `must be at most ${PASSWORD_MAX_LENGTH} characters`);
}

export function checkRole(role: string): asserts role is Role {
	if (!ROLES.includes(role as Role)) throw new AccountError('role', `must be ${ROLES.join(' or ')}`);
}

export interface HashOptions {
	/** scrypt cost (ServerOptions.passwordLogN). */
	passwordLogN: number;
}

export interface NewUser {
	username: string;
	/** Needed for a new user; an existing user's password is left as it is. */
	password?: string;
	role: Role;
	/** The shop's code; created if new. */
	shopCode: string;
	/** 'refuse' (the API): an existing username is a 409. 'join' (the CLI): it gains or changes the membership. */
	ifExists?: 'refuse' | 'join';
}

export interface UserResult {
	userId: string;
	username: string;
	shopId: string;
	shopCode: string;
	role: Role;
	/** Whether the user was made now (false: an existing user joined the shop or changed role). */
	created: boolean;
	/** The role the user had in the shop before, if any. */
	previousRole: Role | null;
}

export interface UserRow {
	userId: string;
	username: string;
	disabled: boolean;
	createdAt: number;
	/** Null for a user with no shop (when listing every user). */
	shopId: string | null;
	shopCode: string | null;
	role: Role | null;
}

const isUniqueViolation = (e: unknown) => {
	const err = e as { code?: string; message?: string };
	return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint/i.test(err?.message ?? '');
};

async function userByName(sql: SqlDatabase, username: string) {
	return sql.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

async function requireUser(sql: SqlDatabase, username: string) {
	const user = await userByName(sql, username);
	if (!user) throw new NotFoundError('user', username);
	return user;
}

/** Creates the user (or, with ifExists 'join', gives an existing one this role in the shop). */
export async function createUser(sql: SqlDatabase, input: NewUser, options: HashOptions): Promise<UserResult> {
	checkUsername(input.username);
	checkRole(input.role);
	const shop = await ensureShop(sql, input.shopCode);
	// A shop with accounts is served: its writes feed the devices from now on.
	await sql.db.transaction().execute((trx) => becomeServer(trx, sql.dialect, shop.id));
	const existing = await userByName(sql, input.username);
	if (existing && input.ifExists !== 'join') throw new DuplicateError('username', input.username);
	if (!existing) {
		if (input.password === undefined) throw new AccountError('password', 'a new user needs a password');
		checkPassword(input.password);
	}
	const passwordHash = existing ? null : await hashPassword(input.password!, options.passwordLogN);
	try {
		return await sql.db.transaction().execute(async (trx) => {
			let userId = existing?.id;
			if (!userId) {
				userId = newId();
				await trx.insertInto('users').values({ id: userId, username: input.username, password_hash: passwordHash!, disabled: 0, created_at: Date.now(), token_version: 0 }).execute();
			}
			const before = await trx.selectFrom('memberships').select('role').where('user_id', '=', userId).where('shop_id', '=', shop.id).executeTakeFirst();
			if (before) await trx.updateTable('memberships').set({ role: input.role }).where('user_id', '=', userId).where('shop_id', '=', shop.id).execute();
			else await trx.insertInto('memberships').values({ user_id: userId, shop_id: shop.id, role: input.role }).execute();
			return { userId, username: input.username, shopId: shop.id, shopCode: shop.code, role: input.role, created: !existing, previousRole: before?.role ?? null };
		});
	} catch (e) {
		// Another request made the same username between the look-up and the insert.
		if (isUniqueViolation(e)) throw new DuplicateError('username', input.username);
		throw e;
	}
}

/** Users with their role in `shopId`, or every user with each of their shops (one row per membership). */
export async function listUsers(sql: SqlDatabase, shopId?: string): Promise<UserRow[]> {
	let query = sql.db.selectFrom('users')
		.leftJoin('memberships', 'memberships.user_id', 'users.id')
		.leftJoin('shops', 'shops.id', 'memberships.shop_id')
		.select(['users.id as userId', 'users.username', 'users.disabled', 'users.created_at as createdAt', 'shops.id as shopId', 'shops.code as shopCode', 'memberships.role'])
		.orderBy('users.username').orderBy('shops.code');
	if (shopId !== undefined) query = query.where('memberships.shop_id', '=', shopId);
	const rows = await query.execute();
	return rows.map((r) => ({ ...r, disabled: Number(r.disabled) === 1, createdAt: Number(r.createdAt), role: r.role ?? null }));
}

export async function countUsers(sql: SqlDatabase): Promise<number> {
	const row = await sql.db.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Every refresh token of the user (in one shop, or all) stops working now. */
export async function revokeRefreshTokens(sql: SqlDatabase, userId: string, shopId?: string, now = Date.now()) {
	let query = sql.db.updateTable('refresh_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
	if (shopId !== undefined) query = query.where('shop_id', '=', shopId);
	await query.execute();
}

/** Access tokens minted before stop working (token_version bumped) and refresh tokens are revoked. */
async function cutOff(sql: SqlDatabase, userId: string, changes: { disabled?: 0 | 1; password_hash?: string }) {
	await sql.db.transaction().execute(async (trx) => {
		await trx.updateTable('users').set((eb) => ({ ...changes, token_version: eb('token_version', '+', 1) })).where('id', '=', userId).execute();
		await trx.updateTable('refresh_tokens').set({ revoked_at: Date.now() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
	});
}

export async function disableUser(sql: SqlDatabase, username: string): Promise<void> {
	const user = await requireUser(sql, username);
	await cutOff(sql, user.id, { disabled: 1 });
}

export async function enableUser(sql: SqlDatabase, username: string): Promise<void> {
	const user = await requireUser(sql, username);
	await sql.db.updateTable('users').set({ disabled: 0 }).where('id', '=', user.id).execute();
}

export async function resetPassword(sql: SqlDatabase, username: string, password: string, options: HashOptions): Promise<void> {
	checkPassword(password);
	const user = await requireUser(sql, username);
	await cutOff(sql, user.id, { password_hash: await hashPassword(password, options.passwordLogN) });
}

/** Changes the user's role in one shop (they must already belong to it). */
export async function setRole(sql: SqlDatabase, username: string, shopId: string, role: Role): Promise<void> {
	checkRole(role);
	const user = await requireUser(sql, username);
	const result = await sql.db.updateTable('memberships').set({ role }).where('user_id', '=', user.id).where('shop_id', '=', shopId).executeTakeFirst();
	if (Number(result.numUpdatedRows) === 0) throw new NotFoundError('user', username);
}

/** The shop by its code, or a NotFoundError naming it. */
export async function requireShop(sql: SqlDatabase, code: string) {
	const shop = await findShop(sql, code);
	if (!shop) throw new NotFoundError('shop', code);
	return shop;
}
