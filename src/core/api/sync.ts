// The sync protocol's wire format (docs/sync.md): what a shop's own devices (tablets, the CLI's
// stores) push to and pull from the server. Unlike the rest of the API this is replication between
// the shop's own stores, so records travel in their stored form, internal ids included. Every
// pushed record is validated here; a malformed one refuses the whole push, named by its path.
import { z } from 'zod';
import { MOVEMENT_REASONS } from '../types';
import { PURCHASE_ORDER_STATUSES } from '../purchase-orders/purchase-order';
import { WirePerson, WireSaleEntry, wireProductTillFields } from './sync-till';

/**
 * Bumped when the wire format changes; the server accepts MIN_SYNC_PROTOCOL up to its own.
 * 2: the till (issue 13): product variant fields and tax rate, sale tax, cashier, payments, returns
 * and receipts, movement actors; all optional, so a version 1 device's pushes read as before.
 */
export const SYNC_PROTOCOL = 2;
export const MIN_SYNC_PROTOCOL = 1;
/** A device clock further ahead than this (the server's default) is reported and cannot win edits by it. */
export const DEFAULT_MAX_CLOCK_AHEAD_MS = 5 * 60_000;
/** Pushes larger than this are refused (413); a device splits its outbox to stay under it. */
export const MAX_PUSH_BYTES = 48 * 1024 * 1024;
export const MAX_PUSH_CHANGES = 2_000;
/** A pull page stops once it holds this many sale lines (a page may exceed it by one block). */
export const PULL_PAGE_LINES = 250_000;
export const PULL_PAGE_CHANGES = 2_000;

const Id = z.string().min(1).max(100);
const Int = z.number().int();
const Num = z.number().refine(Number.isFinite, { error: 'must be a finite number' });
const Stamp = z.string().max(200).describe('A hybrid logical clock stamp: "<15-digit ms>-<4 hex>-<device id>"');

export const SyncCursor = z.object({
	epoch: z.string().min(1).max(64).describe('The server\'s epoch: changes when it is restored from a backup'),
	seq: Int.min(0).describe('The shop\'s change counter up to which this device has pulled'),
	tag: z.string().max(64).describe('The tag of the server\'s commit at seq: a server with another there was restored from a backup')
}).meta({ id: 'SyncCursor' });

export const WireProduct = z.strictObject({
	id: Id, sku: z.string().min(1).max(64), barcode: z.string().max(32), name: z.string().max(200), category: z.string().max(80),
	unitPrice: Int, unitCost: Int, supplierId: Id.nullable(), leadTimeDays: Int.nullable(), minOrderQty: Num, packSize: Num,
	reorderPoint: Num.nullable(), active: z.boolean(), createdByImport: z.boolean(), updatedAt: Num, ...wireProductTillFields
});
export const WireSupplier = z.strictObject({
	id: Id, name: z.string().max(200), contact: z.string().max(200), email: z.string().max(200), phone: z.string().max(60),
	defaultLeadTimeDays: Int, notes: z.string().max(2000), updatedAt: Num
});
export const WireCustomer = z.strictObject({
	id: Id, code: z.string().max(64), name: z.string().max(200), email: z.string().max(200), phone: z.string().max(60),
	firstSeen: Int, createdByImport: z.boolean(), updatedAt: Num
});
export const WirePurchaseOrder = z.strictObject({
	id: Id, number: z.string().max(64), supplierId: Id.nullable(), status: z.enum(PURCHASE_ORDER_STATUSES),
	lines: z.array(z.strictObject({ productId: Id, quantity: Num, unitCost: Int, receivedQuantity: Num.nullable() })).max(10_000),
	note: z.string().max(2000), createdAt: Num, orderedAt: Num.nullable(), expectedDay: Int.nullable(), receivedAt: Num.nullable(),
	cancelledAt: Num.nullable(), deviceId: z.string().max(100), updatedAt: Num
});
export const WireSetting = z.strictObject({ id: z.string().min(1).max(200), value: z.json() });

