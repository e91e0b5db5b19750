import { expect, test } from '@playwright/test';
import { createProduct, open } from './support/shop';

const SEGMENTS = ['VIP', 'Frecuente', 'Ocasional', 'En riesgo', 'Nuevo', 'Inactivo'];

test('the sample shop recommends products on a product page and at the counter, and segments its customers', async ({ page }) => {
	test.setTimeout(180_000);
	await open(page, '/');
	await page.getByRole('button', { name: /Cargar datos de ejemplo/ }).first().click();
	await expect(page.getByText(/Datos de ejemplo cargados/)).toBeVisible({ timeout: 30_000 });

	// A best seller's page: what its customers often take too, in words, each a link to that product;
	// the figures behind the words (confidence, lift, support) only behind "Detalles".
	await open(page, '/products/85123A');
	const together = page.getByTestId('bought-together');
	await expect(together.getByRole('heading', { name: 'Quien compra este suele llevar también…' })).toBeVisible({ timeout: 60_000 });
	const firstRule = together.getByRole('listitem').first();
	await expect(firstRule).toContainText(/Va en (1 de cada \d+|el [\d,]+ %) cestas con este producto \([\d.]+ veces\)/);
	await expect(together.getByText(/lift|soporte|confianza/i).filter({ visible: true })).toHaveCount(0);
	await together.getByText('Detalles', { exact: true }).click();
	const figures = together.getByTestId('together-figures');
	await expect(figures.getByRole('columnheader', { name: 'Lift' })).toBeVisible();
	await expect(figures.getByRole('row')).toHaveCount((await together.getByRole('listitem').count()) + 1);
	await expect(page.getByTestId('similar-products').getByRole('link').first()).toBeVisible();
	const link = firstRule.getByRole('link');
	const href = await link.getAttribute('href');
	expect(href).toMatch(/^\/products\/.+/);
	expect(href).not.toBe('/products/85123A');
	await link.click();
	await expect(page).toHaveURL(new RegExp(`${href}$`));
	await expect(page.getByTestId('bought-together')).toBeVisible();

	// The counter: after the first item, suggestions appear below the ticket; a tap adds one.
	await open(page, '/sell');
	const search = page.getByLabel('Buscar producto');
	const ticket = page.getByRole('list', { name: 'Ticket' }).getByRole('listitem');
	// A code scanned before the counter has loaded the catalogue is "unknown": scan again, as a cashier would.
	await expect(async () => {
		await search.fill('85123A');
		await search.press('Enter');
		await expect(ticket).toHaveCount(1, { timeout: 1000 });
	}).toPass({ timeout: 20_000 });
	const suggestions = page.getByTestId('sale-suggestions');
	const offer = suggestions.getByRole('button', { name: /^Añadir / }).first();
	await expect(offer).toBeVisible({ timeout: 30_000 });
	await offer.click();
	await expect(ticket).toHaveCount(2);
	// With a customer chosen, their usual products join the suggestions.
	await page.getByLabel('Cliente (opcional)').fill('13135');
	await page.getByLabel('Cliente (opcional)').press('Enter');
	await expect(suggestions.getByRole('heading')).toContainText('Para Alberto Sanz Díaz');
	await expect(suggestions.getByTitle('Lo suele llevar').first()).toBeVisible();

	// The segments page, reached from the customers list.
	await open(page, '/customers');
	await page.getByRole('link', { name: 'Segmentos de clientes' }).click();
	await expect(page).toHaveURL(/\/segments$/);
	const table = page.getByTestId('segment-table');
	await expect(table).toBeVisible({ timeout: 60_000 });
	for (const name of SEGMENTS) {
		await expect(table.getByRole('rowheader', { name: new RegExp(`^${name}\\b`) })).toBeVisible();
	}
	// How the groups were found is there for who asks, not in the way.
	const method = page.getByText(/k = \d elegido por la silueta/);
	await expect(method).toBeHidden();
	await page.getByRole('region', { name: 'Tus clientes por grupo' }).getByText('Detalles', { exact: true }).click();
	await expect(method).toBeVisible();
	await expect(page.getByTestId('insights-timing')).toBeVisible();
	// How the groups got their names: one profile per group, and what "Nuevo" means here.
	await expect(page.getByTestId('segments-matching')).toContainText(/uno distinto por grupo.*últimos \d+ días/);
	const sizes = (await table.locator('tbody td.size strong').allInnerTexts()).map((s) => Number(s.replace(/\./g, '')));
	expect(sizes).toHaveLength(6);
	expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
	// A group without customers says so (and why) instead of a link to an empty list.
	expect(await table.getByTestId('segment-empty').count()).toBe(sizes.filter((n) => n === 0).length);
	for (const why of await table.getByTestId('segment-empty').allInnerTexts()) expect(why).toMatch(/^Nadie en este grupo: .+/);
	// Named one-to-one, the sample shop's customers fill at least five of the six groups.
	expect(sizes.filter((n) => n > 0).length).toBeGreaterThanOrEqual(5);

	// A group's link lists exactly its customers: the at-risk ones, each at risk on their own page.
	const atRisk = sizes[3];
	await table.getByRole('link', { name: `Ver sus ${atRisk.toLocaleString('es-ES')} clientes` }).click();
	await expect(page).toHaveURL(/\/customers\?segment=at_risk$/);
	await expect(page).toHaveTitle('Clientes: En riesgo · Inventario');
	await expect(page.getByTestId('segment-filter')).toContainText('En riesgo');
	await expect(page.getByText(new RegExp(`^1–50 de ${atRisk.toLocaleString('es-ES')}$`))).toBeVisible({ timeout: 60_000 });
	await page.locator('a[href^="/customers/"]').first().click();
	await expect(page.getByTestId('customer-segment')).toContainText('En riesgo');
	await open(page, '/customers?segment=vip');
	await expect(page.getByText(new RegExp(`^1–50 de ${sizes[0].toLocaleString('es-ES')}$`))).toBeVisible({ timeout: 60_000 });
	await open(page, '/customers?segment=nobody');
	await expect(page.getByText('No hay ningún grupo «nobody»: se muestran todos los clientes.')).toBeVisible();
	await open(page, '/segments');
	await expect(table).toBeVisible({ timeout: 60_000 });

	// Who to call back, each opening the customer's page with segment and lifetime value.
	const callBack = page.getByTestId('call-back');
	await expect(callBack.locator('tbody tr').first()).toBeVisible();
	await callBack.locator('tbody tr').first().getByRole('link').first().click();
	await expect(page).toHaveURL(/\/customers\/.+/);
	await expect(page.getByTestId('customer-segment')).toContainText(/En riesgo|Inactivo/);
	const ltv = page.getByTestId('customer-ltv');
	await expect(ltv).toContainText('Puede gastar en los próximos 365 días');
	await expect(page.getByTestId('customer-come-back')).toHaveText(/vuelva|volverá/);
	await expect(ltv.getByText(/BG\/NBD/)).toBeHidden();
	await ltv.getByText('Detalles', { exact: true }).click();
	await expect(ltv.getByText(/BG\/NBD/)).toBeVisible();
	// Tappable contacts.
	const contact = page.getByTestId('customer-contact');
	await expect(contact.locator('a[href^="mailto:"]')).toHaveCount(1);
	await expect(contact.locator('a[href^="tel:+"]')).toHaveCount(1);
	await expect(page.getByRole('heading', { name: 'Historial de compras' })).toBeVisible();

	// A product new to the catalogue, never sold: products like it by name, category and price.
	await createProduct(page, { sku: 'NUEVO-1', name: 'Blue Hanging Heart T-Light Holder', price: '2,95' });
	const similar = page.getByTestId('similar-products');
	await expect(similar.getByText('Este producto aún no tiene ventas')).toBeVisible({ timeout: 60_000 });
	await expect(similar.getByText(/^Parecido por nombre, categoría y precio/).first()).toBeVisible();
	await expect(similar.getByRole('link', { name: /Hanging Heart/ }).first()).toBeVisible();
});

