// Sign-in, token refresh and sign-out, and the check every guarded request makes. Nothing is kept
// in memory but the signing key (read from the database): rate limits, refresh tokens and accounts
// live in the database, so an instance can refresh a token another one issued.
import { newId } from '../../core/ids';
import type { SqlDatabase } from '../../sql/database';
import { DEFAULT_SHOP_CODE } from '../../sql/open';
import type { ServerOptions } from '../context';
import { HttpProblem, invalid, unauthorized } from '../problem';
import { decoyHash, verifyPassword } from './passwords';
import { LoginLimiter } from './rate-limit';
import { hashRefreshToken, hmacKey, loadSigningKey, mintAccessToken, newRefreshToken, TokenRefused, verifyAccessToken, type TokenSettings } from './tokens';
import type { AuthContext, Role } from './types';

export interface TokenPair {
	access_token: string;
	refresh_token: string;
	/** Seconds until the access token expires. */
	expires_in: number;
}

export interface LoginInput {
	username: string;
	password: string;
	/** The shop's code; absent: the user's only shop, or the default shop for a member of several. */
	shop?: string;
	/** The caller's address (request.ip), for the per-address rate limit. */
	address: string;
}

export interface AuthService {
	/** The caller behind an Authorization header; 401 for anything else. */
	authenticate(authorization: string | undefined): Promise<AuthContext>;
	login(input: LoginInput): Promise<TokenPair>;
	/** A new pair for a valid refresh token, which is revoked (rotation). */
	refresh(refreshToken: string, address: string): Promise<TokenPair>;
	logout(refreshToken: string): Promise<void>;
}

const BAD_CREDENTIALS = 'username or password is not valid';
const BAD_REFRESH = 'refresh token is not valid';
const DAY_MS = 24 * 60 * 60 * 1000;

type AuthOptions = Pick<ServerOptions, 'issuer' | 'audience' | 'accessTtlSeconds' | 'refreshTtlDays' | 'passwordLogN' | 'loginFailuresPerAccount' | 'loginFailuresPerAddress' | 'loginWindowSeconds'>;

