// Stock on hand per product as a report: what `inventario stock` prints and GET /api/v1/stock
// answers. One row per stock item (a style is not stocked: its variants are), from the product,
// its stock on hand and its supplier's name.
import type { ProductId, SupplierId } from './brand';
import { lowStockThreshold } from './catalog';
import { stockStatus, type StockStatus } from './product-list';
import type { Product, Supplier } from './types';
import { isStockItem } from './variants';

export interface StockRow {
	sku: string;
	name: string;
	on_hand: number;
	reorder_point: number;
	status: StockStatus;
	supplier: string;
}

export function stockRow(product: Product, onHand: number, supplierName: string): StockRow {
	return { sku: product.sku, name: product.name, on_hand: onHand, reorder_point: lowStockThreshold(product), status: stockStatus(product, onHand), supplier: supplierName };
}

/** Rows sorted by SKU; `low` keeps only products low or out of stock. */
export function sortStockRows(rows: StockRow[], low = false): StockRow[] {
	return rows.filter((r) => !low || r.status !== 'ok').sort((a, b) => a.sku.localeCompare(b.sku));
}

/**
 * The report over a catalogue: active stock items (and archived ones when `includeArchived`, as for a
 * product asked for by SKU), with their stock and supplier.
 */
export function stockReport(products: readonly Product[], levels: ReadonlyMap<ProductId, number>, suppliers: readonly Supplier[], options: { low?: boolean; includeArchived?: boolean } = {}): StockRow[] {
	const supplierName = new Map<SupplierId, string>(suppliers.map((s) => [s.id, s.name]));
	const rows = products
		.filter((p) => isStockItem(p) && (p.active || options.includeArchived))
		.map((p) => stockRow(p, levels.get(p.id) ?? 0, p.supplierId ? supplierName.get(p.supplierId) ?? '' : ''));
	return sortStockRows(rows, options.low);
}
