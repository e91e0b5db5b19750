// Stateless: two server processes' worth of instances on one PostgreSQL, each with its own
// connection pool, behind a round-robin proxy, behave as one shop server. Every request below goes
// through the proxy, so consecutive requests land on different instances.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/auth/accounts';
import { startServer, type RunningServer } from '../../src/server/serve';
import { openDatabase } from '../../src/sql/open';
import { newPostgresDatabase, postgresUrl } from '../support/sql-databases';
import { TEST_OPTIONS, TEST_PASSWORD } from '../support/server';

/** A minimal round-robin reverse proxy on loopback; it records which instance served each request. */
function roundRobinProxy(targets: string[]) {
	let next = 0;
	const servedBy: number[] = [];
	const server = http.createServer((req, res) => {
		const index = next++ % targets.length;
		servedBy.push(index);
		const target = new URL(req.url ?? '/', targets[index]);
		const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		upstream.on('error', () => { res.writeHead(502); res.end(); });
		req.pipe(upstream);
	});
	return { server, servedBy };
}

describe.skipIf(!postgresUrl)('two instances on one PostgreSQL behind a proxy', () => {
	const instances: RunningServer[] = [];
	let proxy: ReturnType<typeof roundRobinProxy>;
	let base = '';

	beforeAll(async () => {
		const url = await newPostgresDatabase();
		for (let i = 0; i < 2; i++) instances.push(await startServer(await openDatabase({ url }), { port: 0, host: '127.0.0.1' }, TEST_OPTIONS));
		await createUser(instances[0].app.ctx.sql, { username: 'lola', password: TEST_PASSWORD, role: 'admin', shopCode: 'main', ifExists: 'refuse' }, { passwordLogN: 10 });
		proxy = roundRobinProxy(instances.map((s) => s.url));
		await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
		const address = proxy.server.address();
		base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	}, 60_000);

	afterAll(async () => {
		await new Promise((resolve) => proxy?.server.close(resolve));
		for (const s of instances) await s.stop();
	});

	async function call(method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
		const response = await fetch(base + path, {
			method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
			...(body === undefined ? {} : { body: JSON.stringify(body) })
		});
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
	}

	it('logs in on one, refreshes on the other, writes through one and reads through the other', async () => {
		const login = await call('POST', '/api/v1/auth/login', undefined, { username: 'lola', password: TEST_PASSWORD });
		expect(login.status).toBe(200);
		const refreshed = await call('POST', '/api/v1/auth/refresh', undefined, { refresh_token: login.body.refresh_token });
		expect(refreshed.status).toBe(200);
		const token = refreshed.body.access_token as string;

		expect((await call('POST', '/api/v1/products', token, { sku: 'CAM-01', name: 'Camiseta', unit_price: '19.90' })).status).toBe(201);
		const product = await call('GET', '/api/v1/products/CAM-01', token);
		expect(product.status).toBe(200);
		expect(product.body.unit_price).toBe('19.90');

		expect((await call('POST', '/api/v1/movements/receive', token, { lines: [{ sku: 'CAM-01', quantity: 10 }] })).status).toBe(201);
		const sale = { lines: [{ sku: 'CAM-01', quantity: 3 }] };
		const first = await call('POST', '/api/v1/sales', token, sale, { 'idempotency-key': 'two-instances-1' });
		const retry = await call('POST', '/api/v1/sales', token, sale, { 'idempotency-key': 'two-instances-1' });
		expect(first.status).toBe(201);
		expect(retry.status).toBe(201);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect(retry.body.invoice).toBe(first.body.invoice);
		for (let i = 0; i < 2; i++) expect((await call('GET', '/api/v1/stock/CAM-01', token)).body.on_hand).toBe(7);

		// The requests alternated: each instance served half of them.
		expect(new Set(proxy.servedBy)).toEqual(new Set([0, 1]));
	});

	it('a user disabled through one instance is refused by the other at once', async () => {
		const login = await call('POST', '/api/v1/auth/login', undefined, { username: 'lola', password: TEST_PASSWORD });
		const admin = login.body.access_token as string;
		expect((await call('POST', '/api/v1/users', admin, { username: 'pepe', password: TEST_PASSWORD, role: 'staff' })).status).toBe(201);
		const pepe = (await call('POST', '/api/v1/auth/login', undefined, { username: 'pepe', password: TEST_PASSWORD })).body.access_token as string;
		expect((await call('GET', '/api/v1/stock', pepe)).status).toBe(200);
		expect((await call('PATCH', '/api/v1/users/pepe', admin, { disabled: true })).status).toBe(200);
		for (let i = 0; i < 2; i++) expect((await call('GET', '/api/v1/stock', pepe)).status).toBe(401);
	});
});
