// A shop owner starts the shop server with the README's commands: `inventario user add` makes the
// first admin, `inventario serve` serves the app, the API and its docs on one port. Driven as a
// person and another application would: the browser opens the app and the docs, then signs in
// through the API and rings up a sale that the stock shows.
import { expect, test } from '@playwright/test';
import { open } from './support/shop';
import { addUser, inventario, startShopServer, type ShopServer } from './support/shop-server';

const PORT = 4175;
const BASE = `http://127.0.0.1:${PORT}`;
let server: ShopServer | undefined;

test.beforeAll(async () => {
	server = await startShopServer(PORT, (db) => {
		const demo = inventario(['demo', '--db', db]);
		expect(demo.status, demo.stderr).toBe(0);
		addUser(db, 'lola', 'admin', 'una-clave-larga');
	});
	expect(server.printed).toContain(`Smart Inventory server at ${BASE}`);
});

test.afterAll(async () => {
	await server?.stop();
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
