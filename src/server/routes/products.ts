// /api/v1/products: the catalogue by SKU. Validation and duplicate checks are the core's
// (catalog.ts saveProduct, the same as the app's product form); staff read, admins write.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ProductCreate, ProductDeleted, ProductOut, ProductPage, ProductPatch, ProductQuery, PRODUCT_FIELDS, productJson, SkuParams } from '../../core/api/catalog';
import { fieldErrors, moneyText, pageByCode } from '../../core/api/common';
import { problems } from '../../core/api/problem';
import { emptyProductForm, productToForm, saveProductEntry, type ProductForm } from '../../core/catalog';
import { TILL_SETTINGS_KEY, tillSettingsOf, type TillSettings } from '../../core/till/settings';
import { buildRows, defaultCatalogueQuery, filterRows, sortRows } from '../../core/product-list';
import { nowLocal } from '../../core/time';
import type { Product, Supplier } from '../../core/types';
import { isStyle } from '../../core/variants';
import { conflict, invalid } from '../problem';
import { deleteUnusedProduct, productBySku, productHasHistory, sameName, supplierField } from '../queries/catalog';
import { withVariantFields } from '../queries/variants';
import { rejected, shopOf, type Shop } from '../queries/scope';

const tags = ['products'];

type ProductFields = z.infer<typeof ProductPatch>;

const numberText = (n: number | null | undefined, keep: string) => (n === undefined ? keep : n === null ? '' : String(n));

/** The API's fields laid over a product form (text as the core's validation reads it). */
function formWith(form: ProductForm, b: ProductFields, supplier: Supplier | null | undefined, subject: Product | undefined): ProductForm {
	// A variant's price: the one sent (its own), the style's (own_price false: the field empty), or the one it has, now its own.
	const unitPrice = b.unit_price !== undefined ? moneyText(b.unit_price)
		: b.own_price === false ? '' : b.own_price === true && subject ? moneyText(subject.unitPrice) : form.unitPrice;
	return {
		sku: b.sku ?? form.sku,
		barcode: b.barcode ?? form.barcode,
		name: b.name ?? form.name,
		category: b.category ?? form.category,
		unitPrice,
		unitCost: b.unit_cost === undefined ? form.unitCost : moneyText(b.unit_cost),
		supplierId: supplier === undefined ? form.supplierId : supplier?.id ?? '',
		leadTimeDays: numberText(b.lead_time_days, form.leadTimeDays),
		minOrderQty: numberText(b.min_order_qty, form.minOrderQty),
		packSize: numberText(b.pack_size, form.packSize),
		reorderPoint: numberText(b.reorder_point, form.reorderPoint),
		active: b.active ?? form.active,
		...(b.tax_rate === undefined ? {} : { taxRate: b.tax_rate === null ? '' : String(b.tax_rate) }),
		...(b.options === undefined ? (form.options ? { options: form.options } : {}) : { options: b.options.map((o) => ({ name: o.name, values: o.values.join(', ') })) })
	};
}

/** Saves through the core (a style's variants with it); its field errors become 409 (a SKU or barcode taken) or 400. */
async function save(shop: Shop, b: ProductFields, existing?: Product): Promise<z.infer<typeof ProductOut>> {
	if (b.own_price === false && b.unit_price !== undefined) throw invalid('body.own_price', 'false takes the style\'s price: leave unit_price out, or send own_price true');
	const supplier = b.supplier === undefined ? undefined : await supplierField(shop.repo, b.supplier);
	const subject = await withVariantFields(shop.repo, b, existing);
	const base = subject ? productToForm(subject) : emptyProductForm();
	const rules = await tillRules(shop.repo);
	const result = await saveProductEntry(shop.repo, formWith(base, b, supplier, subject), subject, rules);
	if (!result.ok) {
		if (result.errors.sku === 'duplicate') throw conflict('sku', b.sku ?? '', `another product already has the SKU "${b.sku}"`);
		if (result.errors.barcode === 'duplicate') throw conflict('barcode', b.barcode ?? '', `another product already has the barcode "${b.barcode}"`);
		if (result.errors.options === 'duplicate') throw conflict('options', '', 'a variant\'s SKU made from the style\'s was taken meanwhile: send the request again');
		throw rejected(fieldErrors(result.errors, PRODUCT_FIELDS));
	}
	return productOut(shop.repo, result.value, rules.defaultTaxRate);
}

