// A style (a product with options) is never a stock item: stock, counts, receiving, orders,
// reorder, alerts and health see its variants; trends show both the style (summed) and each variant.
import { describe, expect, it } from 'vitest';
import type { DayNumber, ProductId } from '../../src/core/brand';
import { dashboardSummary } from '../../src/core/dashboard';
import type { DemandForecast } from '../../src/core/forecast/types';
import { analyzeHealth } from '../../src/core/health/report';
import { movement } from '../../src/core/ledger';
import { MemoryRepository } from '../../src/core/memory-repository';
import { checkOrderLines } from '../../src/core/purchase-orders/purchase-order';
import { planReorders } from '../../src/core/reorder/suggest';
import { stockReport } from '../../src/core/stock-report';
import { adjustStock, receiveGoods, recordCount } from '../../src/core/stock-ops';
import { analyzeTrends } from '../../src/core/trends/report';
import type { Product } from '../../src/core/types';
import { missingVariants } from '../../src/core/variants';
import { day, scatter, syntheticShop, testProduct } from './trends-fixture';

const style = testProduct('CAM', { name: 'Camiseta', options: [{ name: 'Talla', values: ['S', 'M', 'L'] }] });
const [small, medium, large] = missingVariants(style, [], new Set(), 0 as Product['updatedAt']);
const plain = testProduct('BOL', { name: 'Bolso' });
const catalogue = [style, small, medium, large, plain];

const from = day('2024-01-01'), to = day('2024-06-30');
const shop = syntheticShop(from, to, [
	{ product: style, unitsOn: () => 0 },
	{ product: small, unitsOn: (d) => scatter(d, 3), onHand: 6 },
	{ product: medium, unitsOn: (d) => (d > to - 56 ? 2 + scatter(d, 3, 1) : scatter(d, 2, 1)), onHand: 0 },
	{ product: large, unitsOn: (d) => scatter(d, 2, 2), onHand: 10 },
	{ product: plain, unitsOn: (d) => scatter(d, 4, 3), onHand: 3 }
]);

const flat = (productId: ProductId, perDay: number): DemandForecast => ({
	productId, fromDay: (to + 1) as DayNumber, p10: Array(28).fill(0), p50: Array(28).fill(perDay), p90: Array(28).fill(perDay * 2),
	mean: Array(28).fill(perDay), method: 'test', modelVersion: 'test', overdispersion: 0.2
});
// Even a forecast for the style (an older run, made before it had options) orders nothing for it.
const forecasts = catalogue.map((p) => flat(p.id, 1));

describe('a style is not a stock item', () => {
	it('is left out of reorder suggestions, health and its alerts; its variants are in them', () => {
		const plan = planReorders({ products: catalogue, suppliers: [], stock: shop.stock, onOrder: new Map(), forecasts });
		expect(plan.suggestions.map((s) => s.sku).sort()).toEqual(['BOL', 'CAM-L', 'CAM-M', 'CAM-S']);
		expect(plan.withoutForecast).toEqual([]);
		const health = analyzeHealth({ ...shop, products: catalogue, suppliers: [], onOrder: new Map(), forecasts });
		expect(health.products.map((p) => p.sku).sort()).toEqual(['BOL', 'CAM-L', 'CAM-M', 'CAM-S']);
		expect(health.alerts.some((a) => a.productId === style.id)).toBe(false);
		// The medium size sells and has none left: sold out, never "will run out".
		expect(health.alerts.some((a) => a.productId === medium.id && a.kind === 'sold_out')).toBe(true);
	});

	it('has no row in the stock report and counts as neither out of stock nor stock value on the dashboard', async () => {
		expect(stockReport(catalogue, shop.stock, []).map((r) => r.sku)).toEqual(['BOL', 'CAM-L', 'CAM-M', 'CAM-S']);
		const repo = new MemoryRepository();
		for (const p of catalogue) await repo.putProduct(p);
		await repo.addMovements([movement(small.id, 2, 'purchase', 1 as never, 'dev')]);
		const summary = await dashboardSummary(repo, to);
		expect(summary).toMatchObject({ activeProducts: 4, outOfStockCount: 3 });
	});

	it('cannot be received, adjusted, counted or ordered; its variants can', async () => {
		const repo = new MemoryRepository();
		for (const p of catalogue) await repo.putProduct(p);
		const received = await receiveGoods(repo, null, 'ALB-1', [{ productId: small.id, quantity: 4 }, { productId: style.id, quantity: 4 }], 'dev');
		expect(received).toEqual({ ok: false, errors: [{ line: 1, field: 'productId', code: 'is_style' }] });
		expect(await adjustStock(repo, style.id, -1, 'Rota', 'dev')).toEqual({ ok: false, errors: [{ line: 0, field: 'productId', code: 'is_style' }] });
		expect((await recordCount(repo, [{ productId: style.id, quantity: 0 }], 'R', 'dev')).ok).toBe(false);
		expect((await receiveGoods(repo, null, 'ALB-1', [{ productId: small.id, quantity: 4 }, { productId: medium.id, quantity: 2 }], 'dev')).ok).toBe(true);
		expect(await repo.stockLevels()).toEqual(new Map([[small.id, 4], [medium.id, 2]]));
		expect(checkOrderLines([{ productId: style.id, quantity: 3, unitCost: 100 as never }], new Set([style.id]))).toEqual([{ line: 0, field: 'productId', code: 'is_style' }]);
	});
});

describe('trends of a style', () => {
	const report = analyzeTrends({ ...shop, products: catalogue });

	it('list each variant as a product with its style, and the style as the sum of its variants', () => {
		expect(report.products.map((p) => p.sku).sort()).toEqual(['BOL', 'CAM-L', 'CAM-M', 'CAM-S']);
		expect(report.products.find((p) => p.sku === 'CAM-M')!.variantOf).toBe(style.id);
		expect(report.products.find((p) => p.sku === 'BOL')!.variantOf).toBeUndefined();
		expect(report.styles.map((s) => s.sku)).toEqual(['CAM']);
		const [styleTrend] = report.styles;
		const variants = report.products.filter((p) => p.variantOf === style.id);
		expect(styleTrend.revenue).toBe(variants.reduce((n, v) => n + v.revenue, 0));
		expect(styleTrend.rotation.unitsSold).toBe(variants.reduce((n, v) => n + v.rotation.unitsSold, 0));
		expect(styleTrend.onHand).toBe(16);
		// Ranked among styles and plain products: the T-shirt outsells the bag.
		expect(styleTrend.abc).toBe('A');
		expect(report.products.find((p) => p.sku === 'CAM-M')!.trend.direction).toBe('growth');
		expect(styleTrend.trend.direction).toBe('growth');
	});
});
