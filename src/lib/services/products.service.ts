// What the products screens do: load the catalogue, one product with its ledger (a style with its
// variants, a variant with its style), save (a style with its variant table) and archive.
import { productHasHistory, saveProductEntry, type ProductForm, type SavedProduct } from '$core/catalog';
import type { ProductId } from '$core/brand';
import { withRunningBalance, type MovementWithBalance } from '$core/product-detail';
import { buildRows, categoriesOf, groupRows, defaultCatalogueQuery, type ProductRow } from '$core/product-list';
import { nowLocal } from '$core/time';
import { taxRateOf, TILL_SETTINGS_KEY, tillSettingsOf, type TillSettings } from '$core/till/settings';
import type { Product, Supplier } from '$core/types';
import { isStyle, isVariant } from '$core/variants';
import { getRepository } from '$lib/db';
import { requestSync } from './sync.svelte';

export interface Catalogue { rows: ProductRow[]; categories: string[] }

/** Everything the list needs in one read; filtering and sorting then happen in memory. */
export async function loadCatalogue(): Promise<Catalogue> {
	const repo = getRepository();
	const [products, levels, suppliers] = await Promise.all([repo.listProducts(), repo.stockLevels(), repo.listSuppliers()]);
	return { rows: buildRows(products, levels, suppliers), categories: categoriesOf(products) };
}

/** The shop's tax rates (the till's settings, shared by the shop's tablets). */
async function productRules(): Promise<TillSettings> {
	return tillSettingsOf(await getRepository().getSetting<Partial<TillSettings>>(TILL_SETTINGS_KEY));
}

export interface ProductFormOptions {
	suppliers: Supplier[];
	categories: string[];
	/** The till's settings: the tax rates a product may have and whether prices include tax. */
	rules: TillSettings;
	/** Every product: a style's variants, and the SKUs new variants must not take. */
	products: Product[];
	/** The product being edited has sales, stock or orders: it cannot become a style. */
	hasHistory: boolean;
}

export async function loadProductFormOptions(existing?: Product): Promise<ProductFormOptions> {
	const repo = getRepository();
	const [suppliers, products, rules, hasHistory] = await Promise.all([
		repo.listSuppliers(), repo.listProducts(), productRules(),
		existing && !isStyle(existing) ? productHasHistory(repo, existing.id) : false
	]);
	suppliers.sort((a, b) => a.name.localeCompare(b.name));
	return { suppliers, categories: categoriesOf(products), rules, products, hasHistory };
}

export interface VariantStock { product: Product; onHand: number }

export interface ProductDetail {
	product: Product;
	/** A style's: the sum of its variants'. */
	onHand: number;
	supplier: Supplier | undefined;
	/** A style's variants with their stock, in the order of its options. */
	variants: VariantStock[];
	/** A variant's style. */
	style: Product | undefined;
	/** The product's tax rate, or the shop's default when it has none. */
	taxRate: number;
}

/** A product by the shop's code, as it comes from the URL; undefined when there is none. */
export async function loadProductDetail(sku: string): Promise<ProductDetail | undefined> {
	const repo = getRepository();
	const product = await repo.getProductBySku(sku);
	if (!product) return undefined;
	const [levels, supplier, all, rules] = await Promise.all([
		repo.stockLevels(),
		product.supplierId ? repo.getSupplier(product.supplierId) : undefined,
		isStyle(product) || isVariant(product) ? repo.listProducts() : [],
		productRules()
	]);
	// The catalogue's own grouping: the same order of variants and summed stock as the list.
	const rows = isStyle(product) ? buildRows(all, levels, []) : [];
	const group = rows.length ? groupRows(rows.filter((r) => r.product.id === product.id || r.product.variantOf === product.id), { ...defaultCatalogueQuery(), showArchived: true })[0] : undefined;
	return {
		product,
		onHand: group ? group.row.onHand : (levels.get(product.id) ?? 0),
		supplier,
		variants: group ? group.variants.map((r) => ({ product: r.product, onHand: r.onHand })) : [],
		style: isVariant(product) ? all.find((p) => p.id === product.variantOf) : undefined,
		taxRate: taxRateOf(product, rules)
	};
}

export interface MovementHistory { rows: MovementWithBalance[]; hasMore: boolean }

/** The latest `limit` movements with the stock after each; hasMore when older ones exist. */
export async function loadMovementHistory(productId: ProductId, onHand: number, limit: number): Promise<MovementHistory> {
	const movements = await getRepository().movementsOf(productId, limit + 1);
	return { rows: withRunningBalance(movements.slice(0, limit), onHand), hasMore: movements.length > limit };
}

/** A SKU or barcode another product (or variant) has comes back as a 'duplicate' field error. */
export async function saveProductForm(form: ProductForm, existing?: Product): Promise<SavedProduct> {
	const result = await saveProductEntry(getRepository(), form, existing, await productRules());
	if (result.ok) requestSync('edit');
	return result;
}

/**
 * Archiving only hides the product from the catalogue and the till; its history stays. A style
 * takes its variants with it, either way (the variant table then sets each one apart).
 */
export async function setProductActive(product: Product, active: boolean): Promise<Product> {
	const repo = getRepository();
	const at = nowLocal();
	const updated: Product = { ...product, active, updatedAt: at };
	await repo.putProduct(updated);
	if (isStyle(product)) {
		for (const v of await repo.listProducts()) if (v.variantOf === product.id && v.active !== active) await repo.putProduct({ ...v, active, updatedAt: at });
	}
	requestSync('edit');
	return updated;
}
