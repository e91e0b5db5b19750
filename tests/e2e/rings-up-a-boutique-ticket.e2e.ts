// The boutique's counter at tablet size: a T-shirt in sizes and colours, a discount, cash with
// change, a return with the receipt, an exchange, a return without receipt, parked tickets, a
// product made from an unknown code, in Spanish, and the main path in English. The shop is seeded
// by restoring a backup (the way a shop moves to a new tablet), so the test needs no other screen.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { staffMember } from '../../src/core/till/staff';
import { open } from './support/shop';

/** Where the screenshots go (a run of other specs empties test-results/; point this elsewhere to keep them). */
const SHOTS = process.env.TILL_SHOTS ?? 'test-results/till-screens';
const AT = Date.UTC(2025, 0, 10, 10);

/** EAN-13 with its check digit. */
function ean(twelve: string): string {
	const sum = [...twelve].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
	return twelve + ((10 - (sum % 10)) % 10);
}

const product = (id: string, sku: string, name: string, unitPrice: number, extra: Record<string, unknown> = {}) => ({
	id, sku, barcode: '', name, category: 'Ropa', unitPrice, unitCost: Math.round(unitPrice * 0.4), supplierId: null, leadTimeDays: null,
	minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: false, updatedAt: AT, taxRate: 21, ...extra
});

const SIZES = ['S', 'M', 'L'];
const COLOURS = ['Negro', 'Blanco'];
const variants = SIZES.flatMap((size, i) => COLOURS.map((colour, j) => product(`tee-${size}-${colour}`, `CAM-${size}-${colour.toUpperCase()}`,
	`Camiseta básica ${size} / ${colour}`, 2000, { variantOf: 'tee', optionValues: [{ name: 'Talla', value: size }, { name: 'Color', value: colour }], ownPrice: false, barcode: ean(`84100000${i}${j}00`) })));
const BARCODE_L_BLANCO = ean('841000002100');

/** Ana (admin, PIN 1234) and Luis (staff, PIN 5678); Luis is at this tablet's till. */
const STAFF = [staffMember('ana', 'Ana', 'admin', '1234', 'salt-ana'), staffMember('luis', 'Luis', 'staff', '5678', 'salt-luis')];

function boutiqueBackup(withStaff = false): string {
	const products = [
		product('tee', 'CAM', 'Camiseta básica', 2000, { options: [{ name: 'Talla', values: SIZES }, { name: 'Color', values: COLOURS }] }),
		...variants,
		product('bag', 'BOL-1', 'Bolsa de tela', 500, { category: 'Complementos' }),
		product('bread', 'PAN-1', 'Pan de pueblo', 120, { category: 'Panadería', taxRate: 4 }),
		product('lights', 'LUZ-1', 'Chilli Lights', 1250, { category: 'Decoración' })
	];
	// Five of everything on the shelf, but no S / Blanco left.
	const movements = products.filter((p) => p.id !== 'tee' && p.id !== 'tee-S-Blanco').map((p, i) => ({
		id: `seed-${i}`, productId: p.id, quantity: 5, reason: 'purchase', reference: 'ALB-1', note: '', at: AT, deviceId: 'seed'
	}));
	const settings: Record<string, unknown> = { 'shop.till': { shopName: 'Boutique Lola', address: 'Calle Mayor 1, Madrid', taxId: 'B12345678', favourites: ['bread', 'bag'], discountLimitPercent: 10 } };
	if (withStaff) Object.assign(settings, { 'shop.staff': STAFF, 'till.cashier': 'luis' });
	return JSON.stringify({
		format: 'smart-inventory-backup', version: 1, createdAt: '2025-01-10 10:00:00',
		counts: { products: products.length, suppliers: 0, customers: 0, saleLines: 0, sales: 0, movements: movements.length },
		settings, suppliers: [], products, customers: [], movements, purchaseOrders: [], blocks: []
	});
}

