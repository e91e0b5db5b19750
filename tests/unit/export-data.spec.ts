// The five CSV exports: fixed English columns, shop codes instead of ids, money and quantities
// in the chosen decimal style, and nothing a spreadsheet would execute.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BOM } from '$core/export/csv-writer';
import { EXPORT_COLUMNS, EXPORT_KINDS, exportCsv, exportFileName, type ExportKind } from '$core/export/exports';
import { MemoryRepository } from '$core/memory-repository';
import type { DayNumber } from '$core/brand';
import { buildShop, DEVICE } from './export-fixture';

async function exported(kind: ExportKind, delimiter: ',' | ';' | '\t' = ';', decimal: '.' | ',' = ',') {
	const repo = new MemoryRepository();
	const shop = await buildShop(repo);
	const { parts, rows } = await exportCsv(repo, kind, { delimiter, decimal });
	const text = parts.join('');
	const parsed = Papa.parse<string[]>(text.slice(1), { delimiter, newline: '\r\n', skipEmptyLines: true });
	return { text, rows, table: parsed.data, errors: parsed.errors, shop, repo };
}

describe('CSV exports', () => {
	it('have the documented header, a BOM and CRLF rows', async () => {
		for (const kind of EXPORT_KINDS) {
			const { text, table, errors, rows } = await exported(kind);
			expect(text.startsWith(BOM)).toBe(true);
			expect(errors).toEqual([]);
			expect(table[0]).toEqual([...EXPORT_COLUMNS[kind]]);
			expect(table.length - 1).toBe(rows);
			expect(text.endsWith('\r\n')).toBe(true);
		}
		expect(exportFileName('sales', 19_723 as DayNumber)).toBe('sales-2024-01-01.csv');
	});

	it('sales lines carry invoice, local time, SKU, money in decimal comma, customer code and device', async () => {
		const { table, shop } = await exported('sales');
		const [, ...lines] = table;
		expect(lines).toHaveLength(5);
		expect(lines[0]).toEqual(['T-0001', '2024-05-10 10:30:00', 'CAM-001', 'Camiseta niño', '3', '12,50', '1,50', '36,00', '17850', DEVICE, '', '', '', '', '', '', '', '']);
		expect(lines[1]).toEqual(['T-0001', '2024-05-10 10:30:00', 'F-1', `'=HYPERLINK("http://evil","x")`, '1', '3,00', '0,00', '3,00', '17850', DEVICE, '', '', '', '', '', '', '', '']);
		// A deleted customer's sale keeps no dangling id; a return stays a negative number.
		expect(lines[2]).toEqual(['T-0002', '2024-05-11 18:05:09', "'-5", '"Quoted" and\nmultiline', '2,25', '0,99', '0,00', '2,23', '', DEVICE, '', '', '', '', '', '', '', '']);
		expect(lines[3].slice(0, 8)).toEqual(['C-0001', '2024-05-12 09:00:00', 'CAM-001', 'Camiseta niño', '-1', '12,50', '0,00', '-12,50']);
		expect(lines[4][0]).toBe('DEV--000001');
		expect(JSON.stringify(table)).not.toContain(shop.shirt.id);
	});

	it('products with stock, supplier name and empty cells for unset values; decimal point on request', async () => {
		const { table } = await exported('products', ',', '.');
		const bySku = new Map(table.slice(1).map((r) => [r[0], r]));
		expect(bySku.get('CAM-001')).toEqual(['CAM-001', '', 'Camiseta niño', 'Ropa', '12.50', '5.00', 'Textiles del Sur; S.L.', '', '1', '1', '4', 'true', '15', '', '', '21']);
		expect(bySku.get("'-5")?.slice(7, 13)).toEqual(['3', '1', '1', '', 'true', '5.25']);
		expect(bySku.get('F-1')?.slice(1, 2)).toEqual(['8412345678905']);
		expect(bySku.get('F-1')?.[12]).toBe('6');
	});

	it('movements are the whole ledger, oldest first, with reasons and notes', async () => {
		const { table } = await exported('movements');
		const rows = table.slice(1);
		expect(rows.map((r) => r[3]).sort()).toEqual(['adjustment', 'count', 'purchase', 'purchase', 'purchase', 'return', 'sale', 'sale', 'sale', 'sale'].sort());
		const times = rows.map((r) => r[0]);
		expect([...times].sort()).toEqual(times);
		const adjustment = rows.find((r) => r[3] === 'adjustment')!;
		expect(adjustment.slice(1)).toEqual(['F-1', '-1', 'adjustment', '', "'+roto en tienda", DEVICE]);
		expect(rows.find((r) => r[3] === 'purchase' && r[1] === "'-5")?.[2]).toBe('7,5');
	});

	it('customers and suppliers', async () => {
		const customers = (await exported('customers')).table;
		expect(customers.slice(1)).toHaveLength(1);
		expect(customers[1].slice(0, 4)).toEqual(['17850', 'Lucía Gómez', 'lucia@example.com', '']);
		expect(customers[1][4]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		const suppliers = (await exported('suppliers', '\t', '.')).table;
		expect(suppliers[1]).toEqual(['Textiles del Sur; S.L.', '', 'ventas@sur.es', '', '5', '']);
	});
});
