// Our own sales export read back: tax rate and amount per line, the sale's payments, the invoice
// a return gives back, the cashier and the variants come back as they were, so an export imported
// into another store exports the same again. And a POS's own words: IVA, Forma de pago, Cajero.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Cents, LocalTimestamp, ProductId, SaleId } from '../../src/core/brand';
import { exportCsv } from '../../src/core/export/exports';
import { MemoryRepository } from '../../src/core/memory-repository';
import { blockSales } from '../../src/core/sale-blocks';
import type { TillDraft, TillLine } from '../../src/core/till/checkout';
import { chargeTicket } from '../../src/core/till/record';
import { DEFAULT_TILL_SETTINGS, type TillSettings } from '../../src/core/till/settings';
import { parseIsoLocal } from '../../src/core/time';
import type { Product } from '../../src/core/types';
import { missingVariants } from '../../src/core/variants';
import { importBytes } from './import-helpers';

const T0 = parseIsoLocal('2025-03-01 10:00') as LocalTimestamp;
const text = (s: string) => new TextEncoder().encode(s);

function product(sku: string, name: string, price: number, extra: Partial<Product> = {}): Product {
	return {
		id: `id-${sku}` as ProductId, sku, barcode: '', name, category: 'Ropa', unitPrice: price as Cents, unitCost: 500 as Cents, supplierId: null,
		leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: false, updatedAt: T0, ...extra
	};
}

const line = (p: Product, quantity: number, extra: Partial<TillLine> = {}): TillLine => ({ product: p, quantity, unitPrice: p.unitPrice, discount: null, ...extra });
let sales = 0;
const draft = (minutes: number, lines: TillLine[], extra: Partial<TillDraft> = {}): TillDraft => ({
	saleId: `sale-${++sales}` as SaleId, at: (T0 + minutes * 60_000) as LocalTimestamp, deviceId: 'ab12cd34', lines, ticketDiscount: null, tenders: [],
	customer: null, cashier: 'Marta', approvedBy: '', returnOf: '', returnReason: '', shiftId: null, ...extra
});

async function charge(repo: MemoryRepository, input: TillDraft, settings: TillSettings = DEFAULT_TILL_SETTINGS) {
	const r = await chargeTicket(repo, input, settings, 'AB12CD34');
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.ticket;
}

/** A boutique's day at the till: variants, a ticket discount, split payments, a return, an exchange and a tax-excluded sale. */
async function boutique() {
	const repo = new MemoryRepository();
	const style = product('TEE', 'Camiseta', 2000, { options: [{ name: 'Talla', values: ['S', 'M'] }, { name: 'Color', values: ['Negro'] }] });
	await repo.putProduct(style);
	const [s, m] = missingVariants(style, [], new Set(['TEE']), T0);
	await repo.putProduct(s);
	await repo.putProduct(m);
	const book = product('LIB', 'Libro', 1590, { taxRate: 4 });
	await repo.putProduct(book);
	const first = await charge(repo, draft(0, [line(s, 2), line(book, 1)], { ticketDiscount: { kind: 'percent', value: 10, reason: 'amiga' }, tenders: [{ method: 'card', amount: 3000 }, { method: 'cash', amount: 5000 }] }));
	await charge(repo, draft(30, [line(s, -1, { returnOfLine: 0 }), line(m, 1)], { returnOf: first.invoice, cashier: 'Luis', tenders: [{ method: 'cash', amount: 200 }] }));
	await charge(repo, draft(60, [line(book, -1)], { returnReason: 'regalo sin ticket', tenders: [{ method: 'cash', amount: 1590 }] }));
	await charge(repo, draft(90, [line(m, 3)], { tenders: [{ method: 'Bizum', amount: 10_000 }] }), { ...DEFAULT_TILL_SETTINGS, pricesIncludeTax: false });
	return repo;
}

async function salesTable(repo: MemoryRepository) {
	const csv = (await exportCsv(repo, 'sales', { delimiter: ';', decimal: ',' })).parts.join('');
	const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', newline: '\r\n', skipEmptyLines: true }).data;
	return { csv, rows: rows.map((r) => r.filter((_, i) => i !== rows[0].indexOf('device'))) };
}

