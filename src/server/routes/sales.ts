// /api/v1/sales: ringing up a sale with the till's rules (core/selling.ts recordSale: the sale's
// block, its movements, stock and daily totals in one transaction), never refused for lack of
// stock; one sale by invoice; the history filtered and paged newest first.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Cents, CustomerId, ProductId } from '../../core/brand';
import { decodeTimeKey, encodeTimeKey, lineErrors } from '../../core/api/common';
import { problems } from '../../core/api/problem';
import { IdempotencyHeaders, InvoiceParams, SaleCreate, SaleCreated, SaleOut, SalePage, SaleQuery, SALE_LINE_FIELDS } from '../../core/api/sales';
import { roundQty } from '../../core/ledger';
import { recordSale, validateSaleDraft, type SaleDraft } from '../../core/selling';
import { nowLocal } from '../../core/time';
import type { Sale } from '../../core/types';
import { idempotent, type Outcome } from '../idempotency';
import { conflict, invalid, notFound } from '../problem';
import { findCustomer, lineProducts } from '../queries/catalog';
import { nextInvoiceNumber, saleByInvoice, salesJson } from '../queries/sales';
import { API_DEVICE, rejected, shopOf, type Shop } from '../queries/scope';

const tags = ['sales'];

type Created = z.infer<typeof SaleCreated>;

/** The stored sale, with the products now at or below zero on hand: the till warns, it never refuses. */
async function createdOutcome(shop: Shop, sale: Sale): Promise<Outcome<Created>> {
	const [json] = await salesJson(shop, [sale]);
	const skuOf = new Map<ProductId, string>(sale.lines.map((l, i) => [l.productId, json.lines[i].sku]));
	const levels = await Promise.all([...skuOf.keys()].map(async (id) => ({ sku: skuOf.get(id)!, on_hand: await shop.repo.stockOf(id) })));
	return { status: 201, body: { ...json, warnings: levels.filter((l) => l.on_hand <= 0) } };
}

/** Reads the body into the core's sale draft; unknown SKUs, customers and archived products are 400s. */
async function draftOf(shop: Shop, b: z.infer<typeof SaleCreate>): Promise<SaleDraft> {
	const products = await lineProducts(shop, b.lines);
	products.forEach((p, i) => {
		if (!p.active) throw invalid(`body.lines.${i}.sku`, `product "${p.sku}" is archived: make it active again to sell it`);
	});
	let customerId: CustomerId | null = null;
	if (b.customer !== undefined) {
		const customer = await findCustomer(shop, b.customer);
		if (!customer) throw invalid('body.customer', `no customer with code "${b.customer}"`);
		customerId = customer.id;
	}
	const draft: SaleDraft = {
		customerId,
		at: b.at ?? nowLocal(),
		lines: b.lines.map((l, i) => ({
			productId: products[i].id, quantity: roundQty(l.quantity),
			unitPrice: l.unit_price ?? products[i].unitPrice, discount: l.discount ?? (0 as Cents)
		}))
	};
	const errors = validateSaleDraft(draft);
	if (errors.length) throw rejected(lineErrors(errors, SALE_LINE_FIELDS));
	return draft;
}

export default async function salesRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();

	app.post('/sales', {
		config: { access: 'staff' },
		schema: {
			tags, summary: 'Ring up a sale',
			description: 'As at the till: never refused for lack of stock (stock goes negative; `warnings` names the products now at or below zero, and the health alerts pick them up). The sale, its stock movements, stock and daily totals are stored in one transaction. With an Idempotency-Key, a retry with the same key and body answers the first response again (header Idempotent-Replayed: true) and creates nothing; the same key with another body is a 422.',
			headers: IdempotencyHeaders,
			body: SaleCreate,
			response: { 201: SaleCreated, ...problems(400, 401, 403, 409, 415, 422) }
		}
	}, async (request, reply) => {
		const shop = shopOf(request);
		const b = request.body;
		const device = b.device ?? API_DEVICE;
		return idempotent<Created>(shop.sql, shop.shopId, request, reply, {
			async run(mark) {
				const draft = await draftOf(shop, b);
				if (b.invoice !== undefined && (await saleByInvoice(shop, b.invoice))) throw conflict('invoice', b.invoice, `a sale with invoice "${b.invoice}" already exists`);
				const invoice = b.invoice ?? (await nextInvoiceNumber(shop, device));
				await mark(invoice);
				const result = await recordSale(shop.repo, { ...draft, invoice }, device);
				if (!result.ok) throw rejected(lineErrors(result.errors, SALE_LINE_FIELDS));
				return createdOutcome(shop, result.sale);
			},
			async recover(invoice) {
				const sale = await saleByInvoice(shop, invoice);
				return sale ? createdOutcome(shop, sale) : null;
			}
		});
	});

	app.get('/sales/:invoice', {
		config: { access: 'staff' },
		schema: { tags, summary: 'One sale by its invoice number', params: InvoiceParams, response: { 200: SaleOut, ...problems(401, 403, 404) } }
	}, async (request) => {
		const shop = shopOf(request);
		const sale = await saleByInvoice(shop, request.params.invoice);
		if (!sale) throw notFound('sale', request.params.invoice);
		return (await salesJson(shop, [sale]))[0];
	});

	app.get('/sales', {
		config: { access: 'staff' },
		schema: {
			tags, summary: 'Sales, newest first, a page at a time',
			description: 'from and to are days, both inclusive; sku keeps the sales with a line of that product (all their lines are shown); customer is the customer\'s code. An unknown sku or customer gives an empty list. Pass next_cursor back as ?cursor= for the next page.',
			querystring: SaleQuery,
			response: { 200: SalePage, ...problems(400, 401, 403) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const { from, to, sku, customer, cursor, limit } = request.query;
		const after = cursor === undefined ? undefined : decodeTimeKey(cursor);
		if (cursor !== undefined && !after) throw invalid('query.cursor', 'not a cursor this API returned');
		const [product, buyer] = await Promise.all([
			sku === undefined ? undefined : shop.repo.getProductBySku(sku),
			customer === undefined ? undefined : findCustomer(shop, customer)
		]);
		if ((sku !== undefined && !product) || (customer !== undefined && !buyer)) return { items: [], next_cursor: null };
		const page = await shop.repo.salesPage({ fromDay: from, toDay: to, productId: product?.id, customerId: buyer?.id, after, limit });
		return { items: await salesJson(shop, page.items), next_cursor: page.next ? encodeTimeKey(page.next) : null };
	});
}
