import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { withAppRepository } from './support/app-repository';
import { open } from './support/shop';

type Seed = {
	putTillSettings(s: object): Promise<void>;
	putProduct(p: object): Promise<void>;
	importSales(blockId: string, sales: object[]): Promise<void>;
	charge(d: object): Promise<string>;
};
declare global { interface Window { appRepository: Seed } }

const product = (id: string, sku: string, name: string, unitPrice: number, taxRate: number, optionValues: { name: string; value: string }[] = []) => ({
	id, sku, barcode: '', name, category: 'Ropa', unitPrice, unitCost: 0, supplierId: null, leadTimeDays: null, minOrderQty: 1, packSize: 1,
	reorderPoint: null, active: true, createdByImport: false, updatedAt: 0, taxRate, ...(optionValues.length ? { optionValues } : {})
});
const SHIRT = product('p-shirt-m', 'CAM-M-NEGRO', 'Camiseta básica', 1995, 21, [{ name: 'Talla', value: 'M' }, { name: 'Color', value: 'Negro' }]);
const BOOK = product('p-book', 'LIB-001', 'Libro de cuentos', 1500, 4);
const tillLine = (p: typeof SHIRT, quantity: number, extra: object = {}) => ({
	product: { id: p.id, sku: p.sku, name: p.name, taxRate: p.taxRate, optionValues: p.optionValues }, quantity, unitPrice: p.unitPrice, discount: null, ...extra
});
const draft = (saleId: string, lines: object[], extra: object = {}) => ({
	saleId, lines, ticketDiscount: null, tenders: [{ method: 'cash', amount: 6000 }], customer: null, cashier: 'Ana', approvedBy: '',
	returnOf: '', returnReason: '', shiftId: null, ...extra
});

/** The shop, its products and a sale paid with 60,00 in cash (2 shirts with 10 % off, a book): returns the invoice. */
async function ringUpASale(page: Page): Promise<string> {
	await open(page, '/');
	await withAppRepository(page);
	return page.evaluate(async ({ shirt, book, sale }) => {
		await window.appRepository.putTillSettings({ shopName: 'Boutique Luna', address: 'Calle Mayor 1, 28013 Madrid', taxId: 'B12345678', receiptFooter: 'Gracias por su visita', receiptPaper: '80mm' });
		await window.appRepository.putProduct(shirt);
		await window.appRepository.putProduct(book);
		return window.appRepository.charge(sale);
	}, {
		shirt: SHIRT, book: BOOK,
		sale: draft('sale-receipt-1', [tillLine(SHIRT, 2, { discount: { kind: 'percent', value: 10, reason: 'tara' } }), tillLine(BOOK, 1)])
	});
}

/** Prints the page as Chromium prints it (print media, the page's @page size): page count and width in points. */
async function printedPages(page: Page) {
	await page.emulateMedia({ media: null });
	const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
	const [, width] = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)/.exec(pdf)!;
	return { pages: Number(/\/Count (\d+)/.exec(pdf)![1]), width: Number(width) };
}
const MM = 72 / 25.4;

/** Every element drawn on the page that is not part of the receipt being printed. */
const visibleOutsideReceipt = (page: Page) => page.evaluate(() => {
	const root = document.querySelector('.receipt-print-root');
	return [...document.body.querySelectorAll('*')].filter((el) => {
		if (root?.contains(el) || el.contains(root)) return false;
		const box = el.getBoundingClientRect();
		const style = getComputedStyle(el);
		return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
	}).map((el) => `${el.tagName.toLowerCase()}.${el.className}`).slice(0, 10);
});

