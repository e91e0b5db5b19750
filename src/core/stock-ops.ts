// Receiving goods, adjusting and counting stock, and undoing one of those: each writes ledger
// movements, never a level (an undo is a compensating movement; nothing is deleted).
import type { ProductId, SupplierId } from './brand';
import { compensatingMovements, countMovement, movement, undoneBy, type UndoRefusal } from './ledger';
import type { InventoryRepository } from './repository';
import { nowLocal } from './time';
import type { StockMovement } from './types';
import { MAX_QUANTITY, type ErrorCode } from './validation';
import { isStyle } from './variants';

export interface QuantityLine { productId: ProductId; quantity: number }
export interface LineError { line: number; field: string; code: ErrorCode }

function checkLines(lines: QuantityLine[], allowNegative: boolean, allowZero = false): LineError[] {
	const errors: LineError[] = [];
	if (lines.length === 0) errors.push({ line: -1, field: 'lines', code: 'insufficient_lines' });
	lines.forEach((l, i) => {
		if (!l.productId) errors.push({ line: i, field: 'productId', code: 'required' });
		if (!Number.isFinite(l.quantity)) errors.push({ line: i, field: 'quantity', code: 'not_a_number' });
		else if (!allowNegative && l.quantity < 0) errors.push({ line: i, field: 'quantity', code: 'negative' });
		else if (!allowZero && l.quantity === 0) errors.push({ line: i, field: 'quantity', code: allowNegative ? 'not_zero' : 'must_be_positive' });
		else if (Math.abs(l.quantity) > MAX_QUANTITY) errors.push({ line: i, field: 'quantity', code: 'too_large' });
	});
	return errors;
}

/** Lines naming a style: it holds no stock of its own (its variants do), so nothing is received, adjusted or counted on it. */
async function styleErrors(repo: InventoryRepository, lines: readonly QuantityLine[]): Promise<LineError[]> {
	const ids = [...new Set(lines.map((l) => l.productId).filter(Boolean))];
	const styles = new Set((await Promise.all(ids.map((id) => repo.getProduct(id)))).filter((p) => p && isStyle(p)).map((p) => p!.id));
	return lines.flatMap((l, line) => (styles.has(l.productId) ? [{ line, field: 'productId', code: 'is_style' as const }] : []));
}

export type StockOpResult = { ok: true; movements: StockMovement[] } | { ok: false; errors: LineError[] };

/** Goods arrive from a supplier: one purchase movement per line. `actor`: who received them ('' unknown). */
export async function receiveGoods(repo: InventoryRepository, supplierId: SupplierId | null, reference: string, lines: QuantityLine[], deviceId: string, actor = ''): Promise<StockOpResult> {
	const errors = [...checkLines(lines, false), ...(await styleErrors(repo, lines))];
	if (errors.length) return { ok: false, errors };
	const at = nowLocal();
	const supplier = supplierId ? await repo.getSupplier(supplierId) : undefined;
	const note = supplier ? supplier.name : '';
	const movements = lines.map((l) => movement(l.productId, l.quantity, 'purchase', at, deviceId, reference.trim(), note, actor));
	await repo.addMovements(movements);
	return { ok: true, movements };
}

/** A manual correction (breakage, theft, gift) with a reason the owner writes. */
export async function adjustStock(repo: InventoryRepository, productId: ProductId, delta: number, note: string, deviceId: string, actor = ''): Promise<StockOpResult> {
	const errors = [...checkLines([{ productId, quantity: delta }], true), ...(await styleErrors(repo, [{ productId, quantity: delta }]))];
	if (note.trim() === '') errors.push({ line: 0, field: 'note', code: 'required' });
	if (errors.length) return { ok: false, errors };
	const m = movement(productId, delta, 'adjustment', nowLocal(), deviceId, '', note.trim(), actor);
	await repo.addMovements([m]);
	return { ok: true, movements: [m] };
}

/** A stock count: each counted product gets the movement that brings the ledger to the count. */
export async function recordCount(repo: InventoryRepository, counted: QuantityLine[], reference: string, deviceId: string, actor = ''): Promise<StockOpResult> {
	const errors = [...checkLines(counted, false, true), ...(await styleErrors(repo, counted))];
	if (errors.length) return { ok: false, errors };
	const levels = await repo.stockLevels();
	const at = nowLocal();
	const movements = counted
		.map((c) => countMovement(c.productId, c.quantity, levels.get(c.productId) ?? 0, at, deviceId, reference.trim()))
		.filter((m): m is StockMovement => m !== null)
		.map((m) => (actor ? { ...m, actor } : m));
	if (movements.length) await repo.addMovements(movements);
	return { ok: true, movements };
}

export type UndoResult = { ok: true; movements: StockMovement[] } | { ok: false; code: UndoRefusal | 'already_undone' };

/** Movements of a product looked at to tell whether an undo was already recorded (an undo follows its movement closely). */
const UNDO_LOOKBACK = 200;

/**
 * Undoes a receipt, adjustment or count by recording the compensating movements (ledger.ts);
 * refused for sales and for movements already undone, so a double tap never undoes twice.
 */
export async function undoMovements(repo: InventoryRepository, movements: readonly StockMovement[], deviceId: string, actor = ''): Promise<UndoResult> {
	const compensation = compensatingMovements(movements, nowLocal(), deviceId, actor);
	if (!compensation.ok) return compensation;
	const ids = new Set(movements.map((m) => m.id));
	for (const productId of new Set(movements.map((m) => m.productId))) {
		const recent = await repo.movementsOf(productId, UNDO_LOOKBACK);
		if (recent.some((m) => { const undone = undoneBy(m.note); return undone !== null && ids.has(undone); })) return { ok: false, code: 'already_undone' };
	}
	await repo.addMovements(compensation.movements);
	return compensation;
}
