import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Cents, LocalTimestamp, ProductId, SaleId } from '$core/brand';
import { MemoryRepository } from '$core/memory-repository';
import { roundShares, splitByWeight } from '$core/till/allocate';
import { priceTicket, ticketBatch, type TillDraft, type TillLine } from '$core/till/checkout';
import { discountCents, shareTicketDiscount } from '$core/till/discounts';
import { parsePaymentsText, paymentsText, settle } from '$core/till/payments';
import { chargeTicket } from '$core/till/record';
import { checkReturn, refundUnitPrice, returnableQuantities } from '$core/till/returns';
import { DEFAULT_TILL_SETTINGS, tillSettingsOf, ticketSeriesOf } from '$core/till/settings';
import { sha256Hex } from '$core/till/sha256';
import { closeShift, openShift, shiftReport } from '$core/till/shift';
import { can, memberByPin, staffErrors, staffMember } from '$core/till/staff';
import { ticketTax } from '$core/till/tax';
import { GENESIS, sealTicket, verifyTickets, type Ticket } from '$core/till/ticket';
import { lineAmounts } from '$core/sale-blocks';

const c = (n: number) => n as Cents;
const shirt = { id: 'p-shirt' as ProductId, sku: 'CAM-M', name: 'Camiseta M', taxRate: 21 };
const book = { id: 'p-book' as ProductId, sku: 'LIB-1', name: 'Libro', taxRate: 4 };
const line = (product: TillLine['product'], quantity: number, unitPrice: number, extra: Partial<TillLine> = {}): TillLine => ({ product, quantity, unitPrice: c(unitPrice), discount: null, ...extra });
const draft = (lines: TillLine[], extra: Partial<TillDraft> = {}): TillDraft => ({
	saleId: 'sale-1' as SaleId, at: 1_700_000_000_000 as LocalTimestamp, deviceId: 'dev-1', lines, ticketDiscount: null,
	tenders: [{ method: 'card', amount: 1_000_000 }], customer: null, cashier: 'Ana', approvedBy: '', returnOf: '', returnReason: '', shiftId: 'shift-1', ...extra
});

describe('sha256', () => {
	it('matches Node on known and random inputs', () => {
		expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		for (const text of ['ñandú €', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'w'.repeat(1000)])
			expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
	});
});

