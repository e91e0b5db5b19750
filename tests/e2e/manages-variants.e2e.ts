// A boutique's T-shirt in sizes and colours at tablet size: made with its 6 variants in one save,
// one variant priced on its own, grouped in the catalogue, stock received for two variants (the
// style itself is never offered), and the style's page with each variant's stock; then a T-shirt
// with five months of sales per variant, whose forecast on the style's page is the sum of its
// variants'. Screenshots of each screen in Spanish and English.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { createBackup } from '../../src/core/backup';
import { movement, movementsForSale } from '../../src/core/ledger';
import { MemoryRepository } from '../../src/core/memory-repository';
import { buildBlock } from '../../src/core/sale-blocks';
import { nowLocal } from '../../src/core/time';
import type { Product, Sale } from '../../src/core/types';
import { missingVariants } from '../../src/core/variants';
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

/** A T-shirt whose six variants sold for 150 days up to yesterday (repeatable counts), as a backup file's text. */
async function sellingTshirtBackup(): Promise<string> {
	const DAY = 86_400_000, at = nowLocal();
	const style: Product = {
		id: 'tee' as Product['id'], sku: 'CAM', barcode: '', name: 'Camiseta básica', category: 'Ropa', unitPrice: 1999 as Product['unitPrice'],
		unitCost: 800 as Product['unitCost'], supplierId: null, leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null, active: true,
		createdByImport: false, updatedAt: at, taxRate: 21, options: [{ name: 'Talla', values: ['S', 'M', 'L'] }, { name: 'Color', values: ['Negro', 'Blanco'] }]
	};
	const variants = missingVariants(style, [], new Set(), at);
	const perDay = [0.6, 0.3, 1.2, 0.5, 0.8, 0.2];
	let seed = 11;
	const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
	const poisson = (mean: number) => {
		let n = 0, p = Math.exp(-mean), c = p;
		const u = random();
		while (u > c) { n++; p *= mean / n; c += p; }
		return n;
	};
	const start = at - 150 * DAY;
	const sales: Sale[] = [];
	for (let d = 0; d < 150; d++) {
		variants.forEach((v, i) => {
			const quantity = poisson(perDay[i] * (1 + 0.4 * Math.sin(d / 9)));
			if (quantity > 0) sales.push({
				id: `s-${d}-${i}` as Sale['id'], invoice: `T${d}-${i}`, at: (start + d * DAY + 11 * 3_600_000) as Sale['at'], customerId: null, deviceId: 'seed',
				lines: [{ productId: v.id, quantity, unitPrice: v.unitPrice, discount: 0 as Sale['lines'][0]['discount'], taxRate: 21 }]
			});
		});
	}
	const repo = new MemoryRepository();
	for (const p of [style, ...variants]) await repo.putProduct(p);
	await repo.addMovements(variants.map((v) => movement(v.id, 200, 'purchase', start as Sale['at'], 'seed', 'ALB-1')));
	await repo.appendSales({ blocks: [buildBlock('tee-sales', sales, 'seed')], movements: sales.flatMap(movementsForSale) });
	return (await createBackup(repo)).parts.join('');
}

test('forecasts a style as the sum of its variants, and says its range is approximate', async ({ page }) => {
	test.setTimeout(180_000);
	await open(page, '/data');
	await page.getByLabel('Elegir archivo de copia').setInputFiles({ name: 'camisetas.json', mimeType: 'application/json', buffer: Buffer.from(await sellingTshirtBackup()) });
	await page.getByRole('dialog', { name: 'Restaurar copia' }).getByRole('button', { name: 'Restaurar' }).click();
	await expect(page.getByText(/Copia restaurada/)).toBeVisible({ timeout: 30_000 });

	await open(page, '/products/CAM');
	const forecast = page.getByTestId('style-forecast');
	await forecast.getByRole('button', { name: 'Calcular previsión' }).click();
	await expect(forecast.getByText(/Próximos 30 días: unas \d+ unidades entre todas sus variantes/)).toBeVisible({ timeout: 150_000 });
	await expect(forecast.getByText(/El rango es aproximado/)).toBeVisible();

	// Each variant has its own forecast; the style's 30 days are their sum (each shown rounded).
	const rows = page.getByTestId('style-variants').locator('tbody tr');
	await expect(rows).toHaveCount(6);
	await expect(rows.first().locator('td').last()).toHaveText(/^\d+ \(\d+–\d+\)$/);
	const perVariant = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelector('td:last-child')!.textContent!.trim().split(' ')[0])));
	const total = Number(await page.getByTestId('style-variants').locator('tfoot td').last().innerText());
	// The headline quotes next week (as the weekly chart's first point); the 30 days follow it.
	const next30 = Number((await forecast.getByText(/Próximos 30 días: unas \d+/).innerText()).match(/unas ([\d.]+)/)![1].replace(/\./g, ''));
	expect(next30).toBe(total);
	expect(Math.abs(perVariant.reduce((a, b) => a + b, 0) - total)).toBeLessThanOrEqual(3);
	await shot(page, 'style-forecast-es');

	await page.getByRole('button', { name: 'EN', exact: true }).click();
	await forecast.getByText('Details', { exact: true }).click();
	await expect(forecast.getByText(/does not give the P10\/P90 of the total/)).toBeVisible();
	await shot(page, 'style-forecast-en');
});
