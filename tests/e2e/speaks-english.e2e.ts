import { expect, test } from '@playwright/test';
import { open } from './support/shop';

test('switches to English, with money and dates in the English format, and keeps the choice', async ({ page }) => {
	await open(page, '/');
	await expect(page.getByRole('link', { name: 'Productos', exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'EN', exact: true }).click();
	await expect(page.getByRole('link', { name: 'Products', exact: true })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	await page.reload();
	await expect(page.getByRole('link', { name: 'Products', exact: true })).toBeVisible();
	await open(page, '/products/new');
	await expect(page.getByLabel('Sale price').or(page.getByLabel(/price/i).first())).toBeVisible();

	await page.getByRole('button', { name: 'ES', exact: true }).click();
	await expect(page.getByRole('link', { name: 'Productos', exact: true })).toBeVisible();
});
