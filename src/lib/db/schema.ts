// IndexedDB schema versions: an append-only list. Never edit a released entry; add the next one
// with its upgrade, and a test that opens a database built at the previous version with data in it.
import type { Transaction } from 'dexie';

export interface SchemaVersion {
	version: number;
	stores: Record<string, string | null>;
	upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: SchemaVersion[] = [
	{
		version: 1,
		stores: {
			products: 'id, &sku, barcode, category, supplierId',
			suppliers: 'id, name',
			customers: 'id, name',
			saleBlocks: 'id, firstDay, lastDay',
			movements: 'id, [productId+at], at',
			stock: 'productId',
			shopDays: 'day',
			// One sparse daily series per product (core/product-series.ts).
			productSeries: 'productId',
			settings: 'key'
		}
	},
	{
		// Customers get the shop's own code (from the POS export) and an import flag.
		version: 2,
		stores: { customers: 'id, code, name' },
		upgrade: async (tx) => {
			await tx.table('customers').toCollection().modify((c: Record<string, unknown>) => {
				c.code ??= '';
				c.createdByImport ??= false;
			});
		}
	},
	{
		// Line and sale counts as indexes, so counting a large history reads index keys, not blocks.
		version: 3,
		stores: { saleBlocks: 'id, firstDay, lastDay, lineCount, saleCount' }
	}
];

export const LATEST_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;
