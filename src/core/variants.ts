// Products with options. A style (a product with options, e.g. Talla: S, M, L; Color: negro,
// blanco) is never sold or stocked itself; each combination of its options is a variant: a product
// of its own with its SKU, barcode, stock and reorder settings, and the style's price unless it has
// its own. Plain products have neither options nor a style and behave as they always did.
import type { ProductId } from './brand';
import { stableId } from './sync/stable-id';
import type { OptionValue, Product, ProductOption } from './types';

export const isStyle = (p: Pick<Product, 'options'>): boolean => (p.options?.length ?? 0) > 0;
export const isVariant = (p: Pick<Product, 'variantOf'>): boolean => !!p.variantOf;
/** What is sold, counted, stocked, forecast and reordered: everything but styles. */
export const isStockItem = (p: Pick<Product, 'options'>): boolean => !isStyle(p);

/** `Talla=M; Color=Negro`: the exports' options column and the ticket's line text. */
export const optionsText = (values: readonly OptionValue[]): string => values.map((v) => `${v.name}=${v.value}`).join('; ');

/** Reads `Talla=M; Color=Negro`; null when a part has no "=" or an empty name or value. */
export function parseOptionsText(text: string): OptionValue[] | null {
	const parts = text.split(';').map((p) => p.trim()).filter(Boolean);
	const values: OptionValue[] = [];
	for (const part of parts) {
		const at = part.indexOf('=');
		if (at <= 0) return null;
		const name = part.slice(0, at).trim();
		const value = part.slice(at + 1).trim();
		if (!name || !value) return null;
		values.push({ name, value });
	}
	return values;
}

/** Options as typed: blank names and values dropped, values deduplicated (case-insensitively), order kept. */
export function cleanOptions(options: readonly ProductOption[]): ProductOption[] {
	return options
		.map((o) => {
			const seen = new Set<string>();
			const values = o.values.map((v) => v.trim()).filter((v) => v && !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()));
			return { name: o.name.trim(), values };
		})
		.filter((o) => o.name && o.values.length);
}

/** Every combination of the options' values, first option slowest (S-negro, S-blanco, M-negro...). */
export function combinations(options: readonly ProductOption[]): OptionValue[][] {
	let out: OptionValue[][] = [[]];
	for (const o of options) out = out.flatMap((prefix) => o.values.map((value) => [...prefix, { name: o.name, value }]));
	return options.length ? out : [];
}

const skuPart = (value: string) => value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^0-9A-Za-z]+/g, '').toUpperCase().slice(0, 8) || 'X';

/** A variant's default SKU: the style's and each value's short form (TSHIRT-M-NEGRO). */
export const variantSku = (styleSku: string, values: readonly OptionValue[]) => [styleSku, ...values.map((v) => skuPart(v.value))].join('-');

/** The same style and values make the same id on every device (two tablets making one grid agree). */
export const variantId = (styleId: ProductId, values: readonly OptionValue[]) =>
	stableId('variant', `${styleId}|${values.map((v) => `${v.name.toLowerCase()}=${v.value.toLowerCase()}`).join('|')}`) as ProductId;

export const sameValues = (a: readonly OptionValue[], b: readonly OptionValue[]) =>
	a.length === b.length && a.every((v, i) => v.name.toLowerCase() === b[i].name.toLowerCase() && v.value.toLowerCase() === b[i].value.toLowerCase());

/**
 * The grid in one step: the variants the style's options call for that do not exist yet, each a
 * copy of the style (price, cost, tax, supplier, reorder settings) with its own SKU and no barcode.
 * Existing variants are kept as they are; combinations dropped from the options are not deleted
 * (they have history); the caller may archive them.
 */
export function missingVariants(style: Product, existing: readonly Product[], takenSkus: ReadonlySet<string>, at: Product['updatedAt']): Product[] {
	const mine = existing.filter((p) => p.variantOf === style.id);
	const out: Product[] = [];
	const taken = new Set([...takenSkus].map((s) => s.toLowerCase()));
	for (const values of combinations(style.options ?? [])) {
		if (mine.some((v) => sameValues(v.optionValues ?? [], values))) continue;
		let sku = variantSku(style.sku, values);
		for (let n = 2; taken.has(sku.toLowerCase()); n++) sku = `${variantSku(style.sku, values)}-${n}`;
		taken.add(sku.toLowerCase());
		out.push({
			...style, id: variantId(style.id, values), sku, barcode: '', name: `${style.name} ${values.map((v) => v.value).join(' / ')}`,
			options: [], variantOf: style.id, optionValues: values, ownPrice: false, createdByImport: style.createdByImport, updatedAt: at
		});
	}
	return out;
}

/** Variants that follow the style's price, with the style's new price (the caller stores them). */
export function followStylePrice(style: Product, variants: readonly Product[], at: Product['updatedAt']): Product[] {
	return variants.filter((v) => v.variantOf === style.id && !v.ownPrice && v.unitPrice !== style.unitPrice)
		.map((v) => ({ ...v, unitPrice: style.unitPrice, updatedAt: at }));
}

export interface ProductGroup { product: Product; variants: Product[] }

/** Products with their variants under them, in the input's order of styles and plain products; orphans stand alone. */
export function groupVariants(products: readonly Product[]): ProductGroup[] {
	const byStyle = new Map<ProductId, Product[]>();
	const ids = new Set(products.map((p) => p.id));
	for (const p of products) if (p.variantOf && ids.has(p.variantOf)) byStyle.set(p.variantOf, [...(byStyle.get(p.variantOf) ?? []), p]);
	return products.filter((p) => !(p.variantOf && ids.has(p.variantOf))).map((product) => ({ product, variants: byStyle.get(product.id) ?? [] }));
}

/** The till's size x colour grid: rows are the first option's values, columns the second's (one column without a second). */
export interface VariantGrid { rowOption: string; columnOption: string | null; rows: string[]; columns: string[]; cell(row: string, column: string | null): Product | null }

export function variantGrid(style: Product, variants: readonly Product[]): VariantGrid {
	const [first, second] = style.options ?? [];
	const mine = variants.filter((v) => v.variantOf === style.id && v.active);
	const valueOf = (v: Product, name: string) => v.optionValues?.find((o) => o.name.toLowerCase() === name.toLowerCase())?.value ?? '';
	return {
		rowOption: first?.name ?? '', columnOption: second?.name ?? null,
		rows: first?.values ?? [], columns: second?.values ?? [],
		cell: (row, column) => mine.find((v) => valueOf(v, first?.name ?? '').toLowerCase() === row.toLowerCase() && (column === null || !second || valueOf(v, second.name).toLowerCase() === column.toLowerCase())) ?? null
	};
}
