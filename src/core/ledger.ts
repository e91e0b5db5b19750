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

/** A compensating movement's note names the movement it undoes: the ledger keeps both, nothing is deleted. */
export const UNDO_NOTE_PREFIX = 'undo:';
export const undoNote = (undone: MovementId) => `${UNDO_NOTE_PREFIX}${undone}`;
/** The movement a compensating movement undoes, or null for any other note. */
export const undoneBy = (note: string): MovementId | null => (note.startsWith(UNDO_NOTE_PREFIX) ? (note.slice(UNDO_NOTE_PREFIX.length) as MovementId) : null);

/**
 * Why movements cannot be undone with compensating movements: 'sale' for a sale or return line
 * (undone by a return at the till, which refunds the money too), 'import' for an import batch,
 * 'undo' for a movement that is itself an undo, 'nothing' for no movements.
 */
export type UndoRefusal = 'sale' | 'import' | 'undo' | 'nothing';

/**
 * The movements that cancel a receipt, adjustment or count: each the opposite quantity, same
 * product, reason and reference, noted `undo:<id>` of the one it cancels, at `at`. Stock on hand
 * returns to what it was before the undone movements (plus whatever happened since).
 */
export function compensatingMovements(
	movements: readonly StockMovement[], at: LocalTimestamp, deviceId: string, actor = ''
): { ok: true; movements: StockMovement[] } | { ok: false; code: UndoRefusal } {
	if (movements.length === 0) return { ok: false, code: 'nothing' };
	if (movements.some((m) => m.reason === 'sale' || m.reason === 'return')) return { ok: false, code: 'sale' };
	if (movements.some((m) => m.reason === 'import')) return { ok: false, code: 'import' };
	if (movements.some((m) => undoneBy(m.note) !== null)) return { ok: false, code: 'undo' };
	return { ok: true, movements: movements.map((m) => movement(m.productId, roundQty(-m.quantity), m.reason, at, deviceId, m.reference, undoNote(m.id), actor)) };
}
