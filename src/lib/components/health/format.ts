// Health parts and alerts in the person's language: the core gives codes and numbers, this words them.
import type { Alert } from '$core/health/alerts';
import type { PartSummary } from '$core/health/report';
import type { HealthOptions } from '$core/health/score';
import { i18n, t } from '$lib/i18n/i18n.svelte';
import { percent } from '$lib/components/dashboard/format';

/** Units as a person says them: whole numbers whole, others with one decimal. */
const units = (q: number) => i18n.number(Math.abs(q - Math.round(q)) < 0.05 ? Math.round(q) : Math.round(q * 10) / 10);

export function partText(p: PartSummary, options: HealthOptions, annualTurnover: number | null): string {
	const n = p.products;
	const many = n === 0 ? 'none' : n === 1 ? 'one' : 'other';
	switch (p.part) {
		case 'stockOut':
			return t(`health.partText.stockOut.${many}`, { count: i18n.number(n), share: percent(p.share) });
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
		case 'stockout_predicted':
			if (v.onHand <= 0 && v.onOrder <= 0) return t('alerts.text.outOfStock', { lead: v.leadTimeDays });
			return t(v.basis === 'forecast' ? 'alerts.text.stockout' : 'alerts.text.stockoutSpeed', {
				date: i18n.day(v.stockOutDay), lead: v.leadTimeDays, onHand: units(v.onHand), onOrder: units(v.onOrder)
			});
		case 'low_stock': {
			const stock = v.onOrder > 0 ? t('alerts.text.stockWithOrder', { onHand: units(v.onHand), onOrder: units(v.onOrder) }) : units(v.onHand);
			return t(v.source === 'owner' ? 'alerts.text.lowOwner' : 'alerts.text.lowForecast', { stock, threshold: units(v.threshold) });
		}
		case 'overstock':
			return t('alerts.text.overstock', { onHand: units(v.onHand), cover: i18n.number(Math.round(v.coverDays)), target: v.targetDays, excess: units(v.excessUnits), value: i18n.money(v.excessValue) });
		case 'dead_stock':
			return v.daysSinceLastSale === null
				? t('alerts.text.deadNever', { onHand: units(v.onHand), value: i18n.money(v.valueAtCost) })
				: t('alerts.text.dead', { onHand: units(v.onHand), days: i18n.number(v.daysSinceLastSale), value: i18n.money(v.valueAtCost) });
		case 'demand_change':
			if (v.change === 'jump') return t('alerts.text.jump', { actual: units(v.actualUnits), days: v.days, p90: units(v.forecastP90) });
			return t(`alerts.text.${v.change}`, { recent: units(v.recentPerWeek), earlier: units(v.earlierPerWeek) });
	}
}
