// Counting the drawer by notes and coins: the denominations of the shop's currency and what a
// count comes to. A currency without a table here is counted as one total.
import type { Cents } from '$core/brand';

/** Notes and coins in cents, largest first. */
export const DENOMINATIONS: Record<string, readonly number[]> = {
	EUR: [50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
	USD: [10_000, 5_000, 2_000, 1_000, 500, 200, 100, 25, 10, 5, 1],
	GBP: [5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
	MXN: [100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50],
	ARS: [2_000_000, 1_000_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000]
};

export const denominationsOf = (currency: string): readonly number[] => DENOMINATIONS[currency] ?? [];

/** How many of each denomination were counted (blank or invalid counts are none). */
export type DenominationCount = Record<number, number>;

export const countError = (text: string): 'not_a_count' | null => (text.trim() === '' || /^\d{1,5}$/.test(text.trim()) ? null : 'not_a_count');

/** The cash a count comes to. */
export function countedTotal(counts: DenominationCount): Cents {
	let total = 0;
	for (const [value, n] of Object.entries(counts)) if (Number.isInteger(n) && n > 0) total += Number(value) * n;
	return total as Cents;
}
