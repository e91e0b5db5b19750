// Times the catalogue's gradient-boosted trees alone in Node: imports a sales file into a scratch
// store, prepares the catalogue up to a cutoff and trains the trees twice as the engine does (before
// the backtest's first origin, and through the last day), then forecasts 28 days.
//   npx tsx bench/gbm-training.ts FILE CUTOFF
import type { DayNumber } from '../src/core/brand';
import { importCommand } from '../src/cli/commands/import';
import { backtestOrigins } from '../src/core/forecast/backtest';
import { trackProduct } from '../src/core/forecast/features';
import { predictGbm, trainGbmModel } from '../src/core/forecast/gbm-model';
import { prepareCatalog } from '../src/core/forecast/prepare';
import { MemoryRepository } from '../src/core/memory-repository';
import { readDemand } from '../src/core/reports/forecast';
import { parseIsoDay } from '../src/core/time';

const [file, cutoffText] = process.argv.slice(2);
if (!file || !cutoffText) throw new Error('usage: npx tsx bench/gbm-training.ts FILE CUTOFF');
const repo = new MemoryRepository();
if ((await importCommand.run(repo, [file, '--json'], () => {})) !== 0) throw new Error(`could not import ${file}`);
const demand = await readDemand(repo);
const catalog = prepareCatalog(demand.series, parseIsoDay(cutoffText) as DayNumber);
const tracks = catalog.products.map((p) => trackProduct(p, catalog.closedDay));
const cpu = process.cpuUsage();
const backtest = trainGbmModel(catalog, tracks, backtestOrigins(catalog.length)[0]);
const final = trainGbmModel(catalog, tracks, catalog.length, { validate: false, maxTrees: backtest.log.trees });
let started = Date.now();
predictGbm(final, catalog, tracks, catalog.length, 28);
const forecastMillis = Date.now() - started;
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({
	products: tracks.length, backtest: backtest.log, final: final.log, forecastMillis,
	cpuSeconds: Math.round((used.user + used.system) / 1e4) / 100,
	validationDeviance: backtest.booster.validationDeviance.filter((_, i) => i % 25 === 0).map((v) => Math.round(v * 1000) / 1000)
}));
