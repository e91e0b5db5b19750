import { describe, expect, it } from 'vitest';
import type { Cents, LocalTimestamp, ProductId } from '../../src/core/brand';
import { movement } from '../../src/core/ledger';
import { productMargin, withRunningBalance } from '../../src/core/product-detail';

describe('margin', () => {
	it('is price minus cost and its share of the price', () => {
		const margin = productMargin({ unitPrice: 1250 as Cents, unitCost: 510 as Cents });
		expect(margin.amount).toBe(740);
		expect(margin.percent).toBeCloseTo(59.2);
		expect(productMargin({ unitPrice: 0 as Cents, unitCost: 100 as Cents })).toEqual({ amount: -100, percent: null });
	});
});

describe('running balance', () => {
	const at = (n: number) => n as LocalTimestamp;
	const pid = 'p' as ProductId;

	it('gives the stock after each movement, walking back from today', () => {
		const newestFirst = [
			movement(pid, -2, 'sale', at(3), 'd'),
			movement(pid, -0.1, 'sale', at(2), 'd'),
			movement(pid, 20, 'purchase', at(1), 'd')
		];
		expect(withRunningBalance(newestFirst, 17.9).map((r) => r.balance)).toEqual([17.9, 19.9, 20]);
	});

	it('is empty without movements', () => {
		expect(withRunningBalance([], 0)).toEqual([]);
	});
});
