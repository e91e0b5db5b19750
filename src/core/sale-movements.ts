// Stock movements for sales loaded in bulk (demo data, imports). A point-of-sale sale writes one
// movement per line, but IndexedDB stores only ~6,500 records/s, so a history of a million lines
// would take minutes. A bulk load writes one movement per product per batch of blocks (what one
// transaction stores) instead: the same stock, with the period it covers in the note; the sales
// history still has every line.
import type { LocalTimestamp, MovementId, ProductId } from './brand';
import { newId } from './ids';
import { roundQty } from './ledger';
import type { SaleBlock } from './sale-blocks';
import { dayOf, isoDay } from './time';
import type { StockMovement } from './types';

interface ProductTotal {
	productId: ProductId;
	/** Net units sold (returns subtract). */
	units: number;
	first: LocalTimestamp;
	/** The batch's last sale of the product: the movement is stamped when that selling ended. */
	last: LocalTimestamp;
}

/**
 * One movement per product for the given blocks: 'sale' taking the net units out, or 'return'
 * putting them back when returns outweigh sales; a product that nets to zero leaves no movement.
 * Sorted by time, then product, so the same blocks always give the same list. `nextId` makes the
 * movement ids (an import passes a pooled generator: one getRandomValues call per id is slow in Node).
 */
export function bulkSaleMovements(blocks: readonly SaleBlock[], deviceId: string, reference: string, nextId: () => string = newId): StockMovement[] {
	const out: StockMovement[] = [];
	const days = new Map<number, string>();
	const day = (t: LocalTimestamp) => {
		const d = dayOf(t);
		let s = days.get(d);
		if (s === undefined) days.set(d, (s = isoDay(d)));
		return s;
	};
	const totals = new Map<ProductId, ProductTotal>();
	for (const block of blocks) {
		const perBlock: (ProductTotal | undefined)[] = block.products.map((id) => totals.get(id));
		for (let l = 0; l < block.lineCount; l++) {
			const at = block.saleAt[block.lineSale[l]] as LocalTimestamp;
			const p = block.lineProduct[l];
			const t = perBlock[p];
			if (t) {
				t.units += block.quantity[l];
				if (at > t.last) t.last = at;
				if (at < t.first) t.first = at;
			} else {
				const fresh = { productId: block.products[p], units: block.quantity[l], first: at, last: at };
				perBlock[p] = fresh;
				totals.set(fresh.productId, fresh);
			}
		}
	}
	for (const t of totals.values()) {
		const units = roundQty(t.units);
		if (units === 0) continue;
		const period = `${day(t.first)} – ${day(t.last)}`;
		out.push({ id: nextId() as MovementId, productId: t.productId, quantity: -units, reason: units > 0 ? 'sale' : 'return', reference, note: period, at: t.last, deviceId });
	}
	return out.sort((a, b) => a.at - b.at || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}
