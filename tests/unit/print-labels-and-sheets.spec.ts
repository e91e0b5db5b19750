import { describe, expect, it } from 'vitest';
import type { ProductId } from '$core/brand';
import type { Product } from '$core/types';
import { countSheetGroups, displayName } from '$lib/print/count-sheet';
import {
	barcodeFit, defaultLabelCount, isEan13, labelBarcode, labelCount, labelPages, labelSheet, MAX_LABELS, MAX_MODULE_MM, MIN_MODULE_MM
} from '$lib/print/label-sheet';
import { a4PageRule, pageCounterContent } from '$lib/print/page-rule';

describe('label sheets on A4', () => {
	it('lays 38 × 25 mm labels 5 × 11 and 50 × 30 mm labels 4 × 9, centred, inside the printer margin', () => {
		const small = labelSheet('38x25');
		expect([small.columns, small.rows, small.perSheet]).toEqual([5, 11, 55]);
		expect([small.marginLeftMm, small.marginTopMm]).toEqual([10, 11]);
		const large = labelSheet('50x30');
		expect([large.columns, large.rows, large.perSheet]).toEqual([4, 9, 36]);
		expect([large.marginLeftMm, large.marginTopMm]).toEqual([5, 13.5]);
		for (const s of [small, large]) {
			expect(s.marginLeftMm * 2 + s.columns * s.labelWidthMm).toBeCloseTo(210, 6);
			expect(s.marginTopMm * 2 + s.rows * s.labelHeightMm).toBeCloseTo(297, 6);
			expect(Math.min(s.marginLeftMm, s.marginTopMm)).toBeGreaterThanOrEqual(5);
			// Name (two lines), price and barcode fit inside the label's padding.
			expect(2 * s.paddingMm + 2 * s.nameMm * 1.15 + s.priceMm * 1.15 + s.barcodeHeightMm).toBeLessThanOrEqual(s.labelHeightMm);
		}
	});

	it('fills sheets in order, the first labels left blank for a started sheet, the last sheet padded', () => {
		const sheet = { perSheet: 4 };
		expect(labelPages([{ item: 'a', count: 3 }, { item: 'b', count: 2 }], sheet)).toEqual([['a', 'a', 'a', 'b'], ['b', null, null, null]]);
		expect(labelPages([{ item: 'a', count: 2 }], sheet, 3)).toEqual([[null, null, null, 'a'], ['a', null, null, null]]);
		expect(labelPages([{ item: 'a', count: 0 }], sheet)).toEqual([]);
		expect(labelPages([{ item: 'a', count: 55 }], labelSheet('38x25'))).toHaveLength(1);
		expect(labelPages([{ item: 'a', count: 56 }], labelSheet('38x25'))).toHaveLength(2);
	});

	it('refuses counts that are not whole, a skip off the sheet and runs above the limit', () => {
		expect(() => labelPages([{ item: 'a', count: 1.5 }], { perSheet: 4 })).toThrow(/whole number/);
		expect(() => labelPages([{ item: 'a', count: -1 }], { perSheet: 4 })).toThrow(/whole number/);
		expect(() => labelPages([{ item: 'a', count: 1 }], { perSheet: 4 }, 4)).toThrow(/0 to 3/);
		expect(() => labelPages([{ item: 'a', count: MAX_LABELS + 1 }], { perSheet: 4 })).toThrow(/at most/);
		expect(labelCount([{ item: 'a', count: 2 }, { item: 'b', count: 3 }])).toBe(5);
	});

	it('starts a product at one label per unit on hand, one when there is none', () => {
		expect([defaultLabelCount(12), defaultLabelCount(2.6), defaultLabelCount(0), defaultLabelCount(-3), defaultLabelCount(0.5)]).toEqual([12, 2, 1, 1, 1]);
	});

	it('draws bars as wide as fit up to the nominal width, and flags what scanners would not read', () => {
		expect(barcodeFit(113, 35)).toEqual({ moduleMm: 35 / 113, widthMm: 35, tooDense: false });
		expect(barcodeFit(100, 46)).toEqual({ moduleMm: MAX_MODULE_MM, widthMm: 33, tooDense: false });
		expect(barcodeFit(250, 35).tooDense).toBe(true);
		expect(barcodeFit(250, 35).moduleMm).toBeLessThan(MIN_MODULE_MM);
		expect(() => barcodeFit(0, 35)).toThrow(RangeError);
	});
});