async function restoreBoutique(page: Page, withStaff = false) {
	await open(page, '/data');
	await page.getByLabel('Elegir archivo de copia').setInputFiles({ name: 'boutique.json', mimeType: 'application/json', buffer: Buffer.from(boutiqueBackup(withStaff)) });
	const dialog = page.getByRole('dialog', { name: 'Restaurar copia' });
	await dialog.getByRole('button', { name: 'Restaurar' }).click();
	await expect(page.getByText(/Copia restaurada/)).toBeVisible({ timeout: 30_000 });
}

const ticketLines = (page: Page) => page.getByRole('list', { name: /^(Ticket)$/ }).getByRole('listitem');
const search = (page: Page, label = 'Buscar producto') => page.getByLabel(label, { exact: true });

/** Types or scans into the counter's search; a code scanned before the catalogue loaded is scanned again, as a cashier would. */
async function scan(page: Page, code: string, label = 'Buscar producto') {
	const before = await ticketLines(page).count();
	await expect(async () => {
		await search(page, label).fill(code);
		await search(page, label).press('Enter');
		await expect(ticketLines(page)).not.toHaveCount(before, { timeout: 1000 });
	}).toPass({ timeout: 15_000 });
}

/** Sells an M / Negro from the grid and an L / Blanco by its barcode, with 10 % off the ticket. */
async function ringUpTwoVariants(page: Page, words: { search: string; style: RegExp; discount: string; apply: string }) {
	await open(page, '/sell');
	await search(page, words.search).fill('camiseta');
	await page.getByRole('option', { name: /Camiseta básica\s*CAM\b/ }).click();
	const grid = page.getByRole('dialog', { name: 'Camiseta básica' });
	await expect(grid.getByTestId('variant-grid')).toBeVisible();
	await grid.getByRole('button', { name: words.style }).click();
	await expect(grid).toBeHidden();
	await scan(page, BARCODE_L_BLANCO, words.search);
	await expect(ticketLines(page)).toHaveCount(2);
	await page.getByRole('button', { name: words.discount }).click();
	const editor = page.getByRole('dialog');
	await editor.getByRole('button', { name: '10 %' }).click();
	await editor.getByRole('button', { name: words.apply }).click();
	await expect(editor).toBeHidden();
}

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