describe('importing our own sales export', () => {
	it('brings back tax, payments, returns, cashiers and variants: the second export is the first', async () => {
		const shop = await boutique();
		const before = await salesTable(shop);
		expect(before.rows).toHaveLength(7);
		const other = new MemoryRepository();
		const { summary, rejects } = await importBytes(other, text(before.csv));
		expect(rejects).toEqual([]);
		expect(summary).toMatchObject({ imported: 6, rejected: 0 });
		expect((await salesTable(other)).rows).toEqual(before.rows);
		const sold = (await other.saleBlocks()).flatMap(blockSales).sort((a, b) => a.at - b.at);
		expect(sold.map((x) => [x.cashier, x.returnOf ?? '', x.taxExcluded ?? false])).toEqual([['Marta', '', false], ['Luis', 'AB12CD34-000001', false], ['Marta', '', false], ['Marta', '', true]]);
		expect(sold[0].payments).toEqual([{ method: 'card', amount: 3000 }, { method: 'cash', amount: 2031 }]);
		expect(sold[3].payments).toEqual([{ method: 'Bizum', amount: 7260 }]);
		// The styles and variants come back too, and each new product keeps its rate.
		const bySku = new Map((await other.listProducts()).map((p) => [p.sku, p]));
		expect(bySku.get('TEE')?.options).toEqual([{ name: 'Talla', values: ['S', 'M'] }, { name: 'Color', values: ['Negro'] }]);
		expect(bySku.get('TEE-M-NEGRO')).toMatchObject({ variantOf: bySku.get('TEE')!.id, taxRate: 21 });
		expect(bySku.get('LIB')?.taxRate).toBe(4);
		// Importing it again adds nothing.
		expect((await importBytes(other, text(before.csv))).summary).toMatchObject({ imported: 0, duplicates: 6 });
	});

	it('reads a POS\'s IVA rate, payment method and cashier words', async () => {
		const csv = [
			'Fecha;Ticket;Código;Cantidad;Precio;IVA;Forma de pago;Cajero',
			'02/05/2024 10:15;T-1;CAM-01;2;12,10;21;Tarjeta;Ana',
			'02/05/2024 10:15;T-1;PAN-01;1;1,04;4;Tarjeta;Ana',
			'14/05/2024 18:00;T-2;CAM-01;1;12,10;21;Efectivo;Pedro'
		].join('\n');
		const repo = new MemoryRepository();
		const { summary } = await importBytes(repo, text(csv));
		expect(summary).toMatchObject({ imported: 3, rejected: 0 });
		const sold = (await repo.saleBlocks()).flatMap(blockSales).sort((a, b) => a.at - b.at);
		expect(sold.map((x) => [x.cashier, x.payments])).toEqual([['Ana', [{ method: 'card', amount: 2524 }]], ['Pedro', [{ method: 'cash', amount: 1210 }]]]);
		// Tax inside the price: 24.20 at 21 % holds 4.20; 1.04 at 4 % holds 0.04.
		expect(sold[0].lines.map((l) => [l.taxRate, l.tax])).toEqual([[21, 420], [4, 4]]);
	});

	it('refuses a tax rate or payments it cannot read, naming the row and the cell', async () => {
		const good = Array.from({ length: 8 }, (_, i) => `2024-05-0${i + 1},A${i},1,2.00,21,cash:2.00`);
		const csv = ['date,sku,quantity,unit_price,tax_rate,payments', ...good, '2024-05-12,B1,1,2.00,IVA,cash:2.00', '2024-05-13,C1,1,2.00,21,cash:dos'].join('\n');
		const { summary, rejects } = await importBytes(new MemoryRepository(), text(csv));
		expect(summary).toMatchObject({ imported: 8, rejected: 2 });
		expect(rejects.map((r) => [r.row, r.field, r.code])).toEqual([[10, 'taxRate', 'not_a_rate'], [11, 'payments', 'bad_payments']]);
		expect(rejects[1].reason).toBe('the payments "cash:dos" are not method:amount pairs (e.g. cash:20.00; card:5.50)');
	});
});
