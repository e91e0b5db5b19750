import { describe, expect, it } from 'vitest';
import type { Cents, ProductId, SupplierId } from '../../src/core/brand';
import {
	buildRows, categoriesOf, defaultCatalogueQuery, filterRows, groupRows, isFiltered, noFilters, queryFromParams,
	queryToParams, sortRows, stockStatus, toggleSort, type CatalogueQuery
} from '../../src/core/product-list';
import type { Product, Supplier } from '../../src/core/types';

const product = (sku: string, over: Partial<Product> = {}): Product => ({
	id: `id-${sku}` as ProductId, sku, barcode: '', name: sku, category: '', unitPrice: 100 as Cents,
	unitCost: 50 as Cents, supplierId: null, leadTimeDays: null, minOrderQty: 1, packSize: 1,
	reorderPoint: null, active: true, createdByImport: false, updatedAt: 0 as Product['updatedAt'], ...over
});

const supplier = { id: 'sup-1' as SupplierId, name: 'Textiles del Sur' } as Supplier;

const catalogue = [
	product('CAM-001', { name: 'Camiseta niño algodón', category: 'Ropa', supplierId: supplier.id, unitPrice: 1250 as Cents, reorderPoint: 5 }),
	product('CAM-10', { name: 'Café molido', category: 'Alimentación', barcode: '8410000000017', unitPrice: 300 as Cents }),
	product('CAM-2', { name: 'Ñandú de peluche', category: 'Juguetes', unitPrice: 900 as Cents, createdByImport: true }),
	product('OLD-1', { name: 'Bolso antiguo', category: 'Ropa', active: false })
];
const levels = new Map<ProductId, number>([
	['id-CAM-001' as ProductId, 3], ['id-CAM-10' as ProductId, 40], ['id-OLD-1' as ProductId, 2]
]);
const rows = buildRows(catalogue, levels, [supplier]);
const query = (over: Partial<CatalogueQuery>): CatalogueQuery => ({ ...defaultCatalogueQuery(), ...over });
const skus = (list: { product: Product }[]) => list.map((r) => r.product.sku);

describe('stock status', () => {
	it('is out at zero or below, low up to the threshold, ok above', () => {
		const p = product('X', { reorderPoint: 4 });
		expect(stockStatus(p, 0)).toBe('out');
		expect(stockStatus(p, -2)).toBe('out');
		expect(stockStatus(p, 4)).toBe('low');
		expect(stockStatus(p, 4.5)).toBe('ok');
		expect(stockStatus(product('Y'), 1)).toBe('ok');
	});
});

describe('rows', () => {
	it('carry stock, supplier name and a status; products without movements have zero', () => {
		expect(rows[0]).toMatchObject({ onHand: 3, supplierName: 'Textiles del Sur', status: 'low' });
		expect(rows[2]).toMatchObject({ onHand: 0, supplierName: '', status: 'out' });
	});

	it('lists distinct categories alphabetically', () => {
		expect(categoriesOf([...catalogue, product('Z', { category: ' ' })])).toEqual(['Alimentación', 'Juguetes', 'Ropa']);
	});
});

describe('search and filters', () => {
	it('matches name, SKU or barcode, ignoring accents and case, every word typed', () => {
		expect(skus(filterRows(rows, query({ text: 'ÑANDU' })))).toEqual(['CAM-2']);
		expect(skus(filterRows(rows, query({ text: 'nino' })))).toEqual(['CAM-001']);
		expect(skus(filterRows(rows, query({ text: 'CAFE' })))).toEqual(['CAM-10']);
		expect(skus(filterRows(rows, query({ text: 'cam-2' })))).toEqual(['CAM-2']);
		expect(skus(filterRows(rows, query({ text: '8410000' })))).toEqual(['CAM-10']);
		expect(skus(filterRows(rows, query({ text: '  camiseta   algodon ' })))).toEqual(['CAM-001']);
		expect(filterRows(rows, query({ text: 'camiseta cafe' }))).toEqual([]);
	});

	it('hides archived products unless asked', () => {
		expect(skus(filterRows(rows, query({})))).not.toContain('OLD-1');
		expect(skus(filterRows(rows, query({ showArchived: true })))).toContain('OLD-1');
	});

	it('knows when anything narrows the list', () => {
		expect(isFiltered(query({ sort: 'price', dir: 'desc', page: 3 }))).toBe(false);
		expect(isFiltered(query({ text: '  ' }))).toBe(false);
		expect(isFiltered(query({ lowOnly: true }))).toBe(true);
		expect(isFiltered({ ...query({ text: 'x', category: 'Ropa' }), ...noFilters() })).toBe(false);
	});

	it('filters by category and by low or out of stock', () => {
		expect(skus(filterRows(rows, query({ category: 'Ropa' })))).toEqual(['CAM-001']);
		expect(skus(filterRows(rows, query({ lowOnly: true })))).toEqual(['CAM-001', 'CAM-2']);
		expect(skus(filterRows(rows, query({ importedOnly: true })))).toEqual(['CAM-2']);
		expect(isFiltered(query({ importedOnly: true }))).toBe(true);
		expect(queryFromParams((n) => (n === 'imported' ? '1' : null)).importedOnly).toBe(true);
		expect(queryToParams(query({ importedOnly: true }))).toEqual([['imported', '1']]);
	});
});

