// Suggestions grouped by supplier into draft purchase orders the owner can edit and send.
import type { LocalTimestamp, SupplierId } from '../brand';
import { draftPurchaseOrder, type PurchaseOrder } from '../purchase-orders/purchase-order';
import type { ReorderSuggestion } from './suggest';

/**
 * One draft per supplier (products without a supplier share one draft with supplierId null),
 * lines in the suggestions' order (most urgent first), at each product's unit cost.
 */
export function draftOrdersFromSuggestions(suggestions: readonly ReorderSuggestion[], at: LocalTimestamp, deviceId: string): PurchaseOrder[] {
	const bySupplier = new Map<SupplierId | null, ReorderSuggestion[]>();
	for (const s of suggestions) {
		if (s.suggestedQuantity <= 0) continue;
		const list = bySupplier.get(s.supplierId);
		if (list) list.push(s);
		else bySupplier.set(s.supplierId, [s]);
	}
	return [...bySupplier].map(([supplierId, lines]) =>
		draftPurchaseOrder(supplierId, lines.map((s) => ({ productId: s.productId, quantity: s.suggestedQuantity, unitCost: s.unitCost })), at, deviceId));
}
