// The small things a shop owner meets every day: a sales workbook from Excel imports like a CSV,
// a photo chosen by mistake is refused at once and named, a line taken off the ticket and a stock
// change come back with Undo, a product is found with a typo, a supplier's phone and email are
// links, and focusing a field moves nothing on the page. Fixtures: tests/e2e/fixtures/polish/
// (ventas-tienda.xlsx written by openpyxl with make-workbooks.py; foto-ventas.csv is the app's PNG icon).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { createProduct, createSupplier, open, receive, stockOnProductPage } from './support/shop';

const fixture = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'polish', name);
const count = (page: Page, key: 'rowsRead' | 'imported' | 'duplicates' | 'rejected') => page.getByTestId(`import-count-${key}`).locator('dd');

test('imports a sales workbook: the sales sheet is offered first and its typed dates need no question', async ({ page }) => {
	await open(page, '/import');
	await expect(page).toHaveTitle('Importar ventas · Inventario');
	await page.locator('input[type=file]').setInputFiles(fixture('ventas-tienda.xlsx'));
	await expect(page.getByRole('heading', { name: '1. Formato del archivo' })).toBeVisible();
	await expect(page.getByTestId('import-workbook')).toBeVisible();
	// Three sheets; the summary comes first in the workbook, the sales are offered.
	const sheet = page.getByLabel('Hoja');
	await expect(sheet).toHaveValue('Ventas');
	await expect(sheet.locator('option')).toHaveText(['Resumen (2 filas)', 'Ventas (6 filas)', 'Notas (0 filas)']);
	// A workbook has no encoding or delimiter to choose; a title and a blank row sit above the header.
	await expect(page.getByLabel('Separador de columnas')).toHaveCount(0);
	await expect(page.getByLabel('Fila de encabezados')).toHaveValue('2');
	await expect(page.getByLabel('Formato de fecha')).toHaveValue('ymd');
	await expect(page.getByRole('group', { name: '¿Cómo se leen las fechas?' })).toHaveCount(0);
	await expect(page.getByLabel('Código (SKU)')).toHaveValue('2');
	await expect(page.getByRole('cell', { name: '2024-03-05 17:02:45' })).toBeVisible();

	// Another sheet reads again from its own header; back to the sales.
	await sheet.selectOption('Resumen');
	await expect(page.getByText('Indica la columna de código (SKU) o de nombre del producto.')).toBeVisible();
	await page.getByLabel('Hoja').selectOption('Ventas');
	await expect(page.getByLabel('Código (SKU)')).toHaveValue('2');

	await page.getByRole('button', { name: 'Importar', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Importación terminada' })).toBeVisible({ timeout: 30_000 });
	await expect(count(page, 'rowsRead')).toHaveText('6');
	await expect(count(page, 'imported')).toHaveText('6');
	await expect(count(page, 'rejected')).toHaveText('0');
	await expect(page.getByTestId('import-products-created')).toContainText('4');

	// The typed values kept exactly: 1.5 hats sold on 11 April 2024 at 12:15, the day and minute of the cell.
	expect(await stockOnProductPage(page, 'GOR-007')).toMatch(/^[−-]1,5$/);
	await expect(page.getByRole('heading', { name: 'Gorro de punto' })).toBeVisible();
	await expect(page.getByRole('row', { name: /11\/0?4\/2024.*12:15/ })).toBeVisible();
});

test('refuses a photo renamed .csv at once, saying it is a PNG image', async ({ page }) => {
	await open(page, '/import');
	await page.locator('input[type=file]').setInputFiles(fixture('foto-ventas.csv'));
	const refusal = page.getByTestId('import-refused');
	await expect(refusal).toContainText('foto-ventas.csv: Es una imagen PNG, no un archivo de ventas.');
	await expect(refusal).toContainText('Elige un archivo CSV o Excel (.xlsx) con las ventas.');
	await expect(page.getByRole('heading', { name: '1. Formato del archivo' })).toHaveCount(0);
	// The next file is read as usual.
	await page.locator('input[type=file]').setInputFiles(fixture('ventas-tienda.xlsx'));
	await expect(page.getByRole('heading', { name: '1. Formato del archivo' })).toBeVisible();
	await expect(refusal).toHaveCount(0);
});

test('a line taken off the ticket comes back with Undo, with its quantity and price', async ({ page }) => {
	await createProduct(page, { sku: 'CAM-001', name: 'Camiseta niño', price: '12,50' });
	await createProduct(page, { sku: 'BOL-300', name: 'Bolso de rafia', price: '19,90' });
	await open(page, '/sell');
	await expect(page).toHaveTitle('Vender · Inventario');
	const search = page.getByLabel('Buscar producto');
	for (const sku of ['CAM-001', 'BOL-300']) {
		await search.fill(sku);
		await search.press('Enter');
	}
	await page.getByLabel('Cantidad de Camiseta niño').fill('3');
	await page.getByLabel('Precio de Camiseta niño').fill('11,00');
	await page.getByRole('button', { name: 'Quitar Camiseta niño del ticket' }).click();
	await expect(page.getByLabel('Cantidad de Camiseta niño')).toHaveCount(0);

	const toast = page.getByTestId('undo-toast');
	await expect(toast).toContainText('Línea quitada: Camiseta niño');
	await toast.getByRole('button', { name: 'Deshacer' }).click();
	await expect(page.getByLabel('Cantidad de Camiseta niño')).toHaveValue('3');
	await expect(page.getByLabel('Precio de Camiseta niño')).toHaveValue('11,00');
	await expect(page.getByRole('list', { name: 'Ticket' }).getByRole('listitem').first()).toContainText('Camiseta niño');
	await expect(toast).toHaveCount(0);

	// Unused, the offer goes by itself after a few seconds; the removal stands.
	await page.getByRole('button', { name: 'Quitar Bolso de rafia del ticket' }).click();
	await expect(toast).toContainText('Línea quitada: Bolso de rafia');
	await expect(toast).toHaveCount(0, { timeout: 12_000 });
	await expect(page.getByLabel('Cantidad de Bolso de rafia')).toHaveCount(0);
});

test('a stock change comes undone with a compensating movement; the history keeps both', async ({ page }) => {
	await createProduct(page, { sku: 'CAM-001', name: 'Camiseta niño', price: '12,50' });
	await receive(page, 'CAM-001', 10);
	const done = page.getByTestId('stock-done');
	await done.getByRole('button', { name: 'Deshacer' }).click();
	await expect(done).toContainText('Deshecho: el stock vuelve a estar como antes.');
	await expect(done.getByRole('button', { name: 'Deshacer' })).toHaveCount(0);
	expect(await stockOnProductPage(page, 'CAM-001')).toBe('0');
	// Append-only: the delivery and its undo are both in the product's movements.
	await expect(page.getByRole('cell', { name: '+10' }).first()).toBeVisible();
	await expect(page.getByRole('cell', { name: /^[−-]10$/ }).first()).toBeVisible();

	// An adjustment, found with a typo in the product's name, undone too.
	await open(page, '/stock?tab=adjust');
	await page.getByLabel('Producto', { exact: true }).fill('camsieta');
	await page.getByRole('option', { name: /Camiseta niño/ }).click();
	await page.getByLabel('Cantidad', { exact: true }).fill('4');
	await page.getByLabel('Motivo').fill('Encontradas en el almacén');
	await page.getByRole('button', { name: 'Registrar ajuste' }).click();
	await expect(done).toContainText('Ajuste registrado.');
	await done.getByRole('button', { name: 'Deshacer' }).click();
	await expect(done).toContainText('Deshecho');
	expect(await stockOnProductPage(page, 'CAM-001')).toBe('0');
});

test("a supplier's email and phone are links to write and call", async ({ page }) => {
	await createSupplier(page, 'Textiles del Sur');
	await page.getByRole('button', { name: 'Textiles del Sur', exact: true }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByLabel('Correo electrónico').fill('pedidos@textilessur.es');
	await dialog.getByLabel('Teléfono').fill('+34 600 12 34 56');
	await dialog.getByRole('button', { name: 'Guardar' }).click();
	await expect(page.getByRole('link', { name: 'Escribir a Textiles del Sur: pedidos@textilessur.es' })).toHaveAttribute('href', 'mailto:pedidos@textilessur.es');
	const call = page.getByRole('link', { name: 'Llamar a Textiles del Sur: +34 600 12 34 56' });
	await expect(call).toHaveAttribute('href', 'tel:+34600123456');
	await expect(page).toHaveTitle('Proveedores · Inventario');
});

/** Layout shifts (input-driven ones too, which CLS leaves out) while each field takes focus. */
async function shiftsWhileFocusing(page: Page, fields: string[]): Promise<number> {
	await page.evaluate(() => {
		const w = window as unknown as { __shift: number };
		w.__shift = 0;
		new PerformanceObserver((list) => {
			for (const e of list.getEntries() as unknown as { value: number }[]) w.__shift += e.value;
		}).observe({ type: 'layout-shift', buffered: false });
	});
	for (const label of fields) {
		await page.getByLabel(label, { exact: true }).focus();
		await page.waitForTimeout(250);
	}
	return page.evaluate(() => (window as unknown as { __shift: number }).__shift);
}

test('focusing the fields of the counter and the supplier form moves nothing on the page', async ({ page }) => {
	await createProduct(page, { sku: 'CAM-001', name: 'Camiseta niño', price: '12,50' });
	await open(page, '/sell');
	const search = page.getByLabel('Buscar producto');
	await search.fill('CAM-001');
	await search.press('Enter');
	await page.waitForTimeout(300);
	expect(await shiftsWhileFocusing(page, ['Cantidad de Camiseta niño', 'Precio de Camiseta niño', 'Buscar producto'])).toBe(0);

	await open(page, '/suppliers');
	await page.getByRole('button', { name: 'Nuevo proveedor' }).first().click();
	await page.waitForTimeout(300);
	expect(await shiftsWhileFocusing(page, ['Nombre', 'Persona de contacto', 'Correo electrónico', 'Teléfono'])).toBe(0);
});

test('with the on-screen keyboard open, the focused ticket field stays clear of the checkout bar', async ({ page }) => {
	const products = [['CAM-001', 'Camiseta niño'], ['BOL-300', 'Bolso de rafia'], ['GOR-007', 'Gorro de punto'], ['CAL-100', 'Calcetines de lana']];
	for (const [sku, name] of products) await createProduct(page, { sku, name, price: '9,90' });
	await open(page, '/sell');
	const search = page.getByLabel('Buscar producto');
	for (const [sku] of products) {
		await search.fill(sku);
		await search.press('Enter');
	}
	// The keyboard takes the lower part of the screen (the layout viewport shrinks with it).
	const size = page.viewportSize()!;
	await page.setViewportSize({ width: size.width, height: Math.round(size.height * 0.55) });
	for (const [, name] of products) {
		const field = page.getByLabel(`Cantidad de ${name}`);
		await field.focus();
		await page.waitForTimeout(300);
		// What is drawn at the field's centre is the field itself, not the bar floating over it.
		const clear = await field.evaluate((input) => {
			const box = input.getBoundingClientRect();
			const inView = box.top >= 0 && box.bottom <= window.innerHeight;
			return inView && document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === input;
		});
		expect(clear, `Cantidad de ${name}`).toBe(true);
	}
});
