// Shared wording of the insights screens: percentages, segment names and customer links.
import { oneInHowMany } from '$core/share-words';
import type { Customer } from '$core/types';
import { i18n, t } from '$lib/i18n/i18n.svelte';

/** A share (0..1) as a percentage in the person's number style; small shares keep a decimal. */
export function percent(share: number): string {
	const digits = share < 0.1 ? 1 : 0;
	return new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: digits }).format(share);
}

/** A figure with at most `digits` decimals. */
export function decimals(x: number, digits = 1): string {
	return new Intl.NumberFormat(i18n.formatLocale, { maximumFractionDigits: digits }).format(x);
}

/** Money without cents, for totals and averages where cents are noise. */
export function wholeMoney(cents: number): string {
	return new Intl.NumberFormat(i18n.formatLocale, { style: 'currency', currency: i18n.currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(Math.round(cents / 100));
}

/** "In 1 of every 5 baskets with this product (332 times)" for a bought-together rule. */
export function togetherWords(rule: { confidence: number; together: number }): string {
	const n = oneInHowMany(rule.confidence);
	const together = i18n.number(rule.together);
	return n === null ? t('insights.product.rulePercent', { share: percent(rule.confidence), together }) : t('insights.product.ruleOneIn', { n: i18n.number(n), together });
}

export const segmentName = (segment: string): string => t(`insights.segment.${segment}`);

/** The customers list filtered to one segment (also the dashboard's segment drill-down). */
export const segmentCustomersHref = (segment: string): string => `/customers?segment=${encodeURIComponent(segment)}`;

/** A customer's page is addressed by the shop's code, or by the internal id for customers without one. */
export const customerHref = (c: Pick<Customer, 'code' | 'id'>): string => `/customers/${encodeURIComponent(c.code || c.id)}`;
