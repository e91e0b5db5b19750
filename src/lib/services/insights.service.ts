// Recommendations and customer segments for the screens: one insights worker for the whole session
// (started on first use, kept while the app is open), so the model it learned stays in memory and
// a product's page or the sale screen gets its answer in a few milliseconds. Every question goes
// through ready(), which learns only on first use and after the data changed (imports, many sales).
import { wrap, type Remote } from 'comlink';
import type { CustomerId, DayNumber, ProductId } from '$core/brand';
import type { Customer } from '$core/types';
import { getRepository } from '$lib/db';
import type { InsightsApi, InsightsSummary } from '$workers/insights.worker';

export type { InsightsSummary, NamedCustomerSegment, NamedPurchase, NamedRecommendation, NamedRule, SegmentAverages } from '$workers/insights.worker';

let remote: Remote<InsightsApi> | null = null;
let failedToStart: Promise<never> | null = null;

function insightsWorker(): { api: Remote<InsightsApi>; failed: Promise<never> } {
	if (!remote || !failedToStart) {
		const worker = new Worker(new URL('../../../workers/insights.worker.ts', import.meta.url), { type: 'module' });
		// A worker script that cannot load never answers Comlink: fail instead of waiting forever.
		failedToStart = new Promise<never>((_, reject) =>
			worker.addEventListener('error', (e) => reject(new Error(e.message || 'the insights worker could not start')), { once: true }));
		failedToStart.catch(() => { remote = null; });
		remote = wrap<InsightsApi>(worker);
	}
	return { api: remote, failed: failedToStart };
}

async function ask<T>(work: (api: Remote<InsightsApi>) => Promise<T>): Promise<T> {
	const { api, failed } = insightsWorker();
	return Promise.race([work(api), failed]);
}

/** The model of the current data (learned now if it was not, or the data changed since). */
export const insightsReady = (): Promise<InsightsSummary> => ask((api) => api.ensure());

/** Learns again from the sales up to a day (all of them when omitted), e.g. the segments page's "Recalculate". */
export const recomputeInsights = (asOfDay?: DayNumber): Promise<InsightsSummary> => ask((api) => api.compute(asOfDay));

/** A product's page: rules "bought together" and the products that go with it (or resemble it). */
/** Every segmented customer with their segment; null when the shop has no segments. */
export async function segmentedCustomers() {
	const summary = await insightsReady();
	return summary.segmentation ? ask((api) => api.customers()) : null;
}

export async function productSuggestions(productId: ProductId, k = 8) {
	const summary = await insightsReady();
	if (summary.asOfDay === null) return { summary, together: [], similar: [] };
	return ask(async (api) => {
		const [together, similar] = await Promise.all([api.boughtTogether(productId, k), api.forProduct(productId, k * 2)]);
		const shown = new Set(together.map((r) => r.productId));
		return { summary, together, similar: similar.filter((r) => !shown.has(r.productId)).slice(0, k) };
	});
}

/** The sale screen: what other customers took with this ticket (and this customer's usual products). */
export async function basketSuggestions(productIds: ProductId[], customerId: CustomerId | null, k = 6) {
	const summary = await insightsReady();
	if (summary.asOfDay === null) return [];
	return ask((api) => api.forBasket(productIds, customerId, k));
}

/** The segments page: the summary and who to call back, from the model as it is (learned first if needed). */
export async function segmentsOverview(callBackLimit = 25, summary?: InsightsSummary) {
	summary ??= await insightsReady();
	const callBack = summary.segmentation ? await ask((api) => api.callBack(callBackLimit)) : [];
	return { summary, callBack };
}

/** A customer addressed by the shop's code, or by the internal id when they have no code. */
export async function findCustomer(ref: string): Promise<Customer | undefined> {
	const customers = await getRepository().listCustomers();
	return customers.find((c) => c.code === ref) ?? customers.find((c) => c.id === ref);
}

/** A customer's page: segment, RFM and lifetime value, purchases, and what to offer them. */
export async function customerInsights(customerId: CustomerId, purchases = 30) {
	const summary = await insightsReady();
	return ask(async (api) => {
		const [segment, history, offers] = await Promise.all([
			api.customer(customerId), api.purchases(customerId, purchases),
			summary.asOfDay === null ? Promise.resolve([]) : api.forCustomer(customerId, 6)
		]);
		return { summary, segment, history, offers };
	});
}
