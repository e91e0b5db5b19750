import { expect, test, type Page } from '@playwright/test';
import { open, stockOnProductPage } from './support/shop';

/** The Settings page's data counts, as shown ("Productos" → "150"). */
async function shownCounts(page: Page) {
	await open(page, '/settings');
	const section = page.locator('section[aria-labelledby="data-title"]');
	await expect(section.locator('dd').first()).toBeVisible();
	const names = await section.locator('dt').allInnerTexts();
	const values = await section.locator('dd').allInnerTexts();
	return Object.fromEntries(names.map((n, i) => [n.trim(), values[i].trim()]));
}

test('a shop owner backs up the sample shop, deletes everything, restores the backup and has it all back', async ({ page }, testInfo) => {
	test.setTimeout(120_000);
	await open(page, '/');
	await page.getByRole('button', { name: /Cargar datos de ejemplo/ }).first().click();
	await expect(page.getByText(/Datos de ejemplo cargados: 150 productos/)).toBeVisible({ timeout: 30_000 });
	const before = await shownCounts(page);
	expect(before['Productos']).toBe('150');
	const stockBefore = await stockOnProductPage(page, '85123A');

	// A CSV export downloads a spreadsheet file in the Spanish style (; and decimal comma).
	await open(page, '/data');
	const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descargar CSV de Productos con stock' }).click()]);
	expect(csv.suggestedFilename()).toMatch(/^products-\d{4}-\d{2}-\d{2}\.csv$/);
	const csvPath = testInfo.outputPath('products.csv');
	await csv.saveAs(csvPath);
	const { readFileSync } = await import('node:fs');
	const csvText = readFileSync(csvPath, 'utf8');
	expect(csvText.startsWith('\uFEFFsku;barcode;name;category;unit_price;unit_cost;supplier_name;lead_time_days;min_order_qty;pack_size;reorder_point;active;on_hand;variant_of;options;tax_rate\r\n')).toBe(true);
	expect(csvText.split('\r\n').filter(Boolean)).toHaveLength(151);

	// The full backup: one file.
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descargar copia de seguridad' }).click()]);
	expect(download.suggestedFilename()).toMatch(/^smart-inventory-backup-\d{4}-\d{2}-\d{2}\.json$/);
	const backupPath = testInfo.outputPath('backup.json');
	await download.saveAs(backupPath);
	await expect(page.getByText(/Copia guardada/)).toBeVisible();
	// Restoring is only offered into an empty shop.
	await expect(page.getByText(/Esta tienda ya tiene datos/)).toBeVisible();

	// Delete everything in Settings.
	await open(page, '/settings');
	await page.getByRole('button', { name: 'Borrar todos los datos' }).click();
	await page.getByLabel(/Escribe BORRAR para confirmar/).fill('BORRAR');
	await page.getByRole('button', { name: 'Borrar definitivamente' }).click();
	await expect(page.getByText('Se han borrado todos los datos de este dispositivo.')).toBeVisible();
	expect((await shownCounts(page))['Productos']).toBe('0');

	// A file that is not a backup is refused with the reason, and nothing is written.
	await open(page, '/data');
	await page.getByLabel('Elegir archivo de copia').setInputFiles(csvPath);
	await expect(page.getByRole('alert')).toContainText('no es una copia de seguridad');

	// Restore the backup: the confirmation says what it holds.
	await page.getByLabel('Elegir archivo de copia').setInputFiles(backupPath);
	const dialog = page.getByRole('dialog', { name: 'Restaurar copia' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText(before['Líneas de venta']);
	await dialog.getByRole('button', { name: 'Restaurar' }).click();
	await expect(page.getByText(/Copia restaurada: 150 productos/)).toBeVisible({ timeout: 60_000 });

	expect(await shownCounts(page)).toEqual(before);
	expect(await stockOnProductPage(page, '85123A')).toBe(stockBefore);
	await expect(page.getByRole('heading', { name: /White Hanging Heart/i })).toBeVisible();
});
