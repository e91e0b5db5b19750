// Page helpers for the browser tests: the steps a shop owner takes, by what the screen shows.
import { expect, type Page } from '@playwright/test';

/** Opens a page and waits until the app has rendered it (pages render in the browser only). */
export async function open(page: Page, path: string) {
	await page.goto(path);
	// The app frame's navigation rail (pagers are navigation landmarks too).
	await expect(page.getByRole('navigation').first()).toBeVisible();
}

export async function createSupplier(page: Page, name: string) {
	await open(page, '/suppliers');
	await page.getByRole('button', { name: 'Nuevo proveedor' }).first().click();
	const dialog = page.getByRole('dialog');
	await dialog.getByLabel('Nombre', { exact: true }).fill(name);
	await dialog.getByRole('button', { name: 'Guardar' }).click();
	await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
}

export async function createProduct(page: Page, p: { sku: string; name: string; price: string; supplier?: string }) {
	await open(page, '/products/new');
	await page.getByLabel('SKU', { exact: true }).fill(p.sku);
	await page.getByLabel('Nombre', { exact: true }).fill(p.name);
	await page.getByLabel('Precio de venta').fill(p.price);
	if (p.supplier) await page.getByLabel('Proveedor').selectOption({ label: p.supplier });
	await page.getByRole('button', { name: 'Crear producto' }).click();
	await expect(page).toHaveURL(new RegExp(`/products/${encodeURIComponent(p.sku)}$`));
}

export async function receive(page: Page, sku: string, quantity: number) {
	await open(page, '/stock?tab=receive');
	const search = page.getByLabel('Añadir producto');
	await search.fill(sku);
	await search.press('Enter');
	await page.getByLabel(/Cantidad recibida de/).fill(String(quantity));
	await page.getByRole('button', { name: 'Registrar entrada' }).click();
	await expect(page.getByText(/Entrada registrada/)).toBeVisible();
}

/** Rings up `quantity` units of a product (scanned by SKU) and charges. */
export async function sell(page: Page, sku: string, quantity: number) {
	await open(page, '/sell');
	const search = page.getByLabel('Buscar producto');
	for (let i = 0; i < quantity; i++) {
		await search.fill(sku);
		await search.press('Enter');
	}
	await page.getByRole('button', { name: 'Cobrar', exact: true }).click();
	await payByCard(page);
	await expect(page.getByText('Venta registrada')).toBeVisible();
}

/** The pay step after Charge: the whole amount by card, confirmed (Spanish or English). */
export async function payByCard(page: Page) {
	const pay = page.getByRole('dialog', { name: /^(Cobro|Payment)$/ });
	await pay.getByRole('button', { name: /^(Tarjeta|Card)$/ }).click();
	await pay.getByRole('button', { name: /^(Confirmar cobro|Confirm payment)$/ }).click();
}

/** The big stock figure on a product's page. */
export async function stockOnProductPage(page: Page, sku: string) {
	await open(page, `/products/${encodeURIComponent(sku)}`);
	const figure = page.getByTestId('stock-on-hand');
	await expect(figure).toBeVisible();
	return (await figure.innerText()).trim();
}
