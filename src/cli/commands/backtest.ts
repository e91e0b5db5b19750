// inventario backtest FILE --cutoff DATE --horizon N --out FILE: imports FILE into a scratch store
// with the same auto-detecting engine as `import`, forecasts from the cutoff using only the sales
// up to it, and writes the same CSV as `forecast --all` for the days after it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DayNumber } from '../../core/brand';
import { MemoryRepository } from '../../core/memory-repository';
import { backtestSummary } from '../../core/reports/forecast';
import type { InventoryRepository } from '../../core/repository';
import { isoDay } from '../../core/time';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { forecastCsvLines, forecastStore, METHOD_OPTIONS, methodOverrides, parseDay, parsePoint, parseHorizon, readDemand } from './forecast-run';
import { importCommand } from './import';

export const backtestCommand: Command = {
	name: 'backtest',
	summary: 'Import a sales file into a scratch store and forecast the days after a cutoff',
	usage: `inventario backtest FILE --cutoff DATE --horizon N --out FILE

  FILE          sales export, read as "inventario import" reads it (auto-detected)
  --cutoff DATE last day of sales used for training (YYYY-MM-DD)
  --horizon N   days forecast after the cutoff, 1 to 365
  --out FILE    the forecast CSV: sku,date,p10,p50,p90,mean,method (every active product and day)
  --json        print the backtest summary (timings, origins, per-method rolling-backtest metrics) as JSON
  --methods-out DIR  also write DIR/<method>.csv with every method's forecast for every product
  --method NAME, --override SKU=NAME,..., --point mean|median  as in "inventario forecast"
  The store given by --db is not touched.`,
	options: { cutoff: { type: 'string' }, horizon: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, 'methods-out': { type: 'string' }, ...METHOD_OPTIONS },
	async run(_repo: InventoryRepository, argv: string[], out) {
		const { values, positionals } = parseCommandArgs(argv, this.options);
		if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'which file? Give the sales CSV to backtest on' : `one file at a time (got ${positionals.length})`);
		if (values.cutoff === undefined) throw new UsageError('--cutoff DATE is required (the last day of training data)');
		if (typeof values.out !== 'string') throw new UsageError('--out FILE is required (where the forecast CSV goes)');
		const cutoff = parseDay('cutoff', values.cutoff);
		const horizon = parseHorizon(values.horizon);

		const scratch = new MemoryRepository();
		const started = Date.now();
		const importLog: string[] = [];
		const code = await importCommand.run(scratch, [positionals[0], '--json'], (l) => importLog.push(l));
		if (code !== 0) throw new Error(`could not import "${positionals[0]}": ${importLog.join(' ')}`);
		const importMillis = Date.now() - started;
		const demand = await readDemand(scratch);
		if (demand.lastSaleDay === null) throw new UsageError(`"${positionals[0]}" has no sales lines`);
		const firstDay = Math.min(...demand.series.filter((s) => s.days.length).map((s) => s.days[0]));
		if (cutoff < firstDay) throw new UsageError(`--cutoff ${isoDay(cutoff)} is before the first sale (${isoDay(firstDay as DayNumber)})`);
		const overrides = methodOverrides(values, demand.products);
		const methodsDir = values['methods-out'];
		const cpuBefore = process.cpuUsage();
		const result = await forecastStore(demand, { lastDay: cutoff, fromDay: (cutoff + 1) as DayNumber, horizon, overrides, emitAllMethods: typeof methodsDir === 'string' });
		const cpu = process.cpuUsage(cpuBefore);
		const active = demand.products.filter((p) => p.active);
		const point = parsePoint(values.point);
		const lines = forecastCsvLines(result, active, result.forecasts, point);
		writeFileSync(values.out, lines.join('\n') + '\n');
		if (typeof methodsDir === 'string') {
			mkdirSync(methodsDir, { recursive: true });
			for (const [method, forecasts] of Object.entries(result.byMethod ?? {})) writeFileSync(join(methodsDir, `${method}.csv`), forecastCsvLines(result, active, forecasts, point).join('\n') + '\n');
		}
		const summary = backtestSummary(result, { file: positionals[0], cutoff, horizon, rows: lines.length - 1, importMillis, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
		if (values.json) out(JSON.stringify(summary));
		else out(`Wrote ${summary.rows} rows (${result.forecasts.length} products with sales, ${horizon} days after ${isoDay(cutoff)}) to ${values.out}.`);
		return 0;
	}
};
