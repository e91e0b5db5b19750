import { expect, test } from '@playwright/test';
import { createProduct, open } from './support/shop';

const SEGMENTS = ['VIP', 'Frecuente', 'Ocasional', 'En riesgo', 'Nuevo', 'Inactivo'];

test('the sample shop recommends products on a product page and at the counter, and segments its customers', async ({ page }) => {
	test.setTimeout(180_000);
	await open(page, '/');
	await page.getByRole('button', { name: /Cargar datos de ejemplo/ }).first().click();
	await expect(page.getByText(/Datos de ejemplo cargados/)).toBeVisible({ timeout: 30_000 });

	// A best seller's page: what is bought with it, in words, each a link to that product.
	await open(page, '/products/85123A');
	const together = page.getByTestId('bought-together');
	await expect(together.getByRole('heading', { name: 'Se compra junto con…' })).toBeVisible({ timeout: 60_000 });
	const firstRule = together.getByRole('listitem').first();
	await expect(firstRule).toContainText(/En \d+ cestas juntos · .*% de las cestas con este producto lo llevan · .* veces más de lo esperado por azar/);
	await expect(page.getByTestId('similar-products').getByRole('link').first()).toBeVisible();
	const link = firstRule.getByRole('link');
	const href = await link.getAttribute('href');
	expect(href).toMatch(/^\/products\/.+/);
	expect(href).not.toBe('/products/85123A');
	await link.click();
	await expect(page).toHaveURL(new RegExp(`${href}$`));
	await expect(page.getByTestId('bought-together')).toBeVisible();

	// The counter: after the first item, suggestions appear below the ticket; a tap adds one.
	await open(page, '/sell');
	const search = page.getByLabel('Buscar producto');
	const ticket = page.getByRole('list', { name: 'Ticket' }).getByRole('listitem');
	// A code scanned before the counter has loaded the catalogue is "unknown": scan again, as a cashier would.
	await expect(async () => {
		await search.fill('85123A');
		await search.press('Enter');
		await expect(ticket).toHaveCount(1, { timeout: 1000 });
	}).toPass({ timeout: 20_000 });
	const suggestions = page.getByTestId('sale-suggestions');
	const offer = suggestions.getByRole('button', { name: /^Añadir / }).first();
	await expect(offer).toBeVisible({ timeout: 30_000 });
	await offer.click();
	await expect(ticket).toHaveCount(2);
	// With a customer chosen, their usual products join the suggestions.
	await page.getByLabel('Cliente (opcional)').fill('13135');
	await page.getByLabel('Cliente (opcional)').press('Enter');
	await expect(suggestions.getByRole('heading')).toContainText('Para Alberto Sanz Díaz');
	await expect(suggestions.getByTitle('Lo suele llevar').first()).toBeVisible();

	// The segments page, reached from the customers list.
	await open(page, '/customers');
	await page.getByRole('link', { name: 'Segmentos de clientes' }).click();
	await expect(page).toHaveURL(/\/segments$/);
	const table = page.getByTestId('segment-table');
	await expect(table).toBeVisible({ timeout: 60_000 });
	for (const name of SEGMENTS) {
		await expect(table.getByRole('rowheader', { name: new RegExp(`^${name}\\b`) })).toBeVisible();
	}
	await expect(page.getByText(/k = \d elegido por la silueta/)).toBeVisible();
	const sizes = await table.locator('tbody td.size strong').allInnerTexts();
	expect(sizes).toHaveLength(6);
	expect(sizes.map((s) => Number(s.replace(/\./g, ''))).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);

	// Who to call back, each opening the customer's page with segment and lifetime value.
	const callBack = page.getByTestId('call-back');
	await expect(callBack.locator('tbody tr').first()).toBeVisible();
	await callBack.locator('tbody tr').first().getByRole('link').first().click();
	await expect(page).toHaveURL(/\/customers\/.+/);
	await expect(page.getByTestId('customer-segment')).toContainText(/En riesgo|Inactivo/);
	await expect(page.getByTestId('customer-ltv')).toContainText(/Valor de vida \(próximos 365 días\)/);
	await expect(page.getByTestId('customer-ltv')).toContainText('BG/NBD');
	await expect(page.getByRole('heading', { name: 'Historial de compras' })).toBeVisible();

	// A product new to the catalogue, never sold: products like it by name, category and price.
	await createProduct(page, { sku: 'NUEVO-1', name: 'Blue Hanging Heart T-Light Holder', price: '2,95' });
	const similar = page.getByTestId('similar-products');
	await expect(similar.getByText('Este producto aún no tiene ventas')).toBeVisible({ timeout: 60_000 });
	await expect(similar.getByText(/^Parecido por nombre, categoría y precio/).first()).toBeVisible();
	await expect(similar.getByRole('link', { name: /Hanging Heart/ }).first()).toBeVisible();
});
