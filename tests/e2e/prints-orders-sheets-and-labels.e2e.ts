// A shop owner prints: a purchase order (A4, the shop and the supplier's contact, every line, the
// header again on each page), sends one by e-mail or only marks it as ordered, prints the stock
// count sheet with blank columns and barcode labels on 38 × 25 and 50 × 30 mm sheets. What goes on
// paper is checked as Chromium prints it: print media, page.pdf() and its text (pdftotext).
import { expect, test, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PrintSeed } from './prints-seed';
import { open } from './support/shop';

declare global { interface Window { printSeed: PrintSeed; printCalls?: number } }

let bundled: Promise<string> | null = null;
/** The seed (the app's own repository) bundled with esbuild, as support/app-repository.ts does. */
async function withSeed(page: Page) {
	bundled ??= build({
		entryPoints: [resolve('tests/e2e/prints-seed.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'silent',
		alias: { $core: resolve('src/core'), $lib: resolve('src/lib'), $workers: resolve('workers') }
	}).then((r) => r.outputFiles[0].text);
	await page.addScriptTag({ content: await bundled });
}

const SHOP = { shopName: 'Ferretería Luna', address: 'Calle Mayor 1, 28013 Madrid', taxId: 'B12345678' };
const MENAJE = { id: 'sup-menaje', name: 'Menaje Ibérico', contact: 'Rocío Navarro', email: 'pedidos@menaje.example', phone: '+34 954 662 107', defaultLeadTimeDays: 5, notes: '', updatedAt: 0 };
const SIN_CORREO = { id: 'sup-sin-correo', name: 'Tornillos Paco', contact: 'Paco', email: '', phone: '+34 600 000 000', defaultLeadTimeDays: 3, notes: '', updatedAt: 0 };
const PACIFICO = { id: 'sup-pacifico', name: 'Importaciones Pacífico', contact: '', email: 'compras@pacifico.example', phone: '', defaultLeadTimeDays: 7, notes: '', updatedAt: 0 };

const product = (sku: string, name: string, o: { category?: string; barcode?: string; supplierId?: string | null; unitPrice?: number; unitCost?: number } = {}) => ({
	id: `p-${sku}`, sku, barcode: o.barcode ?? '', name, category: o.category ?? 'Menaje', unitPrice: o.unitPrice ?? 1295, unitCost: o.unitCost ?? 455,
	supplierId: o.supplierId ?? null, leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: false, updatedAt: 0, taxRate: 21
});

/** The browser's wall clock as the app keeps time (local time written as if it were UTC). */
const localNow = (page: Page) => page.evaluate(() => Date.now() - new Date().getTimezoneOffset() * 60_000);

/** window.print() counted instead of opening the dialog, so the print root stays for page.pdf(). */
const stubPrint = (page: Page) => page.evaluate(() => { window.print = () => { window.printCalls = (window.printCalls ?? 0) + 1; }; });

/** Chromium's print of the page (print media, the page's @page rules) as a file, its page count and its text page by page. */
async function printedPdf(page: Page, name: string) {
	const pdf = await page.pdf({ preferCSSPageSize: true });
	const file = test.info().outputPath(`${name}.pdf`);
	writeFileSync(file, pdf);
	const latin1 = pdf.toString('latin1');
	const [, width, height] = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)/.exec(latin1)!;
	const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
	// Intl puts no-break spaces in amounts ("12,50 €"): compared as plain spaces.
	const pages = text.replace(/\u00a0/g, ' ').split('\f').filter((p) => p.trim());
	return { pages, count: Number(/\/Type\s*\/Pages[^>]*\/Count (\d+)/.exec(latin1)?.[1] ?? /\/Count (\d+)/.exec(latin1)![1]), width: Number(width), height: Number(height) };
}
/** A4 in points (210 × 297 mm). */
const A4 = { width: 595.28, height: 841.89 };
const MM_PX = 96 / 25.4;

/** What is drawn outside the printed document once print media applies (should be nothing). */
const drawnOutside = (page: Page) => page.evaluate(() => {
	const doc = document.querySelector('.print-document');
	return [...document.body.querySelectorAll('*')].filter((el) => {
		if (!doc || doc.contains(el) || el.contains(doc)) return false;
		const box = el.getBoundingClientRect();
		return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
	}).map((el) => `${el.tagName.toLowerCase()}.${el.className}`).slice(0, 5);
});

test('a sent order of 70 lines prints on A4 pages, each headed by the shop, the supplier and the order, with the totals once at the end', async ({ page }) => {
	await open(page, '/');
	await withSeed(page);
	const now = await localNow(page);
	const products = Array.from({ length: 70 }, (_, i) => product(`FER-${String(i + 1).padStart(3, '0')}`, `Tornillo de rosca chapa ${i + 1} mm (caja)`, { supplierId: MENAJE.id, unitCost: 100 + i }));
	await page.evaluate(async ({ shop, supplier, products, now }) => {
		await window.printSeed.putTillSettings(shop);
		await window.printSeed.putSuppliers([supplier]);
		await window.printSeed.putProducts(products);
		await window.printSeed.putPurchaseOrder({
			id: 'po-seed-1', number: 'PO-2026-03-14-7F3A', supplierId: supplier.id, status: 'ordered', note: '',
			lines: products.map((p, i) => ({ productId: p.id, quantity: (i % 5) + 1, unitCost: p.unitCost, receivedQuantity: null })),
			createdAt: now, orderedAt: now, expectedDay: Math.floor(now / 86_400_000) + 5, receivedAt: null, cancelledAt: null, deviceId: 'seed', updatedAt: now
		});
	}, { shop: SHOP, supplier: MENAJE, products, now });
	// Σ quantity × cost: quantities 1..5 repeating over costs 100..169 cents.
	const total = products.reduce((s, p, i) => s + ((i % 5) + 1) * p.unitCost, 0);
	const units = products.reduce((s, _, i) => s + (i % 5) + 1, 0);
	expect([total, units]).toEqual([28_385, 210]);

	await open(page, '/reorder');
	const sent = page.locator('section.sent li', { hasText: 'PO-2026-03-14-7F3A' });
	await expect(sent).toContainText('Menaje Ibérico');
	await stubPrint(page);
	await sent.getByRole('button', { name: 'Imprimir' }).click();
	await expect.poll(() => page.evaluate(() => window.printCalls)).toBe(1);

	const order = page.locator('.print-root').getByTestId('purchase-order');
	await expect(order).toBeAttached();
	// Never on screen: the page itself shows the order.
	await expect(order).toBeHidden();
	await expect(order.locator('tbody:not(.totals) tr')).toHaveCount(70);
	await expect(order.locator('thead')).toContainText('Ferretería Luna');
	await expect(order.locator('thead')).toContainText('NIF: B12345678');
	await expect(order.locator('thead')).toContainText('Contacto: Rocío Navarro');
	await expect(order.locator('thead')).toContainText('Correo: pedidos@menaje.example');
	await expect(order.locator('thead')).toContainText('Nº PO-2026-03-14-7F3A');
	await expect(order.locator('tbody tr').first()).toHaveText(/FER-001\s*Tornillo de rosca chapa 1 mm \(caja\)\s*1\s*1,00\s€\s*1,00\s€/);
	await expect(order.locator('.totals')).toContainText('283,85 €');

	await page.emulateMedia({ media: 'print' });
	await expect(order).toBeVisible();
	expect(await drawnOutside(page)).toEqual([]);
	// The head is a table header group: Chromium repeats it at the top of every printed page.
	expect(await order.locator('thead').evaluate((el) => getComputedStyle(el).display)).toBe('table-header-group');
	expect(await order.locator('.totals').evaluate((el) => getComputedStyle(el).display)).toBe('table-row-group');
	expect(await order.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor])).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);

	const pdf = await printedPdf(page, 'purchase-order');
	expect(pdf.width).toBeCloseTo(A4.width, 0);
	expect(pdf.height).toBeCloseTo(A4.height, 0);
	expect(pdf.count).toBeGreaterThanOrEqual(2);
	expect(pdf.pages).toHaveLength(pdf.count);
	pdf.pages.forEach((text, i) => {
		expect(text).toContain('Ferretería Luna');
		expect(text).toContain('Nº PO-2026-03-14-7F3A');
		expect(text).toMatch(/SKU\s+PRODUCTO\s+CANTIDAD/);
		expect(text).toContain(`Página ${i + 1} de ${pdf.count}`);
	});
	// Every line once, the totals once, on the last page.
	for (const p of products) expect(pdf.pages.join('\n').split(p.sku)).toHaveLength(2);
	expect(pdf.pages.filter((t) => t.includes('283,85 €'))).toHaveLength(1);
	expect(pdf.pages[pdf.count - 1]).toContain('283,85 €');
});