test('sells two variants with a discount in cash with change, then returns one with the receipt and exchanges the other', async ({ page }) => {
	test.setTimeout(120_000);
	await restoreBoutique(page);

	// The variant grid: sizes down, colours across, each with its stock; S / Blanco is out.
	await open(page, '/sell');
	await search(page).fill('camiseta');
	await page.getByRole('option', { name: /Camiseta básica\s*CAM\b/ }).click();
	const grid = page.getByRole('dialog', { name: 'Camiseta básica' });
	await expect(grid.getByRole('button', { name: 'Añadir Camiseta básica S / Blanco (Agotado)' })).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/variant-grid-es.png` });
	await grid.getByRole('button', { name: 'Cerrar' }).last().click();

	await ringUpTwoVariants(page, { search: 'Buscar producto', style: /Camiseta básica M \/ Negro \(5 en stock\)/, discount: 'Descuento a todo el ticket', apply: 'Aplicar descuento' });
	// Styles are never lines: the two variants are.
	await expect(ticketLines(page).nth(0)).toContainText('Camiseta básica M / Negro');
	await expect(ticketLines(page).nth(1)).toContainText('Camiseta básica L / Blanco');
	const summary = page.getByTestId('ticket-summary');
	await expect(summary).toContainText('Subtotal');
	await expect(summary).toContainText('40,00');
	await expect(summary).toContainText('−4,00');
	await expect(summary.getByRole('table', { name: 'Impuestos por tipo' })).toContainText('IVA 21 %');
	await expect(summary.getByRole('table')).toContainText('29,75');
	await expect(summary.getByRole('table')).toContainText('6,25');
	await expect(page.getByTestId('ticket-total')).toContainText('36,00');
	await summary.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/ticket-discount-tax-es.png` });

	// Paying in cash: 50 € handed over, 14 € change in big.
	await page.getByRole('button', { name: 'Cobrar', exact: true }).click();
	const pay = page.getByRole('dialog', { name: 'Cobro' });
	await expect(pay.getByTestId('pay-total')).toContainText('36,00');
	await pay.getByRole('button', { name: /^Entrega 50,00/ }).click();
	await expect(pay.getByTestId('change-due')).toContainText('14,00');
	await page.screenshot({ path: `${SHOTS}/pay-change-es.png` });
	await pay.getByRole('button', { name: 'Confirmar cobro' }).click();
	await expect(page.getByText('Venta registrada')).toBeVisible();
	await expect(page.getByText('Cambio: 14,00 €')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Imprimir ticket' })).toBeVisible();
	// Ready for the next customer: the search is empty and has the focus.
	await expect(search(page)).toBeFocused();
	await expect(search(page)).toHaveValue('');
	const invoice = ((await page.getByText(/^Ticket [0-9A-F]+-\d{6}$/).innerText()).split(' ')[1]);

	// A return with the receipt: the M / Negro comes back, at what was paid (18,00 after the discount).
	await page.getByRole('button', { name: 'Devolución / cambio' }).click();
	const returns = page.getByRole('dialog', { name: 'Devolución o cambio' });
	await returns.getByLabel('Número de ticket').fill(invoice.toLowerCase());
	await returns.getByRole('button', { name: 'Buscar ticket' }).click();
	const lines = returns.getByRole('list', { name: 'Líneas del ticket original' }).getByRole('listitem');
	await expect(lines).toHaveCount(2);
	await expect(lines.nth(0)).toContainText('pagó 18,00');
	// Never more than was sold.
	await returns.getByRole('button', { name: 'Devolver una unidad más de Camiseta básica M / Negro' }).click();
	await expect(returns.getByRole('button', { name: 'Devolver una unidad más de Camiseta básica M / Negro' })).toBeDisabled();
	await page.screenshot({ path: `${SHOTS}/return-es.png` });
	await returns.getByRole('button', { name: /^Devolver 1 unidad/ }).click();
	await expect(ticketLines(page)).toHaveCount(1);
	await expect(ticketLines(page).first()).toContainText('Devolución');
	await expect(ticketLines(page).first().getByTestId('line-amount')).toContainText('-18,00');
	await expect(page.getByTestId('ticket-total')).toContainText('18,00');
	await page.screenshot({ path: `${SHOTS}/return-ticket-es.png` });
	await page.getByRole('button', { name: 'Devolver', exact: true }).click();
	const refund = page.getByRole('dialog', { name: 'Devolver el importe' });
	await expect(refund.getByTestId('pay-total')).toContainText('18,00');
	await refund.getByRole('button', { name: 'Confirmar devolución' }).click();
	await expect(page.getByText('Devolución registrada')).toBeVisible();

	// The same receipt again (as from the sales history): the M is gone; the L is exchanged, damaged, for a bag and an S / Negro.
	await page.goto(`/sell?return=${invoice}`);
	const again = page.getByRole('dialog', { name: 'Devolución o cambio' });
	const againLines = again.getByRole('list', { name: 'Líneas del ticket original' }).getByRole('listitem');
	await expect(againLines.nth(0)).toContainText('Ya devuelto');
	await again.getByRole('button', { name: 'Devolver una unidad más de Camiseta básica L / Blanco' }).click();
	await again.getByLabel('Destino de Camiseta básica L / Blanco').selectOption({ label: 'Dañado' });
	await again.getByRole('button', { name: /^Devolver 1 unidad/ }).click();
	await expect(ticketLines(page).first()).toContainText('Devolución');
	await expect(page.getByLabel('Destino de Camiseta básica L / Blanco')).toHaveValue('damaged');
	await scan(page, 'BOL-1');
	await scan(page, 'CAM-S-NEGRO');
	// 5,00 + 20,00 − 18,00: the customer pays the difference.
	await expect(page.getByTestId('ticket-total')).toContainText('7,00');
	await page.getByRole('button', { name: 'Cobrar', exact: true }).click();
	// Split: 5 € by card, the rest in cash.
	const exchange = page.getByRole('dialog', { name: 'Cobro' });
	await exchange.getByRole('button', { name: 'Tarjeta' }).click();
	await expect(exchange.getByLabel('Importe con Tarjeta')).toHaveValue('7,00');
	await exchange.getByLabel('Importe con Tarjeta').fill('5');
	await exchange.getByRole('button', { name: 'Pagar el resto de otra forma' }).click();
	await expect(exchange.getByRole('list', { name: 'Pagos ya anotados' })).toContainText('Tarjeta');
	await expect(exchange.getByText('Resto tras los pagos anotados: 2,00 €')).toBeVisible();
	await exchange.getByRole('button', { name: 'Importe exacto: 2,00 €' }).click();
	await page.screenshot({ path: `${SHOTS}/pay-split-es.png` });
	await exchange.getByRole('button', { name: 'Confirmar cobro' }).click();
	await expect(page.getByText('Venta registrada')).toBeVisible();

	// Stock: M / Negro back to 5, L / Blanco 4 (returned damaged), S / Negro 4.
	await search(page).fill('camiseta');
	await page.getByRole('option', { name: /Camiseta básica\s*CAM\b/ }).click();
	await expect(grid.getByRole('button', { name: 'Añadir Camiseta básica M / Negro (5 en stock)' })).toBeVisible();
	await expect(grid.getByRole('button', { name: 'Añadir Camiseta básica L / Blanco (4 en stock)' })).toBeVisible();
	await expect(grid.getByRole('button', { name: 'Añadir Camiseta básica S / Negro (4 en stock)' })).toBeVisible();
});

