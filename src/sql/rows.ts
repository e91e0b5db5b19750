// The domain's entities as rows of the SQL schema and back: one place that knows both shapes.
import type { Selectable } from 'kysely';
import type { Cents, CustomerId, DayNumber, LocalTimestamp, MovementId, ProductId, SaleId, SupplierId, Uuid } from '../core/brand';
import type { PurchaseOrder, PurchaseOrderLine, PurchaseOrderStatus } from '../core/purchase-orders/purchase-order';
import type { Ticket } from '../core/till/ticket';
import type { Customer, DayTotals, MovementReason, OptionValue, Payment, Product, ProductDayTotals, ProductOption, Sale, SaleLine, StockMovement, Supplier } from '../core/types';
import { flag } from './batch';
import type {
	CustomersTable, MovementsTable, ProductDaysTable, ProductsTable, PurchaseOrderLinesTable, PurchaseOrdersTable, SaleLinesTable, SalesTable,
	ShopDaysTable, SuppliersTable, TicketsTable
} from './database';

export const productRow = (shopId: string, p: Product): ProductsTable => ({
	shop_id: shopId, id: p.id, sku: p.sku, barcode: p.barcode, name: p.name, category: p.category, unit_price: p.unitPrice,
	unit_cost: p.unitCost, supplier_id: p.supplierId, lead_time_days: p.leadTimeDays, min_order_qty: p.minOrderQty,
	pack_size: p.packSize, reorder_point: p.reorderPoint, active: flag(p.active), created_by_import: flag(p.createdByImport),
	updated_at: p.updatedAt, tax_rate: p.taxRate ?? null, options: p.options ? JSON.stringify(p.options) : null,
	variant_of: p.variantOf ?? null, option_values: p.optionValues ? JSON.stringify(p.optionValues) : null,
	own_price: p.ownPrice === undefined ? null : flag(p.ownPrice)
});

/** A product from its row; the variant fields are there only when stored (a plain product has none). */
export function productOf(r: Selectable<ProductsTable>): Product {
	const p: Product = {
		id: r.id as ProductId, sku: r.sku, barcode: r.barcode, name: r.name, category: r.category, unitPrice: r.unit_price as Cents,
		unitCost: r.unit_cost as Cents, supplierId: r.supplier_id as SupplierId | null, leadTimeDays: r.lead_time_days,
		minOrderQty: r.min_order_qty, packSize: r.pack_size, reorderPoint: r.reorder_point, active: r.active === 1,
		createdByImport: r.created_by_import === 1, updatedAt: r.updated_at as LocalTimestamp
	};
	if (r.tax_rate !== null) p.taxRate = r.tax_rate;
	if (r.options !== null) p.options = JSON.parse(r.options) as ProductOption[];
	if (r.variant_of !== null) p.variantOf = r.variant_of as ProductId;
	if (r.option_values !== null) p.optionValues = JSON.parse(r.option_values) as OptionValue[];
	if (r.own_price !== null) p.ownPrice = r.own_price === 1;
	return p;
}

export const supplierRow = (shopId: string, s: Supplier): SuppliersTable => ({
	shop_id: shopId, id: s.id, name: s.name, contact: s.contact, email: s.email, phone: s.phone,
	default_lead_time_days: s.defaultLeadTimeDays, notes: s.notes, updated_at: s.updatedAt
});

export const supplierOf = (r: Selectable<SuppliersTable>): Supplier => ({
	id: r.id as SupplierId, name: r.name, contact: r.contact, email: r.email, phone: r.phone,
	defaultLeadTimeDays: r.default_lead_time_days, notes: r.notes, updatedAt: r.updated_at as LocalTimestamp
});

export const customerRow = (shopId: string, c: Customer): CustomersTable => ({
	shop_id: shopId, id: c.id, code: c.code, name: c.name, email: c.email, phone: c.phone, first_seen: c.firstSeen,
	created_by_import: flag(c.createdByImport), updated_at: c.updatedAt
});

export const customerOf = (r: Selectable<CustomersTable>): Customer => ({
	id: r.id as CustomerId, code: r.code, name: r.name, email: r.email, phone: r.phone, firstSeen: r.first_seen as DayNumber,
	createdByImport: r.created_by_import === 1, updatedAt: r.updated_at as LocalTimestamp
});

export const movementRow = (shopId: string, m: StockMovement): MovementsTable => ({
	shop_id: shopId, id: m.id, product_id: m.productId, quantity: m.quantity, reason: m.reason, reference: m.reference,
	note: m.note, at: m.at, device_id: m.deviceId, actor: m.actor ?? ''
});

export const movementOf = (r: Selectable<MovementsTable>): StockMovement => ({
	id: r.id as MovementId, productId: r.product_id as ProductId, quantity: r.quantity, reason: r.reason as MovementReason,
	reference: r.reference, note: r.note, at: r.at as LocalTimestamp, deviceId: r.device_id, ...(r.actor ? { actor: r.actor } : {})
});

