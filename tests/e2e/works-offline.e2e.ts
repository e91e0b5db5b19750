import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { createProduct, open, sell } from './support/shop';

/** The first visit installs the service worker; like a person's next visit, a reload puts the page under its control. */
async function waitForServiceWorker(page: Page) {
	await page.evaluate(() => navigator.serviceWorker.ready);
	if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
	await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 20_000 });
}

test('the page is controlled by the service worker and the manifest is complete', async ({ page }) => {
	await open(page, '/');
	await waitForServiceWorker(page);
	expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);
	const manifest = await (await page.request.get('/manifest.webmanifest')).json();
	expect(manifest).toMatchObject({ display: 'standalone', short_name: 'Inventario' });
	expect(manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
});

test('Chrome reports no installability errors (in a real profile, as a person would install it)', async ({ baseURL, launchOptions }) => {
	const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'install-')), { ...launchOptions, headless: true });
	try {
		const page = await context.newPage();
		await page.goto(baseURL + '/');
		await waitForServiceWorker(page);
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
	} finally {
		await context.close();
	}
});

test('loads once, goes offline, reloads, records a sale offline, and the sale survives a reload', async ({ page, context }) => {
	await createProduct(page, { sku: 'PEN-101', name: 'Pendientes aro dorado', price: '9,95' });
	await open(page, '/');
	await waitForServiceWorker(page);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('navigation')).toBeVisible();
	await expect(page.getByText(/Sin conexión/)).toBeVisible();

	await sell(page, 'PEN-101', 2);
	await page.reload();
	await open(page, '/sales');
	await expect(page.getByText('PEN-101').filter({ visible: true }).first()).toBeVisible();
	await open(page, '/products/PEN-101');
	await expect(page.getByTestId('stock-on-hand')).toHaveText('-2');
});

test('opens a deep link to a product with the network off', async ({ page, context }) => {
	await createProduct(page, { sku: 'BOL-300', name: 'Bolso tote algodón', price: '19,90' });
	await open(page, '/');
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await page.goto('/products/BOL-300');
	await expect(page.getByRole('heading', { name: /Bolso tote algodón/ })).toBeVisible();
	await page.goto('/customers');
	await expect(page.getByRole('heading', { name: 'Clientes', exact: true })).toBeVisible();
});