test('a return without receipt needs a reason; the grid, typo-proof search, an unknown code and parked tickets', async ({ page }) => {
	test.setTimeout(120_000);
	await restoreBoutique(page);
	await open(page, '/sell');

	// Favourites first in the quick grid; a tap adds.
	const quick = page.getByRole('tabpanel');
	await quick.getByRole('button', { name: 'Añadir Pan de pueblo' }).click();
	await expect(ticketLines(page)).toHaveCount(1);
	// The search forgives typos and accents.
	await search(page).fill('chili');
	await expect(page.getByRole('option', { name: /Chilli Lights/ })).toBeVisible();
	await search(page).fill('camiseta negra');
	await expect(page.getByRole('option', { name: /Camiseta básica M \/ Negro/ })).toBeVisible();
	await search(page).fill('');

	// Park this ticket, serve someone else, bring it back after a reload.
	await page.getByRole('button', { name: 'Aparcar', exact: true }).click();
	await page.getByRole('dialog', { name: 'Aparcar el ticket' }).getByLabel(/Nombre para encontrarlo/).fill('Señora del abrigo');
	await page.getByRole('dialog', { name: 'Aparcar el ticket' }).getByRole('button', { name: 'Aparcar ticket' }).click();
	await expect(ticketLines(page)).toHaveCount(0);
	await page.reload();
	await page.getByRole('button', { name: 'Aparcados (1)' }).click();
	await page.screenshot({ path: `${SHOTS}/parked-es.png` });
	await page.getByRole('dialog', { name: 'Tickets aparcados' }).getByRole('button', { name: 'Recuperar el ticket Señora del abrigo' }).click();
	await expect(ticketLines(page)).toHaveCount(1);
	await expect(ticketLines(page).first()).toContainText('Pan de pueblo');
	await page.getByRole('button', { name: 'Vaciar ticket' }).click();

	// An unknown code: create the product in place, and it is on the ticket.
	await search(page).fill('8412345678905');
	await search(page).press('Enter');
	await page.getByRole('button', { name: 'Crear producto con este código' }).click();
	const form = page.getByRole('form', { name: 'Nuevo producto con el código 8412345678905' });
	await form.getByLabel('Nombre').fill('Calcetines de lana');
	await form.getByLabel('Precio').fill('7,50');
	await form.getByLabel('IVA').selectOption('10');
	await page.screenshot({ path: `${SHOTS}/unknown-code-es.png` });
	await form.getByRole('button', { name: 'Crear y añadir' }).click();
	await expect(ticketLines(page).first()).toContainText('Calcetines de lana');
	await expect(page.getByTestId('ticket-total')).toContainText('7,50');
	await expect(page.getByTestId('ticket-summary')).toContainText('IVA 10 %');
	await page.getByRole('button', { name: 'Vaciar ticket' }).click();

	// A return without receipt: the product and a reason (required).
	await page.getByRole('button', { name: 'Devolución / cambio' }).click();
	const returns = page.getByRole('dialog', { name: 'Devolución o cambio' });
	await returns.getByRole('button', { name: 'Devolución sin ticket' }).click();
	await returns.getByLabel('Producto que devuelve').fill('BOL-1');
	await returns.getByLabel('Producto que devuelve').press('Enter');
	await returns.getByRole('button', { name: 'Añadir a la devolución' }).click();
	await expect(returns.getByText('Escribe el motivo de la devolución sin ticket.')).toBeVisible();
	await returns.getByLabel('Motivo de la devolución sin ticket').fill('Regalo repetido');
	await returns.getByRole('button', { name: 'Añadir a la devolución' }).click();
	await expect(ticketLines(page).first()).toContainText('Devolución sin ticket');
	await expect(page.getByLabel('Motivo de la devolución sin ticket')).toHaveValue('Regalo repetido');
	await expect(page.getByTestId('ticket-total')).toContainText('5,00');
	await page.getByRole('button', { name: 'Devolver', exact: true }).click();
	await page.getByRole('dialog', { name: 'Devolver el importe' }).getByRole('button', { name: 'Confirmar devolución' }).click();
	await expect(page.getByText('Devolución registrada')).toBeVisible();
});

