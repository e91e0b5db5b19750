// What `recommend` and `segments` share: reading --until and learning the insights from the store.
import type { DayNumber } from '../../core/brand';
import { type Baskets, buildBaskets } from '../../core/insights/baskets';
import { lastSaleDay } from '../../core/insights/insights';
import type { InventoryRepository } from '../../core/repository';
import { isoDay, parseIsoDay } from '../../core/time';
import type { Product } from '../../core/types';
import { UsageError } from '../args';

export const UNTIL_HELP = `  --until DATE  learn only from sales up to this day (YYYY-MM-DD, inclusive);
                default: the last day with a sale`;

export function parseUntil(value: unknown): DayNumber | undefined {
	if (value === undefined) return undefined;
	const day = parseIsoDay(String(value));
	if (day === null) throw new UsageError(`--until must be a date written YYYY-MM-DD, not "${String(value)}"`);
	return day;
}

export function parseTop(value: unknown, fallback: number): number {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1 || n > 100) throw new UsageError(`--top must be a whole number from 1 to 100, not "${String(value)}"`);
	return n;
}

/** The store's baskets up to `until` (or its last sale day), and the catalog. Throws when there are no sales. */
export async function loadBaskets(repo: InventoryRepository, until: DayNumber | undefined): Promise<{ baskets: Baskets; asOfDay: DayNumber; products: Product[] }> {
	const [blocks, products] = await Promise.all([repo.saleBlocks(undefined, until), repo.listProducts()]);
	const last = lastSaleDay(blocks);
	if (last === null) throw new Error(until === undefined ? 'there are no sales to learn from; import some first' : `there are no sales on or before ${isoDay(until)} to learn from`);
	const asOfDay = until ?? last;
	return { baskets: buildBaskets(blocks, { toDay: asOfDay }), asOfDay, products };
}
