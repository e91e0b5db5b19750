// A margin and a tax rate as the shop reads them: "7,40 € (59 %)" in Spanish, "€7.40 (59%)" in English.
import type { Cents } from '$core/brand';
import { productMargin } from '$core/product-detail';
import { i18n } from '$lib/i18n/i18n.svelte';

export function marginText(unitPrice: Cents, unitCost: Cents): string {
	const m = productMargin({ unitPrice, unitCost });
	if (m.percent === null) return i18n.money(m.amount);
	const percent = new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: 0 }).format(m.percent / 100);
	return `${i18n.money(m.amount)} (${percent})`;
}

/** A tax rate in percent as the shop reads it: "21 %" in Spanish, "21%" in English, "5,5 %" kept exact. */
export function taxRateText(rate: number): string {
	return new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: 2 }).format(rate / 100);
}
