// /api/v1/movements: the stock ledger. Receiving goods, adjusting with a reason and counting go
// through the core's stock operations (core/stock-ops.ts), which write movements, never levels;
// the list pages the ledger newest first.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { DayNumber, ProductId } from '../../core/brand';
import { decodeTimeKey, encodeTimeKey, lineErrors } from '../../core/api/common';
import { problems } from '../../core/api/problem';
import { AdjustInput, CountInput, MovementPage, movementJson, MovementQuery, ReceiveInput, StockOperationOut, STOCK_LINE_FIELDS } from '../../core/api/stock';
import { roundQty } from '../../core/ledger';
import { adjustStock, receiveGoods, recordCount, type StockOpResult } from '../../core/stock-ops';
import { nowLocal, startOfDay } from '../../core/time';
import type { Product } from '../../core/types';
import { caller } from '../context';
import { invalid } from '../problem';
import { lineProducts, productBySku, productLabels, supplierField } from '../queries/catalog';
import { API_DEVICE, rejected, shopOf, type Shop } from '../queries/scope';

const tags = ['movements'];

type Operation = z.infer<typeof StockOperationOut>;

/**
 * Runs a stock operation of the core and answers with its movements and each product's stock
 * before and after; the core's line errors are 400s named with the API's fields.
 */
async function operate(shop: Shop, products: readonly Product[], work: () => Promise<StockOpResult>, names: Record<string, string>, list: string | null = 'lines'): Promise<Operation> {
	const unique = [...new Map(products.map((p) => [p.id, p])).values()];
	const stockOf = () => Promise.all(unique.map((p) => shop.repo.stockOf(p.id)));
	const before = await stockOf();
	const result = await work();
	if (!result.ok) throw rejected(lineErrors(result.errors, names, list));
	const after = await stockOf();
	const skuOf = new Map<ProductId, string>(unique.map((p) => [p.id, p.sku]));
	return {
		movements: result.movements.map((m) => movementJson(m, skuOf.get(m.productId) ?? '')),
		stock: unique.map((p, i) => ({ sku: p.sku, before: before[i], on_hand: after[i] }))
	};
}

const operationSchema = <B extends z.ZodType>(summary: string, description: string, body: B) => ({
	tags, summary, description, body, response: { 201: StockOperationOut, ...problems(400, 401, 403, 415) }
});

export default async function movementsRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();

	app.post('/movements/receive', {
		config: { access: 'staff' },
		schema: operationSchema('Receive goods', 'One purchase movement per line. A line\'s unit_cost becomes the product\'s unit cost. For goods ordered on a purchase order, POST /purchase-orders/{number}/receive instead.', ReceiveInput)
	}, async (request, reply) => {
		const shop = shopOf(request);
		const b = request.body;
		const supplier = await supplierField(shop.repo, b.supplier);
		const products = await lineProducts(shop, b.lines);
		const lines = b.lines.map((l, i) => ({ productId: products[i].id, quantity: roundQty(l.quantity) }));
		const done = await operate(shop, products, () => receiveGoods(shop.repo, supplier?.id ?? null, b.reference ?? '', lines, b.device ?? API_DEVICE, caller(request).username), STOCK_LINE_FIELDS);
		const costs = new Map(b.lines.flatMap((l, i) => (l.unit_cost === undefined || l.unit_cost === products[i].unitCost ? [] : [[products[i].id, { product: products[i], cost: l.unit_cost }] as const])));
		for (const { product, cost } of costs.values()) await shop.repo.putProduct({ ...product, unitCost: cost, updatedAt: nowLocal() });
		return reply.code(201).send(done);
	});

	app.post('/movements/adjust', {
		config: { access: 'staff' },
		schema: operationSchema('Adjust stock with a reason', 'A signed correction (breakage, theft, a gift, units found) with the reason written down; quantity may not be zero.', AdjustInput)
	}, async (request, reply) => {
		const shop = shopOf(request);
		const b = request.body;
		const product = await productBySku(shop.repo, b.sku);
		const done = await operate(shop, [product], () => adjustStock(shop.repo, product.id, roundQty(b.quantity), b.reason ?? b.note ?? '', b.device ?? API_DEVICE, caller(request).username), STOCK_LINE_FIELDS, null);
		return reply.code(201).send(done);
	});

	app.post('/movements/count', {
		config: { access: 'staff' },
		schema: operationSchema('Record a stock count', 'Each counted product gets the count movement that brings its stock to what was counted; products already right get none. Products not listed keep their stock.', CountInput)
	}, async (request, reply) => {
		const shop = shopOf(request);
		const b = request.body;
		const products = await lineProducts(shop, b.lines);
		const seen = new Map<string, number>();
		b.lines.forEach((l, i) => {
			const first = seen.get(products[i].id);
			if (first !== undefined) throw invalid(`body.lines.${i}.sku`, `"${l.sku}" is already counted on line ${first}`);
			seen.set(products[i].id, i);
		});
		const counted = b.lines.map((l, i) => ({ productId: products[i].id, quantity: roundQty(l.counted) }));
		const done = await operate(shop, products, () => recordCount(shop.repo, counted, b.reference ?? '', b.device ?? API_DEVICE, caller(request).username), { ...STOCK_LINE_FIELDS, quantity: 'counted' });
		return reply.code(201).send(done);
	});

	app.get('/movements', {
		config: { access: 'staff' },
		schema: {
			tags, summary: 'The stock ledger, newest first, a page at a time',
			description: 'from and to are days, both inclusive. An unknown sku gives an empty list. Pass next_cursor back as ?cursor= for the next page.',
			querystring: MovementQuery,
			response: { 200: MovementPage, ...problems(400, 401, 403) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const { sku, from, to, cursor, limit } = request.query;
		const after = cursor === undefined ? undefined : decodeTimeKey(cursor);
		if (cursor !== undefined && !after) throw invalid('query.cursor', 'not a cursor this API returned');
		const product = sku === undefined ? undefined : await shop.repo.getProductBySku(sku);
		if (sku !== undefined && !product) return { items: [], next_cursor: null };
		const page = await shop.repo.movementsPage({
			productId: product?.id, after, limit,
			fromAt: from === undefined ? undefined : startOfDay(from),
			toAt: to === undefined ? undefined : startOfDay((to + 1) as DayNumber) - 1
		});
		const labels = await productLabels(shop, page.items.map((m) => m.productId));
		return { items: page.items.map((m) => movementJson(m, labels.get(m.productId)?.sku ?? '')), next_cursor: page.next ? encodeTimeKey(page.next) : null };
	});
}