test('a sale opened from the sales history prints its receipt alone, with lines, tax, payments and barcode, and downloads as a PDF', async ({ page }) => {
	const invoice = await ringUpASale(page);
	expect(invoice).toMatch(/^[0-9A-F]{1,8}-000001$/);

	// The sales history lists it with its total and tax; typing part of its number finds it, a row opens it.
	await open(page, '/sales');
	await page.getByLabel('Nº de ticket').fill(invoice.slice(-6));
	const link = page.getByRole('link', { name: `Abrir el ticket ${invoice}` });
	await expect(link).toBeVisible();
	await expect(page.getByTestId('sales-totals')).toContainText('50,91'); // 2 × 19,95 − 3,99 + 15,00
	await expect(page.getByTestId('sales-tax-breakdown')).toContainText('IVA 21 %');
	await expect(page.getByText('Atendió Ana').first()).toBeVisible();
	await page.getByRole('cell', { name: 'Libro de cuentos' }).click();
	await expect(page).toHaveURL(new RegExp(`/sales/ticket\\?invoice=${invoice}`));

	const receipt = page.locator('main').getByTestId('receipt');
	await expect(receipt).toContainText('Boutique Luna');
	await expect(page.getByRole('link', { name: 'Devolver o cambiar' })).toHaveAttribute('href', `/sell?return=${invoice}`);
	await expect(page.getByTestId('chain-check')).toContainText('está completo y sin cambios');
	await page.screenshot({ path: test.info().outputPath('ticket-es.png') });

	// Print: only the receipt is on paper.
	await page.emulateMedia({ media: 'print' });
	const printed = page.locator('.receipt-print-root').getByTestId('receipt');
	await expect(printed).toBeVisible();
	for (const text of ['Boutique Luna', 'Calle Mayor 1, 28013 Madrid', 'NIF: B12345678', `Ticket${invoice}`, 'Le atendióAna', 'Camiseta básica', 'Talla=M; Color=Negro',
		'Descuento 10 % · tara', 'Libro de cuentos', 'TOTAL50,91 €', 'Efectivo entregado60,00 €', 'Cambio9,09 €', 'Gracias por su visita'])
		await expect(printed).toContainText(text, { useInnerText: false });
	const taxes = printed.locator('[data-section="taxes"]');
	await expect(taxes.getByRole('row', { name: /21 %/ })).toBeVisible();
	await expect(taxes.getByRole('row', { name: /4 %/ })).toBeVisible();
	await expect(taxes.getByRole('row', { name: /4 %/ })).toContainText('14,42 €'); // 15,00 with 4 % in it: base 14,42, tax 0,58
	const barcode = printed.getByTestId('receipt-barcode');
	await expect(barcode).toHaveAttribute('data-value', invoice);
	expect(await barcode.locator('rect').count()).toBeGreaterThan(30);
	expect(await visibleOutsideReceipt(page)).toEqual([]);
	await page.screenshot({ path: test.info().outputPath('print-es.png'), fullPage: true });
	// Printed for real: one page of the roll's width, as long as the receipt.
	const printedRoll = await printedPages(page);
	expect(printedRoll.pages).toBe(1);
	expect(printedRoll.width).toBeCloseTo(80 * MM, 0);
	await page.emulateMedia({ media: 'screen' });

	// The PDF: Chromium on Linux cannot share files, so it downloads.
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Descargar PDF' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe(`ticket-${invoice}.pdf`);
	const pdf = readFileSync((await download.path())!, 'latin1');
	expect(pdf.startsWith('%PDF-1.4')).toBe(true);
	expect(pdf).toContain(`/Title (Ticket ${invoice})`);
	expect(pdf).toContain(invoice);
	expect(pdf).toContain('Boutique Luna');
	await expect(page.getByRole('status').filter({ hasText: 'PDF descargado' })).toBeVisible();

	// In English, on 58 mm paper.
	await page.getByRole('button', { name: 'EN', exact: true }).click();
	await page.getByRole('button', { name: '58 mm' }).click();
	await expect(receipt).toContainText('Served by');
	await expect(page.locator('.receipt-print-root').getByTestId('receipt')).toHaveAttribute('data-paper', '58mm');
	await page.screenshot({ path: test.info().outputPath('ticket-en.png') });
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.receipt-print-root').getByTestId('receipt')).toContainText('Cash tendered');
	expect(await visibleOutsideReceipt(page)).toEqual([]);
	await page.screenshot({ path: test.info().outputPath('print-en.png'), fullPage: true });
	const printedNarrow = await printedPages(page);
	expect(printedNarrow.pages).toBe(1);
	expect(printedNarrow.width).toBeCloseTo(58 * MM, 0);
});

