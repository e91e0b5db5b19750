// The recommendation model: learned once (in a worker) from the baskets up to a day, then queried
// many times (the sale screen asks on every item added). Plain data with typed arrays, so it
// crosses to and from a worker by structured clone.
import type { CustomerId, ProductId } from '../brand';
import { type Baskets, basketCount } from './baskets';
import { buildContentIndex, contentNeighbors, type ContentProduct } from './content-similarity';
import { DEFAULT_SIMILARITY, itemNeighbors, type SimilarityOptions } from './item-similarity';
import { topK } from './top-k';

export interface CatalogProduct extends ContentProduct {
	id: ProductId;
}

export interface ModelOptions extends Omit<SimilarityOptions, 'asOfDay'> {
	/** Products in fewer baskets than this borrow neighbours from similar products by content. */
	minHistoryBaskets: number;
	/** How many content-similar products a product without history borrows from. */
	contentNeighbors: number;
	/** Customer history: a purchase counts half after this many days. */
	historyHalfLifeDays: number;
	/** Products kept per customer history. */
	historyItems: number;
}

export const DEFAULT_MODEL: ModelOptions = {
	...DEFAULT_SIMILARITY, minHistoryBaskets: 3, contentNeighbors: 8, historyHalfLifeDays: 90, historyItems: 60
};

/** Where a neighbour came from: bought together, or similar by content (no history to learn from). */
export const SOURCE_TOGETHER = 0, SOURCE_CONTENT = 1;

export interface RecommendationModel {
	asOfDay: number;
	/** Model product index → id: products with baskets first, then catalog products without any. */
	products: ProductId[];
	/** Neighbours per product (CSR, best first): the hybrid ranking of co-purchase and content similarity. */
	offsets: Uint32Array;
	items: Uint32Array;
	scores: Float32Array;
	/** Baskets holding both products (0 for a content neighbour never bought together). */
	together: Uint32Array;
	source: Uint8Array;
	/** Per product: baskets that held it. */
	baskets: Uint32Array;
	basketTotal: number;
	/** Products by their baskets weighted as in learning (recent and small baskets count more), best first: the fallback when nothing else is known. */
	popular: Uint32Array;
	/** Per customer (CSR): products bought, with recency-weighted purchase counts, largest first. */
	customers: CustomerId[];
	historyOffsets: Uint32Array;
	historyItems: Uint32Array;
	historyWeights: Float32Array;
}

const POPULAR_KEPT = 200;

