// One customer's purchase history from the sale blocks: each ticket with its lines, newest first
// (what a customer's page lists beside their segment and lifetime value).
import type { Cents, CustomerId, LocalTimestamp, ProductId } from './brand';
import { lineNetRevenue, type SaleBlock } from './sale-blocks';

export interface PurchaseLine {
	productId: ProductId;
	/** Negative on a returned line. */
	quantity: number;
	amount: Cents;
}

export interface Purchase {
	invoice: string;
	at: LocalTimestamp;
	lines: PurchaseLine[];
	total: Cents;
}

export interface PurchaseHistory {
	/** The newest purchases, up to the limit asked for. */
	purchases: Purchase[];
	/** Every ticket of the customer (returns included), beyond the limit too. */
	count: number;
	/** Net spend over every ticket, in cents. */
	spent: Cents;
}

/** The customer's tickets in the blocks, newest first, the first `limit` with their lines. */
export function customerPurchases(blocks: readonly SaleBlock[], customerId: CustomerId, limit = 50): PurchaseHistory {
	const found: { block: SaleBlock; sale: number }[] = [];
	for (const block of blocks) {
		const c = block.customers.indexOf(customerId);
		if (c < 0) continue;
		for (let s = 0; s < block.saleCount; s++) if (block.saleCustomer[s] === c) found.push({ block, sale: s });
	}
	found.sort((a, b) => b.block.saleAt[b.sale] - a.block.saleAt[a.sale]);
	let spent = 0;
	const totals = new Map<(typeof found)[number], { lines: PurchaseLine[]; total: number }>();
	// Lines are grouped by sale, so one pass per block collects every found sale's lines.
	const wanted = new Map<SaleBlock, Map<number, (typeof found)[number]>>();
	for (const f of found) {
		let sales = wanted.get(f.block);
		if (!sales) wanted.set(f.block, (sales = new Map()));
		sales.set(f.sale, f);
	}
	for (const [block, sales] of wanted) {
		for (let l = 0; l < block.lineCount; l++) {
			const f = sales.get(block.lineSale[l]);
			if (!f) continue;
			const amount = lineNetRevenue(block, l);
			let entry = totals.get(f);
			if (!entry) totals.set(f, (entry = { lines: [], total: 0 }));
			entry.lines.push({ productId: block.products[block.lineProduct[l]], quantity: block.quantity[l], amount: amount as Cents });
			entry.total += amount;
		}
	}
	const purchases: Purchase[] = [];
	for (const f of found) {
		const entry = totals.get(f) ?? { lines: [], total: 0 };
		spent += entry.total;
		if (purchases.length < limit) {
			purchases.push({ invoice: f.block.invoices[f.sale], at: f.block.saleAt[f.sale] as LocalTimestamp, lines: entry.lines, total: entry.total as Cents });
		}
	}
	return { purchases, count: found.length, spent: spent as Cents };
}
