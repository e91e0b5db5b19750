// /api/v1/purchase-orders: what the shop orders from its suppliers, by order number. Drafts come
// from explicit lines or from the reorder suggestions of the latest stored forecast run (as the
// app's Orders screen makes them); accepting, receiving and cancelling are the core's use cases
// (core/purchase-orders), whose state rules answer 409 here.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Cents, ProductId } from '../../core/brand';
import { dateText, lineErrors } from '../../core/api/common';
import { problems } from '../../core/api/problem';
import {
	FromSuggestionsInput, FromSuggestionsOut, ORDER_LINE_FIELDS, PurchaseOrderAccept, PurchaseOrderCreate, PurchaseOrderList, PurchaseOrderOut,
	PurchaseOrderParams, PurchaseOrderQuery, PurchaseOrderReceive, purchaseOrderJson
} from '../../core/api/purchase-orders';
import { forecastsFromRun } from '../../core/forecast-runs';
import { roundQty } from '../../core/ledger';
import { checkOrderLines, draftPurchaseOrder, editDraftLines, PurchaseOrderStateError, type PurchaseOrder, type PurchaseOrderLine } from '../../core/purchase-orders/purchase-order';
import { cancelPurchaseOrder, receivePurchaseOrder, sendPurchaseOrder } from '../../core/purchase-orders/use-cases';
import { draftOrdersFromSuggestions } from '../../core/reorder/drafts';
import { loadReorderPlan } from '../../core/reorder/load';
import { nowLocal } from '../../core/time';
import { isStyle } from '../../core/variants';
import { SqlForecastStore } from '../../sql/sql-forecast-store';
import { HttpProblem, invalid, notFound } from '../problem';
import { lineProducts, productLabels, supplierField, supplierNames } from '../queries/catalog';
import { API_DEVICE, rejected, shopOf, type Shop } from '../queries/scope';

const tags = ['purchase-orders'];

type OrderJson = z.infer<typeof PurchaseOrderOut>;
type LineInput = { sku: string; quantity: number; unit_cost?: Cents };

async function ordersJson(shop: Shop, orders: readonly PurchaseOrder[]): Promise<OrderJson[]> {
	const [labels, names] = await Promise.all([productLabels(shop, orders.flatMap((o) => o.lines.map((l) => l.productId))), supplierNames(shop.repo)]);
	return orders.map((o) => purchaseOrderJson(o, labels, o.supplierId ? names.get(o.supplierId) ?? null : null));
}

const orderJson = async (shop: Shop, order: PurchaseOrder) => (await ordersJson(shop, [order]))[0];

async function orderByNumber(shop: Shop, number: string): Promise<PurchaseOrder> {
	const row = await shop.sql.db.selectFrom('purchase_orders').select('id').where('shop_id', '=', shop.shopId).where('number', '=', number).executeTakeFirst();
	const order = row && (await shop.repo.getPurchaseOrder(row.id));
	if (!order) throw notFound('purchase order', number);
	return order;
}

/** Lines by SKU as the core's order lines, checked by the core (each product once, positive quantities). */
async function orderLines(shop: Shop, lines: readonly LineInput[]): Promise<Pick<PurchaseOrderLine, 'productId' | 'quantity' | 'unitCost'>[]> {
	const products = await lineProducts(shop, lines);
	const out = lines.map((l, i) => ({ productId: products[i].id, quantity: roundQty(l.quantity), unitCost: l.unit_cost ?? products[i].unitCost }));
	const errors = checkOrderLines(out, new Set(products.filter(isStyle).map((p) => p.id)));
	if (errors.length) throw rejected(lineErrors(errors, ORDER_LINE_FIELDS));
	return out;
}

/** The core refused: a status change the order's state does not allow is a 409 saying why, a bad quantity a 400. */
async function orderRules<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof PurchaseOrderStateError) {
			throw new HttpProblem(409, 'wrong-state', 'Conflict', `cannot ${e.action} a purchase order that is ${e.status}`, [{ field: 'status', reason: `is ${e.status}` }]);
		}
		if (e instanceof RangeError) throw invalid('body.lines', e.message);
		throw e;
	}
}

/** Stores a new draft; its number (day and four characters of its id) is made again in the rare case it is taken. */
async function storeDraft(shop: Shop, make: () => PurchaseOrder): Promise<PurchaseOrder> {
	for (let attempt = 0; ; attempt++) {
		const order = make();
		const taken = await shop.sql.db.selectFrom('purchase_orders').select('id').where('shop_id', '=', shop.shopId).where('number', '=', order.number).executeTakeFirst();
		if (!taken || attempt >= 8) {
			await shop.repo.putPurchaseOrder(order);
			return order;
		}
	}
}

const numberParams = { params: PurchaseOrderParams };

