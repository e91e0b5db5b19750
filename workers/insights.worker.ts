// Recommendations and customer segments off the main thread: learns once from the sale blocks in
// IndexedDB (a second or two for a shop with years of sales), keeps the model here, and answers
// the sale screen's "what goes with this basket" in microseconds from it. The app's pages call
// ensure() first: it learns only when the sales or the catalogue changed since the last time.
import { expose } from 'comlink';
import type { Cents, CustomerId, DayNumber, ProductId } from '$core/brand';
import { customerPurchases, type Purchase } from '$core/customer-purchases';
import { SEGMENTS_SETTING, storedSegmentsOf } from '$core/dashboard/segments';
import type { AssociationRule } from '$core/insights/association-rules';
import { callBackList, customerSegment, type CustomerSegment, type Segmentation } from '$core/insights/customer-segments';
import { computeInsights, lastSaleDay } from '$core/insights/insights';
import { type Recommendation, Recommender } from '$core/insights/recommender';
import { SEGMENTS, type Segment } from '$core/insights/segment-rules';
import type { SaleBlock } from '$core/sale-blocks';
import { DexieRepository } from '$lib/db/dexie-repository';
import { InventoryDB } from '$lib/db/inventory-db';

const repo = new DexieRepository(new InventoryDB());

let recommender: Recommender | null = null;
let segmentation: Segmentation | null = null;
/** Kept for customers' purchase histories (the blocks were read to learn anyway). */
let blocks: SaleBlock[] = [];
let productInfo = new Map<ProductId, ProductRef>();
let customerInfo = new Map<CustomerId, CustomerRef>();
let summary: InsightsSummary | null = null;
/** What the model was learned from: ensure() learns again when the store no longer matches it. */
let learnedFrom: { sales: number; products: number; customers: number; pinnedDay: DayNumber | undefined } | null = null;
let learning: Promise<InsightsSummary> | null = null;

export interface ProductRef { productId: ProductId; sku: string; name: string; unitPrice: Cents }
export interface CustomerRef { customerId: CustomerId; code: string; name: string }

/** Each segment's mean recency, frequency and spend (the summary's medians hide the long tail of spend). */
export interface SegmentAverages { segment: Segment; recencyDays: number; frequency: number; monetary: number }

export interface InsightsSummary {
	/** Null when there are no sales to learn from (nothing else is then available). */
	asOfDay: DayNumber | null;
	baskets: number;
	products: number;
	/** Null with fewer than MIN_CUSTOMERS_FOR_SEGMENTS customers who bought. */
	segmentation: Omit<Segmentation, 'customers'> | null;
	averages: SegmentAverages[];
	/** Reading the store, and learning from what was read, in ms (for the bench and the segments page). */
	timings: { readMs: number; computeMs: number };
}

export type NamedRecommendation = Recommendation & ProductRef;
export type NamedRule = AssociationRule & ProductRef;
export type NamedCustomerSegment = CustomerSegment & CustomerRef;
export interface NamedPurchase extends Omit<Purchase, 'lines'> { lines: (Purchase['lines'][number] & { sku: string; name: string })[] }

/** Sales may grow by this share (tickets rung up since) before the model is learned again. */
const STALE_SALES_SHARE = 0.01;
/**
 * The store is counted at most this often: the sale screen asks on every item added, and counting
 * the ledger of a big shop takes tens of ms that the suggestion would otherwise wait for.
 */
const STALE_CHECK_MS = 5000;
let checkedAt = -Infinity;

function needModel(): Recommender {
	if (!recommender) throw new Error('insights not computed yet: call compute() or ensure() first');
	return recommender;
}

const productRef = (id: ProductId): ProductRef => productInfo.get(id) ?? { productId: id, sku: '', name: '', unitPrice: 0 as Cents };
const named = <T extends { productId: ProductId }>(rows: T[]): (T & ProductRef)[] => rows.map((r) => ({ ...r, ...productRef(r.productId) }));
const namedCustomer = (c: CustomerSegment): NamedCustomerSegment => ({ ...c, ...(customerInfo.get(c.customerId) ?? { customerId: c.customerId, code: '', name: '' }) });

function averagesOf(s: Segmentation): SegmentAverages[] {
	return SEGMENTS.map((segment) => {
		const members = s.customers.filter((c) => c.segment === segment);
		const mean = (pick: (c: CustomerSegment) => number) => members.length ? members.reduce((sum, c) => sum + pick(c), 0) / members.length : 0;
		return { segment, recencyDays: mean((c) => c.recencyDays), frequency: mean((c) => c.frequency), monetary: mean((c) => c.monetary) };
	});
}

