// Item-to-item similarity from co-purchases. Each basket votes for every pair of its products
// with a weight that favours recent baskets (tastes and ranges change) and small baskets (a
// 300-line wholesale order says little about which two products go together). A pair's score is
// its weighted count divided by both products' popularity raised to a power: plain co-occurrence
// would recommend the best sellers to everyone; dividing fully (lift) promotes flukes of rare
// products, so the powers sit in between, and a shrink factor discounts pairs seen only once or twice.
import { type Baskets, basketCount } from './baskets';
import { topK } from './top-k';

export interface SimilarityOptions {
	/** Day the model is learned as of: basket weights decay with age from it. */
	asOfDay: number;
	/** Age at which a basket counts half (days); Infinity = no decay. */
	halfLifeDays: number;
	/** Basket weight is divided by size^sizeDamping. */
	sizeDamping: number;
	/** Score = C_ij / (N_i^sourcePower · N_j^targetPower) · c_ij / (c_ij + shrink). */
	sourcePower: number;
	targetPower: number;
	shrink: number;
	/**
	 * The largest baskets teach no pairs (they still count for popularity): a 300-line wholesale
	 * order costs 90,000 pair updates and, at its weight, changes no ranking. The limit is the
	 * shop's pairBasketQuantile of basket sizes, but never below pairBasketFloor products, so a
	 * shop whose baskets are all big still learns from most of them.
	 */
	pairBasketFloor: number;
	pairBasketQuantile: number;
	/** Neighbours kept per product. */
	neighbors: number;
}

export const DEFAULT_SIMILARITY: Omit<SimilarityOptions, 'asOfDay'> = {
	halfLifeDays: 120, sizeDamping: 1, sourcePower: 0.5, targetPower: 0.5, shrink: 2, pairBasketFloor: 50, pairBasketQuantile: 0.9, neighbors: 40
};

/** Per product, its best neighbours (CSR rows) and the counts behind them. */
export interface ItemNeighbors {
	/** Row i holds entries [offsets[i], offsets[i + 1]), best first. */
	offsets: Uint32Array;
	items: Uint32Array;
	scores: Float32Array;
	/** Baskets that held both products (unweighted), for support, confidence and lift. */
	together: Uint32Array;
	/** Per product: baskets holding it (unweighted) and their total weight. */
	baskets: Uint32Array;
	weight: Float64Array;
	basketTotal: number;
}

/** Baskets holding each product: an inverted index in CSR form. */
function basketsByProduct(b: Baskets, productCount: number) {
	const offsets = new Uint32Array(productCount + 1);
	for (let k = 0; k < b.items.length; k++) offsets[b.items[k] + 1]++;
	for (let p = 0; p < productCount; p++) offsets[p + 1] += offsets[p];
	const fill = offsets.slice(0, productCount);
	const list = new Uint32Array(b.items.length);
	for (let basket = 0; basket < basketCount(b); basket++) {
		for (let k = b.offsets[basket]; k < b.offsets[basket + 1]; k++) list[fill[b.items[k]]++] = basket;
	}
	return { offsets, list };
}

export function basketWeights(b: Baskets, o: Pick<SimilarityOptions, 'asOfDay' | 'halfLifeDays' | 'sizeDamping'>): Float64Array {
	const w = new Float64Array(basketCount(b));
	const decay = Number.isFinite(o.halfLifeDays) ? Math.LN2 / o.halfLifeDays : 0;
	for (let i = 0; i < w.length; i++) {
		const size = b.offsets[i + 1] - b.offsets[i];
		w[i] = Math.exp(-decay * Math.max(0, o.asOfDay - b.day[i])) / Math.pow(size, o.sizeDamping);
	}
	return w;
}

/** The size above which a basket teaches no pairs (see SimilarityOptions.pairBasketFloor). */
export function pairBasketLimit(b: Baskets, o: Pick<SimilarityOptions, 'pairBasketFloor' | 'pairBasketQuantile'>): number {
	if (!Number.isFinite(o.pairBasketFloor)) return Infinity;
	const sizes = Uint32Array.from({ length: basketCount(b) }, (_, i) => b.offsets[i + 1] - b.offsets[i]).sort();
	return Math.max(o.pairBasketFloor, sizes.length ? sizes[Math.min(sizes.length - 1, Math.floor(o.pairBasketQuantile * sizes.length))] : 0);
}

/** Learns every product's neighbours from the baskets (products indexed as in `b.products`, plus `productCount - b.products.length` without baskets). */
export function itemNeighbors(b: Baskets, productCount: number, options: SimilarityOptions): ItemNeighbors {
	const weights = basketWeights(b, options);
	const index = basketsByProduct(b, productCount);
	const baskets = new Uint32Array(productCount), weight = new Float64Array(productCount);
	for (let p = 0; p < productCount; p++) {
		baskets[p] = index.offsets[p + 1] - index.offsets[p];
		for (let k = index.offsets[p]; k < index.offsets[p + 1]; k++) weight[p] += weights[index.list[k]];
	}
	const limit = pairBasketLimit(b, options);
	const targetNorm = Float64Array.from(weight, (w) => Math.pow(w, options.targetPower));
	const sum = new Float64Array(productCount), count = new Uint32Array(productCount), score = new Float64Array(productCount);
	const touched = new Uint32Array(productCount);
	const offsets = new Uint32Array(productCount + 1);
	// Rows hold at most `neighbors` entries: preallocated, then cut to size.
	const capacity = productCount * options.neighbors;
	const items = new Uint32Array(capacity), scores = new Float32Array(capacity), together = new Uint32Array(capacity);
	let used = 0;
	for (let i = 0; i < productCount; i++) {
		let n = 0;
		for (let k = index.offsets[i]; k < index.offsets[i + 1]; k++) {
			const basket = index.list[k], w = weights[basket];
			if (b.offsets[basket + 1] - b.offsets[basket] > limit) continue;
			for (let m = b.offsets[basket]; m < b.offsets[basket + 1]; m++) {
				const j = b.items[m];
				if (j === i) continue;
				if (count[j] === 0) touched[n++] = j;
				count[j]++;
				sum[j] += w;
			}
		}
		const sourceNorm = Math.pow(weight[i], options.sourcePower);
		for (let t = 0; t < n; t++) {
			const j = touched[t];
			score[j] = (sum[j] / (sourceNorm * targetNorm[j])) * (count[j] / (count[j] + options.shrink));
		}
		for (const j of topK(touched, n, score, options.neighbors)) {
			items[used] = j;
			scores[used] = score[j];
			together[used++] = count[j];
		}
		offsets[i + 1] = used;
		for (let t = 0; t < n; t++) {
			const j = touched[t];
			sum[j] = 0; count[j] = 0; score[j] = 0;
		}
	}
	return {
		offsets, items: items.slice(0, used), scores: scores.slice(0, used), together: together.slice(0, used),
		baskets, weight, basketTotal: basketCount(b)
	};
}
