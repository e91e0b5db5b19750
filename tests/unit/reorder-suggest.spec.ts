// Reorder suggestions against forecasts built by hand, where the right answer is known.
import { describe, expect, it } from 'vitest';
import type { DayNumber, SupplierId } from '../../src/core/brand';
import type { DemandForecast } from '../../src/core/forecast/types';
import { draftOrdersFromSuggestions } from '../../src/core/reorder/drafts';
import { reorderReasonText } from '../../src/core/reorder/explain';
import { independentLeadTimeWindows, leadTimeErrors, safetyStock, windowSum } from '../../src/core/reorder/lead-time-demand';
import { planReorders, roundOrderQuantity, stockOutIndex, suggestReorder, DEFAULT_REORDER_OPTIONS } from '../../src/core/reorder/suggest';
import type { LocalTimestamp } from '../../src/core/brand';
import type { Supplier } from '../../src/core/types';
import { day, testProduct } from './trends-fixture';

const Z95 = 1.6448536;
const Z_P90 = 1.2815516;
const start = day('2024-06-03');

/** A flat forecast of `rate` units a day with a P10-P90 band of ±(Z_P90 * sd). */
function flatForecast(productId: DemandForecast['productId'], rate: number, sd = 1, days = 120, backtest?: DemandForecast['backtest']): DemandForecast {
	return {
		productId, fromDay: start, method: 'test', modelVersion: 't1',
		mean: new Array(days).fill(rate), p50: new Array(days).fill(rate),
		p10: new Array(days).fill(rate - Z_P90 * sd), p90: new Array(days).fill(rate + Z_P90 * sd), backtest
	};
}

/** Backtest origins of `horizon` days whose whole-horizon errors (actual - forecast) are the given numbers. */
const backtestWithErrors = (errors: number[], horizon: number) =>
	errors.map((e) => ({ actual: [...new Array(horizon - 1).fill(1), 1 + e], forecast: new Array(horizon).fill(1) }));

const supplier = (id: string, lead: number): Supplier => ({ id: id as SupplierId, name: `Supplier ${id}`, contact: '', email: '', phone: '', defaultLeadTimeDays: lead, notes: '', updatedAt: 0 as LocalTimestamp });

describe('safety stock', () => {
	it('is the service-level quantile of the backtest lead-time errors', () => {
		const errors = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
		const f = flatForecast(null, 1, 1, 30, backtestWithErrors(errors, 7));
		expect(safetyStock(f, 7, 0.95)).toEqual({ units: expect.closeTo(8.55, 9), basis: 'backtest_windows', samples: 10, scaledFromDays: null });
		expect(safetyStock(f, 7, 0.9).units).toBeCloseTo(8.1, 9);
		// A forecast that always overshoots needs no safety stock (never negative).
		expect(safetyStock(flatForecast(null, 1, 1, 30, backtestWithErrors(errors.map((e) => -e - 1), 7)), 7, 0.95).units).toBe(0);
	});

	it('uses the bias and spread of daily errors when one origin holds too few independent windows', () => {
		// One 28-day origin: errors alternate +3 and +1 (bias 2 a day, sample sd sqrt(28/27)).
		const forecast = new Array(28).fill(4);
		const actual = forecast.map((f, i) => f + (i % 2 === 0 ? 3 : 1));
		const s = safetyStock(flatForecast(null, 4, 1, 60, [{ actual, forecast }]), 7, 0.95);
		expect(s).toMatchObject({ basis: 'backtest_daily', samples: 28 });
		expect(s.units).toBeCloseTo(2 * 7 + Z95 * Math.sqrt(28 / 27) * Math.sqrt(7), 5);
		// A forecast that overshot by far needs none.
		expect(safetyStock(flatForecast(null, 4, 1, 60, [{ actual: new Array(28).fill(0), forecast }]), 7, 0.95).units).toBe(0);
	});

	it('counts the days of overlapping weekly origins once when it asks whether there are enough independent windows', () => {
		const window = (daysBefore: number) => ({ actual: new Array(28).fill(1), forecast: new Array(28).fill(1), daysBefore });
		// Four 28-day windows a week apart cover 49 distinct days: seven 7-day windows, not sixteen.
		expect(independentLeadTimeWindows([0, 7, 14, 21].map(window), 7)).toBe(7);
		expect(independentLeadTimeWindows([0, 7, 14, 21].map(window), 3)).toBe(16);
		expect(independentLeadTimeWindows([window(0), window(56)], 7)).toBe(8);
		// Without offsets each origin counts on its own (separate backtests).
		expect(independentLeadTimeWindows([0, 7].map((d) => ({ ...window(d), daysBefore: undefined })), 7)).toBe(8);
		expect(safetyStock(flatForecast(null, 1, 1, 30, [0, 7, 14, 21].map(window)), 7, 0.95).basis).toBe('backtest_daily');
	});

	it('slides the lead-time window over each origin, and scales up when the backtest is shorter than the lead time', () => {
		const origins = [{ actual: [1, 2, 3, 4], forecast: [1, 1, 1, 1] }];
		expect(leadTimeErrors(origins, 2)).toEqual({ errors: [1, 3, 5], scaledFromDays: null });
		expect(leadTimeErrors(origins, 8)).toEqual({ errors: [12], scaledFromDays: 4 });
	});

	it('falls back to the P10-P90 spread without enough backtest, and says so', () => {
		const noBacktest = safetyStock(flatForecast(null, 5, 1), 4, 0.95);
		expect(noBacktest.basis).toBe('interval_spread');
		expect(noBacktest.units).toBeCloseTo(Z95 * 2, 5); // sd 1 a day over 4 independent days
		const shortBacktest = safetyStock(flatForecast(null, 5, 1, 30, [{ actual: [1, 2, 3, 4, 5], forecast: [1, 1, 1, 1, 1] }]), 7, 0.95);
		expect(shortBacktest).toMatchObject({ basis: 'interval_spread', samples: 0 });
		expect(safetyStock(flatForecast(null, 5, 1), 0, 0.95)).toMatchObject({ units: 0, basis: 'no_lead_time' });
		expect(() => safetyStock(flatForecast(null, 5, 1), 7, 95)).toThrow(/service level/);
	});

	it('grows with the service level the owner picks', () => {
		const f = flatForecast(null, 5, 2);
		expect(safetyStock(f, 7, 0.99).units).toBeGreaterThan(safetyStock(f, 7, 0.95).units);
		expect(safetyStock(f, 7, 0.95).units).toBeGreaterThan(safetyStock(f, 7, 0.8).units);
	});

	it('extends a short forecast at its recent daily rate', () => {
		expect(windowSum([1, 1, 3, 3], 2, 4)).toBe(3 + 3 + 2 + 2);
	});
});

