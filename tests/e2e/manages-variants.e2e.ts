// A boutique's T-shirt in sizes and colours at tablet size: made with its 6 variants in one save,
// one variant priced on its own, grouped in the catalogue, stock received for two variants (the
// style itself is never offered), and the style's page with each variant's stock; screenshots of
// each screen in Spanish and English.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { open } from './support/shop';

/** Where the screenshots go (a run of other specs empties test-results/; point this elsewhere to keep them). */
const SHOTS = process.env.VARIANT_SHOTS ?? 'test-results/variant-screens';

async function shot(page: Page, name: string) {
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Types the T-shirt's options into the product form: two option rows (the first two suggestions). */
async function typeOptions(page: Page, add: RegExp, values: [string, string]) {
	await page.getByRole('button', { name: add }).click();
	await page.locator('#product-options-0-values').fill(values[0]);
	await page.getByRole('button', { name: add }).click();
	await page.locator('#product-options-1-values').fill(values[1]);
}

test('makes a T-shirt in 3 sizes x 2 colours in one save, groups it, receives two variants and shows each one stock', async ({ page }) => {
	await open(page, '/products/new');
	await page.getByLabel('SKU', { exact: true }).fill('CAM');
	await page.getByLabel('Nombre', { exact: true }).fill('Camiseta básica');
	await page.getByLabel('Precio de venta').fill('19,99');
	await expect(page.getByLabel('IVA')).toHaveValue('21');
	await typeOptions(page, /Añadir opción/, ['S, M, L', 'Negro, Blanco']);
	await expect(page.locator('#product-options-0-name')).toHaveValue('Talla');
	await expect(page.locator('#product-options-1-name')).toHaveValue('Color');

	const table = page.getByTestId('variant-table');
	await expect(table.locator('tbody tr')).toHaveCount(6);
	await expect(table.getByText('se crearán 6 nuevas al guardar')).toBeVisible();
	await expect(table.getByLabel('SKU · S · Negro')).toHaveValue('CAM-S-NEGRO');
	await expect(table.getByLabel('SKU · L · Blanco')).toHaveValue('CAM-L-BLANCO');
	// Empty price: the style's; one variant gets its own.
	await expect(table.getByLabel('Precio · S · Negro')).toHaveAttribute('placeholder', /19,99/);
	await table.getByLabel('Precio · M · Blanco').fill('24,50');
	await shot(page, 'form-options-es');
	await page.getByRole('button', { name: 'Crear producto' }).click();
	await expect(page).toHaveURL(/\/products\/CAM$/);

	// The style's page: six variants, nothing in stock yet, the own price kept.
	const variants = page.getByTestId('style-variants');
	await expect(variants.locator('tbody tr')).toHaveCount(6);
	await expect(variants.getByRole('row', { name: /M · Blanco/ })).toContainText('24,50');
	await expect(variants.getByRole('row', { name: /S · Negro/ })).toContainText('19,99');

	// The catalogue: one row for the T-shirt with its summed stock; it opens to its variants.
	await open(page, '/products');
	const styleRow = page.getByRole('row', { name: /Camiseta básica/ }).first();
	await expect(styleRow).toContainText('6 variantes');
	await expect(page.getByTestId('variant-row')).toHaveCount(0);
	await page.getByRole('button', { name: 'Ver las variantes de Camiseta básica' }).click();
	await expect(page.getByTestId('variant-row')).toHaveCount(6);
	await shot(page, 'list-grouped-es');
	// A variant's code finds the style with that variant.
	await page.getByLabel('Buscar por nombre, SKU o código de barras').fill('CAM-L-BLANCO');
	await expect(page.getByTestId('variant-row')).toHaveCount(1);
	await expect(page.getByTestId('variant-row')).toContainText('L · Blanco');

	// Receiving: the picker offers the six variants, never the style.
	await open(page, '/stock?tab=receive');
	const search = page.getByLabel('Añadir producto');
	await search.fill('Camiseta básica');
	await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(6);
	for (const [sku, quantity] of [['CAM-S-NEGRO', 4], ['CAM-M-BLANCO', 2]] as const) {
		await search.fill(sku);
		await search.press('Enter');
		await page.getByLabel(`Cantidad recibida de Camiseta básica ${sku === 'CAM-S-NEGRO' ? 'S / Negro' : 'M / Blanco'}`).fill(String(quantity));
	}
	await page.getByRole('button', { name: 'Registrar entrada' }).click();
	await expect(page.getByText(/Entrada registrada/)).toBeVisible();

	await open(page, '/products/CAM');
	await expect(page.getByTestId('stock-on-hand')).toHaveText('6');
	await expect(variants.getByRole('row', { name: /S · Negro/ }).getByTestId('variant-stock')).toContainText('4');
	await expect(variants.getByRole('row', { name: /M · Blanco/ }).getByTestId('variant-stock')).toContainText('2');
	await expect(variants.getByRole('row', { name: /L · Negro/ }).getByTestId('variant-stock')).toContainText('0');
	await shot(page, 'style-page-es');

	// A variant links back to its style.
	await variants.getByRole('link', { name: 'M · Blanco' }).click();
	await expect(page).toHaveURL(/\/products\/CAM-M-BLANCO$/);
	await expect(page.getByTestId('stock-on-hand')).toHaveText('2');
	await page.getByTestId('variant-of').getByRole('link', { name: 'Variante de Camiseta básica' }).click();
	await expect(page).toHaveURL(/\/products\/CAM$/);

	// Editing the style shows the stored variants in the same table.
	await page.getByRole('button', { name: 'Editar' }).click();
	await expect(table.locator('tbody tr')).toHaveCount(6);
	await expect(table.getByLabel('Precio · M · Blanco')).toHaveValue('24,50');
	await shot(page, 'variant-table-es');
	await page.getByRole('button', { name: 'Cancelar' }).click();

	// The same screens in English.
	await page.getByRole('button', { name: 'EN', exact: true }).click();
	await expect(page.getByRole('link', { name: 'Products', exact: true })).toBeVisible();
	await expect(page.getByText('In stock (all variants)')).toBeVisible();
	await shot(page, 'style-page-en');
	await page.getByRole('button', { name: 'Edit' }).click();
	await expect(table.getByText('6 variants')).toBeVisible();
	await shot(page, 'variant-table-en');
	await page.getByRole('button', { name: 'Cancel' }).click();

	await open(page, '/products');
	await page.getByRole('button', { name: 'Show the variants of Camiseta básica' }).click();
	await expect(page.getByTestId('variant-row')).toHaveCount(6);
	await shot(page, 'list-grouped-en');

	await open(page, '/products/new');
	await page.getByLabel('SKU', { exact: true }).fill('POLO');
	await page.getByLabel('Name', { exact: true }).fill('Polo');
	await page.getByLabel('Sale price').fill('29.00');
	await typeOptions(page, /Add option/, ['S, M, L, XL', 'Navy, White']);
	await expect(page.locator('#product-options-1-name')).toHaveValue('Colour');
	await expect(table.locator('tbody tr')).toHaveCount(8);
	await shot(page, 'form-options-en');
});
