// `inventario sell` as a boutique's till on SQLite: variants, tax per rate, line and ticket
// discounts, split payments with change, returns with and without the ticket, exchanges, who sold
// it, and tickets numbered in the store's own series with an unbroken hash chain.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { Cents, LocalTimestamp, ProductId } from '../../src/core/brand';
import { DEVICE_SETTING } from '../../src/core/device';
import { DEFAULT_TILL_SETTINGS, TILL_SETTINGS_KEY, ticketSeriesOf } from '../../src/core/till/settings';
import { STAFF_KEY, staffMember } from '../../src/core/till/staff';
import { verifyTickets } from '../../src/core/till/ticket';
import type { Product } from '../../src/core/types';
import { missingVariants } from '../../src/core/variants';
import { SqlRepository } from '../../src/sql/sql-repository';

const DEVICE = '3f2a9c1e-7b44-4d1a-9e0f-5c6b7a8d9e01';
const SERIES = ticketSeriesOf(DEVICE);

async function run(...argv: string[]) {
	const out: string[] = [], err: string[] = [];
	const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
	return { code, out: out.join('\n'), err: err.join('\n').split('\n')[0] };
}

function product(sku: string, name: string, price: number, extra: Partial<Product> = {}): Product {
	return {
		id: `p-${sku}` as ProductId, sku, barcode: '', name, category: 'Ropa', unitPrice: price as Cents, unitCost: 500 as Cents, supplierId: null,
		leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: false, updatedAt: 0 as LocalTimestamp, ...extra
	};
}

/** A boutique: a T-shirt in two sizes and two colours at 20.00 (IVA 21 %), a book at 15.90 (4 %). */
async function boutique(staff = false) {
	const db = join(mkdtempSync(join(tmpdir(), 'inventario-sell-')), 'caja.db');
	const repo = await SqlRepository.open(db);
	try {
		await repo.putSetting(DEVICE_SETTING, DEVICE);
		await repo.putSetting(TILL_SETTINGS_KEY, { ...DEFAULT_TILL_SETTINGS, shopName: 'Boutique Lola', paymentMethods: ['Bizum'] });
		const style = product('TEE', 'Camiseta', 2000, { options: [{ name: 'Talla', values: ['S', 'M'] }, { name: 'Color', values: ['Negro', 'Blanco'] }] });
		await repo.putProduct(style);
		for (const v of missingVariants(style, [], new Set(['TEE']), 0 as LocalTimestamp)) await repo.putProduct(v);
		await repo.putProduct(product('LIB', 'Libro', 1590, { taxRate: 4 }));
		if (staff) await repo.putSetting(STAFF_KEY, [staffMember('a', 'Lola', 'admin', '1111', 's1'), staffMember('b', 'Pablo', 'staff', '2222', 's2')]);
	} finally {
		await repo.close();
	}
	return db;
}

async function stored(db: string) {
	const repo = await SqlRepository.open(db);
	try {
		return { tickets: await repo.listTickets(), stock: await repo.stockLevels(), products: await repo.listProducts() };
	} finally {
		await repo.close();
	}
}

