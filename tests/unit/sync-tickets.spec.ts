// The till's data over sync (protocol 2), end to end on SQLite and PostgreSQL: a ticket rung up on
// one tablet reaches the server and the other tablet with its hash chain intact, with the sale's
// tax, cashier and payments, the product's variant fields and the movements' actors.
import { afterEach, expect, it } from 'vitest';
import type { Cents, LocalTimestamp, ProductId, SaleId } from '$core/brand';
import { MIN_SYNC_PROTOCOL, SYNC_PROTOCOL } from '$core/api/sync';
import { newId } from '$core/ids';
import { movement } from '$core/ledger';
import type { InventoryRepository } from '$core/repository';
import { blockSales } from '$core/sale-blocks';
import { recordSale } from '$core/selling';
import { syncOnce } from '$core/sync/device-sync';
import type { TillDraft } from '$core/till/checkout';
import { chargeTicket } from '$core/till/record';
import { DEFAULT_TILL_SETTINGS } from '$core/till/settings';
import { verifyTickets, type Ticket } from '$core/till/ticket';
import { parseIsoLocal } from '$core/time';
import type { Product } from '$core/types';
import { SqlRepository } from '../../src/sql/sql-repository';
import { testServer, type TestServer } from '../support/server';
import { describeEachSql } from '../support/sql-databases';
import { dexieDevice, InjectTransport, type TestDevice } from '../support/sync';

const at = (s: string) => parseIsoLocal(s) as LocalTimestamp;

const base = (id: string, sku: string, price: number): Product => ({
	id: id as ProductId, sku, barcode: '', name: `Camiseta ${sku}`, category: 'Ropa', unitPrice: price as Cents, unitCost: 800 as Cents,
	supplierId: null, leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: 2, active: true, createdByImport: false, updatedAt: 1 as never
});
const style: Product = { ...base('style', 'CAM', 2000), taxRate: 10, options: [{ name: 'Talla', values: ['S', 'M'] }, { name: 'Color', values: ['Negro', 'Blanco'] }] };
const variant: Product = {
	...base('cam-m-negro', 'CAM-M-NEG', 2200), name: 'Camiseta M Negro', taxRate: 10, variantOf: style.id,
	optionValues: [{ name: 'Talla', value: 'M' }, { name: 'Color', value: 'Negro' }], ownPrice: true
};

const draft = (lines: TillDraft['lines'], extra: Partial<TillDraft> = {}): TillDraft => ({
	saleId: newId() as SaleId, at: at('2024-06-01 10:00'), deviceId: 'tablet-a', lines, ticketDiscount: { kind: 'percent', value: 5, reason: 'Cliente habitual' },
	tenders: [{ method: 'card', amount: 1000 }, { method: 'cash', amount: 5000 }], customer: null, cashier: 'Ana', approvedBy: '',
	returnOf: '', returnReason: '', shiftId: 'shift-a', ...extra
});

async function charge(repo: InventoryRepository, series: string, d: TillDraft): Promise<Ticket> {
	const r = await chargeTicket(repo, d, DEFAULT_TILL_SETTINGS, series);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.ticket;
}

