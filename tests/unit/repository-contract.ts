// The behaviour every InventoryRepository must have, run against each implementation.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Cents, CustomerId, DayNumber, LocalTimestamp, ProductId, SaleId } from '$core/brand';
import { emptyCustomerForm, emptyProductForm, emptySupplierForm, saveCustomer, saveProduct, saveSupplier, validateProduct } from '$core/catalog';
import { newId } from '$core/ids';
import { movement } from '$core/ledger';
import { DuplicateError, type InventoryRepository } from '$core/repository';
import { blockSales, buildBlock } from '$core/sale-blocks';
import { priceTicket, saleOfTicket, type TillDraft, type TillLine } from '$core/till/checkout';
import { chargeTicket } from '$core/till/record';
import { DEFAULT_TILL_SETTINGS } from '$core/till/settings';
import { sealTicket, verifyTickets, type Ticket } from '$core/till/ticket';
import { querySales } from '$core/sales-query';
import { recordSale } from '$core/selling';
import { adjustStock, receiveGoods, recordCount } from '$core/stock-ops';
import { draftPurchaseOrder } from '$core/purchase-orders/purchase-order';
import { loadStockOnOrder, receivePurchaseOrder, sendPurchaseOrder } from '$core/purchase-orders/use-cases';
import { dayOf, parseIsoLocal } from '$core/time';
import type { Product, Sale } from '$core/types';

const DEVICE = 'device-test';
const at = (s: string) => parseIsoLocal(s) as LocalTimestamp;

async function product(repo: InventoryRepository, sku: string, price = '10', cost = '4'): Promise<Product> {
	const r = await saveProduct(repo, { ...emptyProductForm(), sku, name: `Producto ${sku}`, unitPrice: price, unitCost: cost });
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
}

const line = (p: Product, quantity: number, discount = 0) => ({ productId: p.id, quantity, unitPrice: p.unitPrice, discount: discount as Cents });

const tillLine = (p: Product, quantity: number): TillLine => ({ product: p, quantity, unitPrice: p.unitPrice, discount: null });
const tillDraft = (lines: TillLine[], extra: Partial<TillDraft> = {}): TillDraft => ({
	saleId: newId() as SaleId, at: at('2024-06-01 10:00'), deviceId: DEVICE, lines, ticketDiscount: null,
	tenders: [{ method: 'card', amount: 1_000_000 }], customer: null, cashier: 'Ana', approvedBy: '', returnOf: '', returnReason: '',
	shiftId: 'shift-1', ...extra
});

async function charge(repo: InventoryRepository, series: string, draft: TillDraft): Promise<Ticket> {
	const r = await chargeTicket(repo, draft, DEFAULT_TILL_SETTINGS, series);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.ticket;
}

