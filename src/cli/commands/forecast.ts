// inventario forecast SKU|--all|--total: daily demand with P10/P50/P90 and the mean, per product
// (CSV or JSON) or for the whole shop / one category (units and revenue). See docs/forecasting.md.
import { writeFileSync } from 'node:fs';
import type { DayNumber, ProductId } from '../../core/brand';
import { recentPrices, totalForecast } from '../../core/forecast/totals';
import {
	categoryIds, categoryNames, forecastCsvLinesOf, productForecastItems, totalForecastCsvLines, totalForecastReport, weeklyCsvLines,
	type ProductForecastItem, type TotalForecastReport
} from '../../core/reports/forecast';
import type { InventoryRepository } from '../../core/repository';
import { isoDay } from '../../core/time';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson } from '../output';
import { forecastStore, METHOD_OPTIONS, methodOverrides, parsePoint, parseDay, parseHorizon, readDemand } from './forecast-run';

const USAGE = `inventario forecast SKU|--all --horizon N [--from DATE] [--out FILE] [--json] [--db FILE]
inventario forecast --total [--category NAME] --horizon N [--from DATE] [--json] [--db FILE]

  Forecasts daily demand (units sold) with an 80% interval: P10, P50, P90 and the mean.
  SKU            one product, by its code
  --all          every active product (a row per product and day, zeros included)
  --total        the shop's daily units and revenue (with --category NAME: one category's)
  --horizon N    days to forecast, 1 to 365
  --from DATE    first day (YYYY-MM-DD); default the day after the last sale. Sales on or
                 after DATE are not used.
  --out FILE     write the CSV (sku,date,p10,p50,p90,mean,method) to FILE
  --json         JSON instead of CSV
  --weekly       one row per product and 7-day slice instead of per day:
                 sku,week_start,days,p10,mean,p90,method (the week's total with its 80% range)
  --point mean|median  what the CSV's p50 column holds: the mean (default; the
                 expected units, see docs/forecasting.md) or the strict median
  --method NAME  use one method for every product instead of the backtest's choice
  --override SKU=NAME,...  use a method for some products (methods: blend, global-nn, gbm,
                 ensemble, seasonal-naive, moving-average, croston-sba, tsb, adida)
  --db FILE      SQLite file (default ./inventario.db)`;

/** The command's arguments checked: one of SKU, --all and --total, with options that fit it. */
export function forecastArgs(argv: string[], options: Command['options']) {
	const { values, positionals } = parseCommandArgs(argv, options);
	const modes = [positionals.length > 0, values.all === true, values.total === true].filter(Boolean).length;
	if (modes !== 1) throw new UsageError(modes === 0 ? 'say what to forecast: a SKU, --all or --total' : 'give only one of SKU, --all and --total');
	if (positionals.length > 1) throw new UsageError(`one SKU at a time (got ${positionals.length}); use --all for every product`);
	if (values.category !== undefined && !values.total) throw new UsageError('--category goes with --total');
	if (values.total && values.out !== undefined) throw new UsageError('--out writes the per-product CSV; with --total use --json or the printed table');
	if (values.weekly && (values.json || values.total)) throw new UsageError('--weekly writes the per-product CSV: leave out --json and --total');
	parsePoint(values.point);
	return { values, positionals, horizon: parseHorizon(values.horizon) };
}

export const forecastCommand: Command = {
	name: 'forecast',
	summary: 'Daily demand forecasts with intervals (a product, all products, or shop totals)',
	usage: USAGE,
	options: {
		all: { type: 'boolean' }, total: { type: 'boolean' }, category: { type: 'string' }, horizon: { type: 'string' },
		from: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, weekly: { type: 'boolean' }, ...METHOD_OPTIONS
	},
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values, positionals, horizon } = forecastArgs(argv, this.options);
		const demand = await readDemand(repo);
		if (demand.lastSaleDay === null) throw new UsageError('the store has no sales to forecast from; import some first');
		const fromDay = values.from !== undefined ? parseDay('from', values.from) : ((demand.lastSaleDay + 1) as DayNumber);
		const lastDay = Math.min(fromDay - 1, demand.lastSaleDay) as DayNumber;

		let products = demand.products.filter((p) => p.active);
		if (positionals.length === 1) {
			const product = demand.products.find((p) => p.sku === positionals[0]);
			if (!product) throw new UsageError(`no product with SKU "${positionals[0]}"`);
			products = [product];
		}
		let inCategory: Set<ProductId> | null = null;
		if (typeof values.category === 'string') {
			inCategory = categoryIds(demand.products, values.category);
			if (!inCategory) {
				const names = categoryNames(demand.products);
				throw new UsageError(`no category "${values.category}"; categories are ${names.length ? names.map((n) => `"${n}"`).join(', ') : '(none: products have no category)'}`);
			}
		}

		const overrides = methodOverrides(values, demand.products);
		const result = await forecastStore(demand, { lastDay, fromDay, horizon, overrides });
		if (values.total) {
			const total = totalForecast(result, recentPrices(demand.series, lastDay), inCategory ? (id) => inCategory.has(id) : undefined);
			printTotalForecast(totalForecastReport(total, typeof values.category === 'string' ? values.category : 'shop', horizon), values, out);
			return 0;
		}
		if (values.weekly) {
			const lines = weeklyCsvLines(products, result.forecasts, fromDay, horizon);
			if (typeof values.out === 'string') {
				writeFileSync(values.out, lines.join('\n') + '\n');
				out(`Wrote ${lines.length - 1} weekly rows (${products.length} products) to ${values.out}.`);
			} else for (const line of lines) out(line);
			return 0;
		}
		printForecast({ from: isoDay(fromDay), horizon, items: productForecastItems(products, result.forecasts, fromDay, horizon) }, values, out);
		return 0;
	}
};

/** Products' forecasts from one day: what `inventario forecast SKU|--all` prints. */
export interface ForecastPrintout {
	from: string;
	horizon: number;
	items: ProductForecastItem[];
}

/** Prints as `inventario forecast SKU|--all` does: the items as JSON with --json, else the CSV (to --out FILE, or standard output). */
export function printForecast(report: ForecastPrintout, values: Record<string, unknown>, out: (line: string) => void, writeFile: (file: string, text: string) => void = writeFileSync) {
	if (values.json) {
		printJson(report.items, out);
		return;
	}
	const lines = forecastCsvLinesOf(report.items, parsePoint(values.point));
	if (typeof values.out === 'string') {
		writeFile(values.out, lines.join('\n') + '\n');
		out(`Wrote ${lines.length - 1} rows (${report.items.length} products x ${report.horizon} days from ${report.from}) to ${values.out}.`);
	} else {
		for (const line of lines) out(line);
	}
}

/** Prints as `inventario forecast --total` does: the report as JSON with --json, else its CSV. */
export function printTotalForecast(report: TotalForecastReport, values: Record<string, unknown>, out: (line: string) => void) {
	if (values.json) printJson(report, out);
	else for (const line of totalForecastCsvLines(report)) out(line);
}
