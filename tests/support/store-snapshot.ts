// Everything a person could see of a store, in a comparable form: two stores with the same shop
// give equal snapshots whatever their storage (backup restores, SQLite upgrades).
import type { DayNumber } from '$core/brand';
import { ALL_MOVEMENTS } from '$core/export/exports';
import type { InventoryRepository } from '$core/repository';
import { parseIsoDay } from '$core/time';

export const ALL_DAYS = [parseIsoDay('2000-01-01') as DayNumber, parseIsoDay('2040-01-01') as DayNumber] as const;

export async function snapshot(repo: InventoryRepository) {
	const products = (await repo.listProducts()).sort((a, b) => a.sku.localeCompare(b.sku));
	const levels = await repo.stockLevels();
	const movements = [];
	const productDays = [];
	for (const p of products) {
		movements.push(...(await repo.movementsOf(p.id, ALL_MOVEMENTS)).sort((a, b) => a.id.localeCompare(b.id)));
		productDays.push(...(await repo.productDays(p.id, ...ALL_DAYS)));
	}
	const blocks = (await repo.saleBlocks()).sort((a, b) => a.id.localeCompare(b.id));
	return {
		counts: await repo.counts(),
		products,
		suppliers: (await repo.listSuppliers()).sort((a, b) => a.id.localeCompare(b.id)),
		customers: (await repo.listCustomers()).sort((a, b) => a.id.localeCompare(b.id)),
		stock: products.map((p) => [p.sku, levels.get(p.id) ?? 0]),
		rebuilt: [...(await repo.rebuildStockLevels())].sort(),
		shopDays: await repo.shopDays(...ALL_DAYS),
		productDays,
		movements,
		blocks,
		invoiceCounter: await repo.getSetting('invoiceCounter'),
		purchaseOrders: (await repo.listPurchaseOrders()).sort((a, b) => a.id.localeCompare(b.id))
	};
}
