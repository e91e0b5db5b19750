// What every route can reach: the database, the auth service and the options.
// Nothing else is kept in memory between requests (the server is stateless: two instances on one
// database behave as one), so all of this is either configuration or a handle on the database.
import type { FastifyInstance, FastifyRequest, RawServerDefault, FastifyBaseLogger } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { SqlDatabase } from '../sql/database';
import { SqlRepository } from '../sql/sql-repository';
import type { Access, AuthContext } from './auth/types';
import type { AuthService } from './auth/service';
import { forbidden } from './problem';
import type { SyncPolicy } from './sync/sync-service';
import { DEFAULT_MAX_CLOCK_AHEAD_MS } from '../core/api/sync';

export interface ServerOptions {
	/** Where the built app is (served at /); null serves the API alone. */
	appDir: string | null;
	/** JWT issuer and audience; tokens naming others are refused. */
	issuer: string;
	audience: string;
	accessTtlSeconds: number;
	refreshTtlDays: number;
	/** scrypt cost as log2(N); 17 in production (~360 ms here), lower in tests. */
	passwordLogN: number;
	/** JSON bodies: refused with 413 before parsing above this. */
	bodyLimitBytes: number;
	/** CSV uploads (POST /api/v1/import): their own, larger limit. */
	importLimitBytes: number;
	/** Failed logins allowed per account and per address in a window, and the window. */
	loginFailuresPerAccount: number;
	loginFailuresPerAddress: number;
	loginWindowSeconds: number;
	/** Worker threads for training and heavy analytics. */
	analyticsThreads: number;
	logger: boolean;
	trustProxy: boolean;
	/** A certificate and key: serve HTTPS (tablets need a secure context off localhost). */
	https: { cert: Buffer; key: Buffer } | null;
	/** Sync: a device clock further ahead than this is reported and cannot win edits by it. */
	syncMaxClockAheadMs: number;
	/** The server's clock in ms (tests move it). */
	clock: () => number;
	/** Tests only: called inside each sync push's transaction before it commits. */
	syncBeforeCommit?: () => void;
}

export const DEFAULT_OPTIONS: ServerOptions = {
	appDir: null,
	issuer: 'smart-inventory',
	audience: 'smart-inventory-api',
	accessTtlSeconds: 15 * 60,
	refreshTtlDays: 30,
	passwordLogN: 17,
	bodyLimitBytes: 1024 * 1024,
	importLimitBytes: 200 * 1024 * 1024,
	loginFailuresPerAccount: 5,
	loginFailuresPerAddress: 20,
	loginWindowSeconds: 15 * 60,
	analyticsThreads: 1,
	logger: false,
	trustProxy: false,
	https: null,
	syncMaxClockAheadMs: DEFAULT_MAX_CLOCK_AHEAD_MS,
	clock: Date.now
};

export interface ServerContext {
	sql: SqlDatabase;
	options: ServerOptions;
	auth: AuthService;
	/** Set when shutdown begins: /readyz answers 503 so a proxy stops sending traffic. */
	shuttingDown: boolean;
	/** How far ahead a device clock may run, and the server's clock (tests move both). */
	syncPolicy: SyncPolicy;
}

export type Api = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
	interface FastifyInstance {
		ctx: ServerContext;
	}
	interface FastifyRequest {
		/** Set by the access guard on every route that is not public. */
		auth: AuthContext | null;
	}
	interface FastifyContextConfig {
		/** Who may call the route; routes that do not say are admin only (deny by default). */
		access?: Access;
	}
}

/** The caller, on a route that is not public (the guard has already checked the token). */
export function caller(request: FastifyRequest): AuthContext {
	if (!request.auth) throw forbidden('this route needs a signed-in user');
	return request.auth;
}

/** The caller's shop's repository: every query it makes is scoped to that shop. */
export function shopRepository(request: FastifyRequest): SqlRepository {
	return new SqlRepository(request.server.ctx.sql, caller(request).shopId);
}
