// SqlAlertStore and SqlForecastStore hold to the same contracts as the memory stores, on SQLite
// and PostgreSQL; and a saved network's bytes come back as they were stored.
import { describe, expect, it } from 'vitest';
import { SqlAlertStore } from '../../src/sql/sql-alert-store';
import { SqlForecastStore } from '../../src/sql/sql-forecast-store';
import { DEFAULT_SHOP_CODE, ensureShop } from '../../src/sql/open';
import { alertStoreContract } from '../support/alert-store-contract';
import type { LocalTimestamp, ProductId } from '$core/brand';
import type { CatalogForecast } from '$core/forecast/engine';
import { runOf, RUNS_KEPT } from '$core/forecast-runs';
import { forecast, forecastStoreContract, FROM, totals } from '../support/forecast-store-contract';
import { describeEachSql, freshDatabase, type SqlKind } from '../support/sql-databases';

async function onMainShop<T>(kind: SqlKind, make: (sql: Awaited<ReturnType<typeof freshDatabase>>, shopId: string) => T) {
	const sql = await freshDatabase(kind);
	return make(sql, (await ensureShop(sql, DEFAULT_SHOP_CODE)).id);
}

describeEachSql('SQL stores', (kind) => {
	alertStoreContract('SQL', () => onMainShop(kind, (sql, shop) => new SqlAlertStore(sql, shop)));
	forecastStoreContract('SQL', () => onMainShop(kind, (sql, shop) => new SqlForecastStore(sql, shop)));

	describe('forecast runs as rows', () => {
		it('a run of more rows than one write transaction holds comes back whole, and pruned runs leave no rows', async () => {
			const sql = await freshDatabase(kind);
			const store = new SqlForecastStore(sql, (await ensureShop(sql, DEFAULT_SHOP_CODE)).id);
			// 400 products x 30 days = 12,000 day rows: written in three transactions.
			const horizon = 30;
			const forecasts = Array.from({ length: 400 }, (_, p) => forecast(`p${p}` as ProductId, Array.from({ length: horizon }, (_, d) => p + d / 10)));
			const big = { fromDay: FROM, horizon, forecasts } as unknown as CatalogForecast;
			for (let i = 0; i < RUNS_KEPT + 2; i++) await store.putRun(runOf(big, totals, `m${i}`, (1000 + i) as LocalTimestamp));
			const latest = (await store.latestRun())!;
			expect(latest.modelId).toBe(`m${RUNS_KEPT + 1}`);
			expect(latest.productIds).toHaveLength(400);
			expect(Array.from(latest.mean.subarray(399 * horizon, 399 * horizon + 2))).toEqual([399, Math.fround(399.1)]);
			const count = async (table: 'forecast_runs' | 'forecast_run_products' | 'forecast_run_days') =>
				Number((await sql.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
			expect(await count('forecast_runs')).toBe(RUNS_KEPT);
			expect(await count('forecast_run_products')).toBe(RUNS_KEPT * 400);
			expect(await count('forecast_run_days')).toBe(RUNS_KEPT * 400 * horizon);
		});
	});

	describe('model artifacts', () => {
		it('keeps a network\'s model.json and weight bytes per address, replaced on save', async () => {
			const store = await onMainShop(kind, (sql, shop) => new SqlForecastStore(sql, shop));
			expect(await store.loadArtifacts('indexeddb://m1')).toBeUndefined();
			const weights = new Uint8Array(30_000).map((_, i) => (i * 31) & 255);
			await store.saveArtifacts('indexeddb://m1', '{"modelTopology":{}}', weights.subarray(100), 42);
			const back = await store.loadArtifacts('indexeddb://m1');
			expect(back).toEqual({ modelJson: '{"modelTopology":{}}', weights: weights.slice(100), savedAt: 42 });
			expect(back!.weights.constructor).toBe(Uint8Array);
			await store.saveArtifacts('indexeddb://m1', '{}', new Uint8Array([1, 2, 3]), 43);
			expect(await store.loadArtifacts('indexeddb://m1')).toEqual({ modelJson: '{}', weights: new Uint8Array([1, 2, 3]), savedAt: 43 });
			await store.deleteArtifacts('indexeddb://m1');
			expect(await store.loadArtifacts('indexeddb://m1')).toBeUndefined();
		});
	});
});
