import { describe, expect, it } from 'vitest';
import { emptyCustomerForm, emptyProductForm, emptySupplierForm, validateCustomer, validateProduct, validateSupplier } from '$core/catalog';
import { isValidBarcode } from '$core/validation';

describe('product validation', () => {
	const valid = { ...emptyProductForm(), sku: 'CAM-001', name: 'Camiseta niño', unitPrice: '12,50', unitCost: '5.10' };

	it('accepts a complete form and stores money in cents', () => {
		const r = validateProduct(valid);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.unitPrice).toBe(1250);
		expect(r.value.unitCost).toBe(510);
		expect(r.value.reorderPoint).toBeNull();
		expect(r.value.leadTimeDays).toBeNull();
		expect(r.value.id).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('names every bad field with a reason', () => {
		const r = validateProduct({ ...valid, sku: ' ', name: '', unitPrice: 'doce', minOrderQty: '0', packSize: '2.5', leadTimeDays: '-3', barcode: '1234567890123' });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual({
			sku: 'required', name: 'required', unitPrice: 'not_a_number', minOrderQty: 'must_be_positive',
			packSize: 'not_integer', leadTimeDays: 'negative', barcode: 'invalid_barcode'
		});
	});

	it('keeps the id when editing', () => {
		const first = validateProduct(valid);
		if (!first.ok) throw new Error('invalid');
		const again = validateProduct({ ...valid, name: 'Otro' }, first.value);
		expect(again.ok && again.value.id).toBe(first.value.id);
	});
});

describe('suppliers and customers', () => {
	it('requires a name and a valid email', () => {
		const r = validateSupplier({ ...emptySupplierForm(), email: 'no-at-sign' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors).toEqual({ name: 'required', email: 'invalid_email' });
		const c = validateCustomer({ ...emptyCustomerForm(), name: 'Lucía', email: 'lucia@example.es' });
		expect(c.ok).toBe(true);
	});
});

describe('barcodes', () => {
	it('checks EAN-13 and EAN-8 check digits', () => {
		expect(isValidBarcode('4006381333931')).toBe(true);
		expect(isValidBarcode('4006381333932')).toBe(false);
		expect(isValidBarcode('73513537')).toBe(true);
		expect(isValidBarcode('ABC')).toBe(false);
	});
});
