import { expect, test } from '@playwright/test';
import { open } from './support/shop';

test('a new user loads the sample shop and sees a living shop within seconds', async ({ page }) => {
	await open(page, '/');
	await page.getByRole('button', { name: /Cargar datos de ejemplo/ }).first().click();
	await expect(page.getByText(/Datos de ejemplo cargados: 150 productos/)).toBeVisible({ timeout: 30_000 });
	await expect(page.locator('canvas').first()).toBeVisible();

	await open(page, '/products');
	await expect(page.getByText('150 productos activos')).toBeVisible();
	await open(page, '/products/85123A');
	await expect(page.getByRole('heading', { name: /White Hanging Heart/i })).toBeVisible();

	await open(page, '/sales');
	await expect(page.getByRole('row').nth(2)).toBeVisible();
});