async function learn(asOfDay?: DayNumber): Promise<InsightsSummary> {
	const started = performance.now();
	const [read, products, customers, counts] = await Promise.all([repo.saleBlocks(undefined, asOfDay), repo.listProducts(), repo.listCustomers(), repo.counts()]);
	const readAt = performance.now();
	blocks = read;
	productInfo = new Map(products.map((p) => [p.id, { productId: p.id, sku: p.sku, name: p.name, unitPrice: p.unitPrice }]));
	customerInfo = new Map(customers.map((c) => [c.id, { customerId: c.id, code: c.code, name: c.name }]));
	checkedAt = performance.now();
	learnedFrom = { sales: counts.sales, products: counts.products, customers: counts.customers, pinnedDay: asOfDay };
	const day = asOfDay ?? lastSaleDay(blocks);
	if (day === null) {
		recommender = null;
		segmentation = null;
		summary = { asOfDay: null, baskets: 0, products: products.length, segmentation: null, averages: [], timings: { readMs: readAt - started, computeMs: 0 } };
		return summary;
	}
	const insights = computeInsights(blocks, products, day);
	recommender = new Recommender(insights.model);
	segmentation = insights.segmentation;
	// The dashboard's customer groups read the last segmentation without learning again.
	if (segmentation) await repo.putSetting(SEGMENTS_SETTING, storedSegmentsOf(segmentation));
	const { customers: _rows, ...rest } = segmentation ?? { customers: [] };
	summary = {
		asOfDay: day, baskets: insights.model.basketTotal, products: insights.model.products.length,
		segmentation: segmentation ? (rest as Omit<Segmentation, 'customers'>) : null, averages: segmentation ? averagesOf(segmentation) : [],
		timings: { readMs: readAt - started, computeMs: performance.now() - readAt }
	};
	return summary;
}

/** One learning at a time: callers arriving meanwhile share it. */
function learnOnce(asOfDay?: DayNumber): Promise<InsightsSummary> {
	const run = (learning ?? Promise.resolve()).catch(() => undefined).then(() => learn(asOfDay));
	learning = run;
	run.finally(() => { if (learning === run) learning = null; }).catch(() => undefined);
	return run;
}

/** True when the store holds other products or customers, or noticeably more or fewer sales, than the model learned from. */
async function isStale(): Promise<boolean> {
	if (!learnedFrom || learnedFrom.pinnedDay !== undefined) return true;
	if (performance.now() - checkedAt < STALE_CHECK_MS) return false;
	checkedAt = performance.now();
	const now = await repo.counts();
	const grown = Math.abs(now.sales - learnedFrom.sales);
	return now.products !== learnedFrom.products || now.customers !== learnedFrom.customers
		|| (grown > 0 && (learnedFrom.sales === 0 || grown / learnedFrom.sales > STALE_SALES_SHARE));
}

const api = {
	/** Learns from the sales up to asOfDay (default: the last day with a sale), whatever was learned before. */
	compute(asOfDay?: DayNumber): Promise<InsightsSummary> {
		return learnOnce(asOfDay);
	},

	/** The model of the current data: learned on first use in the session and after imports, otherwise the kept one. */
	async ensure(): Promise<InsightsSummary> {
		if (learning) await learning.catch(() => undefined);
		if (summary && !(await isStale())) return summary;
		return learnOnce();
	},

	/** The sale screen: products to offer for what is in the basket (and the customer, when known). */
	forBasket(productIds: ProductId[], customerId: CustomerId | null, k = 10): NamedRecommendation[] {
		return named(needModel().forBasket(productIds, customerId, k));
	},

	/** A product's page: what sells with it, or what is like it when it has no history. */
	forProduct(productId: ProductId, k = 10): NamedRecommendation[] {
		return named(needModel().forProduct(productId, k));
	},

	/** "Bought together" with support, confidence and lift. */
	boughtTogether(productId: ProductId, k = 10): NamedRule[] {
		return named(needModel().boughtTogether(productId, k));
	},

	/** A customer's page: what to offer them. */
	forCustomer(customerId: CustomerId, k = 10): NamedRecommendation[] {
		return named(needModel().forCustomer(customerId, k));
	},

	/** A customer's segment, RFM and lifetime value (undefined if they never bought). */
	customer(customerId: CustomerId): CustomerSegment | undefined {
		return segmentation ? customerSegment(segmentation, customerId) : undefined;
	},

	/** A customer's newest purchases with product codes and names. */
	purchases(customerId: CustomerId, limit = 50): { purchases: NamedPurchase[]; count: number; spent: Cents } {
		const history = customerPurchases(blocks, customerId, limit);
		return { ...history, purchases: history.purchases.map((p) => ({ ...p, lines: p.lines.map((l) => ({ ...l, sku: productRef(l.productId).sku, name: productRef(l.productId).name })) })) };
	},

	/** Every segmented customer (the segments page lists and filters them). */
	customers(): CustomerSegment[] {
		return segmentation?.customers ?? [];
	},

	/** At-risk customers worth a call, most valuable first, with their codes and names. */
	callBack(limit = 20): NamedCustomerSegment[] {
		return segmentation ? callBackList(segmentation, limit).map(namedCustomer) : [];
	}
};

expose(api);
export type InsightsApi = typeof api;
