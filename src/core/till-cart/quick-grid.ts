// The counter's grid of products without barcodes (bread, loose items): the shop's favourites, then
// the best sellers of each category. Best sellers come from the products' daily series (what
// forecasting reads), never from a scan of the sale lines. A variant sells for its style: the tile
// is the style and a tap opens its size x colour grid.
import type { DayNumber, ProductId } from '../brand';
import type { ProductSeries } from '../product-series';
import type { Product } from '../types';

export interface QuickGroup { category: string; products: Product[] }
export interface QuickGrid { favourites: Product[]; groups: QuickGroup[] }

export interface QuickGridOptions {
	/** Days of sales that count, back from the last day anything sold. */
	days: number;
	perGroup: number;
	groups: number;
}

const DEFAULTS: QuickGridOptions = { days: 90, perGroup: 12, groups: 8 };

export function quickGrid(products: readonly Product[], series: readonly ProductSeries[], favourites: readonly ProductId[], options: Partial<QuickGridOptions> = {}): QuickGrid {
	const { days, perGroup, groups } = { ...DEFAULTS, ...options };
	const byId = new Map(products.filter((p) => p.active).map((p) => [p.id, p]));
	const pinned = favourites.map((id) => byId.get(id)).filter((p): p is Product => !!p);
	// A variant's sales count for its style (when the style is on sale), a plain product's for itself.
	const tileOf = (p: Product): Product => (p.variantOf && byId.get(p.variantOf)) || p;
	let last = -Infinity;
	for (const s of series) if (s.days.length) last = Math.max(last, s.days[s.days.length - 1]);
	const since = (last - days + 1) as DayNumber;
	const units = new Map<Product, number>();
	for (const s of series) {
		const product = byId.get(s.productId);
		if (!product) continue;
		let sum = 0;
		for (let i = s.days.length - 1; i >= 0 && s.days[i] >= since; i--) sum += s.units[i];
		if (sum <= 0) continue;
		const tile = tileOf(product);
		units.set(tile, (units.get(tile) ?? 0) + sum);
	}
	const shown = new Set(pinned.map(tileOf));
	const byCategory = new Map<string, { product: Product; units: number }[]>();
	for (const [product, sold] of units) {
		if (shown.has(product)) continue;
		const category = product.category.trim();
		const list = byCategory.get(category);
		if (list) list.push({ product, units: sold }); else byCategory.set(category, [{ product, units: sold }]);
	}
	const ranked = [...byCategory].map(([category, list]) => {
		list.sort((a, b) => b.units - a.units || a.product.name.localeCompare(b.product.name));
		return { category, total: list.reduce((s, x) => s + x.units, 0), products: list.slice(0, perGroup).map((x) => x.product) };
	});
	ranked.sort((a, b) => b.total - a.total || a.category.localeCompare(b.category));
	return { favourites: pinned, groups: ranked.slice(0, groups).map(({ category, products }) => ({ category, products })) };
}
