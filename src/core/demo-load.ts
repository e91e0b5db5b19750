// Writes an expanded demo shop into any repository (the app's worker and the CLI share this).
import type { DayNumber } from './brand';
import { expandDemoBundle, type DemoBundle } from './demo-bundle';
import type { InventoryRepository } from './repository';

export class StoreNotEmptyError extends Error {
	constructor() {
		super('the store already has products; sample data only loads into an empty store');
		this.name = 'StoreNotEmptyError';
	}
}

export interface DemoLoadResult { products: number; customers: number; suppliers: number; saleLines: number; sales: number }

export async function loadDemo(
	repo: InventoryRepository,
	bundle: DemoBundle,
	options: { today: DayNumber; deviceId: string },
	onProgress?: (done: number, total: number) => void
): Promise<DemoLoadResult> {
	if ((await repo.counts()).products > 0) throw new StoreNotEmptyError();
	const demo = expandDemoBundle(bundle, options);
	const total = demo.batches.length + 2;
	onProgress?.(0, total);
	for (const s of demo.suppliers) await repo.putSupplier(s);
	for (const c of demo.customers) await repo.putCustomer(c);
	// Products go in with the first batch so a failure leaves no half-made catalogue behind them.
	await repo.appendSales({ blocks: [], movements: demo.movements, products: demo.products });
	onProgress?.(1, total);
	let saleLines = 0, sales = 0;
	for (const [i, batch] of demo.batches.entries()) {
		await repo.appendSales(batch);
		for (const b of batch.blocks) { saleLines += b.lineCount; sales += b.saleCount; }
		onProgress?.(i + 2, total);
	}
	onProgress?.(total, total);
	return { products: demo.products.length, customers: demo.customers.length, suppliers: demo.suppliers.length, saleLines, sales };
}
