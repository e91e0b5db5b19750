// What the screens get of a health computation (the worker makes it), and the small part of it the
// app keeps between visits so the dashboard's card and KPIs show the last result at once.
import type { DayNumber } from '../brand';
import { ALERT_KINDS, type AlertKind } from './alert-kinds';
import { openAlerts, type HealthSnapshot, type StoredAlert } from './alert-store';
import type { HealthReport, ProductHealth } from './report';
import type { StockCounts } from './stock-status';

/** Products listed on the alerts page by lowest score. */
export const WORST_PRODUCTS = 20;
/** Open alerts of each kind a kept view holds: what the "needs you today" card shows. */
export const KEPT_PER_KIND = 2;

export interface HealthView {
	asOf: DayNumber;
	demandBasis: HealthReport['demandBasis'];
	/** First day of the forecast run used; null without one. */
	forecastFrom: DayNumber | null;
	options: HealthReport['options'];
	shop: HealthReport['shop'];
	/**
	 * Products per stock verdict (stock-status.ts): the dashboard's "at risk of running out" KPI is
	 * counts.toRestock (sold out + running out + low), and every screen shows these same numbers.
	 */
	counts: StockCounts;
	/** Alerts not dismissed, per kind. */
	openByKind: Record<AlertKind, number>;
	/** The lowest-scoring products below 100, lowest first (empty in a kept view). */
	worstProducts: ProductHealth[];
	productsBelow100: number;
	/** Every stored alert, open and dismissed, most severe first; a kept view holds only the top open ones of each kind. */
	alerts: StoredAlert[];
	/** Oldest first. */
	snapshots: HealthSnapshot[];
	millis: number;
	/** False for a view kept from an earlier run (summarizeView): alerts and worstProducts are partial. */
	complete: boolean;
}

export function openByKind(alerts: readonly StoredAlert[]): Record<AlertKind, number> {
	const out = Object.fromEntries(ALERT_KINDS.map((k) => [k, 0])) as Record<AlertKind, number>;
	for (const a of openAlerts(alerts)) out[a.kind]++;
	return out;
}

export function healthView(report: HealthReport, alerts: StoredAlert[], snapshots: HealthSnapshot[], forecastFrom: DayNumber | null, millis: number): HealthView {
	const below = report.products.filter((p) => p.score < 100);
	return {
		asOf: report.asOf, demandBasis: report.demandBasis, forecastFrom: report.demandBasis === 'forecast' ? forecastFrom : null,
		options: report.options, shop: report.shop, counts: report.counts, openByKind: openByKind(alerts),
		worstProducts: below.slice(0, WORST_PRODUCTS), productsBelow100: below.length,
		alerts, snapshots, millis, complete: true
	};
}

/** The view without the long lists: the top open alerts of each kind, no worst products (a few kB, for keeping). */
export function summarizeView(view: HealthView): HealthView {
	const open = openAlerts(view.alerts);
	const alerts = ALERT_KINDS.flatMap((k) => open.filter((a) => a.kind === k).slice(0, KEPT_PER_KIND));
	return { ...view, alerts, worstProducts: [], complete: false };
}
