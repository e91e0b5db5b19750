// Undo on the stock screen: the last receipt, adjustment or count is cancelled by compensating
// movements (core/stock-ops.ts undoMovements; the ledger keeps both), and the change is described
// as stock before → after, like the operation it undoes.
import type { ProductId } from '$core/brand';
import { undoMovements, type UndoResult } from '$core/stock-ops';
import type { Product, StockMovement } from '$core/types';
import { getDeviceId, getRepository } from '$lib/db';
import { till } from '$lib/till/session.svelte';
import type { StockChange } from './stock.service';
import { requestSync } from './sync.svelte';

export type UndoOutcome = { ok: true; changes: StockChange[]; stock: Map<ProductId, number> } | { ok: false; code: (UndoResult & { ok: false })['code'] };

/** Cancels `movements` (what one stock operation recorded); `products`: the products they moved, to describe the change. */
export async function undoStockOperation(movements: readonly StockMovement[], products: readonly Product[]): Promise<UndoOutcome> {
	const repo = getRepository();
	const [before, deviceId] = await Promise.all([repo.stockLevels(), getDeviceId(repo)]);
	const result = await undoMovements(repo, movements, deviceId, till.cashierName);
	if (!result.ok) return result;
	requestSync('edit');
	const stock = await repo.stockLevels();
	const moved = new Set(movements.map((m) => m.productId));
	const changes = products.filter((p) => moved.has(p.id)).map((product) => ({ product, before: before.get(product.id) ?? 0, after: stock.get(product.id) ?? 0 }));
	return { ok: true, changes, stock };
}
