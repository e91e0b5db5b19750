// How the Trends screen words the report's numbers: growth tests in plain words, shares, units.
import type { GrowthResult } from '$core/trends/growth';
import { i18n, t } from '$lib/i18n/i18n.svelte';

/** Units (or units per day) with at most one decimal, two below 1 so slow sellers do not read as 0. */
export const units = (q: number): string => i18n.number(Math.abs(q) >= 1 ? Math.round(q * 10) / 10 : Math.round(q * 100) / 100);

/** A share (0.42) as "42 %" / "42%", one decimal below 10 %. */
export const share = (ratio: number): string =>
	new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: ratio < 0.1 ? 1 : 0 }).format(ratio);

/** "p = 0,01", "p < 0,001"; with the catalogue-adjusted q beside it when that differs (it decides the lists). */
function pText(g: GrowthResult & { pValue: number }): string {
	const digits = (v: number, d: number) => new Intl.NumberFormat(i18n.formatLocale, { maximumFractionDigits: d }).format(v);
	const format = (v: number) => (v < 0.001 ? `< ${digits(0.001, 3)}` : `= ${digits(v, v < 0.01 ? 3 : 2)}`);
	const p = t('trends.growth.p', { p: format(g.pValue) });
	return g.qValue === null || g.qValue === g.pValue ? p : `${p}, ${t('trends.growth.q', { q: format(g.qValue) })}`;
}

/** "Crece: +35 % en las últimas 8 semanas (p = 0,01)", or "sin cambio claro…", in the UI language. */
export function growthText(g: GrowthResult): string {
	if (g.direction === 'insufficient_data' || g.pValue === null) return t('trends.growth.insufficient_data');
	const p = pText({ ...g, pValue: g.pValue });
	if (g.ratio === null) return t(g.direction === 'growth' ? 'trends.growth.new' : 'trends.growth.unclear', { recent: units(g.recentMean), weeks: g.recentWeeks, p });
	const change = new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(g.ratio - 1);
	return t(`trends.growth.${g.direction}`, { change, weeks: g.recentWeeks, p });
}
