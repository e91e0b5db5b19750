// Sales history: loads the sale blocks of a day range once and pages through them in memory.
import type { CustomerId, DayNumber, ProductId } from '$core/brand';
import type { SaleBlock } from '$core/sale-blocks';
import { salesPage, selectSales, type SalesFilter, type SalesPage, type SalesSelection } from '$core/sales-query';
import type { Product } from '$core/types';
import { getRepository } from '$lib/db';

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

/** The loaded blocks and the day range they cover (undefined = unbounded). */
interface LoadedBlocks { from?: DayNumber; to?: DayNumber; blocks: SaleBlock[] }

const covers = (loaded: LoadedBlocks, from?: DayNumber, to?: DayNumber) =>
	(loaded.from === undefined || (from !== undefined && from >= loaded.from)) &&
	(loaded.to === undefined || (to !== undefined && to <= loaded.to));

/** Lets the browser paint the loading state before a long synchronous query. */
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/**
 * One per page visit. Blocks stay loaded while the filter stays inside their range, so changing
 * the page, the product or a narrower range never reads IndexedDB again.
 */
export class SalesHistory {
	private loaded: LoadedBlocks | null = null;
	/** The last filter's matches: turning pages only slices them. */
	private selection: { key: string; value: SalesSelection } | null = null;

	async query(filter: SalesFilter, page: number): Promise<SalesPage> {
		const key = JSON.stringify(filter);
		if (this.selection?.key !== key) {
			const blocks = await this.blocksFor(filter.fromDay, filter.toDay);
			await nextPaint();
			this.selection = { key, value: selectSales(blocks, filter) };
		}
		return salesPage(this.selection.value, page * PAGE_SIZE, PAGE_SIZE);
	}

	private async blocksFor(from?: DayNumber, to?: DayNumber): Promise<SaleBlock[]> {
		if (this.loaded && covers(this.loaded, from, to)) return this.loaded.blocks;
		const blocks = await getRepository().saleBlocks(from, to);
		this.loaded = { from, to, blocks };
		return blocks;
	}
}
