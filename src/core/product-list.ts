// The product catalogue as a list: search, filters, sort and pages over rows built once after
// loading, so typing in the search box never goes back to storage.
import type { ProductId, SupplierId } from './brand';
import { lowStockThreshold } from './catalog';
import { foldText } from './text';
import type { Product, Supplier } from './types';

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
	onHand: number;
	status: StockStatus;
	/** Name, SKU and barcode folded once (no accents, lower case), for searching. */
	haystack: string;
}

export function buildRows(products: readonly Product[], levels: ReadonlyMap<ProductId, number>, suppliers: readonly Supplier[]): ProductRow[] {
	const supplierNames = new Map<SupplierId, string>(suppliers.map((s) => [s.id, s.name]));
	return products.map((product) => {
		const onHand = levels.get(product.id) ?? 0;
		return {
			product,
			supplierName: product.supplierId ? (supplierNames.get(product.supplierId) ?? '') : '',
			onHand,
			status: stockStatus(product, onHand),
			haystack: foldText(`${product.name}\n${product.sku}\n${product.barcode}`)
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

export function filterRows(rows: readonly ProductRow[], q: CatalogueQuery): ProductRow[] {
	// Every word typed must appear somewhere: "camiseta nino" finds "Camiseta niño algodón".
	const words = foldText(q.text).split(/\s+/).filter(Boolean);
	return rows.filter((r) =>
		(q.showArchived || r.product.active) &&
		(q.category === '' || r.product.category === q.category) &&
		(!q.lowOnly || r.status !== 'ok') &&
		(!q.importedOnly || r.product.createdByImport) &&
		words.every((w) => r.haystack.includes(w))
	);
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
