// The sync wire's till fields (protocol 2) without a server: sale blocks keep their tax, cashier,
// payments, returns and receipts through the wire and when cut to their unseen part; the schemas
// refuse what does not fit; product variant fields merge per field as whole values.
import { describe, expect, it } from 'vitest';
import type { Cents, LocalTimestamp, ProductId, SaleId } from '$core/brand';
import { WireBlock, WireMovement, WireRecord } from '$core/api/sync';
import { blockSales, buildBlock, type SaleBlock } from '$core/sale-blocks';
import { blockFromWire, blockToWire, unseenPart } from '$core/sync/blocks';
import { formatStamp } from '$core/sync/hlc';
import { mergeRecord, RESTORED, stampEdit, type RecordValue } from '$core/sync/records';
import { priceTicket, saleOfTicket } from '$core/till/checkout';
import { DEFAULT_TILL_SETTINGS } from '$core/till/settings';
import { sealTicket } from '$core/till/ticket';
import type { Product, Sale } from '$core/types';

const at = 1_717_236_000_000 as LocalTimestamp;
const shirt = { id: 'p-m' as ProductId, sku: 'CAM-M', name: 'Camiseta M', taxRate: 21, optionValues: [{ name: 'Talla', value: 'M' }] };
const ticket = sealTicket(priceTicket({
	saleId: 's1' as SaleId, at, deviceId: 'tablet', lines: [{ product: shirt, quantity: 2, unitPrice: 1210 as Cents, discount: { kind: 'amount', value: 100, reason: 'Tara' } }],
	ticketDiscount: null, tenders: [{ method: 'cash', amount: 5000 }], customer: null, cashier: 'Ana', approvedBy: '', returnOf: '', returnReason: '', shiftId: 'shift-1'
}, DEFAULT_TILL_SETTINGS).draft, 'TAB1', null);
const imported: Sale = {
	id: 's2' as SaleId, invoice: 'F-2', at: (at + 60_000) as LocalTimestamp, customerId: null, deviceId: 'pos', cashier: 'Luis', taxExcluded: true, returnOf: 'F-1',
	payments: [{ method: 'Bizum', amount: -605 as Cents }], lines: [{ productId: 'p-l' as ProductId, quantity: -0.5, unitPrice: 1000 as Cents, discount: 0 as Cents, taxRate: 21, tax: -105 as Cents }]
};
const plain: Sale = { id: 's3' as SaleId, invoice: 'F-3', at: (at + 120_000) as LocalTimestamp, customerId: null, deviceId: 'pos', lines: [{ productId: 'p-l' as ProductId, quantity: 1, unitPrice: 1000 as Cents, discount: 0 as Cents }] };

/** Through JSON and the schema, as a push or a pull carries it. */
const overTheWire = (b: SaleBlock) => blockFromWire(WireBlock.parse(JSON.parse(JSON.stringify(blockToWire(b)))));