/** The shop's tax rates (setting shop.till), which a product's rate must be one of. */
async function tillRules(repo: Shop['repo']) {
	return tillSettingsOf(await repo.getSetting<Partial<TillSettings>>(TILL_SETTINGS_KEY));
}

/** Stock on hand; a style's is its variants' summed (as the catalogue list shows it). */
async function onHandOf(repo: Shop['repo'], p: Product): Promise<number> {
	if (!isStyle(p)) return repo.stockOf(p.id);
	const [products, levels] = await Promise.all([repo.listProducts(), repo.stockLevels()]);
	return buildRows(products.filter((v) => v.id === p.id || v.variantOf === p.id), levels, []).find((r) => r.product.id === p.id)?.onHand ?? 0;
}

/** A product as the API shows it, with its stock on hand, supplier's name and style's SKU. */
async function productOut(repo: Shop['repo'], p: Product, defaultTaxRate?: number): Promise<z.infer<typeof ProductOut>> {
	const [onHand, supplier, style, rate] = await Promise.all([
		onHandOf(repo, p), p.supplierId ? repo.getSupplier(p.supplierId) : undefined, p.variantOf ? repo.getProduct(p.variantOf) : undefined,
		defaultTaxRate ?? tillRules(repo).then((r) => r.defaultTaxRate)
	]);
	return productJson(p, { onHand, supplierName: supplier?.name ?? null, styleSku: style?.sku ?? null, defaultTaxRate: rate });
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
		const [products, levels, suppliers, rules] = await Promise.all([repo.listProducts(), repo.stockLevels(), repo.listSuppliers(), tillRules(repo)]);
		const skus = new Map(products.map((p) => [p.id, p.sku]));
		const filtered = filterRows(buildRows(products, levels, suppliers), {
			...defaultCatalogueQuery(), text: q ?? '', category: category ?? '', lowOnly: low === true, showArchived: true
		}).filter((r) => (active === undefined || r.product.active === active) && (supplier === undefined || sameName(r.supplierName, supplier)));
		const page = pageByCode(sortRows(filtered, 'sku', 'asc'), (r) => r.product.sku, cursor, limit);
		if (!page) throw invalid('query.cursor', 'not a cursor this API returned');
		return {
			items: page.items.map((r) => productJson(r.product, {
				onHand: r.onHand, supplierName: r.supplierName || null, styleSku: r.product.variantOf ? skus.get(r.product.variantOf) ?? null : null, defaultTaxRate: rules.defaultTaxRate
			})),
			next_cursor: page.next_cursor
		};
	});

	app.post('/products', {
		config: { access: 'admin' },
		schema: {
			tags, summary: 'Add a product',
			description: '409 when another product has the SKU (or the barcode); 400 names the field, e.g. body.supplier for an unknown supplier. With options the product is a style and its variants (every combination, SKUs made from the style\'s) are made with it; with variant_of and option_values it is a variant of that style (409 when the style already has a variant with those values), priced as the style unless unit_price is sent.',
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
			description: 'A style\'s changes reach its variants (the price of those that follow it, the fields they still share with it) and new option values make the missing variants. variant_of makes a product a variant of a style (option_values required) or, null, a product of its own.',
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
		// A style's variants name it: it is archived like a product with history.
		const variants = isStyle(p) && (await shop.repo.listProducts()).some((v) => v.variantOf === p.id);
		if (!variants && !(await productHasHistory(shop, p.id)) && (await deleteUnusedProduct(shop, p.id))) return { sku: p.sku, outcome: 'deleted' as const, product: null };
		const archived: Product = { ...p, active: false, updatedAt: nowLocal() };
		await shop.repo.putProduct(archived);
		return { sku: p.sku, outcome: 'archived' as const, product: await productOut(shop.repo, archived) };
	});
}
