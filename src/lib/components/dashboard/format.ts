// Number phrasing the dashboard needs beyond i18n's money/number/day.
import { i18n, t } from '$lib/i18n/i18n.svelte';
import type { Change, ChangeKind } from './compare';

/** A ratio (0.42) as a percentage in the chosen number format ("42 %" in Spanish, "42%" in English). */
export function percent(ratio: number): string {
	return new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** `<key>.one` for exactly 1, else `<key>.other`, with {count} as a localized number. */
export function countOf(key: string, count: number): string {
	return t(`${key}.${count === 1 ? 'one' : 'other'}`, { count: i18n.number(count) });
}

/** A change as the KPI cards write it: "+12 %", "−2,5 pts", "+3", "nuevo" (nothing before), "sin datos". */
export function changeText(change: Change, kind: ChangeKind): string {
	if (change.direction === 'none') return '—';
	if (change.fromNothing) return t('dashboard.compare.fromNothing');
	if (change.direction === 'flat') return t('dashboard.compare.same');
	const amount = change.amount ?? 0;
	if (kind === 'relative') {
		return new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: Math.abs(amount) < 0.1 ? 1 : 0, signDisplay: 'exceptZero' }).format(amount);
	}
	const n = new Intl.NumberFormat(i18n.formatLocale, { maximumFractionDigits: kind === 'points' ? 1 : 0, signDisplay: 'exceptZero' }).format(amount);
	return kind === 'points' ? t('dashboard.compare.points', { n }) : n;
}

/** A quantity of days in words: "12 días", "1 día". */
export const daysText = (days: number): string => countOf('dashboard.days', Math.round(days));
