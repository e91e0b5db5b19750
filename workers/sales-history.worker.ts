// Sales history off the main thread: loads the sale blocks of a day range from IndexedDB once,
// filters and sorts their lines (hundreds of thousands of them in a shop with years of history),
// and hands the page back one screenful at a time.
import { expose } from 'comlink';
import type { DayNumber } from '$core/brand';
import type { SaleBlock } from '$core/sale-blocks';
import { linesOfInvoice, salesPage, selectSales, type SalesFilter, type SalesPage, type SalesSelection } from '$core/sales-query';
import type { SaleLineRow } from '$core/sale-blocks';
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
	},

	/**
	 * The lines of the sale with this ticket number (an imported sale has no receipt of its own).
	 * With its day, only that day's blocks are read; else the whole history, kept for the next query.
	 */
	async linesOf(invoice: string, day?: DayNumber): Promise<SaleLineRow[]> {
		if (day !== undefined && !covers(day, day)) return linesOfInvoice(await repo.saleBlocks(day, day), invoice);
		if (!covers(day, day)) { loaded = { blocks: await repo.saleBlocks() }; selection = null; }
		return linesOfInvoice(loaded!.blocks, invoice);
	}
};

expose(api);
export type SalesHistoryApi = typeof api;
