// A ratio (0.42) as a percentage in the chosen number format ("42 %" in Spanish, "42%" in English).
import { i18n } from '$lib/i18n/i18n.svelte';

export function percent(ratio: number): string {
	return new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}
