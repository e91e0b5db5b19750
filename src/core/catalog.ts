// Creating and editing products, suppliers and customers from form input.
import type { CustomerId, ProductId, SupplierId } from './brand';
import { newId } from './ids';
import { toCents } from './money';
import { DuplicateError, type InventoryRepository } from './repository';
import { nowLocal, today } from './time';
import type { Customer, Product, Supplier } from './types';
import { Checker, isValidBarcode, type Validation } from './validation';

/** What a product form holds: text as typed. */
export interface ProductForm {
	sku: string; barcode: string; name: string; category: string;
	unitPrice: string; unitCost: string; supplierId: string;
	leadTimeDays: string; minOrderQty: string; packSize: string; reorderPoint: string;
	active: boolean;
}
export type ProductField = keyof ProductForm;

export const emptyProductForm = (): ProductForm => ({
	sku: '', barcode: '', name: '', category: '', unitPrice: '', unitCost: '', supplierId: '',
	leadTimeDays: '', minOrderQty: '1', packSize: '1', reorderPoint: '', active: true
});

export function productToForm(p: Product): ProductForm {
	const n = (v: number | null) => (v === null ? '' : String(v));
	return {
		sku: p.sku, barcode: p.barcode, name: p.name, category: p.category,
		unitPrice: (p.unitPrice / 100).toFixed(2), unitCost: (p.unitCost / 100).toFixed(2),
		supplierId: p.supplierId ?? '', leadTimeDays: n(p.leadTimeDays), minOrderQty: String(p.minOrderQty),
		packSize: String(p.packSize), reorderPoint: n(p.reorderPoint), active: p.active
	};
}

export function validateProduct(form: ProductForm, existing?: Product): Validation<Product, ProductField> {
	const c = new Checker<ProductField>();
	const sku = c.text('sku', form.sku, { required: true, max: 64 });
	const barcode = c.text('barcode', form.barcode, { max: 14 });
	if (barcode !== '' && !isValidBarcode(barcode)) c.fail('barcode', 'invalid_barcode');
	const name = c.text('name', form.name, { required: true });
	const category = c.text('category', form.category, { max: 80 });
	const unitPrice = c.number('unitPrice', form.unitPrice, { required: true });
	const unitCost = c.number('unitCost', form.unitCost, { fallback: 0 });
	const leadTimeDays = c.number('leadTimeDays', form.leadTimeDays, { integer: true });
	const minOrderQty = c.number('minOrderQty', form.minOrderQty, { integer: true, positive: true, fallback: 1 });
	const packSize = c.number('packSize', form.packSize, { integer: true, positive: true, fallback: 1 });
	const reorderPoint = c.number('reorderPoint', form.reorderPoint, {});
	if (!c.ok) return { ok: false, errors: c.errors };
	return {
		ok: true,
		value: {
			id: existing?.id ?? (newId() as ProductId), sku, barcode, name, category,
			unitPrice: toCents(unitPrice!), unitCost: toCents(unitCost ?? 0),
			supplierId: form.supplierId ? (form.supplierId as SupplierId) : null,
			leadTimeDays, minOrderQty: minOrderQty ?? 1, packSize: packSize ?? 1, reorderPoint,
			// Saving the form is the owner's review of a product an import created.
			active: form.active, createdByImport: false, updatedAt: nowLocal()
		}
	};
}

/** Validates and stores; a duplicate SKU or barcode comes back as a field error, not an exception. */
export async function saveProduct(repo: InventoryRepository, form: ProductForm, existing?: Product): Promise<Validation<Product, ProductField>> {
	const result = validateProduct(form, existing);
	if (!result.ok) return result;
	const clash = await repo.getProductBySku(result.value.sku);
	if (clash && clash.id !== result.value.id) return { ok: false, errors: { sku: 'duplicate' } };
	if (result.value.barcode) {
		const sameBarcode = (await repo.listProducts()).find((p) => p.barcode === result.value.barcode && p.id !== result.value.id);
		if (sameBarcode) return { ok: false, errors: { barcode: 'duplicate' } };
	}
	try {
		await repo.putProduct(result.value);
	} catch (e) {
		if (e instanceof DuplicateError) return { ok: false, errors: { sku: 'duplicate' } };
		throw e;
	}
	return result;
}

