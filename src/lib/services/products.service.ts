// What the products screens do: load the catalogue, one product with its ledger, save and archive.
import { saveProduct, type ProductForm } from '$core/catalog';
import type { ProductId } from '$core/brand';
import { withRunningBalance, type MovementWithBalance } from '$core/product-detail';
import { buildRows, categoriesOf, type ProductRow } from '$core/product-list';
import { nowLocal } from '$core/time';
import type { Product, Supplier } from '$core/types';
import { getRepository } from '$lib/db';
import { requestSync } from './sync.svelte';

export interface Catalogue { rows: ProductRow[]; categories: string[] }

/** Everything the list needs in one read; filtering and sorting then happen in memory. */
export async function loadCatalogue(): Promise<Catalogue> {
	const repo = getRepository();
	const [products, levels, suppliers] = await Promise.all([repo.listProducts(), repo.stockLevels(), repo.listSuppliers()]);
	return { rows: buildRows(products, levels, suppliers), categories: categoriesOf(products) };
}

export interface ProductFormOptions { suppliers: Supplier[]; categories: string[] }

export async function loadProductFormOptions(): Promise<ProductFormOptions> {
	const repo = getRepository();
	const [suppliers, products] = await Promise.all([repo.listSuppliers(), repo.listProducts()]);
	suppliers.sort((a, b) => a.name.localeCompare(b.name));
	return { suppliers, categories: categoriesOf(products) };
}

export interface ProductDetail {
	product: Product;
	onHand: number;
	supplier: Supplier | undefined;
}

/** A product by the shop's code, as it comes from the URL; undefined when there is none. */
export async function loadProductDetail(sku: string): Promise<ProductDetail | undefined> {
	const repo = getRepository();
	const product = await repo.getProductBySku(sku);
	if (!product) return undefined;
	const [levels, supplier] = await Promise.all([
		repo.stockLevels(),
		product.supplierId ? repo.getSupplier(product.supplierId) : undefined
	]);
	return { product, onHand: levels.get(product.id) ?? 0, supplier };
}

export interface MovementHistory { rows: MovementWithBalance[]; hasMore: boolean }

/** The latest `limit` movements with the stock after each; hasMore when older ones exist. */
export async function loadMovementHistory(productId: ProductId, onHand: number, limit: number): Promise<MovementHistory> {
	const movements = await getRepository().movementsOf(productId, limit + 1);
	return { rows: withRunningBalance(movements.slice(0, limit), onHand), hasMore: movements.length > limit };
}

/** A SKU or barcode another product has comes back as a 'duplicate' field error. */
export async function saveProductForm(form: ProductForm, existing?: Product) {
	const result = await saveProduct(getRepository(), form, existing);
	requestSync('edit');
	return result;
}

/** Archiving only hides the product from the catalogue and the till; its history stays. */
export async function setProductActive(product: Product, active: boolean): Promise<Product> {
	const updated: Product = { ...product, active, updatedAt: nowLocal() };
	await getRepository().putProduct(updated);
	requestSync('edit');
	return updated;
}
