import { describe, expect, it } from 'vitest';
import type { Cents, LocalTimestamp, ProductId } from '$core/brand';
import { ORDER_CSV_COLUMNS, purchaseOrderCsv } from '$core/purchase-orders/order-csv';
import { orderDocument, orderFileName, supplierEmailOf, type OrderDocument } from '$core/purchase-orders/order-document';
import { orderMailto } from '$core/purchase-orders/order-mail';
import { orderPdf, paginate, rowLines, type OrderPdfContent } from '$core/purchase-orders/order-pdf';
import { draftPurchaseOrder } from '$core/purchase-orders/purchase-order';

const at = Date.UTC(2026, 2, 14, 10, 30) as LocalTimestamp;
const id = (n: string) => n as ProductId;
const catalogue = new Map([
	[id('a'), { sku: 'TAZ-01', name: 'Taza "grande", azul' }],
	[id('b'), { sku: '=SUM(A1)', name: 'Plato llano' }]
]);
const shop = { name: ' Tienda Luna ', address: 'Calle Mayor 1, Madrid', taxId: 'B12345678' };
const supplier = { name: 'Menaje Ibérico', contact: 'Rocío', email: 'pedidos@menaje.example', phone: '+34 954 662 107' };

function sampleDoc(): OrderDocument {
	const draft = draftPurchaseOrder(null, [
		{ productId: id('a'), quantity: 3, unitCost: 255 as Cents },
		{ productId: id('b'), quantity: 1.5, unitCost: 333 as Cents },
		{ productId: id('gone'), quantity: 2, unitCost: 100 as Cents }
	], at, 'device-1');
	return orderDocument(draft, (p) => catalogue.get(p), supplier, shop);
}

describe('purchase order document', () => {
	it('names each line by SKU and name, totals to the cent and trims the shop', () => {
		const doc = sampleDoc();
		expect(doc.lines.map((l) => [l.sku, l.name, l.quantity, l.lineTotal])).toEqual([
			['TAZ-01', 'Taza "grande", azul', 3, 765],
			['=SUM(A1)', 'Plato llano', 1.5, 500], // 499.5 rounds to 500
			['', 'gone', 2, 200] // a product gone from the catalogue keeps its id
		]);
		expect(doc.total).toBe(1465);
		expect(doc.totalUnits).toBe(6.5);
		expect(doc.shop.name).toBe('Tienda Luna');
		expect(doc.date).toBe(at);
		expect(doc.number).toMatch(/^PO-2026-03-14-[0-9A-F]{4}$/);
	});

	it('mails only to an address a mailto: link can carry', () => {
		expect(supplierEmailOf({ email: ' pedidos@menaje.example ' })).toBe('pedidos@menaje.example');
		for (const bad of ['', 'pedidos', 'a@b', 'a b@c.es', 'a@b.es?cc=x@y.es', 'a@b.es&body=x', null]) {
			expect(supplierEmailOf(bad === null ? null : { email: bad })).toBeNull();
		}
	});

	it('makes file names a file system takes', () => {
		expect(orderFileName('PO-2026-03-14-7F3A', 'pdf')).toBe('PO-2026-03-14-7F3A.pdf');
		expect(orderFileName('PO 1/2', 'csv')).toBe('PO_1_2.csv');
	});
});

describe('purchase order CSV', () => {
	it('has a row per line with the order, date and supplier, quoted and formula-safe, in the chosen separators', () => {
		const csv = purchaseOrderCsv(sampleDoc(), { delimiter: ';', decimal: ',' });
		const [header, ...rows] = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
		expect(header).toBe(ORDER_CSV_COLUMNS.join(';'));
		expect(rows).toHaveLength(3);
		expect(rows[0]).toMatch(/^PO-2026-03-14-[0-9A-F]{4};2026-03-14;Menaje Ibérico;TAZ-01;"Taza ""grande"", azul";3;2,55;7,65$/);
		// A SKU that a spreadsheet would run as a formula is written as text.
		expect(rows[1].split(';')[3]).toBe("'=SUM(A1)");
		expect(rows[1].endsWith(';1,5;3,33;5,00')).toBe(true);
		expect(csv.startsWith('\uFEFF')).toBe(true);
	});

	it('leaves the supplier empty for products without one', () => {
		const doc = { ...sampleDoc(), supplier: null };
		expect(purchaseOrderCsv(doc).split('\r\n')[1].split(',')[2]).toBe('');
	});
});

