// Two shops in one database never see each other's data: catalogue, sales, ledger, stock, daily
// totals, orders, settings, alerts, forecasts and saved networks; the same SKU lives in both; one
// shop's clear() leaves the other whole.
import { expect, it } from 'vitest';
import type { LocalTimestamp } from '$core/brand';
import { emptyCustomerForm, emptyProductForm, saveCustomer, saveProduct } from '$core/catalog';
import { runOf } from '$core/forecast-runs';
import { draftPurchaseOrder } from '$core/purchase-orders/purchase-order';
import { recordSale } from '$core/selling';
import { receiveGoods } from '$core/stock-ops';
import { dayOf, parseIsoLocal } from '$core/time';
import { ensureShop } from '../../src/sql/open';
import { SqlAlertStore } from '../../src/sql/sql-alert-store';
import { SqlForecastStore } from '../../src/sql/sql-forecast-store';
import { SqlRepository } from '../../src/sql/sql-repository';
import { alert } from '../support/alert-store-contract';
import { model, result, totals } from '../support/forecast-store-contract';
import { describeEachSql, freshDatabase } from '../support/sql-databases';
import { snapshot } from '../support/store-snapshot';

const at = (s: string) => parseIsoLocal(s) as LocalTimestamp;

async function fill(repo: SqlRepository, price: string, units: number) {
	const p = await saveProduct(repo, { ...emptyProductForm(), sku: 'CAM-001', name: `Camiseta ${price}`, unitPrice: price, unitCost: '2' });
	const c = await saveCustomer(repo, { ...emptyCustomerForm(), code: '17850', name: 'Lucía' });
	if (!p.ok || !c.ok) throw new Error('invalid');
	await receiveGoods(repo, null, 'ALB-1', [{ productId: p.value.id, quantity: 50 }], 'dev');
	await recordSale(repo, { customerId: c.value.id, lines: [{ productId: p.value.id, quantity: units, unitPrice: p.value.unitPrice, discount: 0 as never }], at: at('2024-05-10 10:00') }, 'dev');
	await repo.putPurchaseOrder(draftPurchaseOrder(null, [{ productId: p.value.id, quantity: units, unitCost: p.value.unitCost }], at('2024-05-11 09:00'), 'dev'));
	await repo.putSetting('invoiceCounter', units);
	const alerts = new SqlAlertStore(repo.sql, repo.shopId);
	await alerts.reconcile([alert('low_stock', p.value.id)], at('2024-05-12 08:00'));
	await alerts.putSnapshot({ day: dayOf(at('2024-05-12 08:00')), at: at('2024-05-12 08:00'), score: units, parts: { stockOut: units, overstock: 0, deadStock: 0, turnover: 0 } });
	const forecasts = new SqlForecastStore(repo.sql, repo.shopId);
	await forecasts.putModel(model(`m-${units}`, 1000));
	await forecasts.addTrainingLog({ modelId: `m-${units}`, startedAt: 1 as LocalTimestamp, endedAt: 2 as LocalTimestamp, outcome: 'trained', error: null, products: 1, examples: units, epochs: 1, loss: [1], millis: { prepare: 0, train: 0, backtest: 0, forecast: 0 } });
	await forecasts.putRun(runOf(result, totals, `m-${units}`, (1000 + units) as LocalTimestamp));
	await forecasts.saveArtifacts('indexeddb://model', `{"units":${units}}`, new Uint8Array([units]));
	return { product: p.value, alerts, forecasts };
}

async function everything(repo: SqlRepository, alerts: SqlAlertStore, forecasts: SqlForecastStore) {
	return {
		store: await snapshot(repo), settings: await repo.listSettings(), alerts: await alerts.listAlerts(), snapshots: await alerts.listSnapshots(),
		models: await forecasts.listModels(), logs: (await forecasts.listTrainingLogs()).map(({ seq: _seq, ...l }) => l), runs: await forecasts.listRuns(),
		artifacts: await forecasts.loadArtifacts('indexeddb://model'), sales: (await repo.salesPage({ limit: 100 })).items,
		movements: (await repo.movementsPage({ limit: 100 })).items
	};
}

describeEachSql('shops in one database', (kind) => {
	it('never see each other\'s data, and the same SKU exists in both', async () => {
		const sql = await freshDatabase(kind);
		const main = new SqlRepository(sql, (await ensureShop(sql, 'main')).id);
		const north = new SqlRepository(sql, (await ensureShop(sql, 'north', 'Tienda Norte')).id);
		expect(main.shopId).not.toBe(north.shopId);
		const a = await fill(main, '10', 3);
		const before = await everything(main, a.alerts, a.forecasts);
		const b = await fill(north, '12', 5);
		// Filling the second shop changed nothing the first one sees.
		expect(await everything(main, a.alerts, a.forecasts)).toEqual(before);

		expect((await main.getProductBySku('CAM-001'))!.id).toBe(a.product.id);
		expect((await north.getProductBySku('CAM-001'))!.id).toBe(b.product.id);
		expect(await main.getProduct(b.product.id)).toBeUndefined();
		expect(await main.stockLevels()).toEqual(new Map([[a.product.id, 47]]));
		expect(await north.stockLevels()).toEqual(new Map([[b.product.id, 45]]));
		expect(await north.stockOf(a.product.id)).toBe(0);
		const day = dayOf(at('2024-05-10 00:00'));
		expect((await main.shopDays(day, day)).map((d) => d.revenue)).toEqual([3000]);
		expect((await north.shopDays(day, day)).map((d) => d.revenue)).toEqual([6000]);
		expect(await main.productDays(b.product.id, day, day)).toEqual([]);
		expect((await main.saleBlocks()).flatMap((x) => x.products)).toEqual([a.product.id]);
		expect((await north.salesPage({ limit: 10 })).items.map((s) => s.lines[0].quantity)).toEqual([5]);
		expect((await main.movementsPage({ limit: 10, productId: b.product.id })).items).toEqual([]);
		expect(await main.getSetting('invoiceCounter')).toBe(3);
		expect(await north.getSetting('invoiceCounter')).toBe(5);
		expect((await a.alerts.listAlerts()).map((x) => x.productId)).toEqual([a.product.id]);
		expect(await b.alerts.dismiss(`low_stock:${a.product.id}`, at('2024-05-12 09:00'))).toBe(false);
		expect((await a.alerts.listSnapshots()).map((x) => x.score)).toEqual([3]);
		expect((await b.forecasts.listModels()).map((m) => m.id)).toEqual(['m-5']);
		expect((await a.forecasts.latestRun())!.modelId).toBe('m-3');
		expect((await b.forecasts.listTrainingLogs()).map((l) => l.examples)).toEqual([5]);
		expect((await a.forecasts.loadArtifacts('indexeddb://model'))!.modelJson).toBe('{"units":3}');
		expect(await main.counts()).toEqual({ products: 1, suppliers: 0, customers: 1, saleLines: 1, sales: 1, movements: 2 });

		const northBefore = await everything(north, b.alerts, b.forecasts);
		await main.clear();
		expect(await main.counts()).toEqual({ products: 0, suppliers: 0, customers: 0, saleLines: 0, sales: 0, movements: 0 });
		expect(await a.alerts.listAlerts()).toEqual([]);
		expect(await a.forecasts.listRuns()).toEqual([]);
		expect(await everything(north, b.alerts, b.forecasts)).toEqual(northBefore);
	});
});
