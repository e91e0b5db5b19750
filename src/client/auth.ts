// Signing in and out of the shop server, typed by the schemas of /api/v1/auth.
import type { LoginRequestBody, MeBody, TokenResponseBody } from '../core/api/auth';
import { HttpClient, tokensFrom, type Tokens } from './api-client';

/** POST /auth/login: the new pair of tokens (not yet stored anywhere). */
export async function login(client: HttpClient, body: LoginRequestBody, now = Date.now()): Promise<Tokens> {
	const answer = await client.json<TokenResponseBody>('POST', '/auth/login', { json: body, anonymous: true });
	return tokensFrom(answer, now);
}

/** GET /auth/me: who the stored access token is for. */
export const me = (client: HttpClient) => client.json<MeBody>('GET', '/auth/me');

/** POST /auth/logout: revokes the stored refresh token on the server (the body is the credential). */
export async function logout(client: HttpClient): Promise<void> {
	const { refresh_token } = await client.storedTokens();
	await client.request('POST', '/auth/logout', { json: { refresh_token }, anonymous: true });
}
