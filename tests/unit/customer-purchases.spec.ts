import { describe, expect, it } from 'vitest';
import type { Cents, CustomerId, LocalTimestamp, ProductId, SaleId } from '../../src/core/brand';
import { customerPurchases } from '../../src/core/customer-purchases';
import { buildBlock } from '../../src/core/sale-blocks';
import { parseIsoLocal } from '../../src/core/time';
import type { Sale } from '../../src/core/types';

const ann = 'c-ann' as CustomerId, bob = 'c-bob' as CustomerId;
const p = (id: string) => id as ProductId;
let n = 0;
function sale(invoice: string, at: string, customerId: CustomerId | null, lines: [string, number, number][]): Sale {
	return {
		id: `s${++n}` as SaleId, invoice, at: parseIsoLocal(at) as LocalTimestamp, customerId, deviceId: 'd',
		lines: lines.map(([productId, quantity, unitPrice]) => ({ productId: p(productId), quantity, unitPrice: unitPrice as Cents, discount: 0 as Cents }))
	};
}

describe('customerPurchases', () => {
	const blocks = [
		buildBlock('b1', [
			sale('A1', '2011-01-03 10:00', ann, [['x', 2, 150], ['y', 1, 400]]),
			sale('B1', '2011-01-03 11:00', bob, [['x', 1, 150]]),
			sale('W1', '2011-01-04 09:00', null, [['y', 3, 400]])
		], 'import'),
		buildBlock('b2', [
			sale('A2', '2011-02-10 12:00', ann, [['z', 1, 999]]),
			sale('CA1', '2011-02-11 12:00', ann, [['x', -1, 150]])
		], 'pos')
	];

	it('lists the customer’s tickets newest first with their lines and amounts, returns included', () => {
		const history = customerPurchases(blocks, ann);
		expect(history.purchases.map((x) => x.invoice)).toEqual(['CA1', 'A2', 'A1']);
		expect(history.purchases[2].lines).toEqual([
			{ productId: 'x', quantity: 2, amount: 300 },
			{ productId: 'y', quantity: 1, amount: 400 }
		]);
		expect(history.purchases[2].total).toBe(700);
		expect(history.purchases[0].total).toBe(-150);
		expect(history.count).toBe(3);
		expect(history.spent).toBe(700 + 999 - 150);
	});

	it('keeps only the newest up to the limit but counts and sums every ticket', () => {
		const history = customerPurchases(blocks, ann, 1);
		expect(history.purchases.map((x) => x.invoice)).toEqual(['CA1']);
		expect(history.count).toBe(3);
		expect(history.spent).toBe(1549);
	});

	it('is empty for a customer who never bought', () => {
		expect(customerPurchases(blocks, 'c-none' as CustomerId)).toEqual({ purchases: [], count: 0, spent: 0 });
	});
});
