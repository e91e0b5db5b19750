// /api/v1/auth: sign in, refresh, sign out (public: the body carries the credential) and "who am I".
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginRequest, Me, RefreshRequest, TokenResponse } from '../../core/api/auth';
import { problems } from '../../core/api/problem';
import type { TokenPair } from '../auth/service';
import { caller } from '../context';

const tags = ['auth'];

/** Tokens are never cached by a proxy or the browser. */
function tokensAnswer(reply: FastifyReply, pair: TokenPair) {
	reply.header('cache-control', 'no-store');
	return { ...pair, token_type: 'Bearer' as const };
}

export default async function authRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();
	const { auth } = app.ctx;

	app.post('/auth/login', {
		config: { access: 'public' },
		schema: {
			tags, security: [],
			summary: 'Sign in with a username and password',
			description: 'Answers an access token (JWT) and a single-use refresh token. Failed attempts are limited per account and per address: past the limit the answer is 429 with Retry-After, whatever the password.',
			body: LoginRequest,
			response: { 200: TokenResponse, ...problems(400, 401, 415, 429) }
		}
	}, async (request, reply) => {
		return tokensAnswer(reply, await auth.login({ ...request.body, address: request.ip }));
	});

	app.post('/auth/refresh', {
		config: { access: 'public' },
		schema: {
			tags, security: [],
			summary: 'Trade a refresh token for a new pair',
			description: 'The refresh token is revoked and a new one returned (rotation). Presenting a refresh token that was already used signs out every session of the account in that shop.',
			body: RefreshRequest,
			response: { 200: TokenResponse, ...problems(400, 401, 415) }
		}
	}, async (request, reply) => {
		return tokensAnswer(reply, await auth.refresh(request.body.refresh_token, request.ip));
	});

	app.post('/auth/logout', {
		config: { access: 'public' },
		schema: {
			tags, security: [],
			summary: 'Sign out: revoke a refresh token',
			description: 'Always 204, whether or not the token was valid. The access token stays valid until it expires (minutes).',
			body: RefreshRequest,
			response: { 204: z.null().describe('Signed out'), ...problems(400, 415) }
		}
	}, async (request, reply) => {
		await auth.logout(request.body.refresh_token);
		return reply.code(204).send(null);
	});

	app.get('/auth/me', {
		config: { access: 'staff' },
		schema: {
			tags,
			summary: 'Who the token belongs to: user, role and shop',
			response: { 200: Me, ...problems(401) }
		}
	}, async (request) => {
		const me = caller(request);
		return { user_id: me.userId, username: me.username, role: me.role, shop: me.shopCode };
	});
}
