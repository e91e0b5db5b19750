// The till's records on the sync wire (protocol 2): a product's variant fields, a sale's payments and
// its receipt (till/ticket.ts). Sizes are bounded far above what a shop makes, so garbage is refused
// and real data never is; a receipt keeps every field as sealed (strict objects refuse, never strip,
// so what arrives hashes as it did where it was rung up).
import { z } from 'zod';
import { DISCOUNT_KINDS } from '../till/discounts';
import { invoiceOf } from '../till/ticket';

const Id = z.string().min(1).max(100);
const Int = z.number().int();
const Num = z.number().refine(Number.isFinite, { error: 'must be a finite number' });
const Cents = Int.describe('Whole cents');
const Rate = Num.min(0).max(100).describe('Tax rate in percent');
const Hash = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lowercase hex digits (SHA-256)' });

/** Longest option name or value and most options and values a product may carry on the wire. */
const OPTION_TEXT = 200;
export const MAX_WIRE_OPTIONS = 10;
export const MAX_WIRE_OPTION_VALUES = 500;
/** Most lines and payments one receipt may have on the wire. */
export const MAX_TICKET_LINES = 2_000;
export const MAX_PAYMENTS = 50;

export const WireProductOption = z.strictObject({
	name: z.string().min(1).max(OPTION_TEXT), values: z.array(z.string().min(1).max(OPTION_TEXT)).min(1).max(MAX_WIRE_OPTION_VALUES)
});
export const WireOptionValue = z.strictObject({ name: z.string().min(1).max(OPTION_TEXT), value: z.string().max(OPTION_TEXT) });

/** Product fields of protocol 2; absent on a product without them (and on everything a v1 device sends). */
export const wireProductTillFields = {
	taxRate: Rate.optional(),
	options: z.array(WireProductOption).max(MAX_WIRE_OPTIONS).optional(),
	variantOf: Id.nullable().optional(),
	optionValues: z.array(WireOptionValue).max(MAX_WIRE_OPTIONS).optional(),
	ownPrice: z.boolean().optional()
};

/** Who rang up a sale or moved stock: a staff member's name, or an imported cashier cell. */
export const WirePerson = z.string().max(300);

const Method = z.string().min(1).max(100);
/** A receipt's payments: whole cents, as the till settles them. */
const TicketPayments = z.array(z.strictObject({ method: Method, amount: Cents })).max(MAX_PAYMENTS);
/** A sale's payments column: imported ones too, read as leniently as the block's other money columns. */
export const WireSalePayments = z.array(z.strictObject({ method: Method, amount: Num })).max(MAX_PAYMENTS);

const WireDiscount = { kind: z.enum(DISCOUNT_KINDS), value: Num.min(0), reason: z.string().max(500) };

const WireTicketLine = z.strictObject({
	productId: Id, sku: z.string().min(1).max(64), name: z.string().max(200), options: z.string().max(1000),
	quantity: Num.refine((q) => q !== 0, { error: 'must not be 0' }), unitPrice: Cents.min(0),
	lineDiscount: z.strictObject(WireDiscount).nullable(), discount: Cents, taxRate: Rate, tax: Cents, amount: Cents,
	returnOfLine: Int.min(0).nullable(), restock: z.boolean()
});

/** A sealed receipt as till/ticket.ts makes it. */
export const WireTicket = z.strictObject({
	saleId: Id, at: Num, deviceId: z.string().max(100), cashier: WirePerson, approvedBy: WirePerson,
	customer: z.strictObject({ id: Id, code: z.string().max(64), name: z.string().max(200) }).nullable(),
	shop: z.strictObject({ name: z.string().max(300), address: z.string().max(1000), taxId: z.string().max(64), footer: z.string().max(2000) }),
	pricesIncludeTax: z.boolean(),
	lines: z.array(WireTicketLine).min(1).max(MAX_TICKET_LINES),
	ticketDiscount: z.strictObject({ ...WireDiscount, amount: Cents }).nullable(),
	taxes: z.array(z.strictObject({ rate: Rate, base: Cents, tax: Cents, total: Cents })).max(MAX_TICKET_LINES),
	base: Cents, tax: Cents, total: Cents, payments: TicketPayments, tendered: Cents.nullable(), change: Cents.min(0),
	returnOf: z.string().max(300), returnReason: z.string().max(1000), shiftId: Id.nullable(),
	series: z.string().min(1).max(60), number: Int.min(1), invoice: z.string().min(1).max(100), previousHash: Hash, hash: Hash
}).superRefine((t, ctx) => {
	const expected = invoiceOf(t.series, t.number);
	if (t.invoice !== expected) ctx.addIssue({ code: 'custom', path: ['invoice'], message: `must be the series and number (${expected})` });
});

/** A sale block's per-sale till columns, one entry per sale (the wire and backups check each entry). */
export const WireSaleEntry = {
	saleCashier: WirePerson, salePayments: WireSalePayments.nullable(), saleReturnOf: z.string().max(300), saleTickets: WireTicket.nullable()
};