describeEachSql('sync of the till', (kind) => {
	let server: TestServer;
	const devices: TestDevice[] = [];
	afterEach(async () => {
		for (const d of devices.splice(0)) await d.close();
		await server?.close();
	});

	async function setUp() {
		server = await testServer(kind);
		const transport = new InjectTransport(() => server.app, await server.tokenFor('admin'));
		const a = await dexieDevice('a'), b = await dexieDevice('b');
		devices.push(a, b);
		return { transport, a, b, serverRepo: new SqlRepository(server.sql, server.shopId) };
	}

	it('a ticket rung up on tablet A reaches the server and tablet B: its hash chain, tax, cashier, payments, variant and actors', async () => {
		const { transport, a, b, serverRepo } = await setUp();
		await a.repo.putProduct(style);
		await a.repo.putProduct(variant);
		await a.repo.addMovements([movement(variant.id, 10, 'purchase', at('2024-05-31 09:00'), 'tablet-a', 'ALB-1', '', 'Marta')]);
		const sold = await charge(a.repo, 'AAAA0001', draft([{ product: variant, quantity: 2, unitPrice: variant.unitPrice, discount: null }]));
		// A damaged unit given back (at what was paid for it) on the next ticket: a return and an adjustment, both by Luis.
		const back = await charge(a.repo, 'AAAA0001', draft([{ product: variant, quantity: -1, unitPrice: 2090 as Cents, discount: null, returnOfLine: 0, restock: false }], {
			at: at('2024-06-01 11:00'), cashier: 'Luis', returnOf: sold.invoice, ticketDiscount: null, tenders: [{ method: 'cash', amount: 2090 }]
		}));
		expect(sold).toMatchObject({ number: 1, tax: 380, total: 4180, change: 1820 });
		expect(back).toMatchObject({ number: 2, previousHash: sold.hash, total: -2090 });

		await syncOnce(a.store, transport);
		await syncOnce(b.store, transport);

		for (const [where, repo] of [['B', b.repo], ['server', serverRepo]] as const) {
			expect(await repo.getTicket(sold.invoice), where).toEqual(sold);
			expect(await repo.getTicket(back.invoice), where).toEqual(back);
			const listed = await repo.listTickets({ series: 'AAAA0001' });
			expect(listed.map((t) => t.invoice), where).toEqual([back.invoice, sold.invoice]);
			expect(verifyTickets(listed), where).toEqual([]);
			expect((await repo.listTickets({ returnOf: sold.invoice })).map((t) => t.invoice), where).toEqual([back.invoice]);

			const sales = (await repo.saleBlocks()).flatMap(blockSales).sort((x, y) => x.at - y.at);
			expect(sales.map((s) => [s.invoice, s.cashier, s.payments, s.returnOf ?? '']), where).toEqual([
				[sold.invoice, 'Ana', [{ method: 'card', amount: 1000 }, { method: 'cash', amount: 3180 }], ''],
				[back.invoice, 'Luis', [{ method: 'cash', amount: -2090 }], sold.invoice]
			]);
			expect(sales[0].lines, where).toEqual([{ productId: variant.id, quantity: 2, unitPrice: 2200, discount: 220, taxRate: 10, tax: 380 }]);
			expect(sales[1].lines[0], where).toMatchObject({ quantity: -1, taxRate: 10, tax: -190 });

			expect(await repo.getProduct(style.id), where).toEqual(style);
			expect(await repo.getProduct(variant.id), where).toEqual(variant);

			const moved = (await repo.movementsOf(variant.id)).map((m) => [m.reason, m.quantity, m.actor]).sort();
			expect(moved, where).toEqual([['adjustment', -1, 'Luis'], ['purchase', 10, 'Marta'], ['return', 1, 'Luis'], ['sale', -2, 'Ana']]);
			expect((await repo.stockLevels()).get(variant.id), where).toBe(8);
		}

		// B rings up in its own series; A receives it, and both chains stay whole everywhere.
		const fromB = await charge(b.repo, 'BBBB0002', draft([{ product: variant, quantity: 1, unitPrice: variant.unitPrice, discount: null }], { deviceId: 'tablet-b', cashier: 'Marta', at: at('2024-06-01 12:00') }));
		await syncOnce(b.store, transport);
		await syncOnce(a.store, transport);
		for (const repo of [a.repo, b.repo, serverRepo]) {
			expect(await repo.getTicket(fromB.invoice)).toEqual(fromB);
			const all = await repo.listTickets();
			expect(all).toHaveLength(3);
			expect(verifyTickets(all)).toEqual([]);
		}
	});

	it('a product\'s own tax rate cleared back to the shop default, and a style\'s options changed, reach the other tablet', async () => {
		const { transport, a, b, serverRepo } = await setUp();
		await a.repo.putProduct(style);
		await syncOnce(a.store, transport);
		await syncOnce(b.store, transport);
		const { taxRate: _cleared, ...withoutRate } = style;
		const edited: Product = { ...withoutRate, options: [{ name: 'Talla', values: ['S', 'M', 'L'] }, { name: 'Color', values: ['Negro', 'Blanco'] }] };
		await a.repo.putProduct(edited);
		await syncOnce(a.store, transport);
		await syncOnce(b.store, transport);
		for (const repo of [b.repo, serverRepo]) {
			const got = await repo.getProduct(style.id);
			expect(got?.taxRate).toBeUndefined();
			expect(got?.options).toEqual(edited.options);
		}
	});

	it('a version 1 device\'s push (no till fields) is still applied; a garbled receipt refuses the push, naming it', async () => {
		const { transport, a, serverRepo } = await setUp();
		expect([MIN_SYNC_PROTOCOL, SYNC_PROTOCOL]).toEqual([1, 2]);
		await a.repo.putProduct(base('p1', 'PLAIN', 1000));
		const plain = await recordSale(a.repo, { customerId: null, lines: [{ productId: 'p1' as ProductId, quantity: 1, unitPrice: 1000 as Cents, discount: 0 as Cents }] }, 'old-tablet');
		expect(plain.ok).toBe(true);
		const state = await a.store.syncState();
		const v1 = await a.store.outgoing(0, 100, 100_000);
		expect(JSON.stringify(v1)).not.toMatch(/taxRate|saleCashier|saleTickets|actor/);
		expect(await transport.push({ protocol: 1, deviceId: state.deviceId, cursor: null, acked: 0, changes: v1 })).toMatchObject({ applied: v1.length });
		expect(await serverRepo.counts()).toMatchObject({ products: 1, sales: 1 });

		await a.repo.putProduct(variant);
		const ticket = await charge(a.repo, 'AAAA0001', draft([{ product: variant, quantity: 1, unitPrice: variant.unitPrice, discount: null }]));
		const changes = await a.store.outgoing(v1.length, 100, 100_000);
		const sales = changes.findIndex((c) => c.kind === 'sales');
		const garble = (change: (typeof changes)[number], edit: (t: Record<string, unknown>) => void) => {
			if (change.kind !== 'sales') return change;
			const blocks = change.blocks.map((bl) => ({ ...bl, saleTickets: bl.saleTickets?.map((t) => { const copy = structuredClone(t) as Record<string, unknown>; edit(copy); return copy; }) }));
			return { ...change, blocks } as typeof change;
		};
		const token = await server.tokenFor('admin');
		const push = async (edit: (t: Record<string, unknown>) => void) => server.inject({
			method: 'POST', url: '/api/v1/sync/push', headers: { authorization: `Bearer ${token}` },
			payload: { protocol: SYNC_PROTOCOL, deviceId: state.deviceId, cursor: null, acked: v1.length, changes: changes.map((c) => garble(c, edit)) }
		});
		for (const [edit, path] of [
			[(t: Record<string, unknown>) => { t.hash = 'not a hash'; }, 'hash'],
			[(t: Record<string, unknown>) => { t.invoice = 'AAAA0001-000009'; }, 'invoice'],
			[(t: Record<string, unknown>) => { (t.lines as unknown[]).push('garbage'); }, 'lines.1'],
			[(t: Record<string, unknown>) => { t.extra = true; }, '']
		] as const) {
			const res = await push(edit);
			expect(res.statusCode).toBe(400);
			expect(JSON.stringify(res.json().errors)).toContain(`body.changes.${sales}.blocks.0.saleTickets.0${path ? `.${path}` : ''}`);
		}
		expect(await serverRepo.counts()).toMatchObject({ products: 1, sales: 1 });
		await syncOnce(a.store, transport);
		expect(await serverRepo.getTicket(ticket.invoice)).toEqual(ticket);
	});
});
