// Alert rules on their own, the demand jump against the forecast's P90, and how a recomputation
// carries dismissals over.
import { describe, expect, it } from 'vitest';
import type { DayNumber, LocalTimestamp, ProductId } from '../../src/core/brand';
import type { DemandForecast } from '../../src/core/forecast/types';
import { reconcileAlerts } from '../../src/core/health/alert-store';
import { alertsFor, type Alert, type AlertFacts } from '../../src/core/health/alerts';
import { jumpBeyondP90 } from '../../src/core/health/demand-jump';
import { alertText } from '../../src/core/health/explain';
import { DEFAULT_HEALTH_OPTIONS } from '../../src/core/health/score';
import { addToSeries } from '../../src/core/product-series';
import type { DayTotals } from '../../src/core/types';
import { day } from './trends-fixture';

const o = DEFAULT_HEALTH_OPTIONS;
const asOf = day('2024-06-30');
const facts = (over: Partial<AlertFacts> = {}): AlertFacts => ({
	productId: 'p1' as ProductId, sku: 'CAM-001', name: 'Camiseta', asOf,
	onHand: 60, onOrder: 0, position: 60, leadTimeDays: 7, demandPerDay: 2, daysToStockOut: 30, stockOutDay: (asOf + 31) as DayNumber,
	stockOutBasis: 'forecast', daysSinceLastSale: 0, annualTurnover: 12, unitCost: 500, unitPrice: 1200,
	reorderPoint: 20, reorderPointSource: 'forecast',
	trend: { direction: 'no_clear_change', recentMean: 14, baselineMean: 14, qValue: 0.6 }, jump: null, ...over
});
const kinds = (f: AlertFacts) => alertsFor(f, o).map((a) => a.kind);

describe('alert rules', () => {
	it('stays quiet for a product that is fine', () => {
		expect(alertsFor(facts(), o)).toEqual([]);
	});

	it('an empty shelf is sold out, never "will run out": urgent while it sells, a look when it no longer does', () => {
		const out = alertsFor(facts({ onHand: 0, position: 0, daysToStockOut: 0, stockOutDay: (asOf + 1) as DayNumber }), o);
		expect(out).toHaveLength(1);
		expect(out[0]).toMatchObject({ kind: 'sold_out', severity: 'high', key: 'sold_out:p1', impact: 2 * 1200 * 7, values: { selling: true, onOrder: 0 } });
		expect(alertText(out[0])).toBe('Sold out and it was selling, nothing on order; an order takes 7 days to arrive.');
		// Something on order does not refill the shelf today.
		expect(kinds(facts({ onHand: 0, onOrder: 100, position: 100, daysToStockOut: 50 }))).toEqual(['sold_out']);
		const stale = alertsFor(facts({ onHand: 0, position: 0, demandPerDay: 0, daysToStockOut: null, daysSinceLastSale: 200 }), o)[0];
		expect(stale).toMatchObject({ kind: 'sold_out', severity: 'low', values: { selling: false } });
		expect(alertText(stale)).toBe('Sold out, and no sale in 200 days: archive it if it is no longer sold.');
	});

	it('running out before delivery outranks low stock', () => {
		const soon = alertsFor(facts({ onHand: 8, position: 8, daysToStockOut: 4, stockOutDay: (asOf + 5) as DayNumber }), o);
		expect(soon.map((a) => [a.kind, a.severity])).toEqual([['stockout_predicted', 'high']]);
		expect(alertText(soon[0])).toBe('Expected to run out on 2024-07-05, before an order placed today would arrive (7-day lead time); 8 in stock, 0 on order.');
	});

	it('low stock at or below the reorder point, counting stock on order, only while it sells or the owner set the point', () => {
		expect(kinds(facts({ onHand: 20, position: 20 }))).toEqual(['low_stock']);
		expect(alertsFor(facts({ onHand: 20, position: 20 }), o)[0]).toMatchObject({ severity: 'medium', values: { threshold: 20, source: 'forecast' } });
		expect(kinds(facts({ onHand: 10, onOrder: 30, position: 40 }))).toEqual([]);
		expect(kinds(facts({ onHand: 2, position: 2, demandPerDay: 0, daysToStockOut: null, daysSinceLastSale: 60 }))).toEqual([]);
		const owner = alertsFor(facts({ onHand: 2, position: 2, demandPerDay: 0, daysToStockOut: null, daysSinceLastSale: 60, reorderPoint: 3, reorderPointSource: 'owner' }), o)[0];
		expect(owner).toMatchObject({ kind: 'low_stock', severity: 'medium' });
		expect(alertText(owner)).toBe('2 in stock is at or below the reorder point of 3 (set by the owner).');
	});

	it('with no reorder point and no forecast, low stock is running out within the warning days after an order would arrive', () => {
		const none = { reorderPoint: null, reorderPointSource: null, stockOutBasis: 'sales_speed' as const };
		const soon = alertsFor(facts({ ...none, onHand: 24, position: 24, daysToStockOut: 12, stockOutDay: (asOf + 13) as DayNumber }), o);
		expect(soon.map((a) => [a.kind, a.severity])).toEqual([['low_stock', 'medium']]);
		expect(soon[0].values).toMatchObject({ source: 'soon', threshold: null, runsOutOn: asOf + 13 });
		expect(alertText(soon[0])).toBe('24 in stock runs out around 2024-07-13, soon after an order placed today would arrive (7-day lead time): order it soon.');
		// Lasting the lead time plus the warning days: time to order calmly.
		expect(kinds(facts({ ...none, onHand: 42, position: 42, daysToStockOut: 21 }))).toEqual([]);
	});

	it('judges no running out where stock is negative (sales without their purchases): the shelf is unknown', () => {
		const unknown = facts({ onHand: -40, position: 0, daysToStockOut: 0, stockOutDay: (asOf + 1) as DayNumber, reorderPoint: 20, reorderPointSource: 'owner' });
		expect(alertsFor(unknown, o)).toEqual([]);
		expect(alertsFor({ ...unknown, onHand: 0 }, o).map((a) => a.kind)).toEqual(['sold_out']);
	});

	it('says oversold where stock was recorded and went below zero (two tablets sold the last unit offline)', () => {
		const oversold = alertsFor(facts({ onHand: -1, position: 0, stockTracked: true }), o);
		expect(oversold.map((a) => [a.kind, a.severity])).toEqual([['oversold', 'high']]);
		expect(alertText(oversold[0])).toBe('1 more sold than the stock held (stock shows -1): count it, or record the goods that arrived.');
		expect(alertsFor(facts({ onHand: -1, position: 0, stockTracked: false }), o)).toEqual([]);
	});

	it('dead stock and overstock, never both', () => {
		const dead = alertsFor(facts({ onHand: 40, position: 40, demandPerDay: 0, daysToStockOut: null, daysSinceLastSale: 120, annualTurnover: 0 }), o);
		expect(dead.map((a) => a.kind)).toEqual(['dead_stock']);
		expect(dead[0]).toMatchObject({ impact: 40 * 500, values: { valueAtCost: 20_000, daysSinceLastSale: 120 } });
		const heap = alertsFor(facts({ onHand: 400, position: 400, demandPerDay: 1, daysToStockOut: 400 }), o);
		expect(heap.map((a) => a.kind)).toEqual(['overstock']);
		expect(heap[0].values).toMatchObject({ coverDays: 400, targetDays: 37, excessUnits: 363, excessValue: 363 * 500 });
	});

	it('a clear change in demand, or a jump beyond the forecast', () => {
		const up = alertsFor(facts({ trend: { direction: 'growth', recentMean: 30, baselineMean: 10, qValue: 0.004 } }), o);
		expect(up[0]).toMatchObject({ kind: 'demand_change', severity: 'medium', values: { change: 'growth' } });
		expect(alertText(up[0])).toBe('Selling more: 30.0 a week lately against 10.0 before (q = 0.004).');
		expect(alertsFor(facts({ trend: { direction: 'decline', recentMean: 3, baselineMean: 10, qValue: 0.01 } }), o)[0].severity).toBe('low');
		const jump = alertsFor(facts({ jump: { days: 7, actualUnits: 70, forecastP90: 10.4 } }), o)[0];
		expect(alertText(jump)).toBe('Sold 70 in the last 7 days, above the forecast\'s P90 of 10.4.');
	});
});

