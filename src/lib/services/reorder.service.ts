// What the Reorder screen does: reads suggestions from workers/trends.worker.ts (the latest
// forecast run against stock and stock on order), groups them into draft purchase orders, and
// sends, receives and cancels orders through the core's purchase-order use cases.
import type { ProductId } from '$core/brand';
import { editDraftLines, type PurchaseOrder, type PurchaseOrderLine } from '$core/purchase-orders/purchase-order';
import { cancelPurchaseOrder, receivePurchaseOrder, sendPurchaseOrder } from '$core/purchase-orders/use-cases';
import { reorderCsv } from '$core/reorder/csv';
import { draftOrdersFromSuggestions } from '$core/reorder/drafts';
import type { ReorderOptions, ReorderReason, ReorderSuggestion, Urgency } from '$core/reorder/suggest';
import { nowLocal } from '$core/time';
import type { Product, Supplier } from '$core/types';
import { getDeviceId, getRepository } from '$lib/db';
import { t } from '$lib/i18n/i18n.svelte';
import type { ReorderResult, RunSummary } from '$workers/trends.worker';
import { defaultCsvOptions, download } from './export.service';
import { withTrendsWorker } from './trends.service';

export interface ReorderView {
	run: RunSummary;
	/** Suggestions with something to order, most urgent first. */
	suggestions: ReorderSuggestion[];
	counts: Record<Urgency, number>;
	/** Unsaved drafts, one per supplier (null = products without one), most urgent lines first. */
	drafts: PurchaseOrder[];
	suppliers: Supplier[];
	withoutForecast: number;
	options: ReorderOptions;
}

/** The suggestions and drafts, or null when no forecast has been computed yet. */
export async function loadReorder(options: Partial<ReorderOptions>): Promise<ReorderView | null> {
	const [result, deviceId] = await Promise.all([withTrendsWorker<ReorderResult>((api) => api.reorder(options)), getDeviceId()]);
	if (!result.ok) {
		if (result.code === 'no_run') return null;
		throw new Error(t('reorder.error.failed', { message: result.message }));
	}
	const { plan, run } = result;
	return {
		run, suggestions: plan.toOrder, counts: plan.counts, suppliers: plan.suppliers, withoutForecast: plan.withoutForecast, options: plan.options,
		drafts: draftOrdersFromSuggestions(plan.toOrder, nowLocal(), deviceId)
	};
}

export type OrderLine = Pick<PurchaseOrderLine, 'productId' | 'quantity' | 'unitCost'>;

/** Saves a draft with the owner's quantities and sends it: its lines become stock on order. */
export async function acceptDraft(draft: PurchaseOrder, lines: OrderLine[]): Promise<PurchaseOrder> {
	const repo = getRepository();
	const now = nowLocal();
	await repo.putPurchaseOrder(editDraftLines(draft, lines, now));
	return sendPurchaseOrder(repo, draft.id, now);
}

/** Orders sent and not yet received, oldest first (the one due soonest on top). */
export async function listSentOrders(): Promise<PurchaseOrder[]> {
	const orders = await getRepository().listPurchaseOrders();
	return orders.filter((o) => o.status === 'ordered').sort((a, b) => (a.expectedDay ?? 0) - (b.expectedDay ?? 0) || (a.orderedAt ?? 0) - (b.orderedAt ?? 0));
}

/** The products on some orders, by id, to name their lines (archived ones too); not the whole catalogue. */
export async function productsOn(orders: readonly PurchaseOrder[]): Promise<Map<ProductId, Product>> {
	const repo = getRepository();
	const ids = [...new Set(orders.flatMap((o) => o.lines.map((l) => l.productId)))];
	const found = await Promise.all(ids.map((id) => repo.getProduct(id)));
	return new Map(found.filter((p): p is Product => p !== undefined).map((p) => [p.id, p]));
}

/** The goods arrived: purchase movements raise the stock; `received` holds units that differ from the order. */
export async function receiveOrder(id: string, received: ReadonlyMap<ProductId, number>): Promise<PurchaseOrder> {
	const repo = getRepository();
	return receivePurchaseOrder(repo, id, await getDeviceId(repo), received);
}

export const cancelOrder = (id: string): Promise<PurchaseOrder> => cancelPurchaseOrder(getRepository(), id);

/**
 * One draft as the reorder CSV (UTF-8 with BOM, separators of the person's number format), with
 * the owner's quantities in place of the suggested ones and each reason in the UI language.
 */
export function downloadDraftCsv(draft: PurchaseOrder, lines: OrderLine[], view: ReorderView, reasonText: (r: ReorderReason) => string): void {
	const quantityOf = new Map(lines.map((l) => [l.productId, l.quantity]));
	const rows = view.suggestions.filter((s) => quantityOf.has(s.productId)).map((s) => ({ ...s, suggestedQuantity: quantityOf.get(s.productId)! }));
	const text = reorderCsv(rows, view.suppliers, defaultCsvOptions(), reasonText);
	download(new Blob([text], { type: 'text/csv;charset=utf-8' }), `${draft.number}.csv`);
}
