// Offline evaluation of recommendations: for each later basket with two or more products, hide
// one and see whether the recommendations from the rest name it in their first ten. Also the two
// baselines any recommender must beat: the most popular products, and plain co-occurrence (for
// each product, the ten products most often in the same basket).
import type { CustomerId, ProductId } from '../brand';
import { type Baskets, basketCount } from './baskets';
import { itemNeighbors } from './item-similarity';
import { topK } from './top-k';

export interface TestBasket {
	items: ProductId[];
	customerId: CustomerId | null;
}

/** Recommends k products from the basket's other products (and its customer, if the method uses it). */
export type RecommendFn = (rest: ProductId[], customerId: CustomerId | null, k: number) => ProductId[];

export function testBaskets(b: Baskets): TestBasket[] {
	const out: TestBasket[] = [];
	for (let i = 0; i < basketCount(b); i++) {
		if (b.offsets[i + 1] - b.offsets[i] < 2) continue;
		const items = Array.from(b.items.subarray(b.offsets[i], b.offsets[i + 1]), (p) => b.products[p]);
		out.push({ items, customerId: b.customer[i] < 0 ? null : b.customers[b.customer[i]] });
	}
	return out;
}

/**
 * Share of baskets whose hidden product is among the k recommended from the rest. The hidden
 * product is picked by a multiplicative hash of the basket's position: spread like a random pick,
 * and the same on every run.
 */
export function hitRate(baskets: readonly TestBasket[], recommend: RecommendFn, k = 10): number {
	let hits = 0;
	for (const [position, { items, customerId }] of baskets.entries()) {
		const hide = (Math.imul(position + 1, 0x9e3779b1) >>> 0) % items.length;
		const rest = items.filter((_, i) => i !== hide);
		if (recommend(rest, customerId, k).includes(items[hide])) hits++;
	}
	return baskets.length === 0 ? 0 : hits / baskets.length;
}

/** Baseline: the products in most training baskets, minus those already in the basket. */
export function popularityBaseline(train: Baskets): RecommendFn {
	const counts = new Float64Array(train.products.length);
	for (const p of train.items) counts[p]++;
	const all = Uint32Array.from({ length: counts.length }, (_, i) => i);
	const ranked = topK(all, all.length, counts, 200).map((p) => train.products[p]);
	return (rest, _customer, k) => ranked.filter((p) => !rest.includes(p)).slice(0, k);
}

/**
 * Baseline: plain co-occurrence. Each product keeps the ten products most often in the same
 * basket; a basket's candidates are the union of its products' lists, ranked by the summed counts.
 */
export function coOccurrenceBaseline(train: Baskets): RecommendFn {
	const n = train.products.length;
	const counts = itemNeighbors(train, n, {
		asOfDay: 0, halfLifeDays: Infinity, sizeDamping: 0, sourcePower: 0, targetPower: 0, shrink: 0, pairBasketFloor: Infinity, pairBasketQuantile: 1, neighbors: 10
	});
	const index = new Map(train.products.map((id, i) => [id, i]));
	return (rest, _customer, k) => {
		const score = new Map<number, number>();
		const inBasket = new Set(rest.map((id) => index.get(id)));
		for (const id of rest) {
			const i = index.get(id);
			if (i === undefined) continue;
			for (let e = counts.offsets[i]; e < counts.offsets[i + 1]; e++) {
				const j = counts.items[e];
				if (!inBasket.has(j)) score.set(j, (score.get(j) ?? 0) + counts.together[e]);
			}
		}
		return [...score].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k).map(([j]) => train.products[j]);
	};
}
