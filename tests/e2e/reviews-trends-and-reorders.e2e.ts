import { expect, test, type Page } from '@playwright/test';
import { createProduct, open, receive, stockOnProductPage } from './support/shop';

/** The big stock figure as a number ("1.234,5" in Spanish). */
const stockNumber = async (page: Page, sku: string) => Number((await stockOnProductPage(page, sku)).replace(/\./g, '').replace(',', '.').replace('−', '-'));

test('the owner computes a forecast, orders what it suggests, receives it, and reads the trends', async ({ page }) => {
	test.setTimeout(300_000);
	await open(page, '/');
	await page.getByRole('button', { name: /Cargar datos de ejemplo/ }).first().click();
	await expect(page.getByText(/Datos de ejemplo cargados/)).toBeVisible({ timeout: 30_000 });

	await open(page, '/reorder');
	await expect(page.getByRole('heading', { name: 'Aún no hay previsión de ventas' })).toBeVisible();
	await page.getByRole('button', { name: 'Calcular previsión' }).click();
	await expect(page.getByRole('button', { name: 'Cancelar' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Borradores de pedido' })).toBeVisible({ timeout: 150_000 });

	// The first line of the first draft: the most urgent product of its supplier.
	const firstDraft = page.locator('article.draft').first();
	const firstLine = firstDraft.locator('tbody tr.line').first();
	await expect(firstDraft.locator('tbody td.reason').first()).toHaveText(/\.$/);
	const sku = (await firstLine.locator('.sku').innerText()).trim();
	const name = (await firstLine.locator('.product a').innerText()).trim();
	// Twice the cover after delivery asks for more of a product that sells.
	const quantity = () => page.getByLabel(`Cantidad de ${name}`, { exact: true }).inputValue().then(Number);
	const at30Days = await quantity();
	await page.getByLabel('Días de cobertura').fill('60');
	await page.getByLabel('Días de cobertura').press('Tab');
	await expect.poll(quantity).toBeGreaterThan(at30Days);

	const before = await stockNumber(page, sku);

	await open(page, '/reorder');
	const draft = page.locator('article.draft', { has: page.getByLabel(`Cantidad de ${name}`, { exact: true }) });
	await draft.getByLabel(`Cantidad de ${name}`, { exact: true }).fill('7');
	await draft.getByRole('button', { name: 'Aceptar y enviar' }).click();
	await expect(page.getByText(/Pedido PO-.* enviado/)).toBeVisible();

	const sent = page.locator('section.sent');
	await expect(sent.getByText(`7 × ${name}`)).toBeVisible();
	await sent.getByRole('button', { name: 'Recibir' }).first().click();
	const dialog = page.getByRole('dialog');
	await expect(dialog.getByLabel(`Recibido de ${name}`)).toHaveValue('7');
	await dialog.getByRole('button', { name: 'Registrar entrada' }).click();
	await expect(page.getByText(/recibido: el stock ha subido/)).toBeVisible();
	await expect(sent.getByText('No hay pedidos pendientes de recibir.')).toBeVisible();

	expect(await stockNumber(page, sku)).toBeCloseTo(before + 7, 5);

	// A product received and never sold is dead stock.
	await createProduct(page, { sku: 'VELA-01', name: 'Vela de prueba', price: '3,50' });
	await receive(page, 'VELA-01', 5);

	await open(page, '/trends');
	const matrix = page.getByTestId('abc-matrix');
	await expect(matrix).toBeVisible({ timeout: 30_000 });
	await expect(matrix.getByRole('rowheader', { name: 'A' })).toBeVisible();
	// Growing or declining: at least one product with its test result in words.
	await expect(page.locator('section', { has: page.getByRole('heading', { name: /^(Crecen|Bajan)$/ }) }).getByText(/^(Crece|Baja|Sin cambio claro): .* \(p [=<] /).first()).toBeVisible();
	const dead = page.locator('section', { has: page.getByRole('heading', { name: 'Stock muerto' }) });
	await expect(dead.getByRole('row', { name: /Vela de prueba.*Nunca/ })).toBeVisible();
});
