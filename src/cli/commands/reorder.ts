// inventario reorder [--json] [--out FILE]: what to order, when and how much, per supplier.
import { writeFileSync } from 'node:fs';
import type { DemandForecast } from '../../core/forecast/types';
import { formatUnits } from '../../core/reorder/explain';
import { reorderCsv } from '../../core/reorder/csv';
import { DEFAULT_REORDER_OPTIONS } from '../../core/reorder/suggest';
import { horizonFor, reorderJson, reorderReport, type ReorderReport } from '../../core/reports/reorder';
import type { InventoryRepository } from '../../core/repository';
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

export { horizonFor };

function parseServiceLevel(raw: unknown): number {
	if (raw === undefined) return DEFAULT_REORDER_OPTIONS.serviceLevel;
	const text = String(raw).trim();
	const n = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
	if (!/^\d+(\.\d+)?%?$/.test(text) || !(n > 0.5 && n < 1)) throw new UsageError(`--service-level must be above 0.5 and below 1 (e.g. 0.95 or 95%), not "${text}"`);
	return n;
}

/** Prints the report as `inventario reorder` does: the JSON with --json, else the summary and table; --out writes the CSV. */
export function printReorder(report: ReorderReport, values: Record<string, unknown>, out: (line: string) => void, writeFile: (file: string, text: string) => void = writeFileSync) {
	if (typeof values.out === 'string') writeFile(values.out, reorderCsv(report.suggestions, report.suppliers));
	if (values.json) {
		printJson(reorderJson(report), out);
		return;
	}
	const { options, counts, suggestions: shown } = report;
	out(`Forecast from ${report.forecastFrom}; service level ${(options.serviceLevel * 100).toFixed(1)}%, cover ${options.targetCoverDays} days after delivery.`);
	out(`${counts.urgent} urgent, ${counts.order} to order, ${counts.enough} with enough stock, ${report.withoutForecast} without sales to forecast.`);
	if (shown.length) {
		out('');
		printTable(shown.map((s) => ({
			supplier: s.supplier, sku: s.sku, name: s.name, on_hand: s.onHand, on_order: s.onOrder, reorder_point: formatUnits(s.reorderPoint),
			order: s.suggestedQuantity, stock_out: s.stockOutDate ?? '', urgency: s.urgency, why: s.reasonText
		})).sort((a, b) => a.supplier.localeCompare(b.supplier)), ['supplier', 'sku', 'name', 'on_hand', 'on_order', 'reorder_point', 'order', 'stock_out', 'urgency', 'why'], out);
	}
	if (typeof values.out === 'string') out(`Wrote ${shown.length} suggestions to ${values.out}.`);
}

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
		printReorder(await reorderReport(repo, forecasts, { ...options, all: values.all === true }), values, out);
		return 0;
	}
};