export interface SupplierForm { name: string; contact: string; email: string; phone: string; defaultLeadTimeDays: string; notes: string }
export type SupplierField = keyof SupplierForm;
export const emptySupplierForm = (): SupplierForm => ({ name: '', contact: '', email: '', phone: '', defaultLeadTimeDays: '7', notes: '' });
export const supplierToForm = (s: Supplier): SupplierForm => ({ ...s, defaultLeadTimeDays: String(s.defaultLeadTimeDays) });

export function validateSupplier(form: SupplierForm, existing?: Supplier): Validation<Supplier, SupplierField> {
	const c = new Checker<SupplierField>();
	const name = c.text('name', form.name, { required: true });
	const contact = c.text('contact', form.contact);
	const email = c.email('email', form.email);
	const phone = c.text('phone', form.phone, { max: 40 });
	const lead = c.number('defaultLeadTimeDays', form.defaultLeadTimeDays, { required: true, integer: true });
	const notes = c.text('notes', form.notes, { max: 2000 });
	if (!c.ok) return { ok: false, errors: c.errors };
	return { ok: true, value: { id: existing?.id ?? (newId() as SupplierId), name, contact, email, phone, defaultLeadTimeDays: lead!, notes, updatedAt: nowLocal() } };
}

export interface CustomerForm { code: string; name: string; email: string; phone: string }
export type CustomerField = keyof CustomerForm;
export const emptyCustomerForm = (): CustomerForm => ({ code: '', name: '', email: '', phone: '' });
export const customerToForm = (c: Customer): CustomerForm => ({ code: c.code, name: c.name, email: c.email, phone: c.phone });

export function validateCustomer(form: CustomerForm, existing?: Customer): Validation<Customer, CustomerField> {
	const c = new Checker<CustomerField>();
	const code = c.text('code', form.code, { max: 64 });
	const name = c.text('name', form.name, { required: true });
	const email = c.email('email', form.email);
	const phone = c.text('phone', form.phone, { max: 40 });
	if (!c.ok) return { ok: false, errors: c.errors };
	return {
		ok: true,
		value: {
			id: existing?.id ?? (newId() as CustomerId), code, name, email, phone,
			firstSeen: existing?.firstSeen ?? today(), createdByImport: existing?.createdByImport ?? false, updatedAt: nowLocal()
		}
	};
}

export async function saveCustomer(repo: InventoryRepository, form: CustomerForm, existing?: Customer): Promise<Validation<Customer, CustomerField>> {
	const result = validateCustomer(form, existing);
	if (!result.ok) return result;
	if (result.value.code) {
		const clash = (await repo.listCustomers()).find((c) => c.code === result.value.code && c.id !== result.value.id);
		if (clash) return { ok: false, errors: { code: 'duplicate' } };
	}
	await repo.putCustomer(result.value);
	return result;
}

export async function saveSupplier(repo: InventoryRepository, form: SupplierForm, existing?: Supplier): Promise<Validation<Supplier, SupplierField>> {
	const result = validateSupplier(form, existing);
	if (result.ok) await repo.putSupplier(result.value);
	return result;
}

/** Lead time for reordering: the product's own, else its supplier's, else a week. */
export function effectiveLeadTime(p: Product, supplier?: Supplier): number {
	return p.leadTimeDays ?? supplier?.defaultLeadTimeDays ?? 7;
}

/** The level below which a product shows the low-stock badge (until forecasting refines it). */
export function lowStockThreshold(p: Product): number {
	return p.reorderPoint ?? 0;
}
