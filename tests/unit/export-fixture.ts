// A small shop with the awkward cases exports and backups must keep: accents, a delimiter and a
// formula in names, a discount, a return, a deleted customer, receipts, an adjustment and a count.
import type { Cents, LocalTimestamp } from '$core/brand';
import { emptyCustomerForm, emptyProductForm, emptySupplierForm, saveCustomer, saveProduct, saveSupplier, type ProductForm } from '$core/catalog';
import type { InventoryRepository } from '$core/repository';
import { recordSale } from '$core/selling';
import { adjustStock, receiveGoods, recordCount } from '$core/stock-ops';
import { parseIsoLocal } from '$core/time';
import type { Product } from '$core/types';

export const DEVICE = 'dev-0001';
export const at = (s: string) => parseIsoLocal(s) as LocalTimestamp;

function ok<T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T {
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
}

export async function buildShop(repo: InventoryRepository) {
	const supplier = ok(await saveSupplier(repo, { ...emptySupplierForm(), name: 'Textiles del Sur; S.L.', email: 'ventas@sur.es', defaultLeadTimeDays: '5' }));
	const make = async (form: Partial<ProductForm>) => ok(await saveProduct(repo, { ...emptyProductForm(), ...form }));
	const shirt = await make({ sku: 'CAM-001', name: 'Camiseta niño', category: 'Ropa', unitPrice: '12,50', unitCost: '5', supplierId: supplier.id, reorderPoint: '4' });
	const formula = await make({ sku: 'F-1', name: '=HYPERLINK("http://evil","x")', unitPrice: '3', unitCost: '1,25', barcode: '8412345678905' });
	const minus = await make({ sku: '-5', name: '"Quoted" and\nmultiline', unitPrice: '0,99', unitCost: '0,5', leadTimeDays: '3' });
	const lucia = ok(await saveCustomer(repo, { ...emptyCustomerForm(), code: '17850', name: 'Lucía Gómez', email: 'lucia@example.com' }));
	const gone = ok(await saveCustomer(repo, { ...emptyCustomerForm(), code: '@99', name: 'Ya no está' }));
	await receiveGoods(repo, supplier.id, 'ALB-1', [{ productId: shirt.id, quantity: 20 }, { productId: formula.id, quantity: 10 }, { productId: minus.id, quantity: 7.5 }], DEVICE);
	const line = (p: Product, quantity: number, discount = 0) => ({ productId: p.id, quantity, unitPrice: p.unitPrice, discount: discount as Cents });
	await recordSale(repo, { customerId: lucia.id, lines: [line(shirt, 3, 150), line(formula, 1)], at: at('2024-05-10 10:30'), invoice: 'T-0001' }, DEVICE);
	await recordSale(repo, { customerId: gone.id, lines: [line(minus, 2.25)], at: at('2024-05-11 18:05:09'), invoice: 'T-0002' }, DEVICE);
	await recordSale(repo, { customerId: null, lines: [line(shirt, -1)], at: at('2024-05-12 09:00'), invoice: 'C-0001' }, DEVICE);
	await recordSale(repo, { customerId: null, lines: [line(formula, 2)], at: at('2024-05-12 12:00') }, DEVICE);
	await repo.deleteCustomer(gone.id);
	await adjustStock(repo, formula.id, -1, '+roto en tienda', DEVICE);
	await recordCount(repo, [{ productId: shirt.id, quantity: 15 }], 'COUNT-1', DEVICE);
	return { supplier, shirt, formula, minus, lucia };
}
