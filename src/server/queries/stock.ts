// Stock reads for GET /stock: the whole report in one query (products joined with their stock and
// supplier), rows built by the same core function as `inventario stock`.
import { sortStockRows, stockRow, type StockRow } from '../../core/stock-report';
import { isStockItem } from '../../core/variants';
import { productOf } from '../../sql/rows';
import type { ShopScope } from './catalog';

/** Active stock items (styles are stocked through their variants) with their stock on hand and supplier's name, sorted by SKU. */
export async function stockReportRows({ sql, shopId }: ShopScope, options: { low?: boolean } = {}): Promise<StockRow[]> {
	const rows = await sql.db.selectFrom('products as p')
		.leftJoin('stock as s', (j) => j.onRef('s.shop_id', '=', 'p.shop_id').onRef('s.product_id', '=', 'p.id'))
		.leftJoin('suppliers as sp', (j) => j.onRef('sp.shop_id', '=', 'p.shop_id').onRef('sp.id', '=', 'p.supplier_id'))
		.selectAll('p')
		.select(['s.on_hand', 'sp.name as supplier_name'])
		.where('p.shop_id', '=', shopId)
		.where('p.active', '=', 1)
		.execute();
	const items = rows.map((r) => ({ product: productOf(r), onHand: r.on_hand ?? 0, supplier: r.supplier_name ?? '' })).filter((r) => isStockItem(r.product));
	return sortStockRows(items.map((r) => stockRow(r.product, r.onHand, r.supplier)), options.low);
}
