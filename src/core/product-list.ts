// The product catalogue as a list: search, filters, sort and pages over rows built once after
// loading, so typing in the search box never goes back to storage. A style (a product with
// options) is one row with its variants under it; its stock is theirs summed.
import type { ProductId, SupplierId } from './brand';
import { lowStockThreshold } from './catalog';
import { foldText } from './text';
import type { Product, Supplier } from './types';
import { isStyle, isVariant } from './variants';

// Spanish rules order "ñ" after "n"; numeric makes "CAM-2" come before "CAM-10".
const collator = new Intl.Collator('es', { numeric: true, sensitivity: 'base' });

export type StockStatus = 'ok' | 'low' | 'out';

/** 'out' at zero or below, 'low' up to the product's threshold, else 'ok'. */
export function stockStatus(product: Product, onHand: number): StockStatus {
	if (onHand <= 0) return 'out';
	return onHand <= lowStockThreshold(product) ? 'low' : 'ok';
}

export interface ProductRow {
	product: Product;
	supplierName: string;
	/** A style's: the sum of its variants'. */
	onHand: number;
	/** A style's: out when its variants are, low when one of its active variants is low or out. */
	status: StockStatus;
	/** Name, SKU and barcode folded once (no accents, lower case), for searching; a style's has its variants' codes too. */
	haystack: string;
	/** A style's active variants that are out of stock (0 for every other product). */
	variantsOut: number;
}

const codesOf = (p: Product) => `${p.name}\n${p.sku}\n${p.barcode}`;

export function buildRows(products: readonly Product[], levels: ReadonlyMap<ProductId, number>, suppliers: readonly Supplier[]): ProductRow[] {
	const supplierNames = new Map<SupplierId, string>(suppliers.map((s) => [s.id, s.name]));
	const variantsOf = new Map<ProductId, Product[]>();
	for (const p of products) if (p.variantOf) variantsOf.set(p.variantOf, [...(variantsOf.get(p.variantOf) ?? []), p]);
	return products.map((product) => {
		const variants = isStyle(product) ? (variantsOf.get(product.id) ?? []) : [];
		const onHand = isStyle(product) ? variants.reduce((sum, v) => sum + (levels.get(v.id) ?? 0), 0) : (levels.get(product.id) ?? 0);
		const statuses = variants.filter((v) => v.active).map((v) => stockStatus(v, levels.get(v.id) ?? 0));
		return {
			product,
			supplierName: product.supplierId ? (supplierNames.get(product.supplierId) ?? '') : '',
			onHand,
			status: !isStyle(product) ? stockStatus(product, onHand) : onHand <= 0 ? 'out' : statuses.some((s) => s !== 'ok') ? 'low' : 'ok',
			haystack: foldText([product, ...variants].map(codesOf).join('\n')),
			variantsOut: statuses.filter((s) => s === 'out').length
		};
	});
}

/** The distinct non-empty categories, alphabetically. */
export function categoriesOf(products: readonly Product[]): string[] {
	const set = new Set(products.map((p) => p.category.trim()).filter((c) => c !== ''));
	return [...set].sort(collator.compare);
}

