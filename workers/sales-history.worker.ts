// Sales history off the main thread: loads the sale blocks of a day range from IndexedDB once,
// filters and sorts their lines (hundreds of thousands of them in a shop with years of history),
// and hands the page back one screenful at a time.
import { expose } from 'comlink';
import type { DayNumber } from '$core/brand';
import type { SaleBlock } from '$core/sale-blocks';
import { salesPage, selectSales, type SalesFilter, type SalesPage, type SalesSelection } from '$core/sales-query';
import { DexieRepository } from '$lib/db/dexie-repository';
import { InventoryDB } from '$lib/db/inventory-db';

const repo = new DexieRepository(new InventoryDB());

/** The loaded blocks and the day range they cover (undefined = unbounded). */
let loaded: { from?: DayNumber; to?: DayNumber; blocks: SaleBlock[] } | null = null;
/** The last filter's matches: turning pages only slices them. */
let selection: { key: string; value: SalesSelection } | null = null;

const covers = (from?: DayNumber, to?: DayNumber) =>
	loaded !== null &&
	(loaded.from === undefined || (from !== undefined && from >= loaded.from)) &&
	(loaded.to === undefined || (to !== undefined && to <= loaded.to));

const api = {
	/** Forgets what was loaded, so sales recorded since are seen. */
	reset() {
		loaded = null;
		selection = null;
	},

	async query(filter: SalesFilter, offset: number, limit: number): Promise<SalesPage> {
		const key = JSON.stringify(filter);
		if (selection?.key !== key) {
			if (!covers(filter.fromDay, filter.toDay)) loaded = { from: filter.fromDay, to: filter.toDay, blocks: await repo.saleBlocks(filter.fromDay, filter.toDay) };
			selection = { key, value: selectSales(loaded!.blocks, filter) };
		}
		return salesPage(selection.value, offset, limit);
	}
};

expose(api);
export type SalesHistoryApi = typeof api;
