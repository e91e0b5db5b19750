// /api/v1/sales: ringing up a sale with the till's rules (core/selling.ts validateSaleDraft), never
// refused for lack of stock: the sale's block, its movements, stock and daily totals, the invoice
// counter and the Idempotency-Key in one transaction. One sale by invoice; the history filtered
// and paged newest first.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Cents, SaleId } from '../../core/brand';
import { decodeTimeKey, encodeTimeKey, lineErrors, reasonOf } from '../../core/api/common';
import { problems } from '../../core/api/problem';
import { IdempotencyHeaders, InvoiceParams, SaleCreate, SaleCreated, SaleOut, SalePage, SaleQuery, SALE_LINE_FIELDS } from '../../core/api/sales';
import { newId } from '../../core/ids';
import { movementsForSale, roundQty } from '../../core/ledger';
import { buildBlock } from '../../core/sale-blocks';
import { validateSaleDraft, type SaleDraft } from '../../core/selling';
import { nowLocal } from '../../core/time';
import { taxRateOf } from '../../core/till/settings';
import type { Customer, Product, Sale } from '../../core/types';
import { isStyle } from '../../core/variants';
import { caller } from '../context';
import { checkPayments, checkReturnOf, taxLines, tillSettingsIn } from '../queries/sale-rules';
import type { Db } from '../../sql/database';
import { idempotent, type Outcome } from '../idempotency';
import { conflict, invalid, notFound } from '../problem';
import { findCustomer, lineProducts, type ShopScope } from '../queries/catalog';
import { nextInvoiceNumber, saleByInvoice, saleJson, salesJson } from '../queries/sales';
import { API_DEVICE, rejected, shopOf, type Shop } from '../queries/scope';

const tags = ['sales'];

type Created = z.infer<typeof SaleCreated>;

/** The body read into the core's sale draft, with the products and customer it names (read once, reused for the reply). */
interface Read {
	draft: SaleDraft;
	products: Product[];
	customer: Customer | undefined;
}

/** Reads the body into the core's sale draft; unknown SKUs, customers and archived products are 400s. */
async function draftOf(scope: ShopScope, b: z.infer<typeof SaleCreate>): Promise<Read> {
	const products = await lineProducts(scope, b.lines);
	products.forEach((p, i) => {
		if (!p.active) throw invalid(`body.lines.${i}.sku`, `product "${p.sku}" is archived: make it active again to sell it`);
		if (isStyle(p)) throw invalid(`body.lines.${i}.sku`, reasonOf('is_style'));
	});
	const customer = b.customer === undefined ? undefined : await findCustomer(scope, b.customer);
	if (b.customer !== undefined && !customer) throw invalid('body.customer', `no customer with code "${b.customer}"`);
	const draft: SaleDraft = {
		customerId: customer?.id ?? null,
		at: b.at ?? nowLocal(),
		lines: b.lines.map((l, i) => ({
			productId: products[i].id, quantity: roundQty(l.quantity),
			unitPrice: l.unit_price ?? products[i].unitPrice, discount: l.discount ?? (0 as Cents)
		}))
	};
	const errors = validateSaleDraft(draft);
	if (errors.length) throw rejected(lineErrors(errors, SALE_LINE_FIELDS));
	return { draft, products, customer };
}

/**
 * Rings up the sale inside `trx` (the transaction that also holds its Idempotency-Key): the
 * products are read once, for the draft, the costs of the daily totals and the reply; the invoice
 * counter moves in the same transaction; the warnings come from the stock upserts' returned levels.
 */
async function ringUp(shop: Shop, trx: Db, b: z.infer<typeof SaleCreate>, username: string): Promise<Outcome<Created>> {
	const scope: ShopScope = { sql: { ...shop.sql, db: trx }, shopId: shop.shopId };
	const { draft, products, customer } = await draftOf(scope, b);
	if (b.invoice !== undefined && (await saleByInvoice(scope, b.invoice))) throw conflict('invoice', b.invoice, `a sale with invoice "${b.invoice}" already exists`);
	const settings = await tillSettingsIn(scope);
	const rates = b.lines.map((l, i) => l.tax_rate ?? taxRateOf(products[i], settings));
	const taxed = taxLines(draft.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, discount: l.discount })), rates, settings.pricesIncludeTax);
	if (b.payments) checkPayments(b.payments, taxed.total);
	if (b.return_of !== undefined) await checkReturnOf(scope, b.return_of, taxed.lines, products);
	const deviceId = b.device ?? API_DEVICE;
	const sale: Sale = {
		id: newId() as SaleId, invoice: b.invoice ?? (await nextInvoiceNumber(scope, deviceId)), at: draft.at!, customerId: draft.customerId, deviceId,
		lines: taxed.lines, cashier: b.cashier ?? username,
		...(b.payments ? { payments: b.payments } : {}), ...(b.return_of ? { returnOf: b.return_of } : {}),
		...(settings.pricesIncludeTax ? {} : { taxExcluded: true })
	};
	const levels = await shop.repo.appendSalesIn(trx, { blocks: [buildBlock(newId(), [sale], 'pos')], movements: movementsForSale(sale) },
		new Map(products.map((p) => [p.id, p.unitCost])));
	const labels = new Map(products.map((p) => [p.id, { sku: p.sku, name: p.name }]));
	const warnings = [...new Set(sale.lines.map((l) => l.productId))].map((id) => ({ sku: labels.get(id)!.sku, on_hand: levels.get(id) ?? 0 }))
		.filter((l) => l.on_hand <= 0);
	const codes = new Map(customer ? [[customer.id, customer.code]] : []);
	return { status: 201, body: { ...saleJson(sale, labels, codes), warnings } };
}

export default async function salesRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();

	app.post('/sales', {
		config: { access: 'staff' },
		schema: {
			tags, summary: 'Ring up a sale',
			description: 'Tax as at the till: each line at its tax_rate (default the product\'s, else the shop\'s default), the tax of each rate on the sale shared over its lines to the cent; prices include tax unless the shop set otherwise. payments, when sent, must add up to the total; return_of names the sale the negative lines give back (never more than it sold). As at the till: never refused for lack of stock (stock goes negative; `warnings` names the products now at or below zero, and the health alerts pick them up). The sale, its stock movements, stock and daily totals are stored in one transaction. With an Idempotency-Key, a retry with the same key and body answers the first response again (header Idempotent-Replayed: true) and creates nothing; the same key with another body is a 422.',
			headers: IdempotencyHeaders,
			body: SaleCreate,
			response: { 201: SaleCreated, ...problems(400, 401, 403, 409, 415, 422) }
		}
	}, async (request, reply) => {
		const shop = shopOf(request);
		return idempotent<Created>(shop.sql, shop.shopId, request, reply, (trx) => ringUp(shop, trx, request.body, caller(request).username));
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
