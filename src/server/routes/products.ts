// /api/v1/products: the catalogue by SKU. Validation and duplicate checks are the core's
// (catalog.ts saveProduct, the same as the app's product form); staff read, admins write.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ProductCreate, ProductDeleted, ProductOut, ProductPage, ProductPatch, ProductQuery, PRODUCT_FIELDS, productJson, SkuParams } from '../../core/api/catalog';
import { fieldErrors, moneyText, pageByCode } from '../../core/api/common';
import { problems } from '../../core/api/problem';
import { emptyProductForm, productToForm, saveProduct, type ProductForm } from '../../core/catalog';
import { buildRows, defaultCatalogueQuery, filterRows, sortRows } from '../../core/product-list';
import { nowLocal } from '../../core/time';
import type { Product, Supplier } from '../../core/types';
import { conflict, invalid } from '../problem';
import { deleteUnusedProduct, productBySku, productHasHistory, sameName, supplierField } from '../queries/catalog';
import { rejected, shopOf, type Shop } from '../queries/scope';

const tags = ['products'];

type ProductFields = z.infer<typeof ProductPatch>;

const numberText = (n: number | null | undefined, keep: string) => (n === undefined ? keep : n === null ? '' : String(n));

/** The API's fields laid over a product form (text as the core's validation reads it). */
function formWith(form: ProductForm, b: ProductFields, supplier: Supplier | null | undefined): ProductForm {
	return {
		sku: b.sku ?? form.sku,
		barcode: b.barcode ?? form.barcode,
		name: b.name ?? form.name,
		category: b.category ?? form.category,
		unitPrice: b.unit_price === undefined ? form.unitPrice : moneyText(b.unit_price),
		unitCost: b.unit_cost === undefined ? form.unitCost : moneyText(b.unit_cost),
		supplierId: supplier === undefined ? form.supplierId : supplier?.id ?? '',
		leadTimeDays: numberText(b.lead_time_days, form.leadTimeDays),
		minOrderQty: numberText(b.min_order_qty, form.minOrderQty),
		packSize: numberText(b.pack_size, form.packSize),
		reorderPoint: numberText(b.reorder_point, form.reorderPoint),
		active: b.active ?? form.active
	};
}

/** Saves through the core; its field errors become 409 (a SKU or barcode taken) or 400. */
async function save(shop: Shop, b: ProductFields, existing?: Product): Promise<z.infer<typeof ProductOut>> {
	const supplier = b.supplier === undefined ? undefined : await supplierField(shop.repo, b.supplier);
	const base = existing ? productToForm(existing) : emptyProductForm();
	const result = await saveProduct(shop.repo, formWith(base, b, supplier), existing);
	if (!result.ok) {
		if (result.errors.sku === 'duplicate') throw conflict('sku', b.sku ?? '', `another product already has the SKU "${b.sku}"`);
		if (result.errors.barcode === 'duplicate') throw conflict('barcode', b.barcode ?? '', `another product already has the barcode "${b.barcode}"`);
		throw rejected(fieldErrors(result.errors, PRODUCT_FIELDS));
	}
	return productOut(shop.repo, result.value);
}

/** A product as the API shows it, with its stock on hand and supplier's name. */
async function productOut(repo: Shop['repo'], p: Product): Promise<z.infer<typeof ProductOut>> {
	const [onHand, supplier] = await Promise.all([repo.stockOf(p.id), p.supplierId ? repo.getSupplier(p.supplierId) : undefined]);
	return productJson(p, onHand, supplier?.name ?? null);
}

export default async function productsRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();

	app.get('/products', {
		config: { access: 'staff' },
		schema: {
			tags, summary: 'The catalogue, a page at a time in SKU order',
			description: 'Filters combine. Pass next_cursor back as ?cursor= for the next page.',
			querystring: ProductQuery,
			response: { 200: ProductPage, ...problems(400, 401, 403) }
		}
	}, async (request) => {
		const { repo } = shopOf(request);
		const { q, category, supplier, active, low, cursor, limit } = request.query;
		const [products, levels, suppliers] = await Promise.all([repo.listProducts(), repo.stockLevels(), repo.listSuppliers()]);
		const filtered = filterRows(buildRows(products, levels, suppliers), {
			...defaultCatalogueQuery(), text: q ?? '', category: category ?? '', lowOnly: low === true, showArchived: true
		}).filter((r) => (active === undefined || r.product.active === active) && (supplier === undefined || sameName(r.supplierName, supplier)));
		const page = pageByCode(sortRows(filtered, 'sku', 'asc'), (r) => r.product.sku, cursor, limit);
		if (!page) throw invalid('query.cursor', 'not a cursor this API returned');
		return { items: page.items.map((r) => productJson(r.product, r.onHand, r.supplierName || null)), next_cursor: page.next_cursor };
	});

	app.post('/products', {
		config: { access: 'admin' },
		schema: {
			tags, summary: 'Add a product',
			description: '409 when another product has the SKU (or the barcode); 400 names the field, e.g. body.supplier for an unknown supplier.',
			body: ProductCreate,
			response: { 201: ProductOut, ...problems(400, 401, 403, 409, 415) }
		}
	}, async (request, reply) => {
		const product = await save(shopOf(request), request.body);
		return reply.code(201).send(product);
	});

	app.get('/products/:sku', {
		config: { access: 'staff' },
		schema: { tags, summary: 'One product with its stock on hand', params: SkuParams, response: { 200: ProductOut, ...problems(401, 403, 404) } }
	}, async (request) => {
		const { repo } = shopOf(request);
		return productOut(repo, await productBySku(repo, request.params.sku));
	});

	app.patch('/products/:sku', {
		config: { access: 'admin' },
		schema: {
			tags, summary: 'Change a product', params: SkuParams, body: ProductPatch,
			response: { 200: ProductOut, ...problems(400, 401, 403, 404, 409, 415) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		return save(shop, request.body, await productBySku(shop.repo, request.params.sku));
	});

	app.delete('/products/:sku', {
		config: { access: 'admin' },
		schema: {
			tags, summary: 'Delete a product, or archive it when it has history',
			description: 'A product that any movement, sale or purchase order names is archived (active=false: hidden from the till and the catalogue, its ledger and sales kept, PATCH active=true brings it back). One that nothing names is deleted.',
			params: SkuParams,
			response: { 200: ProductDeleted, ...problems(401, 403, 404) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const p = await productBySku(shop.repo, request.params.sku);
		if (!(await productHasHistory(shop, p.id)) && (await deleteUnusedProduct(shop, p.id))) return { sku: p.sku, outcome: 'deleted' as const, product: null };
		const archived: Product = { ...p, active: false, updatedAt: nowLocal() };
		await shop.repo.putProduct(archived);
		return { sku: p.sku, outcome: 'archived' as const, product: await productOut(shop.repo, archived) };
	});
}