export const RECORD_KINDS = ['product', 'supplier', 'customer', 'purchaseOrder', 'setting'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
const RECORD_SCHEMAS = { product: WireProduct, supplier: WireSupplier, customer: WireCustomer, purchaseOrder: WirePurchaseOrder, setting: WireSetting };

export const FieldClocks = z.record(z.string().max(64), Stamp).describe('Per field, the stamp of the edit that set it; "_deleted" on a tombstone');

/** A catalogue record with the stamps of its fields; value null is a tombstone. */
export const WireRecord = z.strictObject({
	kind: z.literal('record'),
	entity: z.enum(RECORD_KINDS),
	id: z.string().min(1).max(200),
	value: z.record(z.string(), z.unknown()).nullable(),
	clocks: FieldClocks
}).superRefine((r, ctx) => {
	if (r.value === null) {
		if (!r.clocks._deleted) ctx.addIssue({ code: 'custom', path: ['clocks', '_deleted'], message: 'a tombstone (value null) needs the stamp of its delete' });
		return;
	}
	const parsed = RECORD_SCHEMAS[r.entity].safeParse(r.value);
	if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['value', ...issue.path.map(String)], message: issue.message });
	else if (parsed.data.id !== r.id) ctx.addIssue({ code: 'custom', path: ['value', 'id'], message: 'must equal the record\'s id' });
});

/** A sale block in columns, typed arrays as plain arrays (core/sale-blocks.ts). */
export const WireBlock = z.strictObject({
	id: Id, source: z.string().max(300), firstDay: Int, lastDay: Int, lineCount: Int.min(1), saleCount: Int.min(1),
	saleIds: z.array(Id), invoices: z.array(z.string().max(100)), saleAt: z.array(Num), saleCustomer: z.array(Int.min(-1)),
	customers: z.array(Id), deviceIds: z.array(z.string().max(100)), saleStore: z.array(Int.min(-1)).optional(), stores: z.array(z.string().max(200)).optional(),
	lineSale: z.array(Int.min(0)), lineProduct: z.array(Int.min(0)), products: z.array(Id),
	quantity: z.array(Num), unitPrice: z.array(Num), discount: z.array(Num), lineKeys: z.array(z.number()).optional(),
	// Protocol 2, the till's columns: absent when no line or sale of the block has one.
	taxRate: z.array(Num.min(0).max(100)).optional(), tax: z.array(Num).optional(),
	saleTaxExcluded: z.array(z.union([z.literal(0), z.literal(1)])).optional(), saleCashier: z.array(WireSaleEntry.saleCashier).optional(),
	salePayments: z.array(WireSaleEntry.salePayments).optional(), saleReturnOf: z.array(WireSaleEntry.saleReturnOf).optional(),
	saleTickets: z.array(WireSaleEntry.saleTickets).optional()
}).superRefine((b, ctx) => {
	const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
	for (const f of ['saleIds', 'invoices', 'saleAt', 'saleCustomer', 'deviceIds'] as const) if (b[f].length !== b.saleCount) bad(f, `must have saleCount (${b.saleCount}) entries`);
	for (const f of ['lineSale', 'lineProduct', 'quantity', 'unitPrice', 'discount'] as const) if (b[f].length !== b.lineCount) bad(f, `must have lineCount (${b.lineCount}) entries`);
	for (const f of ['lineKeys', 'taxRate', 'tax'] as const) if (b[f] && b[f].length !== b.lineCount) bad(f, `must have lineCount (${b.lineCount}) entries`);
	for (const f of ['saleStore', 'saleTaxExcluded', 'saleCashier', 'salePayments', 'saleReturnOf', 'saleTickets'] as const) if (b[f] && b[f].length !== b.saleCount) bad(f, `must have saleCount (${b.saleCount}) entries`);
	if (!b.taxRate !== !b.tax) bad(b.taxRate ? 'tax' : 'taxRate', 'taxRate and tax go together: each line\'s rate and its tax');
	if (b.lineSale.some((s) => s >= b.saleCount)) bad('lineSale', 'names a sale beyond saleCount');
	if (b.lineProduct.some((p) => p >= b.products.length)) bad('lineProduct', 'names a product beyond the products list');
	if (b.saleCustomer.some((c) => c >= b.customers.length)) bad('saleCustomer', 'names a customer beyond the customers list');
	if (b.quantity.some((q) => q === 0)) bad('quantity', 'a line must move at least some units (0 found)');
	if (b.unitPrice.some((p) => !Number.isInteger(p) || p < 0)) bad('unitPrice', 'must be whole cents, not negative');
	b.saleTickets?.forEach((t, s) => {
		if (!t || s >= b.saleCount) return;
		if (t.saleId !== b.saleIds[s]) ctx.addIssue({ code: 'custom', path: ['saleTickets', s, 'saleId'], message: `must be its sale's id (${b.saleIds[s]})` });
		if (t.invoice !== b.invoices[s]) ctx.addIssue({ code: 'custom', path: ['saleTickets', s, 'invoice'], message: `must be its sale's invoice (${b.invoices[s]})` });
	});
});

