// The trends report on a synthetic year of a shop closed on Sundays, where the answer is known.
import { describe, expect, it } from 'vitest';
import { abcClasses, xyzClass } from '../../src/core/trends/abc-xyz';
import { weekdayOf } from '../../src/core/trends/calendar';
import { deadStock } from '../../src/core/trends/dead-stock';
import { adjustForManyTests, testGrowth } from '../../src/core/trends/growth';
import { demandProfile } from '../../src/core/trends/profiles';
import { analyzeTrends, NoSalesError } from '../../src/core/trends/report';
import { day, scatter, syntheticShop, testProduct } from './trends-fixture';

const from = day('2024-01-01'), to = day('2024-12-29');
const recentStart = day('2024-11-03'); // the last 8 weeks end on Saturday 2024-12-28
const open = (d: number) => weekdayOf(d) !== 6;

function shop() {
	const products = {
		steady: testProduct('STEADY'), grow: testProduct('GROW'), decline: testProduct('DECL'),
		rare: testProduct('RARE'), dead: testProduct('DEAD'), noise: testProduct('NOISE'), mondays: testProduct('MON')
	};
	const input = syntheticShop(from, to, [
		{ product: products.steady, unitsOn: (d) => (open(d) ? 10 : 0) },
		{ product: products.grow, unitsOn: (d) => (open(d) ? scatter(d, 3) + (d >= recentStart ? 3 : 0) : 0) },
		{ product: products.decline, unitsOn: (d) => (open(d) ? (d >= recentStart ? scatter(d, 2, 1) : 4) : 0) },
		{ product: products.rare, unitsOn: (d) => (open(d) && d % 20 === 0 ? 1 : 0), onHand: 50 },
		{ product: products.dead, unitsOn: (d) => (d === day('2024-03-01') ? 1 : 0), onHand: 20 },
		{ product: products.noise, unitsOn: (d) => (open(d) ? scatter(d, 4, 2) : 0) },
		{ product: products.mondays, unitsOn: (d) => (weekdayOf(d) === 0 ? 2 : 0), onHand: 0 }
	]);
	return { input, products };
}

describe('analyzeTrends', () => {
	const { input, products } = shop();
	const report = analyzeTrends(input);
	const trendOf = (sku: string) => report.products.find((p) => p.sku === sku)!;

	it('analyses up to the last day the shop sold, over a year', () => {
		expect(report.asOf).toBe(day('2024-12-28'));
		expect(report.fromDay).toBe(from);
		expect(report.shop.openDays).toBe(input.shopDays.length);
		expect(report.products.map((p) => p.sku)).toHaveLength(7);
		expect(report.products[0].sku).toBe('STEADY');
	});

	it('classes revenue 80/15/5 and demand steadiness by weekly variation', () => {
		expect(trendOf('STEADY').abc).toBe('A');
		expect(trendOf('DEAD').abc).toBe('C');
		expect(report.abcSummary.A.revenueShare + report.abcSummary.B.revenueShare + report.abcSummary.C.revenueShare).toBeCloseTo(1, 10);
		expect(trendOf('STEADY')).toMatchObject({ xyz: 'X', weeklyCv: 0 });
		expect(trendOf('RARE').xyz).toBe('Z');
		expect(trendOf('RARE').weeklyCv!).toBeGreaterThan(1);
	});

	it('tells growth and decline from noise, with the p-value', () => {
		expect(trendOf('GROW').trend).toMatchObject({ direction: 'growth', recentWeeks: 8, baselineWeeks: 16 });
		expect(trendOf('GROW').trend.pValue!).toBeLessThan(0.001);
		expect(trendOf('GROW').trend.ratio!).toBeGreaterThan(3);
		expect(trendOf('DECL').trend.direction).toBe('decline');
		expect(trendOf('STEADY').trend).toMatchObject({ direction: 'no_clear_change', pValue: 1 });
		expect(trendOf('NOISE').trend.direction).toBe('no_clear_change');
		expect(trendOf('NOISE').trend.pValue!).toBeGreaterThan(0.05);
		expect(report.growing).toEqual([products.grow.id]);
		expect(report.declining).toEqual([products.decline.id]);
	});

	it('measures rotation: speed, cover, turnover, days since the last sale', () => {
		const rare = trendOf('RARE').rotation;
		const soldDays = input.series.find((s) => s.productId === products.rare.id)!;
		const lastSale = soldDays.days[soldDays.days.length - 1];
		expect(rare.unitsSold).toBe(soldDays.days.length);
		expect(rare.daysSinceLastSale).toBe(report.asOf - lastSale);
		expect(rare.daysOfCover!).toBeCloseTo(50 / rare.unitsPerDay, 6);
		expect(rare.annualTurnover!).toBeCloseTo((rare.unitsPerDay * 365) / 50, 6);
		expect(trendOf('STEADY').rotation.sellingDaysShare).toBe(1);
		expect(trendOf('MON').rotation).toMatchObject({ daysOfCover: 0, annualTurnover: null });
		expect(report.highRotation[0]).toBe(products.steady.id);
		expect(report.lowRotation[0]).toBe(products.rare.id);
		expect(report.lowRotation).not.toContain(products.dead.id);
		expect(report.highRotation.filter((id) => report.lowRotation.includes(id))).toEqual([]);
	});

	it('lists dead stock: on hand and no sale in N days, the number of days an option', () => {
		expect(report.deadStock).toEqual([{ productId: products.dead.id, onHand: 20, lastSaleDay: day('2024-03-01'), daysSinceLastSale: report.asOf - day('2024-03-01'), valueAtCost: 1000 }]);
		const strict = analyzeTrends(input, { deadStockDays: trendOf('RARE').rotation.daysSinceLastSale! });
		expect(strict.deadStock.map((d) => d.productId)).toContain(products.rare.id);
	});

	it('profiles weekdays and months of the shop and of each product', () => {
		const weekday = report.shop.profile.weekday;
		expect(weekday[6]).toMatchObject({ sellingDays: 0, units: 0, index: 0 });
		expect(weekday[0].index!).toBeGreaterThan(1);
		expect(report.shop.profile.month.every((m) => m.calendarDays > 0)).toBe(true);
		const mondays = trendOf('MON').weekdayIndex;
		expect(mondays[0]).toBeCloseTo(7, 1);
		expect(mondays.slice(1)).toEqual([0, 0, 0, 0, 0, 0]);
	});

	it('rejects a store without sales and nonsense options', () => {
		expect(() => analyzeTrends({ products: [], series: [], stock: new Map(), shopDays: [] })).toThrow(NoSalesError);
		expect(() => analyzeTrends(input, { deadStockDays: 0 })).toThrow(/deadStockDays/);
		expect(() => analyzeTrends(input, { significance: 2 })).toThrow(/significance/);
	});
});

