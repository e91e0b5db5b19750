// Stock movements for sales loaded in bulk (demo data, imports). A point-of-sale sale writes one
// movement per line, but IndexedDB stores only ~6,500 records/s, so a history of a million lines
// would take minutes. Bulk loads write one movement per product per day instead: the same stock,
// and a product's history still shows what left the shop each day.
import type { DayNumber, LocalTimestamp, ProductId } from './brand';
import { movement, roundQty } from './ledger';
import type { SaleBlock } from './sale-blocks';
import { dayOf } from './time';
import type { StockMovement } from './types';

interface ProductDay {
	productId: ProductId;
	day: DayNumber;
	/** Net units sold (returns subtract). */
	units: number;
	/** The day's last sale of the product: the movement is stamped when the day's selling ended. */
	at: LocalTimestamp;
}

/**
 * One movement per product per day: 'sale' taking the day's net units out, or 'return' putting
 * them back when returns outweigh sales. Product-days that net to zero leave no movement.
 * Sorted by time, then product, so the same blocks always give the same list.
 */
export function dailySaleMovements(blocks: readonly SaleBlock[], deviceId: string, reference: string): StockMovement[] {
	const byProductDay = new Map<string, ProductDay>();
	for (const block of blocks) {
		for (let l = 0; l < block.lineCount; l++) {
			const at = block.saleAt[block.lineSale[l]] as LocalTimestamp;
			const productId = block.products[block.lineProduct[l]];
			const day = dayOf(at);
			const key = `${productId}|${day}`;
			const entry = byProductDay.get(key);
			if (entry) {
				entry.units += block.quantity[l];
				if (at > entry.at) entry.at = at;
			} else {
				byProductDay.set(key, { productId, day, units: block.quantity[l], at });
			}
		}
	}
	return [...byProductDay.values()]
		.map((e) => ({ ...e, units: roundQty(e.units) }))
		.filter((e) => e.units !== 0)
		.sort((a, b) => a.at - b.at || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))
		.map((e) => movement(e.productId, -e.units, e.units > 0 ? 'sale' : 'return', e.at, deviceId, reference));
}
