// Purchase orders: what the shop asks a supplier for. A draft is edited freely; once ordered its
// lines count as stock on order until the goods are received (or the order is cancelled).
import type { Cents, DayNumber, LocalTimestamp, ProductId, SupplierId, Uuid } from '../brand';
import { newId } from '../ids';
import { dayOf } from '../time';
import { MAX_QUANTITY, type ErrorCode } from '../validation';

export const PURCHASE_ORDER_STATUSES = ['draft', 'ordered', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

export interface PurchaseOrderLine {
	productId: ProductId;
	quantity: number;
	unitCost: Cents;
	/** Units that actually arrived; null until the order is received. */
	receivedQuantity: number | null;
}

export interface PurchaseOrder {
	id: Uuid;
	/** What people and delivery notes call it, e.g. "PO-2024-11-03-7F3A"; the reference of its purchase movements. */
	number: string;
	supplierId: SupplierId | null;
	status: PurchaseOrderStatus;
	lines: PurchaseOrderLine[];
	note: string;
	createdAt: LocalTimestamp;
	orderedAt: LocalTimestamp | null;
	/** The day the goods should arrive: the order day plus the lead time. */
	expectedDay: DayNumber | null;
	receivedAt: LocalTimestamp | null;
	cancelledAt: LocalTimestamp | null;
	deviceId: string;
	updatedAt: LocalTimestamp;
}

/** A status change the order's state does not allow (e.g. receiving a draft). */
export class PurchaseOrderStateError extends Error {
	constructor(readonly status: PurchaseOrderStatus, readonly action: string) {
		super(`cannot ${action} a purchase order that is ${status}`);
		this.name = 'PurchaseOrderStateError';
	}
}

export interface OrderLineError { line: number; field: 'productId' | 'quantity' | 'unitCost' | 'lines'; code: ErrorCode }

/**
 * Checks lines as a person edits them: each product once, positive quantities, costs not negative;
 * no style (`styles`: the ids of products with options), which is ordered by its variants.
 */
export function checkOrderLines(lines: readonly Pick<PurchaseOrderLine, 'productId' | 'quantity' | 'unitCost'>[], styles: ReadonlySet<ProductId> = new Set()): OrderLineError[] {
	const errors: OrderLineError[] = [];
	if (lines.length === 0) errors.push({ line: -1, field: 'lines', code: 'insufficient_lines' });
	const seen = new Set<string>();
	lines.forEach((l, i) => {
		if (!l.productId) errors.push({ line: i, field: 'productId', code: 'required' });
		else if (seen.has(l.productId)) errors.push({ line: i, field: 'productId', code: 'duplicate' });
		else if (styles.has(l.productId)) errors.push({ line: i, field: 'productId', code: 'is_style' });
		seen.add(l.productId);
		if (!Number.isFinite(l.quantity)) errors.push({ line: i, field: 'quantity', code: 'not_a_number' });
		else if (l.quantity <= 0) errors.push({ line: i, field: 'quantity', code: 'must_be_positive' });
		else if (l.quantity > MAX_QUANTITY) errors.push({ line: i, field: 'quantity', code: 'too_large' });
		if (!Number.isInteger(l.unitCost)) errors.push({ line: i, field: 'unitCost', code: 'not_integer' });
		else if (l.unitCost < 0) errors.push({ line: i, field: 'unitCost', code: 'negative' });
	});
	return errors;
}

function requireValidLines(lines: readonly Pick<PurchaseOrderLine, 'productId' | 'quantity' | 'unitCost'>[]) {
	const errors = checkOrderLines(lines);
	if (errors.length) throw new RangeError(`invalid purchase order lines: ${errors.map((e) => `line ${e.line} ${e.field} ${e.code}`).join(', ')}`);
}

/** A readable order number: the day it was made and four characters of its id. */
export const purchaseOrderNumber = (id: Uuid, at: LocalTimestamp): string =>
	`PO-${new Date(at).toISOString().slice(0, 10)}-${id.slice(0, 4).toUpperCase()}`;

export function draftPurchaseOrder(
	supplierId: SupplierId | null, lines: readonly Pick<PurchaseOrderLine, 'productId' | 'quantity' | 'unitCost'>[],
	at: LocalTimestamp, deviceId: string, note = ''
): PurchaseOrder {
	requireValidLines(lines);
	const id = newId();
	return {
		id, number: purchaseOrderNumber(id, at), supplierId, status: 'draft',
		lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitCost: l.unitCost, receivedQuantity: null })),
		note, createdAt: at, orderedAt: null, expectedDay: null, receivedAt: null, cancelledAt: null, deviceId, updatedAt: at
	};
}

