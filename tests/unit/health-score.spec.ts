// The health score: each part's risk, the product and shop scores, and the report over a small shop.
import { describe, expect, it } from 'vitest';
import type { DayNumber, ProductId } from '../../src/core/brand';
import type { DemandForecast } from '../../src/core/forecast/types';
import { analyzeHealth, type HealthInput } from '../../src/core/health/report';
import { DEFAULT_HEALTH_OPTIONS, HEALTH_PARTS, levelOf, partRisks, scoreOf, shopPartRisks, shopRisks, weakestPart, weightedScore, type ScoreFacts } from '../../src/core/health/score';
import { day, syntheticShop, testProduct } from './trends-fixture';

const o = DEFAULT_HEALTH_OPTIONS;
const facts = (over: Partial<ScoreFacts> = {}): ScoreFacts => ({
	onHand: 60, position: 60, leadTimeDays: 7, demandPerDay: 2, daysToStockOut: 30, daysSinceLastSale: 0, annualTurnover: 12, ...over
});

describe('part risks', () => {
	it('running out: 1 before the lead time, 0 once the lead time plus the warning days are covered, linear between', () => {
		expect(partRisks(facts({ daysToStockOut: 6 }), o).stockOut).toBe(1);
		expect(partRisks(facts({ daysToStockOut: 7 }), o).stockOut).toBe(1);
		expect(partRisks(facts({ daysToStockOut: 14 }), o).stockOut).toBeCloseTo(0.5, 10);
		expect(partRisks(facts({ daysToStockOut: 21 }), o).stockOut).toBe(0);
		expect(partRisks(facts({ daysToStockOut: null }), o).stockOut).toBe(0);
		// Negative stock (sales imported without purchases): the shelf is unknown, not empty.
		expect(partRisks(facts({ onHand: -5, position: 0, daysToStockOut: 0 }), o).stockOut).toBe(0);
		// Nothing sells: nothing to run out of.
		expect(partRisks(facts({ demandPerDay: 0, daysToStockOut: 0 }), o).stockOut).toBe(0);
	});

	it('overstock: from 3x an order\'s worth of cover (lead time + 30 days) to 6x', () => {
		const limit = 3 * 37;
		expect(partRisks(facts({ onHand: limit * 2, position: limit * 2, annualTurnover: 10 }), o).overstock).toBe(0);
		expect(partRisks(facts({ onHand: limit * 3, position: limit * 3, annualTurnover: 10 }), o).overstock).toBeCloseTo(0.5, 10);
		expect(partRisks(facts({ onHand: limit * 5, position: limit * 5, annualTurnover: 10 }), o).overstock).toBe(1);
	});

	it('dead stock: rises from half the dead-stock days, and a dead product loses nothing more', () => {
		expect(partRisks(facts({ daysSinceLastSale: 45 }), o).deadStock).toBe(0);
		expect(partRisks(facts({ daysSinceLastSale: 60 }), o).deadStock).toBeCloseTo(1 / 3, 10);
		const dead = partRisks(facts({ daysSinceLastSale: 90, annualTurnover: 0.1, onHand: 5000, position: 5000 }), o);
		expect(dead).toEqual({ stockOut: 0, overstock: 0, deadStock: 1, turnover: 0 });
		expect(partRisks(facts({ daysSinceLastSale: null, demandPerDay: 0 }), o).deadStock).toBe(1);
		// An empty shelf is never dead stock.
		expect(partRisks(facts({ onHand: 0, position: 0, daysSinceLastSale: null, demandPerDay: 0 }), o).deadStock).toBe(0);
	});

	it('turnover: 1 - turns a year / 4', () => {
		expect(partRisks(facts({ annualTurnover: 1 }), o).turnover).toBeCloseTo(0.75, 10);
		expect(partRisks(facts({ annualTurnover: 8 }), o).turnover).toBe(0);
	});

	it('scores 100 minus weight x risk, never above the weakest part, with levels', () => {
		const none = { stockOut: 0, overstock: 0, deadStock: 0, turnover: 0 };
		expect(scoreOf(none)).toBe(100);
		expect(weightedScore({ ...none, stockOut: 1 })).toBe(65);
		// Everything running out is not "fair": the weakest part caps the score.
		expect(scoreOf({ ...none, stockOut: 1 })).toBe(0);
		expect(scoreOf({ stockOut: 1, overstock: 1, deadStock: 1, turnover: 1 })).toBe(0);
		// The sample shop's case: 28 % of sales at risk read "90, good" beside its own part's 72.
		expect(weightedScore({ ...none, stockOut: 0.28 })).toBe(90);
		expect(scoreOf({ ...none, stockOut: 0.28 })).toBe(72);
		expect(levelOf(scoreOf({ ...none, stockOut: 0.28 }))).toBe('fair');
		// And a shop's risk is its share at stake against the share that is as bad as it gets: 28 % of sales is 0.7.
		expect(shopPartRisks({ ...none, stockOut: 0.28, deadStock: 0.1 })).toEqual({ ...none, stockOut: 0.28 / 0.4, deadStock: 0.2 });
		expect(levelOf(scoreOf(shopPartRisks({ ...none, stockOut: 0.28 })))).toBe('poor');
		// Small problems in several parts add up through the weights.
		expect(scoreOf({ stockOut: 0.1, overstock: 0.1, deadStock: 0.1, turnover: 0.1 })).toBe(90);
		expect([levelOf(80), levelOf(79), levelOf(50), levelOf(49)]).toEqual(['good', 'fair', 'fair', 'poor']);
		expect(weakestPart(none)).toBeNull();
		expect(weakestPart({ ...none, deadStock: 0.2, turnover: 0.4 })).toBe('turnover');
	});

	it('weighs the shop\'s running out by sales and the rest by stock at cost', () => {
		const none = { stockOut: 0, overstock: 0, deadStock: 0, turnover: 0 };
		const shop = shopRisks([
			{ risks: { ...none, stockOut: 1 }, salesWeight: 1, stockWeight: 0 },
			{ risks: { ...none, deadStock: 1 }, salesWeight: 0, stockWeight: 3 },
			{ risks: none, salesWeight: 3, stockWeight: 1 }
		]);
		expect(shop).toEqual({ stockOut: 0.25, overstock: 0, deadStock: 0.75, turnover: 0 });
	});
});