describe('allocation', () => {
	it('never loses or invents a cent', () => {
		expect(roundShares([0.5, 0.5, 0.5], 2)).toEqual([1, 1, 0]);
		expect(splitByWeight(100, [1, 1, 1])).toEqual([34, 33, 33]);
		expect(splitByWeight(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
		expect(splitByWeight(7, [0, 0])).toEqual([0, 0]);
	});
});

describe('tax', () => {
	it('included: base and tax per rate on the ticket, lines adding up to it to the cent', () => {
		// 3 lines of 0.10 at 21 %: per line the tax would round to 0.02 each (0.06); on the ticket it is 0.05.
		const t = ticketTax([{ amount: 10, rate: 21 }, { amount: 10, rate: 21 }, { amount: 10, rate: 21 }], true);
		expect(t.rates).toEqual([{ rate: 21, base: 25, tax: 5, total: 30 }]);
		expect(t.lineTax.reduce((s, x) => s + x, 0)).toBe(5);
		expect(t.total).toBe(30);
	});

	it('excluded: tax goes on top, per rate', () => {
		const t = ticketTax([{ amount: 1000, rate: 21 }, { amount: 999, rate: 10 }, { amount: 500, rate: 0 }], false);
		expect(t.rates).toEqual([{ rate: 21, base: 1000, tax: 210, total: 1210 }, { rate: 10, base: 999, tax: 100, total: 1099 }, { rate: 0, base: 500, tax: 0, total: 500 }]);
		expect(t.total).toBe(2809);
	});

	it('a refund mirrors the sale, and an exchange nets the rates', () => {
		const sale = ticketTax([{ amount: 1999, rate: 21 }], true);
		const refund = ticketTax([{ amount: -1999, rate: 21 }], true);
		expect(refund.tax).toBe(-sale.tax);
		const exchange = ticketTax([{ amount: -1999, rate: 21 }, { amount: 2499, rate: 21 }], true);
		expect(exchange.total).toBe(500);
		expect(exchange.lineTax.reduce((s, x) => s + x, 0)).toBe(exchange.tax);
	});
});

describe('discounts', () => {
	it('percent and amount, never more than the line, never on a return', () => {
		expect(discountCents({ kind: 'percent', value: 10, reason: '' }, 1999)).toBe(200);
		expect(discountCents({ kind: 'amount', value: 5000, reason: '' }, 1999)).toBe(1999);
		expect(discountCents({ kind: 'percent', value: 10, reason: '' }, -1999)).toBe(0);
		expect(shareTicketDiscount(c(100), [1000, 2000, -500])).toEqual([33, 67, 0]);
	});

	it('a ticket discount is shared over the sold lines and taxed after', () => {
		const p = priceTicket(draft([line(shirt, 2, 1000, { discount: { kind: 'percent', value: 10, reason: 'tara' } }), line(book, 1, 1500)], { ticketDiscount: { kind: 'amount', value: 300, reason: 'cliente habitual' } }), DEFAULT_TILL_SETTINGS);
		expect(p.errors).toEqual([]);
		expect(p.draft.lines.map((l) => l.discount)).toEqual([200 + 164, 136]);
		expect(p.draft.lines.map((l) => l.amount)).toEqual([1636, 1364]);
		expect(p.draft.total).toBe(3000);
		expect(p.discount).toBe(500);
		expect(p.draft.taxes.map((r) => r.rate)).toEqual([21, 4]);
		expect(p.draft.base + p.draft.tax).toBe(3000);
	});
});

describe('payments', () => {
	it('cash gives change, other methods never exceed what is owed, splits add up', () => {
		expect(settle(c(1250), [{ method: 'cash', amount: 2000 }])).toMatchObject({ paid: 1250, due: 0, change: 750, complete: true, payments: [{ method: 'cash', amount: 1250 }] });
		expect(settle(c(2550), [{ method: 'card', amount: 550 }, { method: 'cash', amount: 2000 }])).toMatchObject({ change: 0, complete: true, payments: [{ method: 'card', amount: 550 }, { method: 'cash', amount: 2000 }] });
		expect(settle(c(2550), [{ method: 'card', amount: 9999 }])).toMatchObject({ change: 0, payments: [{ method: 'card', amount: 2550 }] });
		expect(settle(c(2550), [{ method: 'cash', amount: 1000 }])).toMatchObject({ due: 1550, complete: false });
		expect(settle(c(-1999), [{ method: 'cash', amount: 1999 }])).toMatchObject({ complete: true, change: 0, payments: [{ method: 'cash', amount: -1999 }] });
	});

	it('writes and reads the exports column', () => {
		const text = paymentsText([{ method: 'cash', amount: c(2000) }, { method: 'card', amount: c(550) }]);
		expect(text).toBe('cash:20.00; card:5.50');
		expect(parsePaymentsText(text)).toEqual([{ method: 'cash', amount: 2000 }, { method: 'card', amount: 550 }]);
		expect(parsePaymentsText('cash 20')).toBeNull();
	});
});

async function sell(repo: MemoryRepository, saleId: string, lines: TillLine[], extra: Partial<TillDraft> = {}) {
	const result = await chargeTicket(repo, draft(lines, { saleId: saleId as SaleId, ...extra }), DEFAULT_TILL_SETTINGS, 'TAB1');
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.ticket;
}

describe('tickets', () => {
	it('each series counts 1, 2, 3 with no gap and chains the hashes; any change is detected', async () => {
		const repo = new MemoryRepository();
		const a = await sell(repo, 's1', [line(shirt, 1, 1999)]);
		const b = await sell(repo, 's2', [line(book, 2, 1500)]);
		expect([a.invoice, b.invoice]).toEqual(['TAB1-000001', 'TAB1-000002']);
		expect(a.previousHash).toBe(GENESIS);
		expect(b.previousHash).toBe(a.hash);
		const stored = await repo.listTickets({ series: 'TAB1' });
		expect(verifyTickets(stored)).toEqual([]);
		const edited: Ticket = { ...b, lines: [{ ...b.lines[0], quantity: 1 }] };
		expect(verifyTickets([a, edited])).toEqual([{ kind: 'changed', invoice: b.invoice }]);
		const third = sealTicket(priceTicket(draft([line(shirt, 1, 1999)]), DEFAULT_TILL_SETTINGS).draft, 'TAB1', { number: b.number, hash: b.hash });
		expect(verifyTickets([a, third])).toEqual([{ kind: 'gap', series: 'TAB1', after: 1, next: 3 }]);
	});

	it('stores the sale with its taxes, payments and cashier on the lines analytics read', async () => {
		const repo = new MemoryRepository();
		const t = await sell(repo, 's1', [line(shirt, 1, 1210)], { tenders: [{ method: 'cash', amount: 2000 }] });
		expect(t.change).toBe(790);
		expect(t.tendered).toBe(2000);
		const [block] = await repo.saleBlocks();
		expect(lineAmounts(block, 0)).toEqual({ paid: 1210, net: 1000, tax: 210 });
		expect(block.saleCashier).toEqual(['Ana']);
		expect(block.salePayments).toEqual([[{ method: 'cash', amount: 1210 }]]);
		const [day] = await repo.shopDays(0 as never, 1e9 as never);
		expect(day.revenue).toBe(1000);
		const moves = await repo.movementsOf(shirt.id);
		expect(moves[0]).toMatchObject({ quantity: -1, reason: 'sale', actor: 'Ana' });
	});

	it('refuses a ticket that is not paid, or a return without ticket or reason', () => {
		const unpaid = priceTicket(draft([line(shirt, 1, 1999)], { tenders: [{ method: 'cash', amount: 1000 }] }), DEFAULT_TILL_SETTINGS);
		expect(unpaid.errors).toContainEqual({ line: -1, field: 'payments', code: 'not_covered' });
		const noReason = priceTicket(draft([line(shirt, -1, 1999)], { tenders: [{ method: 'cash', amount: 1999 }] }), DEFAULT_TILL_SETTINGS);
		expect(noReason.errors).toContainEqual({ line: -1, field: 'returnReason', code: 'required' });
		const zero = priceTicket(draft([line(shirt, 0, 1999)]), DEFAULT_TILL_SETTINGS);
		expect(zero.errors).toContainEqual({ line: 0, field: 'quantity', code: 'must_not_be_zero' });
	});
});

describe('returns', () => {
	it('never more than was sold, counting earlier returns; a discounted item refunds what was paid', async () => {
		const repo = new MemoryRepository();
		const original = await sell(repo, 's1', [line(shirt, 2, 2000, { discount: { kind: 'percent', value: 10, reason: '' } }), line(book, 1, 1500)]);
		expect(refundUnitPrice(original, 0)).toBe(1800);
		const first = await sell(repo, 's2', [line(shirt, -1, 1800, { returnOfLine: 0 })], { returnOf: original.invoice, tenders: [{ method: 'cash', amount: 1800 }] });
		expect(first.total).toBe(-1800);
		const returns = await repo.listTickets({ returnOf: original.invoice });
		expect(returnableQuantities(original, returns)).toEqual([1, 1]);
		expect(checkReturn(original, returns, [{ line: 0, quantity: 2 }])).toEqual([{ line: 0, code: 'more_than_sold', left: 1 }]);
		expect(checkReturn(original, returns, [{ line: 0, quantity: 1 }, { line: 1, quantity: 1 }])).toEqual([]);
		expect(checkReturn(original, returns, [{ line: 5, quantity: 1 }])[0].code).toBe('not_on_ticket');
	});

	it('a damaged return comes back and goes out again; an exchange pays the difference', async () => {
		const repo = new MemoryRepository();
		const original = await sell(repo, 's1', [line(shirt, 1, 2000)]);
		const exchange = await sell(repo, 's2', [line(shirt, -1, 2000, { returnOfLine: 0, restock: false }), line(book, 1, 2500)], { returnOf: original.invoice, tenders: [{ method: 'cash', amount: 1000 }] });
		expect(exchange.total).toBe(500);
		expect(exchange.change).toBe(500);
		const moves = (await repo.movementsOf(shirt.id)).map((m) => [m.reason, m.quantity]).sort();
		expect(moves).toEqual([['adjustment', -1], ['return', 1], ['sale', -1]]);
		expect(ticketBatch(exchange).blocks[0].saleReturnOf).toEqual([original.invoice]);
	});
});

describe('cash shift', () => {
	it('expects the float plus cash taken minus cash refunded and payouts', () => {
		const settings = DEFAULT_TILL_SETTINGS;
		const seal = (d: TillDraft, n: number) => sealTicket(priceTicket(d, settings).draft, 'T', n === 1 ? null : { number: n - 1, hash: 'h' });
		const tickets = [
			seal(draft([line(shirt, 1, 2550)], { tenders: [{ method: 'cash', amount: 3000 }] }), 1),
			seal(draft([line(book, 1, 1000)], { tenders: [{ method: 'card', amount: 1000 }], cashier: 'Luis' }), 2),
			seal(draft([line(shirt, -1, 2550)], { returnReason: 'sin ticket', tenders: [{ method: 'cash', amount: 2550 }] }), 3),
			seal(draft([line(book, 1, 999)], { shiftId: 'other', tenders: [{ method: 'cash', amount: 999 }] }), 4)
		];
		const shift = { ...openShift('shift-1', 'dev-1', 'T', 0 as LocalTimestamp, 'Ana', c(10000)), payouts: [{ at: 1 as LocalTimestamp, amount: c(500), reason: 'mensajero', by: 'Ana' }] };
		const report = shiftReport(shift, tickets);
		expect(report).toMatchObject({ tickets: 3, refundTickets: 1, sales: 3550, refunds: 2550, cashIn: 2550, cashOut: 2550, payouts: 500, expectedCash: 9500, total: 1000 });
		expect(report.byMethod).toEqual([{ method: 'cash', amount: 0 }, { method: 'card', amount: 1000 }]);
		expect(report.byCashier).toEqual([{ cashier: 'Ana', tickets: 2, total: 0 }, { cashier: 'Luis', tickets: 1, total: 1000 }]);
		const closed = closeShift(shift, tickets, c(9450), 99 as LocalTimestamp, 'Ana');
		expect(closed).toMatchObject({ expectedCash: 9500, countedCash: 9450, difference: -50, closedBy: 'Ana' });
	});
});

describe('staff', () => {
	it('finds members by PIN, refuses taken PINs and limits staff', () => {
		const ana = staffMember('1', 'Ana', 'admin', '1234', 'salt-a');
		const luis = staffMember('2', 'Luis', 'staff', '5678', 'salt-b');
		expect(memberByPin([ana, luis], '5678')?.name).toBe('Luis');
		expect(memberByPin([ana, luis], '0000')).toBeNull();
		expect(staffErrors([ana, luis], { id: '3', name: 'luis', pin: '1234', role: 'staff', active: true })).toEqual(['name_taken', 'pin_taken']);
		expect(staffErrors([ana, luis], { id: '1', name: 'Ana', pin: null, role: 'staff', active: true })).toEqual(['last_admin']);
		expect(can('staff', 'refund')).toBe(false);
		expect(can('admin', 'refund')).toBe(true);
		expect(can(null, 'analytics')).toBe(true);
	});
});

describe('settings', () => {
	it('fills what an older record lacks and names a series per device', () => {
		expect(tillSettingsOf({ shopName: 'Boutique' }).taxRates).toEqual([21, 10, 4, 0]);
		expect(ticketSeriesOf('0f3a9c12-aaaa-4bbb-8ccc-ddddeeeeffff')).toBe('0F3A9C12');
	});
});