function requireStatus(order: PurchaseOrder, allowed: readonly PurchaseOrderStatus[], action: string) {
	if (!allowed.includes(order.status)) throw new PurchaseOrderStateError(order.status, action);
}

/** Replaces a draft's lines (the owner edited quantities, removed or added products). */
export function editDraftLines(order: PurchaseOrder, lines: readonly Pick<PurchaseOrderLine, 'productId' | 'quantity' | 'unitCost'>[], at: LocalTimestamp): PurchaseOrder {
	requireStatus(order, ['draft'], 'edit');
	requireValidLines(lines);
	return { ...order, lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitCost: l.unitCost, receivedQuantity: null })), updatedAt: at };
}

/** The owner sent the order: from now its lines are stock on order, due after the lead time. */
export function markOrdered(order: PurchaseOrder, at: LocalTimestamp, leadTimeDays: number): PurchaseOrder {
	requireStatus(order, ['draft'], 'order');
	if (!Number.isInteger(leadTimeDays) || leadTimeDays < 0) throw new RangeError(`lead time must be a whole number of days, got ${leadTimeDays}`);
	return { ...order, status: 'ordered', orderedAt: at, expectedDay: (dayOf(at) + leadTimeDays) as DayNumber, updatedAt: at };
}

export function markCancelled(order: PurchaseOrder, at: LocalTimestamp): PurchaseOrder {
	requireStatus(order, ['draft', 'ordered'], 'cancel');
	return { ...order, status: 'cancelled', cancelledAt: at, updatedAt: at };
}

/**
 * The goods arrived. `received` gives the units that came per product (a short or long delivery);
 * products it leaves out arrived as ordered. Units never ordered belong on a separate receipt.
 */
export function markReceived(order: PurchaseOrder, at: LocalTimestamp, received: ReadonlyMap<ProductId, number> = new Map()): PurchaseOrder {
	requireStatus(order, ['ordered'], 'receive');
	for (const [productId, q] of received) {
		if (!order.lines.some((l) => l.productId === productId)) throw new RangeError(`product ${productId} is not on purchase order ${order.number}`);
		if (!Number.isFinite(q) || q < 0 || q > MAX_QUANTITY) throw new RangeError(`received quantity must be between 0 and ${MAX_QUANTITY}, got ${q}`);
	}
	return {
		...order, status: 'received', receivedAt: at, updatedAt: at,
		lines: order.lines.map((l) => ({ ...l, receivedQuantity: received.get(l.productId) ?? l.quantity }))
	};
}

/** Stock on order per product: lines of orders sent and not yet received. */
export function stockOnOrder(orders: Iterable<PurchaseOrder>): Map<ProductId, number> {
	const out = new Map<ProductId, number>();
	for (const o of orders) {
		if (o.status !== 'ordered') continue;
		for (const l of o.lines) out.set(l.productId, (out.get(l.productId) ?? 0) + l.quantity);
	}
	return out;
}

/** Order value in cents. */
export const orderTotal = (order: Pick<PurchaseOrder, 'lines'>): Cents =>
	order.lines.reduce((sum, l) => sum + Math.round(l.quantity * l.unitCost), 0) as Cents;
