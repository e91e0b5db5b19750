// Purchase-order actions against the store: send, cancel, receive (as purchase movements), and the
// stock on order that reorder suggestions count.
import type { ProductId } from '../brand';
import { effectiveLeadTime } from '../catalog';
import { NotFoundError, type InventoryRepository } from '../repository';
import { receiveGoods } from '../stock-ops';
import { nowLocal } from '../time';
import { markCancelled, markOrdered, markReceived, stockOnOrder, type PurchaseOrder } from './purchase-order';

async function requireOrder(repo: InventoryRepository, id: string): Promise<PurchaseOrder> {
	const order = await repo.getPurchaseOrder(id);
	if (!order) throw new NotFoundError('purchase order', id);
	return order;
}

/** Units on order per product (orders sent, not yet received). */
export async function loadStockOnOrder(repo: InventoryRepository): Promise<Map<ProductId, number>> {
	return stockOnOrder(await repo.listPurchaseOrders());
}

/** Sends a draft: it becomes stock on order, expected after the longest lead time of its products. */
export async function sendPurchaseOrder(repo: InventoryRepository, id: string, at = nowLocal()): Promise<PurchaseOrder> {
	const order = await requireOrder(repo, id);
	const supplier = order.supplierId ? await repo.getSupplier(order.supplierId) : undefined;
	const products = await Promise.all(order.lines.map((l) => repo.getProduct(l.productId)));
	const leadTime = Math.max(0, ...products.map((p) => (p ? effectiveLeadTime(p, supplier) : supplier?.defaultLeadTimeDays ?? 0)));
	const sent = markOrdered(order, at, leadTime);
	await repo.putPurchaseOrder(sent);
	return sent;
}

export async function cancelPurchaseOrder(repo: InventoryRepository, id: string, at = nowLocal()): Promise<PurchaseOrder> {
	const cancelled = markCancelled(await requireOrder(repo, id), at);
	await repo.putPurchaseOrder(cancelled);
	return cancelled;
}

/**
 * The goods arrived: one purchase movement per line that brought units (referenced by the order
 * number), then the order is marked received. The movements go first: if the second write
 * failed, the shelf would be right and the order would still show as sent, which the owner sees;
 * the other way round stock would silently be short.
 */
export async function receivePurchaseOrder(repo: InventoryRepository, id: string, deviceId: string, received: ReadonlyMap<ProductId, number> = new Map(), at = nowLocal()): Promise<PurchaseOrder> {
	const order = markReceived(await requireOrder(repo, id), at, received);
	const lines = order.lines.filter((l) => (l.receivedQuantity ?? 0) > 0).map((l) => ({ productId: l.productId, quantity: l.receivedQuantity! }));
	if (lines.length) {
		const result = await receiveGoods(repo, order.supplierId, order.number, lines, deviceId);
		if (!result.ok) throw new RangeError(`cannot receive ${order.number}: ${result.errors.map((e) => `line ${e.line} ${e.field} ${e.code}`).join(', ')}`);
	}
	await repo.putPurchaseOrder(order);
	return order;
}
