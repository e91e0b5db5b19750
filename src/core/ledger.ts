// Stock on hand is the sum of a product's movements; these are the only rules that change it.
import type { LocalTimestamp, MovementId, ProductId } from './brand';
import { newId } from './ids';
import { stableId } from './sync/stable-id';
import type { MovementReason, Sale, StockMovement } from './types';

export function stockFromMovements(movements: Iterable<StockMovement>): Map<ProductId, number> {
	const stock = new Map<ProductId, number>();
	for (const m of movements) stock.set(m.productId, roundQty((stock.get(m.productId) ?? 0) + m.quantity));
	return stock;
}

/** Quantities may be fractional (sold by weight); keep sums free of float dust. */
export const roundQty = (q: number) => Math.round(q * 1000) / 1000;

/**
 * A sale line's movement is named after the sale and the line, so every store that holds the sale
 * (the till, the server, the other tablets after sync) derives the same ledger entry.
 */
export const saleLineMovementId = (saleId: string, line: number) => stableId('sale-line-movement', `${saleId}|${line}`) as MovementId;

/** One movement per sale line: a sale takes stock out, a return line (negative quantity) puts it back. */
export function movementsForSale(sale: Sale): StockMovement[] {
	return sale.lines.map((line, i) => ({
		id: saleLineMovementId(sale.id, i),
		productId: line.productId,
		quantity: -line.quantity,
		reason: (line.quantity < 0 ? 'return' : 'sale') as MovementReason,
		reference: sale.invoice,
		note: '',
		at: sale.at,
		deviceId: sale.deviceId,
		...(sale.cashier ? { actor: sale.cashier } : {})
	}));
}

export function movement(productId: ProductId, quantity: number, reason: MovementReason, at: LocalTimestamp, deviceId: string, reference = '', note = '', actor = ''): StockMovement {
	return { id: newId(), productId, quantity, reason, reference, note, at, deviceId, ...(actor ? { actor } : {}) };
}

/** A count sets stock to what was counted: the movement is the difference from the ledger. */
export function countMovement(productId: ProductId, counted: number, onHand: number, at: LocalTimestamp, deviceId: string, reference: string): StockMovement | null {
	const diff = roundQty(counted - onHand);
	return diff === 0 ? null : movement(productId, diff, 'count', at, deviceId, reference, `${onHand} → ${counted}`);
}

/** Net stock change per product of a set of movements, for updating the cache. */
export function stockDelta(movements: Iterable<StockMovement>): Map<ProductId, number> {
	return stockFromMovements(movements);
}
