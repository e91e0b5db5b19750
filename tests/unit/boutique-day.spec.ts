// A boutique's day through the core, as the check does it by hand: open the shift, two
// cashiers, variants, discounts, a return with and without ticket, an exchange, a payout, close.
// The close report, the sales history's totals and the sales export must agree to the cent.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Cents, LocalTimestamp, SaleId } from '$core/brand';
import { exportCsv } from '$core/export/exports';
import { MemoryRepository } from '$core/memory-repository';
import { selectSales } from '$core/sales-query';
import { priceTicket, type TillDraft, type TillLine } from '$core/till/checkout';
import { chargeTicket } from '$core/till/record';
import { refundUnitPrice } from '$core/till/returns';
import { refundSplit } from '$core/till-cart/draft';
import { DEFAULT_TILL_SETTINGS } from '$core/till/settings';
import { closeShift, openShift, shiftReport } from '$core/till/shift';
import { verifyTickets, type Ticket } from '$core/till/ticket';
import type { Product } from '$core/types';
import { missingVariants } from '$core/variants';

const at = (h: number, m = 0) => (Date.UTC(2026, 11, 1, h, m) as LocalTimestamp);
const settings = { ...DEFAULT_TILL_SETTINGS, shopName: 'Boutique Lola', address: 'Calle Mayor 1', taxId: 'B12345678' };

function product(sku: string, price: number, taxRate: number, extra: Partial<Product> = {}): Product {
	return {
		id: `id-${sku}` as Product['id'], sku, barcode: '', name: sku, category: 'Ropa', unitPrice: price as Cents, unitCost: Math.round(price / 3) as Cents,
		supplierId: null, leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: false,
		updatedAt: at(8), taxRate, ...extra
	};
}