describe('sorting', () => {
	it('sorts names the Spanish way and SKUs by their numbers', () => {
		expect(skus(sortRows(rows, 'name', 'asc'))).toEqual(['OLD-1', 'CAM-10', 'CAM-001', 'CAM-2']);
		expect(skus(sortRows(rows, 'sku', 'asc'))).toEqual(['CAM-001', 'CAM-2', 'CAM-10', 'OLD-1']);
	});

	it('sorts by stock and price both ways without touching the input', () => {
		const before = skus(rows);
		expect(skus(sortRows(rows, 'stock', 'desc'))).toEqual(['CAM-10', 'CAM-001', 'OLD-1', 'CAM-2']);
		expect(skus(sortRows(rows, 'price', 'asc'))).toEqual(['OLD-1', 'CAM-10', 'CAM-2', 'CAM-001']);
		expect(skus(rows)).toEqual(before);
	});

	it('flips the direction on the same column and starts ascending on another', () => {
		expect(toggleSort(query({ sort: 'name', dir: 'asc' }), 'name')).toEqual({ sort: 'name', dir: 'desc' });
		expect(toggleSort(query({ sort: 'name', dir: 'desc' }), 'name')).toEqual({ sort: 'name', dir: 'asc' });
		expect(toggleSort(query({ sort: 'name', dir: 'desc' }), 'price')).toEqual({ sort: 'price', dir: 'asc' });
	});
});

describe('URL parameters', () => {
	const params = (s: string) => { const u = new URLSearchParams(s); return (n: string) => u.get(n); };

	it('reads the dashboard link and falls back on nonsense', () => {
		expect(queryFromParams(params('low=1'))).toEqual(query({ lowOnly: true }));
		expect(queryFromParams(params('sort=colour&dir=up&page=-4'))).toEqual(query({}));
	});

	it('round-trips and leaves defaults out', () => {
		const q = query({ text: 'niño', category: 'Ropa', lowOnly: true, showArchived: true, sort: 'stock', dir: 'desc', page: 2 });
		const encoded = new URLSearchParams(queryToParams(q)).toString();
		expect(queryFromParams(params(encoded))).toEqual(q);
		expect(queryToParams(query({}))).toEqual([]);
	});
});

describe('styles and their variants', () => {
	const style = product('CAM', {
		name: 'Camiseta lisa', category: 'Ropa', unitPrice: 1999 as Cents,
		options: [{ name: 'Talla', values: ['S', 'M', 'L'] }, { name: 'Color', values: ['Negro', 'Blanco'] }]
	});
	const variant = (talla: string, color: string, over: Partial<Product> = {}) => product(`CAM-${talla}-${color.toUpperCase()}`, {
		name: `Camiseta lisa ${talla} / ${color}`, category: 'Ropa', variantOf: style.id, reorderPoint: 2,
		optionValues: [{ name: 'Talla', value: talla }, { name: 'Color', value: color }], ...over
	});
	const variants = [variant('L', 'Negro'), variant('S', 'Blanco', { barcode: '8410000000016' }), variant('S', 'Negro'), variant('M', 'Negro', { active: false })];
	const stock = new Map<ProductId, number>([[variants[0].id, 4], [variants[1].id, 1], [variants[2].id, 0], [variants[3].id, 7]]);
	const shop = buildRows([...variants, product('BOL', { name: 'Bolso' }), style], stock, []);
	const listed = (q: Partial<CatalogueQuery>) => groupRows(sortRows(shop, 'name', 'asc'), query(q)).map((g) => [g.row.product.sku, g.variants.map((v) => v.product.sku), g.foundByVariant]);

	it('gives a style the summed stock of its variants, low when one of its active variants runs short', () => {
		const styleRow = shop.find((r) => r.product.sku === 'CAM')!;
		expect(styleRow).toMatchObject({ onHand: 12, status: 'low', variantsOut: 1 });
		expect(buildRows([style, variants[0]], stock, [])[0]).toMatchObject({ onHand: 4, status: 'ok', variantsOut: 0 });
		expect(buildRows([style], new Map(), [])[0].status).toBe('out');
	});

	it('lists each style once with its variants under it in the order of its options; plain products alone', () => {
		expect(listed({})).toEqual([['BOL', [], false], ['CAM', ['CAM-S-NEGRO', 'CAM-S-BLANCO', 'CAM-L-NEGRO'], false]]);
		expect(listed({ showArchived: true })[1][1]).toEqual(['CAM-S-NEGRO', 'CAM-S-BLANCO', 'CAM-M-NEGRO', 'CAM-L-NEGRO']);
	});

	it('finds a style by a variant SKU or barcode (showing that variant), and the variants by the style', () => {
		expect(listed({ text: '8410000000016' })).toEqual([['CAM', ['CAM-S-BLANCO'], true]]);
		expect(listed({ text: 'cam-l' })).toEqual([['CAM', ['CAM-L-NEGRO'], true]]);
		expect(listed({ text: 'camiseta' })).toEqual([['CAM', ['CAM-S-NEGRO', 'CAM-S-BLANCO', 'CAM-L-NEGRO'], false]]);
		expect(listed({ lowOnly: true })).toEqual([['BOL', [], false], ['CAM', ['CAM-S-NEGRO', 'CAM-S-BLANCO'], false]]);
	});

	it('lets variants whose style is gone stand alone', () => {
		const orphans = buildRows([variants[0]], stock, []);
		expect(groupRows(orphans, query({})).map((g) => g.row.product.sku)).toEqual(['CAM-L-NEGRO']);
	});
});
