// What the suppliers screen does: list suppliers with the products they supply, save, delete.
import type { SupplierId } from '$core/brand';
import { saveSupplier, type SupplierForm } from '$core/catalog';
import { productsBySupplier, removeSupplier, type SupplierProductsPlan } from '$core/partner-rules';
import type { Supplier } from '$core/types';
import { getRepository } from '$lib/db';

/** What a deletion dialog shows of a product: the shop's code and name only. */
export interface SuppliedProduct { sku: string; name: string }
export interface SupplierRow { supplier: Supplier; products: SuppliedProduct[] }

export async function loadSuppliers(): Promise<SupplierRow[]> {
	const repo = getRepository();
	const [suppliers, products] = await Promise.all([repo.listSuppliers(), repo.listProducts()]);
	const grouped = productsBySupplier(products);
	return suppliers.map((supplier) => ({
		supplier,
		products: (grouped.get(supplier.id) ?? []).map((p) => ({ sku: p.sku, name: p.name })).sort((a, b) => a.sku.localeCompare(b.sku))
	}));
}

export const saveSupplierForm = (form: SupplierForm, existing?: Supplier) => saveSupplier(getRepository(), form, existing);

export const deleteSupplier = (id: SupplierId, plan?: SupplierProductsPlan) => removeSupplier(getRepository(), id, plan);