describe('a boutique day', () => {
	it('close report, sales history and export agree to the cent', async () => {
		const repo = new MemoryRepository();
		const style = product('CAM', 1995, 21, { options: [{ name: 'Talla', values: ['S', 'M', 'L'] }, { name: 'Color', values: ['Negro', 'Blanco'] }] });
		await repo.putProduct(style);
		const variants = missingVariants(style, [], new Set(['CAM']), at(8));
		for (const v of variants) await repo.putProduct(v);
		const book = product('LIBRO', 1890, 4);
		const bag = product('BOLSO', 3450, 21);
		for (const p of [book, bag]) await repo.putProduct(p);
		const [camSNegro, camMNegro, camMBlanco] = [variants[0], variants[2], variants[3]];

		const shift = openShift('shift-1', 'dev', 'T1', at(9), 'Ana', 10_000 as Cents);
		let n = 0;
		const charge = async (lines: TillLine[], extra: Partial<TillDraft>) => {
			const draft: TillDraft = {
				saleId: `sale-${++n}` as SaleId, at: at(10, n * 5), deviceId: 'dev', lines, ticketDiscount: null, tenders: [], customer: null,
				cashier: 'Ana', approvedBy: '', returnOf: '', returnReason: '', shiftId: shift.id, ...extra
			};
			const total = priceTicket(draft, settings).draft.total;
			if (!extra.tenders) draft.tenders = [{ method: 'cash', amount: Math.abs(total) }];
			const result = await chargeTicket(repo, draft, settings, 'T1');
			if (!result.ok) throw new Error(JSON.stringify(result.errors));
			return result.ticket;
		};
		const line = (p: Product, quantity: number, unitPrice = p.unitPrice as number, extra: Partial<TillLine> = {}): TillLine => ({ product: p, quantity, unitPrice: unitPrice as Cents, discount: null, ...extra });

		// Two variants with 10 % off one of them, paid in cash with change.
		const first = await charge([line(camSNegro, 1, 1995, { discount: { kind: 'percent', value: 10, reason: 'tara' } }), line(camMBlanco, 1)], { tenders: [{ method: 'cash', amount: 5000 }] });
		expect(first.total).toBe(1795 + 1995);
		expect(first.change).toBe(5000 - 3790);
		// Luis sells a book and a bag with 5 € off the ticket, half card half cash.
		const second = await charge([line(book, 2), line(bag, 1)], { cashier: 'Luis', ticketDiscount: { kind: 'amount', value: 500, reason: 'cliente habitual' }, tenders: [{ method: 'card', amount: 3000 }, { method: 'cash', amount: 4000 }] });
		expect(second.total).toBe(3780 + 3450 - 500);
		// A return with the ticket (the discounted T-shirt, at what was paid).
		const returned = await charge([line(camSNegro, -1, refundUnitPrice(first, 0), { returnOfLine: 0 })], { returnOf: first.invoice, approvedBy: 'Ana' });
		expect(returned.total).toBe(-1795);
		// An exchange: the other T-shirt (damaged) for an M in black, the difference 0; then a bag for a book, paying the difference by card.
		const exchange = await charge([line(camMBlanco, -1, refundUnitPrice(first, 1), { returnOfLine: 1, restock: false }), line(camMNegro, 1)], { returnOf: first.invoice });
		expect(exchange.total).toBe(0);
		const upgrade = await charge([line(book, -1, refundSplit(1, refundUnitPrice(second, 0))[0].unitPrice, { returnOfLine: 0 }), line(bag, 1)], { returnOf: second.invoice, cashier: 'Luis', tenders: [{ method: 'card', amount: 5000 }] });
		// A return without ticket, with a reason.
		const noTicket = await charge([line(book, -1)], { returnReason: 'regalo sin ticket', approvedBy: 'Ana' });
		const tickets = await repo.listTickets({ shiftId: shift.id });
		expect(tickets).toHaveLength(6);
		expect(verifyTickets(tickets)).toEqual([]);

		const withPayout = { ...shift, payouts: [{ at: at(13), amount: 1200 as Cents, reason: 'mensajero', by: 'Ana' }] };
		const report = shiftReport(withPayout, tickets);
		const ticketTotal = [first, second, returned, exchange, upgrade, noTicket].reduce((s, t) => s + t.total, 0);
		expect(report.total).toBe(ticketTotal);
		// Float + cash taken (first ticket, Luis's cash part) - cash given back (two returns) - the payout.
		const cashCounted = (10_000 + 3790 + (second.total - 3000) - 1795 - 1890 - 1200) as Cents;
		expect(report.expectedCash).toBe(cashCounted);
		const closed = closeShift(withPayout, tickets, cashCounted, at(20), 'Ana');
		expect(closed.difference).toBe(0);

		// The sales history over the day: what customers paid, base and tax per rate, the same.
		const history = selectSales(await repo.saleBlocks(), {});
		expect(history.totalRevenue).toBe(report.total);
		expect(history.totalTax).toBe(report.taxes.reduce((s, r) => s + r.tax, 0));
		expect(history.totalBase).toBe(report.taxes.reduce((s, r) => s + r.base, 0));
		for (const r of report.taxes) expect(history.byRate.find((x) => x.rate === r.rate)).toMatchObject({ base: r.base, tax: r.tax });
		// The daily totals analytics read: revenue net of tax.
		const [day] = await repo.shopDays(0 as never, 1e9 as never);
		expect(day.revenue).toBe(history.totalBase);

		// The sales export: line totals, tax amounts and the payments column add up the same.
		const csv = (await exportCsv(repo, 'sales', { delimiter: ',', decimal: '.' })).parts.join('');
		const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
		const cents = (s: string) => Math.round(Number(s) * 100);
		expect(rows.reduce((s, r) => s + cents(r.line_total), 0)).toBe(report.total);
		expect(rows.reduce((s, r) => s + cents(r.tax_amount || '0'), 0)).toBe(history.totalTax);
		const cashInExport = new Map<string, number>();
		for (const r of rows) for (const part of r.payments.split(';').map((p) => p.trim()).filter(Boolean)) {
			const [method, amount] = part.split(':');
			cashInExport.set(`${r.invoice}|${method}`, cents(amount));
		}
		const byMethod = new Map<string, number>();
		for (const [key, amount] of cashInExport) byMethod.set(key.split('|')[1], (byMethod.get(key.split('|')[1]) ?? 0) + amount);
		for (const m of report.byMethod) expect(byMethod.get(m.method) ?? 0).toBe(m.amount);
		expect(rows.filter((r) => r.return_of === first.invoice)).toHaveLength(3);
		expect(new Set(rows.map((r) => r.cashier))).toEqual(new Set(['Ana', 'Luis']));
		expect(rows.find((r) => r.sku === camMNegro.sku)).toMatchObject({ variant_of: 'CAM', options: 'Talla=M; Color=Negro' });

		// Stock: the damaged T-shirt did not come back; the restocked one did.
		const stock = await repo.stockLevels();
		expect(stock.get(camSNegro.id)).toBe(0);
		expect(stock.get(camMBlanco.id)).toBe(-1);
		expect(stock.get(book.id)).toBe(0);
		const ticketsByInvoice = new Map(tickets.map((t: Ticket) => [t.invoice, t]));
		expect(ticketsByInvoice.get(noTicket.invoice)?.returnReason).toBe('regalo sin ticket');
	});
});
