// Stock levels and the ledger's movements as the API shows them, and the three ways people change
// stock: receiving goods, adjusting with a reason, and counting.
import { z } from 'zod';
import { MOVEMENT_REASONS, type StockMovement } from '../types';
import { CursorText, DateTimeText, dateTimeText, IsoDate, Limit, MoneyInput, pageOf, Quantity, Sku, Text } from './common';

export const StockStatusOut = z.enum(['ok', 'low', 'out'])
	.meta({ id: 'StockStatus', description: 'out: zero or below; low: at or below the reorder point; ok: above it' });

export const StockRowOut = z.object({
	sku: z.string(),
	name: z.string(),
	on_hand: z.number().describe('Sum of the product\'s movements; negative when more was sold than recorded'),
	reorder_point: z.number().describe('The low-stock threshold (the product\'s fixed reorder point, else 0)'),
	status: StockStatusOut,
	supplier: z.string().describe('The supplier\'s name, "" for none')
}).meta({ id: 'StockRow' });

export const StockList = z.array(StockRowOut).meta({ id: 'StockList', description: 'Active products by SKU, as `inventario stock --json` prints them' });

export const StockQuery = z.object({
	low: z.enum(['true', 'false']).optional().describe('true: only products that are low or out of stock')
});

export const MovementReasonOut = z.enum(MOVEMENT_REASONS).meta({ id: 'MovementReason' });

export const MovementOut = z.object({
	sku: z.string(),
	quantity: z.number().describe('Signed: negative left the shop'),
	reason: MovementReasonOut,
	reference: z.string().describe('What caused it: invoice, delivery note, purchase order number, count'),
	note: z.string(),
	at: DateTimeText,
	device: z.string(),
	actor: z.string().nullable().describe('Who made it (the account or staff member); null when unknown')
}).meta({ id: 'Movement' });

export const MovementPage = pageOf(MovementOut, 'MovementPage');

export const MovementQuery = z.object({
	sku: z.string().min(1).optional(),
	from: IsoDate.optional().describe('First day, inclusive'),
	to: IsoDate.optional().describe('Last day, inclusive'),
	cursor: CursorText.optional(),
	limit: Limit(100, 1000)
});

export const StockChangeOut = z.object({
	sku: z.string(),
	before: z.number(),
	on_hand: z.number().describe('After the operation')
}).meta({ id: 'StockChange' });

export const StockOperationOut = z.object({
	movements: z.array(MovementOut).describe('The movements written (a count writes none for products already right)'),
	stock: z.array(StockChangeOut)
}).meta({ id: 'StockOperation' });

export const Device = z.string().trim().min(1).max(64).optional().describe('Who recorded it (default "api")');

export const ReceiveInput = z.strictObject({
	supplier: z.string().min(1).optional().describe('The supplier\'s name'),
	reference: Text().optional().describe('The delivery note or invoice'),
	device: Device,
	lines: z.array(z.strictObject({
		sku: Sku,
		quantity: Quantity.describe('Units that arrived (more than zero)'),
		unit_cost: MoneyInput.optional().describe('What they cost per unit: becomes the product\'s unit cost')
	})).max(1000)
}).meta({ id: 'ReceiveRequest' });

export const AdjustInput = z.strictObject({
	sku: Sku,
	quantity: Quantity.describe('Signed change: -2 for two broken, 3 for three found; never zero'),
	reason: Text().optional().describe('Why (breakage, theft, gift…): required, stored as the movement\'s note'),
	note: Text().optional().describe('Same as reason, for clients that call it note'),
	device: Device
}).meta({ id: 'AdjustRequest' });

export const CountInput = z.strictObject({
	reference: Text().optional().describe('The count session, e.g. "Recuento 2024-11"'),
	device: Device,
	lines: z.array(z.strictObject({
		sku: Sku,
		counted: Quantity.describe('Units on the shelf (zero or more)')
	})).max(10000)
}).meta({ id: 'CountRequest', description: 'Each counted product gets the movement that brings its stock to the counted quantity.' });

/** The core's stock-line field names as the API's. */
export const STOCK_LINE_FIELDS = { productId: 'sku', quantity: 'quantity', note: 'reason' } as const;

export function movementJson(m: StockMovement, sku: string): z.infer<typeof MovementOut> {
	return { sku, quantity: m.quantity, reason: m.reason, reference: m.reference, note: m.note, at: dateTimeText(m.at), device: m.deviceId, actor: m.actor || null };
}