test('a return links to its original, the original lists it, and a scanned number opens the ticket', async ({ page }) => {
	const original = await ringUpASale(page);
	// One shirt back, at what was paid for it (35,91 for two).
	const returned = await page.evaluate((d) => window.appRepository.charge(d), draft('sale-receipt-2',
		[tillLine(SHIRT, -1, { returnOfLine: 0, unitPrice: 1795 })], { returnOf: original, tenders: [{ method: 'cash', amount: 1795 }] }));

	// A scanner types the number and Enter.
	await open(page, '/sales');
	const search = page.getByLabel('Nº de ticket');
	await search.fill(returned.toLowerCase());
	await search.press('Enter');
	await expect(page).toHaveURL(new RegExp(`/sales/ticket\\?invoice=${returned}`));
	const receipt = page.locator('main').getByTestId('receipt');
	await expect(receipt).toContainText('Devolución');
	await expect(receipt).toContainText('Devuelto (vuelve al stock)');
	await expect(receipt).toContainText('TOTAL A DEVOLVER');
	await page.getByTestId('original-ticket').click();
	await expect(page).toHaveURL(new RegExp(`/sales/ticket\\?invoice=${original}`));
	const returns = page.getByTestId('ticket-returns');
	await expect(returns.getByRole('link', { name: returned })).toBeVisible();
	await expect(returns).toContainText('Quedan por devolver 2 de 3 unidades.');
	await expect(page.getByTestId('chain-check')).toContainText('Los 2 tickets de la serie');

	await open(page, '/sales');
	await page.getByLabel('Nº de ticket').fill('NO-SUCH-1');
	await page.getByLabel('Nº de ticket').press('Enter');
	await expect(page.getByRole('alert')).toContainText('No hay ningún ticket NO-SUCH-1.');
});

test('an imported sale shows its lines with base, tax and total; a ticket changed in storage is named by the series check (English)', async ({ page }) => {
	const invoice = await ringUpASale(page);
	const second = await page.evaluate((d) => window.appRepository.charge(d), draft('sale-receipt-3', [tillLine(BOOK, 1)], { tenders: [{ method: 'card', amount: 1500 }] }));
	const at = await page.evaluate(() => Date.now() - new Date().getTimezoneOffset() * 60_000 - 3_600_000);
	await page.evaluate(({ at, shirt, book }) => window.appRepository.importSales('import-1', [{
		id: 'sale-imported-1', invoice: 'TPV-2041', at, customerId: null, deviceId: 'old-till',
		lines: [{ productId: shirt, quantity: 1, unitPrice: 2500, discount: 0 }, { productId: book, quantity: 2, unitPrice: 1200, discount: 100 }]
	}]), { at, shirt: SHIRT.id, book: BOOK.id });
	await page.getByRole('button', { name: 'EN', exact: true }).click();

	// The imported sale: no receipt, its lines as stored (no tax recorded), opened from the history.
	await open(page, '/sales');
	await page.getByLabel('Ticket no.').fill('tpv-2041');
	await page.getByRole('link', { name: 'Open ticket TPV-2041' }).click();
	const lines = page.getByTestId('sale-lines');
	await expect(lines).toContainText('it has no receipt to print');
	await expect(lines.getByRole('row', { name: /LIB-001/ })).toContainText('€23.00');
	await expect(lines.locator('tfoot')).toContainText('€48.00');
	await expect(page.getByRole('button', { name: 'Reprint' })).toHaveCount(0);
	await page.screenshot({ path: test.info().outputPath('imported-en.png') });

	// Someone edits the first ticket's total in the tablet's database: its series no longer verifies.
	await page.evaluate((invoice) => new Promise<void>((resolve, reject) => {
		const open = indexedDB.open('smart-inventory');
		open.onerror = () => reject(open.error);
		open.onsuccess = () => {
			const tx = open.result.transaction('tickets', 'readwrite');
			const store = tx.objectStore('tickets');
			const get = store.get(invoice);
			get.onsuccess = () => store.put({ ...get.result, total: 100 });
			tx.oncomplete = () => { open.result.close(); resolve(); };
			tx.onerror = () => reject(tx.error);
		};
	}), invoice);
	await open(page, `/sales/ticket?invoice=${second}`);
	const chain = page.getByTestId('chain-check');
	await expect(chain).toContainText(`Ticket ${invoice} was changed after it was charged.`);
	await chain.getByText('Details').click();
	await expect(chain).toContainText(`changed: ${invoice}`);
	await page.screenshot({ path: test.info().outputPath('chain-en.png') });
});