describe('the health report', () => {
	const from = day('2024-01-01'), to = day('2024-06-30');
	const steady = testProduct('STEADY'), short = testProduct('SHORT'), low = testProduct('LOW', { reorderPoint: 40 });
	const dead = testProduct('DEAD'), heap = testProduct('HEAP'), archived = testProduct('OLD', { active: false }), sold = testProduct('SOLD');
	const shop = syntheticShop(from, to, [
		{ product: steady, unitsOn: () => 2, onHand: 60 },
		{ product: short, unitsOn: () => 2, onHand: 6 },
		{ product: low, unitsOn: () => 1, onHand: 30 },
		{ product: dead, unitsOn: (d) => (d < day('2024-02-01') ? 1 : 0), onHand: 10 },
		{ product: heap, unitsOn: () => 1, onHand: 500 },
		{ product: archived, unitsOn: () => 0, onHand: 0 },
		// Sales without their purchases: stock is exactly minus what sold (182 days x 3), unknown rather than oversold.
		{ product: sold, unitsOn: () => 3, onHand: -546 }
	]);
	const input: HealthInput = { ...shop, suppliers: [], onOrder: new Map(), forecasts: null };
	const report = analyzeHealth(input);
	const of = (p: { id: ProductId }) => report.products.find((h) => h.productId === p.id)!;

	it('scores each product by what is wrong with it, lowest first, leaving out archived empty products', () => {
		expect(report.asOf).toBe(to);
		expect(report.demandBasis).toBe('sales_speed');
		expect(of(steady).score).toBe(100);
		// A product's score ranks it by its weighted parts; its verdict says what is wrong.
		expect(of(short)).toMatchObject({ score: 65, level: 'fair', verdict: 'runningOut', risks: { stockOut: 1 } });
		expect(of(dead)).toMatchObject({ score: 75, verdict: 'dead', risks: { deadStock: 1 } });
		// At the owner's reorder point: order now, half the running-out risk at least.
		expect(of(low)).toMatchObject({ verdict: 'low', score: 83, risks: { stockOut: 0.5 } });
		// 500 units at 1 a day: overstocked (risk 1) and turning 0.73 times a year.
		expect(of(heap).risks.overstock).toBe(1);
		expect(of(heap).risks.turnover).toBeCloseTo(1 - 365 / 500 / 4, 2);
		expect(of(heap)).toMatchObject({ verdict: 'overstock', score: 64 });
		expect(report.products.map((p) => p.sku)).not.toContain('OLD');
		expect(of(sold)).toMatchObject({ score: 100, verdict: 'unknown' });
		expect(of(steady).verdict).toBe('ok');
		expect(report.shop.unknownStock).toBe(1);
		expect(report.products.map((p) => p.score)).toEqual([...report.products.map((p) => p.score)].sort((a, b) => a - b));
	});

	it('raises one alert per product and kind, most severe first', () => {
		const kinds = report.alerts.map((a) => `${a.kind}:${a.sku}`);
		expect(kinds).toEqual(['stockout_predicted:SHORT', 'low_stock:LOW', 'dead_stock:DEAD', 'overstock:HEAP']);
		expect(report.alerts[0]).toMatchObject({ severity: 'high', key: `stockout_predicted:${short.id}`, values: { daysToStockOut: 3, leadTimeDays: 7, basis: 'sales_speed' } });
		expect(report.alerts[1].values).toMatchObject({ onHand: 30, threshold: 40, source: 'owner' });
		expect(report.alerts[2].values).toMatchObject({ onHand: 10, daysSinceLastSale: day('2024-06-30') - day('2024-01-31'), valueAtCost: 500 });
	});

	it('explains the shop\'s score part by part', () => {
		const part = (name: string) => report.shop.parts.find((p) => p.part === name)!;
		expect(part('stockOut')).toMatchObject({ products: 2, restock: { soldOut: 0, runningOut: 1, low: 1 } });
		expect(part('deadStock')).toMatchObject({ products: 1, value: 500 });
		expect(part('overstock')).toMatchObject({ products: 1, value: 500 * 50 });
		const weighted = Math.round(100 - report.shop.parts.reduce((s, p) => s + p.pointsLost, 0));
		expect(report.shop.score).toBe(Math.min(weighted, ...report.shop.parts.map((p) => p.score)));
		expect(report.shop.score).toBeLessThan(100);
		expect(report.shop.weakest).toBe(HEALTH_PARTS.reduce((w, p) => (part(p).score < part(w).score ? p : w)));
	});

	it('counts each product once by its stock verdict, and the parts and alerts say the same products', () => {
		expect(report.counts).toMatchObject({ soldOut: 0, runningOut: 1, low: 1, dead: 1, overstock: 1, unknown: 1, ok: 1, toRestock: 2, products: 7 - 1 });
		const kindsOf = (kind: string) => report.alerts.filter((a) => a.kind === kind).map((a) => a.sku).sort();
		const verdictOf = (v: string) => report.products.filter((p) => p.verdict === v).map((p) => p.sku).sort();
		expect(kindsOf('stockout_predicted')).toEqual(verdictOf('runningOut'));
		expect(kindsOf('low_stock')).toEqual(verdictOf('low'));
		expect(kindsOf('dead_stock')).toEqual(verdictOf('dead'));
		expect(kindsOf('overstock')).toEqual(verdictOf('overstock'));
	});

	it('uses the forecast when there is one: its stock-out day and reorder point', () => {
		const start = (to + 1) as DayNumber;
		const flat = (productId: ProductId, perDay: number): DemandForecast => ({
			productId, fromDay: start, method: 'test', modelVersion: 'test@1',
			mean: new Array(60).fill(perDay), p10: new Array(60).fill(perDay * 0.5), p50: new Array(60).fill(perDay), p90: new Array(60).fill(perDay * 1.5)
		});
		// The steady product is forecast to sell 10 a day from now: its 60 last six days.
		const withForecast = analyzeHealth({ ...input, forecasts: [flat(steady.id, 10), flat(short.id, 2), flat(low.id, 1)] });
		const alert = withForecast.alerts.find((a) => a.sku === 'STEADY')!;
		expect(withForecast.demandBasis).toBe('forecast');
		expect(alert).toMatchObject({ kind: 'stockout_predicted', values: { basis: 'forecast', daysToStockOut: 6, stockOutDay: start + 6 } });
		expect(withForecast.products.find((p) => p.sku === 'STEADY')!.facts.reorderPointSource).toBe('forecast');
	});

	it('rejects options that make no sense', () => {
		expect(() => analyzeHealth(input, { deadStockDays: 0 })).toThrow(/deadStockDays/);
		expect(() => analyzeHealth(input, { overstockFactor: 0.5 })).toThrow(/overstockFactor/);
	});
});
