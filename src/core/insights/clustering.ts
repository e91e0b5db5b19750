// k-means over standardized features, with k chosen by the silhouette: how much closer each point
// is to its own cluster than to the next one (-1..1, higher is better separated).
import { kmeans } from 'ml-kmeans';

export interface Standardized {
	points: number[][];
	mean: number[];
	sd: number[];
}

/** Z-scores per column (a constant column stays 0). */
export function standardize(rows: readonly number[][]): Standardized {
	const d = rows[0]?.length ?? 0, n = rows.length;
	const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / n);
	const sd = mean.map((m, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j] - m) ** 2, 0) / n) || 1);
	return { points: rows.map((r) => r.map((v, j) => (v - mean[j]) / sd[j])), mean, sd };
}

const distance = (p: readonly number[], q: readonly number[]) => {
	let s = 0;
	for (let j = 0; j < p.length; j++) s += (p[j] - q[j]) ** 2;
	return Math.sqrt(s);
};

/** Points used for the silhouette: it costs n² distances, so larger sets use an even sample. */
export const SILHOUETTE_SAMPLE = 1000;

/** Mean silhouette of the clustering (over an even sample of at most SILHOUETTE_SAMPLE points). */
export function silhouette(points: readonly number[][], clusters: readonly number[], k: number): number {
	const step = Math.max(1, points.length / SILHOUETTE_SAMPLE);
	const sample: number[] = [];
	for (let x = 0; x < points.length; x += step) sample.push(Math.floor(x));
	// The sample's coordinates in one flat array: the n² loop below reads nothing else.
	const d = points[0]?.length ?? 0, m = sample.length;
	const flat = new Float64Array(m * d), label = new Int32Array(m);
	sample.forEach((i, s) => { flat.set(points[i], s * d); label[s] = clusters[i]; });
	const sums = new Float64Array(k), sizes = new Float64Array(k);
	let total = 0;
	for (let s = 0; s < m; s++) {
		sums.fill(0);
		sizes.fill(0);
		for (let t = 0; t < m; t++) {
			if (t === s) continue;
			let sq = 0;
			for (let j = 0; j < d; j++) sq += (flat[s * d + j] - flat[t * d + j]) ** 2;
			sums[label[t]] += Math.sqrt(sq);
			sizes[label[t]]++;
		}
		const own = label[s];
		// A point alone in its cluster has silhouette 0 by definition.
		if (sizes[own] === 0) continue;
		const a = sums[own] / sizes[own];
		let b = Infinity;
		for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
		if (Number.isFinite(b)) total += (b - a) / Math.max(a, b);
	}
	return m === 0 ? 0 : total / m;
}

export interface Clustering {
	k: number;
	clusters: number[];
	/** In the standardized space. */
	centroids: number[][];
	silhouette: number;
	/** The silhouette of every k tried, to show why this k. */
	tried: { k: number; silhouette: number }[];
}

/**
 * Restarts per k: k-means++ starts differ, the lowest within-cluster error is kept. One start is
 * seeded (so repeatable) and costs ~100 ms for 3,300 customers in ml-kmeans; more did not change
 * the Online Retail segments.
 */
const RESTARTS = 1;

function bestOfRestarts(points: number[][], k: number, seed: number) {
	let best: { clusters: number[]; centroids: number[][]; error: number } | undefined;
	for (let r = 0; r < RESTARTS; r++) {
		const result = kmeans(points, k, { seed: seed + r, initialization: 'kmeans++', maxIterations: 100 });
		let error = 0;
		points.forEach((p, i) => { error += distance(p, result.centroids[result.clusters[i]]) ** 2; });
		if (!best || error < best.error) best = { clusters: result.clusters, centroids: result.centroids, error };
	}
	return best!;
}

/**
 * Silhouettes closer than this are a tie: k-means from another start moves the silhouette by about
 * as much, so it cannot tell such k apart.
 */
export const SILHOUETTE_TIE = 0.05;

/** How badly a clustering fits what it is for (lower is better), used to break silhouette ties. */
export type ClusteringFit = (clusters: readonly number[], centroids: readonly number[][]) => number;

/**
 * Runs k-means for each k in the range and keeps the k with the best silhouette; among k whose
 * silhouette is within SILHOUETTE_TIE of the best, the one that `fit` scores best (when given),
 * then the one closest to `preferredK` (the number of segments the shop is shown).
 */
export function clusterBySilhouette(points: number[][], kRange: readonly number[], preferredK: number, seed = 1, fit?: ClusteringFit): Clustering {
	const usable = kRange.filter((k) => k >= 2 && k < points.length);
	if (usable.length === 0) throw new Error(`need more than ${Math.min(...kRange)} customers to form segments, got ${points.length}`);
	const runs = usable.map((k) => {
		const { clusters, centroids } = bestOfRestarts(points, k, seed);
		return { k, clusters, centroids, silhouette: silhouette(points, clusters, k), fit: fit ? fit(clusters, centroids) : 0 };
	});
	const top = Math.max(...runs.map((r) => r.silhouette));
	const better = (a: (typeof runs)[number], b: (typeof runs)[number]) =>
		b.fit < a.fit - 1e-9 || (Math.abs(b.fit - a.fit) <= 1e-9 && Math.abs(b.k - preferredK) < Math.abs(a.k - preferredK));
	const { fit: _fit, ...chosen } = runs.filter((r) => r.silhouette >= top - SILHOUETTE_TIE).reduce((a, b) => (better(a, b) ? b : a));
	return { ...chosen, tried: runs.map(({ k, silhouette: s }) => ({ k, silhouette: s })) };
}
