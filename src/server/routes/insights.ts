// /api/v1 trends, reorder suggestions, recommendations and customer segments: the core's report
// builders, run in a worker thread on what the main thread read from the shop's store, answered
// in the shape `inventario trends|reorder|recommend|segments --json` prints. Admin only.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
	AllRecommendationsOut, CodeParams, CustomerRecommendationsOut, CustomerSegmentOut, InsightsQuery, ProductRecommendationsOut, ReorderOut, ReorderQuery,
	SegmentList, SegmentsQuery, SegmentsReportOut, TrendsOut, TrendsQuery
} from '../../core/api/analytics';
import { SkuParams } from '../../core/api/catalog';
import { dateText, dateTimeText } from '../../core/api/common';
import { problems } from '../../core/api/problem';
import { notFound } from '../problem';
import { customerByCode, productBySku } from '../queries/catalog';
import { shopOf } from '../queries/scope';
import { answer, noForecast } from '../jobs/answers';
import { analyticsOf } from '../jobs/runner';

const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export default async function insightsRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();
	const analytics = analyticsOf(scope);

	app.get('/trends', {
		schema: {
			tags: ['trends'], summary: 'ABC/XYZ classes, rotation, growth and decline, profiles, dead stock',
			description: 'As `inventario trends --json`, with the same options (as_of, window, dead_days, recent_weeks, baseline_weeks, top). 409 when there are no sales.',
			querystring: TrendsQuery, response: { 200: TrendsOut, ...problems(400, 401, 403, 409) }
		}
	}, async (request) => {
		const q = request.query;
		const options = defined({ asOf: q.as_of, windowDays: q.window, deadStockDays: q.dead_days, recentWeeks: q.recent_weeks, baselineWeeks: q.baseline_weeks, listSize: q.top });
		return answer(() => analytics.report('trends', shopOf(request).repo, options));
	});

	app.get('/reorder', {
		schema: {
			tags: ['reorder'], summary: 'What to order, when and how much',
			description: 'Suggestions from the latest stored forecast run against stock on hand and on order, as `inventario reorder --json` (with ?all=true every product), plus the counts and suppliers its table and CSV use. 409 before a forecast has been trained.',
			querystring: ReorderQuery, response: { 200: ReorderOut, ...problems(400, 401, 403, 409) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const options = { all: request.query.all === true, ...defined({ serviceLevel: request.query.service_level, targetCoverDays: request.query.cover }) };
		const planned = await answer(() => analytics.report('reorder', shop.repo, { options }));
		if (!planned) throw noForecast();
		const { report, run } = planned;
		return { ...report, run: { id: run.id, model_id: run.modelId, created_at: dateTimeText(run.createdAt), from: dateText(run.fromDay), horizon: run.horizon } };
	});

	app.get('/recommendations/products/:sku', {
		schema: {
			tags: ['recommendations'], summary: 'Products bought together with a product',
			description: 'As `inventario recommend SKU --json`: ranked by co-purchase similarity, with the association rule behind each; products with little history borrow from similar ones.',
			params: SkuParams, querystring: InsightsQuery, response: { 200: ProductRecommendationsOut, ...problems(400, 401, 403, 404, 409) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const product = await productBySku(shop.repo, request.params.sku);
		return answer(() => analytics.report('productRecommendations', shop.repo, { product, top: request.query.top ?? 10, until: request.query.until }));
	});

	app.get('/recommendations/products', {
		schema: {
			tags: ['recommendations'], summary: 'Every product\'s recommendations',
			description: 'The rows of `inventario recommend --all` (sku, rank, recommended_sku, score).',
			querystring: InsightsQuery, response: { 200: AllRecommendationsOut, ...problems(400, 401, 403, 409) }
		}
	}, async (request) => answer(() => analytics.report('allRecommendations', shopOf(request).repo, { top: request.query.top ?? 10, until: request.query.until })));

	app.get('/recommendations/customers/:code', {
		schema: {
			tags: ['recommendations'], summary: 'Products to offer a customer',
			description: 'From the customer\'s purchases (recent ones weigh more, buying again counts); popular products fill the list.',
			params: CodeParams, querystring: InsightsQuery, response: { 200: CustomerRecommendationsOut, ...problems(400, 401, 403, 404, 409) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const customer = await customerByCode(shop, request.params.code);
		return answer(() => analytics.report('customerRecommendations', shop.repo, { customer, top: request.query.top ?? 10, until: request.query.until }));
	});

	app.get('/segments', {
		schema: {
			tags: ['segments'], summary: 'Every customer\'s segment, RFM and lifetime value',
			description: 'The rows of `inventario segments --out` (customer_id is the customer\'s code), highest lifetime value first. 409 with fewer than 10 customers who bought.',
			querystring: SegmentsQuery, response: { 200: SegmentList, ...problems(400, 401, 403, 409) }
		}
	}, async (request) => (await answer(() => analytics.report('segments', shopOf(request).repo, { until: request.query.until }))).rows);

	app.get('/reports/segments', {
		schema: {
			tags: ['segments'], summary: 'The segments report',
			description: 'As `inventario segments --json`: each segment\'s size and medians, the clusters, who to call back and every customer.',
			querystring: SegmentsQuery, response: { 200: SegmentsReportOut, ...problems(400, 401, 403, 409) }
		}
	}, async (request) => answer(() => analytics.report('segments', shopOf(request).repo, { until: request.query.until })));

	app.get('/segments/:code', {
		schema: {
			tags: ['segments'], summary: 'A customer\'s segment',
			description: '404 for an unknown customer, or one with no purchase up to the day.',
			params: CodeParams, querystring: SegmentsQuery, response: { 200: CustomerSegmentOut, ...problems(400, 401, 403, 404, 409) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const customer = await customerByCode(shop, request.params.code);
		const report = await answer(() => analytics.report('segments', shop.repo, { until: request.query.until }));
		const code = customer.code || customer.name;
		const row = report.rows.find((r) => r.customer_id === code);
		if (!row) throw notFound('segment for customer', request.params.code);
		return { ...row, name: customer.name, as_of: report.asOf };
	});
}
