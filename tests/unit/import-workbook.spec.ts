// An Excel workbook imports like a CSV: the worker's reader (read-excel-file's universal entry)
// on a workbook written by openpyxl, its typed cells as exact text, the sales sheet chosen among
// several, then the same detection and engine as a CSV into a repository.
import { readFileSync } from 'node:fs';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CANCELLATION_PREFIXES, DEFAULT_EXCLUDED_SKUS, SalesImporter } from '../../src/core/import/importer';
import { cellText, dateText, numberText, sheetRows, sniffSheet, summarizeSheets, type WorkbookCell, type WorkbookSheet } from '../../src/core/import/workbook';
import { MemoryRepository } from '../../src/core/memory-repository';

const FIXTURE = new URL('../e2e/fixtures/polish/ventas-tienda.xlsx', import.meta.url);

async function readBook(): Promise<WorkbookSheet[]> {
	const sheets = await readXlsxFile(new Blob([readFileSync(FIXTURE)]));
	return sheets.map((s) => ({ name: s.sheet, rows: sheetRows(s.data as WorkbookCell[][]) }));
}

describe('typed cells as text', () => {
	it('writes numbers with a dot, as Excel shows them, never with binary dust or an exponent', () => {
		expect(numberText(12.5)).toBe('12.5');
		expect(numberText(0.1 + 0.2)).toBe('0.3');
		expect(numberText(-3)).toBe('-3');
		expect(numberText(8412345678905)).toBe('8412345678905');
		expect(numberText(0.0000001)).toBe('0.0000001');
		expect(numberText(1e21)).toBe('1000000000000000000000');
	});

	it('writes dates as ISO days with the time to the second, and a time-only cell as a time', () => {
		// read-excel-file gives the wall clock as UTC; a serial date comes back a millisecond short.
		expect(dateText(new Date(Date.UTC(2024, 2, 4, 10, 30, 59, 999)))).toBe('2024-03-04 10:31:00');
		expect(dateText(new Date(Date.UTC(2024, 11, 31)))).toBe('2024-12-31');
		expect(dateText(new Date(Date.UTC(1899, 11, 30, 8, 26)))).toBe('08:26:00');
		expect(cellText(null)).toBe('');
		expect(cellText(true)).toBe('TRUE');
		expect(cellText('  T-1 ')).toBe('  T-1 ');
	});

	it('pads short rows to the sheet width', () => {
		expect(sheetRows([['a', 1], ['b']])).toEqual([['a', '1'], ['b', '']]);
	});
});

describe('a workbook from a spreadsheet program', () => {
	it('offers the sales sheet, not the summary before it', async () => {
		const sheets = await readBook();
		expect(sheets.map((s) => s.name)).toEqual(['Resumen', 'Ventas', 'Notas']);
		const { summaries, best } = summarizeSheets(sheets);
		expect(sheets[best].name).toBe('Ventas');
		expect(summaries.find((s) => s.name === 'Ventas')!.dataRows).toBe(6);
		expect(summaries.find((s) => s.name === 'Notas')!.dataRows).toBe(0);
	});

	it('detects header, columns and date format from typed cells: no question about dd/mm', async () => {
		const sheet = (await readBook())[1];
		const sniff = sniffSheet(sheet);
		expect(sniff.dialect.headerRow).toBe(2); // a title and a blank row above it
		expect(sniff.header).toEqual(['Fecha', 'Ticket', 'Código', 'Descripción', 'Cantidad', 'Precio', 'Cliente']);
		// 04/03/2024 as text would fit dd/mm and mm/dd; the typed date is one day.
		expect(sniff.dialect.dateOrder).toBe('ymd');
		expect(sniff.dialect.dateOrderCandidates).toEqual(['ymd']);
		expect(sniff.dialect.decimal).toBe('.');
		expect(sniff.mapping).toMatchObject({ dateTime: 0, invoice: 1, sku: 2, productName: 3, quantity: 4, unitPrice: 5, customer: 6 });
		expect(sniff.notes).toEqual([]);
		expect(sniff.preview[2]).toEqual(['2024-03-05 17:02:45', 'T-1002', 'CAL-100', 'Calcetines de lana', '3', '4.5', '']);
	});

	it('imports its sales exactly: the day and time, fractional quantities and cents as typed', async () => {
		const sheet = (await readBook())[1];
		const sniff = sniffSheet(sheet);
		const repo = new MemoryRepository();
		const importer = await SalesImporter.open(repo, {
			dialect: sniff.dialect, mapping: sniff.mapping, exclusions: { skus: DEFAULT_EXCLUDED_SKUS }, cancellationPrefixes: DEFAULT_CANCELLATION_PREFIXES,
			source: 'import:ventas-tienda.xlsx', deviceId: 'test', header: sniff.header
		});
		const first = sniff.dialect.headerRow + 1;
		await importer.addRows(sheet.rows.slice(first), first + 1);
		const summary = await importer.finish();
		expect(summary).toMatchObject({ rowsRead: 6, imported: 6, rejected: 0, productsCreated: 4, customersCreated: 3 });
		const blocks = await repo.saleBlocks();
		const products = new Map((await repo.listProducts()).map((p) => [p.id, p.sku]));
		const lines = blocks.flatMap((b) => Array.from({ length: b.lineCount }, (_, l) => ({
			sku: products.get(b.products[b.lineProduct[l]]), quantity: b.quantity[l], price: b.unitPrice[l]
		})));
		expect(lines.filter((l) => l.sku === 'GOR-007')).toEqual([{ sku: 'GOR-007', quantity: 1.5, price: 800 }]);
		expect(lines.filter((l) => l.sku === 'CAL-100')).toEqual([{ sku: 'CAL-100', quantity: 3, price: 450 }]);
		const sales = blocks.flatMap((b) => Array.from(b.saleAt));
		// 2024-03-04 10:31 as the shop's wall clock (LocalTimestamp: ms as if UTC).
		expect(Math.min(...sales)).toBe(Date.UTC(2024, 2, 4, 10, 31));
		expect(Math.max(...sales)).toBe(Date.UTC(2024, 3, 12, 19, 59));
	});
});
