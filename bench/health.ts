// How long the health report and alerts take on a whole catalogue (Online Retail, ~3,900 products):
// without a forecast (what the app does before the first training) and with one (the engine's
// forecasts, as the worker reads a stored run). Prints seconds and counts; the last line is JSON.
//   npx tsx bench/health.ts [--db FILE]   (without --db, imports Online Retail into a scratch store)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { horizonFor, forecastsForReorder } from '../src/cli/commands/reorder';
import { loadHealth, type HealthReport } from '../src/core/health/report';
import { DEFAULT_HEALTH_OPTIONS } from '../src/core/health/score';
import { SqlRepository } from '../src/sql/sql-repository';

const ONLINE_RETAIL = '../shared/data/online-retail/online_retail_2010-12_2011-09.csv';
const dbArg = process.argv.indexOf('--db');
const scratch = dbArg < 0 ? mkdtempSync(join(tmpdir(), 'bench-health-')) : null;
const db = dbArg >= 0 ? process.argv[dbArg + 1] : join(scratch!, 'online-retail.db');
if (scratch) execFileSync('node', ['bin/inventario.mjs', 'import', ONLINE_RETAIL, '--db', db], { stdio: 'ignore' });

const repo = await SqlRepository.open(db);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
async function timed<T>(work: () => Promise<T>) {
	const wall = performance.now(), c = cpu();
	const value = await work();
	return { value, seconds: (performance.now() - wall) / 1000, cpuSeconds: cpu() - c };
}
const summary = (r: HealthReport) => ({
	products: r.products.length, score: r.shop.score, alerts: r.alerts.length,
	byKind: Object.fromEntries([...new Set(r.alerts.map((a) => a.kind))].map((k) => [k, r.alerts.filter((a) => a.kind === k).length]))
});
try {
	const speed = await timed(() => loadHealth(repo, null));
	console.log(`sales speed: ${speed.seconds.toFixed(2)} s (cpu ${speed.cpuSeconds.toFixed(2)} s)`, JSON.stringify(summary(speed.value)));
	const engine = await timed(async () => forecastsForReorder(repo, await horizonFor(repo, DEFAULT_HEALTH_OPTIONS.targetCoverDays)));
	console.log(`forecast engine (not part of the health work): ${engine.seconds.toFixed(1)} s`);
	const forecast = await timed(() => loadHealth(repo, engine.value));
	console.log(`with the forecast: ${forecast.seconds.toFixed(2)} s (cpu ${forecast.cpuSeconds.toFixed(2)} s)`, JSON.stringify(summary(forecast.value)));
	console.log(JSON.stringify({
		products: speed.value.products.length,
		salesSpeed: { seconds: speed.seconds, cpuSeconds: speed.cpuSeconds, ...summary(speed.value) },
		forecast: { seconds: forecast.seconds, cpuSeconds: forecast.cpuSeconds, engineSeconds: engine.seconds, ...summary(forecast.value) }
	}));
} finally {
	await repo.close();
	if (scratch) rmSync(scratch, { recursive: true, force: true });
}
