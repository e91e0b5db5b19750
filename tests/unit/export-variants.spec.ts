// The exports' columns for the boutique till (issue 13): a style and its variants with their
// options, each product's tax rate (its own or the shop's default), and the sales lines' tax,
// payments, returned invoice and cashier, all from the stored tickets.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Cents, LocalTimestamp, ProductId, SaleId } from '$core/brand';
import { exportCsv, type ExportKind } from '$core/export/exports';
import { MemoryRepository } from '$core/memory-repository';
import { chargeTicket } from '$core/till/record';
import type { TillDraft, TillLine } from '$core/till/checkout';
import { DEFAULT_TILL_SETTINGS, TILL_SETTINGS_KEY, tillSettingsOf } from '$core/till/settings';
import { parseIsoLocal } from '$core/time';
import type { Product } from '$core/types';
import { missingVariants } from '$core/variants';

const T0 = parseIsoLocal('2025-03-01 10:00') as LocalTimestamp;

function product(sku: string, name: string, price: number, extra: Partial<Product> = {}): Product {
	return {
		id: `id-${sku}` as ProductId, sku, barcode: '', name, category: 'Ropa', unitPrice: price as Cents, unitCost: 500 as Cents, supplierId: null,
		leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: false, updatedAt: T0, ...extra
	};
}

async function shop() {
	const repo = new MemoryRepository();
	// The shop's default rate is 10 %: a product without its own rate exports 10.
	await repo.putSetting(TILL_SETTINGS_KEY, { ...DEFAULT_TILL_SETTINGS, defaultTaxRate: 10 });
	const style = product('TEE', 'Camiseta básica', 2000, { options: [{ name: 'Talla', values: ['S', 'M'] }, { name: 'Color', values: ['Negro', 'Blanco'] }], taxRate: 21 });
	await repo.putProduct(style);
	const variants = missingVariants(style, [], new Set(['TEE']), T0);
	for (const v of variants) await repo.putProduct(v);
	const book = product('LIB-1', 'Libro', 1500, { taxRate: 4 });
	const bag = product('BOLSA', 'Bolsa', 100);
	await repo.putProduct(book);
	await repo.putProduct(bag);
	return { repo, style, variants, book, bag };
}

const line = (p: Product, quantity: number, extra: Partial<TillLine> = {}): TillLine => ({ product: p, quantity, unitPrice: p.unitPrice, discount: null, ...extra });

function draft(lines: TillLine[], extra: Partial<TillDraft> = {}): TillDraft {
	return {
		saleId: `sale-${Math.random()}` as SaleId, at: T0, deviceId: 'ab12cd34-device', lines, ticketDiscount: null, tenders: [], customer: null,
		cashier: 'Marta', approvedBy: '', returnOf: '', returnReason: '', shiftId: null, ...extra
	};
}

async function table(repo: MemoryRepository, kind: ExportKind) {
	const text = (await exportCsv(repo, kind, { delimiter: ',', decimal: '.' })).parts.join('').slice(1);
	const [header, ...rows] = Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: true }).data;
	return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

describe('products export', () => {
	it('carries each variant\'s style and options, the style\'s options with every value, and every product\'s tax rate', async () => {
		const { repo } = await shop();
		const rows = new Map((await table(repo, 'products')).map((r) => [r.sku, r]));
		expect(rows.get('TEE')).toMatchObject({ variant_of: '', options: 'Talla=S|M; Color=Negro|Blanco', tax_rate: '21', unit_price: '20.00' });
		expect(rows.get('TEE-M-BLANCO')).toMatchObject({ name: 'Camiseta básica M / Blanco', variant_of: 'TEE', options: 'Talla=M; Color=Blanco', tax_rate: '21' });
		expect([...rows.keys()].filter((s) => s.startsWith('TEE-'))).toHaveLength(4);
		expect(rows.get('LIB-1')).toMatchObject({ variant_of: '', options: '', tax_rate: '4' });
		expect(rows.get('BOLSA')).toMatchObject({ variant_of: '', options: '', tax_rate: '10' });
	});
});

describe('sales export', () => {
	it('shows each line\'s tax rate and amount, the sale\'s payments, its cashier and the ticket a return gives back', async () => {
		const { repo, variants, book } = await shop();
		const settings = tillSettingsOf(await repo.getSetting(TILL_SETTINGS_KEY));
		const [s, white] = variants;
		const sold = await chargeTicket(repo, draft([line(s, 2), line(book, 1)], { tenders: [{ method: 'card', amount: 2000 }, { method: 'cash', amount: 5000 }] }), settings, 'AB12CD34');
		if (!sold.ok) throw new Error(JSON.stringify(sold.errors));
		const back = await chargeTicket(repo, draft([line(s, -1, { returnOfLine: 0 }), line(white, 1)], {
			at: (T0 + 3_600_000) as LocalTimestamp, returnOf: sold.ticket.invoice, cashier: 'Luis', tenders: []
		}), settings, 'AB12CD34');
		if (!back.ok) throw new Error(JSON.stringify(back.errors));
		const rows = await table(repo, 'sales');
		expect(rows).toHaveLength(4);
		// 2 x 20.00 at 21 % and a book at 4 %: tax inside the price; 55.00 paid 20.00 by card and 35.00 cash.
		expect(rows[0]).toMatchObject({
			invoice: 'AB12CD34-000001', sku: 'TEE-S-NEGRO', quantity: '2', line_total: '40.00', tax_rate: '21', tax_amount: '6.94',
			payments: 'card:20.00; cash:35.00', return_of: '', cashier: 'Marta', variant_of: 'TEE', options: 'Talla=S; Color=Negro'
		});
		expect(rows[1]).toMatchObject({ sku: 'LIB-1', line_total: '15.00', tax_rate: '4', tax_amount: '0.58', variant_of: '', options: '' });
		// An exchange of black for white at the same price: nothing paid, lines linked to the first ticket.
		expect(rows[2]).toMatchObject({ invoice: 'AB12CD34-000002', quantity: '-1', line_total: '-20.00', tax_amount: '-3.47', return_of: 'AB12CD34-000001', cashier: 'Luis', payments: '' });
		expect(rows[3]).toMatchObject({ sku: 'TEE-S-BLANCO', line_total: '20.00', tax_amount: '3.47', return_of: 'AB12CD34-000001' });
		const paid = rows.reduce((sum, r) => sum + Math.round(Number(r.line_total) * 100), 0);
		expect(paid).toBe(sold.ticket.total + back.ticket.total);
	});
});
