// Reorder suggestions as `inventario reorder --json` prints them and GET /api/v1/reorder answers
// them, from forecasts the caller made (the engine in the CLI, the latest stored run on the
// server). The report carries what the CLI's table and CSV need beside the JSON it prints.
import type { DayNumber } from '../brand';
import { effectiveLeadTime } from '../catalog';
import type { DemandForecast } from '../forecast/types';
import { draftOrdersFromSuggestions } from '../reorder/drafts';
import { reorderReasonText } from '../reorder/explain';
import { loadReorderPlan } from '../reorder/load';
import { DEFAULT_REORDER_OPTIONS, type ReorderOptions, type ReorderSuggestion } from '../reorder/suggest';
import type { InventoryRepository } from '../repository';
import { isoDay, nowLocal } from '../time';
import type { Supplier } from '../types';

export interface ReorderReportOptions extends ReorderOptions {
	/** Every product, also those with enough stock (default: only what to order). */
	all: boolean;
}

export type ReorderRow = ReorderSuggestion & { supplier: string; stockOutDate: string | null; reasonText: string };

export interface ReorderReport {
	options: ReorderOptions;
	/** First day of the forecasts the suggestions read. */
	forecastFrom: string;
	/** Shown suggestions: those with a quantity to order, or every product with `all`. */
	suggestions: ReorderRow[];
	purchaseOrders: { supplier: string; lines: { sku: string | undefined; quantity: number; unitCost: number }[] }[];
	/** Active products with no forecast. */
	withoutForecast: number;
	/** Over every product, shown or not: to order now, to order, with enough stock. */
	counts: { urgent: number; order: number; enough: number };
	/** The shop's suppliers by id (the CSV names them). */
	suppliers: Pick<Supplier, 'id' | 'name'>[];
}

/** Days the forecast must reach: the longest lead time plus the cover, at least four weeks. */
export async function horizonFor(repo: InventoryRepository, coverDays: number): Promise<number> {
	const [products, suppliers] = await Promise.all([repo.listProducts(), repo.listSuppliers()]);
	const supplierOf = new Map(suppliers.map((s) => [s.id, s]));
	const longest = Math.max(0, ...products.filter((p) => p.active).map((p) => effectiveLeadTime(p, p.supplierId ? supplierOf.get(p.supplierId) : undefined)));
	return Math.min(365, Math.max(28, longest + coverDays));
}

/** Suggestions against today's stock and stock on order; `forecasts` must not be empty. */
export async function reorderReport(repo: InventoryRepository, forecasts: readonly DemandForecast[], options: Partial<ReorderReportOptions> = {}): Promise<ReorderReport> {
	const plan = await loadReorderPlan(repo, forecasts, {
		serviceLevel: options.serviceLevel ?? DEFAULT_REORDER_OPTIONS.serviceLevel, targetCoverDays: options.targetCoverDays ?? DEFAULT_REORDER_OPTIONS.targetCoverDays
	});
	const names = new Map(plan.suppliers.map((s) => [s.id, s.name]));
	const supplierOf = (s: ReorderSuggestion) => (s.supplierId ? names.get(s.supplierId) ?? '(deleted supplier)' : '(no supplier)');
	const shown = options.all ? plan.suggestions : plan.suggestions.filter((s) => s.suggestedQuantity > 0);
	const skuOf = new Map(plan.suggestions.map((s) => [s.productId, s.sku]));
	const toOrder = plan.suggestions.filter((s) => s.suggestedQuantity > 0);
	return {
		options: plan.options, forecastFrom: isoDay(forecasts[0].fromDay),
		suggestions: shown.map((s) => ({ ...s, supplier: supplierOf(s), stockOutDate: s.stockOutDay === null ? null : isoDay(s.stockOutDay as DayNumber), reasonText: reorderReasonText(s.reason) })),
		purchaseOrders: draftOrdersFromSuggestions(plan.suggestions, nowLocal(), 'cli').map((o) => ({
			supplier: o.supplierId ? plan.suppliers.find((s) => s.id === o.supplierId)?.name ?? '' : '',
			lines: o.lines.map((l) => ({ sku: skuOf.get(l.productId), quantity: l.quantity, unitCost: l.unitCost }))
		})),
		withoutForecast: plan.withoutForecast.length,
		counts: {
			urgent: toOrder.filter((s) => s.urgency === 'urgent').length, order: toOrder.filter((s) => s.urgency === 'order').length,
			enough: plan.suggestions.length - toOrder.length
		},
		suppliers: plan.suppliers.map((s) => ({ id: s.id, name: s.name }))
	};
}

/** What `inventario reorder --json` prints: the report without the figures only the table needs. */
export function reorderJson(report: ReorderReport) {
	const { options, forecastFrom, suggestions, purchaseOrders, withoutForecast } = report;
	return { options, forecastFrom, suggestions, purchaseOrders, withoutForecast };
}
