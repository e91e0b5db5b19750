// Writes the demo shop into any repository: the app's worker and the CLI share this sequence.
import type { DayNumber } from './brand';
import { expandDemoBundle, type DemoBundle } from './demo-bundle';
import type { InventoryRepository, StoreCounts } from './repository';
import { TILL_SETTINGS_KEY, type TillSettings } from './till/settings';

export class StoreNotEmptyError extends Error {
	constructor() {
		super('the store already has data; sample data only loads into an empty store');
		this.name = 'StoreNotEmptyError';
	}
}

export interface DemoLoadResult { products: number; customers: number; suppliers: number; saleLines: number; sales: number }

export const hasShopData = (c: StoreCounts) => c.products + c.suppliers + c.customers + c.saleLines + c.movements > 0;

/**
 * Loads the bundle into an empty store. Progress counts sale lines and stock movements written.
 * Throws StoreNotEmptyError before writing anything when the store has data; a failure half way
 * leaves what was written (callers on a fresh store may discard it).
 */
export async function loadDemo(
	repo: InventoryRepository,
	bundle: DemoBundle,
	options: { today: DayNumber; deviceId: string },
	onProgress?: (done: number, total: number) => void
): Promise<DemoLoadResult> {
	if (hasShopData(await repo.counts())) throw new StoreNotEmptyError();
	const demo = expandDemoBundle(bundle, options);
	const blocks = demo.batches.flatMap((b) => b.blocks);
	const saleLines = blocks.reduce((n, b) => n + b.lineCount, 0);
	const sales = blocks.reduce((n, b) => n + b.saleCount, 0);
	const total = saleLines + demo.movements.length;
	let done = 0;
	onProgress?.(done, total);
	for (const supplier of demo.suppliers) await repo.putSupplier(supplier);
	// The catalogue and customers go in bulk with the first sales, in one transaction.
	for (const [i, batch] of demo.batches.entries()) {
		await repo.appendSales(i === 0 ? { ...batch, products: demo.products, customers: demo.customers } : batch);
		done += batch.blocks.reduce((n, b) => n + b.lineCount, 0);
		onProgress?.(done, total);
	}
	await repo.addMovements(demo.movements);
	// The sample shop's receipts need a header to show what a receipt looks like.
	if (!(await repo.getSetting(TILL_SETTINGS_KEY))) await repo.putSetting<Partial<TillSettings>>(TILL_SETTINGS_KEY, { shopName: 'Tienda de ejemplo', address: 'Calle Mayor 1, 28013 Madrid' });
	onProgress?.(total, total);
	return { products: demo.products.length, customers: demo.customers.length, suppliers: demo.suppliers.length, saleLines, sales };
}
