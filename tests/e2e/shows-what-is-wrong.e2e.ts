import { expect, test } from '@playwright/test';
import { createProduct, open } from './support/shop';

test('shows what is wrong beside each field and stores nothing until it is right', async ({ page }) => {
	await open(page, '/products/new');
	await page.getByRole('button', { name: 'Crear producto' }).click();
	await expect(page.locator('#product-sku-error, [id$="sku-error"]').first()).toHaveText('Obligatorio');
	await expect(page.getByLabel('SKU', { exact: true })).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('SKU', { exact: true })).toBeFocused();

	await page.getByLabel('SKU', { exact: true }).fill('CAM-001');
	await page.getByLabel('Nombre', { exact: true }).fill('Camiseta');
	await page.getByLabel('Precio de venta').fill('doce');
	await page.getByRole('button', { name: 'Crear producto' }).click();
	await expect(page.getByText('Escribe un número')).toBeVisible();
	await expect(page).toHaveURL(/\/products\/new$/);

	await open(page, '/products');
	await expect(page.getByText('Todavía no hay productos')).toBeVisible();
});

test('refuses a second product with the same SKU', async ({ page }) => {
	await createProduct(page, { sku: 'CAM-001', name: 'Camiseta', price: '10' });
	await open(page, '/products/new');
	await page.getByLabel('SKU', { exact: true }).fill('CAM-001');
	await page.getByLabel('Nombre', { exact: true }).fill('Otra camiseta');
	await page.getByLabel('Precio de venta').fill('9,95');
	await page.getByRole('button', { name: 'Crear producto' }).click();
	await expect(page.getByText('Ya existe')).toBeVisible();
});
