// What the Trends screen shows of a health computation, made in the worker so that only a few
// hundred products cross to the page instead of the whole catalogue (a 4,000-product report is
// ~5 MB that the main thread would have to copy in one go). It is built from the same report as
// the alerts: the products it calls growing or declining are those with a demand-change alert,
// its dead stock is the alerts' dead stock, and each row carries the product's stock verdict.
import type { ProductId } from '$core/brand';
import type { HealthReport } from '$core/health/report';
import type { StockVerdict } from '$core/health/stock-status';
import type { DeadStockEntry } from '$core/trends/dead-stock';
import type { ProductTrend, TrendsReport } from '$core/trends/report';

/** Changes short of sure listed when no product is flagged. */
export const UNCLEAR_SHOWN = 5;
/** Dead stock rows shown (most money first); the count and value cover them all. */
export const DEAD_STOCK_SHOWN = 50;

export interface TrendRow extends ProductTrend {
	/** The product's one stock verdict (null for a product the health report does not judge: archived and empty). */
	verdict: StockVerdict | null;
	/** Expected units a day and the days the stock lasts at that pace, as the alerts judge them (recent weeks, or the forecast). */
	perDay: number;
	coverDays: number | null;
	/** Sold beyond the forecast's P90 since the forecast was made (the alerts' "jump"); null otherwise. */
	jump: { days: number; actualUnits: number; forecastP90: number } | null;
}

export interface ChangeList {
	products: TrendRow[];
	/** True when no product is flagged and these are the largest changes the data cannot yet confirm. */
	unclear: boolean;
}

export interface TrendsView extends Pick<TrendsReport, 'asOf' | 'fromDay' | 'options' | 'shop' | 'abcBasis' | 'abcSummary'> {
	/** Products per ABC class and XYZ class ('none' when unclassed), keyed like "AX" or "Cnone". */
	matrix: Record<string, number>;
	/** Products the growth tests covered: the catalogue the q-values were adjusted for. */
	tested: number;
	highRotation: TrendRow[];
	lowRotation: TrendRow[];
	growing: ChangeList;
	declining: ChangeList;
	deadStock: (DeadStockEntry & { sku: string; name: string })[];
	deadStockCount: number;
	/** Cents at cost over every dead-stock product. */
	deadStockValue: number;
}

/**
 * The flagged products of one direction: those whose demand-change alert says so (the growth test,
 * or for growing also a jump beyond the forecast). Where none is flagged, the largest changes
 * that were not (smallest p first), which the screen says as "not sure yet" with the reason.
 */
function changeList(report: HealthReport, rowOf: (id: ProductId) => TrendRow, direction: 'growth' | 'decline'): ChangeList {
	const flagged = report.alerts.filter((a) => a.values.kind === 'demand_change' && (a.values.change === direction || (direction === 'growth' && a.values.change === 'jump')));
	if (flagged.length) return { products: flagged.map((a) => rowOf(a.productId)), unclear: false };
	const moving = report.trends.products.filter((p) => p.trend.direction === 'no_clear_change' && p.trend.ratio !== null && (direction === 'growth' ? p.trend.ratio > 1 : p.trend.ratio < 1));
	return { products: moving.sort((a, b) => a.trend.pValue! - b.trend.pValue!).slice(0, UNCLEAR_SHOWN).map((p) => rowOf(p.productId)), unclear: true };
}

export function trendsView(report: HealthReport): TrendsView {
	const trends = report.trends;
	const byId = new Map(trends.products.map((p) => [p.productId, p]));
	const healthOf = new Map(report.products.map((p) => [p.productId, p]));
	const jumpOf = new Map(report.alerts.flatMap((a) => (a.values.kind === 'demand_change' && a.values.change === 'jump' ? [[a.productId, a.values] as const] : [])));
	const rowOf = (id: ProductId): TrendRow => {
		const j = jumpOf.get(id), trend = byId.get(id)!, health = healthOf.get(id);
		return {
			...trend, verdict: health?.verdict ?? null,
			perDay: health ? health.facts.demandPerDay : trend.rotation.unitsPerDay, coverDays: health ? health.facts.coverDays : trend.rotation.daysOfCover,
			jump: j ? { days: j.days, actualUnits: j.actualUnits, forecastP90: j.forecastP90 } : null
		};
	};
	const matrix: Record<string, number> = {};
	for (const p of trends.products) {
		const key = `${p.abc}${p.xyz ?? 'none'}`;
		matrix[key] = (matrix[key] ?? 0) + 1;
	}
	return {
		asOf: trends.asOf, fromDay: trends.fromDay, options: trends.options, shop: trends.shop, abcBasis: trends.abcBasis, abcSummary: trends.abcSummary,
		matrix,
		tested: trends.products.filter((p) => p.trend.pValue !== null).length,
		highRotation: trends.highRotation.map(rowOf),
		lowRotation: trends.lowRotation.map(rowOf),
		growing: changeList(report, rowOf, 'growth'),
		declining: changeList(report, rowOf, 'decline'),
		deadStock: trends.deadStock.slice(0, DEAD_STOCK_SHOWN).map((d) => ({ ...d, sku: byId.get(d.productId)!.sku, name: byId.get(d.productId)!.name })),
		deadStockCount: trends.deadStock.length,
		deadStockValue: trends.deadStock.reduce((sum, d) => sum + d.valueAtCost, 0)
	};
}
