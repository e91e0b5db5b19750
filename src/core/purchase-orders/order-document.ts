// A purchase order as the supplier reads it: who orders (the shop), from whom (the supplier's
// contact), what (SKU, name, quantity, unit cost, line total) and how much in all. The printed
// page, the PDF, the CSV and the e-mail are all made from this one record.
import type { Cents, DayNumber, LocalTimestamp, ProductId } from '../brand';
import type { Supplier } from '../types';
import type { PurchaseOrder, PurchaseOrderStatus } from './purchase-order';

export interface OrderShop { name: string; address: string; taxId: string }
export type OrderSupplier = Pick<Supplier, 'name' | 'contact' | 'email' | 'phone'>;

export interface OrderDocumentLine { sku: string; name: string; quantity: number; unitCost: Cents; lineTotal: Cents }

export interface OrderDocument {
	number: string;
	status: PurchaseOrderStatus;
	/** The day it was sent, or for a draft the day it was made. */
	date: LocalTimestamp;
	expectedDay: DayNumber | null;
	shop: OrderShop;
	/** null for products without a supplier. */
	supplier: OrderSupplier | null;
	lines: OrderDocumentLine[];
	totalUnits: number;
	total: Cents;
	note: string;
}

/** What a line needs of its product; a product no longer in the catalogue keeps its id as its name. */
export type ProductLabel = { sku: string; name: string };

/** Line total as the order totals count it: quantity × unit cost, rounded to the cent. */
export const lineTotalOf = (quantity: number, unitCost: Cents): Cents => Math.round(quantity * unitCost) as Cents;

export function orderDocument(
	order: Pick<PurchaseOrder, 'number' | 'status' | 'lines' | 'createdAt' | 'orderedAt' | 'expectedDay' | 'note'>,
	productOf: (id: ProductId) => ProductLabel | undefined,
	supplier: OrderSupplier | null,
	shop: OrderShop
): OrderDocument {
	const lines = order.lines.map((l): OrderDocumentLine => {
		const product = productOf(l.productId);
		return { sku: product?.sku ?? '', name: product?.name ?? l.productId, quantity: l.quantity, unitCost: l.unitCost, lineTotal: lineTotalOf(l.quantity, l.unitCost) };
	});
	return {
		number: order.number, status: order.status, date: order.orderedAt ?? order.createdAt, expectedDay: order.expectedDay,
		shop: { name: shop.name.trim(), address: shop.address.trim(), taxId: shop.taxId.trim() },
		supplier: supplier && { name: supplier.name.trim(), contact: supplier.contact.trim(), email: supplier.email.trim(), phone: supplier.phone.trim() },
		lines,
		totalUnits: Math.round(lines.reduce((s, l) => s + l.quantity, 0) * 1000) / 1000,
		total: lines.reduce((s, l) => s + l.lineTotal, 0) as Cents,
		note: order.note.trim()
	};
}

/** The same test the supplier form applies; anything else cannot be put in a mailto: link. */
const EMAIL = /^[^\s@?&#/:;,<>"]+@[^\s@?&#/:;,<>"]+\.[^\s@?&#/:;,<>"]+$/;

/** The supplier's address when there is one a mail program can take, else null (the order is then only marked as ordered). */
export function supplierEmailOf(supplier: Pick<Supplier, 'email'> | null | undefined): string | null {
	const email = supplier?.email.trim() ?? '';
	return EMAIL.test(email) ? email : null;
}

/** A file name for the order's PDF or CSV: the order number with anything a file system dislikes replaced. */
export const orderFileName = (number: string, extension: 'pdf' | 'csv'): string => `${number.replace(/[^\w.-]+/g, '_') || 'order'}.${extension}`;
