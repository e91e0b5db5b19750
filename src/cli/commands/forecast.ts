// inventario forecast SKU|--all|--total: daily demand with P10/P50/P90 and the mean, per product
// (CSV or JSON) or for the whole shop / one category (units and revenue). See docs/forecasting.md.
import { writeFileSync } from 'node:fs';
import type { DayNumber } from '../../core/brand';
import { recentPrices, totalForecast } from '../../core/forecast/totals';
import type { DemandForecast } from '../../core/forecast/types';
import { weeklyForecast } from '../../core/forecast-weeks';
import type { InventoryRepository } from '../../core/repository';
import type { Product } from '../../core/types';
import { isoDay } from '../../core/time';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson } from '../output';
import { csvCell, forecastCsvLines, forecastStore, METHOD_OPTIONS, methodOverrides, num, parsePoint, parseDay, parseHorizon, readDemand } from './forecast-run';

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
  --override SKU=NAME,...  use a method for some products (methods: blend, global-nn,
                 ensemble, seasonal-naive, moving-average, croston-sba, tsb, adida)
  --db FILE      SQLite file (default ./inventario.db)`;

export const forecastCommand: Command = {
	name: 'forecast',
	summary: 'Daily demand forecasts with intervals (a product, all products, or shop totals)',
	usage: USAGE,
	options: {
		all: { type: 'boolean' }, total: { type: 'boolean' }, category: { type: 'string' }, horizon: { type: 'string' },
		from: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, weekly: { type: 'boolean' }, ...METHOD_OPTIONS
	},
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values, positionals } = parseCommandArgs(argv, this.options);
		const modes = [positionals.length > 0, values.all === true, values.total === true].filter(Boolean).length;
		if (modes !== 1) throw new UsageError(modes === 0 ? 'say what to forecast: a SKU, --all or --total' : 'give only one of SKU, --all and --total');
		if (positionals.length > 1) throw new UsageError(`one SKU at a time (got ${positionals.length}); use --all for every product`);
		if (values.category !== undefined && !values.total) throw new UsageError('--category goes with --total');
		if (values.total && values.out !== undefined) throw new UsageError('--out writes the per-product CSV; with --total use --json or the printed table');
		if (values.weekly && (values.json || values.total)) throw new UsageError('--weekly writes the per-product CSV: leave out --json and --total');
		const horizon = parseHorizon(values.horizon);
		const point = parsePoint(values.point);
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
		let categoryIds: Set<string> | null = null;
		if (typeof values.category === 'string') {
			const name = values.category.trim().toLowerCase();
			const inCategory = demand.products.filter((p) => p.category.trim().toLowerCase() === name);
			if (inCategory.length === 0) {
				const names = [...new Set(demand.products.map((p) => p.category).filter(Boolean))].sort();
				throw new UsageError(`no category "${values.category}"; categories are ${names.length ? names.map((n) => `"${n}"`).join(', ') : '(none: products have no category)'}`);
			}
			categoryIds = new Set(inCategory.map((p) => p.id));
		}

		const overrides = methodOverrides(values, demand.products);
		const result = await forecastStore(demand, { lastDay, fromDay, horizon, overrides });
		if (values.total) {
			const total = totalForecast(result, recentPrices(demand.series, lastDay), categoryIds ? (id) => categoryIds!.has(id) : undefined);
			const rows = total.units.mean.map((_, k) => ({
				date: isoDay((fromDay + k) as DayNumber),
				units_p10: round(total.units.p10[k]), units_p50: round(total.units.p50[k]), units_p90: round(total.units.p90[k]), units_mean: round(total.units.mean[k]),
				revenue_p10: money(total.revenue.p10[k]), revenue_p50: money(total.revenue.p50[k]), revenue_p90: money(total.revenue.p90[k]), revenue_mean: money(total.revenue.mean[k])
			}));
			if (values.json) printJson({ scope: values.category ?? 'shop', from: isoDay(fromDay), horizon, days: rows }, out);
			else {
				out('date,units_p10,units_p50,units_p90,units_mean,revenue_p10,revenue_p50,revenue_p90,revenue_mean');
				for (const r of rows) out(Object.values(r).join(','));
			}
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
		const lines = forecastCsvLines(result, products, result.forecasts, point);
		if (values.json) {
			const byId = new Map(result.forecasts.map((f) => [f.productId, f]));
			printJson(products.map((p) => {
				const f = byId.get(p.id);
				return {
					sku: p.sku, from: isoDay(fromDay), method: f?.method ?? 'no-sales', modelVersion: f?.modelVersion ?? null,
					p10: f?.p10 ?? zeros(horizon), p50: f?.p50 ?? zeros(horizon), p90: f?.p90 ?? zeros(horizon), mean: (f?.mean ?? zeros(horizon)).map(round),
					backtest: f?.metrics ?? null
				};
			}), out);
		} else if (typeof values.out === 'string') {
			writeFileSync(values.out, lines.join('\n') + '\n');
			out(`Wrote ${lines.length - 1} rows (${products.length} products x ${horizon} days from ${isoDay(fromDay)}) to ${values.out}.`);
		} else {
			for (const line of lines) out(line);
		}
		return 0;
	}
};

/** CSV sku,week_start,days,p10,mean,p90,method: each product's demand per 7-day slice with its 80% range. */
function weeklyCsvLines(products: readonly Product[], forecasts: readonly DemandForecast[], fromDay: DayNumber, horizon: number): string[] {
	const byId = new Map(forecasts.map((f) => [f.productId, f]));
	const lines = ['sku,week_start,days,p10,mean,p90,method'];
	for (const p of [...products].sort((a, b) => a.sku.localeCompare(b.sku))) {
		const f = byId.get(p.id);
		const weeks = f ? weeklyForecast(f) : [];
		for (let start = 0, w = 0; start < horizon; start += 7, w++) {
			const week = weeks[w];
			const from = isoDay((fromDay + start) as DayNumber);
			lines.push([csvCell(p.sku), from, Math.min(7, horizon - start), num(week?.p10 ?? 0), num(week?.mean ?? 0), num(week?.p90 ?? 0), f?.method ?? 'no-sales'].join(','));
		}
	}
	return lines;
}

const round = (v: number) => Number(num(v));
const money = (cents: number) => Math.round(cents) / 100;
const zeros = (n: number) => new Array<number>(n).fill(0);
