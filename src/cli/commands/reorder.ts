// inventario reorder [--json] [--out FILE]: what to order, when and how much, per supplier.
import { writeFileSync } from 'node:fs';
import type { DayNumber } from '../../core/brand';
import { effectiveLeadTime } from '../../core/catalog';
import type { DemandForecast } from '../../core/forecast/types';
import { draftOrdersFromSuggestions } from '../../core/reorder/drafts';
import { formatUnits, reorderReasonText } from '../../core/reorder/explain';
import { reorderCsv } from '../../core/reorder/csv';
import { loadReorderPlan } from '../../core/reorder/load';
import { DEFAULT_REORDER_OPTIONS, type ReorderSuggestion } from '../../core/reorder/suggest';
import type { InventoryRepository } from '../../core/repository';
import { isoDay, nowLocal } from '../../core/time';
import type { Supplier } from '../../core/types';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson, printTable } from '../output';
import { forecastStore, readDemand } from './forecast-run';
import { wholeNumberOption } from './trends';

/**
 * The forecasts reorder reads: the forecasting engine over every product that sold, from the day
 * after the last sale. The one place that ties reorder to the engine.
 */
export async function forecastsForReorder(repo: InventoryRepository, horizon: number): Promise<DemandForecast[]> {
	const demand = await readDemand(repo);
	if (demand.lastSaleDay === null) return [];
	return (await forecastStore(demand, { lastDay: demand.lastSaleDay, horizon })).forecasts;
}

/** Days the forecast must reach: the longest lead time plus the cover, at least four weeks. */
export async function horizonFor(repo: InventoryRepository, coverDays: number): Promise<number> {
	const [products, suppliers] = await Promise.all([repo.listProducts(), repo.listSuppliers()]);
	const supplierOf = new Map(suppliers.map((s) => [s.id, s]));
	const longest = Math.max(0, ...products.filter((p) => p.active).map((p) => effectiveLeadTime(p, p.supplierId ? supplierOf.get(p.supplierId) : undefined)));
	return Math.min(365, Math.max(28, longest + coverDays));
}

function parseServiceLevel(raw: unknown): number {
	if (raw === undefined) return DEFAULT_REORDER_OPTIONS.serviceLevel;
	const text = String(raw).trim();
	const n = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
	if (!/^\d+(\.\d+)?%?$/.test(text) || !(n > 0.5 && n < 1)) throw new UsageError(`--service-level must be above 0.5 and below 1 (e.g. 0.95 or 95%), not "${text}"`);
	return n;
}

const supplierLabel = (suppliers: readonly Supplier[]) => {
	const names = new Map(suppliers.map((s) => [s.id, s.name]));
	return (s: ReorderSuggestion) => (s.supplierId ? names.get(s.supplierId) ?? '(deleted supplier)' : '(no supplier)');
};

export const reorderCommand: Command = {
	name: 'reorder',
	summary: 'What to order, when and how much: stock-out dates, reorder points, drafts per supplier',
	usage: `inventario reorder [--json] [--out FILE] [--all] [--service-level P] [--cover DAYS] [--db FILE]

  Forecasts every product (as inventario forecast --all) and compares the expected sales with
  stock on hand plus stock on order. Reorder point = expected sales over the lead time (the
  product's, else its supplier's, else 7 days) + safety stock: the service-level quantile of the
  forecast's own backtest error over the lead time (or its P10-P90 spread when the backtest is
  too short). Quantities reach the target cover and are rounded up to packs and minimum orders.
  urgent = runs out before an order placed today would arrive; order = at or below the point.
  --out FILE           write the suggestions as CSV: ${'supplier,sku,name,on_hand,on_order,reorder_point,suggested_qty,stock_out_date,urgency,reason'}
  --all                include products with enough stock (default: only what to order)
  --service-level P    chance of not running out during a lead time (default 0.95)
  --cover DAYS         days of sales an order covers after it arrives (default 30)
  --json               every suggestion with its figures, and draft purchase orders per supplier
  --db FILE            SQLite file (default ./inventario.db)`,
	options: { json: { type: 'boolean' }, out: { type: 'string' }, all: { type: 'boolean' }, 'service-level': { type: 'string' }, cover: { type: 'string' } },
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values, positionals } = parseCommandArgs(argv, this.options);
		if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
		const options = { serviceLevel: parseServiceLevel(values['service-level']), targetCoverDays: wholeNumberOption(values, 'cover', 1, 365) ?? DEFAULT_REORDER_OPTIONS.targetCoverDays };
		const forecasts = await forecastsForReorder(repo, await horizonFor(repo, options.targetCoverDays));
		if (forecasts.length === 0) throw new Error('there are no sales to forecast from: import sales first');
		const plan = await loadReorderPlan(repo, forecasts, options);
		const shown = values.all ? plan.suggestions : plan.suggestions.filter((s) => s.suggestedQuantity > 0);
		const supplierOf = supplierLabel(plan.suppliers);
		if (typeof values.out === 'string') writeFileSync(values.out, reorderCsv(shown, plan.suppliers));
		if (values.json) {
			const skuOf = new Map(plan.suggestions.map((s) => [s.productId, s.sku]));
			printJson({
				options: plan.options, forecastFrom: isoDay(forecasts[0].fromDay),
				suggestions: shown.map((s) => ({ ...s, supplier: supplierOf(s), stockOutDate: s.stockOutDay === null ? null : isoDay(s.stockOutDay as DayNumber), reasonText: reorderReasonText(s.reason) })),
				purchaseOrders: draftOrdersFromSuggestions(plan.suggestions, nowLocal(), 'cli').map((o) => ({
					supplier: o.supplierId ? plan.suppliers.find((s) => s.id === o.supplierId)?.name ?? '' : '',
					lines: o.lines.map((l) => ({ sku: skuOf.get(l.productId), quantity: l.quantity, unitCost: l.unitCost }))
				})),
				withoutForecast: plan.withoutForecast.length
			}, out);
			return 0;
		}
		const toOrder = plan.suggestions.filter((s) => s.suggestedQuantity > 0);
		out(`Forecast from ${isoDay(forecasts[0].fromDay)}; service level ${(options.serviceLevel * 100).toFixed(1)}%, cover ${options.targetCoverDays} days after delivery.`);
		out(`${toOrder.filter((s) => s.urgency === 'urgent').length} urgent, ${toOrder.filter((s) => s.urgency === 'order').length} to order, ${plan.suggestions.length - toOrder.length} with enough stock, ${plan.withoutForecast.length} without sales to forecast.`);
		if (shown.length) {
			out('');
			printTable(shown.map((s) => ({
				supplier: supplierOf(s), sku: s.sku, name: s.name, on_hand: s.onHand, on_order: s.onOrder, reorder_point: formatUnits(s.reorderPoint),
				order: s.suggestedQuantity, stock_out: s.stockOutDay === null ? '' : isoDay(s.stockOutDay as DayNumber), urgency: s.urgency, why: reorderReasonText(s.reason)
			})).sort((a, b) => a.supplier.localeCompare(b.supplier)), ['supplier', 'sku', 'name', 'on_hand', 'on_order', 'reorder_point', 'order', 'stock_out', 'urgency', 'why'], out);
		}
		if (typeof values.out === 'string') out(`Wrote ${shown.length} suggestions to ${values.out}.`);
		return 0;
	}
};
