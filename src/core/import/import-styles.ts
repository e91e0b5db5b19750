// The styles an import knows (stored ones and the ones it makes) and their options as the file
// fills them in: each value seen joins its option (sizes kept in shop order), so the style's grid
// is what was sold. A style is written with the first batch that holds one of its new variants,
// and again whenever a later batch gave it a new value.
import type { ProductId } from '../brand';
import { nowLocal } from '../time';
import type { OptionValue, Product, ProductOption } from '../types';
import { isStyle } from '../variants';
import { isSize, sortSizes } from './sizes';
import { optionRole, type VariantCells } from './variant-cells';

interface StyleEntry {
	product: Product;
	/** Stored (before or by this import). */
	written: boolean;
	/** Its options changed since it was last written. */
	dirty: boolean;
}

const fold = (s: string) => s.trim().toLowerCase();

/** The identity of a variant within its style: the style's id and its values (as variantId takes them). */
export const variantKey = (styleId: ProductId, values: readonly OptionValue[]) =>
	`${styleId}|${values.map((v) => `${fold(v.name)}=${fold(v.value)}`).join('|')}`;

export class ImportStyles {
	private readonly byCode = new Map<string, StyleEntry>();
	private readonly byId = new Map<ProductId, StyleEntry>();

	constructor(products: readonly Product[]) {
		for (const p of products) if (isStyle(p)) this.add({ product: { ...p, options: p.options!.map((o) => ({ ...o, values: [...o.values] })) }, written: true, dirty: false });
	}

	private add(entry: StyleEntry) {
		this.byCode.set(fold(entry.product.sku), entry);
		this.byId.set(entry.product.id, entry);
	}

	/** A style's SKU (stored or made by this import): never sold itself. */
	isStyleSku(sku: string): boolean { return this.byCode.has(fold(sku)); }

	style(code: string): Product | undefined { return this.byCode.get(fold(code))?.product; }

	/** A new style (not written until a batch holds one of its variants). */
	create(style: Product): Product {
		this.add({ product: { ...style, options: [] }, written: false, dirty: false });
		return this.byId.get(style.id)!.product;
	}

	/**
	 * The row's values in the style's option order and names ("Size" in the file is a stored
	 * style's "Talla"); values and options the style lacks are added.
	 */
	place(style: Product, cells: VariantCells): OptionValue[] {
		const entry = this.byId.get(style.id)!;
		const options: ProductOption[] = entry.product.options!;
		const placed: (OptionValue | undefined)[] = [];
		cells.values.forEach((v, i) => {
			const role = cells.roles[i];
			let at = options.findIndex((o) => fold(o.name) === fold(v.name));
			if (at < 0 && role) at = options.findIndex((o) => optionRole(o.name) === role);
			if (at < 0) {
				options.push({ name: v.name, values: [] });
				at = options.length - 1;
			}
			const option = options[at];
			let value = option.values.find((x) => fold(x) === fold(v.value));
			if (value === undefined) {
				value = v.value;
				option.values = option.values.every(isSize) && isSize(value) ? sortSizes([...option.values, value]) : [...option.values, value];
				entry.dirty = true;
			}
			placed[at] = { name: option.name, value };
		});
		return placed.filter((v): v is OptionValue => v !== undefined);
	}

	/**
	 * The styles to write with a batch of new products: new styles of its variants (stored with
	 * the batch) and stored styles that gained values (written just before it).
	 */
	toWrite(products: Iterable<Product>): { fresh: Product[]; changed: Product[]; done: () => void } {
		const fresh: StyleEntry[] = [], changed: StyleEntry[] = [];
		for (const p of products) {
			const entry = p.variantOf ? this.byId.get(p.variantOf) : undefined;
			if (!entry || fresh.includes(entry) || changed.includes(entry)) continue;
			if (!entry.written) fresh.push(entry);
			else if (entry.dirty) changed.push(entry);
		}
		for (const e of this.byId.values()) if (e.written && e.dirty && !changed.includes(e)) changed.push(e);
		const snapshot = (e: StyleEntry): Product => ({ ...e.product, options: e.product.options!.map((o) => ({ ...o, values: [...o.values] })), updatedAt: nowLocal() });
		const out = { fresh: fresh.map(snapshot), changed: changed.map(snapshot) };
		// Values seen while the write is in flight make the style dirty again.
		for (const e of [...fresh, ...changed]) e.dirty = false;
		return {
			...out,
			done: () => { for (const e of fresh) e.written = true; }
		};
	}

	/** After a failed write: what was not stored is written again with the next batch. */
	failed(styles: readonly Product[]) {
		for (const s of styles) {
			const e = this.byId.get(s.id);
			if (e) e.dirty = true;
		}
	}
}
