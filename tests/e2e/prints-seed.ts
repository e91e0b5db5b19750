// Bundled into the printing test's page (prints-orders-sheets-and-labels.e2e.ts): the app's own
// repository, to store the shop, suppliers, products, stock, sales and purchase orders exactly as
// the app stores them, without driving every form. The test passes plain objects (ids as strings):
// they are the app's records once stored.
import { getDeviceId, getRepository } from '$lib/db';
import { buildBlock } from '$core/sale-blocks';
import { receiveGoods } from '$core/stock-ops';
import { TILL_SETTINGS_KEY, tillSettingsOf, type TillSettings } from '$core/till/settings';
import type { PurchaseOrder } from '$core/purchase-orders/purchase-order';
import type { ProductId } from '$core/brand';
import type { Product, Sale, Supplier } from '$core/types';

const printSeed = {
	async putTillSettings(settings: Partial<TillSettings>) {
		await getRepository().putSetting(TILL_SETTINGS_KEY, tillSettingsOf(settings));
	},
	async putSuppliers(suppliers: object[]) {
		for (const s of suppliers) await getRepository().putSupplier(s as Supplier);
	},
	async putProducts(products: object[]) {
		for (const p of products) await getRepository().putProduct(p as Product);
	},
	/** Stock on hand as a delivery brings it (purchase movements). */
	async receive(lines: { productId: string; quantity: number }[]) {
		const repo = getRepository();
		const result = await receiveGoods(repo, null, 'SEED', lines.map((l) => ({ productId: l.productId as ProductId, quantity: l.quantity })), await getDeviceId(repo));
		if (!result.ok) throw new Error(`not received: ${JSON.stringify(result.errors)}`);
	},
	async putPurchaseOrder(order: object) {
		await getRepository().putPurchaseOrder(order as PurchaseOrder);
	},
	/** Sales as an import stores them: a block without receipts, no stock movements. */
	async importSales(blockId: string, sales: object[]) {
		await getRepository().appendSales({ blocks: [buildBlock(blockId, sales as Sale[], 'import')], movements: [] });
	}
};

(globalThis as unknown as { printSeed: typeof printSeed }).printSeed = printSeed;
export type PrintSeed = typeof printSeed;
