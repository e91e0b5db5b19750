import { describe, expect, it } from 'vitest';
import type { Cents, DayNumber, LocalTimestamp, ProductId, SaleId } from '$core/brand';
import { buildBlock } from '$core/sale-blocks';
import { linesOfInvoice, querySales, selectSales } from '$core/sales-query';
import { MS_PER_DAY } from '$core/time';
import type { Sale } from '$core/types';

const day = 20_000;
const at = (d: number, hour: number) => (d * MS_PER_DAY + hour * 3_600_000) as LocalTimestamp;
const p = (id: string) => id as ProductId;
const sale = (invoice: string, when: LocalTimestamp, lines: Sale['lines'], extra: Partial<Sale> = {}): Sale =>
	({ id: `s-${invoice}` as SaleId, invoice, at: when, customerId: null, deviceId: 'dev', lines, ...extra });
const c = (n: number) => n as Cents;

// An import without tax columns, and the till's sales with tax per line (prices include tax).
const imported = buildBlock('b-import', [
	sale('IMP-7', at(day, 9), [{ productId: p('a'), quantity: 2, unitPrice: c(1000), discount: c(0) }]),
	sale('IMP-8', at(day + 1, 9), [{ productId: p('b'), quantity: 1, unitPrice: c(500), discount: c(0) }])
], 'import');
const till = buildBlock('b-till', [
	sale('AB12CD34-000001', at(day, 12), [
		{ productId: p('a'), quantity: 1, unitPrice: c(1210), discount: c(0), taxRate: 21, tax: c(210) },
		{ productId: p('b'), quantity: 2, unitPrice: c(520), discount: c(40), taxRate: 4, tax: c(38) }
	], { cashier: 'Ana', payments: [{ method: 'cash', amount: c(2210) }] }),
	sale('AB12CD34-000002', at(day + 1, 12), [
		{ productId: p('a'), quantity: -1, unitPrice: c(1210), discount: c(0), taxRate: 21, tax: c(-210) }
	], { returnOf: 'AB12CD34-000001', payments: [{ method: 'card', amount: c(-1210) }] })
], 'pos');
const blocks = [imported, till];

describe('sales history query', () => {
	it('totals every matching line: paid, base, tax, and per rate (lines without tax apart)', () => {
		const all = querySales(blocks, {}, 0, 50);
		expect(all.total).toBe(5);
		expect(all.totalRevenue).toBe(2000 + 500 + 1210 + 1000 - 1210);
		expect(all.totalTax).toBe(210 + 38 - 210);
		expect(all.totalBase).toBe(all.totalRevenue - all.totalTax);
		expect(all.byRate).toEqual([
			{ rate: 21, base: 0, tax: 0, total: 0 },
			{ rate: 4, base: 962, tax: 38, total: 1000 },
			{ rate: null, base: 2500, tax: 0, total: 2500 }
		]);
		// Newest first; the lines of a sale stay together in the order they were rung up.
		expect(all.rows.map((r) => r.invoice)).toEqual(['AB12CD34-000002', 'IMP-8', 'AB12CD34-000001', 'AB12CD34-000001', 'IMP-7']);
		expect(all.rows[2]).toMatchObject({ cashier: 'Ana', payments: [{ method: 'cash', amount: 2210 }], taxRate: 21, tax: 210, total: 1210, net: 1000 });
		expect(all.rows[0]).toMatchObject({ returnOf: 'AB12CD34-000001', quantity: -1, total: -1210 });
	});

	it('finds tickets by part of their number, any case, inside the period and with the product filter', () => {
		expect(querySales(blocks, { invoice: 'cd34-000001' }, 0, 50).rows.map((r) => r.productId)).toEqual(['a', 'b']);
		expect(querySales(blocks, { invoice: ' 0000 ' }, 0, 50).total).toBe(3);
		expect(querySales(blocks, { invoice: '000001', productId: p('b') }, 0, 50).total).toBe(1);
		expect(querySales(blocks, { invoice: 'AB12', fromDay: (day + 1) as DayNumber }, 0, 50).rows.map((r) => r.invoice)).toEqual(['AB12CD34-000002']);
		expect(querySales(blocks, { invoice: 'nothing' }, 0, 50)).toMatchObject({ total: 0, totalRevenue: 0, byRate: [] });
	});

	it('pages slice one selection', () => {
		const selection = selectSales(blocks, {});
		expect(querySales(blocks, {}, 4, 2).rows.map((r) => r.invoice)).toEqual(['IMP-7']);
		expect(selection.refs).toHaveLength(10);
	});

	it('the lines of one ticket, exact number in any case', () => {
		expect(linesOfInvoice(blocks, 'imp-7')).toMatchObject([{ invoice: 'IMP-7', quantity: 2, total: 2000, tax: 0, taxRate: 0 }]);
		expect(linesOfInvoice(blocks, 'AB12CD34-000001').map((r) => r.net)).toEqual([1000, 962]);
		expect(linesOfInvoice(blocks, 'IMP')).toEqual([]);
		expect(linesOfInvoice(blocks, '')).toEqual([]);
	});
});
