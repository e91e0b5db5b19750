// The stock count sheet's content: the products to count, grouped by category (products have no
// shelf location field, so the category is how a count is split), by name within each, with the
// stock the records expect. Pure: tested in Node.
import type { ProductId } from '$core/brand';
import type { Product } from '$core/types';

export interface CountSheetRow { sku: string; name: string; barcode: string; expected: number }
export interface CountSheetGroup { category: string; rows: CountSheetRow[] }

/** A variant's name with its option values ("Camiseta · M · Negro"), as shelves and labels show it. */
export const displayName = (p: Pick<Product, 'name' | 'optionValues'>): string =>
	[p.name, ...(p.optionValues ?? []).map((v) => v.value)].filter(Boolean).join(' · ');

/**
 * One group per category (`category` null: every category; '' is the products without one, named
 * by `uncategorised`), categories and names in the locale's order.
 */
export function countSheetGroups(
	products: readonly Product[], stock: ReadonlyMap<ProductId, number>, category: string | null, uncategorised: string, locale: string
): CountSheetGroup[] {
	const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
	const byCategory = new Map<string, CountSheetRow[]>();
	for (const p of products) {
		const key = p.category.trim();
		if (category !== null && key !== category) continue;
		const rows = byCategory.get(key) ?? [];
		rows.push({ sku: p.sku, name: displayName(p), barcode: p.barcode, expected: stock.get(p.id) ?? 0 });
		byCategory.set(key, rows);
	}
	// Products without a category go last.
	return [...byCategory]
		.sort(([a], [b]) => Number(a === '') - Number(b === '') || collator.compare(a, b))
		.map(([key, rows]) => ({ category: key || uncategorised, rows: rows.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.sku, b.sku)) }));
}
