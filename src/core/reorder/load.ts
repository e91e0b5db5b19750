// Reorder suggestions for a store: its products, suppliers, stock and stock on order against the
// forecasts the caller made (in a worker in the app, directly in the CLI).
import type { DemandForecast } from '../forecast/types';
import { loadStockOnOrder } from '../purchase-orders/use-cases';
import type { InventoryRepository } from '../repository';
import type { Supplier } from '../types';
import { planReorders, type ReorderOptions, type ReorderPlan } from './suggest';

export async function loadReorderPlan(repo: InventoryRepository, forecasts: readonly DemandForecast[], options: Partial<ReorderOptions> = {}): Promise<ReorderPlan & { suppliers: Supplier[] }> {
	const [products, suppliers, stock, onOrder] = await Promise.all([repo.listProducts(), repo.listSuppliers(), repo.stockLevels(), loadStockOnOrder(repo)]);
	return { ...planReorders({ products, suppliers, stock, onOrder, forecasts }, options), suppliers };
}