describe('order e-mail', () => {
	const mail = (lines: number) => ({
		to: 'pedidos@menaje.example', subject: 'Pedido PO-1 de Tienda Luna', opening: ['Hola, Rocío:', ''],
		lines: Array.from({ length: lines }, (_, i) => `${i + 1} × Taza número ${i + 1} (TAZ-${i}) a 2,55 € = 7,65 €`),
		closing: ['', 'Total: 99,00 €', 'Gracias,'], more: (n: number) => `… y ${n} líneas más en el archivo adjunto.`
	});
	const bodyOf = (href: string) => decodeURIComponent(new URL(href).searchParams.get('body') ?? '');

	it('puts the subject and every line in the body when they fit, with CRLF line ends', () => {
		const { href, linesShown } = orderMailto(mail(3));
		expect(href.startsWith('mailto:pedidos@menaje.example?subject=Pedido%20PO-1%20de%20Tienda%20Luna&body=')).toBe(true);
		expect(linesShown).toBe(3);
		expect(href).toContain('%0D%0A');
		const body = new URL(href).searchParams.get('body')!;
		expect(body.split('\r\n')).toEqual(['Hola, Rocío:', '', ...mail(3).lines, '', 'Total: 99,00 €', 'Gracias,']);
	});

	it('keeps a long order within the length mail programs take, saying how many lines are only in the file', () => {
		const { href, linesShown } = orderMailto(mail(200), 1900);
		expect(href.length).toBeLessThanOrEqual(1900);
		expect(linesShown).toBeGreaterThan(5);
		expect(linesShown).toBeLessThan(200);
		const body = bodyOf(href);
		expect(body).toContain(`… y ${200 - linesShown} líneas más en el archivo adjunto.`);
		expect(body).toContain('Total: 99,00 €');
		expect(body).not.toContain(`Taza número ${linesShown + 1} `);
	});
});

describe('purchase order PDF', () => {
	const content = (rows: number): OrderPdfContent => ({
		title: 'Pedido PO-1', producer: 'Inventario',
		pageHeader: (page, pages) => [{ left: 'Tienda Luna', right: 'Pedido de compra', bold: true }, { left: 'Nº PO-1', right: `Página ${page} de ${pages}` }],
		firstPage: [{ left: 'Proveedor', bold: true }, { left: 'Menaje Ibérico' }],
		columns: ['SKU', 'Producto', 'Cantidad', 'Coste unit.', 'Importe'],
		rows: Array.from({ length: rows }, (_, i) => [`SKU-${i}`, `Producto número ${i} con un nombre bastante largo que no cabe en su columna`, '3', '2,55 €', '7,65 €'] as const),
		totals: [{ left: 'Total', right: '1.234,56 €', bold: true }]
	});
	const text = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

	it('wraps a long name inside its column and keeps the figures on the first line, flush right', () => {
		const lines = rowLines(['SKU-1', 'Un nombre de producto muy largo que necesita dos líneas o más para caber', '12', '2,55 €', '30,60 €']);
		expect(lines.length).toBeGreaterThan(1);
		expect(lines[0].startsWith('SKU-1')).toBe(true);
		expect(lines[0].endsWith('30,60 €')).toBe(true);
		expect(lines.slice(1).every((l) => !l.includes('€'))).toBe(true);
	});

	it('repeats the header with page n of N on every page and puts the totals once, after the last line', () => {
		const pages = paginate(content(120));
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(pages.reduce((s, p) => s + p.rows.length, 0)).toBe(120);
		const pdf = text(orderPdf(content(120)));
		expect(pdf.startsWith('%PDF-1.4')).toBe(true);
		expect(Number(/\/Count (\d+)/.exec(pdf)![1])).toBe(pages.length);
		for (let n = 1; n <= pages.length; n++) expect(pdf).toContain(`P\\341gina ${n} de ${pages.length}`);
		expect(pdf.match(/\(SKU {2,}Producto/g)).toHaveLength(pages.length);
		expect(pdf.match(/\(Total {2,}/g)).toHaveLength(1);
		expect(pdf.indexOf('(Total')).toBeGreaterThan(pdf.indexOf('SKU-119'));
		// The supplier's block is on the first page only.
		expect(pdf.match(/\(Menaje Ib\\351rico\)/g)).toHaveLength(1);
	});

	it('fits a short order on one page', () => {
		expect(paginate(content(5))).toHaveLength(1);
		expect(text(orderPdf(content(0)))).toContain('/Count 1');
	});
});