test('the main path in English: two variants, a discount, cash with change, and a return', async ({ page }) => {
	test.setTimeout(120_000);
	await restoreBoutique(page);
	await open(page, '/');
	await page.getByRole('button', { name: 'EN', exact: true }).click();

	await open(page, '/sell');
	await search(page, 'Search product').fill('camiseta');
	await page.getByRole('option', { name: /Camiseta básica\s*CAM\b/ }).click();
	await expect(page.getByRole('dialog', { name: 'Camiseta básica' }).getByRole('button', { name: 'Add Camiseta básica S / Blanco (Out of stock)' })).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/variant-grid-en.png` });
	await page.keyboard.press('Escape');

	await ringUpTwoVariants(page, { search: 'Search product', style: /Camiseta básica M \/ Negro \(5 in stock\)/, discount: 'Discount on the whole ticket', apply: 'Apply discount' });
	const summary = page.getByTestId('ticket-summary');
	await expect(summary.getByRole('table', { name: 'Tax by rate' })).toContainText('VAT 21 %');
	await expect(page.getByTestId('ticket-total')).toContainText('36.00');
	await summary.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/ticket-discount-tax-en.png` });

	await page.getByRole('button', { name: 'Charge', exact: true }).click();
	const pay = page.getByRole('dialog', { name: 'Payment' });
	await pay.getByRole('button', { name: /^Hands over €50.00/ }).click();
	await expect(pay.getByTestId('change-due')).toContainText('14.00');
	await page.screenshot({ path: `${SHOTS}/pay-change-en.png` });
	await pay.getByRole('button', { name: 'Confirm payment' }).click();
	await expect(page.getByText('Sale recorded')).toBeVisible();
	await expect(page.getByText('Change: €14.00')).toBeVisible();
	const invoice = ((await page.getByText(/^Ticket [0-9A-F]+-\d{6}$/).innerText()).split(' ')[1]);

	await page.getByRole('button', { name: 'Return / exchange' }).click();
	const returns = page.getByRole('dialog', { name: 'Return or exchange' });
	await returns.getByLabel('Ticket number').fill(invoice);
	await returns.getByRole('button', { name: 'Find ticket' }).click();
	await returns.getByRole('button', { name: 'Return one more Camiseta básica L / Blanco' }).click();
	await page.screenshot({ path: `${SHOTS}/return-en.png` });
	await returns.getByRole('button', { name: /^Return 1 unit/ }).click();
	await expect(ticketLines(page).first()).toContainText('Return');
	await page.getByRole('button', { name: 'Refund', exact: true }).click();
	const refund = page.getByRole('dialog', { name: 'Refund the amount' });
	await refund.getByRole('button', { name: 'Card' }).click();
	await refund.getByRole('button', { name: 'Confirm refund' }).click();
	await expect(page.getByText('Refund recorded')).toBeVisible();
});

