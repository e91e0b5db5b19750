// The Reorder screen's wording: reorder reasons and quantities typed back into fields, in Spanish
// and English number formats (the Trends screen's words: trends-wording.spec.ts).
import { describe, expect, it } from 'vitest';
import type { ReorderReason } from '$core/reorder/suggest';
import { fieldQuantity } from '$lib/components/reorder/format';
import { reasonText } from '$lib/components/reorder/reason';
import { parseQuantity } from '$core/quantity';
import { plain, speak, withBothLanguages } from '../support/words';

withBothLanguages();

const reason = (code: ReorderReason['code'], over: Partial<ReorderReason['values']> = {}): ReorderReason => ({
	code,
	values: {
		position: 12, reorderPoint: 20.46, leadTimeDays: 7, leadTimeDemand: 14.2, safetyStock: 6.26, quantity: 1200, coverDays: 30,
		stockOutDay: 20_000, packSize: 12, minOrderQty: 1, rounded: false, negativeStock: false, ...over
	}
});

describe('reasonText', () => {
	it('words the figures in the number format, with the rounding that explains the quantity', () => {
		speak('es');
		expect(plain(reasonText(reason('below_reorder_point', { rounded: true }))))
			.toBe('Entre stock y pedidos hay 12, no más que el punto de pedido de 20,5 (14,2 se venderán en los 7 días de entrega, más 6,3 de seguridad): pide 1200 para cubrir 30 días tras la entrega (redondeado a cajas de 12).');
		speak('en');
		expect(plain(reasonText(reason('out_of_stock', { quantity: 24, minOrderQty: 24, rounded: true }))))
			.toBe('Out of stock with nothing on order: order 24 now to cover the 7-day lead time and 30 days after (the supplier\'s minimum order is 24).');
	});

	it('dates a stock-out with the day format', () => {
		speak('en');
		expect(plain(reasonText(reason('stock_out_before_delivery')))).toContain('Runs out on 04/10/2024');
	});

	it('advises a stock count when the recorded stock is below zero', () => {
		speak('es');
		expect(plain(reasonText(reason('out_of_stock', { negativeStock: true })))).toMatch(/El stock registrado es negativo .*haz un recuento/);
	});
});

describe('fieldQuantity', () => {
	it('writes quantities the quantity parser reads back exactly, in both number formats', () => {
		for (const language of ['es', 'en'] as const) {
			speak(language);
			for (const q of [2580, 12_345.5, 0.25, 7]) expect(parseQuantity(fieldQuantity(q), 'zeroOrMore')).toEqual({ ok: true, value: q });
		}
		speak('es');
		expect(fieldQuantity(2.5)).toBe('2,5');
	});
});
