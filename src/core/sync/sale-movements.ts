// The stock movements a batch of sales causes, derived from the lines alone and with ids made from
// the lines' identity. The device that rang up or imported the sales and every device (and the
// server) that receives them by sync derive the same ledger entries, so sync never carries sale
// movements: it carries the sales, and each store derives what the lines it accepted cause.
import type { MovementId } from '../brand';
import { saleLineMovementId } from '../ledger';
import { bulkSaleMovements } from '../sale-movements';
import type { SaleBlock } from '../sale-blocks';
import type { MovementReason, StockMovement } from '../types';
import { stableId } from './stable-id';

/** POS sales: one movement per line; bulk loads (imports, demo): one per product per batch. */
export function deriveSaleMovements(blocks: readonly SaleBlock[]): StockMovement[] {
	if (blocks.length === 0) return [];
	const out: StockMovement[] = [];
	const bulk: SaleBlock[] = [];
	for (const b of blocks) {
		if (b.source === 'pos') out.push(...posMovements(b));
		else bulk.push(b);
	}
	if (bulk.length) {
		const unit = bulk.map((b) => b.id).join(',');
		const bySource = new Map<string, SaleBlock[]>();
		for (const b of bulk) bySource.set(b.source, [...(bySource.get(b.source) ?? []), b]);
		for (const [source, group] of bySource) {
			const moves = bulkSaleMovements(group, group[0].deviceIds[0] ?? '', source, () => '' as MovementId);
			for (const m of moves) m.id = stableId('sales-movement', `${unit}|${m.productId}`) as MovementId;
			out.push(...moves);
		}
	}
	return out;
}

function posMovements(b: SaleBlock): StockMovement[] {
	const out: StockMovement[] = [];
	const lineInSale = new Map<number, number>();
	for (let l = 0; l < b.lineCount; l++) {
		const s = b.lineSale[l];
		const i = lineInSale.get(s) ?? 0;
		lineInSale.set(s, i + 1);
		const quantity = b.quantity[l];
		out.push({
			id: saleLineMovementId(b.saleIds[s], i),
			productId: b.products[b.lineProduct[l]],
			quantity: -quantity,
			reason: (quantity < 0 ? 'return' : 'sale') as MovementReason,
			reference: b.invoices[s],
			note: '',
			at: b.saleAt[s] as StockMovement['at'],
			deviceId: b.deviceIds[s] ?? '',
			...(b.saleCashier?.[s] ? { actor: b.saleCashier[s] } : {})
		});
	}
	return out;
}

/** Movements sales cause: every store derives them from the lines, so sync never sends them. */
export const isSaleMovement = (m: Pick<StockMovement, 'reason'>) => m.reason === 'sale' || m.reason === 'return';
