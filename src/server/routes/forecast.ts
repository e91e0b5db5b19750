// /api/v1 forecasting: train (a job in a worker thread: POST answers 202 at once, GET /jobs/{id}
// its progress and log), the forecasts of the latest stored run (a product's days, the shop's or a
// category's totals, every product), the model registry, the training logs and the stored runs
// with their measured accuracy. Admin only, as all analytics.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DayNumber } from '../../core/brand';
import {
	CatalogForecastOut, ForecastQuery, ForecastRunList, ForecastRunsQuery, JobList, JobOut, JobParams, JobsQuery, LimitQuery, ModelList,
	ProductForecastOut, TotalForecastOut, TotalsQuery, TrainAccepted, TrainingLogList
} from '../../core/api/analytics';
import { SkuParams } from '../../core/api/catalog';
import { dateText, dateTimeText } from '../../core/api/common';
import { problems } from '../../core/api/problem';
import { totalForecastReport } from '../../core/reports/forecast';
import type { TotalForecast } from '../../core/forecast/totals';
import { SqlForecastStore } from '../../sql/sql-forecast-store';
import { caller } from '../context';
import { HttpProblem, invalid, notFound } from '../problem';
import { productBySku } from '../queries/catalog';
import { shopOf } from '../queries/scope';
import { answer, jobOut, latestRunOrTrain, noSales } from '../jobs/answers';
import { lastSaleDay, productAccuracy, productRunForecast, runAccuracies, runHeaders, type RunHeader } from '../jobs/forecast-data';
import { analyticsOf } from '../jobs/runner';

const tags = ['forecast'];

/** The horizon asked for, within the run's. */
function horizonWithin(run: RunHeader, asked: number | undefined): number {
	if (asked === undefined) return run.horizon;
	if (asked > run.horizon) throw invalid('query.horizon', `must be at most ${run.horizon}, the days the latest forecast run holds (from ${dateText(run.fromDay)})`);
	return asked;
}

