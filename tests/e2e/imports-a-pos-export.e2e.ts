// A shop owner imports sales files from a POS: a real export (US dates, asked about), the same file
// again (nothing doubled), a file with broken rows (listed with row numbers, downloadable) and a
// Spanish Latin-1 export with ';' and decimal commas. Fixtures: tests/e2e/fixtures/imports/
// (written by make-import-fixtures.mjs from ../shared/data/online-retail-sample).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { open } from './support/shop';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'imports');
const fixture = (name: string) => path.join(fixtures, name);

async function chooseFile(page: Page, name: string) {
	await open(page, '/import');
	await page.locator('input[type=file]').setInputFiles(fixture(name));
	await expect(page.getByRole('heading', { name: '1. Formato del archivo' })).toBeVisible();
}

async function importAndWait(page: Page) {
	await page.getByRole('button', { name: 'Importar', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Importación terminada' })).toBeVisible({ timeout: 30_000 });
}

const count = (page: Page, key: 'rowsRead' | 'imported' | 'duplicates' | 'rejected') => page.getByTestId(`import-count-${key}`).locator('dd');

test('imports a POS export, asks how to read its dates, and a second import adds nothing', async ({ page }) => {
	await chooseFile(page, 'online-retail-200.csv');
	await expect(page.getByLabel('Separador de columnas')).toHaveValue(',');
	await expect(page.getByLabel('Separador decimal')).toHaveValue('.');
	await expect(page.getByLabel('Código (SKU)')).toHaveValue('1');
	// 12/1/10 fits day/month and month/day: the wizard asks instead of guessing.
	const question = page.getByRole('group', { name: '¿Cómo se leen las fechas?' });
	await expect(question).toBeVisible();
	await expect(page.getByRole('button', { name: 'Importar', exact: true })).toBeDisabled();
	await question.getByLabel(/12\/1\/10 8:26 es el 1 de diciembre/).check();
	await expect(page.getByLabel('Códigos que no son productos (portes, comisiones, ajustes, gastos bancarios)')).toHaveValue(/POST/);
	await importAndWait(page);

	await expect(count(page, 'rowsRead')).toHaveText('199');
	await expect(count(page, 'imported')).toHaveText('197');
	await expect(count(page, 'duplicates')).toHaveText('0');
	await expect(count(page, 'rejected')).toHaveText('2');
	await expect(page.getByTestId('import-products-created')).toContainText('Productos creados por la importación: 154');
	// The two non-product lines (postage, discount) are listed, not dropped silently.
	await expect(page.getByRole('row', { name: /47 Código \(SKU\) No es un producto.*POST/ })).toBeVisible();
	await expect(page.getByRole('row', { name: /143 Código \(SKU\) No es un producto.*D/ })).toBeVisible();

	// "Review" lists just the products the import created (the shop had none before).
	await page.getByTestId('import-products-created').getByRole('link').click();
	await expect(page).toHaveURL(/\/products\?imported=1/);
	await expect(page.getByLabel('Creados por importación, por revisar')).toBeChecked();
	await expect(page.getByText(/1–50 de 154/)).toBeVisible();

	await open(page, '/products/85123A');
	await expect(page.getByRole('heading', { name: /White Hanging Heart/i })).toBeVisible();

	// Same file again: the mapping and the date answer are remembered, and no line is doubled.
	await chooseFile(page, 'online-retail-200.csv');
	await expect(page.getByText('Usamos las columnas que elegiste la última vez para archivos como este.')).toBeVisible();
	await expect(page.getByLabel('Formato de fecha')).toHaveValue('mdy');
	await importAndWait(page);
	await expect(count(page, 'imported')).toHaveText('0');
	await expect(count(page, 'duplicates')).toHaveText('197');
	await expect(count(page, 'rejected')).toHaveText('2');
	await expect(page.getByTestId('import-products-created')).toContainText('Productos creados por la importación: 0');
});

test('bad rows are listed with their row, field and reason, and downloadable as CSV', async ({ page }) => {
	await chooseFile(page, 'online-retail-bad-rows.csv');
	await page.getByLabel(/mes\/día/).check();
	await importAndWait(page);
	await expect(count(page, 'rowsRead')).toHaveText('20');
	await expect(count(page, 'imported')).toHaveText('17');
	await expect(count(page, 'rejected')).toHaveText('3');
	await expect(page.getByRole('row', { name: '4 Cantidad No es un número: «doce»' })).toBeVisible();
	await expect(page.getByRole('row', { name: /^7 Fecha y hora .*13\/45\/10 8:26/ })).toBeVisible();
	await expect(page.getByRole('row', { name: '10 Código (SKU) Falta el código del producto' })).toBeVisible();

	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Descargar rechazos (CSV)' }).click();
	const download = await downloading;
	const csv = fs.readFileSync(await download.path(), 'utf8');
	const lines = csv.replace(/^\ufeff/, '').trim().split(/\r?\n/);
	expect(lines[0]).toMatch(/^row,field,reason,InvoiceNo,StockCode/);
	expect(lines).toHaveLength(4);
	expect(lines[1]).toMatch(/^4,quantity,.*doce/);
	expect(lines[2]).toMatch(/^7,dateTime,/);
	expect(lines[3]).toMatch(/^10,sku,/);
});

test('a Spanish Latin-1 export with ";" and decimal commas is detected and imported', async ({ page }) => {
	await chooseFile(page, 'ventas-latin1.csv');
	await expect(page.getByLabel('Codificación')).toHaveValue('windows-1252');
	await expect(page.getByLabel('Separador de columnas')).toHaveValue(';');
	await expect(page.getByLabel('Separador decimal')).toHaveValue(',');
	await expect(page.getByLabel('Formato de fecha')).toHaveValue('dmy');
	await expect(page.getByRole('cell', { name: 'Camiseta niño' }).first()).toBeVisible();
	await expect(page.getByLabel('Precio unitario')).toHaveValue('5');
	await importAndWait(page);
	await expect(count(page, 'imported')).toHaveText('5');
	await expect(count(page, 'rejected')).toHaveText('0');
	await expect(page.getByTestId('import-products-created')).toContainText('3');

	await open(page, '/products/CAM-NINO');
	await expect(page.getByRole('heading', { name: 'Camiseta niño' })).toBeVisible();
	await expect(page.getByText('12,50 €').first()).toBeVisible();
});

test('a Latin-1 file whose first 64 KB are plain ASCII still imports its accents correctly', async ({ page }, testInfo) => {
	// 1,200 ASCII lines (about 70 KB), then one line with "niño" written in Windows-1252.
	const head = 'Ticket;Fecha;Codigo;Articulo;Cantidad;Precio\r\n';
	const ascii = Array.from({ length: 1200 }, (_, i) => `T${i};15/03/2024 10:00;BOL-${i % 40};Bolsa tela modelo ${i % 40};1;3,50\r\n`).join('');
	const latin1 = Buffer.from('T9999;16/03/2024 11:00;CAM-NINO;Camiseta niño;2;12,50\r\n', 'latin1');
	const file = testInfo.outputPath('ascii-then-latin1.csv');
	fs.writeFileSync(file, Buffer.concat([Buffer.from(head + ascii, 'ascii'), latin1]));

	await open(page, '/import');
	await page.locator('input[type=file]').setInputFiles(file);
	await expect(page.getByRole('heading', { name: '1. Formato del archivo' })).toBeVisible();
	await importAndWait(page);
	await expect(count(page, 'imported')).toHaveText('1201');
	await open(page, '/products/CAM-NINO');
	await expect(page.getByRole('heading', { name: 'Camiseta niño' })).toBeVisible();
});

test('the real bakery and pharmacy files import through the wizard, every line accounted for', async ({ page }) => {
	test.setTimeout(120_000);
	const shared = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data');
	const sum = async () => {
		const n = async (k: 'imported' | 'duplicates' | 'rejected') => Number((await count(page, k).innerText()).replace(/\D/g, ''));
		return (await n('imported')) + (await n('duplicates')) + (await n('rejected'));
	};

	// The Bread Basket: Date, Time, Transaction, Item; no prices; "NONE" items are excluded, and said.
	await open(page, '/import');
	await page.locator('input[type=file]').setInputFiles(path.join(shared, 'bread-basket', 'BreadBasket_DMS.csv'));
	await expect(page.getByLabel('Formato de fecha')).toHaveValue('dmy');
	await importAndWait(page);
	expect(await sum()).toBe(21_293);

	// The pharmacy: one column per drug category, unpivoted into a line per day and category.
	await open(page, '/import');
	await page.locator('input[type=file]').setInputFiles(path.join(shared, 'pharmacy', 'salesdaily.csv'));
	await expect(page.getByTestId('import-wide')).toBeVisible();
	const ask = page.getByLabel('Formato de fecha');
	if ((await ask.inputValue()) === '') await ask.selectOption('mdy');
	await importAndWait(page);
	await expect(count(page, 'imported')).toHaveText(/14[.,]?455/);
	await open(page, '/products/M01AB');
	await expect(page.getByRole('heading', { name: 'M01AB' })).toBeVisible();
});
