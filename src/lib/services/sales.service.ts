// Sales history: lookups for codes and names here; the lines are filtered and paged in a worker.
import type { CustomerId, ProductId } from '$core/brand';
import { wrap, type Remote } from 'comlink';
import type { SalesFilter, SalesPage } from '$core/sales-query';
import type { Product } from '$core/types';
import { getRepository } from '$lib/db';
import type { SalesHistoryApi } from '$workers/sales-history.worker';

export const PAGE_SIZE = 50;

export interface SalesLookups {
	products: Product[];
	productsById: Map<ProductId, Product>;
	customerCodes: Map<CustomerId, string>;
}

export async function loadSalesLookups(): Promise<SalesLookups> {
	const repo = getRepository();
	const [products, customers] = await Promise.all([repo.listProducts(), repo.listCustomers()]);
	return {
		products: products.sort((a, b) => a.sku.localeCompare(b.sku)),
		productsById: new Map(products.map((p) => [p.id, p])),
		customerCodes: new Map(customers.map((c) => [c.id, c.code]))
	};
}

let worker: Remote<SalesHistoryApi> | null = null;

/** The history worker, started on first use and kept while the app is open. */
function historyWorker(): Remote<SalesHistoryApi> {
	worker ??= wrap<SalesHistoryApi>(new Worker(new URL('../../../workers/sales-history.worker.ts', import.meta.url), { type: 'module' }));
	return worker;
}

/**
 * One per page visit. The worker keeps the blocks loaded while the filter stays inside their
 * range, so changing the page, the product or a narrower range never reads IndexedDB again, and
 * filtering a large history never blocks the page.
 */
export class SalesHistory {
	private ready = historyWorker().reset();

	/** Sales arrived (pulled from the shop's other devices): the next query reads the blocks again. */
	reload(): Promise<void> {
		this.ready = historyWorker().reset();
		return this.ready;
	}

	async query(filter: SalesFilter, page: number): Promise<SalesPage> {
		await this.ready;
		return historyWorker().query(filter, page * PAGE_SIZE, PAGE_SIZE);
	}
}
