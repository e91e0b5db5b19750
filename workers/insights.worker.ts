// Recommendations and customer segments off the main thread: learns once from the sale blocks in
// IndexedDB (a second or two for a shop with years of sales), keeps the model here, and answers
// the sale screen's "what goes with this basket" in microseconds from it.
import { expose } from 'comlink';
import type { CustomerId, DayNumber, ProductId } from '$core/brand';
import type { AssociationRule } from '$core/insights/association-rules';
import { callBackList, customerSegment, type CustomerSegment, type Segmentation } from '$core/insights/customer-segments';
import { computeInsights, lastSaleDay } from '$core/insights/insights';
import { type Recommendation, Recommender } from '$core/insights/recommender';
import { DexieRepository } from '$lib/db/dexie-repository';
import { InventoryDB } from '$lib/db/inventory-db';

const repo = new DexieRepository(new InventoryDB());

let recommender: Recommender | null = null;
let segmentation: Segmentation | null = null;

export interface InsightsSummary {
	/** Null when there are no sales to learn from (nothing else is then available). */
	asOfDay: DayNumber | null;
	baskets: number;
	products: number;
	/** Null with fewer than MIN_CUSTOMERS_FOR_SEGMENTS customers who bought. */
	segmentation: Omit<Segmentation, 'customers'> | null;
	/** Reading the store, and learning from what was read, in ms (for the bench and the Data page). */
	timings: { readMs: number; computeMs: number };
}

function needModel(): Recommender {
	if (!recommender) throw new Error('insights not computed yet: call compute() first');
	return recommender;
}

const api = {
	/** Learns from the sales up to asOfDay (default: the last day with a sale). Call again after imports and sales. */
	async compute(asOfDay?: DayNumber): Promise<InsightsSummary> {
		const started = performance.now();
		const [blocks, products] = await Promise.all([repo.saleBlocks(undefined, asOfDay), repo.listProducts()]);
		const read = performance.now();
		const day = asOfDay ?? lastSaleDay(blocks);
		if (day === null) {
			recommender = null;
			segmentation = null;
			return { asOfDay: null, baskets: 0, products: products.length, segmentation: null, timings: { readMs: read - started, computeMs: 0 } };
		}
		const insights = computeInsights(blocks, products, day);
		recommender = new Recommender(insights.model);
		segmentation = insights.segmentation;
		const summary = segmentation ? (({ customers: _customers, ...rest }) => rest)(segmentation) : null;
		return {
			asOfDay: day, baskets: insights.model.basketTotal, products: insights.model.products.length, segmentation: summary,
			timings: { readMs: read - started, computeMs: performance.now() - read }
		};
	},

	/** The sale screen: products to offer for what is in the basket (and the customer, when known). */
	forBasket(productIds: ProductId[], customerId: CustomerId | null, k = 10): Recommendation[] {
		return needModel().forBasket(productIds, customerId, k);
	},

	/** A product's page: what sells with it. */
	forProduct(productId: ProductId, k = 10): Recommendation[] {
		return needModel().forProduct(productId, k);
	},

	/** "Bought together" with support, confidence and lift. */
	boughtTogether(productId: ProductId, k = 10): AssociationRule[] {
		return needModel().boughtTogether(productId, k);
	},

	/** A customer's page: what to offer them. */
	forCustomer(customerId: CustomerId, k = 10): Recommendation[] {
		return needModel().forCustomer(customerId, k);
	},

	/** A customer's segment, RFM and lifetime value (undefined if they never bought). */
	customer(customerId: CustomerId): CustomerSegment | undefined {
		return segmentation ? customerSegment(segmentation, customerId) : undefined;
	},

	/** Every segmented customer (the segments page lists and filters them). */
	customers(): CustomerSegment[] {
		return segmentation?.customers ?? [];
	},

	/** At-risk customers worth a call, most valuable first. */
	callBack(limit = 20): CustomerSegment[] {
		return segmentation ? callBackList(segmentation, limit) : [];
	}
};

expose(api);
export type InsightsApi = typeof api;