export default async function forecastRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();
	const analytics = analyticsOf(scope);

	app.post('/forecast/train', {
		schema: {
			tags, summary: 'Train the forecast (a background job)',
			description: 'Starts a training in a worker thread and answers 202 at once; GET /jobs/{job_id} reports its progress and log, from any instance. '
				+ 'One training at a time per shop: asked again while one is queued or running, it answers that one (created: false). '
				+ 'The job stores the model in the registry, its training log, the forecast run every forecast endpoint reads, and the trained networks. 409 when the shop has no sales to learn from.',
			response: { 202: TrainAccepted, ...problems(401, 403, 409, 503) }
		}
	}, async (request, reply) => {
		const { shopId, username } = caller(request);
		if ((await lastSaleDay(scope.ctx.sql, shopId)) === null) throw noSales();
		const { job, created } = await answer(() => analytics.train(shopId, username));
		return reply.code(202).header('location', `/api/v1/jobs/${job.id}`).send({ job_id: job.id, status: job.status, created });
	});

	app.get('/jobs', {
		schema: { tags, summary: 'The shop\'s recent jobs, newest first', querystring: JobsQuery, response: { 200: JobList, ...problems(400, 401, 403) } }
	}, async (request) => {
		const { shopId } = caller(request);
		const jobs = await analytics.jobs.list(shopId, request.query.limit, request.query.kind);
		return Promise.all(jobs.map(async (j) => jobOut((await analytics.job(shopId, j.id)) ?? j)));
	});

	app.get('/jobs/:id', {
		schema: { tags, summary: 'A job: status, progress, log, result', params: JobParams, response: { 200: JobOut, ...problems(401, 403, 404) } }
	}, async (request) => {
		const job = await analytics.job(caller(request).shopId, request.params.id);
		if (!job) throw notFound('job', request.params.id);
		return jobOut(job);
	});

	app.post('/jobs/:id/cancel', {
		schema: {
			tags, summary: 'Cancel a job',
			description: 'A queued or running job ends cancelled (its worker thread is stopped; nothing of it is stored but its training log). A job that has already ended is answered as it is.',
			params: JobParams, response: { 200: JobOut, ...problems(401, 403, 404) }
		}
	}, async (request) => {
		const job = await analytics.cancel(caller(request).shopId, request.params.id);
		if (!job) throw notFound('job', request.params.id);
		return jobOut(job);
	});

	app.get('/forecast/:sku', {
		schema: {
			tags, summary: 'A product\'s daily demand forecast (P10, P50, P90, mean)',
			description: 'From the latest stored forecast run. When the shop has no forecast yet, one is trained first (the request waits for it); 409 when there are no sales to learn from.',
			params: SkuParams, querystring: ForecastQuery, response: { 200: ProductForecastOut, ...problems(400, 401, 403, 404, 409, 503) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const product = await productBySku(shop.repo, request.params.sku);
		const run = await latestRunOrTrain(scope, request);
		const horizon = horizonWithin(run, request.query.horizon);
		const f = await productRunForecast(shop.sql, shop.shopId, run, product.id, horizon);
		const days = Array.from({ length: horizon }, (_, k) => {
			const d = f?.days[k];
			return { date: dateText(run.fromDay + k), p10: d?.p10 ?? 0, p50: d?.p50 ?? 0, p90: d?.p90 ?? 0, mean: d?.mean ?? 0 };
		});
		return {
			sku: product.sku, name: product.name, method: f?.method ?? 'no-sales', model_version: f?.modelVersion ?? null, run_id: run.id,
			from: dateText(run.fromDay), horizon, days, backtest: (f?.metrics ?? null) as Record<string, unknown> | null
		};
	});

	app.get('/forecast', {
		schema: {
			tags, summary: 'The shop\'s or a category\'s daily units and revenue forecast',
			description: 'Sums of the product forecasts of the latest stored run with their 80% range (as `inventario forecast --total [--category NAME] --json`). Trained first when the shop has no forecast yet.',
			querystring: TotalsQuery, response: { 200: TotalForecastOut, ...problems(400, 401, 403, 404, 409, 503) }
		}
	}, async (request) => {
		const { scope: which, category } = request.query;
		if (which === 'category' && category === undefined) throw invalid('query.category', 'is required with scope=category');
		if (which === 'shop' && category !== undefined) throw invalid('query.scope', 'must be category to name a category');
		const shop = shopOf(request);
		const header = await latestRunOrTrain(scope, request);
		const horizon = horizonWithin(header, request.query.horizon);
		if (which === 'shop') {
			const row = await shop.sql.db.selectFrom('forecast_runs').select('totals').where('shop_id', '=', shop.shopId).where('id', '=', header.id).executeTakeFirstOrThrow();
			return totalForecastReport(JSON.parse(row.totals) as TotalForecast, 'shop', horizon);
		}
		const products = await shop.repo.listProducts();
		if (!products.some((p) => p.category.trim().toLowerCase() === category!.trim().toLowerCase())) throw notFound('category', category!);
		const total = await answer(() => analytics.report('categoryTotal', shop.repo, { category: category!, horizon }));
		if (!total) throw new HttpProblem(409, 'no-forecast', 'No forecast yet', 'the forecast run was replaced meanwhile: ask again');
		return total;
	});

	app.get('/forecasts', {
		schema: {
			tags, summary: 'Every active product\'s daily forecast',
			description: 'The latest stored run for every active product (zeros and method no-sales for those that never sold), as `inventario forecast --all --json` prints them. Trained first when the shop has no forecast yet.',
			querystring: ForecastQuery, response: { 200: CatalogForecastOut, ...problems(400, 401, 403, 409, 503) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const header = await latestRunOrTrain(scope, request);
		const horizon = horizonWithin(header, request.query.horizon);
		const made = await answer(() => analytics.report('catalogForecast', shop.repo, { horizon }));
		if (!made) throw new HttpProblem(409, 'no-forecast', 'No forecast yet', 'the forecast run was replaced meanwhile: ask again');
		const items = made.items.map((i) => ({ ...i, backtest: (i.backtest ?? null) as Record<string, unknown> | null }));
		return { from: dateText(made.run.fromDay), horizon: made.horizon, run_id: made.run.id, model_id: made.run.modelId, items };
	});

	app.get('/models', {
		schema: { tags, summary: 'The model registry, newest first', response: { 200: ModelList, ...problems(401, 403) } }
	}, async (request) => {
		const { sql, shopId } = shopOf(request);
		const models = await new SqlForecastStore(sql, shopId).listModels();
		return models.map((m) => ({
			id: m.id, name: m.name, trained_at: dateTimeText(m.trainedAt), data_from: dateText(m.dataFrom), data_to: dateText(m.dataTo),
			sale_lines: m.saleLines, products: m.products, backend: m.backend, parameters: m.parameters, metrics: m.metrics as Record<string, unknown>,
			chosen: m.chosen, saved_at: m.savedAt
		}));
	});

	app.get('/training-logs', {
		schema: { tags, summary: 'Every training and how it ended, newest first', querystring: LimitQuery, response: { 200: TrainingLogList, ...problems(400, 401, 403) } }
	}, async (request) => {
		const { sql, shopId } = shopOf(request);
		const logs = await new SqlForecastStore(sql, shopId).listTrainingLogs(request.query.limit);
		return logs.map((l) => ({
			seq: l.seq ?? 0, model_id: l.modelId, started_at: dateTimeText(l.startedAt), ended_at: dateTimeText(l.endedAt), outcome: l.outcome, error: l.error,
			products: l.products, examples: l.examples, epochs: l.epochs, loss: l.loss, millis: l.millis
		}));
	});

	app.get('/forecast-runs', {
		schema: {
			tags, summary: 'The stored forecast runs and how each did',
			description: 'Summaries, newest first: each run\'s accuracy on the days that have passed (units sold against the mean, and the share of product-days inside P10-P90). With ?sku=, that product\'s accuracy in each run.',
			querystring: ForecastRunsQuery, response: { 200: ForecastRunList, ...problems(400, 401, 403, 404) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const product = request.query.sku === undefined ? null : await productBySku(shop.repo, request.query.sku);
		const [runs, last] = await Promise.all([runHeaders(shop.sql, shop.shopId, request.query.limit), lastSaleDay(shop.sql, shop.shopId)]);
		const accuracy = last === null ? new Map() : await runAccuracies(shop.sql, shop.shopId, runs, last);
		const perProduct = product && last !== null ? await productAccuracy(shop.sql, shop.shopId, runs, product.id, last) : [];
		return {
			last_sale_day: last === null ? null : dateText(last),
			runs: runs.map((r) => {
				const a = accuracy.get(r.id);
				return {
					id: r.id, model_id: r.modelId, created_at: dateTimeText(r.createdAt), from: dateText(r.fromDay), horizon: r.horizon, products: r.products,
					accuracy: a ? { days: a.days, forecast_units: a.forecastUnits, actual_units: a.actualUnits, total_error: a.totalError, coverage: a.coverage } : null
				};
			}),
			product: product && {
				sku: product.sku,
				accuracy: perProduct.map((a) => ({
					run_id: a.runId, model_version: a.modelVersion, method: a.method, from: dateText(a.fromDay as DayNumber), days: a.days,
					forecast_units: a.forecastUnits, actual_units: a.actualUnits, total_error: a.totalError, coverage: a.coverage
				}))
			}
		};
	});
}
