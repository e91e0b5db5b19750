// What the Trends screen shows of a report, made in the worker so that only a few hundred
// products cross to the page instead of the whole catalogue (a 4,000-product report is ~5 MB
// that the main thread would have to copy in one go).
import type { ProductId } from '$core/brand';
import type { DeadStockEntry } from '$core/trends/dead-stock';
import type { ProductTrend, TrendsReport } from '$core/trends/report';

/** Changes short of significance listed when no product passes the test. */
export const UNCLEAR_SHOWN = 5;
/** Dead stock rows shown (most money first); the count and value cover them all. */
export const DEAD_STOCK_SHOWN = 50;

export interface ChangeList {
	products: ProductTrend[];
	/** True when no product passed the test and these are the largest changes that did not. */
	unclear: boolean;
}

export interface TrendsView extends Pick<TrendsReport, 'asOf' | 'fromDay' | 'options' | 'shop' | 'abcBasis' | 'abcSummary'> {
	/** Products per ABC class and XYZ class ('none' when unclassed), keyed like "AX" or "Cnone". */
	matrix: Record<string, number>;
	highRotation: ProductTrend[];
	lowRotation: ProductTrend[];
	growing: ChangeList;
	declining: ChangeList;
	deadStock: (DeadStockEntry & { sku: string; name: string })[];
	deadStockCount: number;
	/** Cents at cost over every dead-stock product. */
	deadStockValue: number;
}

/**
 * Where no product passes the test, the largest changes that did not (smallest p first), which the
 * screen says as "no clear change": the owner still sees what is moving, without a claim the data
 * cannot back.
 */
function changeList(report: TrendsReport, byId: Map<ProductId, ProductTrend>, direction: 'growth' | 'decline'): ChangeList {
	const clear = (direction === 'growth' ? report.growing : report.declining).map((id) => byId.get(id)!);
	if (clear.length) return { products: clear, unclear: false };
	const moving = report.products.filter((p) => p.trend.direction === 'no_clear_change' && p.trend.ratio !== null && (direction === 'growth' ? p.trend.ratio > 1 : p.trend.ratio < 1));
	return { products: moving.sort((a, b) => a.trend.pValue! - b.trend.pValue!).slice(0, UNCLEAR_SHOWN), unclear: true };
}

export function trendsView(report: TrendsReport): TrendsView {
	const byId = new Map(report.products.map((p) => [p.productId, p]));
	const matrix: Record<string, number> = {};
	for (const p of report.products) {
		const key = `${p.abc}${p.xyz ?? 'none'}`;
		matrix[key] = (matrix[key] ?? 0) + 1;
	}
	return {
		asOf: report.asOf, fromDay: report.fromDay, options: report.options, shop: report.shop, abcBasis: report.abcBasis, abcSummary: report.abcSummary,
		matrix,
		highRotation: report.highRotation.map((id) => byId.get(id)!),
		lowRotation: report.lowRotation.map((id) => byId.get(id)!),
		growing: changeList(report, byId, 'growth'),
		declining: changeList(report, byId, 'decline'),
		deadStock: report.deadStock.slice(0, DEAD_STOCK_SHOWN).map((d) => ({ ...d, sku: byId.get(d.productId)!.sku, name: byId.get(d.productId)!.name })),
		deadStockCount: report.deadStock.length,
		deadStockValue: report.deadStock.reduce((sum, d) => sum + d.valueAtCost, 0)
	};
}