export const SORT_KEYS = ['name', 'sku', 'stock', 'price'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

/** Everything the catalogue screen's controls hold; it round-trips through the URL. */
export interface CatalogueQuery {
	text: string;
	category: string;
	lowOnly: boolean;
	showArchived: boolean;
	/** Only products an import created and nobody has reviewed (saved) since. */
	importedOnly: boolean;
	sort: SortKey;
	dir: SortDir;
	page: number;
}

export const defaultCatalogueQuery = (): CatalogueQuery => ({ ...noFilters(), sort: 'name', dir: 'asc', page: 1 });

export type CatalogueFilters = Pick<CatalogueQuery, 'text' | 'category' | 'lowOnly' | 'showArchived' | 'importedOnly'>;

export const noFilters = (): CatalogueFilters => ({ text: '', category: '', lowOnly: false, showArchived: false, importedOnly: false });

/** Whether anything narrows the list (sorting and paging do not). */
export const isFiltered = (q: CatalogueFilters): boolean =>
	q.text.trim() !== '' || q.category !== '' || q.lowOnly || q.showArchived || q.importedOnly;

const wordsOf = (text: string) => foldText(text).split(/\s+/).filter(Boolean);

/** Everything but the search text. */
const passesFilters = (r: ProductRow, q: CatalogueFilters) =>
	(q.showArchived || r.product.active) &&
	(q.category === '' || r.product.category === q.category) &&
	(!q.lowOnly || r.status !== 'ok') &&
	(!q.importedOnly || r.product.createdByImport);

export function filterRows(rows: readonly ProductRow[], q: CatalogueQuery): ProductRow[] {
	// Every word typed must appear somewhere: "camiseta nino" finds "Camiseta niño algodón".
	const words = wordsOf(q.text);
	return rows.filter((r) => passesFilters(r, q) && words.every((w) => r.haystack.includes(w)));
}

/** A row of the catalogue screen: a product, and under a style the variants shown with it. */
export interface CatalogueGroup {
	row: ProductRow;
	variants: ProductRow[];
	/** The search found the style through one of its variants (their SKU or barcode): shown open. */
	foundByVariant: boolean;
}

/**
 * The filtered rows as the screen lists them, in the sorted rows' order: each style once with its
 * variants under it in the order of its options (those that pass the filters; all of them when the
 * style itself matched the search), and a style whose variant matched shown with that variant.
 * Variants of a style that is not in the catalogue stand alone.
 */
export function groupRows(sorted: readonly ProductRow[], q: CatalogueQuery): CatalogueGroup[] {
	const words = wordsOf(q.text);
	const ids = new Set(sorted.map((r) => r.product.id));
	const variantsOf = new Map<ProductId, ProductRow[]>();
	for (const r of sorted) {
		const style = r.product.variantOf;
		if (style && ids.has(style)) variantsOf.set(style, [...(variantsOf.get(style) ?? []), r]);
	}
	const groups: CatalogueGroup[] = [];
	for (const row of sorted) {
		if (isVariant(row.product) && ids.has(row.product.variantOf!)) continue;
		const own = (r: ProductRow) => words.every((w) => foldText(codesOf(r.product)).includes(w));
		const variants = inOptionOrder(row.product, variantsOf.get(row.product.id) ?? []).filter((v) => passesFilters(v, q));
		const styleMatches = passesFilters(row, q) && own(row);
		const matching = styleMatches ? variants : variants.filter(own);
		// A style archived or filtered out still shows above its variants that match.
		if (!styleMatches && matching.length === 0) continue;
		groups.push({ row, variants: matching, foundByVariant: !styleMatches && words.length > 0 });
	}
	return groups;
}

/** Variants by the position of their values in the style's options (S before M before L), unknown values last. */
function inOptionOrder(style: Product, variants: ProductRow[]): ProductRow[] {
	const options = style.options ?? [];
	const rank = (r: ProductRow) => options.map((o, i) => {
		const value = r.product.optionValues?.find((v) => v.name.toLowerCase() === o.name.toLowerCase())?.value.toLowerCase();
		const at = o.values.findIndex((v) => v.toLowerCase() === value);
		return at < 0 ? o.values.length + i : at;
	});
	return [...variants].sort((a, b) => {
		const ra = rank(a), rb = rank(b);
		for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
		return collator.compare(a.product.sku, b.product.sku);
	});
}

const compareBy: Record<SortKey, (a: ProductRow, b: ProductRow) => number> = {
	name: (a, b) => collator.compare(a.product.name, b.product.name),
	sku: (a, b) => collator.compare(a.product.sku, b.product.sku),
	stock: (a, b) => a.onHand - b.onHand,
	price: (a, b) => a.product.unitPrice - b.product.unitPrice
};

/** A sorted copy; ties fall back to the SKU so the order is stable between renders. */
export function sortRows(rows: readonly ProductRow[], key: SortKey, dir: SortDir): ProductRow[] {
	const sign = dir === 'asc' ? 1 : -1;
	return [...rows].sort((a, b) => sign * compareBy[key](a, b) || compareBy.sku(a, b));
}

/** Clicking the sorted column flips the direction; another column starts ascending. */
export function toggleSort(q: CatalogueQuery, key: SortKey): Pick<CatalogueQuery, 'sort' | 'dir'> {
	return { sort: key, dir: q.sort === key && q.dir === 'asc' ? 'desc' : 'asc' };
}

/** Reads the controls from URL parameters (a dashboard link brings `low=1`); unknown values fall back. */
export function queryFromParams(get: (name: string) => string | null): CatalogueQuery {
	const q = defaultCatalogueQuery();
	const sort = get('sort');
	return {
		text: get('q') ?? q.text,
		category: get('category') ?? q.category,
		lowOnly: get('low') === '1',
		showArchived: get('archived') === '1',
		importedOnly: get('imported') === '1',
		sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : q.sort,
		dir: get('dir') === 'desc' ? 'desc' : q.dir,
		page: Math.max(1, Number.parseInt(get('page') ?? '', 10) || 1)
	};
}

/** The parameters that differ from the defaults, so a plain catalogue keeps a plain URL. */
export function queryToParams(q: CatalogueQuery): [string, string][] {
	const d = defaultCatalogueQuery();
	const params: [string, string][] = [];
	if (q.text.trim() !== '') params.push(['q', q.text]);
	if (q.category !== '') params.push(['category', q.category]);
	if (q.lowOnly) params.push(['low', '1']);
	if (q.showArchived) params.push(['archived', '1']);
	if (q.importedOnly) params.push(['imported', '1']);
	if (q.sort !== d.sort) params.push(['sort', q.sort]);
	if (q.dir !== d.dir) params.push(['dir', q.dir]);
	if (q.page > 1) params.push(['page', String(q.page)]);
	return params;
}