export default async function purchaseOrdersRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();

	app.get('/purchase-orders', {
		config: { access: 'staff' },
		schema: { tags, summary: 'Purchase orders, newest first', querystring: PurchaseOrderQuery, response: { 200: PurchaseOrderList, ...problems(400, 401, 403) } }
	}, async (request) => {
		const shop = shopOf(request);
		const { status } = request.query;
		const orders = (await shop.repo.listPurchaseOrders()).filter((o) => status === undefined || o.status === status)
			.sort((a, b) => b.createdAt - a.createdAt || a.number.localeCompare(b.number));
		return ordersJson(shop, orders);
	});

	app.get('/purchase-orders/:number', {
		config: { access: 'staff' },
		schema: { tags, summary: 'One purchase order', ...numberParams, response: { 200: PurchaseOrderOut, ...problems(401, 403, 404) } }
	}, async (request) => {
		const shop = shopOf(request);
		return orderJson(shop, await orderByNumber(shop, request.params.number));
	});

	app.post('/purchase-orders', {
		config: { access: 'admin' },
		schema: {
			tags, summary: 'Make a draft purchase order with explicit lines', description: 'Each product once; unit_cost defaults to the product\'s. Accept it to send it.',
			body: PurchaseOrderCreate, response: { 201: PurchaseOrderOut, ...problems(400, 401, 403, 415) }
		}
	}, async (request, reply) => {
		const shop = shopOf(request);
		const b = request.body;
		const supplier = await supplierField(shop.repo, b.supplier);
		const lines = await orderLines(shop, b.lines);
		const order = await storeDraft(shop, () => draftPurchaseOrder(supplier?.id ?? null, lines, nowLocal(), b.device ?? API_DEVICE, b.note ?? ''));
		return reply.code(201).send(await orderJson(shop, order));
	});

	app.post('/purchase-orders/from-suggestions', {
		config: { access: 'admin' },
		schema: {
			tags, summary: 'Make draft orders from the reorder suggestions',
			description: 'One draft per supplier from the suggestions of the latest stored forecast run (stock on hand and on order against the forecast over each lead time, with safety stock, rounded to packs and minimum orders), as the app\'s Orders screen makes them. 409 when no forecast has been made yet: train one first.',
			body: FromSuggestionsInput,
			response: { 201: FromSuggestionsOut, ...problems(400, 401, 403, 409, 415) }
		}
	}, async (request, reply) => {
		const shop = shopOf(request);
		const b = request.body;
		const supplier = b.supplier === undefined ? undefined : await supplierField(shop.repo, b.supplier);
		const run = await new SqlForecastStore(shop.sql, shop.shopId).latestRun();
		if (!run) throw new HttpProblem(409, 'no-forecast', 'No forecast yet', 'reorder suggestions need a demand forecast: train one first (the forecast endpoints), then ask again');
		const plan = await loadReorderPlan(shop.repo, [...forecastsFromRun(run).values()], {
			...(b.service_level === undefined ? {} : { serviceLevel: b.service_level }),
			...(b.cover_days === undefined ? {} : { targetCoverDays: b.cover_days })
		});
		const suggestions = plan.suggestions.filter((s) => supplier === undefined || s.supplierId === supplier?.id);
		const now = nowLocal();
		const orders: PurchaseOrder[] = [];
		for (const draft of draftOrdersFromSuggestions(suggestions, now, b.device ?? API_DEVICE)) {
			orders.push(await storeDraft(shop, () => draftPurchaseOrder(draft.supplierId, draft.lines, now, draft.deviceId)));
		}
		return reply.code(201).send({
			orders: await ordersJson(shop, orders),
			forecast: { run: run.id, from: dateText(run.fromDay), horizon: run.horizon },
			without_forecast: plan.withoutForecast.length
		});
	});

	app.post('/purchase-orders/:number/accept', {
		config: { access: 'admin' },
		schema: {
			tags, summary: 'Send a draft: it becomes stock on order', description: 'Optionally with the lines replaced first. 409 unless the order is a draft.',
			...numberParams, body: PurchaseOrderAccept.optional(), response: { 200: PurchaseOrderOut, ...problems(400, 401, 403, 404, 409, 415) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		let order = await orderByNumber(shop, request.params.number);
		const now = nowLocal();
		const edit = request.body?.lines;
		if (edit !== undefined) {
			const lines = await orderLines(shop, edit);
			order = await orderRules(async () => editDraftLines(order, lines, now));
			await shop.repo.putPurchaseOrder(order);
		}
		const sent = await orderRules(() => sendPurchaseOrder(shop.repo, order.id, now));
		return orderJson(shop, sent);
	});

	app.post('/purchase-orders/:number/receive', {
		config: { access: 'staff' },
		schema: {
			tags, summary: 'The goods of a sent order arrived',
			description: 'One purchase movement per line that brought units, referenced by the order number. lines lists only what differs from the order. 409 unless the order is ordered.',
			...numberParams, body: PurchaseOrderReceive.optional(), response: { 200: PurchaseOrderOut, ...problems(400, 401, 403, 404, 409, 415) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const order = await orderByNumber(shop, request.params.number);
		const lines = request.body?.lines ?? [];
		const products = await lineProducts(shop, lines);
		const received = new Map<ProductId, number>();
		lines.forEach((l, i) => {
			const p = products[i];
			if (!order.lines.some((ol) => ol.productId === p.id)) throw invalid(`body.lines.${i}.sku`, `"${p.sku}" is not on purchase order ${order.number}: receive it separately (POST /movements/receive)`);
			if (!(l.quantity >= 0)) throw invalid(`body.lines.${i}.quantity`, 'cannot be negative (negative)');
			received.set(p.id, roundQty(l.quantity));
		});
		const done = await orderRules(() => receivePurchaseOrder(shop.repo, order.id, request.body?.device ?? API_DEVICE, received, nowLocal()));
		return orderJson(shop, done);
	});

	app.post('/purchase-orders/:number/cancel', {
		config: { access: 'admin' },
		schema: {
			tags, summary: 'Cancel a draft or a sent order', description: '409 when it was already received or cancelled.',
			...numberParams, response: { 200: PurchaseOrderOut, ...problems(401, 403, 404, 409) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const order = await orderByNumber(shop, request.params.number);
		return orderJson(shop, await orderRules(() => cancelPurchaseOrder(shop.repo, order.id)));
	});
}
