// Accepted lines not yet in a block, in typed columns (no per-line object or boxed number), and
// the sales they are grouped into, in file order.

/** store: index into the importer's store names, -1 for none. Cashier, payments and returnOf as the file wrote them ('' for none). */
export interface PendingSale {
	invoice: string; at: number; customer: number; store: number; firstLine: number;
	cashier: string; payments: string; returnOf: string; taxExcluded: boolean;
}

/** Columns of lines cut into a block: product slots, quantities, prices in cents, line keys, tax rate and tax (NaN: none). */
export interface PendingLines { product: Uint32Array; qty: Float64Array; price: Float64Array; discount: Float64Array; key: Float64Array; taxRate: Float64Array; tax: Float64Array }

const NUMBER_COLUMNS = ['qty', 'price', 'discount', 'key', 'taxRate', 'tax'] as const;
type NumberColumn = (typeof NUMBER_COLUMNS)[number];

export class LineBuffer {
	length = 0;
	private product: Uint32Array;
	private columns: Record<NumberColumn, Float64Array>;
	constructor(capacity: number) {
		this.product = new Uint32Array(capacity);
		this.columns = Object.fromEntries(NUMBER_COLUMNS.map((c) => [c, new Float64Array(capacity)])) as Record<NumberColumn, Float64Array>;
	}
	push(product: number, qty: number, price: number, discount: number, key: number, taxRate: number, tax: number) {
		const i = this.length;
		if (i === this.product.length) this.grow();
		const c = this.columns;
		this.product[i] = product;
		c.qty[i] = qty;
		c.price[i] = price;
		c.discount[i] = discount;
		c.key[i] = key;
		c.taxRate[i] = taxRate;
		c.tax[i] = tax;
		this.length = i + 1;
	}
	private grow() {
		const n = this.product.length * 2;
		const product = new Uint32Array(n);
		product.set(this.product);
		this.product = product;
		for (const name of NUMBER_COLUMNS) {
			const column = new Float64Array(n);
			column.set(this.columns[name]);
			this.columns[name] = column;
		}
	}
	/** Removes the first n lines and returns them as exact-size columns. */
	take(n: number): PendingLines {
		const out = { product: this.product.slice(0, n) } as PendingLines;
		this.product.copyWithin(0, n, this.length);
		for (const name of NUMBER_COLUMNS) {
			out[name] = this.columns[name].slice(0, n);
			this.columns[name].copyWithin(0, n, this.length);
		}
		this.length -= n;
		return out;
	}
}