describe('a jump in demand against the forecast', () => {
	const from = day('2024-06-20');
	const forecast: DemandForecast = {
		productId: 'p1' as ProductId, fromDay: from, method: 'test', modelVersion: 't@1', overdispersion: 0,
		mean: new Array(28).fill(1), p10: new Array(28).fill(0), p50: new Array(28).fill(1), p90: new Array(28).fill(2)
	};
	const sold = (units: number, days: number[]) => addToSeries(undefined, 'p1' as ProductId, days.map((d): DayTotals => ({ day: d as DayNumber, units, revenue: 0 as DayTotals['revenue'], cost: 0 as DayTotals['cost'], lines: 1 })));

	it('compares the last seven days that passed with the P90 of their total', () => {
		const days = Array.from({ length: 11 }, (_, i) => from + i);
		// Seven days at 1 a day: P90 of the total = 7 + 1.2816 x sqrt(7) = 10.39.
		const jump = jumpBeyondP90(forecast, sold(10, days), asOf);
		expect(jump).toMatchObject({ days: 7, actualUnits: 70 });
		expect(jump!.forecastP90).toBeCloseTo(7 + 1.2815515655446004 * Math.sqrt(7), 6);
		expect(jumpBeyondP90(forecast, sold(1, days), asOf)).toBeNull();
	});

	it('waits for three days after the forecast before saying anything', () => {
		expect(jumpBeyondP90(forecast, sold(10, [from, from + 1]), (from + 1) as DayNumber)).toBeNull();
		expect(jumpBeyondP90(forecast, sold(10, [from, from + 1, from + 2]), (from + 2) as DayNumber)).toMatchObject({ days: 3, actualUnits: 30 });
	});
});

describe('reconciling stored alerts', () => {
	const at = (n: number) => n as LocalTimestamp;
	const alert = (kind: Alert['kind']): Alert => ({
		key: `${kind}:a`, kind, productId: 'a' as ProductId, sku: 'A', name: 'a', severity: 'medium', impact: 0,
		values: { kind: 'dead_stock', onHand: 1, daysSinceLastSale: 100, valueAtCost: 5 }
	});

	it('is a pure function of the stored list and the fresh one', () => {
		const stored = reconcileAlerts([], [alert('overstock')], at(1)).map((a) => ({ ...a, dismissedAt: at(2) }));
		expect(reconcileAlerts(stored, [alert('overstock')], at(3))).toEqual([{ ...alert('overstock'), firstSeenAt: 1, updatedAt: 3, dismissedAt: 2 }]);
		expect(reconcileAlerts(stored, [alert('low_stock')], at(3))).toEqual([{ ...alert('low_stock'), firstSeenAt: 3, updatedAt: 3, dismissedAt: null }]);
	});
});
