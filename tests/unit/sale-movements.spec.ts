import { describe, expect, it } from 'vitest';
import type { Cents, LocalTimestamp, ProductId, SaleId } from '$core/brand';
import { newId } from '$core/ids';
import { stockFromMovements } from '$core/ledger';
import { buildBlock } from '$core/sale-blocks';
import { bulkSaleMovements } from '$core/sale-movements';
import { parseIsoLocal } from '$core/time';
import type { Sale } from '$core/types';

const at = (s: string) => parseIsoLocal(s) as LocalTimestamp;
const mug = newId() as ProductId;
const bag = newId() as ProductId;

function sale(time: string, lines: [ProductId, number][]): Sale {
	return {
		id: newId() as SaleId, invoice: time, at: at(time), customerId: null, deviceId: 'pos',
		lines: lines.map(([productId, quantity]) => ({ productId, quantity, unitPrice: 250 as Cents, discount: 0 as Cents }))
	};
}

describe('bulkSaleMovements', () => {
	it('writes one movement per product for the blocks given, with the net units, stamped at its last sale, noting the period', () => {
		const block = buildBlock('b1', [
			sale('2025-03-03T09:00', [[mug, 2], [bag, 1]]),
			sale('2025-03-03T17:30', [[mug, 3]]),
			sale('2025-03-04T10:15', [[mug, 1]])
		], 'import');
		const movements = bulkSaleMovements([block], 'tablet-1', 'DEMO');
		expect(movements.map((m) => [m.productId, m.quantity, m.reason, m.at, m.note])).toEqual([
			[bag, -1, 'sale', at('2025-03-03T09:00'), '2025-03-03 – 2025-03-03'],
			[mug, -6, 'sale', at('2025-03-04T10:15'), '2025-03-03 – 2025-03-04']
		]);
		for (const m of movements) expect(m).toMatchObject({ deviceId: 'tablet-1', reference: 'DEMO' });
		expect(new Set(movements.map((m) => m.id)).size).toBe(2);
	});

	it('calls it a return when returns outweigh sales, and skips products that net to zero', () => {
		const block = buildBlock('b1', [
			sale('2025-03-03T09:00', [[mug, 2], [bag, 4]]),
			sale('2025-03-03T12:00', [[mug, -5], [bag, -4]])
		], 'import');
		const movements = bulkSaleMovements([block], 'tablet-1', 'DEMO');
		expect(movements).toHaveLength(1);
		expect(movements[0]).toMatchObject({ productId: mug, quantity: 3, reason: 'return' });
	});

	it('leaves the same stock as one movement per line, with one movement per product across blocks', () => {
		const sales = [
			sale('2025-03-03T09:00', [[mug, 1.25]]),
			sale('2025-03-03T11:00', [[mug, 0.5], [bag, 2]]),
			sale('2025-03-05T11:00', [[bag, -1]])
		];
		const blocks = [buildBlock('b1', sales.slice(0, 1), 'import'), buildBlock('b2', sales.slice(1), 'import')];
		const movements = bulkSaleMovements(blocks, 'tablet-1', 'DEMO');
		expect(movements.filter((m) => m.productId === mug)).toHaveLength(1);
		expect(Object.fromEntries(stockFromMovements(movements))).toEqual({ [mug]: -1.75, [bag]: -1 });
	});

	it('gives nothing for no blocks', () => {
		expect(bulkSaleMovements([], 'tablet-1', 'DEMO')).toEqual([]);
	});
});