describe('inventario sell at a boutique', () => {
	it('sells two variants with a discount, paid by card and cash with change, taxed per rate, in the store\'s own series', async () => {
		const db = await boutique();
		const sale = await run('sell', 'TEE-S-NEGRO:2', 'TEE-M-BLANCO', 'LIB', '--discount', 'TEE-S-NEGRO=10%', '--ticket-discount', '5.00',
			'--pay', 'card=30', '--pay', 'cash=50', '--cashier', 'Lola', '--db', db);
		expect(sale.err).toBe('');
		expect(sale.code).toBe(0);
		const lines = sale.out.split('\n');
		expect(lines[0]).toMatch(new RegExp(`^Sale ${SERIES}-000001, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d, cashier Lola$`));
		expect(lines[1].split(/\s+/)).toEqual(['sku', 'name', 'quantity', 'unit_price', 'discount', 'amount', 'stock_left']);
		// 40.00 − 4.00 (10 %) + 20.00 + 15.90 = 71.90, less 5.00 shared over the lines = 66.90.
		expect(lines.slice(3, 6).map((l) => l.split(/\s{2,}/))).toEqual([
			['TEE-S-NEGRO', 'Camiseta S / Negro', '2', '20.00', '6.50', '33.50', '-2'],
			['TEE-M-BLANCO', 'Camiseta M / Blanco', '1', '20.00', '1.39', '18.61', '-1'],
			['LIB', 'Libro', '1', '15.90', '1.11', '14.79', '-1']
		]);
		expect(lines.slice(6)).toEqual([
			'Total: 66.90 (4 units)',
			'Ticket discount: 5.00',
			'Tax 21%: base 43.07, tax 9.04, total 52.11',
			'Tax 4%: base 14.22, tax 0.57, total 14.79',
			'Paid: card 30.00, cash 36.90 (cash given 50.00)',
			'Change: 13.10',
			'Stock below zero: TEE-S-NEGRO -2, TEE-M-BLANCO -1, LIB -1 (the sale stands; receive or count the stock)'
		]);
		const json = JSON.parse((await run('sell', 'TEE-S-BLANCO', '--pay', 'Bizum=20', '--json', '--db', db)).out);
		expect(json).toMatchObject({ invoice: `${SERIES}-000002`, total: '20.00', taxes: [{ rate: 21, base: '16.53', tax: '3.47' }], payments: [{ method: 'Bizum', amount: '20.00' }], change: '0.00' });
		// By default the card pays the total.
		expect(JSON.parse((await run('sell', 'LIB', '--json', '--db', db)).out).payments).toEqual([{ method: 'card', amount: '15.90' }]);
		const { tickets } = await stored(db);
		expect(tickets.map((t) => t.invoice).sort()).toEqual([1, 2, 3].map((n) => `${SERIES}-00000${n}`));
		expect(verifyTickets(tickets)).toEqual([]);
		expect(tickets.find((t) => t.number === 1)).toMatchObject({ shop: { name: 'Boutique Lola' }, cashier: 'Lola', total: 6690, tendered: 5000, change: 1310 });

		const exported = Papa.parse<string[]>((await run('export', 'sales', '--db', db)).out.replace(/^\uFEFF/, ''), { newline: '\r\n' }).data;
		const col = (name: string) => exported[0].indexOf(name);
		expect([col('tax_rate'), col('tax_amount'), col('payments'), col('cashier')].every((i) => i > 0)).toBe(true);
		expect(exported[1][col('payments')]).toBe('card:30.00; cash:36.90');
		expect(exported[1][col('cashier')]).toBe('Lola');
	});

	it('gives back a line of a ticket at what was paid, never more than was sold, and exchanges in one go', async () => {
		const db = await boutique();
		const first = JSON.parse((await run('sell', 'TEE-S-NEGRO:2', 'LIB', '--discount', 'TEE-S-NEGRO=10%', '--json', '--db', db)).out);
		const invoice = first.invoice;
		// Exchange: one black S back (paid 18.00), a white M out (20.00): 2.00 to pay, in cash.
		const swap = await run('sell', 'TEE-S-NEGRO:-1', 'TEE-M-BLANCO', '--return-of', invoice, '--pay', 'cash=5', '--db', db);
		expect(swap.err).toBe('');
		expect(swap.out).toContain(`Returns lines of ${invoice}`);
		expect(swap.out).toMatch(/TEE-S-NEGRO\s+Camiseta S \/ Negro\s+-1\s+18\.00\s+-18\.00/);
		expect(swap.out).toContain('Total: 2.00 (0 units)');
		expect(swap.out).toContain('Change: 3.00');
		expect((await run('sell', 'TEE-S-NEGRO:-2', '--return-of', invoice, '--db', db)).err).toBe(`inventario sell: "TEE-S-NEGRO:-2": ticket ${invoice} has 1 of TEE-S-NEGRO left to return`);
		expect((await run('sell', 'TEE-M-NEGRO:-1', '--return-of', invoice, '--db', db)).err).toBe(`inventario sell: "TEE-M-NEGRO:-1": TEE-M-NEGRO was not sold on ticket ${invoice}`);
		expect((await run('sell', 'LIB:-1', '--return-of', 'NOPE-000009', '--db', db)).err).toBe('inventario sell: --return-of "NOPE-000009": no ticket with that number in this store');
		const refund = JSON.parse((await run('sell', 'TEE-S-NEGRO:-1', 'LIB:-1', '--return-of', invoice, '--pay', 'cash=33.90', '--json', '--db', db)).out);
		expect(refund).toMatchObject({ total: '-33.90', return_of: invoice, payments: [{ method: 'cash', amount: '-33.90' }], taxes: [{ rate: 21, tax: '-3.12' }, { rate: 4, tax: '-0.61' }] });
		// A return without its ticket needs a reason.
		expect((await run('sell', 'LIB:-1', '--db', db)).err).toContain('to give units back, say the ticket with --return-of INVOICE or why with --reason TEXT');
		const noTicket = JSON.parse((await run('sell', 'LIB:-1', '--reason', 'regalo', '--json', '--db', db)).out);
		expect(noTicket).toMatchObject({ total: '-15.90', return_reason: 'regalo', payments: [{ method: 'card', amount: '-15.90' }] });
		const { tickets, stock, products } = await stored(db);
		expect(verifyTickets(tickets)).toEqual([]);
		const id = (sku: string) => products.find((p) => p.sku === sku)!.id;
		expect([stock.get(id('TEE-S-NEGRO')), stock.get(id('TEE-M-BLANCO')), stock.get(id('LIB'))]).toEqual([0, -1, 1]);
	});

	it('knows the staff: names them, and a staff member cannot refund or give a large discount', async () => {
		const db = await boutique(true);
		expect((await run('sell', 'LIB', '--cashier', 'Nadie', '--db', db)).err).toBe('inventario sell: --cashier "Nadie": no staff member with that name (staff: Lola, Pablo)');
		const sold = await run('sell', 'LIB', '--cashier', 'pablo', '--db', db);
		expect(sold.out.split('\n')[0]).toMatch(/, cashier Pablo$/);
		expect((await run('sell', 'LIB:-1', '--reason', 'roto', '--cashier', 'Pablo', '--db', db)).err).toBe('inventario sell: --cashier "Pablo" is staff: a refund needs an admin (give an admin\'s name with --cashier)');
		expect((await run('sell', 'LIB', '--ticket-discount', '20%', '--cashier', 'Pablo', '--db', db)).err).toBe('inventario sell: --cashier "Pablo" is staff: a discount over 10% needs an admin (give an admin\'s name with --cashier)');
		expect((await run('sell', 'LIB', '--ticket-discount', '20%', '--cashier', 'Lola', '--db', db)).code).toBe(0);
	});

	it('names every wrong argument and stores nothing', async () => {
		const db = await boutique();
		for (const [argv, message] of [
			[['TEE'], '"TEE": TEE is a style with options; sell one of its variants (TEE-M-BLANCO, TEE-M-NEGRO, TEE-S-BLANCO, TEE-S-NEGRO)'],
			[['LIB', '--pay', 'cheque=20'], '--pay "cheque=20": the shop takes cash, card, Bizum; "cheque" is none of them'],
			[['LIB', '--pay', 'cash=10'], '--pay: 5.90 is still to pay; add --pay METHOD=AMOUNT for it'],
			[['LIB', '--pay', 'card=cinco'], '--pay "card=cinco": "cinco" is not an amount (e.g. 20 or 15,50)'],
			[['LIB', '--discount', 'LIB=120%'], '--discount "LIB=120%": "120%" is not a percentage from 0 to 100 (e.g. 10%)'],
			[['LIB', '--discount', 'LIB=20'], '--discount for "LIB" is more than the amount it comes off'],
			[['LIB', '--discount', 'TEE=1'], '--discount "TEE=1": "TEE" is not on this sale'],
			[['LIB', '--ticket-discount', 'mucho'], '--ticket-discount "mucho": "mucho" is not a discount (e.g. 10% or 2.50)'],
			[['LIB:-1', '--return-of', 'X', '--reason', 'y'], '--return-of and --reason: a return has its ticket or a reason, not both']
		] as const) {
			const r = await run('sell', ...argv, '--db', db);
			expect(r.code, argv.join(' ')).toBe(2);
			expect(r.err).toBe(`inventario sell: ${message}`);
		}
		expect((await stored(db)).tickets).toEqual([]);
	});
});
