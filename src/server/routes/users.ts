// /api/v1/users: the shop's accounts, admin only, always scoped to the caller's shop. Accounts are
// server-wide (one name, one password), so an account that also belongs to another shop can only be
// disabled or given a new password by the server's operator (`inventario user ...`).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problems } from '../../core/api/problem';
import { CreateUserRequest, UpdateUserRequest, User, UserList, UserParams, type UserBody } from '../../core/api/users';
import { AccountError, createUser, disableUser, enableUser, listUsers, resetPassword, setRole, type UserRow } from '../auth/accounts';
import { caller } from '../context';
import { conflict, forbidden, invalid, notFound } from '../problem';

const tags = ['users'];

const toBody = (u: Pick<UserRow, 'username' | 'role' | 'disabled' | 'createdAt'>): UserBody =>
	({ username: u.username, role: u.role ?? 'staff', disabled: u.disabled, created_at: new Date(u.createdAt).toISOString() });

/** Account rules broken (the schemas catch most first) are a 400 naming the field. */
async function accountRules<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof AccountError) throw invalid(`body.${e.field}`, e.reason);
		throw e;
	}
}

export default async function usersRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();
	const { sql, options } = app.ctx;

	app.get('/users', {
		config: { access: 'admin' },
		schema: { tags, summary: "The shop's accounts and their roles", response: { 200: UserList, ...problems(401, 403) } }
	}, async (request) => ({ users: (await listUsers(sql, caller(request).shopId)).map(toBody) }));

	app.post('/users', {
		config: { access: 'admin' },
		schema: {
			tags, summary: 'Make an account in the shop',
			description: '409 when the username is taken (by this or any other shop on the server).',
			body: CreateUserRequest,
			response: { 201: User, ...problems(400, 401, 403, 409, 415) }
		}
	}, async (request, reply) => {
		const me = caller(request);
		const { username, password, role } = request.body;
		await accountRules(() => createUser(sql, { username, password, role, shopCode: me.shopCode, ifExists: 'refuse' }, options));
		const made = (await listUsers(sql, me.shopId)).find((u) => u.username === username)!;
		return reply.code(201).send(toBody(made));
	});

	app.patch('/users/:username', {
		config: { access: 'admin' },
		schema: {
			tags, summary: "Change an account's role, disable or enable it, or set a new password",
			description: 'Disabling or a new password signs the account out everywhere at once. The shop keeps at least one enabled admin (409).',
			params: UserParams,
			body: UpdateUserRequest,
			response: { 200: User, ...problems(400, 401, 403, 404, 409, 415) }
		}
	}, async (request) => {
		const me = caller(request);
		const { username } = request.params;
		const { role, disabled, password } = request.body;
		const members = await listUsers(sql, me.shopId);
		const target = members.find((u) => u.username === username);
		if (!target) throw notFound('user', username);
		if (disabled !== undefined || password !== undefined) {
			const shops = (await listUsers(sql)).filter((u) => u.username === username && u.shopId !== null);
			if (shops.length > 1) throw forbidden(`"${username}" also belongs to other shops: only the server's operator can disable it or set its password (inventario user ...)`);
		}
		const losesAdmin = target.role === 'admin' && !target.disabled && ((role !== undefined && role !== 'admin') || disabled === true);
		if (losesAdmin && !members.some((u) => u.username !== username && u.role === 'admin' && !u.disabled)) {
			throw conflict('username', username, `"${username}" is the shop's last enabled admin: make another admin first`);
		}
		await accountRules(async () => {
			if (role !== undefined && role !== target.role) await setRole(sql, username, me.shopId, role);
			if (password !== undefined) await resetPassword(sql, username, password, options);
			if (disabled === true && !target.disabled) await disableUser(sql, username);
			if (disabled === false && target.disabled) await enableUser(sql, username);
		});
		return toBody((await listUsers(sql, me.shopId)).find((u) => u.username === username)!);
	});
}
