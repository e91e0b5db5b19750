// Everything the insights screens need, computed in one go from the sale blocks and the catalog
// as of a day: the recommendation model and the customer segments. Runs in a worker in the app
// and in the CLI; both then query the result (see recommender.ts and customer-segments.ts).
import type { DayNumber } from '../brand';
import type { SaleBlock } from '../sale-blocks';
import { buildBaskets, buyerCount } from './baskets';
import { segmentCustomers, type Segmentation } from './customer-segments';
import { buildRecommendationModel, type CatalogProduct, type RecommendationModel } from './recommendation-model';

export interface Insights {
	asOfDay: DayNumber;
	model: RecommendationModel;
	/** Null when the shop has too few customers with purchases to segment. */
	segmentation: Segmentation | null;
}

/** Customers needed before segments mean anything (k-means tries five or more clusters). */
export const MIN_CUSTOMERS_FOR_SEGMENTS = 10;

/** The last day with a sale in the blocks, or null when there are none. */
export function lastSaleDay(blocks: readonly SaleBlock[]): DayNumber | null {
	let last: number | null = null;
	for (const b of blocks) if (b.saleCount > 0 && (last === null || b.lastDay > last)) last = b.lastDay;
	return last as DayNumber | null;
}

/** Learns from the sales on or before asOfDay. */
export function computeInsights(blocks: readonly SaleBlock[], catalog: readonly CatalogProduct[], asOfDay: DayNumber): Insights {
	const baskets = buildBaskets(blocks, { toDay: asOfDay });
	const model = buildRecommendationModel(baskets, catalog, asOfDay);
	const segmentation = buyerCount(baskets) >= MIN_CUSTOMERS_FOR_SEGMENTS ? segmentCustomers(baskets, asOfDay) : null;
	return { asOfDay, model, segmentation };
}
