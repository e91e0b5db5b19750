// Export, then import into an empty store, is a lossless round trip: the same sale lines and the
// same stock; importing the same file again adds nothing. Uses the real import engine
// (SalesImporter) with the mapping it suggests from our column names.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Cents } from '$core/brand';
import { emptyCustomerForm, emptyProductForm, saveCustomer, saveProduct, type ProductForm } from '$core/catalog';
import type { CsvOptions } from '$core/export/csv-writer';
import { exportCsv } from '$core/export/exports';
import { validateDemoBundle } from '$core/demo-bundle';
import { loadDemo } from '$core/demo-load';
import { DEFAULT_CANCELLATION_PREFIXES, SalesImporter } from '$core/import/importer';
import { sniffText } from '$core/import/sniff';
import type { ImportOptions } from '$core/import/types';
import { MemoryRepository } from '$core/memory-repository';
import type { InventoryRepository } from '$core/repository';
import { recordSale } from '$core/selling';
import { parseIsoDay } from '$core/time';
import type { Product } from '$core/types';
import { at, DEVICE } from './export-fixture';

async function salesCsv(repo: InventoryRepository, options: CsvOptions) {
	return (await exportCsv(repo, 'sales', options)).parts.join('');
}

/** Imports a CSV text the way the wizard and CLI do: sniff, take the suggested mapping, feed rows. */
async function importCsv(repo: InventoryRepository, text: string) {
	const sniff = sniffText(text, 'utf-8-bom');
	const options: ImportOptions = {
		dialect: sniff.dialect, mapping: sniff.mapping, exclusions: { skus: [] }, cancellationPrefixes: DEFAULT_CANCELLATION_PREFIXES,
		source: 'round-trip', deviceId: 'other-tablet', header: sniff.header
	};
	const importer = await SalesImporter.open(repo, options);
	const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: sniff.dialect.delimiter }).data;
	if (rows.at(-1)?.length === 1 && rows.at(-1)?.[0] === '') rows.pop();
	const headerRow = sniff.dialect.headerRow;
	await importer.addRows(rows.slice(headerRow + 1), headerRow + 2);
	return { summary: await importer.finish(), rejects: importer.rejects(), sniff };
}

/** The rows of a sales export without the device column (an import stamps its own device). */
function lines(text: string, delimiter: string) {
	return Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter, skipEmptyLines: true }).data.map((r) => [...r.slice(0, 9), ...r.slice(10)]);
}

/** Stock per SKU, and net units sold per SKU from the sales lines (what an import into an empty store moves). */
async function stockBySku(repo: InventoryRepository) {
	const levels = await repo.stockLevels();
	return new Map((await repo.listProducts()).map((p) => [p.sku, levels.get(p.id) ?? 0]));
}

