// The Reorder page's orders as documents: a draft with the owner's quantities, or an order already
// sent, named with its products' SKUs and names, its supplier's contact and the shop; printed on
// A4 with PurchaseOrderSheet (the sheet and its styles load on the first print).
import type { ProductId } from '$core/brand';
import { orderDocument, type OrderDocument, type OrderShop, type ProductLabel } from '$core/purchase-orders/order-document';
import type { PurchaseOrder } from '$core/purchase-orders/purchase-order';
import type { Supplier } from '$core/types';
import { t } from '$lib/i18n/i18n.svelte';
import { a4PageRule } from '$lib/print/page-rule';
import type { OrderLine } from '$lib/services/reorder.service';

/** A draft as it would be sent: only the lines left in (quantity above 0), with the quantities typed. */
export function draftDocument(draft: PurchaseOrder, lines: readonly OrderLine[], productOf: (id: ProductId) => ProductLabel | undefined, supplier: Supplier | undefined, shop: OrderShop): OrderDocument {
	return orderDocument({ ...draft, lines: lines.map((l) => ({ ...l, receivedQuantity: null })) }, productOf, supplier ?? null, shop);
}

export function sentDocument(order: PurchaseOrder, productOf: (id: ProductId) => ProductLabel | undefined, supplier: Supplier | undefined, shop: OrderShop): OrderDocument {
	return orderDocument(order, productOf, supplier ?? null, shop);
}

export async function printOrder(doc: OrderDocument): Promise<void> {
	const [{ printDocument }, { default: PurchaseOrderSheet }] = await Promise.all([import('$lib/print/print-root'), import('./PurchaseOrderSheet.svelte')]);
	await printDocument(PurchaseOrderSheet, { doc }, a4PageRule({ marginMm: [12, 12, 14, 12], pageCounter: t('print.page') }));
}
