// The trends report as `inventario trends --json` prints it and GET /api/v1/trends answers it:
// the core's report with days as dates and product lists as SKUs (what people and other programs
// know products by). The CLI prints its table from this same object.
import type { DayNumber, ProductId } from '../brand';
import type { InventoryRepository } from '../repository';
import { isoDay } from '../time';
import { loadTrends, type TrendsOptions, type TrendsReport } from '../trends/report';

export type TrendsJson = ReturnType<typeof trendsJson>;

/** The report with product lists as SKUs and its days as dates. */
export function trendsJson(report: TrendsReport) {
	const skuOf = new Map(report.products.map((p) => [p.productId, p.sku]));
	const skus = (ids: ProductId[]) => ids.map((id) => skuOf.get(id) ?? id);
	return {
		...report,
		asOf: isoDay(report.asOf as DayNumber), fromDay: isoDay(report.fromDay as DayNumber),
		highRotation: skus(report.highRotation), lowRotation: skus(report.lowRotation),
		growing: skus(report.growing), declining: skus(report.declining),
		deadStock: report.deadStock.map((d) => ({ sku: skuOf.get(d.productId) ?? d.productId, ...d }))
	};
}

/** Reads the store and builds the report (throws NoSalesError when there is nothing to analyse). */
export async function trendsReport(repo: InventoryRepository, options: Partial<TrendsOptions> = {}): Promise<TrendsJson> {
	return trendsJson(await loadTrends(repo, options));
}