/**
 * A shop whose customers all first bought long ago: five kinds of regulars and lapsed customers,
 * 12 of each, over 2024, and nobody new in the last months (a CSV made here, ISO dates).
 */
function shopWithoutNewcomers(): Buffer {
	const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID'];
	const day0 = Date.UTC(2024, 0, 1), DAY = 86_400_000;
	let invoice = 1000;
	const sale = (customer: string, day: number, quantity: number) => {
		const at = new Date(day0 + day * DAY).toISOString().slice(0, 10);
		lines.push(`${invoice++},TEA1,Green tea,${quantity},${at} 10:00:00,4.50,${customer}`);
	};
	for (let i = 0; i < 12; i++) {
		for (let d = 2 + i; d <= 360; d += 5) sale(`V${i}`, d, 20);
		for (let d = 5 + i; d <= 350; d += 21) sale(`F${i}`, d, 4);
		for (const d of [30 + i, 150 + i, 300 + i]) sale(`O${i}`, d, 2);
		for (let d = 1 + i; d <= 200; d += 15) sale(`R${i}`, d, 3);
		sale(`I${i}`, 20 + i, 1);
	}
	return Buffer.from(`${lines.join('\n')}\n`);
}

test('a segment nobody is in says why in plain words, in Spanish and in English', async ({ page }) => {
	test.setTimeout(120_000);
	await open(page, '/import');
	await page.locator('input[type=file]').setInputFiles({ name: 'tienda.csv', mimeType: 'text/csv', buffer: shopWithoutNewcomers() });
	await expect(page.getByRole('heading', { name: '1. Formato del archivo' })).toBeVisible();
	await page.getByRole('button', { name: 'Importar', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Importación terminada' })).toBeVisible({ timeout: 30_000 });

	await open(page, '/segments');
	const table = page.getByTestId('segment-table');
	await expect(table).toBeVisible({ timeout: 60_000 });
	const newRow = table.locator('tbody').filter({ has: page.getByRole('rowheader', { name: /^Nuevo\b/ }) });
	await expect(newRow.getByTestId('segment-empty')).toHaveText(/^Nadie en este grupo: ningún cliente compró por primera vez en los últimos \d+ días\.$/);
	// The group's customers list says the same.
	await open(page, '/customers?segment=new');
	await expect(page.getByTestId('segment-empty')).toContainText(/ningún cliente compró por primera vez en los últimos \d+ días/, { timeout: 60_000 });

	await open(page, '/');
	await page.getByRole('button', { name: 'EN', exact: true }).click();
	await open(page, '/segments');
	await expect(table).toBeVisible({ timeout: 60_000 });
	const newRowEn = table.locator('tbody').filter({ has: page.getByRole('rowheader', { name: /^New\b/ }) });
	await expect(newRowEn.getByTestId('segment-empty')).toHaveText(/^Nobody in this group: no customer bought for the first time in the last \d+ days\.$/);
	// Which profile went without a group, and why, is behind Details.
	await page.getByRole('region', { name: 'Your customers by group' }).getByText('Details', { exact: true }).click();
	await expect(page.getByText(/Profiles without a group: New \(no_newcomers\)/)).toBeVisible();
});
