import { describe, expect, it } from 'vitest';
import type { Cents, LocalTimestamp, ProductId } from '$core/brand';
import type { Product } from '$core/types';
import { cleanOptions, combinations, followStylePrice, groupVariants, isStockItem, missingVariants, optionsText, parseOptionsText, variantGrid, variantSku } from '$core/variants';

const style: Product = {
	id: 'style-1' as ProductId, sku: 'CAM', barcode: '', name: 'Camiseta', category: 'Ropa', unitPrice: 1999 as Cents, unitCost: 800 as Cents,
	supplierId: null, leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: false,
	updatedAt: 0 as LocalTimestamp, taxRate: 21, options: [{ name: 'Talla', values: ['S', 'M', 'L'] }, { name: 'Color', values: ['Negro', 'Blanco'] }]
};

describe('variants', () => {
	it('makes the whole grid in one step, with SKUs that never clash, and only what is missing', () => {
		const grid = missingVariants(style, [], new Set(['CAM-M-NEGRO']), 5 as LocalTimestamp);
		expect(grid).toHaveLength(6);
		expect(grid.map((v) => v.sku)).toContain('CAM-M-NEGRO-2');
		expect(grid[0]).toMatchObject({ sku: 'CAM-S-NEGRO', variantOf: style.id, optionValues: [{ name: 'Talla', value: 'S' }, { name: 'Color', value: 'Negro' }], unitPrice: 1999, taxRate: 21, options: [] });
		expect(isStockItem(style)).toBe(false);
		expect(isStockItem(grid[0])).toBe(true);
		const again = missingVariants({ ...style, options: [...style.options!, { name: 'Manga', values: [] }] }, grid, new Set(grid.map((v) => v.sku)), 6 as LocalTimestamp);
		expect(again).toEqual([]);
		const withXl = missingVariants({ ...style, options: [{ name: 'Talla', values: ['S', 'M', 'L', 'XL'] }, style.options![1]] }, grid, new Set(grid.map((v) => v.sku)), 6 as LocalTimestamp);
		expect(withXl.map((v) => v.sku)).toEqual(['CAM-XL-NEGRO', 'CAM-XL-BLANCO']);
	});

	it('groups variants under their style, follows its price unless their own, and lays out the till grid', () => {
		const grid = missingVariants(style, [], new Set(), 5 as LocalTimestamp);
		grid[1] = { ...grid[1], ownPrice: true, unitPrice: 2499 as Cents };
		const plain = { ...style, id: 'plain' as ProductId, sku: 'BOL', options: [] };
		const groups = groupVariants([plain, ...grid, style]);
		expect(groups.map((g) => [g.product.sku, g.variants.length])).toEqual([['BOL', 0], ['CAM', 6]]);
		const repriced = followStylePrice({ ...style, unitPrice: 2199 as Cents }, grid, 9 as LocalTimestamp);
		expect(repriced).toHaveLength(5);
		const layout = variantGrid(style, grid);
		expect(layout.rows).toEqual(['S', 'M', 'L']);
		expect(layout.columns).toEqual(['Negro', 'Blanco']);
		expect(layout.cell('m', 'blanco')?.sku).toBe('CAM-M-BLANCO');
	});

	it('reads and writes the options column', () => {
		expect(optionsText([{ name: 'Talla', value: 'M' }, { name: 'Color', value: 'Negro' }])).toBe('Talla=M; Color=Negro');
		expect(parseOptionsText('Talla=M; Color=Negro')).toEqual([{ name: 'Talla', value: 'M' }, { name: 'Color', value: 'Negro' }]);
		expect(parseOptionsText('Talla M')).toBeNull();
		expect(cleanOptions([{ name: ' Talla ', values: ['S', ' s', '', 'M'] }, { name: '', values: ['x'] }])).toEqual([{ name: 'Talla', values: ['S', 'M'] }]);
		expect(combinations([])).toEqual([]);
		expect(variantSku('CAM', [{ name: 'Color', value: 'Azul marino ñ' }])).toBe('CAM-AZULMARI');
	});
});
