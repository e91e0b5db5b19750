// Signing in: the bodies and answers of /api/v1/auth. Access tokens are short-lived JWTs sent as
// `Authorization: Bearer`; refresh tokens are opaque, single-use (each refresh returns a new one)
// and revocable on the server.
import { z } from 'zod';

export const Role = z.enum(['admin', 'staff']).describe('admin: everything in the shop; staff: sell, receive, count, view stock and products').meta({ id: 'Role' });

export const LoginRequest = z.object({
	username: z.string().min(1).max(64).describe('The account name'),
	password: z.string().min(1).max(1024),
	shop: z.string().min(1).max(64).optional().describe("The shop's code; when absent, the account's only shop (or the default shop for a member of several)")
}).meta({ id: 'Login' });

export const TokenResponse = z.object({
	access_token: z.string().describe('A JWT to send as `Authorization: Bearer <token>`'),
	refresh_token: z.string().describe('Single use: POST it to /auth/refresh for a new pair before the access token expires'),
	expires_in: z.number().int().describe('Seconds until the access token expires'),
	token_type: z.literal('Bearer')
}).meta({ id: 'TokenResponse' });

export const RefreshRequest = z.object({
	refresh_token: z.string().min(1).max(512)
}).meta({ id: 'RefreshToken' });

export const Me = z.object({
	user_id: z.string(),
	username: z.string(),
	role: Role,
	shop: z.string().describe("The shop's code the token is for")
}).meta({ id: 'Me' });

export type LoginRequestBody = z.infer<typeof LoginRequest>;
export type TokenResponseBody = z.infer<typeof TokenResponse>;
export type MeBody = z.infer<typeof Me>;