/** A sale line from its row (the tax columns only when the line's block has them). */
export const saleLineOf = (l: Pick<Selectable<SaleLinesTable>, 'product_id' | 'quantity' | 'unit_price' | 'discount' | 'tax_rate' | 'tax'>): SaleLine => ({
	productId: l.product_id as ProductId, quantity: l.quantity, unitPrice: l.unit_price as Cents, discount: l.discount as Cents,
	...(l.tax_rate !== null || l.tax !== null ? { taxRate: l.tax_rate ?? 0, tax: (l.tax ?? 0) as Cents } : {})
});

/** A sale from its row and its lines' (the till's fields only when it has them). */
export function saleOf(s: Omit<Selectable<SalesTable>, 'shop_id' | 'block_id' | 'position' | 'day' | 'store'>, lines: SaleLine[]): Sale {
	const sale: Sale = { id: s.id as SaleId, invoice: s.invoice, at: s.at as LocalTimestamp, customerId: s.customer_id as CustomerId | null, deviceId: s.device_id, lines };
	if (s.cashier) sale.cashier = s.cashier;
	if (s.payments !== null) sale.payments = JSON.parse(s.payments) as Payment[];
	if (s.return_of) sale.returnOf = s.return_of;
	if (s.tax_excluded === 1) sale.taxExcluded = true;
	if (s.ticket !== null) sale.ticket = JSON.parse(s.ticket) as Ticket;
	return sale;
}

/** A ticket's row in the tickets index. */
export const ticketRow = (shopId: string, t: Ticket): TicketsTable => ({
	shop_id: shopId, invoice: t.invoice, series: t.series, number: t.number, sale_id: t.saleId, hash: t.hash,
	return_of: t.returnOf, shift_id: t.shiftId, at: t.at, doc: JSON.stringify(t)
});

export const ticketOf = (r: Pick<Selectable<TicketsTable>, 'doc'>): Ticket => JSON.parse(r.doc) as Ticket;

export const dayOfRow = (r: Pick<ShopDaysTable, 'day' | 'units' | 'revenue' | 'cost' | 'lines'>): DayTotals => ({
	day: r.day as DayNumber, units: r.units, revenue: r.revenue as Cents, cost: r.cost as Cents, lines: r.lines
});

export const productDayOfRow = (r: Pick<ProductDaysTable, 'product_id' | 'day' | 'units' | 'revenue' | 'cost' | 'lines'>): ProductDayTotals => ({
	productId: r.product_id as ProductId, ...dayOfRow(r)
});

export function purchaseOrderRows(shopId: string, o: PurchaseOrder): { order: PurchaseOrdersTable; lines: PurchaseOrderLinesTable[] } {
	return {
		order: {
			shop_id: shopId, id: o.id, number: o.number, supplier_id: o.supplierId, status: o.status, note: o.note, created_at: o.createdAt,
			ordered_at: o.orderedAt, expected_day: o.expectedDay, received_at: o.receivedAt, cancelled_at: o.cancelledAt,
			device_id: o.deviceId, updated_at: o.updatedAt
		},
		lines: o.lines.map((l, position) => ({
			shop_id: shopId, order_id: o.id, position, product_id: l.productId, quantity: l.quantity, unit_cost: l.unitCost,
			received_quantity: l.receivedQuantity
		}))
	};
}

/** Orders from their rows; lines are matched by order id and kept in position order. */
export function purchaseOrdersOf(orders: Selectable<PurchaseOrdersTable>[], lines: Selectable<PurchaseOrderLinesTable>[]): PurchaseOrder[] {
	const byOrder = new Map<string, PurchaseOrderLine[]>();
	for (const l of [...lines].sort((a, b) => a.position - b.position)) {
		let list = byOrder.get(l.order_id);
		if (!list) byOrder.set(l.order_id, (list = []));
		list.push({ productId: l.product_id as ProductId, quantity: l.quantity, unitCost: l.unit_cost as Cents, receivedQuantity: l.received_quantity });
	}
	return orders.map((r) => ({
		id: r.id as Uuid, number: r.number, supplierId: r.supplier_id as SupplierId | null, status: r.status as PurchaseOrderStatus,
		lines: byOrder.get(r.id) ?? [], note: r.note, createdAt: r.created_at as LocalTimestamp, orderedAt: r.ordered_at as LocalTimestamp | null,
		expectedDay: r.expected_day as DayNumber | null, receivedAt: r.received_at as LocalTimestamp | null,
		cancelledAt: r.cancelled_at as LocalTimestamp | null, deviceId: r.device_id, updatedAt: r.updated_at as LocalTimestamp
	}));
}
