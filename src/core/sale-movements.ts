// Stock movements for sales loaded in bulk (demo data, imports). A point-of-sale sale writes one
// movement per line, but IndexedDB stores only ~6,500 records/s, so a history of a million lines
// would take minutes. A bulk load writes one movement per product per block instead: the same
// stock, with the period it covers in the note; the sales history still has every line.
import type { LocalTimestamp, ProductId } from './brand';
import { movement, roundQty } from './ledger';
import type { SaleBlock } from './sale-blocks';
import { dayOf, isoDay } from './time';
import type { StockMovement } from './types';

interface ProductTotal {
	productId: ProductId;
	/** Net units sold (returns subtract). */
	units: number;
	first: LocalTimestamp;
	/** The block's last sale of the product: the movement is stamped when that selling ended. */
	last: LocalTimestamp;
}

/**
 * One movement per product per block: 'sale' taking the net units out, or 'return' putting them
 * back when returns outweigh sales; a product that nets to zero in a block leaves no movement.
 * Sorted by time, then product, so the same blocks always give the same list.
 */
export function bulkSaleMovements(blocks: readonly SaleBlock[], deviceId: string, reference: string): StockMovement[] {
	const out: StockMovement[] = [];
	for (const block of blocks) {
		const totals: (ProductTotal | undefined)[] = new Array(block.products.length);
		for (let l = 0; l < block.lineCount; l++) {
			const at = block.saleAt[block.lineSale[l]] as LocalTimestamp;
			const p = block.lineProduct[l];
			const t = totals[p];
			if (t) {
				t.units += block.quantity[l];
				if (at > t.last) t.last = at;
				if (at < t.first) t.first = at;
			} else {
				totals[p] = { productId: block.products[p], units: block.quantity[l], first: at, last: at };
			}
		}
		for (const t of totals) {
			if (!t) continue;
			const units = roundQty(t.units);
			if (units === 0) continue;
			const period = `${isoDay(dayOf(t.first))} – ${isoDay(dayOf(t.last))}`;
			out.push(movement(t.productId, -units, units > 0 ? 'sale' : 'return', t.last, deviceId, reference, period));
		}
	}
	return out.sort((a, b) => a.at - b.at || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}