export function repositoryContract(name: string, makeRepo: () => Promise<InventoryRepository>) {
	describe(`${name} repository`, () => {
		let repo: InventoryRepository;
		beforeEach(async () => {
			repo = await makeRepo();
		});

		it('stores products and finds them by SKU; a second product with the same SKU is refused', async () => {
			const p = await product(repo, 'CAM-001');
			expect((await repo.getProductBySku('CAM-001'))?.id).toBe(p.id);
			expect(await repo.getProduct(p.id)).toEqual(p);
			const clash = validateProduct({ ...emptyProductForm(), sku: 'CAM-001', name: 'Otra', unitPrice: '1' });
			if (!clash.ok) throw new Error('invalid');
			await expect(repo.putProduct(clash.value)).rejects.toBeInstanceOf(DuplicateError);
			const viaUseCase = await saveProduct(repo, { ...emptyProductForm(), sku: 'CAM-001', name: 'Otra', unitPrice: '1' });
			expect(viaUseCase.ok ? null : viaUseCase.errors).toEqual({ sku: 'duplicate' });
			expect(await repo.listProducts()).toHaveLength(1);
		});

		it('deleting a supplier moves or detaches its products, never orphans them', async () => {
			const a = await saveSupplier(repo, { ...emptySupplierForm(), name: 'Textiles del Sur' });
			const b = await saveSupplier(repo, { ...emptySupplierForm(), name: 'Bisutería Luna' });
			if (!a.ok || !b.ok) throw new Error('invalid');
			const p = await saveProduct(repo, { ...emptyProductForm(), sku: 'X1', name: 'X', unitPrice: '1', supplierId: a.value.id });
			const q = await saveProduct(repo, { ...emptyProductForm(), sku: 'X2', name: 'Y', unitPrice: '1', supplierId: b.value.id });
			if (!p.ok || !q.ok) throw new Error('invalid');
			await repo.deleteSupplier(a.value.id, b.value.id);
			expect((await repo.getProduct(p.value.id))?.supplierId).toBe(b.value.id);
			await repo.deleteSupplier(b.value.id, null);
			expect((await repo.getProduct(p.value.id))?.supplierId).toBeNull();
			expect((await repo.getProduct(q.value.id))?.supplierId).toBeNull();
			expect(await repo.listSuppliers()).toHaveLength(0);
		});

		it('a sale takes stock out through the ledger and updates daily totals', async () => {
			const p = await product(repo, 'A', '12,50', '5');
			const q = await product(repo, 'B', '3', '1');
			await receiveGoods(repo, null, 'ALB-1', [{ productId: p.id, quantity: 10 }, { productId: q.id, quantity: 5 }], DEVICE);
			const customer = await saveCustomer(repo, { ...emptyCustomerForm(), code: '17850', name: 'Lucía' });
			if (!customer.ok) throw new Error('invalid');
			const r = await recordSale(repo, { customerId: customer.value.id, lines: [line(p, 3), line(q, 2, 50)], at: at('2024-05-10 10:30') }, DEVICE);
			expect(r.ok).toBe(true);
			const levels = await repo.stockLevels();
			expect(levels.get(p.id)).toBe(7);
			expect(levels.get(q.id)).toBe(3);
			expect(await repo.rebuildStockLevels()).toEqual(levels);

			const history = await repo.movementsOf(p.id);
			expect(history.map((m) => [m.reason, m.quantity]).sort()).toEqual([['purchase', 10], ['sale', -3]]);

			const day = dayOf(at('2024-05-10 00:00'));
			const [shop] = await repo.shopDays(day, day);
			expect(shop).toMatchObject({ day, units: 5, revenue: 3750 + 600 - 50, cost: 1500 + 200, lines: 2 });
			const [pd] = await repo.productDays(p.id, day, day);
			expect(pd).toMatchObject({ productId: p.id, units: 3, revenue: 3750 });
			expect(await repo.productDays(p.id, (day + 1) as DayNumber, (day + 5) as DayNumber)).toEqual([]);
			const series = (await repo.allProductSeries()).sort((a, b) => a.productId.localeCompare(b.productId));
			expect(series.map((s) => s.productId)).toEqual([p.id, q.id].sort());
			const ofP = series.find((s) => s.productId === p.id)!;
			expect([...ofP.days]).toEqual([day]);
			expect([...ofP.units]).toEqual([3]);

			const blocks = await repo.saleBlocks(day, day);
			const page = querySales(blocks, { productId: q.id }, 0, 10);
			expect(page.total).toBe(1);
			expect(page.rows[0]).toMatchObject({ quantity: 2, total: 550, customerId: customer.value.id });
			expect((await repo.counts())).toMatchObject({ products: 2, customers: 1, sales: 1, saleLines: 2, movements: 4 });
		});

		it('a return line puts stock back', async () => {
			const p = await product(repo, 'A');
			await recordSale(repo, { customerId: null, lines: [line(p, -1)], at: at('2024-05-11 09:00') }, DEVICE);
			expect((await repo.stockLevels()).get(p.id)).toBe(1);
			expect((await repo.movementsOf(p.id))[0].reason).toBe('return');
		});

		it('adjustments need a reason; a count records the difference to what was counted', async () => {
			const p = await product(repo, 'A');
			await receiveGoods(repo, null, 'ALB-2', [{ productId: p.id, quantity: 10 }], DEVICE);
			const noReason = await adjustStock(repo, p.id, -2, ' ', DEVICE);
			expect(noReason.ok).toBe(false);
			await adjustStock(repo, p.id, -2, 'Rotura', DEVICE);
			const count = await recordCount(repo, [{ productId: p.id, quantity: 5 }], 'Recuento mayo', DEVICE);
			expect(count.ok && count.movements.map((m) => m.quantity)).toEqual([-3]);
			expect((await repo.stockLevels()).get(p.id)).toBe(5);
			const same = await recordCount(repo, [{ productId: p.id, quantity: 5 }], 'Recuento junio', DEVICE);
			expect(same.ok && same.movements).toEqual([]);
		});

		it('sale blocks are found by the days they cover', async () => {
			const p = await product(repo, 'A');
			for (const d of ['2024-01-05', '2024-02-10', '2024-03-15']) {
				await recordSale(repo, { customerId: null, lines: [line(p, 1)], at: at(`${d} 12:00`) }, DEVICE);
			}
			const feb = await repo.saleBlocks(dayOf(at('2024-02-01 00:00')), dayOf(at('2024-02-29 00:00')));
			expect(feb).toHaveLength(1);
			expect(await repo.saleBlocks()).toHaveLength(3);
			const page = querySales(await repo.saleBlocks(), {}, 0, 2);
			expect(page.total).toBe(3);
			expect(page.rows.map((r) => r.at)).toEqual([at('2024-03-15 12:00'), at('2024-02-10 12:00')]);
		});

		it('gives the import identities of the stored lines, without lines that have none', async () => {
			const p = await product(repo, 'A');
			expect([...await repo.lineKeys()]).toEqual([]);
			const sale = (invoice: string, n: number): Sale => ({ id: newId(), invoice, at: at('2024-04-01 10:00'), customerId: null, deviceId: DEVICE, lines: Array.from({ length: n }, () => line(p, 1)) });
			const keyed = buildBlock(newId(), [sale('F-1', 3)], 'import');
			keyed.lineKeys = Float64Array.of(2 ** 52 + 7, NaN, 0);
			const unkeyed = buildBlock(newId(), [sale('F-2', 2)], 'pos');
			await repo.appendSales({ blocks: [keyed, unkeyed], movements: [] });
			expect([...await repo.lineKeys()].sort((a, b) => a - b)).toEqual([0, 2 ** 52 + 7]);
		});

		it('a batch is stored whole or not at all', async () => {
			const p = await product(repo, 'A');
			const dup = validateProduct({ ...emptyProductForm(), sku: 'A', name: 'Duplicada', unitPrice: '1' });
			if (!dup.ok) throw new Error('invalid');
			const sale: Sale = { id: newId(), invoice: 'F-1', at: at('2024-04-01 10:00'), customerId: null as CustomerId | null, deviceId: DEVICE, lines: [line(p, 2)] };
			const batch = { blocks: [buildBlock(newId(), [sale], 'import')], movements: [], products: [dup.value] };
			await expect(repo.appendSales(batch)).rejects.toBeInstanceOf(DuplicateError);
			expect(await repo.saleBlocks()).toHaveLength(0);
			expect(await repo.shopDays(0 as DayNumber, 100_000 as DayNumber)).toEqual([]);
			expect(await repo.listProducts()).toHaveLength(1);
		});

		it('keeps settings and forgets everything on clear', async () => {
			await repo.putSetting('deviceId', 'abc');
			await repo.putSetting('importMapping:x', { sku: 1 });
			expect(await repo.getSetting('deviceId')).toBe('abc');
			expect(new Map(await repo.listSettings())).toEqual(new Map<string, unknown>([['deviceId', 'abc'], ['importMapping:x', { sku: 1 }]]));
			await product(repo, 'A');
			await repo.clear();
			expect(await repo.counts()).toEqual({ products: 0, suppliers: 0, customers: 0, saleLines: 0, sales: 0, movements: 0 });
			expect(await repo.getSetting('deviceId')).toBeUndefined();
		});

		it('lists a product\'s movements newest first', async () => {
			const p = await product(repo, 'A');
			const entries = ['2024-01-02 10:00', '2024-03-01 09:00', '2024-02-01 08:00'].map((t, i) => movement(p.id, i + 1, 'purchase', at(t), DEVICE));
			await repo.addMovements(entries);
			expect((await repo.movementsOf(p.id)).map((m) => m.quantity)).toEqual([2, 3, 1]);
			expect((await repo.movementsOf(p.id, 1)).map((m) => m.quantity)).toEqual([2]);
		});

		it('fractional quantities add up without float dust', async () => {
			const p = await product(repo, 'GRANEL');
			await receiveGoods(repo, null, 'A', [{ productId: p.id as ProductId, quantity: 0.1 }, { productId: p.id, quantity: 0.2 }], DEVICE);
			expect((await repo.stockLevels()).get(p.id)).toBe(0.3);
		});

		it('numbers each series\'s tickets 1, 2, 3 with each hash chained to the previous, series apart', async () => {
			const p = await product(repo, 'A', '12,10');
			const a1 = await charge(repo, 'TAB1', tillDraft([tillLine(p, 1)], { at: at('2024-06-01 10:00') }));
			const b1 = await charge(repo, 'TAB2', tillDraft([tillLine(p, 2)], { at: at('2024-06-01 10:05') }));
			const a2 = await charge(repo, 'TAB1', tillDraft([tillLine(p, 3)], { at: at('2024-06-01 10:10') }));
			const a3 = await charge(repo, 'TAB1', tillDraft([tillLine(p, 1)], { at: at('2024-06-01 10:20') }));
			expect([a1, a2, a3].map((t) => t.invoice)).toEqual(['TAB1-000001', 'TAB1-000002', 'TAB1-000003']);
			expect(b1).toMatchObject({ invoice: 'TAB2-000001', number: 1, previousHash: a1.previousHash });
			expect(a2.previousHash).toBe(a1.hash);
			expect(a3.previousHash).toBe(a2.hash);
			const all = await repo.listTickets();
			expect(all.map((t) => t.invoice)).toEqual(['TAB1-000003', 'TAB1-000002', 'TAB2-000001', 'TAB1-000001']);
			expect(verifyTickets(all)).toEqual([]);
			expect(await repo.getTicket(a2.invoice)).toEqual(a2);
			expect(await repo.getTicket('TAB1-000009')).toBeUndefined();
			// The sale is stored with its ticket: 7 units, its lines taxed, stock moved.
			expect((await repo.counts())).toMatchObject({ sales: 4, saleLines: 4 });
			expect((await repo.stockLevels()).get(p.id)).toBe(-7);
			const blocks = await repo.saleBlocks();
			const stored = blocks.flatMap(blockSales).find((s) => s.invoice === a2.invoice)!;
			expect(stored).toMatchObject({ id: a2.saleId, cashier: 'Ana', payments: a2.payments, ticket: a2 });
			expect(stored.lines).toEqual([{ productId: p.id, quantity: 3, unitPrice: 1210, discount: 0, taxRate: 21, tax: 630 }]);
		});

		it('lists tickets by series, shift, returned invoice and time, newest first, to a limit', async () => {
			const p = await product(repo, 'A');
			const first = await charge(repo, 'S1', tillDraft([tillLine(p, 2)], { at: at('2024-06-01 09:00'), shiftId: 'morning' }));
			await charge(repo, 'S1', tillDraft([tillLine(p, 1)], { at: at('2024-06-01 12:00'), shiftId: 'morning' }));
			const back = await charge(repo, 'S2', tillDraft([{ ...tillLine(p, -1), returnOfLine: 0 }], { at: at('2024-06-01 17:00'), shiftId: 'evening', returnOf: first.invoice, tenders: [{ method: 'cash', amount: 1000 }] }));
			await charge(repo, 'S1', tillDraft([tillLine(p, 4)], { at: at('2024-06-02 10:00'), shiftId: 'evening' }));
			const invoices = async (q: Parameters<InventoryRepository['listTickets']>[0]) => (await repo.listTickets(q)).map((t) => t.invoice);
			expect(await invoices({ series: 'S1' })).toEqual(['S1-000003', 'S1-000002', 'S1-000001']);
			expect(await invoices({ series: 'S1', limit: 2 })).toEqual(['S1-000003', 'S1-000002']);
			expect(await invoices({ shiftId: 'morning' })).toEqual(['S1-000002', 'S1-000001']);
			expect(await invoices({ shiftId: 'evening', limit: 1 })).toEqual(['S1-000003']);
			expect(await invoices({ returnOf: first.invoice })).toEqual([back.invoice]);
			expect(await invoices({ fromAt: at('2024-06-01 12:00'), toAt: at('2024-06-01 17:00') })).toEqual(['S2-000001', 'S1-000002']);
			expect(await invoices({ series: 'S3' })).toEqual([]);
			expect((await repo.getTicket(back.invoice))?.returnOf).toBe(first.invoice);
			const returned = (await repo.saleBlocks()).flatMap(blockSales).find((s) => s.invoice === back.invoice)!;
			expect(returned).toMatchObject({ returnOf: first.invoice, payments: [{ method: 'cash', amount: -1000 }] });
		});

		it('refuses a ticket whose invoice is already stored, and stores nothing of it', async () => {
			const p = await product(repo, 'A');
			const first = await charge(repo, 'T', tillDraft([tillLine(p, 1)]));
			const again = priceTicket(tillDraft([tillLine(p, 5)]), DEFAULT_TILL_SETTINGS).draft;
			// A seal that ignores the previous ticket numbers it 1 again.
			await expect(repo.appendTicketSale('T', () => sealTicket(again, 'T', null))).rejects.toBeInstanceOf(DuplicateError);
			expect(await repo.listTickets()).toEqual([first]);
			expect(await repo.counts()).toMatchObject({ sales: 1, saleLines: 1, movements: 1 });
			expect((await repo.stockLevels()).get(p.id)).toBe(-1);
			const day = dayOf(first.at);
			expect((await repo.shopDays(day, day))[0]).toMatchObject({ units: 1 });
		});

		it('keeps a style\'s options and tax rate, and a variant\'s style, option values and own price', async () => {
			const plain = await product(repo, 'PLAIN');
			const base = await product(repo, 'CAM', '20');
			const style: Product = { ...base, taxRate: 10, options: [{ name: 'Talla', values: ['S', 'M'] }, { name: 'Color', values: ['Negro', 'Blanco'] }] };
			await repo.putProduct(style);
			const made = await product(repo, 'CAM-M-NEG', '22');
			const variant: Product = { ...made, taxRate: 10, variantOf: style.id, optionValues: [{ name: 'Talla', value: 'M' }, { name: 'Color', value: 'Negro' }], ownPrice: true };
			await repo.putProduct(variant);
			expect(await repo.getProduct(style.id)).toEqual(style);
			expect(await repo.getProductBySku('CAM-M-NEG')).toEqual(variant);
			const listed = new Map((await repo.listProducts()).map((p) => [p.id, p]));
			expect(listed.get(variant.id)).toEqual(variant);
			const back = listed.get(plain.id)!;
			expect(back).toEqual(plain);
			expect(back.taxRate ?? null).toBeNull();
			expect(back.variantOf ?? null).toBeNull();
			expect(back.options ?? []).toEqual([]);
			expect(back.ownPrice ?? false).toBe(false);
			// A rate of 0 is a rate (books, exempt goods), not "none".
			await repo.putProduct({ ...plain, taxRate: 0 });
			expect((await repo.getProduct(plain.id))?.taxRate).toBe(0);
		});

		it('sale blocks keep tax, cashier, payments, returns, tax-excluded prices and tickets; totals are net of tax', async () => {
			const p = await product(repo, 'A', '12,10', '5');
			const q = await product(repo, 'B', '10', '4');
			const day = at('2024-07-01 10:00');
			const ticket = sealTicket(priceTicket(tillDraft([tillLine(p, 1)], { at: day }), DEFAULT_TILL_SETTINGS).draft, 'BLK', null);
			const withTicket = saleOfTicket(ticket);
			const excluded: Sale = {
				id: newId(), invoice: 'F-2', at: day, customerId: null, deviceId: DEVICE, taxExcluded: true, cashier: 'Luis',
				payments: [{ method: 'cash', amount: 1210 as Cents }], lines: [{ ...line(q, 1), taxRate: 21, tax: 210 as Cents }]
			};
			const refund: Sale = {
				id: newId(), invoice: 'F-3', at: day, customerId: null, deviceId: DEVICE, returnOf: 'F-2',
				payments: [{ method: 'card', amount: -605 as Cents }, { method: 'Bizum', amount: 0 as Cents }], lines: [{ ...line(p, -0.5), unitPrice: 1210 as Cents, taxRate: 21, tax: -105 as Cents }]
			};
			const plain: Sale = { id: newId(), invoice: 'F-4', at: day, customerId: null, deviceId: DEVICE, lines: [line(q, 2)] };
			const block = buildBlock(newId(), [withTicket, excluded, refund, plain], 'pos');
			await repo.appendSales({ blocks: [block], movements: [] });
			const [back] = await repo.saleBlocks();
			for (const column of ['taxRate', 'tax', 'saleTaxExcluded', 'saleCashier', 'salePayments', 'saleReturnOf', 'saleTickets'] as const) expect(back[column], column).toBeDefined();
			expect(blockSales(back)).toEqual(blockSales(block));
			expect(blockSales(back)[0].ticket).toEqual(ticket);
			// A ticket arriving inside a block (sync, import, restore) is indexed like one rung up here.
			expect(await repo.getTicket(ticket.invoice)).toEqual(ticket);
			expect((await repo.listTickets({ series: 'BLK' })).map((t) => t.invoice)).toEqual([ticket.invoice]);
			// Revenue net of tax: 1210 - 210, 1000 (tax on top), -605 + 105, 2000 (no tax recorded).
			const [totals] = await repo.shopDays(dayOf(day), dayOf(day));
			expect(totals).toMatchObject({ revenue: 1000 + 1000 - 500 + 2000, units: 1 + 1 - 0.5 + 2, lines: 4 });
			const [pDay] = await repo.productDays(p.id, dayOf(day), dayOf(day));
			expect(pDay).toMatchObject({ revenue: 500, units: 0.5 });
		});

		it('a block without till columns comes back without them (sales from before taxes keep their totals)', async () => {
			const p = await product(repo, 'A', '3');
			const block = buildBlock(newId(), [{ id: newId(), invoice: 'OLD-1', at: at('2023-01-02 10:00'), customerId: null, deviceId: DEVICE, lines: [line(p, 2, 50)] }], 'import');
			await repo.appendSales({ blocks: [block], movements: [] });
			const [back] = await repo.saleBlocks();
			for (const column of ['taxRate', 'tax', 'saleTaxExcluded', 'saleCashier', 'salePayments', 'saleReturnOf', 'saleTickets'] as const) expect(back[column], column).toBeUndefined();
			expect(blockSales(back)).toEqual(blockSales(block));
			const day = dayOf(at('2023-01-02 00:00'));
			expect((await repo.shopDays(day, day))[0]).toMatchObject({ revenue: 550 });
			expect(await repo.listTickets()).toEqual([]);
		});

		it('movements keep who made them; clear forgets tickets', async () => {
			const p = await product(repo, 'A');
			await repo.addMovements([movement(p.id, 5, 'purchase', at('2024-01-02 10:00'), DEVICE, 'ALB-9', '', 'Marta'), movement(p.id, -1, 'adjustment', at('2024-01-03 10:00'), DEVICE, '', 'Rotura')]);
			const [adjusted, received] = await repo.movementsOf(p.id);
			expect(received.actor).toBe('Marta');
			expect(adjusted.actor ?? '').toBe('');
			const ticket = await charge(repo, 'T', tillDraft([{ ...tillLine(p, -1), restock: false }], { returnReason: 'Sin ticket', tenders: [{ method: 'cash', amount: 1000 }] }));
			const moved = await repo.movementsOf(p.id);
			expect(moved.filter((m) => m.reference === ticket.invoice).map((m) => [m.reason, m.quantity, m.actor]).sort()).toEqual([['adjustment', -1, 'Ana'], ['return', 1, 'Ana']]);
			await repo.clear();
			expect(await repo.listTickets()).toEqual([]);
			expect(await repo.getTicket(ticket.invoice)).toBeUndefined();
			const again = await charge(repo, 'T', tillDraft([tillLine(await product(repo, 'B'), 1)]));
			expect(again.number).toBe(1);
		});

		it('keeps purchase orders: a sent order is stock on order until received as purchase movements', async () => {
			const s = await saveSupplier(repo, { ...emptySupplierForm(), name: 'Textiles del Sur', defaultLeadTimeDays: '5' });
			if (!s.ok) throw new Error('invalid');
			const a = await product(repo, 'A'), b = await product(repo, 'B');
			const draft = draftPurchaseOrder(s.value.id, [{ productId: a.id, quantity: 12, unitCost: a.unitCost }, { productId: b.id, quantity: 3, unitCost: b.unitCost }], at('2024-06-03 10:00'), DEVICE);
			await repo.putPurchaseOrder(draft);
			expect(await repo.getPurchaseOrder(draft.id)).toEqual(draft);
			expect(await loadStockOnOrder(repo)).toEqual(new Map());
			const sent = await sendPurchaseOrder(repo, draft.id, at('2024-06-04 09:00'));
			expect(sent).toMatchObject({ status: 'ordered', expectedDay: dayOf(at('2024-06-09 00:00')) });
			expect(await loadStockOnOrder(repo)).toEqual(new Map([[a.id, 12], [b.id, 3]]));
			const received = await receivePurchaseOrder(repo, draft.id, DEVICE, new Map([[b.id, 2]]));
			expect(received.lines.map((l) => l.receivedQuantity)).toEqual([12, 2]);
			expect(await repo.getPurchaseOrder(draft.id)).toEqual(received);
			expect(await loadStockOnOrder(repo)).toEqual(new Map());
			expect(await repo.stockLevels()).toEqual(new Map([[a.id, 12], [b.id, 2]]));
			expect(await repo.movementsOf(b.id)).toMatchObject([{ quantity: 2, reason: 'purchase', reference: draft.number, note: 'Textiles del Sur' }]);
			await expect(receivePurchaseOrder(repo, draft.id, DEVICE)).rejects.toThrow(/cannot receive a purchase order that is received/);
			await expect(sendPurchaseOrder(repo, 'missing')).rejects.toThrow(/purchase order missing not found/);
			const other = draftPurchaseOrder(null, [{ productId: a.id, quantity: 1, unitCost: a.unitCost }], at('2024-06-05 10:00'), DEVICE);
			await repo.putPurchaseOrder(other);
			expect((await repo.listPurchaseOrders()).map((o) => o.id).sort()).toEqual([draft.id, other.id].sort());
			await repo.deletePurchaseOrder(other.id);
			expect(await repo.getPurchaseOrder(other.id)).toBeUndefined();
			await repo.clear();
			expect(await repo.listPurchaseOrders()).toEqual([]);
		});
	});
}
