// How the Trends screen words the report's numbers: changes in shop language ("sells about 25 a
// week, most weeks 15-35"), never calling a large change "no change" (readChange says why it is
// unsure), and the test's figures for the "Details" disclosure.
import { MIN_WEEKS_PER_SIDE, type GrowthResult } from '$core/trends/growth';
import { readChange } from '$core/trends/change';
import { i18n, t } from '$lib/i18n/i18n.svelte';

/** Units (or units per day) with at most one decimal, two below 1 so slow sellers do not read as 0. */
export const units = (q: number): string => i18n.number(Math.abs(q) >= 1 ? Math.round(q * 10) / 10 : Math.round(q * 100) / 100);

/** Units a week as a person says them: whole from 10 up. */
const perWeek = (q: number): string => i18n.number(Math.abs(q) >= 10 ? Math.round(q) : Math.abs(q) >= 1 ? Math.round(q * 10) / 10 : Math.round(q * 100) / 100);

/** A share (0.42) as "42 %" / "42%", one decimal below 10 %. */
export const share = (ratio: number): string =>
	new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: ratio < 0.1 ? 1 : 0 }).format(ratio);

const signed = (change: number) => new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(change);

/** "Sells about 25 a week lately (most weeks 15-35), 10 before", for a product or (unit 'shop') the whole shop. */
export function salesText(g: GrowthResult, who: 'product' | 'shop' = 'product'): string {
	const key = who === 'shop' ? 'trends.sales.shop' : 'trends.sales.product';
	if (g.recentWeeks === 0) return t(`${key}.none`);
	const range = g.recentLow !== null && g.recentHigh !== null && Math.round(g.recentHigh) > Math.round(g.recentLow)
		? t('trends.sales.range', { low: perWeek(g.recentLow), high: perWeek(g.recentHigh) }) : '';
	return g.baselineWeeks === 0
		? t(`${key}.recent`, { recent: perWeek(g.recentMean), range })
		: t(`${key}.compared`, { recent: perWeek(g.recentMean), range, earlier: perWeek(g.baselineMean) });
}

/**
 * What the change means: "Growing: +35 % in the last 8 weeks", "No big change (+12 %)", or for a
 * large change the test cannot confirm, "Up a lot (+814 %), but not enough data to be sure yet: …"
 * with the reason. `tested` is how many products the q-values were adjusted for (1 for the shop).
 */
export function changeText(g: GrowthResult, significance: number, tested: number): string {
	const r = readChange(g, significance);
	const change = r.change === null ? null : signed(r.change);
	const weeks = g.recentWeeks;
	switch (r.verdict) {
		case 'too_new':
			return t('trends.change.too_new', { min: MIN_WEEKS_PER_SIDE });
		case 'up':
		case 'down':
			return change === null ? t('trends.change.new', { weeks }) : t(`trends.change.${r.verdict}`, { change, weeks });
		case 'steady':
			return change === null ? t('trends.change.steadyNone') : t('trends.change.steady', { change });
		case 'unsure': {
			const reason = r.reason === 'few_sales'
				? (g.recentSellingWeeks <= g.baselineSellingWeeks
					? t('trends.unsure.fewRecent', { n: g.recentSellingWeeks, weeks: g.recentWeeks })
					: t('trends.unsure.fewEarlier', { n: g.baselineSellingWeeks, weeks: g.baselineWeeks }))
				: r.reason === 'many_products'
					? t('trends.unsure.manyProducts', { tested: i18n.number(tested) })
					: t('trends.unsure.uneven');
			const moved = change === null ? t('trends.change.unsureNew') : t(`trends.change.unsure.${r.direction ?? 'up'}`, { change });
			return t('trends.change.unsure', { moved, reason });
		}
	}
}

/** "p = 0,01", "p < 0,001"; with the catalogue-adjusted q beside it when that differs (it decides). */
export function testText(g: GrowthResult): string {
	const digits = (v: number, d: number) => new Intl.NumberFormat(i18n.formatLocale, { maximumFractionDigits: d }).format(v);
	const format = (v: number) => (v < 0.001 ? `< ${digits(0.001, 3)}` : `= ${digits(v, v < 0.01 ? 3 : 2)}`);
	const weeks = t('trends.details.weeks', { recent: g.recentWeeks, baseline: g.baselineWeeks, recentSelling: g.recentSellingWeeks, baselineSelling: g.baselineSellingWeeks });
	if (g.pValue === null) return weeks;
	const p = t('trends.growth.p', { p: format(g.pValue) });
	const q = g.qValue === null || g.qValue === g.pValue ? '' : `, ${t('trends.growth.q', { q: format(g.qValue) })}`;
	return `${t('trends.details.test')}: ${p}${q} · ${weeks}`;
}