test('accepting a draft sends it by e-mail with its PDF, shares it where the device can, or only marks it as ordered without an address', async ({ page }) => {
	test.setTimeout(180_000);
	await open(page, '/');
	await withSeed(page);
	const now = await localNow(page);
	const day = 86_400_000;
	const products = [
		product('MEN-01', 'Sartén 24 cm', { supplierId: MENAJE.id, unitCost: 1250 }), product('MEN-02', 'Cazo 16 cm', { supplierId: MENAJE.id, unitCost: 890 }),
		product('TOR-01', 'Tornillos 4x40', { supplierId: SIN_CORREO.id, unitCost: 320 }),
		product('PAC-01', 'Farolillo papel', { supplierId: PACIFICO.id, unitCost: 150 })
	];
	// 120 days of steady sales and nothing on the shelf: every product needs ordering now.
	const sales = Array.from({ length: 120 }, (_, d) => ({
		id: `sale-${d}`, invoice: `T-${d}`, at: now - (120 - d) * day, customerId: null, deviceId: 'old-till',
		lines: products.map((p) => ({ productId: p.id, quantity: 2 + (d % 3), unitPrice: p.unitPrice, discount: 0 }))
	}));
	await page.evaluate(async ({ shop, suppliers, products, sales }) => {
		await window.printSeed.putTillSettings(shop);
		await window.printSeed.putSuppliers(suppliers);
		await window.printSeed.putProducts(products);
		await window.printSeed.importSales('import-1', sales);
	}, { shop: SHOP, suppliers: [MENAJE, SIN_CORREO, PACIFICO], products, sales });

	await open(page, '/reorder');
	await page.getByRole('button', { name: 'Calcular previsión' }).click();
	await expect(page.getByRole('heading', { name: 'Borradores de pedido' })).toBeVisible({ timeout: 120_000 });
	const draftOf = (supplier: string) => page.locator('article.draft', { has: page.getByRole('heading', { name: supplier }) });
	await expect(draftOf('Menaje Ibérico')).toContainText('Se enviará a pedidos@menaje.example');
	await expect(draftOf('Tornillos Paco')).toContainText('El proveedor no tiene correo en su ficha');
	await expect(draftOf('Tornillos Paco').getByRole('button', { name: 'Aceptar y enviar' })).toHaveCount(0);

	// This device cannot share files (desktop Chromium): the PDF downloads and a mail to the supplier opens.
	const menaje = draftOf('Menaje Ibérico');
	await menaje.getByLabel('Cantidad de Sartén 24 cm').fill('6');
	const downloading = page.waitForEvent('download');
	await menaje.getByRole('button', { name: 'Aceptar y enviar' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^PO-\d{4}-\d{2}-\d{2}-[0-9A-F]{4}\.pdf$/);
	await download.saveAs(test.info().outputPath('sent-order.pdf'));
	const pdfText = readFileSync(await download.path()).toString('latin1');
	expect(pdfText.startsWith('%PDF-1.4')).toBe(true);
	expect(pdfText).toContain('(Menaje Ib\\351rico)');
	// Our own PDF writer: WinAnsi text, é as \351, € as \200, the amounts' no-break space as \240.
	expect(pdfText).toMatch(/\(MEN-01 +Sart\\351n 24 cm +6 +12,50\\240\\200 +75,00\\240\\200\)/);
	const notice = page.getByRole('status').filter({ hasText: 'marcado como pedido' });
	await expect(notice).toContainText(`Se ha descargado ${download.suggestedFilename()} y se ha abierto tu correo con un mensaje para pedidos@menaje.example: adjunta el archivo y pulsa enviar.`);
	const mail = new URL((await notice.getByRole('link', { name: 'Abrir el correo otra vez' }).getAttribute('href'))!);
	expect(mail.protocol).toBe('mailto:');
	expect(mail.pathname).toBe('pedidos@menaje.example');
	expect(mail.searchParams.get('subject')).toMatch(/^Pedido PO-\S+ de Ferretería Luna$/);
	const body = mail.searchParams.get('body')!.replace(/\u00a0/g, ' ');
	expect(body).toContain('Hola, Rocío Navarro:');
	expect(body).toContain('6 × Sartén 24 cm (MEN-01) a 12,50 € = 75,00 €');
	expect(body).toContain(`El pedido completo va en el archivo adjunto ${download.suggestedFilename()}.`);
	await expect(page.locator('section.sent')).toContainText('6 × Sartén 24 cm');
	await expect(page.url()).toMatch(/\/reorder$/);

	// Without the supplier's address the button says what it does, and nothing downloads.
	let downloads = 0;
	page.on('download', () => downloads++);
	await draftOf('Tornillos Paco').getByRole('button', { name: 'Marcar como pedido' }).click();
	const notices = page.getByRole('status').filter({ hasText: /^Pedido|^No se ha/ });
	await expect(notices).toContainText(/Pedido PO-\S+ marcado como pedido \(no se ha enviado nada desde aquí\)/);
	await expect(page.locator('section.sent')).toContainText('Tornillos 4x40');

	// A tablet's share sheet: closing it sends nothing; choosing an app hands it the PDF and the CSV.
	await page.evaluate(() => {
		let answer: 'cancel' | 'share' = 'cancel';
		(window as unknown as { shareAnswer: (a: typeof answer) => void }).shareAnswer = (a) => (answer = a);
		Object.assign(navigator, {
			canShare: (data: ShareData) => !!data.files?.length,
			share: async (data: ShareData) => {
				if (answer === 'cancel') throw new DOMException('closed', 'AbortError');
				(window as unknown as { sharedFiles: string[] }).sharedFiles = data.files!.map((f) => `${f.name} ${f.type}`);
			}
		});
	});
	const pacifico = draftOf('Importaciones Pacífico');
	await pacifico.getByRole('button', { name: 'Aceptar y enviar' }).click();
	await expect(notices).toContainText(/No se ha enviado nada: el pedido PO-\S+ sigue en borrador\./);
	await expect(pacifico).toBeVisible();
	await page.evaluate(() => (window as unknown as { shareAnswer: (a: string) => void }).shareAnswer('share'));
	await pacifico.getByRole('button', { name: 'Aceptar y enviar' }).click();
	await expect(notices).toContainText(/Pedido PO-\S+ compartido \(PO-\S+\.pdf, PO-\S+\.csv\) y marcado como pedido: comprueba en la app que elegiste que ha salido hacia compras@pacifico\.example\./);
	expect(await page.evaluate(() => (window as unknown as { sharedFiles: string[] }).sharedFiles)).toEqual([
		expect.stringMatching(/^PO-\S+\.pdf application\/pdf$/), expect.stringMatching(/^PO-\S+\.csv text\/csv/)
	]);
	await expect(page.locator('section.sent')).toContainText('Farolillo papel');
	expect(downloads).toBe(0);
	await page.screenshot({ path: test.info().outputPath('reorder-after-sending.png'), fullPage: true });
});

test('the count sheet prints each category on its own page with blank counted, difference and notes columns (English)', async ({ page }) => {
	await open(page, '/');
	await withSeed(page);
	const products = [
		product('TAZ-01', 'Mug, blue', { category: 'Kitchen' }), product('TAZ-02', 'Mug, red', { category: 'Kitchen' }),
		product('VEL-01', 'Candle', { category: 'Home' }), product('SUELTO', 'Loose item', { category: '' })
	];
	await page.evaluate(async ({ shop, products }) => {
		await window.printSeed.putTillSettings(shop);
		await window.printSeed.putProducts(products);
		await window.printSeed.receive([{ productId: 'p-TAZ-01', quantity: 12 }, { productId: 'p-VEL-01', quantity: 3.5 }]);
	}, { shop: SHOP, products });
	await page.getByRole('button', { name: 'EN', exact: true }).click();

	await open(page, '/stock');
	await page.getByRole('link', { name: 'Print a count sheet' }).click();
	await expect(page).toHaveURL(/\/stock\/sheet$/);
	await expect(page).toHaveTitle(/^Stock count sheet · /);
	const sheet = page.getByTestId('count-sheet');
	const tables = sheet.locator('table.sheet');
	await expect(tables).toHaveCount(3);
	await expect(tables.nth(0)).toContainText('Category: Home');
	await expect(tables.nth(2)).toContainText('Category: No category');
	await expect(page.getByText('Sheets go by category: products have no location in the shop.')).toBeVisible();
	const kitchen = tables.nth(1);
	await expect(kitchen.locator('thead tr.columns th')).toHaveText(['SKU', 'Product', 'Expected', 'Counted', 'Difference', 'Notes']);
	await expect(kitchen.locator('tbody tr').first().locator('td')).toHaveText(['TAZ-01', 'Mug, blue', '12', '', '', '']);
	await expect(tables.nth(0).locator('tbody td.expected')).toHaveText('3.5');

	await page.emulateMedia({ media: 'print' });
	expect(await drawnOutside(page)).toEqual([]);
	// The blank columns keep room to write in: 9 mm rows, 20 mm count boxes.
	const cell = await kitchen.locator('tbody tr').first().locator('td.counted').boundingBox();
	expect(cell!.height).toBeGreaterThanOrEqual(9 * MM_PX - 1);
	expect(cell!.width).toBeGreaterThanOrEqual(20 * MM_PX - 1);
	expect(await tables.nth(1).evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');
	const pdf = await printedPdf(page, 'count-sheet');
	expect(pdf.count).toBe(3);
	expect(pdf.pages[1]).toContain('Category: Kitchen');
	expect(pdf.pages[1]).toMatch(/SKU\s+PRODUCT\s+EXPECTED\s+COUNTED\s+DIFFERENCE\s+NOTES/);
	expect(pdf.pages[1]).toContain('Page 2 of 3');
	// Nothing of the screen: no buttons, no fields.
	expect(pdf.pages.join('\n')).not.toMatch(/Print(?!ed)|Enter the count|All categories|Show the expected/);

	// A blind count: no expected figures on paper; one category on its own.
	await page.emulateMedia({ media: 'screen' });
	await page.getByLabel(/Show the expected stock/).uncheck();
	await page.getByLabel('Category', { exact: true }).selectOption('Kitchen');
	await expect(tables).toHaveCount(1);
	await expect(tables.first().locator('thead tr.columns th')).toHaveText(['SKU', 'Product', 'Counted', 'Difference', 'Notes']);
	await page.screenshot({ path: test.info().outputPath('count-sheet-en.png'), fullPage: true });
});

test('barcode labels: EAN-13 or Code 128 drawn as SVG, sized in millimetres on 38 × 25 and 50 × 30 mm A4 sheets', async ({ page }) => {
	await open(page, '/');
	await withSeed(page);
	const products = [
		product('TAZ-01', 'Taza de cerámica esmaltada azul', { barcode: '4006381333931', unitPrice: 1295 }),
		product('TAZ-02', 'Taza roja', { barcode: 'INT-778', unitPrice: 850 }),
		product('VEL-01', 'Vela', { unitPrice: 350 })
	];
	await page.evaluate(async ({ products }) => {
		await window.printSeed.putProducts(products);
		await window.printSeed.receive([{ productId: 'p-TAZ-01', quantity: 3 }]);
	}, { products });

	await open(page, '/products/labels?sku=TAZ-01&sku=TAZ-02&sku=VEL-01');
	await expect(page).toHaveTitle(/^Etiquetas con código de barras · /);
	const rows = page.locator('table.lines tbody tr');
	await expect(rows).toHaveCount(3);
	await expect(rows.nth(0)).toContainText('EAN-13 · 4006381333931');
	await expect(rows.nth(1)).toContainText('Code 128 · INT-778');
	await expect(rows.nth(2)).toContainText('Code 128 del SKU');
	// One label per unit in stock, one for a product with none.
	await expect(page.getByLabel('Etiquetas de Taza de cerámica esmaltada azul')).toHaveValue('3');
	await expect(page.getByLabel('Etiquetas de Vela')).toHaveValue('1');
	await page.getByLabel('Etiquetas de Vela').fill('2');
	await expect(page.getByRole('status').filter({ hasText: 'Etiquetas:' })).toHaveText('Etiquetas: 6 · Hojas A4: 1');

	const sheets = page.getByTestId('label-sheets');
	await expect(sheets.locator('.label[data-sku]')).toHaveCount(6);
	await expect(sheets.locator('.label[data-sku="TAZ-01"]').first()).toContainText('12,95 €');
	// Each label's barcode is an SVG in mm that shows its product's drawing.
	const bars = sheets.locator('.label[data-sku="TAZ-01"] svg.bars').first();
	await expect(bars).toHaveAttribute('width', /^\d+(\.\d+)?mm$/);
	await expect(bars).toHaveAttribute('height', /^\d+(\.\d+)?mm$/);
	await expect(bars).toHaveAttribute('aria-label', 'Código de barras 4006381333931');
	const symbolOf = (sku: string) => sheets.locator(`.label[data-sku="${sku}"] svg.bars use`).first().getAttribute('href');
	const eanSymbol = page.locator(`symbol${await symbolOf('TAZ-01')}`);
	expect(await eanSymbol.locator('rect').count()).toBeGreaterThan(25);
	// EAN-13's digits in its three groups under the bars; Code 128 shows the text it encodes.
	const textsOf = async (sku: string) => (await page.locator(`symbol${await symbolOf(sku)} text`).allTextContents()).filter(Boolean);
	expect(await textsOf('TAZ-01')).toEqual(['4', '006381', '333931']);
	expect(await textsOf('TAZ-02')).toEqual(['INT-778']);
	expect(await textsOf('VEL-01')).toEqual(['VEL-01']);

	await page.emulateMedia({ media: 'print' });
	expect(await drawnOutside(page)).toEqual([]);
	const label = await sheets.locator('.label').first().boundingBox();
	expect(label!.width).toBeCloseTo(38 * MM_PX, 0);
	expect(label!.height).toBeCloseTo(25 * MM_PX, 0);
	const first = await sheets.locator('.sheet').first().boundingBox();
	// The grid centred on A4: 10 mm from the left, 11 mm from the top.
	expect(label!.x - first!.x).toBeCloseTo(10 * MM_PX, 0);
	expect(label!.y - first!.y).toBeCloseTo(11 * MM_PX, 0);
	const drawn = await bars.boundingBox();
	expect(drawn!.width).toBeLessThanOrEqual(35 * MM_PX + 1);
	expect(drawn!.width).toBeGreaterThan(30 * MM_PX);
	let pdf = await printedPdf(page, 'labels-38x25');
	expect(pdf.count).toBe(1);
	expect(pdf.width).toBeCloseTo(A4.width, 0);
	expect(pdf.height).toBeCloseTo(A4.height, 0);
	expect(pdf.pages[0]).toContain('Taza de cerámica');
	expect(pdf.pages[0]).toContain('12,95 €');

	// 50 × 30 mm: 4 × 9 on a sheet; starting at label 35 of a used sheet puts the 6 labels on two sheets.
	await page.emulateMedia({ media: 'screen' });
	await page.getByLabel('Hoja de etiquetas', { exact: true }).selectOption('50x30');
	await page.getByLabel('Empezar en la etiqueta nº').fill('35');
	await expect(page.getByRole('status').filter({ hasText: 'Etiquetas:' })).toHaveText('Etiquetas: 6 · Hojas A4: 2');
	await expect(sheets.locator('.sheet').first().locator('.label.blank')).toHaveCount(34);
	await page.emulateMedia({ media: 'print' });
	const big = await sheets.locator('.label[data-sku]').first().boundingBox();
	expect(big!.width).toBeCloseTo(50 * MM_PX, 0);
	expect(big!.height).toBeCloseTo(30 * MM_PX, 0);
	pdf = await printedPdf(page, 'labels-50x30');
	expect(pdf.count).toBe(2);

	// Links on a printed page print as their text, without an address after them.
	await page.evaluate(() => {
		const a = document.createElement('a');
		a.href = '/products/TAZ-01';
		a.textContent = 'Taza';
		a.id = 'probe-link';
		document.querySelector('.label')!.append(a);
	});
	expect(await page.locator('#probe-link').evaluate((a) => {
		const s = getComputedStyle(a);
		return [s.textDecorationLine, s.color, getComputedStyle(a, '::after').content];
	})).toEqual(['none', 'rgb(0, 0, 0)', 'none']);

	// Bad input says what is wrong and nothing prints.
	await page.emulateMedia({ media: 'screen' });
	await page.getByLabel('Empezar en la etiqueta nº').fill('37');
	await expect(page.getByText('Escribe un número de 1 a 36')).toBeVisible();
	await page.getByLabel('Empezar en la etiqueta nº').fill('1');
	await page.getByLabel('Etiquetas de Vela').fill('2,5');
	await expect(page.getByText('Escribe un número entero, 0 o más')).toBeVisible();
	const printButtons = page.getByRole('button', { name: 'Imprimir etiquetas' });
	await expect(printButtons).toHaveCount(2);
	for (const b of await printButtons.all()) await expect(b).toBeDisabled();
	await page.getByLabel('Etiquetas de Vela').fill('5000');
	await expect(page.getByText(/Como mucho 2000 etiquetas cada vez: ahora son 5004/)).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Etiquetas:' })).toHaveText('Etiquetas: 5004 · Hojas A4: 139'); // 36 a sheet of 50 × 30 mm
	for (const b of await printButtons.all()) await expect(b).toBeDisabled();
});
