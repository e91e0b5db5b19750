// inventario stock [SKU] [--low] [--json]: stock on hand from the ledger's cache.
import type { InventoryRepository } from '../../core/repository';
import { stockReport, type StockRow } from '../../core/stock-report';
import { parseCommandArgs, UsageError } from '../args';
import { printJson, printTable } from '../output';
import type { Command } from '../command';
import { isStyle } from '../../core/variants';

export const stockCommand: Command = {
	name: 'stock',
	summary: 'Stock on hand per product (all, one SKU, or only the low ones)',
	usage: `inventario stock [SKU] [--low] [--json] [--db FILE]

  SKU        show one product
  --low      only products at or below their reorder point (or out of stock)
  --json     machine-readable output
  --db FILE  SQLite file (default ./inventario.db)`,
	options: { low: { type: 'boolean' }, json: { type: 'boolean' } },
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values, positionals } = parseCommandArgs(argv, this.options);
		if (positionals.length > 1) throw new UsageError(`expected at most one SKU, got ${positionals.length}`);
		const [sku] = positionals;
		const [products, levels, suppliers] = await Promise.all([repo.listProducts(), repo.stockLevels(), repo.listSuppliers()]);
		let selected = products;
		if (sku !== undefined) {
			selected = products.filter((p) => p.sku === sku);
			if (selected.length === 0) throw new UsageError(`no product with SKU "${sku}"`);
			// A style holds no stock itself: its variants do.
			if (isStyle(selected[0])) selected = products.filter((p) => p.variantOf === selected[0].id);
		}
		const rows = stockReport(selected, levels, suppliers, { low: values.low === true, includeArchived: sku !== undefined });
		printStock(rows, values, out);
		return 0;
	}
};

/** Prints the rows as the command does (`inventario stock --server` prints the API's the same way). */
export function printStock(rows: StockRow[], values: { json?: unknown; low?: unknown }, out: (line: string) => void) {
	if (values.json) printJson(rows, out);
	else if (rows.length === 0) out(values.low ? 'No product is low on stock.' : 'No products.');
	else printTable(rows as unknown as Record<string, string | number>[], ['sku', 'name', 'on_hand', 'reorder_point', 'status', 'supplier'], out);
}
