// The state every stock form shares: busy while saving, errors per line, the failure nobody
// foresaw, and the confirmation of what changed.
import type { ProductId } from '$core/brand';
import type { LineError } from '$core/stock-ops';
import { failureText } from '$lib/services/sell.service';
import type { StockChange, StockOutcome } from '$lib/services/stock.service';

export class StockOperation {
	busy = $state(false);
	failure = $state('');
	errors = $state<LineError[]>([]);
	done = $state<{ message: string; changes: StockChange[] } | null>(null);

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
			this.done = { message: describe(result.changes), changes: result.changes };
			onsuccess(result.stock);
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
