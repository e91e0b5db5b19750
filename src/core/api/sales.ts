// Sales as the API takes and shows them: lines by SKU, the customer by code, the invoice as the
// sale's name, money as decimal strings, times in the shop's wall clock.
import { z } from 'zod';
import { CursorText, DateTimeText, IsoDate, IsoLocalDateTime, Limit, MoneyInput, MoneyOutput, pageOf, Quantity, Sku } from './common';

export const SaleLineInput = z.strictObject({
	sku: Sku,
	quantity: Quantity.describe('Units sold; negative for a returned line, never zero'),
	unit_price: MoneyInput.optional().describe('Price per unit; default the product\'s price'),
	discount: MoneyInput.optional().describe('Discount on the whole line (default 0)'),
	tax_rate: z.number().min(0).max(100).optional().describe('Tax rate in percent; default the product\'s, else the shop\'s default rate (setting shop.till)')
}).meta({ id: 'SaleLineRequest' });

export const PaymentInput = z.strictObject({
	method: z.string().trim().min(1).max(40).describe('"cash", "card" or a method the shop named (e.g. "Bizum")'),
	amount: MoneyInput.describe('Paid by this method; negative for money given back')
}).meta({ id: 'PaymentRequest' });

export const PaymentOut = z.object({ method: z.string(), amount: MoneyOutput }).meta({ id: 'Payment' });

export const SaleCreate = z.strictObject({
	lines: z.array(SaleLineInput).max(1000),
	customer: z.string().min(1).optional().describe('The customer\'s code'),
	device: z.string().trim().min(1).max(64).optional().describe('The till or client that rang it up (default "api"); invoice numbers made here start with its first four characters'),
	at: IsoLocalDateTime.optional().describe('When it was sold, the shop\'s wall clock (default now)'),
	invoice: z.string().trim().min(1).max(64).optional().describe('The invoice number, unique in the shop (default the next of the device\'s series)'),
	payments: z.array(PaymentInput).min(1).max(20).optional().describe('How it was paid (split payments as several); they must add up to the sale\'s total. Absent: not recorded'),
	cashier: z.string().trim().min(1).max(80).optional().describe('Who rang it up (default the account\'s username)'),
	return_of: z.string().trim().min(1).max(64).optional().describe('The invoice of the sale its negative lines give back: they may not give back more of a product than that sale sold, less what earlier returns of it gave back')
}).meta({
	id: 'SaleCreate',
	description: 'A sale is never refused for lack of stock, as at the till: stock goes negative and the response warns about it.'
});

export const SaleLineOut = z.object({
	sku: z.string(),
	name: z.string(),
	quantity: z.number(),
	unit_price: MoneyOutput,
	discount: MoneyOutput,
	total: MoneyOutput.describe('What the customer paid for the line: quantity x unit_price - discount, plus tax_amount when the shop\'s prices exclude tax'),
	tax_rate: z.number().describe('Tax rate in percent (0 on sales recorded before taxes)'),
	tax_amount: MoneyOutput.describe('The line\'s share of the sale\'s tax at its rate (included in total)')
}).meta({ id: 'SaleLine' });

export const StockWarning = z.object({
	sku: z.string(),
	on_hand: z.number().describe('Stock after the sale: zero or below')
}).meta({ id: 'StockWarning' });

export const SaleOut = z.object({
	invoice: z.string(),
	at: DateTimeText,
	customer: z.string().nullable().describe('The customer\'s code; null for none or a deleted customer'),
	device: z.string(),
	lines: z.array(SaleLineOut),
	total: MoneyOutput,
	tax: MoneyOutput.describe('The tax in total, all rates'),
	base: MoneyOutput.describe('total - tax: the shop\'s revenue'),
	payments: z.array(PaymentOut).nullable().describe('How it was paid; null when not recorded (imports, older sales)'),
	cashier: z.string().nullable().describe('Who rang it up; null when unknown'),
	return_of: z.string().nullable().describe('The invoice its negative lines give back; null for none')
}).meta({ id: 'Sale' });

export const SaleCreated = SaleOut.extend({
	warnings: z.array(StockWarning).describe('Lines whose product is now at or below zero on hand')
}).meta({ id: 'SaleCreated' });

export const SalePage = pageOf(SaleOut, 'SalePage');

export const SaleQuery = z.object({
	from: IsoDate.optional().describe('First day, inclusive (YYYY-MM-DD)'),
	to: IsoDate.optional().describe('Last day, inclusive (YYYY-MM-DD)'),
	sku: z.string().min(1).optional().describe('Only sales with a line of this product'),
	customer: z.string().min(1).optional().describe('Only sales to the customer with this code'),
	cursor: CursorText.optional(),
	limit: Limit(50, 500)
});

export const InvoiceParams = z.object({ invoice: z.string().min(1) });

export const IdempotencyHeaders = z.object({
	'idempotency-key': z.string().min(1).max(200).optional()
		.describe('Any unique string per sale (e.g. a UUID): a retried POST with the same key and body answers the first response again (Idempotent-Replayed: true) and creates nothing. Keys are kept for 24 hours')
});

/** The core's sale-line field names as the API's. */
export const SALE_LINE_FIELDS = { productId: 'sku', quantity: 'quantity', unitPrice: 'unit_price', discount: 'discount', taxRate: 'tax_rate' } as const;
