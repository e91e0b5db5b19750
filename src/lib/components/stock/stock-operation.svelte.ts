// The state every stock form shares: busy while saving, errors per line, the failure nobody
// foresaw, the confirmation of what changed, and its Undo (compensating movements for what the
// operation recorded; the ledger is append-only).
import type { ProductId } from '$core/brand';
import type { LineError } from '$core/stock-ops';
import type { StockMovement } from '$core/types';
import { t } from '$lib/i18n/i18n.svelte';
import { failureText } from '$lib/services/sell.service';
import type { StockChange, StockOutcome } from '$lib/services/stock.service';
import { undoStockOperation } from '$lib/services/stock-undo.service';

export interface StockDone {
	message: string;
	changes: StockChange[];
	/** What the operation recorded, while it can still be undone; absent once undone. */
	movements?: StockMovement[];
	undone?: boolean;
}

/** The movements an outcome recorded, when the stock service reports them. */
function movementsOf(outcome: StockOutcome): StockMovement[] | undefined {
	const movements = 'movements' in outcome ? (outcome as { movements?: unknown }).movements : undefined;
	return Array.isArray(movements) && movements.length > 0 ? (movements as StockMovement[]) : undefined;
}

export class StockOperation {
	busy = $state(false);
	failure = $state('');
	errors = $state<LineError[]>([]);
	done = $state<StockDone | null>(null);
	/** Tells the screen the stock changed (after the operation, and after its undo). */
	private changed: ((stock: Map<ProductId, number>) => void) | null = null;

	/** Runs the operation; on success words the confirmation and lets the form reset itself. */
	async run(operation: () => Promise<StockOutcome>, describe: (changes: StockChange[]) => string, onsuccess: (stock: Map<ProductId, number>) => void) {
		this.busy = true;
		this.failure = '';
		try {
			const result = await operation();
			if (!result.ok) {
				this.errors = result.errors;
				return;
			}
			this.errors = [];
			this.done = { message: describe(result.changes), changes: result.changes, movements: movementsOf(result) };
			this.changed = onsuccess;
			onsuccess(result.stock);
		} catch (e) {
			this.failure = failureText(e);
		} finally {
			this.busy = false;
		}
	}

	/** Undo on the confirmation: records the compensating movements and shows the stock back as it was. */
	async undo() {
		const done = this.done;
		if (!done?.movements || this.busy) return;
		this.busy = true;
		this.failure = '';
		try {
			const result = await undoStockOperation(done.movements, done.changes.map((c) => c.product));
			if (!result.ok) {
				this.failure = t(`undo.stock.${result.code}`);
				this.done = { ...done, movements: undefined };
				return;
			}
			this.done = { message: t('undo.stock.done'), changes: result.changes, undone: true };
			this.changed?.(result.stock);
		} catch (e) {
			this.failure = failureText(e);
		} finally {
			this.busy = false;
		}
	}

	/** Something was edited: old errors and the last confirmation no longer apply. */
	edited() {
		this.errors = [];
		this.done = null;
	}
}