test('staff need an admin\'s PIN for a discount over the limit, a changed price and a refund; the receipt names the admin', async ({ page }) => {
	test.setTimeout(120_000);
	await restoreBoutique(page, true);
	await open(page, '/sell');
	await scan(page, 'CAM-M-NEGRO');
	await page.getByRole('button', { name: 'Añadir un descuento a Camiseta básica M / Negro' }).click();
	const editor = page.getByRole('dialog', { name: 'Descuento en Camiseta básica M / Negro' });
	await editor.getByRole('button', { name: '15 %' }).click();
	await editor.getByLabel('Motivo (opcional)').fill('Tara en la costura');
	await editor.getByRole('button', { name: 'Aplicar descuento' }).click();
	await page.getByLabel('Precio de Camiseta básica M / Negro').fill('19,00');

	// Luis may not give 15 % (the limit is 10 %) nor change a price: one admin PIN covers both.
	await page.getByRole('button', { name: 'Cobrar', exact: true }).click();
	const admin = page.getByRole('dialog', { name: 'Hace falta un administrador' });
	await expect(admin).toContainText('Un descuento mayor que el límite del comercio');
	await expect(admin).toContainText('Un precio cambiado a mano');
	for (const digit of '1234') await admin.getByRole('button', { name: digit, exact: true }).click();
	const pay = page.getByRole('dialog', { name: 'Cobro' });
	await expect(pay.getByTestId('pay-total')).toContainText('16,15');
	await pay.getByRole('button', { name: 'Tarjeta' }).click();
	await pay.getByRole('button', { name: 'Confirmar cobro' }).click();
	await expect(page.getByText('Venta registrada')).toBeVisible();
	const invoice = ((await page.getByText(/^Ticket [0-9A-F]+-\d{6}$/).innerText()).split(' ')[1]);

	// The receipt: who served, who approved, the discount and why.
	await open(page, `/sales/ticket?invoice=${invoice}`);
	const receipt = page.locator('main').getByTestId('receipt');
	await expect(receipt).toContainText('Luis');
	await expect(receipt).toContainText('Autorizado por');
	await expect(receipt).toContainText('Ana');
	await expect(receipt).toContainText('Tara en la costura');

	// A refund asks again; cancelled, nothing is charged and the ticket stays.
	await page.goto(`/sell?return=${invoice}`);
	const returns = page.getByRole('dialog', { name: 'Devolución o cambio' });
	await returns.getByRole('button', { name: 'Devolver una unidad más de Camiseta básica M / Negro' }).click();
	await returns.getByRole('button', { name: /^Devolver 1 unidad/ }).click();
	await page.getByRole('button', { name: 'Devolver', exact: true }).click();
	await expect(admin).toContainText('Devolver dinero al cliente');
	await admin.getByRole('button', { name: 'Cancelar' }).click();
	await expect(admin).toBeHidden();
	await expect(page.getByRole('dialog', { name: 'Devolver el importe' })).toBeHidden();
	await expect(ticketLines(page)).toHaveCount(1);
	await expect(page.getByTestId('ticket-total')).toContainText('16,15');
});
