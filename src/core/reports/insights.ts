// Recommendations and customer segments as `inventario recommend` / `inventario segments` print
// them and GET /api/v1/recommendations/... and /segments answer them: learned from the store's
// baskets up to a day (default its last sale). The CLI prints its tables and CSV from these objects.
import type { CustomerId, DayNumber, ProductId } from '../brand';
import { type Baskets, buildBaskets, buyerCount } from '../insights/baskets';
import { callBackList, type CustomerSegment, type EmptySegment, segmentCustomers } from '../insights/customer-segments';
import { lastSaleDay, MIN_CUSTOMERS_FOR_SEGMENTS } from '../insights/insights';
import { buildRecommendationModel } from '../insights/recommendation-model';
import { Recommender, type Recommendation } from '../insights/recommender';
import type { Segment } from '../insights/segment-rules';
import type { InventoryRepository } from '../repository';
import { isoDay } from '../time';
import type { Customer, Product } from '../types';

/** The segment names the owner reads (the app translates the codes the same way). */
export const SEGMENT_NAMES_ES: Record<Segment, string> = {
	vip: 'VIP', frequent: 'Frecuente', occasional: 'Ocasional', at_risk: 'En riesgo', new: 'Nuevo', inactive: 'Inactivo'
};

/** Why a segment has no customers, in plain English (the app says the same in the shop's language). */
export function emptySegmentWhy(e: EmptySegment): string {
	const name = SEGMENT_NAMES_ES[e.segment];
	switch (e.reason) {
		case 'no_newcomers': return e.newcomers === 0
			? `nobody is ${name}: no customer bought for the first time in the last ${e.newcomerDays} days`
			: `nobody is ${name}: only ${e.newcomers} customers bought for the first time in the last ${e.newcomerDays} days, too few to make a group of their own`;
		case 'no_standout': return `nobody is ${name}: no group of customers buys and spends above the average customer while still buying`;
		case 'no_regulars': return `nobody is ${name}: no group buys more often than the average customer and has bought lately`;
		case 'nobody_lapsed': return `nobody is ${name}: no group has gone longer than the average customer without buying`;
		case 'too_few_groups': return `nobody is ${name}: the customers formed only ${e.groups} groups, fewer than the six segments`;
		case 'closer_to_others': return `nobody is ${name}: every group that could be ${name} is closer to another segment`;
	}
}

export const SEGMENT_COLUMNS = ['customer_id', 'segment', 'recency_days', 'frequency', 'monetary', 'ltv'];
export const RECOMMEND_COLUMNS = ['sku', 'rank', 'recommended_sku', 'score'];

/** No sales (up to the day asked) to learn from. */
export class NothingToLearnError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'NothingToLearnError';
	}
}

/** The store's baskets up to `until` (or its last sale day), and the catalog. Throws when there are no sales. */
export async function loadBaskets(repo: InventoryRepository, until: DayNumber | undefined): Promise<{ baskets: Baskets; asOfDay: DayNumber; products: Product[] }> {
	const [blocks, products] = await Promise.all([repo.saleBlocks(undefined, until), repo.listProducts()]);
	const last = lastSaleDay(blocks);
	if (last === null) throw new NothingToLearnError(until === undefined ? 'there are no sales to learn from; import some first' : `there are no sales on or before ${isoDay(until)} to learn from`);
	const asOfDay = until ?? last;
	return { baskets: buildBaskets(blocks, { toDay: asOfDay }), asOfDay, products };
}

/** Scores are relative; four significant digits are all they carry. */
const roundScore = (score: number) => Number(score.toPrecision(4));
const amount = (cents: number) => Math.round(cents) / 100;

async function learnRecommendations(repo: InventoryRepository, until: DayNumber | undefined) {
	const { baskets, asOfDay, products } = await loadBaskets(repo, until);
	const model = buildRecommendationModel(baskets, products, asOfDay);
	const byId = new Map(products.map((p) => [p.id, p]));
	return { model, recommender: new Recommender(model), asOfDay, products, byId, skuOf: (id: ProductId) => byId.get(id)?.sku ?? '' };
}

export type RecommendationsJson = Awaited<ReturnType<typeof productRecommendations>>;

/** A product's recommendations with the association rule behind each (`inventario recommend SKU --json`). */
export async function productRecommendations(repo: InventoryRepository, product: Product, top: number, until?: DayNumber) {
	const { model, recommender, asOfDay, byId, skuOf } = await learnRecommendations(repo, until);
	const rules = new Map(recommender.boughtTogether(product.id, model.products.length).map((r) => [r.productId, r]));
	const recommendations = recommender.forProduct(product.id, top).map((r, rank) => {
		const rule = rules.get(r.productId);
		return {
			rank: rank + 1, sku: skuOf(r.productId), name: byId.get(r.productId)?.name ?? '', score: roundScore(r.score), reason: r.reason,
			together: rule?.together ?? 0, support: rule ? roundScore(rule.support) : null, confidence: rule ? roundScore(rule.confidence) : null, lift: rule ? roundScore(rule.lift) : null
		};
	});
	return { sku: product.sku, name: product.name, learnedUntil: isoDay(asOfDay), baskets: model.basketTotal, recommendations };
}