describe('EAN-13 and the code a label carries', () => {
	it('accepts thirteen digits with the right check digit only', () => {
		for (const ok of ['4006381333931', '8413000065535', '0012345678905', '8493128010006']) expect(isEan13(ok)).toBe(true);
		for (const bad of ['4006381333932', '400638133393', '40063813339311', '400638133393A', ' 4006381333931', '']) expect(isEan13(bad)).toBe(false);
	});

	it('every check digit: exactly one of ten endings is valid', () => {
		for (const stem of ['400638133393', '000000000000', '978020137962']) {
			expect([...'0123456789'].filter((d) => isEan13(stem + d))).toHaveLength(1);
		}
	});

	it('uses EAN-13 for a valid one, else Code 128 of the barcode, else of the SKU', () => {
		expect(labelBarcode({ barcode: '4006381333931', sku: 'X' })).toEqual({ format: 'EAN13', value: '4006381333931' });
		expect(labelBarcode({ barcode: '4006381333932', sku: 'X' })).toEqual({ format: 'CODE128', value: '4006381333932' });
		expect(labelBarcode({ barcode: ' ', sku: 'TAZ-01' })).toEqual({ format: 'CODE128', value: 'TAZ-01' });
		expect(labelBarcode({ barcode: 'Código', sku: 'TAZ-01' })).toEqual({ format: 'CODE128', value: 'TAZ-01' });
		expect(labelBarcode({ barcode: '', sku: 'Ñandú' })).toBeNull();
	});
});

describe('count sheet', () => {
	const product = (id: string, sku: string, name: string, category: string, extra: Partial<Product> = {}) =>
		({ id: id as ProductId, sku, name, category, barcode: '', ...extra }) as Product;
	const products = [
		product('1', 'B-2', 'Vaso', 'Cocina'), product('2', 'B-1', 'ábaco', 'Juguetes'), product('3', 'A-1', 'Taza', 'Cocina'),
		product('4', 'Z-1', 'Suelto', ''), product('5', 'C-M', 'Camiseta', 'Ropa', { optionValues: [{ name: 'Talla', value: 'M' }] })
	];
	const stock = new Map([['1' as ProductId, 4], ['3' as ProductId, 2.5]]);

	it('groups by category in the locale order, names sorted, products without a category last', () => {
		const groups = countSheetGroups(products, stock, null, 'Sin categoría', 'es-ES');
		expect(groups.map((g) => g.category)).toEqual(['Cocina', 'Juguetes', 'Ropa', 'Sin categoría']);
		expect(groups[0].rows.map((r) => [r.name, r.expected])).toEqual([['Taza', 2.5], ['Vaso', 4]]);
		expect(groups[2].rows[0].name).toBe('Camiseta · M');
		expect(groups[1].rows[0].expected).toBe(0);
	});

	it('keeps one category, or only the products without one', () => {
		expect(countSheetGroups(products, stock, 'Cocina', '-', 'es-ES').flatMap((g) => g.rows.map((r) => r.sku))).toEqual(['A-1', 'B-2']);
		expect(countSheetGroups(products, stock, '', 'Sin categoría', 'es-ES')).toEqual([{ category: 'Sin categoría', rows: [{ sku: 'Z-1', name: 'Suelto', barcode: '', expected: 0 }] }]);
		expect(displayName({ name: 'Camiseta', optionValues: [{ name: 'Talla', value: 'M' }, { name: 'Color', value: 'Negro' }] })).toBe('Camiseta · M · Negro');
	});
});

describe('@page rules', () => {
	it('turns "page n of N" into CSS page counters, escaping the words', () => {
		expect(pageCounterContent('Página {page} de {pages}')).toBe('"Página " counter(page) " de " counter(pages)');
		expect(pageCounterContent('{page}/{pages}')).toBe('counter(page) "/" counter(pages)');
		expect(pageCounterContent('p. "{page}" \\')).toBe('"p. \\"" counter(page) "\\" \\\\"');
		expect(a4PageRule({ marginMm: [12, 10, 14, 10] })).toBe('@page { size: A4 portrait; margin: 12mm 10mm 14mm 10mm; }');
		expect(a4PageRule({ marginMm: [1, 2, 3, 4], pageCounter: 'Page {page} of {pages}' })).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages);');
	});
});