/** A cell as it was before the export guarded it against spreadsheet formulas. */
const unguard = (cell: string) => cell.replace(/^'(?=[=+\-@\t\r])/, '');

function netSoldBySku(table: string[][], decimal: string) {
	const sold = new Map<string, number>();
	for (const r of table.slice(1)) sold.set(unguard(r[2]), Math.round(((sold.get(unguard(r[2])) ?? 0) + Number(decimal === ',' ? r[4].replace(',', '.') : r[4])) * 1000) / 1000);
	return sold;
}

async function roundTrip(source: InventoryRepository, options: CsvOptions) {
	const text = await salesCsv(source, options);
	const table = lines(text, options.delimiter);
	const target = new MemoryRepository();
	const first = await importCsv(target, text);
	expect(first.sniff.dialect).toMatchObject({ delimiter: options.delimiter, decimal: options.decimal, dateOrder: 'ymd', headerRow: 0 });
	expect(first.sniff.mapping).toMatchObject({ invoice: 0, dateTime: 1, sku: 2, productName: 3, quantity: 4, unitPrice: 5, discount: 6, lineTotal: 7, customer: 8 });
	expect(first.rejects).toEqual([]);
	expect(first.summary).toMatchObject({ rowsRead: table.length - 1, imported: table.length - 1, duplicates: 0, rejected: 0, error: null });
	// Same lines…
	const again = await salesCsv(target, options);
	expect(lines(again, options.delimiter)).toEqual(table);
	// …same stock: an empty store's stock is what the lines took out (returns put back).
	const stock = await stockBySku(target);
	for (const [sku, net] of netSoldBySku(table, options.decimal)) expect(stock.get(sku), sku).toBeCloseTo(-net, 6);
	// …and the same file again adds nothing.
	const second = await importCsv(target, text);
	expect(second.summary).toMatchObject({ imported: 0, duplicates: table.length - 1, rejected: 0 });
	expect((await target.counts()).saleLines).toBe(table.length - 1);
	return table;
}

describe('export → import round trip', () => {
	it('keeps every line of a small shop: accents, quotes, newlines, delimiters in names, fractions, returns, discounts, formula-like text', async () => {
		const repo = new MemoryRepository();
		const make = async (form: Partial<ProductForm>) => {
			const r = await saveProduct(repo, { ...emptyProductForm(), ...form });
			if (!r.ok) throw new Error(JSON.stringify(r.errors));
			return r.value;
		};
		const shirt = await make({ sku: 'CAM-001', name: 'Camiseta niño; talla 8', unitPrice: '12,50' });
		const cheese = await make({ sku: 'QUE-2', name: 'Queso "curado"\nal peso', unitPrice: '18,90' });
		const pin = await make({ sku: '21754', name: 'Home Building Block Word', unitPrice: '5,95' });
		// Text a spreadsheet would run as a formula: exported guarded with ', imported back as it was.
		const formula = await make({ sku: '-5', name: '=SUM(A1:A9)', unitPrice: '1' });
		const lucia = await saveCustomer(repo, { ...emptyCustomerForm(), code: '17850', name: 'Lucía' });
		if (!lucia.ok) throw new Error('invalid');
		const line = (p: Product, quantity: number, discount = 0) => ({ productId: p.id, quantity, unitPrice: p.unitPrice, discount: discount as Cents });
		await recordSale(repo, { customerId: lucia.value.id, lines: [line(shirt, 3), line(cheese, 0.375), line(pin, 12)], at: at('2024-05-10 10:30'), invoice: '536365' }, DEVICE);
		await recordSale(repo, { customerId: null, lines: [line(pin, 1)], at: at('2024-05-10 10:31:07'), invoice: '536366' }, DEVICE);
		await recordSale(repo, { customerId: lucia.value.id, lines: [line(shirt, -1)], at: at('2024-05-12 09:00'), invoice: 'C536380' }, DEVICE);
		await recordSale(repo, { customerId: null, lines: [line(cheese, 1.25)], at: at('2024-06-01 19:59:59'), invoice: 'T-7' }, DEVICE);
		await recordSale(repo, { customerId: null, lines: [line(shirt, 2, 250), line(formula, 1)], at: at('2024-06-02 11:00'), invoice: '@T-8' }, DEVICE);
		for (const options of [{ delimiter: ';', decimal: ',' }, { delimiter: ',', decimal: '.' }, { delimiter: '\t', decimal: ',' }] as CsvOptions[]) {
			const table = await roundTrip(repo, options);
			expect(table).toHaveLength(9);
		}
	});

	it('keeps the store or country each imported sale came from', async () => {
		const repo = new MemoryRepository();
		const file = [
			'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
			'536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom',
			'536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom',
			'536370,22728,ALARM CLOCK BAKELIKE PINK,24,2010-12-01 08:45:00,3.75,12583.0,France',
			'536371,22728,ALARM CLOCK BAKELIKE PINK,2,2010-12-01 09:00:00,3.75,,'
		].join('\n');
		expect((await importCsv(repo, file)).summary).toMatchObject({ imported: 4, rejected: 0 });
		const table = await roundTrip(repo, { delimiter: ',', decimal: '.' });
		const store = table[0].indexOf('store');
		expect(table.slice(1).map((r) => r[store])).toEqual(['United Kingdom', 'United Kingdom', 'France', '']);
	});

	it('keeps all ~100,000 lines of the sample shop', async () => {
		const repo = new MemoryRepository();
		const bundle = validateDemoBundle(JSON.parse(readFileSync('static/demo/demo-shop.json', 'utf8')));
		await loadDemo(repo, bundle, { today: parseIsoDay('2024-06-01')!, deviceId: 'demo-device' });
		const table = await roundTrip(repo, { delimiter: ';', decimal: ',' });
		expect(table.length - 1).toBe((await repo.counts()).saleLines);
	}, 120_000);
});