/** Learns the model from baskets (up to options' day) and the catalog (for products without history). */
export function buildRecommendationModel(
	b: Baskets, catalog: readonly CatalogProduct[], asOfDay: number, options: ModelOptions = DEFAULT_MODEL
): RecommendationModel {
	const products = [...b.products];
	const index = new Map(products.map((id, i) => [id, i]));
	for (const p of catalog) if (!index.has(p.id)) index.set(p.id, products.push(p.id) - 1);
	const n = products.length;
	const learned = itemNeighbors(b, n, { ...options, asOfDay });

	const content: ContentProduct[] = products.map(() => ({ name: '', category: '', unitPrice: 0 }));
	for (const p of catalog) content[index.get(p.id)!] = p;
	const contentIndex = buildContentIndex(content);

	// Rows of products with history are the learned rows as they are; the others are built here.
	const capacity = n * options.neighbors;
	const offsets = new Uint32Array(n + 1);
	const items = new Uint32Array(capacity), scores = new Float32Array(capacity), together = new Uint32Array(capacity), source = new Uint8Array(capacity);
	let used = 0;
	const scratch = new Float64Array(n), contentScratch = new Float64Array(n), pairCount = new Uint32Array(n);
	for (let i = 0; i < n; i++) {
		const start = learned.offsets[i], end = learned.offsets[i + 1];
		if (learned.baskets[i] >= options.minHistoryBaskets) {
			items.set(learned.items.subarray(start, end), used);
			scores.set(learned.scores.subarray(start, end), used);
			together.set(learned.together.subarray(start, end), used);
			used += end - start;
		} else {
			const touched: number[] = [];
			const add = (j: number, s: number, count: number) => {
				if (j === i || !(s > 0)) return;
				if (scratch[j] === 0) touched.push(j);
				scratch[j] += s;
				pairCount[j] = Math.max(pairCount[j], count);
			};
			// What little history there is still counts, at full strength.
			for (let k = start; k < end; k++) add(learned.items[k], learned.scores[k], learned.together[k]);
			// Similar products stand in for the missing history: themselves, and what sells with them.
			const similar = contentNeighbors(contentIndex, i, options.contentNeighbors, contentScratch);
			similar.items.forEach((q, r) => {
				const sim = similar.scores[r];
				const qs = learned.offsets[q], qe = learned.offsets[q + 1];
				const top = qe > qs ? learned.scores[qs] : 1;
				add(q, sim * top, 0);
				for (let k = qs; k < qe; k++) add(learned.items[k], sim * learned.scores[k], 0);
			});
			for (const j of topK(touched, touched.length, scratch, options.neighbors)) {
				items[used] = j;
				scores[used] = scratch[j];
				together[used] = pairCount[j];
				source[used++] = pairCount[j] > 0 ? SOURCE_TOGETHER : SOURCE_CONTENT;
			}
			for (const j of touched) { scratch[j] = 0; pairCount[j] = 0; }
		}
		offsets[i + 1] = used;
	}

	const allProducts = Uint32Array.from({ length: n }, (_, i) => i);
	const popular = Uint32Array.from(topK(allProducts, n, learned.weight, POPULAR_KEPT));
	return {
		asOfDay, products, offsets, items: items.slice(0, used), scores: scores.slice(0, used),
		together: together.slice(0, used), source: source.slice(0, used),
		baskets: learned.baskets, basketTotal: learned.basketTotal, popular, customers: b.customers,
		...customerHistories(b, asOfDay, options)
	};
}

/** What each customer bought, weighted by how recently, strongest first. */
function customerHistories(b: Baskets, asOfDay: number, options: ModelOptions) {
	const decay = Math.LN2 / options.historyHalfLifeDays;
	const customerCount = b.customers.length;
	// Baskets grouped by customer (CSR), then one dense pass per customer: no maps in the hot loop.
	const byCustomer = new Uint32Array(customerCount + 1);
	for (let basket = 0; basket < basketCount(b); basket++) if (b.customer[basket] >= 0) byCustomer[b.customer[basket] + 1]++;
	for (let c = 0; c < customerCount; c++) byCustomer[c + 1] += byCustomer[c];
	const fill = byCustomer.slice(0, customerCount), baskets = new Uint32Array(byCustomer[customerCount]);
	for (let basket = 0; basket < basketCount(b); basket++) if (b.customer[basket] >= 0) baskets[fill[b.customer[basket]]++] = basket;

	const weight = new Float64Array(b.products.length), touched: number[] = [];
	const historyOffsets = new Uint32Array(customerCount + 1);
	const historyItems: number[] = [], historyWeights: number[] = [];
	for (let c = 0; c < customerCount; c++) {
		for (let k = byCustomer[c]; k < byCustomer[c + 1]; k++) {
			const basket = baskets[k];
			const w = Math.exp(-decay * Math.max(0, asOfDay - b.day[basket]));
			for (let m = b.offsets[basket]; m < b.offsets[basket + 1]; m++) {
				const item = b.items[m];
				if (weight[item] === 0) touched.push(item);
				weight[item] += w;
			}
		}
		for (const item of topK(touched, touched.length, weight, options.historyItems)) {
			historyItems.push(item);
			historyWeights.push(weight[item]);
		}
		historyOffsets[c + 1] = historyItems.length;
		for (const item of touched) weight[item] = 0;
		touched.length = 0;
	}
	return { historyOffsets, historyItems: Uint32Array.from(historyItems), historyWeights: Float32Array.from(historyWeights) };
}