export async function createAuthService(sql: SqlDatabase, options: AuthOptions): Promise<AuthService> {
	const settings: TokenSettings = { key: await hmacKey(await loadSigningKey(sql)), issuer: options.issuer, audience: options.audience, ttlSeconds: options.accessTtlSeconds };
	const limiter = new LoginLimiter(sql, options);
	// Made now (in the thread pool, not awaited), so the first unknown user costs one hash like the rest.
	const decoy = decoyHash(options.passwordLogN);
	decoy.catch(() => {});

	/** The user, their membership of the shop and the shop, in one primary-key lookup. */
	const member = (userId: string, shopId: string) => sql.db.selectFrom('users')
		.innerJoin('memberships', 'memberships.user_id', 'users.id')
		.innerJoin('shops', 'shops.id', 'memberships.shop_id')
		.select(['users.id', 'users.username', 'users.disabled', 'users.token_version', 'memberships.role', 'shops.id as shopId', 'shops.code as shopCode'])
		.where('users.id', '=', userId)
		.where('memberships.shop_id', '=', shopId)
		.executeTakeFirst();

	/** Issues an access token and a stored refresh token for the user in the shop. */
	async function issue(db: Pick<SqlDatabase, 'db'>, user: { id: string; token_version: number }, shopId: string, role: Role): Promise<TokenPair> {
		const now = Date.now();
		const refreshToken = newRefreshToken();
		await db.db.insertInto('refresh_tokens').values({
			id: newId(), token_hash: hashRefreshToken(refreshToken), user_id: user.id, shop_id: shopId,
			created_at: now, expires_at: now + options.refreshTtlDays * DAY_MS, revoked_at: null
		}).execute();
		if (Math.random() < 0.02) await db.db.deleteFrom('refresh_tokens').where('expires_at', '<', now).execute();
		const accessToken = await mintAccessToken(settings, { sub: user.id, shop: shopId, role, ver: Number(user.token_version) });
		return { access_token: accessToken, refresh_token: refreshToken, expires_in: options.accessTtlSeconds };
	}

	/** The shop a login goes to, or null when the user is not a member of it (same 401 as a bad password). */
	async function loginShop(userId: string, shopCode: string | undefined): Promise<{ shopId: string; role: Role } | null> {
		const memberships = await sql.db.selectFrom('memberships')
			.innerJoin('shops', 'shops.id', 'memberships.shop_id')
			.select(['shops.id as shopId', 'shops.code', 'memberships.role'])
			.where('memberships.user_id', '=', userId)
			.execute();
		if (shopCode !== undefined) return memberships.find((m) => m.code === shopCode) ?? null;
		if (memberships.length <= 1) return memberships[0] ?? null;
		const fallback = memberships.find((m) => m.code === DEFAULT_SHOP_CODE);
		if (!fallback) throw invalid('body.shop', `this account belongs to ${memberships.length} shops: name one (${memberships.map((m) => m.code).sort().join(', ')})`);
		return fallback;
	}

	return {
		async authenticate(authorization) {
			if (!authorization) throw unauthorized('this route needs a token: Authorization: Bearer <access token>');
			const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(authorization);
			if (!match) throw unauthorized('the Authorization header must be "Bearer <access token>"');
			let claims;
			try {
				claims = await verifyAccessToken(settings, match[1]);
			} catch (e) {
				if (e instanceof TokenRefused) throw unauthorized(e.detail);
				throw e;
			}
			const row = await member(claims.sub, claims.shop);
			if (!row) throw unauthorized('the account is not a member of the token\'s shop');
			if (Number(row.disabled) === 1) throw unauthorized('the account is disabled');
			if (Number(row.token_version) !== claims.ver) throw unauthorized('token was revoked (password changed or account disabled): sign in again');
			// The role is read now, not taken from the token: a demoted admin is staff at once.
			return { userId: row.id, username: row.username, shopId: row.shopId, shopCode: row.shopCode, role: row.role };
		},

		async login({ username, password, shop, address }) {
			const reservation = await limiter.reserve(username, address);
			const user = await sql.db.selectFrom('users').select(['id', 'password_hash', 'disabled', 'token_version']).where('username', '=', username).executeTakeFirst();
			// An unknown user spends a hash too, so the answer takes as long as a wrong password.
			const matches = await verifyPassword(password, user?.password_hash ?? await decoy);
			if (!user || !matches || Number(user.disabled) === 1) throw unauthorized(BAD_CREDENTIALS);
			const target = await loginShop(user.id, shop);
			if (!target) throw unauthorized(BAD_CREDENTIALS);
			await limiter.succeeded(reservation);
			return issue(sql, user, target.shopId, target.role);
		},

		async refresh(refreshToken, _address) {
			const tokenHash = hashRefreshToken(refreshToken);
			const now = Date.now();
			const outcome = await sql.db.transaction().execute(async (trx): Promise<TokenPair | HttpProblem> => {
				const row = await trx.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
				if (!row) return unauthorized(BAD_REFRESH);
				const user = await trx.selectFrom('users')
					.innerJoin('memberships', 'memberships.user_id', 'users.id')
					.select(['users.id', 'users.disabled', 'users.token_version', 'memberships.role'])
					.where('users.id', '=', row.user_id).where('memberships.shop_id', '=', row.shop_id)
					.executeTakeFirst();
				if (!user) return unauthorized('the account is no longer a member of this shop');
				if (Number(user.disabled) === 1) return unauthorized('the account is disabled');
				// Rotation: revoke it only if nobody else did; losing that race is a reuse, like a revoked one.
				const revoked = row.revoked_at === null
					? await trx.updateTable('refresh_tokens').set({ revoked_at: now }).where('id', '=', row.id).where('revoked_at', 'is', null).executeTakeFirst()
					: null;
				if (!revoked || Number(revoked.numUpdatedRows) !== 1) {
					// A used token again: someone holds a copy. Every session of this user in this shop ends.
					await trx.updateTable('refresh_tokens').set({ revoked_at: now }).where('user_id', '=', row.user_id).where('shop_id', '=', row.shop_id).where('revoked_at', 'is', null).execute();
					return unauthorized('refresh token was already used: every session of this account in this shop is signed out, sign in again');
				}
				if (Number(row.expires_at) <= now) return unauthorized('refresh token expired: sign in again');
				return issue({ db: trx }, user, row.shop_id, user.role);
			});
			// Problems are returned, not thrown, so the theft revocation above is committed.
			if (outcome instanceof HttpProblem) throw outcome;
			return outcome;
		},

		async logout(refreshToken) {
			await sql.db.updateTable('refresh_tokens').set({ revoked_at: Date.now() }).where('token_hash', '=', hashRefreshToken(refreshToken)).where('revoked_at', 'is', null).execute();
		}
	};
}
