// Inventory health and alerts as `inventario health --json` / `inventario alerts --json` print
// them and GET /api/v1/health and /alerts answer them, from forecasts the caller made (the engine
// in the CLI, the latest stored run on the server; null: judged on sales speed). The CLI prints
// its tables from these same objects.
import type { DayNumber } from '../brand';
import type { DemandForecast } from '../forecast/types';
import type { StoredAlert } from '../health/alert-store';
import type { Alert } from '../health/alerts';
import { alertText, partText } from '../health/explain';
import { loadHealth, type HealthReport, type ProductHealth } from '../health/report';
import { DEFAULT_HEALTH_OPTIONS, PART_WEIGHTS, type HealthOptions } from '../health/score';
import type { InventoryRepository } from '../repository';
import { isoDay, isoLocal } from '../time';

export interface HealthReportOptions {
	deadStockDays: number;
	targetCoverDays: number;
}

/** The core's report and the first day of the forecasts it read (null without forecasts). */
export async function loadHealthReport(repo: InventoryRepository, forecasts: readonly DemandForecast[] | null, options: Partial<HealthReportOptions> = {}) {
	const chosen: Partial<HealthOptions> = {
		deadStockDays: options.deadStockDays ?? DEFAULT_HEALTH_OPTIONS.deadStockDays,
		targetCoverDays: options.targetCoverDays ?? DEFAULT_HEALTH_OPTIONS.targetCoverDays
	};
	const usable = forecasts && forecasts.length ? forecasts : null;
	const report = await loadHealth(repo, usable, chosen);
	return { report, forecastFrom: usable ? usable[0].fromDay : null };
}

function productJson(p: ProductHealth) {
	const f = p.facts;
	return {
		sku: p.sku, name: p.name, score: p.score, level: p.level, verdict: p.verdict, risks: p.risks,
		onHand: f.onHand, onOrder: f.onOrder, leadTimeDays: f.leadTimeDays, demandPerDay: f.demandPerDay,
		daysToStockOut: f.daysToStockOut, stockOutDate: f.stockOutDay === null ? null : isoDay(f.stockOutDay),
		coverDays: f.coverDays, targetDays: f.targetDays, daysSinceLastSale: f.daysSinceLastSale, annualTurnover: f.annualTurnover,
		alerts: [] as string[]
	};
}

export type HealthJson = ReturnType<typeof healthJson>;

/** The shop's score and parts (each with its sentence), and every product's score, risks and figures. */
export function healthJson(report: HealthReport, forecastFrom: DayNumber | null) {
	const products = report.products.map(productJson);
	const bySku = new Map(products.map((p) => [p.sku, p]));
	for (const a of report.alerts) bySku.get(a.sku)?.alerts.push(a.kind);
	return {
		asOf: isoDay(report.asOf), demandBasis: report.demandBasis, forecastFrom: forecastFrom === null ? null : isoDay(forecastFrom), options: report.options,
		weights: PART_WEIGHTS,
		counts: report.counts,
		shop: { ...report.shop, parts: report.shop.parts.map((p) => ({ ...p, text: partText(p, report.options, report.shop.annualTurnover) })) },
		products
	};
}

/** An alert as other programs read it: the product's code, the day as a date, the sentence. */
export function alertJson(a: Alert) {
	const { productId: _id, key: _key, values, ...rest } = a;
	const { kind: _kind, ...figures } = values;
	const dated =
		'stockOutDay' in figures ? { ...figures, stockOutDay: undefined, stockOutDate: isoDay(figures.stockOutDay) }
			: 'runsOutOn' in figures ? { ...figures, runsOutOn: figures.runsOutOn === null ? null : isoDay(figures.runsOutOn) }
				: figures;
	return { ...rest, values: JSON.parse(JSON.stringify(dated)) as Record<string, unknown>, text: alertText(a) };
}

/** A stored alert: as alertJson, with its key (to dismiss it) and what the owner did. */
export function storedAlertJson(a: StoredAlert) {
	const { firstSeenAt, updatedAt, dismissedAt, ...alert } = a;
	return { key: a.key, ...alertJson(alert), firstSeenAt: isoLocal(firstSeenAt), updatedAt: isoLocal(updatedAt), dismissedAt: dismissedAt === null ? null : isoLocal(dismissedAt) };
}

export type AlertJson = ReturnType<typeof alertJson>;

/** `inventario alerts --json`: the report's day and basis with the alerts given (most severe first). */
export function alertsJson<T extends AlertJson>(report: HealthReport, forecastFrom: DayNumber | null, alerts: T[]) {
	return {
		asOf: isoDay(report.asOf), demandBasis: report.demandBasis, forecastFrom: forecastFrom === null ? null : isoDay(forecastFrom), unknownStock: report.shop.unknownStock,
		alerts
	};
}

export type AlertsJson = ReturnType<typeof alertsJson<AlertJson>>;
