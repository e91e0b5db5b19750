// How the Trends and alerts screens say a change and a stock state: a large change the test cannot
// confirm is "not sure yet, because…", never "no change"; sold out is "Agotado", never "will run out".
import { describe, expect, it } from 'vitest';
import type { DayNumber, ProductId } from '$core/brand';
import type { Alert } from '$core/health/alerts';
import { readChange } from '$core/trends/change';
import type { GrowthResult } from '$core/trends/growth';
import { alertText } from '$lib/components/health/format';
import { changeText, salesText, testText } from '$lib/components/trends/format';
import { i18n } from '$lib/i18n/i18n.svelte';
import { plain, speak, withBothLanguages } from '../support/words';

withBothLanguages();

const growth = (over: Partial<GrowthResult>): GrowthResult => ({
	direction: 'growth', recentMean: 13.5, baselineMean: 10, ratio: 1.35, pValue: 0.0123, qValue: 0.0123, recentWeeks: 8, baselineWeeks: 16,
	recentSellingWeeks: 8, baselineSellingWeeks: 16, recentLow: 9, recentHigh: 18, ...over
});
/** The sample shop's hot-water bottle: +814 %, p = 0.0016 on its own, q = 0.066 among 150 products. */
const bottle = growth({ direction: 'no_clear_change', recentMean: 152.5, baselineMean: 16.6875, ratio: 9.1386, pValue: 0.0016, qValue: 0.066, recentLow: 24.7, recentHigh: 316.6, baselineSellingWeeks: 14 });

describe('readChange', () => {
	it('takes the test\'s word for up and down', () => {
		expect(readChange(growth({}), 0.05)).toEqual({ verdict: 'up', change: 1.35 - 1, reason: null, direction: 'up' });
		expect(readChange(growth({ direction: 'decline', recentMean: 5, ratio: 0.5 }), 0.05)).toMatchObject({ verdict: 'down', direction: 'down' });
	});

	it('calls a small unconfirmed change steady, and a large one unsure with its reason', () => {
		expect(readChange(growth({ direction: 'no_clear_change', recentMean: 11, ratio: 1.1, pValue: 0.4, qValue: 0.4 }), 0.05)).toMatchObject({ verdict: 'steady' });
		expect(readChange(bottle, 0.05)).toMatchObject({ verdict: 'unsure', reason: 'many_products', direction: 'up' });
		expect(readChange({ ...bottle, recentSellingWeeks: 2 }, 0.05)).toMatchObject({ verdict: 'unsure', reason: 'few_sales' });
		expect(readChange({ ...bottle, pValue: 0.2, qValue: 0.6 }, 0.05)).toMatchObject({ verdict: 'unsure', reason: 'uneven' });
		expect(readChange(growth({ direction: 'no_clear_change', baselineMean: 0, ratio: null, pValue: 0.2, qValue: 0.2 }), 0.05)).toMatchObject({ verdict: 'unsure', change: null });
		expect(readChange(growth({ direction: 'insufficient_data', pValue: null, qValue: null }), 0.05).verdict).toBe('too_new');
	});
});

describe('the Trends screen\'s words', () => {
	it('never calls +814 % "no change": not enough data to be sure, and why', () => {
		speak('es');
		const es = plain(changeText(bottle, 0.05, 150));
		expect(es).toBe('Sube mucho (+814 %), pero aún no hay datos para estar seguros: entre 150 productos, un cambio así puede salir por azar en alguno.');
		expect(es).not.toMatch(/sin cambio/i);
		speak('en');
		expect(plain(changeText(bottle, 0.05, 150))).toBe('Up a lot (+814%), but not enough data to be sure yet: among 150 products, a change like this can happen by chance in one of them.');
		expect(plain(changeText({ ...bottle, recentSellingWeeks: 2 }, 0.05, 150))).toBe('Up a lot (+814%), but not enough data to be sure yet: it sold in only 2 of the last 8 weeks.');
	});

	it('leads with what sells a week, lately and before, and keeps the test for Details', () => {
		speak('es');
		expect(plain(salesText(bottle))).toBe('Vende unas 153 a la semana (la mayoría de semanas entre 25 y 317); antes, unas 17.');
		expect(plain(changeText(growth({}), 0.05, 150))).toBe('Sube: +35 % en las últimas 8 semanas.');
		expect(plain(changeText(growth({ direction: 'no_clear_change', recentMean: 11, ratio: 1.1, pValue: 0.4, qValue: 0.4 }), 0.05, 150))).toBe('Sin cambios grandes (+10 %).');
		expect(plain(testText(bottle))).toBe('Prueba de Mann-Whitney: p = 0,002, q = 0,07 · últimas 8 semanas (con ventas: 8) frente a las 16 anteriores (con ventas: 14)');
		speak('en');
		expect(plain(salesText(growth({}), 'shop'))).toBe('The shop sells about 14 units a week lately (most weeks 9 to 18); before, about 10.');
		expect(changeText(growth({ direction: 'insufficient_data', pValue: null, qValue: null }), 0.05, 1)).toBe('Too early to tell whether it changes: at least 4 weeks of sales are needed before and 4 after.');
	});
});

describe('the alerts\' words for an empty shelf', () => {
	const soldOut = (values: Partial<Extract<Alert['values'], { kind: 'sold_out' }>>): Alert => ({
		key: 'sold_out:p', kind: 'sold_out', productId: 'p' as ProductId, sku: 'P', name: 'P', severity: 'high', impact: 0,
		values: { kind: 'sold_out', onOrder: 0, selling: true, daysSinceLastSale: 2, leadTimeDays: 7, ...values }
	});

	it('says there is none left (under the kind "Agotado" / "Sold out"), never that it will run out', () => {
		speak('es');
		expect(i18n.t('alerts.kind.sold_out')).toBe('Agotado');
		speak('es');
		expect(alertText(soldOut({}))).toBe('No queda ninguno y se estaba vendiendo. No hay nada pedido y un pedido tarda 7 días en llegar.');
		expect(alertText(soldOut({ onOrder: 24 }))).toBe('No queda ninguno y se estaba vendiendo. Hay 24 pedidos en camino.');
		expect(alertText(soldOut({ selling: false, daysSinceLastSale: 120 }))).toBe('No queda ninguno y no se vende desde hace 120 días: si ya no lo vendes, archívalo.');
		for (const text of [alertText(soldOut({})), alertText(soldOut({ selling: false, daysSinceLastSale: null }))]) expect(text).not.toMatch(/agotará/);
		speak('en');
		expect(alertText(soldOut({}))).toBe('None left, and it was selling. Nothing is on order and an order takes 7 days to arrive.');
	});

	it('words low stock without a reorder point by the day it runs out', () => {
		speak('en');
		const low: Alert = {
			key: 'low_stock:p', kind: 'low_stock', productId: 'p' as ProductId, sku: 'P', name: 'P', severity: 'medium', impact: 0,
			values: { kind: 'low_stock', onHand: 24, onOrder: 0, threshold: null, source: 'soon', runsOutOn: 20_000 as DayNumber, leadTimeDays: 7 }
		};
		expect(alertText(low)).toBe(`24 left: it runs out around ${i18n.day(20_000)}, soon after an order placed today would arrive (7-day lead time). Order it in the next few days.`);
	});
});
