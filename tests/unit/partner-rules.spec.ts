import { describe, expect, it } from 'vitest';
import type { SupplierId } from '../../src/core/brand';
import { emptyProductForm, emptySupplierForm, saveProduct, saveSupplier } from '../../src/core/catalog';
import { MemoryRepository } from '../../src/core/memory-repository';
import {
	buildSearchIndex, customerSearchFields, productsBySupplier, removeSupplier, searchIndex, sortByText
} from '../../src/core/partner-rules';
import { pageOf } from '../../src/core/paging';
import { foldText } from '../../src/core/text';
import type { Customer, Product } from '../../src/core/types';

const customer = (code: string, name: string, email = '', phone = ''): Customer =>
	({ id: code as never, code, name, email, phone, firstSeen: 0 as never, createdByImport: false, updatedAt: 0 as never });

describe('search', () => {
	const people = [
		customer('C001', 'María García', 'maria@example.es', '+34 600 123 456'),
		customer('C002', 'José Martínez'),
		customer('C003', 'Lucía Peña', 'lucia@example.es')
	];
	const index = buildSearchIndex(people, customerSearchFields);
	const names = (q: string) => searchIndex(index, q).map((c) => c.name);

	it('ignores accents and case both ways', () => {
		expect(foldText(' Peña ÁLVAREZ ')).toBe('pena alvarez');
		expect(names('jose')).toEqual(['José Martínez']);
		expect(names('MARÍA')).toEqual(['María García']);
		expect(names('peña')).toEqual(['Lucía Peña']);
	});

	it('finds by code, email and phone, with or without spaces', () => {
		expect(names('c003')).toEqual(['Lucía Peña']);
		expect(names('@example.es')).toEqual(['María García', 'Lucía Peña']);
		expect(names('600123456')).toEqual(['María García']);
		expect(names('123 456')).toEqual(['María García']);
	});

	it('needs every word and keeps all on an empty query', () => {
		expect(names('lucia pena')).toEqual(['Lucía Peña']);
		expect(names('lucia garcia')).toEqual([]);
		expect(names('   ')).toHaveLength(3);
	});
});

describe('sortByText', () => {
	it('alphabetises ignoring accents and case, numbers by value', () => {
		const names = [{ name: 'Óscar' }, { name: 'ana' }, { name: 'Tienda 10' }, { name: 'Tienda 9' }, { name: 'Beatriz' }];
		const sorted = sortByText(names, (s) => s.name, 'es-ES');
		expect(sorted.map((s) => s.name)).toEqual(['ana', 'Beatriz', 'Óscar', 'Tienda 9', 'Tienda 10']);
	});
});

describe('pageOf', () => {
	const items = Array.from({ length: 4001 }, (_, i) => i);
	it('slices a page and says which rows it shows', () => {
		const p = pageOf(items, 2, 50);
		expect(p).toMatchObject({ page: 2, pages: 81, total: 4001, first: 51, last: 100 });
		expect(p.rows[0]).toBe(50);
		expect(pageOf(items, 81, 50).rows).toEqual([4000]);
	});
	it('clamps out-of-range pages and handles no rows', () => {
		expect(pageOf(items, 500, 50).page).toBe(81);
		expect(pageOf(items, 0, 50).page).toBe(1);
		expect(pageOf([], 3, 50)).toMatchObject({ rows: [], page: 1, pages: 1, total: 0, first: 0, last: 0 });
	});
});

async function shopWithTwoSuppliers() {
	const repo = new MemoryRepository();
	const a = await saveSupplier(repo, { ...emptySupplierForm(), name: 'Textiles del Sur' });
	const b = await saveSupplier(repo, { ...emptySupplierForm(), name: 'Bisutería Luna' });
	const empty = await saveSupplier(repo, { ...emptySupplierForm(), name: 'Sin productos' });
	if (!a.ok || !b.ok || !empty.ok) throw new Error('suppliers not saved');
	for (const sku of ['CAM-001', 'CAM-002']) {
		await saveProduct(repo, { ...emptyProductForm(), sku, name: sku, unitPrice: '10', supplierId: a.value.id });
	}
	await saveProduct(repo, { ...emptyProductForm(), sku: 'COL-100', name: 'Collar', unitPrice: '18', supplierId: b.value.id });
	return { repo, a: a.value.id, b: b.value.id, empty: empty.value.id };
}

const supplierOf = async (repo: MemoryRepository, sku: string) => (await repo.getProductBySku(sku))?.supplierId;

describe('productsBySupplier', () => {
	it('groups products and skips those without supplier', async () => {
		const { repo, a, b } = await shopWithTwoSuppliers();
		await saveProduct(repo, { ...emptyProductForm(), sku: 'X', name: 'Loose', unitPrice: '1' });
		const groups = productsBySupplier(await repo.listProducts());
		expect(groups.get(a)?.map((p: Product) => p.sku).sort()).toEqual(['CAM-001', 'CAM-002']);
		expect(groups.get(b)).toHaveLength(1);
		expect(groups.size).toBe(2);
	});
});

describe('removeSupplier', () => {
	it('refuses to delete a supplier with products until told what to do with them', async () => {
		const { repo, a } = await shopWithTwoSuppliers();
		expect(await removeSupplier(repo, a)).toEqual({ ok: false, error: 'required' });
		expect(await repo.getSupplier(a)).toBeDefined();
		expect(await supplierOf(repo, 'CAM-001')).toBe(a);
	});

	it('moves the products to another supplier', async () => {
		const { repo, a, b } = await shopWithTwoSuppliers();
		expect(await removeSupplier(repo, a, { action: 'move', to: b })).toEqual({ ok: true, affectedProducts: 2 });
		expect(await repo.getSupplier(a)).toBeUndefined();
		expect(await supplierOf(repo, 'CAM-001')).toBe(b);
		expect(await supplierOf(repo, 'CAM-002')).toBe(b);
		expect(await supplierOf(repo, 'COL-100')).toBe(b);
	});

	it('leaves the products without supplier when asked', async () => {
		const { repo, a, b } = await shopWithTwoSuppliers();
		expect(await removeSupplier(repo, a, { action: 'unassign' })).toEqual({ ok: true, affectedProducts: 2 });
		expect(await supplierOf(repo, 'CAM-001')).toBeNull();
		expect(await supplierOf(repo, 'COL-100')).toBe(b);
	});

	it('rejects moving to itself or to a supplier that does not exist, changing nothing', async () => {
		const { repo, a } = await shopWithTwoSuppliers();
		expect(await removeSupplier(repo, a, { action: 'move', to: a })).toEqual({ ok: false, error: 'not_found' });
		expect(await removeSupplier(repo, a, { action: 'move', to: 'gone' as SupplierId })).toEqual({ ok: false, error: 'not_found' });
		expect(await repo.getSupplier(a)).toBeDefined();
		expect(await supplierOf(repo, 'CAM-001')).toBe(a);
	});

	it('deletes a supplier without products with no plan, and reports an unknown one', async () => {
		const { repo, empty } = await shopWithTwoSuppliers();
		expect(await removeSupplier(repo, empty)).toEqual({ ok: true, affectedProducts: 0 });
		expect(await repo.getSupplier(empty)).toBeUndefined();
		expect(await removeSupplier(repo, empty)).toEqual({ ok: false, error: 'not_found' });
	});
});
