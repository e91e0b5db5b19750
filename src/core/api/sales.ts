// Sales as the API takes and shows them: lines by SKU, the customer by code, the invoice as the
// sale's name, money as decimal strings, times in the shop's wall clock.
import { z } from 'zod';
import { CursorText, DateTimeText, IsoDate, IsoLocalDateTime, Limit, MoneyInput, MoneyOutput, pageOf, Quantity, Sku } from './common';

export const SaleLineInput = z.strictObject({
	sku: Sku,
	quantity: Quantity.describe('Units sold; negative for a returned line, never zero'),
	unit_price: MoneyInput.optional().describe('Price per unit; default the product\'s price'),
	discount: MoneyInput.optional().describe('Discount on the whole line (default 0)')
}).meta({ id: 'SaleLineRequest' });

export const SaleCreate = z.strictObject({
	lines: z.array(SaleLineInput).max(1000),
	customer: z.string().min(1).optional().describe('The customer\'s code'),
	device: z.string().trim().min(1).max(64).optional().describe('The till or client that rang it up (default "api"); invoice numbers made here start with its first four characters'),
	at: IsoLocalDateTime.optional().describe('When it was sold, the shop\'s wall clock (default now)'),
	invoice: z.string().trim().min(1).max(64).optional().describe('The invoice number, unique in the shop (default the next of the device\'s series)')
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
	total: MoneyOutput.describe('quantity x unit_price - discount')
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
	total: MoneyOutput
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
export const SALE_LINE_FIELDS = { productId: 'sku', quantity: 'quantity', unitPrice: 'unit_price', discount: 'discount' } as const;
