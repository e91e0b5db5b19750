// The import engine on the nasty corpus and the real data sets: what is detected, what is
// rejected (row, field, reason), and that imported + duplicates + rejected = data rows, always.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { MemoryRepository } from '../../src/core/memory-repository';
import { BLOCK_LINES, blockSales } from '../../src/core/sale-blocks';
import { DEFAULT_EXCLUDED_SKUS, ImportConfigError, rejectsCsv, SalesImporter } from '../../src/core/import/importer';
import { DateOrderScan, suggestMapping } from '../../src/core/import/sniff';
import { decodeBytes } from '../../src/core/import/decode';
import { salesLines, HEADER } from '../../scripts/make-sales-csv';
import { dataFile, fixture, importBytes, sniffBytes } from './import-helpers';

const enc = (s: string) => new TextEncoder().encode(s);

async function lines(repo: MemoryRepository) {
	const blocks = await repo.saleBlocks();
	return blocks.flatMap((b) => blockSales(b).flatMap((s) => s.lines.map((l) => ({ invoice: s.invoice, at: s.at, ...l }))));
}

describe('nasty corpus', () => {
	it('rejects each bad row with its row, field and reason, keeps the rest, and counts every row', async () => {
		const repo = new MemoryRepository();
		const { summary, rejects, dataRows } = await importBytes(repo, fixture('nasty-rows.csv'), { chunk: 4 });
		expect(rejects.map((r) => [r.row, r.field, r.code])).toEqual([
			[5, 'quantity', 'not_a_number'], [6, 'dateTime', 'invalid_date'], [8, 'unitPrice', 'negative_price'],
			[9, 'row', 'missing_columns'], [10, 'row', 'repeated_header'], [11, 'sku', 'excluded'],
			[14, 'sku', 'missing_sku'], [16, 'unitPrice', 'not_a_number']
		]);
		expect(rejects[0].reason).toBe('quantity "dos" is not a number');
		expect(rejects[1].reason).toBe('"2021-02-30 12:00" is not a real date (yyyy-mm-dd)');
		expect(summary!.blank).toBe(1);
		expect(summary!.rowsRead).toBe(dataRows - 1);
		expect(summary!.imported + summary!.duplicates + summary!.rejected).toBe(15);
		expect(summary!.imported).toBe(7);
		const stored = await lines(repo);
		expect(stored).toHaveLength(7);
		// A cancelled invoice and a negative quantity are returns; a price of 0 is kept.
		expect(stored.filter((l) => l.quantity < 0).map((l) => [l.invoice, l.quantity])).toEqual([['C1008', -1], ['1009', -3]]);
		expect(stored.find((l) => l.invoice === '1004')!.unitPrice).toBe(0);
		const products = await repo.listProducts();
		expect(products.map((p) => p.sku).sort()).toEqual(['A1', 'A2', 'A4', 'A6']);
		expect(products.every((p) => p.createdByImport)).toBe(true);
		expect(products.find((p) => p.sku === 'A6')!.name).toBe('Descripción\ncon salto');
		expect((await repo.counts()).customers).toBe(2);
		const csv = rejectsCsv(rejects, ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']);
		const parsed = Papa.parse<string[]>(csv.trim()).data;
		expect(parsed[0].slice(0, 4)).toEqual(['row', 'field', 'reason', 'InvoiceNo']);
		expect(parsed[1].slice(0, 4)).toEqual(['5', 'quantity', 'quantity "dos" is not a number', '1002']);
		expect(parsed).toHaveLength(9);
		// The same file again adds nothing.
		const again = await importBytes(repo, fixture('nasty-rows.csv'));
		expect([again.summary!.imported, again.summary!.duplicates, again.summary!.rejected]).toEqual([0, 7, 8]);
		expect(await lines(repo)).toHaveLength(7);
	});

	it('reads a UTF-8 file with BOM, CRLF and quoted newlines, commas and quotes', async () => {
		const repo = new MemoryRepository();
		const { sniff, summary } = await importBytes(repo, fixture('bom-crlf-quoted-newlines.csv'));
		expect(sniff.dialect).toMatchObject({ encoding: 'utf-8-bom', delimiter: ',', decimal: '.', dateOrder: 'ymd', headerRow: 0 });
		expect(sniff.header[0]).toBe('InvoiceNo');
		expect(summary!.imported).toBe(4);
		const names = (await repo.listProducts()).map((p) => p.name).sort();
		expect(names).toContain('HAND WARMER\r\nUNION JACK');
		expect(names).toContain('ASSORTED "BIRD" ORNAMENT');
		expect(names).toContain('LANTERN, WHITE METAL');
		// "17850.0" is customer 17850; sales are grouped by invoice.
		expect((await repo.listCustomers()).map((c) => c.code).sort()).toEqual(['13047', '17850']);
		expect((await repo.saleBlocks())[0].saleCount).toBe(3);
	});

	it('reads a Spanish export: title rows, ";" with decimal comma, dd/mm/yyyy, category, cost and supplier', async () => {
		const repo = new MemoryRepository();
		const { sniff, summary } = await importBytes(repo, fixture('semicolon-decimal-comma-es.csv'));
		expect(sniff.dialect).toMatchObject({ delimiter: ';', decimal: ',', dateOrder: 'dmy', headerRow: 2 });
		expect(sniff.mapping).toEqual({ dateTime: 0, invoice: 1, sku: 2, productName: 3, quantity: 4, unitPrice: 5, lineTotal: 6, customer: 7, store: 8, category: 9, unitCost: 10, supplier: 11 });
		expect(summary).toMatchObject({ imported: 4, rejected: 0, duplicates: 0 });
		const cam = (await repo.getProductBySku('CAM-01'))!;
		expect(cam).toMatchObject({ name: 'Camiseta niño', unitPrice: 123450, unitCost: 60000, category: 'Ropa', createdByImport: true });
		const suppliers = await repo.listSuppliers();
		expect(suppliers.map((s) => s.name).sort()).toEqual(['Cerámicas Paco', 'Textiles Sur']);
		expect(cam.supplierId).toBe(suppliers.find((s) => s.name === 'Textiles Sur')!.id);
		const stored = await lines(repo);
		expect(stored.map((l) => [l.invoice, l.quantity, l.unitPrice])).toEqual([['T-001', 2, 123450], ['T-001', 1, 450], ['T-002', 1, 1200], ['T-003', -1, 450]]);
		expect(stored[0].at).toBe(Date.UTC(2024, 0, 15, 10, 30));
		// Stock: one movement per product per block, sales out and returns back.
		const stock = await repo.stockLevels();
		expect(stock.get(cam.id)).toBe(-3);
	});

	it('reads Windows-1252 (Latin-1) accents and € without a product code column', async () => {
		const repo = new MemoryRepository();
		const { sniff, summary } = await importBytes(repo, fixture('latin1-windows-1252.csv'));
		expect(sniff.dialect).toMatchObject({ encoding: 'windows-1252', delimiter: ';', decimal: ',', dateOrder: 'dmy' });
		expect(sniff.header).toEqual(['Fecha', 'Artículo', 'Cantidad', 'Precio', 'Categoría']);
		expect(summary).toMatchObject({ imported: 3, rejected: 0 });
		expect(await repo.getProductBySku('Camiseta niño')).toMatchObject({ name: 'Camiseta niño', unitPrice: 995, category: 'Ropa niño' });
	});

	it('asks instead of guessing when every date fits dd/mm and mm/dd', async () => {
		const sniff = sniffBytes(fixture('ambiguous-dates.csv'));
		expect(sniff.dialect.dateOrder).toBeNull();
		expect(sniff.dialect.dateOrderCandidates).toEqual(['dmy', 'mdy']);
		expect(sniff.warnings.join(' ')).toMatch(/dd\/mm\/yyyy or mm\/dd\/yyyy/);
		expect(sniff.notes?.map((n) => n.code)).toContain('dates_ambiguous');
		await expect(importBytes(new MemoryRepository(), fixture('ambiguous-dates.csv'))).rejects.toBeInstanceOf(ImportConfigError);
		const repo = new MemoryRepository();
		await importBytes(repo, fixture('ambiguous-dates.csv'), { dateOrder: 'mdy' });
		expect((await lines(repo)).map((l) => l.at)).toEqual([Date.UTC(2024, 0, 2), Date.UTC(2024, 2, 4), Date.UTC(2024, 4, 6, 18, 30)]);
	});

	it('reads dates with month names (English and Spanish) without asking for the order', async () => {
		const repo = new MemoryRepository();
		const result = await importBytes(repo, fixture('month-names.csv'));
		expect(result.sniff.dialect.dateOrder).not.toBeNull();
		expect(result.summary).toMatchObject({ imported: 4, rejected: 0 });
		expect((await lines(repo)).map((l) => l.at)).toEqual([Date.UTC(2011, 0, 12, 8, 26), Date.UTC(2011, 0, 13, 9), Date.UTC(2011, 1, 1), Date.UTC(2011, 1, 3, 14, 15)]);
	});

	it('reads "|" with thousands separators, AM/PM and £, and tab with 2-digit years', async () => {
		const repo = new MemoryRepository();
		const pipe = await importBytes(repo, fixture('pipe-us-thousands.csv'));
		expect(pipe.sniff.dialect).toMatchObject({ delimiter: '|', decimal: '.', dateOrder: 'mdy' });
		expect((await lines(repo)).map((l) => [l.unitPrice, l.at])).toEqual([[123450, Date.UTC(2024, 2, 15, 14, 30)], [255, Date.UTC(2024, 2, 15, 14, 30)], [123450, Date.UTC(2024, 2, 16, 9, 5)]]);
		const repo2 = new MemoryRepository();
		const tab = await importBytes(repo2, fixture('tab-two-digit-years.tsv'));
		expect(tab.sniff.dialect).toMatchObject({ delimiter: '\t', decimal: ',', dateOrder: 'dmy' });
		expect((await lines(repo2)).map((l) => [l.at, l.quantity])).toEqual([[Date.UTC(2023, 11, 31), 1], [Date.UTC(2024, 0, 2), 2.5], [Date.UTC(2024, 0, 3), 1]]);
	});

	it('keeps identical lines of one invoice (occurrence numbers) and still adds none on a second import', async () => {
		const file = enc('InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice\n1,A,1,2024-01-01 10:00,1.00\n1,A,1,2024-01-01 10:00,1.00\n1,X,1,2024-01-01 10:00,1.00\n');
		const repo = new MemoryRepository();
		expect((await importBytes(repo, file)).summary!.imported).toBe(3);
		const again = await importBytes(repo, file);
		expect([again.summary!.imported, again.summary!.duplicates]).toEqual([0, 3]);
		// An overlapping file with one more identical line adds exactly that line.
		const more = enc('InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice\n1,A,1,2024-01-01 10:00,1.00\n1,A,1,2024-01-01 10:00,1.00\n1,A,1,2024-01-01 10:00,1.00\n');
		expect((await importBytes(repo, more)).summary).toMatchObject({ imported: 1, duplicates: 2 });
		expect(await lines(repo)).toHaveLength(4);
	});

	it('skips a title row that the spreadsheet padded to the full width', () => {
		const sniff = sniffBytes(enc('Informe de ventas;;;\n;;;\nFecha;Código;Cantidad;Precio\n01/02/2024;A;1;2,50\n13/02/2024;B;1;2,50\n'));
		expect(sniff.dialect.headerRow).toBe(2);
		expect(sniff.header).toEqual(['Fecha', 'Código', 'Cantidad', 'Precio']);
	});

	it('rejects rows wider than the header (an unquoted delimiter) instead of shifting columns', async () => {
		const file = enc('Fecha;Código;Cantidad;Precio\n01/02/2024;A;1;2,50\n13/02/2024;B;1;2;50\n');
		const { rejects, summary } = await importBytes(new MemoryRepository(), file);
		expect(rejects.map((r) => [r.row, r.field, r.code])).toEqual([[3, 'row', 'wrong_column_count']]);
		expect(summary).toMatchObject({ imported: 1, rejected: 1 });
	});
});

function generated(count: number) {
	return enc(`${HEADER}\n${[...salesLines(count, 7)].join('\n')}\n`);
}

describe('blocks, kills and storage errors', () => {
	it('writes whole invoices in blocks of at most BLOCK_LINES with a key per line, and one movement per product per block', async () => {
		const repo = new MemoryRepository();
		const { summary } = await importBytes(repo, generated(25_000), { chunk: 3000 });
		expect(summary!.imported + summary!.rejected).toBe(25_000);
		const blocks = await repo.saleBlocks();
		expect(blocks.length).toBe(3);
		for (const b of blocks) {
			expect(b.lineCount).toBeLessThanOrEqual(BLOCK_LINES);
			expect(b.lineKeys).toHaveLength(b.lineCount);
			expect(new Set(b.invoices).size).toBe(b.saleCount);
		}
		const invoicesPerBlock = blocks.map((b) => new Set(b.invoices));
		for (const inv of invoicesPerBlock[0]) expect(invoicesPerBlock[1].has(inv)).toBe(false);
		const counts = await repo.counts();
		expect(counts.saleLines).toBe(summary!.imported);
		const perBlockProducts = blocks.reduce((n, b) => n + b.products.length, 0);
		expect(counts.movements).toBeLessThanOrEqual(perBlockProducts);
	});

	it('an import killed half way keeps its blocks, and the repeat ends with exactly the file', async () => {
		const repo = new MemoryRepository();
		const file = generated(30_000);
		const killed = await importBytes(repo, file, { chunk: 1000, killAfterChunks: 15 });
		expect(killed.summary).toBeNull();
		const kept = (await repo.counts()).saleLines;
		expect(kept).toBeGreaterThan(0);
		expect(kept).toBeLessThan(15_000);
		const { summary } = await importBytes(repo, file, { chunk: 1000 });
		expect(summary!.duplicates).toBe(kept);
		expect(summary!.imported + summary!.duplicates + summary!.rejected).toBe(30_000);
		expect((await repo.counts()).saleLines).toBe(30_000 - summary!.rejected);
	});

	it('reports a full storage as quota and keeps the blocks written before', async () => {
		const repo = new MemoryRepository();
		const append = repo.appendSales.bind(repo);
		let calls = 0;
		repo.appendSales = async (batch) => {
			if (++calls === 2) throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
			return append(batch);
		};
		// Surfaces on the next addRows (ImportStorageError) or, if the rows were all given, in finish().
		const outcome = await importBytes(repo, generated(25_000), { chunk: 12_000 }).then((r) => r.summary!.error?.code, (e) => e.code);
		expect(outcome).toBe('quota');
		expect((await repo.counts()).saleLines).toBeGreaterThan(0);
	});
});

describe('real data sets', () => {
	it('Bread Basket: date and time columns, no prices, NONE excluded', async () => {
		const repo = new MemoryRepository();
		const { sniff, summary, rejects } = await importBytes(repo, dataFile('bread-basket/BreadBasket_DMS.csv'), { chunk: 5000 });
		expect(sniff.mapping).toEqual({ date: 0, time: 1, invoice: 2, productName: 3 });
		expect(sniff.dialect.dateOrder).toBe('dmy');
		expect(summary!.imported + summary!.duplicates + summary!.rejected).toBe(21_293);
		expect(rejects.every((r) => r.code === 'excluded' && r.raw[3] === 'NONE')).toBe(true);
		expect(summary!.productsCreated).toBe(94);
		const first = (await repo.saleBlocks()).find((b) => b.invoices[0] === '1')!;
		expect(first.saleAt[0]).toBe(Date.UTC(2016, 9, 30, 9, 58, 11));
	});

	it('Online Retail sample: US 2-digit-year dates are ambiguous at the start and decided by the whole file', async () => {
		const bytes = dataFile('online-retail-sample/online_retail_sample.csv');
		const sniff = sniffBytes(bytes);
		expect(sniff.mapping).toMatchObject({ invoice: 0, sku: 1, productName: 2, quantity: 3, dateTime: 4, unitPrice: 5, lineTotal: 8, customer: 6, store: 7 });
		const scan = new DateOrderScan();
		for (const row of Papa.parse<string[]>(decodeBytes(bytes, 'utf-8')).data.slice(1)) scan.add(row[4] ?? '');
		expect(scan.candidates).toEqual(['mdy']);
		const repo = new MemoryRepository();
		const { summary } = await importBytes(repo, bytes, { dateOrder: 'mdy', chunk: 5000 });
		expect(summary!.imported + summary!.duplicates + summary!.rejected).toBe(28_492);
	});

	it('Pharmacy: the wide layout (one column per product) is detected, said, and unpivoted', async () => {
		const bytes = dataFile('pharmacy/salesdaily.csv');
		const sniff = sniffBytes(bytes);
		expect(sniff.dialect).toMatchObject({ delimiter: ';', decimal: '.', dateOrder: 'mdy' });
		expect(sniff.mapping.dateTime).toBe(0);
		expect(sniff.wideColumns).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect(sniff.warnings.join(' ')).toMatch(/Wide layout: one column per product \(M01AB, M01AE, N02BA, N02BE, …\)/);
		expect(sniff.notes).toContainEqual({ code: 'wide', params: { columns: 'M01AB, M01AE, N02BA, N02BE, N05B, N05C, R03, R06' } });
		const repo = new MemoryRepository();
		const text = decodeBytes(bytes, 'utf-8');
		const importer = await SalesImporter.open(repo, {
			dialect: sniff.dialect, mapping: sniff.mapping, exclusions: { skus: [] }, cancellationPrefixes: [], source: 'import:pharmacy', deviceId: 'd',
			header: sniff.header, wide: { columns: sniff.wideColumns! }
		});
		const rows = Papa.parse<string[]>(text, { delimiter: ';' }).data.slice(1);
		await importer.addRows([...rows.slice(0, 2), ['1/4/2014', 'x', '1', '', '', '', '', '', '', '2014', '1', '1', 'Saturday'], ...rows.slice(2)], 2);
		const s = await importer.finish();
		expect(importer.rejects().map((r) => [r.row, r.field, r.code, r.reason])).toEqual([[4, 'quantity', 'not_a_number', 'M01AB: quantity "x" is not a number']]);
		expect(s.imported + s.rejected + s.blank! - 8 - 1).toBe(2106 * 8); // the inserted row: 1 reject, 1 line, 6 empty cells; plus the final blank line
		const first = (await lines(repo)).filter((l) => l.at === Date.UTC(2014, 0, 2));
		expect(first.map((l) => l.quantity)).toEqual([3.67, 3.4, 32.4, 7, 2]);
	});

	it('Online Retail (370,931 lines): every line accounted for, the overlapping sample adds nothing', async () => {
		const repo = new MemoryRepository();
		const { summary, rejects } = await importBytes(repo, dataFile('online-retail/online_retail_2010-12_2011-09.csv'), { chunk: 20_000 });
		expect(summary!.imported + summary!.duplicates + summary!.rejected).toBe(370_931);
		expect(rejects.every((r) => r.code === 'excluded' && DEFAULT_EXCLUDED_SKUS.includes(r.raw[1].toUpperCase()))).toBe(true);
		expect((await repo.counts()).saleLines).toBe(summary!.imported);
		const sample = await importBytes(repo, dataFile('online-retail-sample/online_retail_sample.csv'), { dateOrder: 'mdy', chunk: 5000 });
		expect(sample.summary!.imported).toBe(0);
		expect(sample.summary!.duplicates + sample.summary!.rejected).toBe(28_492);
	}, 60_000);
});

describe('header names', () => {
	const named = (header: string[]) => Object.fromEntries(Object.entries(suggestMapping(header)).map(([f, i]) => [f, header[i as number]]));
	it('maps other common layouts, Spanish and English, by exact names and then by telling words', () => {
		expect(named(['Order ID', 'Product', 'Quantity Ordered', 'Price Each', 'Order Date', 'Purchase Address'])).toEqual({
			invoice: 'Order ID', productName: 'Product', quantity: 'Quantity Ordered', unitPrice: 'Price Each', dateTime: 'Order Date' });
		expect(named(['Fecha venta', 'Hora', 'Nº Ticket', 'Cód. artículo', 'Descripción', 'Unidades vendidas', 'Precio Unit.', 'Precio coste', 'Total línea', 'Código cliente', 'Familia'])).toEqual({
			date: 'Fecha venta', time: 'Hora', invoice: 'Nº Ticket', sku: 'Cód. artículo', productName: 'Descripción', quantity: 'Unidades vendidas',
			unitPrice: 'Precio Unit.', unitCost: 'Precio coste', lineTotal: 'Total línea', customer: 'Código cliente', category: 'Familia' });
		expect(named(['Row ID', 'Order ID', 'Order Date', 'Ship Date', 'Customer ID', 'Country', 'Product ID', 'Category', 'Product Name', 'Sales', 'Quantity', 'Discount'])).toEqual({
			invoice: 'Order ID', dateTime: 'Order Date', customer: 'Customer ID', store: 'Country', sku: 'Product ID', category: 'Category', productName: 'Product Name', lineTotal: 'Sales', quantity: 'Quantity' });
	});

	it('reads "<thing> id" and "<thing> name" as the product when nothing else names it (a pizza place, a coffee machine)', () => {
		expect(named(['order_id', 'date', 'time', 'pizza_id', 'pizza_name', 'category', 'size', 'quantity', 'unit_price'])).toMatchObject({
			invoice: 'order_id', sku: 'pizza_id', productName: 'pizza_name', category: 'category', size: 'size', quantity: 'quantity', unitPrice: 'unit_price' });
		expect(named(['date', 'datetime', 'cash_type', 'card', 'money', 'coffee_name'])).toMatchObject({ productName: 'coffee_name', customer: 'card', lineTotal: 'money' });
		// A "Card" column of amounts is a payment, not a customer.
		expect(suggestMapping(['Date', 'Item', 'Card'], [['2024-03-01', 'Latte', '12.50'], ['2024-03-01', 'Mocha', '3.20']]).customer).toBeUndefined();
		// A customer's or a cashier's name is never taken for the product, nor the calendar's.
		expect(named(['datum', 'M01AB', 'Weekday Name'])).not.toHaveProperty('productName');
		expect(named(['Fecha', 'Customer Name', 'Cashier Name', 'Cantidad'])).not.toHaveProperty('productName');
	});

	it('checks names against the cells: POS and web-shop exports import whole with the suggested mapping', async () => {
		// Square: "Price Point Name" holds "Regular" (not a price); the line total is "Gross Sales" in $; a refund is a negative line.
		const square = await importBytes(new MemoryRepository(), fixture('square-item-sales.csv'));
		expect(Object.fromEntries(Object.entries(square.sniff.mapping).map(([f, i]) => [f, square.sniff.header[i as number]]))).toMatchObject({
			date: 'Date', time: 'Time', invoice: 'Transaction ID', sku: 'SKU', productName: 'Item', quantity: 'Qty', lineTotal: 'Gross Sales', customer: 'Customer ID', store: 'Location' });
		expect(square.sniff.mapping.unitPrice).toBeUndefined();
		expect(square.summary).toMatchObject({ rowsRead: 4, imported: 4, rejected: 0 });
		// Shopify: "Paid at" and "Discount Code" are only on an order's first line; the line item columns are the sale lines.
		const shopify = await importBytes(new MemoryRepository(), fixture('shopify-orders.csv'));
		expect(shopify.sniff.mapping).toMatchObject({ dateTime: 15, sku: 20, productName: 17, quantity: 16, unitPrice: 18 });
		expect(shopify.summary).toMatchObject({ rowsRead: 3, imported: 3, rejected: 0 });
		// A Spanish till: Latin-1, ';', decimal comma, separate date and time, a return line.
		const tpv = await importBytes(new MemoryRepository(), fixture('tpv-latin1-ticket-tienda.csv'));
		expect(tpv.sniff.dialect).toMatchObject({ encoding: 'windows-1252', delimiter: ';', decimal: ',', dateOrder: 'dmy' });
		expect(tpv.summary).toMatchObject({ rowsRead: 3, imported: 3, rejected: 0 });
	});
});

describe('options', () => {
	it('refuses to open without a date or product column', async () => {
		const sniff = sniffBytes(fixture('nasty-rows.csv'));
		const base = { dialect: sniff.dialect, exclusions: { skus: [] }, cancellationPrefixes: ['C'], source: 's', deviceId: 'd' };
		await expect(SalesImporter.open(new MemoryRepository(), { ...base, mapping: { sku: 1 } })).rejects.toThrow(/date/);
		await expect(SalesImporter.open(new MemoryRepository(), { ...base, mapping: { dateTime: 4 } })).rejects.toThrow(/product/);
	});
});
