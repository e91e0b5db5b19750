// SqlAlertStore and SqlForecastStore hold to the same contracts as the memory stores, on SQLite
// and PostgreSQL; and a saved network's bytes come back as they were stored.
import { describe, expect, it } from 'vitest';
import { SqlAlertStore } from '../../src/sql/sql-alert-store';
import { SqlForecastStore } from '../../src/sql/sql-forecast-store';
import { DEFAULT_SHOP_CODE, ensureShop } from '../../src/sql/open';
import { alertStoreContract } from '../support/alert-store-contract';
import { forecastStoreContract } from '../support/forecast-store-contract';
import { describeEachSql, freshDatabase, type SqlKind } from '../support/sql-databases';

async function onMainShop<T>(kind: SqlKind, make: (sql: Awaited<ReturnType<typeof freshDatabase>>, shopId: string) => T) {
	const sql = await freshDatabase(kind);
	return make(sql, (await ensureShop(sql, DEFAULT_SHOP_CODE)).id);
}

describeEachSql('SQL stores', (kind) => {
	alertStoreContract('SQL', () => onMainShop(kind, (sql, shop) => new SqlAlertStore(sql, shop)));
	forecastStoreContract('SQL', () => onMainShop(kind, (sql, shop) => new SqlForecastStore(sql, shop)));

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
