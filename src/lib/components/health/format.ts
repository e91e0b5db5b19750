// Health parts and alerts in the person's language: the core gives codes and numbers, this words them.
import type { Alert } from '$core/health/alerts';
import type { PartSummary } from '$core/health/report';
import type { HealthOptions } from '$core/health/score';
import type { HealthView } from '$core/health/view';
import { i18n, t } from '$lib/i18n/i18n.svelte';

/** Units as a person says them: whole numbers whole, others with one decimal. */
export const units = (q: number) => i18n.number(Math.abs(q - Math.round(q)) < 0.05 ? Math.round(q) : Math.round(q * 10) / 10);

/** A share (0.13) as "13 %" / "13%". */
export const percent = (ratio: number) => new Intl.NumberFormat(i18n.formatLocale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);

/** `<key>.one` for exactly 1, else `<key>.other`, with {count} as a localized number. */
export const plural = (key: string, count: number, params: Record<string, string | number> = {}) =>
	t(`${key}.${count === 1 ? 'one' : 'other'}`, { ...params, count: i18n.number(count) });

/** "a, b y c" / "a, b and c" in the language shown. */
export const listOf = (items: string[]) => new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(items);

export function partText(p: PartSummary, options: HealthOptions, annualTurnover: number | null): string {
	const n = p.products;
	const many = n === 0 ? 'none' : n === 1 ? 'one' : 'other';
	switch (p.part) {
		case 'stockOut': {
			if (n === 0) return t('health.partText.stockOut.none');
			const r = p.restock ?? { soldOut: 0, runningOut: n, low: 0 };
			const list = listOf((['soldOut', 'runningOut', 'low'] as const).filter((v) => r[v] > 0).map((v) => plural(`health.restock.${v}`, r[v])));
			return t(`health.partText.stockOut.${many}`, { count: i18n.number(n), list, share: percent(p.share) });
		}
		case 'overstock':
			return t(`health.partText.overstock.${many}`, { count: i18n.number(n), factor: options.overstockFactor, value: i18n.money(p.value) });
		case 'deadStock':
			return t(`health.partText.deadStock.${many}`, { count: i18n.number(n), days: options.deadStockDays, value: i18n.money(p.value) });
		case 'turnover':
			return annualTurnover === null
				? t('health.partText.turnover.empty')
				: t('health.partText.turnover.some', { turns: i18n.number(Math.round(annualTurnover * 10) / 10), healthy: options.healthyTurnover });
	}
}

export function alertText(a: Alert): string {
	const v = a.values;
	switch (v.kind) {
		case 'oversold':
			return t('alerts.text.oversold', { sold: units(-v.onHand), onHand: units(v.onHand) });
		case 'sold_out':
			if (v.selling) return v.onOrder > 0 ? t('alerts.text.soldOutOrdered', { onOrder: units(v.onOrder) }) : t('alerts.text.soldOut', { lead: v.leadTimeDays });
			return v.daysSinceLastSale === null ? t('alerts.text.soldOutNever') : t('alerts.text.soldOutIdle', { days: i18n.number(v.daysSinceLastSale) });
		case 'stockout_predicted':
			return t(v.basis === 'forecast' ? 'alerts.text.stockout' : 'alerts.text.stockoutSpeed', {
				date: i18n.day(v.stockOutDay), lead: v.leadTimeDays, onHand: units(v.onHand), onOrder: units(v.onOrder)
			});
		case 'low_stock': {
			const stock = v.onOrder > 0 ? t('alerts.text.stockWithOrder', { onHand: units(v.onHand), onOrder: units(v.onOrder) }) : units(v.onHand);
			if (v.source === 'soon' || v.threshold === null) return t('alerts.text.lowSoon', { stock, date: v.runsOutOn === null ? '—' : i18n.day(v.runsOutOn), lead: v.leadTimeDays });
			return t(v.source === 'owner' ? 'alerts.text.lowOwner' : 'alerts.text.lowForecast', { stock, threshold: units(v.threshold) });
		}
		case 'overstock':
			return t('alerts.text.overstock', { onHand: units(v.onHand), cover: i18n.number(Math.round(v.coverDays)), target: v.targetDays, excess: i18n.number(Math.round(v.excessUnits)), value: i18n.money(v.excessValue) });
		case 'dead_stock':
			return v.daysSinceLastSale === null
				? t('alerts.text.deadNever', { onHand: units(v.onHand), value: i18n.money(v.valueAtCost) })
				: t('alerts.text.dead', { onHand: units(v.onHand), days: i18n.number(v.daysSinceLastSale), value: i18n.money(v.valueAtCost) });
		case 'demand_change':
			if (v.change === 'jump') return t('alerts.text.jump', { actual: units(v.actualUnits), days: v.days, p90: units(v.forecastP90) });
			return t(`alerts.text.${v.change}`, { recent: units(v.recentPerWeek), earlier: units(v.earlierPerWeek) });
	}
}

/**
 * The score's sentence: what holds it down most, in the words of that part (`short`: only the
 * part's name, where its sentence is shown next to it); or that all is in order.
 */
export function headlineText(view: Pick<HealthView, 'shop' | 'options'>, short = false): string {
	const weakest = view.shop.weakest ? view.shop.parts.find((p) => p.part === view.shop.weakest) : undefined;
	if (!weakest) return t('health.headline.none');
	return short
		? t('health.headline.weakestPart', { part: t(`health.partLower.${weakest.part}`) })
		: t('health.headline.weakest', { text: partText(weakest, view.options, view.shop.annualTurnover) });
}
