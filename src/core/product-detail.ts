// Figures for one product's page: its margin and its ledger with the balance after each entry.
import type { Cents } from './brand';
import { roundQty } from './ledger';
import type { Product, StockMovement } from './types';

/** Price minus cost, and that as a share of the price (null when the price is zero). */
export function productMargin(p: Pick<Product, 'unitPrice' | 'unitCost'>): { amount: Cents; percent: number | null } {
	const amount = (p.unitPrice - p.unitCost) as Cents;
	return { amount, percent: p.unitPrice > 0 ? (amount / p.unitPrice) * 100 : null };
}

export interface MovementWithBalance {
	movement: StockMovement;
	/** Stock on hand right after this movement. */
	balance: number;
}

/**
 * Walks back from today's stock through movements given newest first, so the balances are right
 * even when only the latest movements were loaded.
 */
export function withRunningBalance(newestFirst: readonly StockMovement[], onHand: number): MovementWithBalance[] {
	let balance = onHand;
	return newestFirst.map((movement) => {
		const row = { movement, balance };
		balance = roundQty(balance - movement.quantity);
		return row;
	});
}
