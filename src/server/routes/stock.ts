// /api/v1/stock: stock on hand, as `inventario stock --json` prints it (core/stock-report.ts). Reads
// only what they need: one product is its row and its stock; all is one query joining products,
// stock and suppliers.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SkuParams } from '../../core/api/catalog';
import { problems } from '../../core/api/problem';
import { StockList, StockQuery, StockRowOut } from '../../core/api/stock';
import { stockRow } from '../../core/stock-report';
import { productBySku } from '../queries/catalog';
import { shopOf } from '../queries/scope';
import { stockReportRows } from '../queries/stock';

const tags = ['stock'];

export default async function stockRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();

	app.get('/stock', {
		config: { access: 'staff' },
		schema: {
			tags, summary: 'Stock on hand of every active product, by SKU',
			description: 'status: out at zero or below, low at or below the reorder point, else ok. ?low=true keeps the low and out ones.',
			querystring: StockQuery,
			response: { 200: StockList, ...problems(400, 401, 403) }
		}
	}, async (request) => stockReportRows(shopOf(request), { low: request.query.low === 'true' }));

	app.get('/stock/:sku', {
		config: { access: 'staff' },
		schema: { tags, summary: 'One product\'s stock on hand (archived products too)', params: SkuParams, response: { 200: StockRowOut, ...problems(401, 403, 404) } }
	}, async (request) => {
		const { repo } = shopOf(request);
		const p = await productBySku(repo, request.params.sku);
		const [onHand, supplier] = await Promise.all([repo.stockOf(p.id), p.supplierId ? repo.getSupplier(p.supplierId) : undefined]);
		return stockRow(p, onHand, supplier?.name ?? '');
	});
}
