// The product form's rules for tax rates, options and a style's variant table (catalog.ts).
import { describe, expect, it } from 'vitest';
import type { ProductId } from '$core/brand';
import {
	emptyProductForm, followStyle, productToForm, saveProductEntry, splitValues, validateProduct, variantRows, variantToForm,
	type ProductForm
} from '$core/catalog';
import { movement } from '$core/ledger';
import { MemoryRepository } from '$core/memory-repository';
import { DEFAULT_TILL_SETTINGS } from '$core/till/settings';
import type { Product } from '$core/types';
import { isStockItem } from '$core/variants';

const rules = DEFAULT_TILL_SETTINGS;
const tshirt = (over: Partial<ProductForm> = {}): ProductForm => ({
	...emptyProductForm(), sku: 'CAM', name: 'Camiseta', category: 'Ropa', unitPrice: '19,99', unitCost: '8', taxRate: '21',
	options: [{ name: 'Talla', values: 'S, M, L' }, { name: 'Color', values: 'Negro, Blanco' }], ...over
});

async function savedStyle(repo: MemoryRepository, over: Partial<ProductForm> = {}) {
	const saved = await saveProductEntry(repo, tshirt(over), undefined, rules);
	if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
	return saved;
}

const rowsOf = (style: Product, all: Product[]) => variantRows(style, all, new Set(all.map((p) => p.sku)));

describe('tax rate', () => {
	it('takes one of the shop rates, keeps a removed one a product already has, and refuses others', () => {
		const ok = validateProduct({ ...tshirt({ options: [] }), taxRate: '10' }, undefined, rules);
		expect(ok.ok && ok.value.taxRate).toBe(10);
		const odd = validateProduct({ ...tshirt({ options: [] }), taxRate: '7' }, undefined, rules);
		expect(odd).toEqual({ ok: false, errors: { taxRate: 'unknown_tax_rate' } });
		const old = { ...(ok.ok ? ok.value : ({} as Product)), taxRate: 7 };
		expect(validateProduct({ ...productToForm(old, rules) }, old, rules).ok).toBe(true);
	});

	it('shows the shop default for a product made before taxes, and the API (no tax field) leaves it unset', () => {
		const before = validateProduct({ ...emptyProductForm(), sku: 'X', name: 'X', unitPrice: '1' });
		if (!before.ok) throw new Error('invalid');
		expect(before.value.taxRate).toBeUndefined();
		expect(productToForm(before.value, { ...rules, defaultTaxRate: 10 }).taxRate).toBe('10');
		expect(productToForm(before.value).taxRate).toBeUndefined();
		const edited = validateProduct({ ...productToForm(before.value), name: 'Y' }, before.value, rules);
		expect(edited.ok && edited.value.taxRate).toBeUndefined();
	});
});

