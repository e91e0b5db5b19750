// Picking the best few of many scored candidates without sorting them all.

/**
 * The k candidates with the highest score, best first (ties: lower index first, so results are
 * stable). `candidates` are indices into `score`; candidates with a score <= 0 are skipped.
 */
export function topK(candidates: ArrayLike<number>, count: number, score: ArrayLike<number>, k: number): number[] {
	const best: number[] = [];
	const better = (a: number, b: number) => score[a] > score[b] || (score[a] === score[b] && a < b);
	for (let c = 0; c < count; c++) {
		const j = candidates[c];
		if (!(score[j] > 0)) continue;
		if (best.length === k && !better(j, best[k - 1])) continue;
		// Insertion into a short sorted list: k is small (10-50), candidates can be thousands.
		let at = best.length < k ? best.length : k - 1;
		while (at > 0 && better(j, best[at - 1])) at--;
		if (best.length === k) best.pop();
		best.splice(at, 0, j);
	}
	return best;
}
