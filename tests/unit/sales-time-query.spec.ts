// selectSales with the dashboard heat map's weekday/hour (for tests/unit/, once core/sales-query.ts
// applies core/sale-time-filter.ts: /tmp/v2-lead/sales-query.patch).
import { describe, expect, it } from 'vitest';
import type { Cents, LocalTimestamp, ProductId, SaleId } from '$core/brand';
import { buildBlock } from '$core/sale-blocks';
import { querySales } from '$core/sales-query';
import { dayOf, parseIsoLocal } from '$core/time';
import type { Sale } from '$core/types';

const at = (iso: string) => parseIsoLocal(iso) as LocalTimestamp;
const sale = (invoice: string, when: LocalTimestamp, quantity: number): Sale =>
	({ id: `s-${invoice}` as SaleId, invoice, at: when, customerId: null, deviceId: 'dev', lines: [{ productId: 'a' as ProductId, quantity, unitPrice: 100 as Cents, discount: 0 as Cents }] });
const blocks = [buildBlock('b', [
	sale('MON-10', at('2026-11-30T10:05'), 1), // Monday 10:05
	sale('MON-10B', at('2026-12-07T10:59'), 2), // next Monday 10:59
	sale('MON-11', at('2026-11-30T11:00'), 4), // Monday 11:00
	sale('TUE-10', at('2026-12-01T10:30'), 8) // Tuesday 10:30
], 'pos')];

describe('sales history by weekday and hour', () => {
	it('keeps only the sales of the weekday and hour asked for, with their totals', () => {
		const mondayTen = querySales(blocks, { weekday: 0, hour: 10 }, 0, 50);
		expect(mondayTen.rows.map((r) => r.invoice)).toEqual(['MON-10B', 'MON-10']);
		expect(mondayTen.totalUnits).toBe(3);
		expect(querySales(blocks, { weekday: 0 }, 0, 50).totalUnits).toBe(7);
		expect(querySales(blocks, { hour: 10 }, 0, 50).totalUnits).toBe(11);
		expect(querySales(blocks, { weekday: 6 }, 0, 50).total).toBe(0);
		expect(querySales(blocks, {}, 0, 50).total).toBe(4);
	});

	it('combines with the day range', () => {
		const firstWeek = querySales(blocks, { weekday: 0, hour: 10, toDay: dayOf(at('2026-12-06T00:00')) }, 0, 50);
		expect(firstWeek.rows.map((r) => r.invoice)).toEqual(['MON-10']);
	});
});
