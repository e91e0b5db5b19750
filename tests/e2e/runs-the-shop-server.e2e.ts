// A shop owner starts the shop server with the README's commands: `inventario user add` makes the
// first admin, `inventario serve` serves the app, the API and its docs on one port. Driven as a
// person and another application would: the browser opens the app and the docs, then signs in
// through the API and rings up a sale that the stock shows.
import { expect, test } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from './support/shop';

const PORT = 4175;
const BASE = `http://127.0.0.1:${PORT}`;
let dir = '';
let server: ChildProcess | undefined;

const inventario = (args: string[], input?: string) =>
	spawnSync(process.execPath, ['bin/inventario.mjs', ...args], { input, encoding: 'utf8' });

test.beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'shop-server-'));
	const db = join(dir, 'shop.db');
	const demo = inventario(['demo', '--db', db]);
	expect(demo.status, demo.stderr).toBe(0);
	const user = inventario(['user', 'add', 'lola', '--role', 'admin', '--password-stdin', '--db', db], 'una-clave-larga\n');
	expect(user.status, user.stderr).toBe(0);
	server = spawn(process.execPath, ['bin/inventario.mjs', 'serve', '--port', String(PORT), '--db', db], { stdio: ['ignore', 'pipe', 'inherit'] });
	const printed = await new Promise<string>((resolve, reject) => {
		let out = '';
		server!.stdout!.on('data', (chunk) => {
			out += chunk;
			if (out.includes('API docs:')) resolve(out);
		});
		server!.once('exit', (code) => reject(new Error(`inventario serve exited with ${code}: ${out}`)));
	});
	expect(printed).toContain(`Smart Inventory server at ${BASE}`);
});

test.afterAll(async () => {
	if (server && server.exitCode === null) {
		const exited = new Promise((resolve) => server!.once('exit', resolve));
		server.kill('SIGTERM');
		await exited;
	}
	rmSync(dir, { recursive: true, force: true });
});

test('the server gives the app, its API docs, and an API that sells', async ({ page, request }) => {
	await page.goto(`${BASE}/api/v1/docs`);
	await expect(page.getByRole('heading', { name: /Smart Inventory API/ })).toBeVisible();
	await expect(page.getByText('/api/v1/auth/login').first()).toBeVisible();
	await expect(page.getByText('/api/v1/sales').first()).toBeVisible();

	// The app is the same offline-first PWA, served from the server's origin (its store is the tablet's own).
	await open(page, `${BASE}/`);
	await expect(page.getByRole('heading', { name: 'Te damos la bienvenida a tu inventario' })).toBeVisible();
	await open(page, `${BASE}/products/85123A`);

	const login = await request.post(`${BASE}/api/v1/auth/login`, { data: { username: 'lola', password: 'una-clave-larga' } });
	expect(login.status()).toBe(200);
	const { access_token } = await login.json();
	const auth = { authorization: `Bearer ${access_token}` };
	const before = await (await request.get(`${BASE}/api/v1/stock/85123A`, { headers: auth })).json();
	const sale = await request.post(`${BASE}/api/v1/sales`, { headers: { ...auth, 'idempotency-key': 'e2e-1' }, data: { lines: [{ sku: '85123A', quantity: 2 }] } });
	expect(sale.status()).toBe(201);
	const after = await (await request.get(`${BASE}/api/v1/stock/85123A`, { headers: auth })).json();
	expect(after.on_hand).toBe(before.on_hand - 2);

	const refused = await request.get(`${BASE}/api/v1/stock`, { headers: { authorization: 'Bearer not-a-token' } });
	expect(refused.status()).toBe(401);
	expect(refused.headers()['content-type']).toMatch(/application\/problem\+json/);
});
