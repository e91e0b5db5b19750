// Purchase orders as the API shows them: named by their number, the supplier by name, lines by SKU.
import { z } from 'zod';
import { orderTotal, PURCHASE_ORDER_STATUSES, type PurchaseOrder } from '../purchase-orders/purchase-order';
import { DateText, DateTimeText, dateTimeText, maybeDateText, maybeDateTimeText, MoneyInput, MoneyOutput, moneyText, Quantity, Sku, Text } from './common';

export const PurchaseOrderStatusOut = z.enum(PURCHASE_ORDER_STATUSES)
	.meta({ id: 'PurchaseOrderStatus', description: 'draft → ordered (accept) → received; draft or ordered → cancelled' });

export const PurchaseOrderLineOut = z.object({
	sku: z.string(),
	name: z.string(),
	quantity: z.number(),
	unit_cost: MoneyOutput,
	received_quantity: z.number().nullable().describe('Units that arrived; null until received')
}).meta({ id: 'PurchaseOrderLine' });

export const PurchaseOrderOut = z.object({
	number: z.string(),
	supplier: z.string().nullable().describe('The supplier\'s name; null for none'),
	status: PurchaseOrderStatusOut,
	note: z.string(),
	lines: z.array(PurchaseOrderLineOut),
	total: MoneyOutput,
	created_at: DateTimeText,
	ordered_at: DateTimeText.nullable(),
	expected_date: DateText.nullable().describe('When the goods should arrive: order day plus the longest lead time'),
	received_at: DateTimeText.nullable(),
	cancelled_at: DateTimeText.nullable()
}).meta({ id: 'PurchaseOrder' });

export const PurchaseOrderList = z.array(PurchaseOrderOut).meta({ id: 'PurchaseOrderList' });

export const PurchaseOrderQuery = z.object({
	status: PurchaseOrderStatusOut.optional()
});

export const PurchaseOrderParams = z.object({ number: z.string().min(1) });

const OrderLineInput = z.strictObject({
	sku: Sku,
	quantity: Quantity.describe('Units to order (more than zero)'),
	unit_cost: MoneyInput.optional().describe('Default the product\'s unit cost')
}).meta({ id: 'PurchaseOrderLineRequest' });

export const PurchaseOrderCreate = z.strictObject({
	supplier: z.string().min(1).nullable().optional().describe('The supplier\'s name'),
	note: Text(2000).optional(),
	device: z.string().trim().min(1).max(64).optional(),
	lines: z.array(OrderLineInput).max(1000)
}).meta({ id: 'PurchaseOrderCreate', description: 'A draft order with explicit lines; accept it to send it.' });

export const PurchaseOrderAccept = z.strictObject({
	lines: z.array(OrderLineInput).max(1000).optional().describe('Replace the draft\'s lines before sending it')
}).meta({ id: 'PurchaseOrderAccept' });

export const PurchaseOrderReceive = z.strictObject({
	device: z.string().trim().min(1).max(64).optional(),
	lines: z.array(z.strictObject({
		sku: Sku,
		quantity: Quantity.describe('Units that came (zero or more)')
	})).max(1000).optional().describe('Units that differ from the order; lines left out arrived as ordered')
}).meta({ id: 'PurchaseOrderReceive' });

export const FromSuggestionsInput = z.strictObject({
	service_level: z.number().gt(0.5).lt(1).optional().describe('Chance of not running out during a lead time (default 0.95)'),
	cover_days: z.number().int().min(1).max(365).optional().describe('Days of sales an order covers after it arrives (default 30)'),
	supplier: z.string().min(1).optional().describe('Only the draft for this supplier\'s products'),
	device: z.string().trim().min(1).max(64).optional()
}).meta({ id: 'FromSuggestionsRequest' });

export const FromSuggestionsOut = z.object({
	orders: z.array(PurchaseOrderOut).describe('One draft per supplier (products without one share a draft)'),
	forecast: z.object({
		run: z.string().describe('The stored forecast run the suggestions came from'),
		from: DateText,
		horizon: z.number()
	}),
	without_forecast: z.number().describe('Active products the forecast says nothing about')
}).meta({ id: 'FromSuggestions' });

/** The core's order-line field names as the API's. */
export const ORDER_LINE_FIELDS = { productId: 'sku', quantity: 'quantity', unitCost: 'unit_cost', lines: 'lines' } as const;

/** An order as the API shows it; `labels` names its products, `supplierName` its supplier. */
export function purchaseOrderJson(o: PurchaseOrder, labels: ReadonlyMap<string, { sku: string; name: string }>, supplierName: string | null): z.infer<typeof PurchaseOrderOut> {
	return {
		number: o.number, supplier: supplierName, status: o.status, note: o.note,
		lines: o.lines.map((l) => {
			const label = labels.get(l.productId);
			return { sku: label?.sku ?? '', name: label?.name ?? '', quantity: l.quantity, unit_cost: moneyText(l.unitCost), received_quantity: l.receivedQuantity };
		}),
		total: moneyText(orderTotal(o)),
		created_at: dateTimeText(o.createdAt), ordered_at: maybeDateTimeText(o.orderedAt), expected_date: maybeDateText(o.expectedDay),
		received_at: maybeDateTimeText(o.receivedAt), cancelled_at: maybeDateTimeText(o.cancelledAt)
	};
}
