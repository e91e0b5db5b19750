// How the Trends screen words the report's numbers: growth tests in plain words, shares, units.
import type { GrowthResult } from '$core/trends/growth';
import { i18n, t } from '$lib/i18n/i18n.svelte';

/** Units (or units per day) with at most one decimal, two below 1 so slow sellers do not read as 0. */
export const units = (q: number): string => i18n.number(Math.abs(q) >= 1 ? Math.round(q * 10) / 10 : Math.round(q * 100) / 100);

/** A share (0.42) as "42 %" / "42%", one decimal below 10 %. */
export const share = (ratio: number): string =>
	new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: ratio < 0.1 ? 1 : 0 }).format(ratio);

function pText(p: number): string {
	const format = (v: number, digits: number) => new Intl.NumberFormat(i18n.formatLocale, { maximumFractionDigits: digits }).format(v);
	if (p < 0.001) return t('trends.growth.pBelow', { p: format(0.001, 3) });
	return t('trends.growth.p', { p: format(p, p < 0.01 ? 3 : 2) });
}

/** "Crece: +35 % en las últimas 8 semanas (p = 0,01)", or "sin cambio claro…", in the UI language. */
export function growthText(g: GrowthResult): string {
	if (g.direction === 'insufficient_data' || g.pValue === null) return t('trends.growth.insufficient_data');
	const p = pText(g.pValue);
	if (g.direction === 'growth' && g.ratio === null) return t('trends.growth.new', { recent: units(g.recentMean), weeks: g.recentWeeks, p });
	const change = g.ratio === null ? '' : new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(g.ratio - 1);
	return t(`trends.growth.${g.direction}`, { change, weeks: g.recentWeeks, p });
}
