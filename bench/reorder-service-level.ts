// Does the reorder point deliver the service level it promises? For each shared data set: import
// into a scratch store, forecast 28 days from the protocol cutoff, and count the products (that
// sold in the 90 days before it) whose actual demand over the lead time stayed at or below
// lead-time demand + safety stock. Also times the trends report on the whole store.
//   npx tsx bench/reorder-service-level.ts [online-retail|bread-basket|pharmacy ...]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forecastStore, readDemand } from '../src/cli/commands/forecast-run';
import type { DemandForecast } from '../src/core/forecast/types';
import { safetyStock, windowSum, type SafetyStockBasis } from '../src/core/reorder/lead-time-demand';
import { parseIsoDay } from '../src/core/time';
import { loadTrends } from '../src/core/trends/report';
import { SqlRepository } from '../src/sql/sql-repository';

const DATA_SETS = [
	{ name: 'online-retail', file: '../shared/data/online-retail/online_retail_2010-12_2011-09.csv', cutoff: '2011-08-31' },
	{ name: 'bread-basket', file: '../shared/data/bread-basket/BreadBasket_DMS.csv', cutoff: '2017-03-12' },
	{ name: 'pharmacy', file: '../shared/data/pharmacy/salesdaily.csv', cutoff: '2019-09-10' }
];
const LEAD_TIMES = [7, 14];
const SERVICE_LEVELS = [0.8, 0.95];
const RECENT_DAYS = 90;

const chosen = process.argv.slice(2);
const scratch = mkdtempSync(join(tmpdir(), 'bench-reorder-'));
try {
	for (const set of DATA_SETS.filter((s) => chosen.length === 0 || chosen.includes(s.name))) {
		const db = join(scratch, `${set.name}.db`);
		execFileSync('node', ['bin/inventario.mjs', 'import', set.file, '--db', db], { stdio: 'ignore' });
		const repo = await SqlRepository.open(db);
		let started = performance.now();
		const trends = await loadTrends(repo);
		const trendsSeconds = (performance.now() - started) / 1000;
		const cutoff = parseIsoDay(set.cutoff)!;
		const demand = await readDemand(repo);
		started = performance.now();
		const { forecasts } = await forecastStore(demand, { lastDay: cutoff, horizon: 28 });
		const forecastSeconds = (performance.now() - started) / 1000;
		const seriesOf = new Map(demand.series.map((s) => [s.productId, s]));
		console.log(`${set.name}: trends report on ${trends.products.length} products in ${trendsSeconds.toFixed(2)} s (read + analyse); forecast ${forecastSeconds.toFixed(1)} s`);
		for (const leadTime of LEAD_TIMES) {
			for (const level of SERVICE_LEVELS) {
				const byBasis = new Map<SafetyStockBasis | 'spread_only', { n: number; covered: number }>();
				const count = (key: SafetyStockBasis | 'spread_only', covered: boolean) => {
					const t = byBasis.get(key) ?? { n: 0, covered: 0 };
					t.n++;
					if (covered) t.covered++;
					byBasis.set(key, t);
				};
				let n = 0, covered = 0;
				for (const f of forecasts) {
					const s = seriesOf.get(f.productId!)!;
					let recentSales = 0, actual = 0;
					for (let i = 0; i < s.days.length; i++) {
						if (s.days[i] > cutoff - RECENT_DAYS && s.days[i] <= cutoff) recentSales++;
						if (s.days[i] > cutoff && s.days[i] <= cutoff + leadTime) actual += s.units[i];
					}
					if (recentSales === 0) continue;
					const demandOverLead = windowSum(f.mean, 0, leadTime);
					const safety = safetyStock(f, leadTime, level);
					const ok = actual <= demandOverLead + safety.units + 1e-9;
					n++;
					if (ok) covered++;
					count(safety.basis, ok);
					const spreadOnly = safetyStock({ ...f, backtest: undefined } as DemandForecast, leadTime, level);
					count('spread_only', actual <= demandOverLead + spreadOnly.units + 1e-9);
				}
				const pct = (c: number, total: number) => `${((100 * c) / Math.max(1, total)).toFixed(1)}%`;
				const parts = [...byBasis].map(([basis, t]) => `${basis} ${pct(t.covered, t.n)} of ${t.n}`).join(', ');
				console.log(`  lead ${leadTime} d, ${level * 100}% asked: ${pct(covered, n)} of ${n} covered [${parts}]`);
			}
		}
		await repo.close();
	}
} finally {
	rmSync(scratch, { recursive: true, force: true });
}
