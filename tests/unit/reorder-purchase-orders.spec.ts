// Purchase orders as a domain entity: the lifecycle, line checks and stock on order.
import { describe, expect, it } from 'vitest';
import type { Cents, LocalTimestamp, ProductId, SupplierId } from '../../src/core/brand';
import {
	checkOrderLines, draftPurchaseOrder, editDraftLines, markCancelled, markOrdered, markReceived,
	orderTotal, PurchaseOrderStateError, stockOnOrder
} from '../../src/core/purchase-orders/purchase-order';
import { day } from './trends-fixture';

const at = (iso: string) => (day(iso) * 86_400_000 + 10 * 3_600_000) as LocalTimestamp;
const p1 = 'p1' as ProductId, p2 = 'p2' as ProductId;
const line = (productId: ProductId, quantity: number, unitCost = 150) => ({ productId, quantity, unitCost: unitCost as Cents });

describe('purchase order lifecycle', () => {
	const draft = draftPurchaseOrder('s1' as SupplierId, [line(p1, 12), line(p2, 5, 999)], at('2024-06-03'), 'tablet-1', 'summer');

	it('starts as a draft with a readable number', () => {
		expect(draft).toMatchObject({ status: 'draft', supplierId: 's1', note: 'summer', orderedAt: null, expectedDay: null, deviceId: 'tablet-1' });
		expect(draft.number).toMatch(/^PO-2024-06-03-[0-9A-F]{4}$/);
		expect(orderTotal(draft)).toBe(12 * 150 + 5 * 999);
	});

	it('edits only drafts; ordering sets the expected day from the lead time', () => {
		const edited = editDraftLines(draft, [line(p1, 24)], at('2024-06-04'));
		expect(edited.lines).toEqual([{ ...line(p1, 24), receivedQuantity: null }]);
		const ordered = markOrdered(edited, at('2024-06-05'), 10);
		expect(ordered).toMatchObject({ status: 'ordered', orderedAt: at('2024-06-05'), expectedDay: day('2024-06-15') });
		expect(() => editDraftLines(ordered, [line(p1, 1)], at('2024-06-06'))).toThrow(PurchaseOrderStateError);
		expect(() => markOrdered(ordered, at('2024-06-06'), 3)).toThrow(/cannot order a purchase order that is ordered/);
	});

	it('receives what arrived (short deliveries too), and only once', () => {
		const ordered = markOrdered(draft, at('2024-06-05'), 2);
		const received = markReceived(ordered, at('2024-06-07'), new Map([[p2, 3]]));
		expect(received.status).toBe('received');
		expect(received.lines.map((l) => l.receivedQuantity)).toEqual([12, 3]);
		expect(() => markReceived(received, at('2024-06-08'))).toThrow(/cannot receive a purchase order that is received/);
		expect(() => markReceived(draft, at('2024-06-08'))).toThrow(/that is draft/);
		expect(() => markReceived(ordered, at('2024-06-08'), new Map([['p9' as ProductId, 1]]))).toThrow(/not on purchase order/);
		expect(() => markReceived(ordered, at('2024-06-08'), new Map([[p1, -1]]))).toThrow(/received quantity/);
	});

	it('cancels drafts and sent orders, not received ones', () => {
		expect(markCancelled(draft, at('2024-06-04'))).toMatchObject({ status: 'cancelled', cancelledAt: at('2024-06-04') });
		const received = markReceived(markOrdered(draft, at('2024-06-05'), 2), at('2024-06-07'));
		expect(() => markCancelled(received, at('2024-06-08'))).toThrow(PurchaseOrderStateError);
	});

	it('counts as stock on order only while sent and not received', () => {
		const sent = markOrdered(draft, at('2024-06-05'), 2);
		const other = markOrdered(draftPurchaseOrder(null, [line(p1, 1)], at('2024-06-05'), 't'), at('2024-06-05'), 1);
		const received = markReceived(markOrdered(draft, at('2024-06-05'), 2), at('2024-06-06'));
		const cancelled = markCancelled(sent, at('2024-06-06'));
		expect(stockOnOrder([draft, sent, other, received, cancelled])).toEqual(new Map([[p1, 13], [p2, 5]]));
	});
});

describe('checkOrderLines', () => {
	it('gives a code per line and field', () => {
		expect(checkOrderLines([])).toEqual([{ line: -1, field: 'lines', code: 'insufficient_lines' }]);
		expect(checkOrderLines([line(p1, 0), line(p1, 2, -1), line('' as ProductId, Number.NaN, 1.5)])).toEqual([
			{ line: 0, field: 'quantity', code: 'must_be_positive' },
			{ line: 1, field: 'productId', code: 'duplicate' },
			{ line: 1, field: 'unitCost', code: 'negative' },
			{ line: 2, field: 'productId', code: 'required' },
			{ line: 2, field: 'quantity', code: 'not_a_number' },
			{ line: 2, field: 'unitCost', code: 'not_integer' }
		]);
		expect(() => draftPurchaseOrder(null, [line(p1, -3)], at('2024-06-03'), 't')).toThrow(/line 0 quantity must_be_positive/);
	});
});
