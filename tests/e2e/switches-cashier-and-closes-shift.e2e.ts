// Two people at a shared tablet, in Spanish and in English: the owner sets up the team in settings
// (Ana, admin, PIN 1234; Luis, staff, PIN 5678) with the shop's taxes; Luis takes the till by PIN
// and finds the analytics locked until Ana's PIN opens them; he opens the cash shift with a float,
// takes cash out, sells for cash at the till, and closes the shift counting notes and coins: the
// report says what the till expected and what is missing, and prints alone. Screenshots of the
// settings, the PIN pad and the close report in both languages.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { open } from './support/shop';

/** Where the screenshots go (a run of other specs empties test-results/; point this elsewhere to keep them). */
const SHOTS = process.env.TILL_SHOTS ?? 'test-results/till-screens';

async function shot(page: Page, name: string, fullPage = true) {
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

const words = {
	es: {
		addPerson: /Añadir persona/, name: 'Nombre', pin: 'PIN (4 cifras)', staff: 'Dependiente', save: 'Guardar', pinTaken: /Ese PIN ya es de otra persona/,
		newRate: 'Nuevo tipo, en %', addRate: 'Añadir tipo', saved: 'Guardado', shopName: 'Nombre de la tienda', shopTitle: 'Datos de la tienda en los tickets', paymentsTitle: 'Formas de pago y descuentos',
		whoIs: '¿Quién está en caja?', wrongAdmin: 'Ese PIN no es de un administrador.', adminDialog: 'Hace falta un administrador',
		dashboard: 'Panel', trends: 'Tendencias', unlockNav: 'Desbloquear', lockNav: 'Bloquear', unlockPage: 'Desbloquear con el PIN de un administrador',
		lockedTitle: 'Esta pantalla es de un administrador', closedTill: /La caja está cerrada/, float: 'Fondo de caja', openTill: 'Abrir caja', tillOpen: 'Caja abierta',
		navClosed: 'cerrada', navOpen: 'abierta', payoutAmount: 'Importe', payoutReason: 'Motivo', addPayout: 'Apuntar salida', cleaning: 'Limpieza de cristales',
		productName: 'Nombre', price: 'Precio de venta', price1250: '12,50', createProduct: 'Crear producto', search: 'Buscar producto', charge: 'Cobrar', confirm: 'Confirmar cobro', sold: 'Venta registrada',
		byNotes: 'Contar por billetes y monedas', howMany: (v: string) => `Cuántos de ${v}`, note: 'Nota', closeTill: 'Cerrar caja',
		short: /Faltan 1,00/, closeDone: 'Caja cerrada. Este es el informe de cierre.', print: 'Imprimir informe', reportTitle: 'Cierre de caja'
	},
	en: {
		addPerson: /Add person/, name: 'Name', pin: 'PIN (4 digits)', staff: 'Staff', save: 'Save', pinTaken: /That PIN is someone else’s/,
		newRate: 'New rate, in %', addRate: 'Add rate', saved: 'Saved', shopName: 'Shop name', shopTitle: 'Shop details on receipts', paymentsTitle: 'Payment methods and discounts',
		whoIs: 'Who is at the till?', wrongAdmin: 'That PIN is not an admin’s.', adminDialog: 'An admin is needed',
		dashboard: 'Dashboard', trends: 'Trends', unlockNav: 'Unlock', lockNav: 'Lock', unlockPage: 'Unlock with an admin’s PIN',
		lockedTitle: 'This screen is for an admin', closedTill: /The till is closed/, float: 'Float', openTill: 'Open the till', tillOpen: 'Till open',
		navClosed: 'closed', navOpen: 'open', payoutAmount: 'Amount', payoutReason: 'Reason', addPayout: 'Note payout', cleaning: 'Window cleaner',
		productName: 'Name', price: 'Sale price', price1250: '12.50', createProduct: 'Create product', search: 'Search product', charge: 'Charge', confirm: 'Confirm payment', sold: 'Sale recorded',
		byNotes: 'Count notes and coins', howMany: (v: string) => `How many of ${v}`, note: 'Note', closeTill: 'Close the till',
		short: /1\.00 short/, closeDone: 'Till closed. This is the close report.', print: 'Print report', reportTitle: 'Till close'
	}
} as const;

const money = (lang: 'es' | 'en', euros: number) => new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(euros);
/** Money as shown, whatever space the locale puts before the sign. */
const moneyText = (lang: 'es' | 'en', euros: number) => new RegExp(money(lang, euros).replace(/\s/g, '\\s').replace('.', '\\.'));

const SCARF = { sku: 'FOU-001', name: 'Fular de seda' };

async function typePin(dialog: ReturnType<Page['getByRole']>, pin: string) {
	for (const d of pin) await dialog.getByRole('button', { name: d, exact: true }).click();
}

async function addMember(page: Page, w: (typeof words)[keyof typeof words], name: string, pin: string, staff: boolean) {
	await page.getByRole('button', { name: w.addPerson }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByLabel(w.name, { exact: true }).fill(name);
	if (staff) await dialog.getByRole('radio', { name: w.staff }).click();
	await dialog.getByLabel(w.pin).fill(pin);
	await dialog.getByRole('button', { name: w.save }).click();
	return dialog;
}

for (const lang of ['es', 'en'] as const) {
	const w = words[lang];

	test(`${lang}: two staff members switch by PIN, staff see analytics only with an admin's PIN, and a cash shift closes with the counted cash`, async ({ page }) => {
		await open(page, '/settings');
		if (lang === 'en') await page.getByRole('button', { name: 'EN', exact: true }).click();

		// No team yet: the till is anonymous, nobody's chip in the rail, nothing locked.
		await expect(page.getByTestId('cashier-chip')).toHaveCount(0);
		await expect(page.getByRole('link', { name: w.trends, exact: true })).toBeVisible();

		// The first member is an admin (the form starts so); she is put at the till.
		await addMember(page, w, 'Ana', '1234', false);
		await expect(page.getByTestId('staff-list')).toContainText('Ana');
		await expect(page.getByTestId('cashier-chip')).toContainText('Ana');

		// A second member cannot take a PIN that is already someone's.
		const dialog = await addMember(page, w, 'Luis', '1234', true);
		await expect(dialog.getByText(w.pinTaken)).toBeVisible();
		await dialog.getByLabel(w.pin).fill('5678');
		await dialog.getByRole('button', { name: w.save }).click();
		await expect(page.getByTestId('staff-list')).toContainText('Luis');

		// Taxes: one rate more (5.5 %), saved; the shop's name for receipts and reports.
		await page.getByLabel(w.newRate).fill(lang === 'es' ? '5,5' : '5.5');
		await page.getByRole('button', { name: w.addRate }).click();
		await expect(page.getByTestId('tax-rates')).toContainText(lang === 'es' ? '5,5 %' : '5.5 %');
		const taxCard = page.locator('form', { has: page.getByTestId('tax-rates') });
		await taxCard.getByRole('button', { name: w.save }).click();
		await expect(taxCard.getByText(w.saved, { exact: true })).toBeVisible();
		const shopCard = page.locator('form', { has: page.getByLabel(w.shopName) });
		await page.getByLabel(w.shopName).fill('Boutique Lola');
		await shopCard.getByRole('button', { name: w.save }).click();
		await expect(shopCard.getByText(w.saved, { exact: true })).toBeVisible();
		// At tablet size: the receipts and taxes, then the team.
		const toTop = (heading: string) => page.getByRole('heading', { name: heading }).evaluate((h) => { h.closest('.card')?.scrollIntoView({ block: 'start' }); scrollBy(0, -12); });
		await toTop(w.shopTitle);
		await shot(page, `settings-taxes-${lang}`, false);
		await toTop(w.paymentsTitle);
		await shot(page, `settings-staff-${lang}`, false);

		// Ana, an admin, makes a product (making products is an admin's once there is a team).
		await open(page, '/products/new');
		await page.getByLabel('SKU', { exact: true }).fill(SCARF.sku);
		await page.getByLabel(w.productName, { exact: true }).fill(SCARF.name);
		await page.getByLabel(w.price).fill(w.price1250);
		await page.getByRole('button', { name: w.createProduct }).click();
		await expect(page).toHaveURL(new RegExp(`/products/${SCARF.sku}$`));

		// Luis takes the till: tap the chip, type his PIN (the fourth digit switches).
		await page.getByTestId('cashier-chip').click();
		const who = page.getByRole('dialog', { name: w.whoIs });
		await expect(who.getByTestId('pin-pad')).toBeVisible();
		await typePin(who, '56');
		await shot(page, `pin-pad-${lang}`, false);
		await typePin(who, '78');
		await expect(who).toBeHidden();
		await expect(page.getByTestId('cashier-chip')).toContainText('Luis');

		// As staff the analytics are gone from the rail, and reached by URL they say why.
		await expect(page.getByRole('link', { name: w.trends, exact: true })).toHaveCount(0);
		await expect(page.getByRole('link', { name: w.dashboard, exact: true })).toHaveCount(0);
		await expect(page.getByTestId('unlock-analytics')).toBeVisible();
		await open(page, '/trends');
		await expect(page.getByRole('heading', { name: w.lockedTitle })).toBeVisible();
		await expect(page.getByTestId('till-locked')).toContainText('Luis');
		await open(page, '/products/new');
		await expect(page.getByRole('heading', { name: w.lockedTitle })).toBeVisible();
		// A product's page offers him no edit (prices are an admin's).
		await open(page, `/products/${SCARF.sku}`);
		await expect(page.getByTestId('staff-no-edit')).toBeVisible();
		await open(page, '/trends');

		// A staff PIN does not unlock them; Ana's does, for the session.
		await page.getByRole('button', { name: w.unlockPage }).click();
		const admin = page.getByRole('dialog', { name: w.adminDialog });
		await typePin(admin, '5678');
		await expect(admin.getByText(w.wrongAdmin)).toBeVisible();
		await typePin(admin, '1234');
		await expect(admin).toBeHidden();
		await expect(page.getByTestId('till-locked')).toHaveCount(0);
		await expect(page.getByRole('link', { name: w.trends, exact: true })).toBeVisible();
		// Handed back: locked again.
		await page.getByTestId('lock-analytics').click();
		await expect(page.getByRole('heading', { name: w.lockedTitle })).toBeVisible();

		// The cash shift: closed until opened with a float of 100.
		await open(page, '/shift');
		await expect(page.getByText(w.closedTill)).toBeVisible();
		await expect(page.getByTestId('shift-state')).toHaveText(w.navClosed);
		await page.getByLabel(w.float).fill('100');
		await page.getByRole('button', { name: w.openTill }).click();
		await expect(page.getByText(w.tillOpen, { exact: true }).first()).toBeVisible();
		await expect(page.getByTestId('shift-state')).toHaveText(w.navOpen);

		// 5 taken out for the window cleaner.
		await page.getByLabel(w.payoutAmount, { exact: true }).fill('5');
		await page.getByLabel(w.payoutReason).fill(w.cleaning);
		await page.getByRole('button', { name: w.addPayout }).click();
		await expect(page.getByRole('cell', { name: w.cleaning })).toBeVisible();
		await expect(page.getByRole('cell', { name: 'Luis' })).toBeVisible();

		// Luis sells two scarves (25.00) for 50 in cash at the till.
		await open(page, '/sell');
		const search = page.getByLabel(w.search);
		for (let i = 0; i < 2; i++) {
			await search.fill(SCARF.sku);
			await search.press('Enter');
		}
		await page.getByRole('button', { name: w.charge, exact: true }).click();
		await page.locator('#pay-amount').fill('50');
		await page.getByRole('button', { name: w.confirm }).click();
		await expect(page.getByText(w.sold, { exact: true })).toBeVisible();

		// Closing: the till expects 100 + 25 − 5 = 120; counted by notes and coins, 119.
		await open(page, '/shift');
		await expect(page.getByTestId('expected-cash')).toHaveText(moneyText(lang, 120));
		await page.getByRole('button', { name: w.byNotes }).click();
		for (const [euros, count] of [[50, 2], [10, 1], [5, 1], [2, 2]] as const) {
			await page.getByLabel(w.howMany(money(lang, euros))).fill(String(count));
		}
		await expect(page.getByTestId('count-total')).toHaveText(moneyText(lang, 119));
		await expect(page.getByTestId('cash-difference')).toHaveText(w.short);
		await page.getByLabel(w.note, { exact: true }).fill(lang === 'es' ? 'Falta un euro' : 'One euro missing');
		await shot(page, `shift-close-${lang}`);
		await page.getByRole('button', { name: w.closeTill, exact: true }).last().click();

		// The close report: one ticket of 25.00, the cash expected, counted and short by 1.00.
		await expect(page.getByText(w.closeDone)).toBeVisible();
		const report = page.getByTestId('shift-report');
		await expect(report.getByRole('heading', { name: w.reportTitle })).toBeVisible();
		await expect(report).toContainText('Boutique Lola');
		await expect(page.getByTestId('report-tickets')).toHaveText('1');
		await expect(page.getByTestId('report-sales')).toHaveText(moneyText(lang, 25));
		await expect(page.getByTestId('report-expected')).toHaveText(moneyText(lang, 120));
		await expect(page.getByTestId('report-counted')).toHaveText(moneyText(lang, 119));
		await expect(page.getByTestId('report-difference')).toHaveText(w.short);
		await expect(report).toContainText('Luis');
		await expect(report).toContainText(w.cleaning);
		await expect(page.getByTestId('shift-state')).toHaveText(w.navClosed);
		await shot(page, `shift-report-${lang}`);

		// Printed, the report is all there is: no rail, no buttons.
		await page.emulateMedia({ media: 'print' });
		await expect(report).toBeVisible();
		await expect(page.getByTestId('report-difference')).toBeVisible();
		await expect(page.getByRole('navigation').first()).toBeHidden();
		await expect(page.getByRole('button', { name: w.print })).toBeHidden();
		await shot(page, `shift-report-print-${lang}`);
	});
}
