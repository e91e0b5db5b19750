// A product request's place among styles and variants, checked before the core's form validation:
// `variant_of` names an existing style by SKU, `option_values` gives one of each of its options'
// values (spelled as the style has them), and no two variants of a style share their values. The
// answer is the product the core's form then edits: the core keeps a variant's style and values
// from the product it is given.
import type { ProductId } from '../../core/brand';
import { newId } from '../../core/ids';
import { nowLocal } from '../../core/time';
import type { OptionValue, Product } from '../../core/types';
import { isStyle, isVariant, optionsText, sameValues } from '../../core/variants';
import type { SqlRepository } from '../../sql/sql-repository';
import { conflict, invalid } from '../problem';

export interface VariantFields {
	variant_of?: string | null;
	option_values?: Record<string, string>;
	own_price?: boolean;
	options?: { name: string; values: string[] }[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The values by option name, as the style spells them and in its order; every problem names its field. */
export function styleValues(style: Product, given: Record<string, string>): OptionValue[] {
	const options = style.options ?? [];
	for (const name of Object.keys(given)) {
		if (!options.some((o) => same(o.name, name))) {
			throw invalid(`body.option_values.${name}`, `the style "${style.sku}" has no option "${name}" (it has ${options.map((o) => o.name).join(', ')})`);
		}
	}
	return options.map((o) => {
		const key = Object.keys(given).find((k) => same(k, o.name));
		if (key === undefined) throw invalid('body.option_values', `needs a value for "${o.name}" (one of ${o.values.join(', ')})`);
		const value = o.values.find((v) => same(v, given[key].trim()));
		if (value === undefined) throw invalid(`body.option_values.${key}`, `"${given[key]}" is not one of the values of "${o.name}" (${o.values.join(', ')})`);
		return { name: o.name, value };
	});
}

/** A new product's starting point when it is a variant: the core's form keeps its style and values. */
const newVariant = (style: Product, values: OptionValue[]): Product => ({
	id: newId() as ProductId, sku: '', barcode: '', name: '', category: style.category, unitPrice: style.unitPrice, unitCost: style.unitCost,
	supplierId: style.supplierId, leadTimeDays: style.leadTimeDays, minOrderQty: style.minOrderQty, packSize: style.packSize, reorderPoint: null,
	active: true, createdByImport: false, updatedAt: nowLocal(), options: [], variantOf: style.id, optionValues: values, ownPrice: false,
	...(style.taxRate === undefined ? {} : { taxRate: style.taxRate })
});

/**
 * The product the request's other fields apply to: `existing` (undefined for a new plain product)
 * with its style and option values as the request sets them. Throws 400 for a style that is not
 * one or values that do not match it, 409 for values another variant of the style has.
 */
export async function withVariantFields(repo: SqlRepository, b: VariantFields, existing: Product | undefined): Promise<Product | undefined> {
	let style: Product | undefined;
	if (typeof b.variant_of === 'string') {
		style = await repo.getProductBySku(b.variant_of);
		if (!style) throw invalid('body.variant_of', `no product with SKU "${b.variant_of}"`);
		if (!isStyle(style)) throw invalid('body.variant_of', `product "${style.sku}" has no options: only a style (a product with options) has variants`);
		if (existing && style.id === existing.id) throw invalid('body.variant_of', 'a product cannot be a variant of itself');
		if (existing && (isStyle(existing) || (await hasVariants(repo, existing.id)))) throw invalid('body.variant_of', `product "${existing.sku}" has options: a style cannot be a variant of another`);
	} else if (b.variant_of === undefined && existing && isVariant(existing) && b.option_values !== undefined) {
		style = await repo.getProduct(existing.variantOf!);
		if (!style) throw invalid('body.option_values', `the style of "${existing.sku}" is gone: set variant_of`);
	}
	const variant = style !== undefined || (b.variant_of === undefined && existing !== undefined && isVariant(existing));
	if (b.options?.length && variant) throw invalid('body.options', 'a variant cannot have options (the style has them)');
	if (b.option_values !== undefined && !variant) throw invalid('body.option_values', 'only a variant has option values: set variant_of to its style\'s SKU');
	if (b.own_price !== undefined && !variant) throw invalid('body.own_price', 'only a variant can follow a style\'s price');
	if (b.variant_of === null) {
		if (!existing || !isVariant(existing)) return existing;
		// A variant on its own: its price is its own from now on.
		const { variantOf: _style, optionValues: _values, ownPrice: _own, ...plain } = existing;
		return plain;
	}
	if (!style) return existing;
	const given = b.option_values ?? (existing?.variantOf === style.id ? Object.fromEntries((existing.optionValues ?? []).map((v) => [v.name, v.value])) : undefined);
	if (given === undefined) throw invalid('body.option_values', `needs a value of each option of "${style.sku}": ${style.options!.map((o) => o.name).join(', ')}`);
	const values = styleValues(style, given);
	const twin = (await repo.listProducts()).find((p) => p.variantOf === style.id && p.id !== existing?.id && sameValues(p.optionValues ?? [], values));
	if (twin) throw conflict('option_values', optionsText(values), `the style "${style.sku}" already has the variant ${optionsText(values)}: "${twin.sku}"`);
	return existing ? { ...existing, variantOf: style.id, optionValues: values, ownPrice: existing.ownPrice ?? true } : newVariant(style, values);
}

async function hasVariants(repo: SqlRepository, id: string): Promise<boolean> {
	const row = await repo.sql.db.selectFrom('products').select('id').where('shop_id', '=', repo.shopId).where('variant_of', '=', id).limit(1).executeTakeFirst();
	return row !== undefined;
}
