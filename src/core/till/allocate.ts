// Splitting a whole number of cents over parts without losing or inventing one.

/**
 * Rounds exact shares so they sum to `total` (largest remainder): each share is floored, and the
 * cents left go to the shares with the largest fractions, earlier shares first on ties.
 * `total` must be within [sum of floors, sum of floors + parts]; it is clamped there otherwise.
 */
export function roundShares(exact: readonly number[], total: number): number[] {
	const floors = exact.map((x) => Math.floor(x + 1e-9));
	let left = total - floors.reduce((s, x) => s + x, 0);
	left = Math.max(0, Math.min(left, exact.length));
	const order = exact.map((x, i) => ({ i, frac: x - floors[i] })).sort((a, b) => b.frac - a.frac || a.i - b.i);
	for (let k = 0; k < left; k++) floors[order[k].i]++;
	return floors;
}

/** Splits `total` cents over parts in proportion to their weights (all >= 0). */
export function splitByWeight(total: number, weights: readonly number[]): number[] {
	const sum = weights.reduce((s, w) => s + w, 0);
	if (sum <= 0 || total === 0) return weights.map(() => 0);
	const sign = Math.sign(total);
	return roundShares(weights.map((w) => (Math.abs(total) * w) / sum), Math.abs(total)).map((x) => x * sign);
}