describe('sync wire: the till columns of sale blocks', () => {
	it('a block with a receipt, tax, cashier, payments, returns and tax-excluded prices comes through whole', () => {
		const block = buildBlock('b1', [saleOfTicket(ticket), imported, plain], 'pos');
		const back = overTheWire(block);
		expect(back).toEqual(block);
		expect(blockSales(back)[0].ticket).toEqual(ticket);
	});

	it('a block from before the till puts no till column on the wire', () => {
		const wire = blockToWire(buildBlock('b0', [plain], 'import'));
		for (const column of ['taxRate', 'tax', 'saleTaxExcluded', 'saleCashier', 'salePayments', 'saleReturnOf', 'saleTickets']) expect(wire).not.toHaveProperty(column);
		expect(overTheWire(buildBlock('b0', [plain], 'import'))).toEqual(buildBlock('b0', [plain], 'import'));
	});

	it('the unseen part of a block keeps the till columns of the sales it keeps', () => {
		const block = buildBlock('b1', [saleOfTicket(ticket), imported, plain], 'pos');
		const part = unseenPart(block, { hasBlock: () => false, hasSale: (id) => id !== 's2', hasLineKey: () => false })!;
		expect(blockSales(part)).toEqual([imported]);
		const first = unseenPart(block, { hasBlock: () => false, hasSale: (id) => id !== 's1', hasLineKey: () => false })!;
		expect(blockSales(first)).toEqual([saleOfTicket(ticket)]);
		expect(overTheWire(first)).toEqual(first);
	});

	it('refuses till columns of the wrong length, a tax column without rates, and a receipt that is not its sale\'s', () => {
		const wire = blockToWire(buildBlock('b1', [saleOfTicket(ticket), imported], 'pos'));
		const problems = (w: unknown) => { const r = WireBlock.safeParse(w); return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`); };
		expect(problems(wire)).toEqual([]);
		expect(problems({ ...wire, saleCashier: ['Ana'] })).toEqual(['saleCashier: must have saleCount (2) entries']);
		expect(problems({ ...wire, tax: [1] })).toEqual(['tax: must have lineCount (2) entries']);
		expect(problems({ ...wire, taxRate: undefined })).toEqual(['taxRate: taxRate and tax go together: each line\'s rate and its tax']);
		expect(problems({ ...wire, saleTaxExcluded: [0, 2] })[0]).toMatch(/^saleTaxExcluded\.1/);
		expect(problems({ ...wire, saleTickets: [wire.saleTickets![0], wire.saleTickets![0]] })).toEqual([
			'saleTickets.1.saleId: must be its sale\'s id (s2)', 'saleTickets.1.invoice: must be its sale\'s invoice (F-2)'
		]);
		const line = wire.saleTickets![0]!.lines[0];
		const withLines = (lines: unknown[]) => ({ ...wire, saleTickets: [{ ...wire.saleTickets![0], lines }, null] });
		expect(problems(withLines([]))[0]).toMatch(/^saleTickets\.0\.lines/);
		expect(problems(withLines(Array.from({ length: 2_001 }, () => line)))[0]).toMatch(/^saleTickets\.0\.lines/);
		expect(problems(withLines([{ ...line, taxRate: 121 }]))[0]).toMatch(/^saleTickets\.0\.lines\.0\.taxRate/);
		expect(problems(withLines([{ ...line, unitPrice: 12.5 }]))[0]).toMatch(/^saleTickets\.0\.lines\.0\.unitPrice/);
	});

	it('movements carry their actor; a movement without one (a version 1 device) is still valid', () => {
		const m = { id: 'm1', productId: 'p1', quantity: 5, reason: 'purchase', reference: 'ALB-1', note: '', at, deviceId: 'd' };
		expect(WireMovement.parse({ ...m, actor: 'Marta' }).actor).toBe('Marta');
		expect(WireMovement.safeParse(m).success).toBe(true);
		expect(WireMovement.safeParse({ ...m, actor: 'x'.repeat(301) }).success).toBe(false);
	});
});

const product: Product = {
	id: 'style' as ProductId, sku: 'CAM', barcode: '', name: 'Camiseta', category: 'Ropa', unitPrice: 2000 as Cents, unitCost: 800 as Cents,
	supplierId: null, leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: false, updatedAt: 1 as never,
	taxRate: 10, options: [{ name: 'Talla', values: ['S', 'M'] }]
};
const stamp = (ms: number, node = 'a') => formatStamp({ wall: ms, counter: 0, node });
const record = (value: Product | RecordValue) => ({ kind: 'record' as const, entity: 'product' as const, id: 'style', value: value as RecordValue, clocks: { name: stamp(1) } });

describe('sync wire: product variant fields', () => {
	it('a style, a variant and a plain product from a version 1 device are valid records; out-of-bounds options are not', () => {
		const variant = { ...product, id: 'v', options: undefined, variantOf: 'style', optionValues: [{ name: 'Talla', value: 'M' }], ownPrice: false };
		for (const value of [product, variant, { ...product, taxRate: undefined, options: undefined }]) {
			expect(WireRecord.safeParse({ ...record(JSON.parse(JSON.stringify(value))), id: value.id }).success).toBe(true);
		}
		const refused = (value: RecordValue) => { const r = WireRecord.safeParse(record(value)); return r.success ? null : r.error.issues[0].path.join('.'); };
		expect(refused({ ...product, taxRate: 150 })).toBe('value.taxRate');
		expect(refused({ ...product, options: Array.from({ length: 11 }, (_, i) => ({ name: `O${i}`, values: ['x'] })) })).toBe('value.options');
		expect(refused({ ...product, options: [{ name: 'Talla', values: [] }] })).toBe('value.options.0.values');
		expect(refused({ ...product, optionValues: [{ name: 'Talla' }] })).toBe('value.optionValues.0.value');
		expect(refused({ ...product, ownPrice: 'yes' })).toBe('value.ownPrice');
	});

	it('options and option values merge as whole values: the later edit wins, never a mix of two', () => {
		const a = { ...product, options: [{ name: 'Talla', values: ['S', 'M', 'L'] }] };
		const b = { ...product, options: [{ name: 'Talla', values: ['XS', 'S', 'M'] }] };
		const base = { name: stamp(1), options: stamp(1) };
		const merged = mergeRecord({ value: a as never, clocks: { ...base, options: stamp(5, 'a') } }, { value: b as never, clocks: { ...base, options: stamp(6, 'b') } });
		expect(merged.value?.options).toEqual(b.options);
		const kept = mergeRecord({ value: a as never, clocks: { ...base, options: stamp(7, 'a') } }, { value: b as never, clocks: { ...base, options: stamp(6, 'b') } });
		expect([kept.value?.options, kept.changed]).toEqual([a.options, false]);
	});

	it('a field taken away by an edit (own tax rate back to the default) is stamped and wins over an older value', () => {
		const { taxRate: _rate, ...cleared } = product;
		const clocks = stampEdit(product as never, cleared as never, { taxRate: stamp(1) }, stamp(9));
		expect(clocks.taxRate).toBe(stamp(9));
		const elsewhere = mergeRecord({ value: { ...product, taxRate: 21 } as never, clocks: { taxRate: stamp(5, 'b') } }, { value: cleared as never, clocks });
		expect(elsewhere.value).not.toHaveProperty('taxRate');
		expect(elsewhere.changed).toBe(true);
		// An edit made after the clearing brings a rate back.
		const later = mergeRecord({ value: cleared as never, clocks }, { value: { ...product, taxRate: 4 } as never, clocks: { taxRate: stamp(12, 'b') } });
		expect(later.value?.taxRate).toBe(4);
		// A record from before taxes (no field, no stamp) takes the rate it receives.
		const old = mergeRecord({ value: { ...cleared } as never, clocks: { name: stamp(1) } }, { value: product as never, clocks: { name: stamp(1) } });
		expect(old.value?.taxRate).toBe(10);
	});

	it('a version the server restored (an overruled edit) takes away the fields it lacks, unless they were set after it', () => {
		const { taxRate: _rate, ...serverVersion } = product;
		const restored = { name: stamp(5, 'server'), options: stamp(5, 'server'), [RESTORED]: stamp(5, 'server') };
		// A cashier gave the product a rate of its own (refused by the server): it goes.
		const refused = mergeRecord({ value: { ...product, taxRate: 4 } as never, clocks: { taxRate: stamp(3, 'cli') } }, { value: serverVersion as never, clocks: restored });
		expect(refused.value).not.toHaveProperty('taxRate');
		// The owner set one after the server's version was made: it stays.
		const later = mergeRecord({ value: { ...product, taxRate: 4 } as never, clocks: { taxRate: stamp(7, 'owner') } }, { value: serverVersion as never, clocks: restored });
		expect(later.value?.taxRate).toBe(4);
	});

	it('a store holding a restored version refuses an older edit of a field it lacks, as a store receiving that version does', () => {
		const { taxRate: _rate, ...serverVersion } = product;
		const restored = { name: stamp(5, 'server'), options: stamp(5, 'server'), [RESTORED]: stamp(5, 'server') };
		// The owner's rate, set offline before the server's version was made, reaches the server after it.
		const ownersEdit = { value: { ...product, taxRate: 4 } as never, clocks: { name: stamp(1), options: stamp(1), taxRate: stamp(2, 'owner') } };
		const onServer = mergeRecord({ value: serverVersion as never, clocks: restored }, ownersEdit);
		const onOwner = mergeRecord(ownersEdit, { value: serverVersion as never, clocks: restored });
		expect(onServer.value).not.toHaveProperty('taxRate');
		expect(onServer.changed).toBe(false);
		expect(onOwner.value).toEqual(onServer.value);
		// A rate set after the version was made wins on both sides.
		const laterEdit = { value: { ...product, taxRate: 4 } as never, clocks: { ...ownersEdit.clocks, taxRate: stamp(7, 'owner') } };
		expect(mergeRecord({ value: serverVersion as never, clocks: restored }, laterEdit).value?.taxRate).toBe(4);
		expect(mergeRecord(laterEdit, { value: serverVersion as never, clocks: restored }).value?.taxRate).toBe(4);
	});
});
