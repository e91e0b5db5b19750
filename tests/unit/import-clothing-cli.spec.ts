// A clothing brand's sales export (style column, size-coded SKUs, colours, customers, credit
// notes) through `inventario import` into SQLite: its variants grouped under their styles with
// their sizes, and `inventario export products` / `sales` carrying them and the tax.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { SqlRepository } from '../../src/sql/sql-repository';
import { isStyle } from '../../src/core/variants';

const FIXTURES = fileURLToPath(new URL('../fixtures/csv/', import.meta.url));

async function run(...argv: string[]) {
	const out: string[] = [], err: string[] = [];
	const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
	return { code, out: out.join('\n'), err: err.join('\n') };
}

function table(csv: string) {
	const [header, ...rows] = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { newline: '\r\n', skipEmptyLines: true }).data;
	return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

describe('inventario import of a clothing brand\'s sales', () => {
	it('makes each style with its sizes and colours and one variant per SKU sold; the exports carry them', async () => {
		const db = join(mkdtempSync(join(tmpdir(), 'inventario-brand-')), 'shop.db');
		const imported = await run('import', join(FIXTURES, 'clothing-brand-sales.csv'), '--json', '--db', db);
		expect(imported.err).toBe('');
		expect(imported.code).toBe(0);
		const summary = JSON.parse(imported.out);
		expect(summary).toMatchObject({ linesRead: 381, imported: 381, rejected: 0, dateFormat: 'dd/mm/yyyy' });
		expect(summary.mapping).toMatchObject({ style: 'Style', sku: 'SKU', size: 'SKU', color: 'Colour', quantity: 'Qty', unitPrice: 'MRP', lineTotal: 'Net Amount', customer: 'Customer Name', taxRate: 'VAT %' });

		const repo = await SqlRepository.open(db);
		try {
			const all = await repo.listProducts();
			const bySku = new Map(all.map((p) => [p.sku, p]));
			const styles = all.filter(isStyle);
			expect(styles.map((s) => [s.sku, s.options?.map((o) => `${o.name}: ${o.values.join(' ')}`)]).sort()).toEqual([
				['AC900', ['Size: OS', 'Colour: Charcoal']],
				['DN220', ['Size: 28 30 32 34 36', 'Colour: Indigo']],
				['DR515', ['Size: XS S M L', 'Colour: Sand Olive']],
				['JK104', ['Size: S M L XL XXL', 'Colour: Black']],
				['SW330', ['Size: S M L XL', 'Colour: Grey Melange Camel']],
				['TS01', ['Size: XS S M L XL', 'Colour: Black White Sage']]
			]);
			// Every variant is under its style, with the size its SKU codes.
			const variants = all.filter((p) => p.variantOf);
			expect(variants).toHaveLength(42);
			for (const v of variants) {
				const style = all.find((p) => p.id === v.variantOf)!;
				expect(v.sku.startsWith(`${style.sku}-`)).toBe(true);
				expect(v.sku.split('-')).toContain(v.optionValues![0].value);
			}
			expect(bySku.get('SW330-L-CML')?.optionValues).toEqual([{ name: 'Size', value: 'L' }, { name: 'Colour', value: 'Camel' }]);
			expect(bySku.get('GC-25')?.variantOf ?? null).toBeNull();
			// Stock of the variants went down by the units sold less the 11 credit notes' units back.
			const file = table(readFileSync(join(FIXTURES, 'clothing-brand-sales.csv'), 'utf8')).rows.filter((r) => r.Style !== '');
			expect(file.filter((r) => Number(r.Qty) < 0)).toHaveLength(11);
			const stock = await repo.stockLevels();
			expect(variants.reduce((s, v) => s + (stock.get(v.id) ?? 0), 0)).toBe(-file.reduce((s, r) => s + Number(r.Qty), 0));
		} finally {
			await repo.close();
		}

		const products = table((await run('export', 'products', '--db', db)).out);
		expect(products.header.slice(-3)).toEqual(['variant_of', 'options', 'tax_rate']);
		const row = (sku: string) => products.rows.find((r) => r.sku === sku);
		expect(row('JK104')).toMatchObject({ variant_of: '', options: 'Size=S|M|L|XL|XXL; Colour=Black', tax_rate: '20' });
		expect(row('JK104-XL')).toMatchObject({ variant_of: 'JK104', options: 'Size=XL; Colour=Black', tax_rate: '20' });
		expect(row('TOTE01')).toMatchObject({ variant_of: '', options: '' });

		const sales = table((await run('export', 'sales', '--db', db)).out);
		for (const column of ['tax_rate', 'tax_amount', 'payments', 'return_of', 'cashier', 'variant_of', 'options']) expect(sales.header).toContain(column);
		expect(sales.rows).toHaveLength(381);
		const jacket = sales.rows.find((r) => r.invoice === 'INV-1042' && r.sku === 'JK104-XXL');
		// 89.00 with 20 % VAT inside: 14.83 of tax.
		expect(jacket).toMatchObject({ line_total: '89.00', tax_rate: '20', tax_amount: '14.83', variant_of: 'JK104', options: 'Size=XXL; Colour=Black', customer_code: 'Leo Costa' });
		expect(sales.rows.filter((r) => r.invoice.startsWith('CN-')).every((r) => Number(r.quantity) < 0)).toBe(true);
		// MRP is the list price, Net Amount what was paid: the 10 % off is the line's discount; a credit note refunds what was paid.
		expect(sales.rows.find((r) => r.invoice === 'INV-1043')).toMatchObject({ sku: 'DN220-30-IND', unit_price: '59.00', discount_amount: '5.90', line_total: '53.10' });
		expect(sales.rows.find((r) => r.invoice === 'CN-1091')).toMatchObject({ quantity: '-1', unit_price: '80.10', discount_amount: '0.00', line_total: '-80.10' });
		expect(row('DN220')?.unit_price).toBe('59.00');

		// A style's stock is its variants'.
		const jackets = JSON.parse((await run('stock', 'JK104', '--json', '--db', db)).out) as { sku: string }[];
		expect(jackets.map((r) => r.sku).sort()).toEqual(products.rows.filter((r) => r.variant_of === 'JK104').map((r) => r.sku).sort());
	});

	it('reads a file headed PCS, RATE, GROSS AMT with the quantities and prices it holds', async () => {
		const db = join(mkdtempSync(join(tmpdir(), 'inventario-pcs-')), 'shop.db');
		const result = JSON.parse((await run('import', join(FIXTURES, 'pcs-rate-gross-amt.csv'), '--json', '--db', db)).out);
		expect(result).toMatchObject({ imported: 24, rejected: 0 });
		expect(result.mapping).toMatchObject({ quantity: 'PCS', unitPrice: 'RATE', lineTotal: 'GROSS AMT', style: 'STYLE', size: 'SIZE', color: 'COLOR' });
		const sales = table((await run('export', 'sales', '--db', db)).out).rows;
		expect(sales[0]).toMatchObject({ invoice: 'GST/5001', sku: 'ST-305-M-BLA', quantity: '12', unit_price: '380.00', line_total: '4560.00' });
	});
});