describe('trend building blocks', () => {
	it('splits revenue 80/15/5, the first product always A', () => {
		const classes = abcClasses(new Map([['a', 50], ['b', 30], ['c', 10], ['d', 5], ['e', 3], ['f', 2], ['g', -4]]));
		expect([...classes.values()].map((e) => e.abc)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'C']);
		expect(abcClasses(new Map([['only', 0.5]])).get('only')!.abc).toBe('A');
	});

	it('needs four weeks to class steadiness', () => {
		expect(xyzClass([1, 1, 1])).toEqual({ xyz: null, weeklyCv: null });
		expect(xyzClass([2, 2, 1, 3]).xyz).toBe('X');
		expect(xyzClass([0, 0, 0, 0])).toEqual({ xyz: null, weeklyCv: null });
	});

	it('skips closed weeks and says when there is too little history', () => {
		const weekly = [5, 0, 5, 5, 5, 1, 1, 1, 1, 99];
		const usable = [true, false, true, true, true, true, true, true, true, false];
		const r = testGrowth(weekly, usable, { recentWeeks: 4, baselineWeeks: 4, significance: 0.05 });
		expect(r).toMatchObject({ recentMean: 5, baselineMean: 1, ratio: 5, direction: 'growth', recentSellingWeeks: 4, baselineSellingWeeks: 4, recentLow: 5, recentHigh: 5 });
		expect(testGrowth([1, 2, 3], [true, true, true]).direction).toBe('insufficient_data');
	});

	it('judges a catalogue of tests on q-values: one p = 0.03 among many p = 0.5 is no clear change', () => {
		const result = (pValue: number | null, direction: 'growth' | 'no_clear_change' | 'insufficient_data') =>
			({ direction, recentMean: 2, baselineMean: 1, ratio: 2, pValue, qValue: pValue, recentWeeks: 8, baselineWeeks: 16, recentSellingWeeks: 8, baselineSellingWeeks: 16, recentLow: 1, recentHigh: 3 });
		const many = [result(0.03, 'growth'), ...new Array(9).fill(0).map(() => result(0.5, 'no_clear_change')), result(null, 'insufficient_data')];
		const adjusted = adjustForManyTests(many, 0.05);
		expect(adjusted[0]).toMatchObject({ direction: 'no_clear_change', pValue: 0.03, qValue: 0.3 });
		expect(adjusted[10]).toEqual(many[10]);
		expect(adjustForManyTests([result(0.001, 'growth'), result(0.5, 'no_clear_change')], 0.05)[0]).toMatchObject({ direction: 'growth', qValue: 0.002 });
	});

	it('profiles a range even where no sale happened', () => {
		const p = demandProfile([day('2024-01-01')], [7], [700], day('2024-01-01'), day('2024-01-14'));
		expect(p.weekday[0]).toMatchObject({ calendarDays: 2, sellingDays: 1, units: 7, unitsPerDay: 3.5, index: 7 });
		expect(p.month[1]).toMatchObject({ calendarDays: 0, index: null });
	});

	it('orders dead stock by money tied up and checks its days', () => {
		const list = deadStock([
			{ productId: 'a' as never, onHand: 1, unitCost: 100, lastSaleDay: 0 },
			{ productId: 'b' as never, onHand: 5, unitCost: 100, lastSaleDay: null },
			{ productId: 'c' as never, onHand: 5, unitCost: 100, lastSaleDay: 95 }
		], 100, 10);
		expect(list.map((e) => e.productId)).toEqual(['b', 'a']);
		expect(() => deadStock([], 0, 1.5)).toThrow(/whole number/);
	});
});
