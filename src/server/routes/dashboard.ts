// /api/v1/dashboard: the first screen's figures (core/dashboard.ts, from the daily totals and the
// stock cache), with the latest health score and the open alerts. The score is recomputed (in a
// worker) when none was kept today. Admin only.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DashboardOut } from '../../core/api/analytics';
import { dateText, dateTimeText, moneyText } from '../../core/api/common';
import { problems } from '../../core/api/problem';
import { dashboardSummary } from '../../core/dashboard';
import { openAlerts } from '../../core/health/alert-store';
import { today } from '../../core/time';
import type { DayTotals } from '../../core/types';
import { SqlAlertStore } from '../../sql/sql-alert-store';
import { shopOf } from '../queries/scope';
import { analyticsOf } from '../jobs/runner';
import { recomputeHealth } from './health';

const totals = (d: DayTotals) => ({ units: d.units, revenue: moneyText(d.revenue), cost: moneyText(d.cost), lines: d.lines });

export default async function dashboardRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();
	const analytics = analyticsOf(scope);

	app.get('/dashboard', {
		schema: {
			tags: ['dashboard'], summary: 'Today\'s and this month\'s sales, stock value, low stock, health score, open alerts',
			response: { 200: DashboardOut, ...problems(401, 403) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const day = today();
		const summary = await dashboardSummary(shop.repo, day, 1);
		const store = new SqlAlertStore(shop.sql, shop.shopId);
		let snapshot = (await store.listSnapshots()).at(-1);
		if (snapshot?.day !== day) {
			// Not judged today: judge now (nothing to judge without sales: the last score stands, or none).
			try {
				await recomputeHealth(analytics, request);
				snapshot = (await store.listSnapshots()).at(-1);
			} catch (e) {
				if ((e as { statusCode?: number; status?: number }).status !== 409) throw e;
			}
		}
		return {
			day: dateText(day), today: totals(summary.today), month: totals(summary.month), stock_value: moneyText(summary.stockValue),
			low_stock: summary.lowStockCount, out_of_stock: summary.outOfStockCount, active_products: summary.activeProducts,
			health: snapshot ? { score: snapshot.score, day: dateText(snapshot.day), at: dateTimeText(snapshot.at) } : null,
			open_alerts: openAlerts(await store.listAlerts()).length
		};
	});
}
