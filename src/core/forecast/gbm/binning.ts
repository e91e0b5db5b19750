// Feature binning for histogram gradient boosting: each feature's values are cut at quantiles into
// at most 255 bins, so trees search split points over bins (a histogram) instead of every value.
export const MAX_BINS = 255;
/** Values looked at per feature to place the cut points (quantiles of a sample are close enough). */
const BINNING_SAMPLE = 200_000;

/**
 * Cut points per feature: a value x falls in bin b = the number of cut points below x, so
 * "bin <= b" is "x <= edges[b]". Few distinct values get a cut between each pair (midpoints, as
 * sklearn does); many get cuts at evenly spaced quantiles.
 * x is row-major: rows x features.
 */
export function binEdges(x: Float32Array, rows: number, features: number, maxBins = MAX_BINS): Float64Array[] {
	if (maxBins < 2 || maxBins > MAX_BINS) throw new Error(`maxBins must be 2..${MAX_BINS}, not ${maxBins}`);
	const stride = Math.max(1, Math.floor(rows / BINNING_SAMPLE));
	const edges: Float64Array[] = [];
	for (let f = 0; f < features; f++) {
		const values: number[] = [];
		for (let r = 0; r < rows; r += stride) values.push(x[r * features + f]);
		const sorted = Float64Array.from(values).sort();
		const distinct: number[] = [];
		for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
		const cuts: number[] = [];
		if (distinct.length <= maxBins) {
			for (let i = 1; i < distinct.length; i++) cuts.push((distinct[i - 1] + distinct[i]) / 2);
		} else {
			for (let q = 1; q < maxBins; q++) {
				const at = (q / maxBins) * (sorted.length - 1);
				const lo = Math.floor(at);
				const cut = sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (at - lo);
				if (!cuts.length || cut > cuts[cuts.length - 1]) cuts.push(cut);
			}
		}
		edges.push(Float64Array.from(cuts));
	}
	return edges;
}

/** The bin of a value: the number of cut points strictly below it (binary search). */
export function binOf(edges: Float64Array, value: number): number {
	let lo = 0, hi = edges.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (edges[mid] < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Column-major bins: one Uint8Array of rows per feature (what histograms are built from). */
export function binColumns(x: Float32Array, rows: number, edges: readonly Float64Array[]): Uint8Array[] {
	const features = edges.length;
	return edges.map((e, f) => {
		const column = new Uint8Array(rows);
		for (let r = 0; r < rows; r++) column[r] = binOf(e, x[r * features + f]);
		return column;
	});
}
