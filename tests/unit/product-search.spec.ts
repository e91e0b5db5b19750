import { describe, expect, it } from 'vitest';
import { emptyProductForm, validateProduct } from '../../src/core/catalog';
import { customerIndex, editDistance, findByCode, productIndex, search, searchProducts, typosAllowed } from '../../src/core/product-search';
import { foldText } from '../../src/core/text';
import type { Customer, Product } from '../../src/core/types';

function product(sku: string, name: string): Product {
	const r = validateProduct({ ...emptyProductForm(), sku, name, unitPrice: '1' });
	if (!r.ok) throw new Error('invalid test product');
	return r.value;
}

const catalog = [product('PAN-010', 'Pantalón vaquero'), product('CAM-002', 'Camiseta mujer lino'), product('CAM-001', 'Camiseta niño algodón'), product('XCAM-9', 'Gorra')];
const skus = (list: Product[]) => list.map((p) => p.sku);

describe('searchProducts', () => {
	it('matches SKU or name without caring for accents or case', () => {
		expect(skus(searchProducts(catalog, 'pantalon'))).toEqual(['PAN-010']);
		expect(skus(searchProducts(catalog, 'NIÑO'))).toEqual(['CAM-001']);
	});

	it('puts the exact SKU first, then SKUs that start with the text', () => {
		expect(skus(searchProducts(catalog, 'cam-002'))).toEqual(['CAM-002']);
		expect(skus(searchProducts(catalog, 'cam'))).toEqual(['CAM-001', 'CAM-002', 'XCAM-9']);
	});

	it('needs every word typed', () => {
		expect(skus(searchProducts(catalog, 'camiseta lino'))).toEqual(['CAM-002']);
	});

	it('finds nothing for empty text and respects the limit', () => {
		expect(searchProducts(catalog, '  ')).toEqual([]);
		expect(searchProducts(catalog, 'a', 2)).toHaveLength(2);
	});
});

describe('foldText', () => {
	it('drops accents and case', () => {
		expect(foldText(' Áéíóú Ñ ')).toBe('aeiou n');
	});
});

describe('search index', () => {
	const withBarcode = [...catalog, { ...product('COL-100', 'Collar plata luna'), barcode: '8412345678905' }];
	const index = productIndex(withBarcode);
	const found = (text: string) => skus(search(index, text));

	it('finds by barcode and by the start of any word of the name', () => {
		expect(found('8412345678905')).toEqual(['COL-100']);
		expect(found('plata col')).toEqual(['COL-100']);
		expect(found('vaq')).toEqual(['PAN-010']);
	});

	it('finds the one product whose SKU or barcode is exactly the code, whatever the case', () => {
		expect(findByCode(index, ' col-100 ')?.sku).toBe('COL-100');
		expect(findByCode(index, '8412345678905')?.sku).toBe('COL-100');
		expect(findByCode(index, 'COL')).toBeUndefined();
		expect(findByCode(index, '')).toBeUndefined();
	});

	it('finds customers by name or code', () => {
		const customers = [
			{ id: '1', code: 'C001', name: 'María García' },
			{ id: '2', code: 'C002', name: 'José Martínez' }
		] as Customer[];
		const byCustomer = customerIndex(customers);
		expect(search(byCustomer, 'maria').map((c) => c.code)).toEqual(['C001']);
		expect(search(byCustomer, 'c002').map((c) => c.name)).toEqual(['José Martínez']);
		expect(findByCode(byCustomer, 'c001')?.name).toBe('María García');
	});
});

describe('search that forgives typos', () => {
	const shop = [product('LUZ-1', 'Chilli Lights'), product('CAM-N-M', 'Camiseta Negro M'), product('CAM-B-M', 'Camiseta Blanco M'),
		product('CHI-2', 'Chile en polvo'), product('GOR-1', 'Gorra'), product('PAN-1', 'Pan de leña'), product('PIN-1', 'Pinza')];
	const index = productIndex(shop);
	const found = (text: string) => skus(search(index, text));

	it('finds a word with a letter missing, extra, wrong or swapped', () => {
		expect(found('chili')).toContain('LUZ-1');
		expect(found('chili lihgts')).toEqual(['LUZ-1']);
		expect(found('gorrra')).toEqual(['GOR-1']);
		expect(found('camsieta')).toEqual(['CAM-B-M', 'CAM-N-M']);
	});

	it('finds a word with another ending and accents ignored', () => {
		expect(found('camiseta negra')).toEqual(['CAM-N-M']);
		expect(found('pan lena')).toEqual(['PAN-1']);
	});

	it('puts exact matches before near ones', () => {
		expect(found('chile')).toEqual(['CHI-2', 'LUZ-1']);
	});

	it('does not guess on short words or far ones', () => {
		expect(found('pan')).toEqual(['PAN-1']);
		expect(found('pin')).toEqual(['PIN-1']);
		expect(found('gora')).toEqual([]);
		expect(found('camiseta verde')).toEqual([]);
		expect(found('xyz')).toEqual([]);
	});

	it('counts edits and stops early when far apart', () => {
		expect(editDistance('kitten', 'sitting', 3)).toBe(3);
		expect(editDistance('abcd', 'abdc', 1)).toBe(1);
		expect(editDistance('abcdef', 'uvwxyz', 1)).toBe(2);
		expect(typosAllowed('lino')).toBe(0);
		expect(typosAllowed('negra')).toBe(1);
		expect(typosAllowed('camisetas')).toBe(2);
	});

	it('answers a keystroke over a few thousand products in milliseconds', () => {
		const many = Array.from({ length: 5000 }, (_, i) => product(`P-${i}`, `Producto ${['rojo', 'azul', 'verde', 'amarillo'][i % 4]} número ${i}`));
		const big = productIndex(many);
		const start = performance.now();
		for (const text of ['prodcto azl', 'amarilo', 'verde 12']) search(big, text);
		expect(performance.now() - start).toBeLessThan(500);
	});
});
