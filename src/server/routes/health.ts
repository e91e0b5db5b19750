// /api/v1 health and alerts: the inventory health score (shop and products) and the alerts, from
// the latest stored forecast run (sales speed before there is one), computed in a worker thread.
// Every computation reconciles the stored alerts (a dismissal holds while its condition does) and
// keeps the day's score, as the app does. Admin only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AlertParams, AlertsOut, AlertsQuery, HealthOut, HealthQuery, StoredAlertOut } from '../../core/api/analytics';
import { problems } from '../../core/api/problem';
import type { HealthSnapshot } from '../../core/health/alert-store';
import { storedAlertJson } from '../../core/reports/health';
import { nowLocal, today } from '../../core/time';
import { SqlAlertStore } from '../../sql/sql-alert-store';
import { notFound } from '../problem';
import { shopOf } from '../queries/scope';
import { answer } from '../jobs/answers';
import { analyticsOf, type Analytics } from '../jobs/runner';

const tags = ['health'];

/** The health report now, with the stored alerts reconciled and today's score kept. */
export async function recomputeHealth(analytics: Analytics, request: FastifyRequest, query: { dead_days?: number; cover?: number; no_forecast?: boolean } = {}) {
	const shop = shopOf(request);
	const options = Object.fromEntries(Object.entries({ deadStockDays: query.dead_days, targetCoverDays: query.cover }).filter(([, v]) => v !== undefined));
	const computed = await answer(() => analytics.report('health', shop.repo, { forecast: !query.no_forecast, options }));
	const store = new SqlAlertStore(shop.sql, shop.shopId);
	const now = nowLocal();
	const alerts = await store.reconcile(computed.alerts, now);
	await store.putSnapshot({ day: today(), at: now, score: computed.score, parts: computed.parts as HealthSnapshot['parts'] });
	return { ...computed, stored: alerts };
}

export default async function healthRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();
	const analytics = analyticsOf(scope);

	app.get('/health', {
		schema: {
			tags, summary: 'Inventory health 0-100 for the shop and each product',
			description: 'As `inventario health --json`: running out, overstock, dead stock and turnover, each product\'s score, risks and figures. Running out is judged on the latest stored forecast run (sales speed with no_forecast=true or before one exists). 409 when there are no sales.',
			querystring: HealthQuery, response: { 200: HealthOut, ...problems(400, 401, 403, 409) }
		}
	}, async (request) => (await recomputeHealth(analytics, request, request.query)).health);

	app.get('/alerts', {
		schema: {
			tags, summary: 'What needs attention now, most severe first',
			description: 'Recomputed and stored: as `inventario alerts --json` (with ?kind= the kinds asked for), each alert with its key and whether it was dismissed; ?open=true leaves out the dismissed.',
			querystring: AlertsQuery, response: { 200: AlertsOut, ...problems(400, 401, 403, 409) }
		}
	}, async (request) => {
		const { kind, open, ...query } = request.query;
		const { header, stored } = await recomputeHealth(analytics, request, query);
		const kinds = kind === undefined ? null : new Set(kind.split(','));
		return { ...header, alerts: stored.filter((a) => (kinds === null || kinds.has(a.kind)) && (!open || a.dismissedAt === null)).map(storedAlertJson) };
	});

	app.post('/alerts/:key/dismiss', {
		schema: {
			tags, summary: 'Dismiss an alert',
			description: 'It stays dismissed while its condition holds; once the condition clears and comes back, it is a new, open alert. 404 when there is no such alert (its condition cleared meanwhile).',
			params: AlertParams, response: { 200: StoredAlertOut, ...problems(401, 403, 404) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const store = new SqlAlertStore(shop.sql, shop.shopId);
		if (!(await store.dismiss(request.params.key, nowLocal()))) throw notFound('alert', request.params.key);
		const alert = (await store.listAlerts()).find((a) => a.key === request.params.key)!;
		return storedAlertJson(alert);
	});
}