/** Every product's recommendations as CSV rows (`inventario recommend --all`): sku, rank, recommended_sku, score. */
export async function allRecommendations(repo: InventoryRepository, top: number, until?: DayNumber) {
	const { recommender, asOfDay, products, skuOf } = await learnRecommendations(repo, until);
	const rows: [string, number, string, number][] = [];
	for (const p of [...products].sort((a, b) => a.sku.localeCompare(b.sku))) {
		recommender.forProduct(p.id, top).forEach((r, rank) => rows.push([p.sku, rank + 1, skuOf(r.productId), roundScore(r.score)]));
	}
	return { learnedUntil: isoDay(asOfDay), products: products.length, columns: RECOMMEND_COLUMNS, rows };
}

export type AllRecommendationsJson = Awaited<ReturnType<typeof allRecommendations>>;

/** Products to offer a customer, from their purchase history (popular products when they have none). */
export async function customerRecommendations(repo: InventoryRepository, customer: Customer, top: number, until?: DayNumber) {
	const { model, recommender, asOfDay, byId, skuOf } = await learnRecommendations(repo, until);
	const recommendations = recommender.forCustomer(customer.id as CustomerId, top).map((r: Recommendation, rank) => ({
		rank: rank + 1, sku: skuOf(r.productId), name: byId.get(r.productId)?.name ?? '', score: roundScore(r.score), reason: r.reason
	}));
	return { customer: customer.code || customer.name, name: customer.name, learnedUntil: isoDay(asOfDay), baskets: model.basketTotal, recommendations };
}

export type CustomerRecommendationsJson = Awaited<ReturnType<typeof customerRecommendations>>;

const CALL_BACK_SHOWN = 10;

/** Too few customers bought to segment them. */
export class TooFewCustomersError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TooFewCustomersError';
	}
}

/**
 * Every customer's segment, RFM and lifetime value (`inventario segments --json`), with the
 * silhouette unrounded beside it (the CLI's summary line rounds it its own way).
 */
export async function segmentsReport(repo: InventoryRepository, until?: DayNumber) {
	const [{ baskets, asOfDay }, customers] = await Promise.all([loadBaskets(repo, until), repo.listCustomers()]);
	const asOf = isoDay(asOfDay);
	const buyers = buyerCount(baskets);
	if (buyers < MIN_CUSTOMERS_FOR_SEGMENTS) throw new TooFewCustomersError(`segments need at least ${MIN_CUSTOMERS_FOR_SEGMENTS} customers with purchases up to ${asOf}; found ${buyers}`);
	const seg = segmentCustomers(baskets, asOfDay);
	const byId = new Map(customers.map((c) => [c.id, c]));
	// Customers are known by the shop's code; a customer made here without one by their name.
	const codeOf = (c: CustomerSegment) => { const known = byId.get(c.customerId); return known ? known.code || known.name : ''; };
	const rows = [...seg.customers].sort((a, b) => b.ltv - a.ltv || codeOf(a).localeCompare(codeOf(b)));
	const callBack = callBackList(seg, CALL_BACK_SHOWN).map((c) => ({ customer_id: codeOf(c), name: byId.get(c.customerId)?.name ?? '', segment: SEGMENT_NAMES_ES[c.segment], recency_days: c.recencyDays, frequency: c.frequency, monetary: amount(c.monetary), ltv: amount(c.ltv) }));
	const segments = seg.segments.map((s) => {
		const empty = seg.empty.find((e) => e.segment === s.segment);
		return {
			code: s.segment, segment: SEGMENT_NAMES_ES[s.segment], customers: s.customers, share: Math.round(s.share * 1000) / 10,
			median_recency_days: s.medianRecencyDays, median_frequency: s.medianFrequency, median_monetary: amount(s.medianMonetary), ltv: amount(s.totalLtv),
			// For an empty segment, why (its reason code and a sentence); '' for one with customers.
			empty_reason: empty?.reason ?? '', why_empty: empty ? emptySegmentWhy(empty) : ''
		};
	});
	return {
		asOf, customers: seg.customers.length, k: seg.k, silhouette: Math.round(seg.silhouette * 1000) / 1000, tried: seg.tried,
		ltvModel: seg.ltvModel, segments, clusters: seg.clusters.map((c) => ({ ...c, name: SEGMENT_NAMES_ES[c.segment] })), callBack,
		rows: rows.map((c) => ({ customer_id: codeOf(c), segment: SEGMENT_NAMES_ES[c.segment], code: c.segment, recency_days: c.recencyDays, frequency: c.frequency, monetary: amount(c.monetary), ltv: amount(c.ltv), expected_purchases: Math.round(c.expectedPurchases * 100) / 100, probability_active: Math.round(c.probabilityActive * 1000) / 1000 })),
		// Added by issue 15, after the fields the API's schema lists (its answers keep this order).
		newcomerDays: seg.newcomerDays,
		silhouetteExact: seg.silhouette
	};
}

export type SegmentsReport = Awaited<ReturnType<typeof segmentsReport>>;

/** What `inventario segments --json` prints: the report without the unrounded silhouette. */
export function segmentsJson(report: SegmentsReport) {
	const { silhouetteExact: _exact, ...json } = report;
	return json;
}