export const WireMovement = z.strictObject({
	id: Id, productId: Id, quantity: Num.refine((q) => q !== 0, { error: 'must not be 0' }), reason: z.enum(MOVEMENT_REASONS),
	reference: z.string().max(300), note: z.string().max(2000), at: Num, deviceId: z.string().max(100),
	actor: WirePerson.optional().describe('Who made it (protocol 2)')
});

/** One numbered change of a device's outbox. */
export const PushedChange = z.discriminatedUnion('kind', [
	z.strictObject({ n: Int.min(1), kind: z.literal('sales'), blocks: z.array(WireBlock).min(1).max(64) }),
	z.strictObject({ n: Int.min(1), kind: z.literal('movements'), id: Id, movements: z.array(WireMovement).min(1).max(50_000) }),
	z.strictObject({ n: Int.min(1), kind: z.literal('records'), records: z.array(WireRecord).max(20_000).describe('Empty when what the entry named is gone (the device started over): the number still counts') })
]);

export const PushRequest = z.strictObject({
	protocol: Int.describe('The sync protocol the device speaks (SYNC_PROTOCOL)'),
	deviceId: z.string().min(8).max(100),
	cursor: SyncCursor.nullable().describe('The device\'s pull cursor: a server behind it has been restored from a backup'),
	acked: Int.min(0).describe('The last change number this server acknowledged to the device'),
	rebasedFrom: Int.min(1).optional().describe('The device re-queued everything it holds from this number on (its server was restored): numbers below it are no longer needed'),
	changes: z.array(PushedChange).max(MAX_PUSH_CHANGES)
}).meta({ id: 'SyncPush' });

export const SkewReport = z.object({
	aheadMs: z.number().describe('How far the device\'s clock ran ahead of the server\'s'),
	records: Int.describe('Edits whose stamps were moved back to the server\'s clock')
}).meta({ id: 'SyncClockSkew' });

export const PushResponse = z.object({
	lastApplied: Int.describe('The device\'s last change the server holds: drop the outbox up to here'),
	applied: Int.describe('Changes applied by this push (a replay applies none)'),
	skipped: Int.describe('Changes the server already had'),
	epoch: z.string(),
	serverTime: z.number(),
	clockSkew: SkewReport.nullable(),
	/** Oversold products after this push: stock below zero. */
	negativeStock: z.array(z.object({ productId: z.string(), onHand: z.number() })),
	overruled: z.array(z.object({ entity: z.enum(RECORD_KINDS), id: z.string(), reason: z.string() }))
		.describe('Edits the account may not make (staff changing products, suppliers, customers or shared settings): the server\'s version comes back on the next pull')
}).meta({ id: 'SyncPushResult' });

export const PullRequest = z.strictObject({
	protocol: Int,
	deviceId: z.string().min(8).max(100),
	cursor: SyncCursor.nullable().describe('null: a new device (or one starting over) pulls the whole shop'),
	limitLines: Int.min(1).max(1_000_000).optional()
}).meta({ id: 'SyncPull' });

export const PulledChange = z.discriminatedUnion('kind', [
	z.object({ seq: Int, kind: z.literal('sales'), blocks: z.array(WireBlock) }),
	z.object({ seq: Int, kind: z.literal('movements'), id: z.string(), movements: z.array(WireMovement) }),
	z.object({ seq: Int, kind: z.literal('record'), record: WireRecord })
]);

export const PullResponse = z.object({
	/** true: the cursor's epoch is not the server's (restored from a backup): re-push what you hold and pull from null. */
	reset: z.boolean(),
	cursor: SyncCursor,
	changes: z.array(PulledChange),
	more: z.boolean().describe('More changes wait after this page: pull again with the new cursor'),
	lastApplied: Int.describe('The device\'s last change the server holds (what to re-send from after a reset)'),
	trustStampsUntil: z.number().describe('Edit stamps later than this (ms) come from a clock running ahead; the server moved them back, so a device\'s own such stamps lose to what it pulls'),
	serverTime: z.number()
}).meta({ id: 'SyncPullResult' });

export type SyncCursor = z.infer<typeof SyncCursor>;
export type WireRecord = z.infer<typeof WireRecord>;
export type WireBlock = z.infer<typeof WireBlock>;
export type PushedChange = z.infer<typeof PushedChange>;
export type PushRequest = z.infer<typeof PushRequest>;
export type PushResponse = z.infer<typeof PushResponse>;
export type PullRequest = z.infer<typeof PullRequest>;
export type PulledChange = z.infer<typeof PulledChange>;
export type PullResponse = z.infer<typeof PullResponse>;