describe('rounding and stock-out', () => {
	it('rounds up to whole packs and the minimum order', () => {
		expect(roundOrderQuantity(0, 6, 12)).toBe(0);
		expect(roundOrderQuantity(7, 6, 1)).toBe(12);
		expect(roundOrderQuantity(3, 1, 10)).toBe(10);
		expect(roundOrderQuantity(11, 4, 10)).toBe(12);
		expect(roundOrderQuantity(2.3, 1, 1)).toBe(3);
		expect(roundOrderQuantity(1, 4, 6)).toBe(8); // minimum 6 in packs of 4
	});
	it('finds the first day expected demand passes the stock', () => {
		expect(stockOutIndex([2, 2, 2, 2, 2, 2], 10)).toBe(5);
		expect(stockOutIndex([2, 2], 10)).toBeNull();
		expect(stockOutIndex([0, 1], 0)).toBe(0);
		expect(stockOutIndex([0, 0], 0)).toBeNull();
	});
});

describe('suggestReorder', () => {
	const product = testProduct('LAMP', { leadTimeDays: 7, packSize: 1, minOrderQty: 1, unitCost: 250 as never });
	const forecast = flatForecast(product.id, 2, 1);
	const safety = Z95 * Math.sqrt(7);
	const o = DEFAULT_REORDER_OPTIONS;

	it('is urgent when stock runs out before an order placed today arrives', () => {
		const s = suggestReorder(product, undefined, forecast, 10, 0, o);
		expect(s).toMatchObject({ urgency: 'urgent', stockOutDay: start + 5, leadTimeDemand: 14, reorderPointSource: 'forecast', safetyBasis: 'interval_spread' });
		expect(s.safetyStock).toBeCloseTo(safety, 4);
		expect(s.reorderPoint).toBeCloseTo(14 + safety, 4);
		expect(s.orderUpTo).toBeCloseTo(2 * 37 + safety, 4);
		expect(s.suggestedQuantity).toBe(Math.ceil(74 + safety - 10));
		expect(s.reason.code).toBe('stock_out_before_delivery');
		expect(reorderReasonText(s.reason)).toBe(`Expected to run out on 2024-06-08, before an order placed today would arrive (7 days); order ${s.suggestedQuantity} now to cover 30 days after delivery.`);
	});

	it('counts stock on order, orders at the reorder point, and leaves enough stock alone', () => {
		const atPoint = suggestReorder(product, undefined, forecast, 10, 6, o);
		expect(atPoint).toMatchObject({ urgency: 'order', position: 16, stockOutDay: start + 8 });
		expect(atPoint.suggestedQuantity).toBe(Math.ceil(74 + safety - 16));
		expect(reorderReasonText(atPoint.reason)).toMatch(/^16 in stock and on order is at or below the reorder point of 18\.4 \(14 expected to sell in the 7-day lead time plus 4\.4 safety stock\); order 63 to cover 30 days/);
		const enough = suggestReorder(product, undefined, forecast, 40, 0, o);
		expect(enough).toMatchObject({ urgency: 'ok', suggestedQuantity: 0, stockOutDay: start + 20 });
		expect(reorderReasonText(enough.reason)).toBe('40 in stock and on order is above the reorder point of 18.4; expected to run out on 2024-06-23.');
	});

	it('follows an owner-fixed reorder point, packs and minimum order', () => {
		const fixed = suggestReorder({ ...product, reorderPoint: 50, packSize: 12, minOrderQty: 24 }, undefined, forecast, 40, 0, o);
		expect(fixed).toMatchObject({ urgency: 'order', reorderPoint: 50, reorderPointSource: 'owner' });
		expect(fixed.suggestedQuantity % 12).toBe(0);
		expect(fixed.suggestedQuantity).toBe(Math.ceil((74 + safety - 40) / 12) * 12);
		expect(reorderReasonText(fixed.reason)).toMatch(/rounded up to packs of 12/);
		const small = suggestReorder({ ...product, minOrderQty: 100 }, undefined, forecast, 10, 0, o);
		expect(small.suggestedQuantity).toBe(100);
		expect(reorderReasonText(small.reason)).toMatch(/the supplier's minimum order is 100/);
	});

	it('does not buy back a negative ledger, and orders nothing without demand', () => {
		const negative = suggestReorder(product, undefined, forecast, -500, 0, o);
		expect(negative.position).toBe(0);
		expect(negative.suggestedQuantity).toBe(Math.ceil(74 + safety));
		expect(negative).toMatchObject({ urgency: 'urgent', stockOutDay: start });
		expect(reorderReasonText(negative.reason)).toBe(`Out of stock, with nothing on order; order ${negative.suggestedQuantity} now to cover the 7-day lead time and 30 days after delivery. The recorded stock is below zero (sales without their purchases?): count it; until then it counts as 0.`);
		const idle = suggestReorder(product, undefined, flatForecast(product.id, 0, 0), 0, 0, o);
		expect(idle).toMatchObject({ urgency: 'ok', suggestedQuantity: 0, stockOutDay: null });
		expect(reorderReasonText(idle.reason)).toBe('No sales expected, so nothing to order.');
	});

	it("uses the supplier's lead time when the product has none", () => {
		const s = suggestReorder({ ...product, leadTimeDays: null }, supplier('s1', 14), forecast, 100, 0, o);
		expect(s).toMatchObject({ leadTimeDays: 14, leadTimeDemand: 28 });
	});
});

describe('planReorders and draft purchase orders', () => {
	const s1 = supplier('s1', 3), s2 = supplier('s2', 10);
	const a = testProduct('A', { supplierId: s1.id, leadTimeDays: null });
	const b = testProduct('B', { supplierId: s1.id, leadTimeDays: null });
	const c = testProduct('C', { supplierId: s2.id, leadTimeDays: null });
	const d = testProduct('D', { supplierId: null, leadTimeDays: 5 });
	const idle = testProduct('E', { active: false });
	const unforecast = testProduct('F');
	const plan = planReorders({
		products: [a, b, c, d, idle, unforecast], suppliers: [s1, s2],
		stock: new Map([[a.id, 100], [b.id, 2], [c.id, 5], [d.id, 1]]), onOrder: new Map([[c.id, 1]]),
		forecasts: [flatForecast(a.id, 1), flatForecast(b.id, 1), flatForecast(c.id, 1), flatForecast(d.id, 1), flatForecast(idle.id, 1)]
	}, { serviceLevel: 0.9, targetCoverDays: 14 });

	it('ranks urgent first and lists what has no forecast', () => {
		expect(plan.suggestions.map((s) => [s.sku, s.urgency])).toEqual([['D', 'urgent'], ['B', 'urgent'], ['C', 'urgent'], ['A', 'ok']]);
		expect(plan.withoutForecast).toEqual([unforecast.id]);
		expect(plan.options).toEqual({ serviceLevel: 0.9, targetCoverDays: 14 });
		expect(() => planReorders({ products: [], suppliers: [], stock: new Map(), onOrder: new Map(), forecasts: [] }, { targetCoverDays: 0 })).toThrow(/target cover/);
	});

	it('groups what to order into one draft per supplier', () => {
		const drafts = draftOrdersFromSuggestions(plan.suggestions, 1_717_400_000_000 as LocalTimestamp, 'test');
		expect(drafts.map((o) => [o.supplierId, o.status, o.lines.map((l) => l.productId)])).toEqual([
			[null, 'draft', [d.id]], [s1.id, 'draft', [b.id]], [s2.id, 'draft', [c.id]]
		]);
		const bLine = drafts[1].lines[0];
		expect(bLine).toMatchObject({ quantity: plan.suggestions[1].suggestedQuantity, unitCost: b.unitCost, receivedQuantity: null });
	});
});
