import { expect, test } from '@playwright/test';
import { createProduct, createSupplier, open, receive, sell, stockOnProductPage } from './support/shop';

test('creates a supplier and a product, sells 3, the stock shows 3 less, and a reload keeps it', async ({ page }) => {
	await createSupplier(page, 'Textiles del Sur');
	await createProduct(page, { sku: 'CAM-001', name: 'Camiseta niño', price: '12,50', supplier: 'Textiles del Sur' });
	expect(await stockOnProductPage(page, 'CAM-001')).toBe('0');

	await receive(page, 'CAM-001', 10);
	expect(await stockOnProductPage(page, 'CAM-001')).toBe('10');

	await sell(page, 'CAM-001', 3);
	expect(await stockOnProductPage(page, 'CAM-001')).toBe('7');
	await page.reload();
	await expect(page.getByTestId('stock-on-hand')).toHaveText('7');

	// The ledger explains the number: a purchase of 10 and a sale of 3.
	await expect(page.getByText('Textiles del Sur').first()).toBeVisible();
	await expect(page.getByRole('cell', { name: '−3' }).or(page.getByRole('cell', { name: '-3' })).first()).toBeVisible();

	// The sale is in the history with the shop's own code, not an internal id.
	await open(page, '/sales');
	await expect(page.getByText('CAM-001').filter({ visible: true }).first()).toBeVisible();
});
