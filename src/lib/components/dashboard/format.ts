// Number phrasing the dashboard needs beyond i18n's money/number/day.
import { i18n, t } from '$lib/i18n/i18n.svelte';

/** A ratio (0.42) as a percentage in the chosen number format ("42 %" in Spanish, "42%" in English). */
export function percent(ratio: number): string {
	return new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** `<key>.one` for exactly 1, else `<key>.other`, with {count} as a localized number. */
export function countOf(key: string, count: number): string {
	return t(`${key}.${count === 1 ? 'one' : 'other'}`, { count: i18n.number(count) });
}
