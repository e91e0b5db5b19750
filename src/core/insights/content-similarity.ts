// Similar products by what they are, for products without a sales history: the words of the name,
// the category and the price band, weighted by rarity (TF-IDF) and compared by cosine.
import { foldText } from '../text';
import { topK } from './top-k';

export interface ContentProduct {
	name: string;
	category: string;
	/** Cents; 0 or less = unknown price. */
	unitPrice: number;
}

export interface ContentIndex {
	/** Per product, its token ids and weights (unit length). */
	tokens: Uint32Array[];
	weights: Float32Array[];
	/** Per token, the products that have it, and its weight in each. */
	postings: Uint32Array[];
	postingWeights: Float32Array[];
}

/** Prices within a factor of 1.6 share a band: "similar price" without caring about the currency. */
const PRICE_BAND_RATIO = Math.log(1.6);
/** The category and the price say less than a distinctive word of the name. */
const CATEGORY_WEIGHT = 0.7, PRICE_WEIGHT = 0.5;
const COMMON_TOKEN_MIN = 100;

export function nameWords(name: string): string[] {
	return foldText(name).split(/[^a-z0-9]+/).filter((w) => w.length >= 3 && !/^\d+$/.test(w));
}

function features(p: ContentProduct): Map<string, number> {
	const f = new Map<string, number>();
	for (const w of nameWords(p.name)) f.set('w:' + w, 1);
	const category = foldText(p.category);
	if (category) f.set('c:' + category, CATEGORY_WEIGHT);
	if (p.unitPrice > 0) f.set('p:' + Math.floor(Math.log(p.unitPrice) / PRICE_BAND_RATIO), PRICE_WEIGHT);
	return f;
}

export function buildContentIndex(products: readonly ContentProduct[]): ContentIndex {
	const tokenIds = new Map<string, number>();
	const perProduct = products.map((p) => {
		const ids: number[] = [], raw: number[] = [];
		for (const [token, weight] of features(p)) {
			let id = tokenIds.get(token);
			if (id === undefined) tokenIds.set(token, (id = tokenIds.size));
			ids.push(id);
			raw.push(weight);
		}
		return { ids, raw };
	});
	const df = new Uint32Array(tokenIds.size);
	for (const { ids } of perProduct) for (const id of ids) df[id]++;
	const postingLists: number[][] = Array.from({ length: tokenIds.size }, () => []);
	const postingWeightLists: number[][] = Array.from({ length: tokenIds.size }, () => []);
	const tokens: Uint32Array[] = [], weights: Float32Array[] = [];
	perProduct.forEach(({ ids, raw }, p) => {
		const w = raw.map((r, k) => r * Math.log(1 + products.length / df[ids[k]]));
		const norm = Math.hypot(...w) || 1;
		tokens.push(Uint32Array.from(ids));
		weights.push(Float32Array.from(w, (x) => x / norm));
		ids.forEach((id, k) => {
			postingLists[id].push(p);
			postingWeightLists[id].push(w[k] / norm);
		});
	});
	return {
		tokens, weights, postings: postingLists.map((l) => Uint32Array.from(l)), postingWeights: postingWeightLists.map((l) => Float32Array.from(l))
	};
}

/** The products most like product p by content (cosine), best first, with their similarity. */
export function contentNeighbors(index: ContentIndex, p: number, k: number, scratch = new Float64Array(index.tokens.length)): { items: number[]; scores: number[] } {
	const touched: number[] = [];
	const ids = index.tokens[p], ws = index.weights[p];
	for (let t = 0; t < ids.length; t++) {
		const posting = index.postings[ids[t]], postingWeight = index.postingWeights[ids[t]];
		// In a large catalog, a token that most products have (a price band of a one-price shop) adds cost, not signal.
		if (posting.length > COMMON_TOKEN_MIN && posting.length > index.tokens.length / 2) continue;
		for (let e = 0; e < posting.length; e++) {
			const q = posting[e];
			if (q === p) continue;
			if (scratch[q] === 0) touched.push(q);
			scratch[q] += ws[t] * postingWeight[e];
		}
	}
	const items = topK(touched, touched.length, scratch, k);
	const scores = items.map((q) => scratch[q]);
	for (const q of touched) scratch[q] = 0;
	return { items, scores };
}
