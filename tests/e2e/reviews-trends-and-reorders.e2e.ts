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
	await expect(page.getByText(/Pedido PO-\S+ (marcado como pedido|compartido)/)).toBeVisible();

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
	await expect(page).toHaveTitle('Tendencias · Inventario');
	// The shop's sales in shop words first; the test statistics behind "Detalles".
	const shop = page.getByTestId('shop-trend');
	await expect(shop.getByText(/^La tienda vende unas [\d.]+ unidades a la semana últimamente/)).toBeVisible({ timeout: 60_000 });
	await expect(shop.getByText(/Prueba de Mann-Whitney/)).toBeHidden();
	await shop.getByText('Detalles', { exact: true }).click();
	await expect(shop.getByText(/^Prueba de Mann-Whitney: p [=<] /)).toBeVisible();
	// Growing or declining: each product in shop words; a large change is never "no change".
	const changes = page.locator('[data-testid="growing-list"], [data-testid="declining-list"]');
	await expect(changes.getByText(/^Vende unas [\d.,]+ a la semana/).first()).toBeVisible();
	await expect(changes.getByText(/^(Sube|Baja)/).first()).toBeVisible();
	await expect(page.getByText(/Sin cambio claro/)).toHaveCount(0);
	// Which products make the sales: a sentence, the classes, and the ABC x XYZ matrix behind "Detalles".
	const abc = page.locator('section', { has: page.getByRole('heading', { name: 'Qué productos hacen las ventas' }) });
	await expect(abc.getByText(/^\d+ productos hacen el 80 % de la facturación/)).toBeVisible();
	await abc.getByText('Detalles', { exact: true }).click();
	const matrix = page.getByTestId('abc-matrix');
	await expect(matrix.getByRole('rowheader', { name: 'A' })).toBeVisible();
	const dead = page.locator('section', { has: page.getByRole('heading', { name: 'Stock muerto' }) });
	await expect(dead.getByRole('row', { name: /Vela de prueba.*Nunca/ })).toBeVisible();
});