describe('options', () => {
	it('names each option error where it is, and refuses a grid too big to edit', () => {
		const result = validateProduct(tshirt({ options: [{ name: 'Talla', values: '' }, { name: '', values: 'Negro' }, { name: 'talla', values: 'XL' }] }), undefined, rules);
		expect(result).toEqual({ ok: false, errors: { 'options.0.values': 'required', 'options.1.name': 'required', 'options.2.name': 'duplicate' } });
		const many = Array.from({ length: 11 }, (_, i) => `V${i}`).join(', ');
		const big = validateProduct(tshirt({ options: [{ name: 'A', values: many }, { name: 'B', values: many }] }), undefined, rules);
		expect(big).toEqual({ ok: false, errors: { options: 'too_many_variants' } });
	});

	it('reads values separated by commas, or by semicolons when a value holds a comma (shoe sizes)', async () => {
		expect(splitValues(' S, M ,, L ')).toEqual(['S', 'M', 'L']);
		expect(splitValues('38,5; 39; 39,5')).toEqual(['38,5', '39', '39,5']);
		const repo = new MemoryRepository();
		const shoes = await savedStyle(repo, { sku: 'ZAP', options: [{ name: 'Número', values: '38,5; 39' }] });
		expect(shoes.variants.map((v) => v.sku)).toEqual(['ZAP-385', 'ZAP-39']);
		expect(productToForm(shoes.value).options).toEqual([{ name: 'Número', values: '38,5; 39' }]);
	});

	it('makes the style and its whole grid in one save, each variant a stock item with the style price', async () => {
		const repo = new MemoryRepository();
		const saved = await savedStyle(repo);
		expect(saved.value.options).toEqual([{ name: 'Talla', values: ['S', 'M', 'L'] }, { name: 'Color', values: ['Negro', 'Blanco'] }]);
		expect(isStockItem(saved.value)).toBe(false);
		const all = await repo.listProducts();
		const variants = all.filter((p) => p.variantOf === saved.value.id);
		expect(variants.map((v) => v.sku)).toEqual(['CAM-S-NEGRO', 'CAM-S-BLANCO', 'CAM-M-NEGRO', 'CAM-M-BLANCO', 'CAM-L-NEGRO', 'CAM-L-BLANCO']);
		expect(variants.every((v) => v.unitPrice === 1999 && v.taxRate === 21 && !v.ownPrice && isStockItem(v))).toBe(true);
		expect(variants[3].name).toBe('Camiseta M / Blanco');
	});

	it('saves the rows as typed: an own price, a barcode, a reorder point, one archived', async () => {
		const repo = new MemoryRepository();
		const rows = variantRows({ sku: 'CAM', name: 'Camiseta', options: [{ name: 'Talla', values: ['S', 'M'] }] }, [], new Set());
		rows[1] = { ...rows[1], unitPrice: '24,50', barcode: '8410000000016', reorderPoint: '3' };
		rows[0] = { ...rows[0], sku: 'CAM-PEQ', active: false };
		const saved = await savedStyle(repo, { options: [{ name: 'Talla', values: 'S, M' }], variants: rows });
		expect(saved.variants.map((v) => [v.sku, v.unitPrice, v.ownPrice, v.barcode, v.reorderPoint, v.active])).toEqual([
			['CAM-PEQ', 1999, false, '', null, false], ['CAM-M', 2450, true, '8410000000016', 3, true]
		]);
	});

	it('refuses a SKU or barcode another product or another variant has, on the row that has it', async () => {
		const repo = new MemoryRepository();
		await saveProductEntry(repo, { ...emptyProductForm(), sku: 'BOL-1', name: 'Bolso', unitPrice: '30', barcode: '8410000000016' });
		const rows = variantRows({ sku: 'CAM', name: 'Camiseta', options: [{ name: 'Talla', values: ['S', 'M', 'L'] }] }, [], new Set());
		rows[0] = { ...rows[0], sku: 'BOL-1' };
		rows[1] = { ...rows[1], barcode: '8410000000016' };
		const result = await saveProductEntry(repo, tshirt({ options: [{ name: 'Talla', values: 'S, M, L' }], variants: rows }), undefined, rules);
		expect(result).toEqual({ ok: false, errors: { 'variants.0.sku': 'duplicate', 'variants.1.barcode': 'duplicate' } });
		const clash = [{ ...rows[0], sku: 'CAM-X' }, rows[1], { ...rows[2], sku: 'cam-x' }].map((r, i) => (i === 1 ? { ...r, barcode: '' } : r));
		const twice = await saveProductEntry(repo, tshirt({ options: [{ name: 'Talla', values: 'S, M, L' }], variants: clash }), undefined, rules);
		expect(twice).toEqual({ ok: false, errors: { 'variants.2.sku': 'duplicate' } });
		expect(await repo.listProducts()).toHaveLength(1);
	});

	it('passes a new style price to the variants without their own, and other style changes to those still like it', async () => {
		const repo = new MemoryRepository();
		const saved = await savedStyle(repo);
		const all = await repo.listProducts();
		const rows = rowsOf(saved.value, all);
		rows[0] = { ...rows[0], unitPrice: '25' };
		const first = await saveProductEntry(repo, { ...productToForm(saved.value, rules), variants: rows }, saved.value, rules);
		if (!first.ok) throw new Error(JSON.stringify(first.errors));
		const style = first.value;
		const cheap = all.find((v) => v.sku === 'CAM-S-BLANCO')!;
		await repo.putProduct({ ...cheap, unitCost: 500 as Product['unitCost'] });
		const repriced = await saveProductEntry(repo, { ...productToForm(style, rules), name: 'Camiseta básica', unitPrice: '21,99', unitCost: '9', taxRate: '10' }, style, rules);
		if (!repriced.ok) throw new Error(JSON.stringify(repriced.errors));
		const variants = (await repo.listProducts()).filter((p) => p.variantOf === style.id);
		const bySku = new Map(variants.map((v) => [v.sku, v]));
		expect(bySku.get('CAM-S-NEGRO')).toMatchObject({ unitPrice: 2500, ownPrice: true, unitCost: 900, taxRate: 10, name: 'Camiseta básica S / Negro' });
		expect(bySku.get('CAM-M-NEGRO')).toMatchObject({ unitPrice: 2199, ownPrice: false });
		expect(bySku.get('CAM-S-BLANCO')).toMatchObject({ unitPrice: 2199, unitCost: 500 });
	});

	it('makes the missing variants when a value is added, and keeps those whose value was removed', async () => {
		const repo = new MemoryRepository();
		const saved = await savedStyle(repo, { options: [{ name: 'Talla', values: 'S, M' }] });
		const again = await saveProductEntry(repo, { ...productToForm(saved.value, rules), options: [{ name: 'Talla', values: 'M, L' }] }, saved.value, rules);
		if (!again.ok) throw new Error(JSON.stringify(again.errors));
		expect(again.variants.map((v) => v.sku)).toEqual(['CAM-L']);
		const rows = rowsOf(again.value, await repo.listProducts());
		expect(rows.map((r) => [r.sku, r.inOptions, r.existing !== null])).toEqual([['CAM-M', true, true], ['CAM-L', true, true], ['CAM-S', false, true]]);
	});

	it('never turns a product with sales or stock into a style, nor a variant, nor drops the options of a style with variants', async () => {
		const repo = new MemoryRepository();
		const plain = await saveProductEntry(repo, { ...emptyProductForm(), sku: 'POLO', name: 'Polo', unitPrice: '30' }, undefined, rules);
		if (!plain.ok) throw new Error('invalid');
		await repo.addMovements([movement(plain.value.id, 5, 'purchase', 1 as never, 'dev')]);
		const refused = await saveProductEntry(repo, { ...productToForm(plain.value, rules), options: [{ name: 'Talla', values: 'S' }] }, plain.value, rules);
		expect(refused).toEqual({ ok: false, errors: { options: 'style_has_history' } });
		const fresh = await saveProductEntry(repo, { ...emptyProductForm(), sku: 'GORRA', name: 'Gorra', unitPrice: '9' }, undefined, rules);
		if (!fresh.ok) throw new Error('invalid');
		const became = await saveProductEntry(repo, { ...productToForm(fresh.value, rules), options: [{ name: 'Color', values: 'Rojo' }] }, fresh.value, rules);
		expect(became.ok && became.variants.map((v) => v.sku)).toEqual(['GORRA-ROJO']);

		const style = await savedStyle(repo);
		const variant = (await repo.listProducts()).find((p) => p.variantOf === style.value.id)!;
		expect(validateProduct({ ...productToForm(variant, rules), options: [{ name: 'Manga', values: 'Corta' }] }, variant, rules)).toEqual({ ok: false, errors: { options: 'variant_has_options' } });
		const dropped = await saveProductEntry(repo, { ...productToForm(style.value, rules), options: [] }, style.value, rules);
		expect(dropped).toEqual({ ok: false, errors: { options: 'style_has_variants' } });
	});

	it('lets a variant take its own price on its page, or go back to the style price with the field empty', async () => {
		const repo = new MemoryRepository();
		const style = await savedStyle(repo);
		const variant = (await repo.listProducts()).find((p) => p.sku === 'CAM-M-NEGRO')!;
		expect(productToForm(variant, rules).unitPrice).toBe('');
		const own = await saveProductEntry(repo, { ...productToForm(variant, rules), unitPrice: '22' }, variant, rules);
		expect(own.ok && [own.value.unitPrice, own.value.ownPrice, own.value.variantOf]).toEqual([2200, true, style.value.id]);
		if (!own.ok) return;
		expect(variantToForm(own.value).unitPrice).toBe('22.00');
		const back = await saveProductEntry(repo, { ...productToForm(own.value, rules), unitPrice: '' }, own.value, rules);
		expect(back.ok && [back.value.unitPrice, back.value.ownPrice]).toEqual([1999, false]);
	});

	it('follows only what the variant still shared with the style', () => {
		const before = { id: 's' as ProductId, name: 'Camiseta', unitPrice: 1000, unitCost: 400, category: 'Ropa', taxRate: 21 } as Product;
		const style = { ...before, name: 'Camiseta lisa', unitPrice: 1200, unitCost: 450, category: 'Moda' } as Product;
		const variant = { ...before, id: 'v' as ProductId, variantOf: before.id, name: 'Camiseta S', unitCost: 380, ownPrice: false } as Product;
		expect(followStyle(before, style, variant, 9 as never)).toMatchObject({ name: 'Camiseta lisa S', unitPrice: 1200, unitCost: 380, category: 'Moda', taxRate: 21 });
	});
});
