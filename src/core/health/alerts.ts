// Alert rules: what about one product needs the owner now. Each alert is codes and numbers (the
// app words them in its language, explain.ts in English) with a stable key, kind + product, so a
// recomputation finds the same alert again and keeps its dismissal.
import type { DayNumber, ProductId } from '../brand';
import { coverDays, isDead, stockUnknown, targetDays, type HealthOptions, type ScoreFacts } from './score';

export const ALERT_KINDS = ['oversold', 'stockout_predicted', 'low_stock', 'demand_change', 'dead_stock', 'overstock'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertSeverity = 'high' | 'medium' | 'low';

export type AlertValues =
	| { kind: 'oversold'; onHand: number }
	| { kind: 'stockout_predicted'; onHand: number; onOrder: number; stockOutDay: DayNumber; daysToStockOut: number; leadTimeDays: number; basis: 'forecast' | 'sales_speed' }
	| { kind: 'low_stock'; onHand: number; onOrder: number; threshold: number; source: 'owner' | 'forecast' }
	| { kind: 'overstock'; onHand: number; coverDays: number; targetDays: number; excessUnits: number; excessValue: number }
	| { kind: 'dead_stock'; onHand: number; daysSinceLastSale: number | null; valueAtCost: number }
	| { kind: 'demand_change'; change: 'growth' | 'decline'; recentPerWeek: number; earlierPerWeek: number; qValue: number }
	| { kind: 'demand_change'; change: 'jump'; days: number; actualUnits: number; forecastP90: number };

export interface Alert {
	/** kind:productId — the same condition of the same product always has the same key. */
	key: string;
	kind: AlertKind;
	productId: ProductId;
	sku: string;
	name: string;
	severity: AlertSeverity;
	/** Money at stake in cents (sales that could be lost, or stock at cost standing still): orders alerts of one severity. */
	impact: number;
	values: AlertValues;
}

export const alertKey = (kind: AlertKind, productId: ProductId) => `${kind}:${productId}`;

/** Everything the rules read about one product. */
export interface AlertFacts extends ScoreFacts {
	productId: ProductId;
	sku: string;
	name: string;
	onOrder: number;
	unitCost: number;
	unitPrice: number;
	/** The day the demand is counted from (a stock-out on day asOf + daysToStockOut + 1). */
	asOf: DayNumber;
	/** The owner's reorder point, else the forecast's; null when neither exists. */
	reorderPoint: number | null;
	reorderPointSource: 'owner' | 'forecast' | null;
	stockOutDay: DayNumber | null;
	stockOutBasis: 'forecast' | 'sales_speed';
	/** The trends growth test, judged after adjusting for testing the whole catalogue. */
	trend: { direction: string; recentMean: number; baselineMean: number; qValue: number | null };
	/**
	 * Stock was recorded at some point (a delivery, a count, an adjustment): stock on hand is not just
	 * minus the units sold. Only then does negative stock mean more was sold than held.
	 */
	stockTracked?: boolean;
	/** The last days since the forecast was made, when they sold beyond its P90. */
	jump: { days: number; actualUnits: number; forecastP90: number } | null;
}

const SEVERITY_ORDER: Record<AlertSeverity, number> = { high: 0, medium: 1, low: 2 };

/** Most severe first, then most money at stake, then by SKU. */
export function compareAlerts(a: Alert, b: Alert): number {
	return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.impact - a.impact || a.sku.localeCompare(b.sku) || a.kind.localeCompare(b.kind);
}

/**
 * The rules, per product:
 * - oversold: stock below zero where stock was ever recorded: more was sold than held (two
 *   tablets sold the last units offline, or goods arrived unrecorded); a history of sales alone
 *   (an import without purchases) is not oversold, its stock is unknown;
 * - stockout_predicted: it runs out before an order placed today would arrive (days to stock-out
 *   below the lead time), with demand;
 * - low_stock: otherwise, stock on hand plus on order at or below the reorder point (the owner's,
 *   else the forecast's); only for products that still sell or that have an owner's point;
 *   neither of the two for a product whose stock is unknown (negative: see stockUnknown);
 * - overstock: cover beyond overstockFactor x (lead time + target cover);
 * - dead_stock: on hand and no sale in deadStockDays (never sold counts);
 * - demand_change: the growth test says growing or declining, or the last days since the
 *   forecast sold more than its P90.
 */
export function alertsFor(f: AlertFacts, o: HealthOptions): Alert[] {
	const out: Alert[] = [];
	const base = { productId: f.productId, sku: f.sku, name: f.name };
	const add = (kind: AlertKind, severity: AlertSeverity, impact: number, values: AlertValues) =>
		out.push({ key: alertKey(kind, f.productId), kind, ...base, severity, impact: Math.round(Math.max(0, impact)), values });
	const salesPerDay = f.demandPerDay * f.unitPrice;
	const dead = isDead(f, o);

	const known = !stockUnknown(f);
	if (!known && f.stockTracked) add('oversold', 'high', -f.onHand * f.unitCost, { kind: 'oversold', onHand: f.onHand });
	const runsOutBeforeDelivery = known && f.demandPerDay > 0 && f.daysToStockOut !== null && f.daysToStockOut < f.leadTimeDays && f.stockOutDay !== null;
	if (runsOutBeforeDelivery) {
		add('stockout_predicted', 'high', salesPerDay * (f.leadTimeDays - f.daysToStockOut!), {
			kind: 'stockout_predicted', onHand: f.onHand, onOrder: f.onOrder, stockOutDay: f.stockOutDay!, daysToStockOut: f.daysToStockOut!,
			leadTimeDays: f.leadTimeDays, basis: f.stockOutBasis
		});
	} else if (known && f.reorderPoint !== null && f.position <= f.reorderPoint && (f.reorderPointSource === 'owner' || f.demandPerDay > 0) && !dead) {
		add('low_stock', f.onHand <= 0 ? 'high' : 'medium', salesPerDay * f.leadTimeDays, {
			kind: 'low_stock', onHand: f.onHand, onOrder: f.onOrder, threshold: f.reorderPoint, source: f.reorderPointSource!
		});
	}

	if (dead) {
		const valueAtCost = f.onHand * f.unitCost;
		add('dead_stock', 'medium', valueAtCost, { kind: 'dead_stock', onHand: f.onHand, daysSinceLastSale: f.daysSinceLastSale, valueAtCost: Math.round(valueAtCost) });
	} else if (f.onHand > 0) {
		const cover = coverDays(f);
		const target = targetDays(f.leadTimeDays, o);
		if (cover !== null && cover > o.overstockFactor * target) {
			const excessUnits = Math.max(0, f.onHand - f.demandPerDay * target);
			add('overstock', 'low', excessUnits * f.unitCost, {
				kind: 'overstock', onHand: f.onHand, coverDays: cover, targetDays: target, excessUnits, excessValue: Math.round(excessUnits * f.unitCost)
			});
		}
	}

	if (f.jump) {
		add('demand_change', 'medium', (f.jump.actualUnits - f.jump.forecastP90) * f.unitPrice, { kind: 'demand_change', change: 'jump', ...f.jump });
	} else if ((f.trend.direction === 'growth' || f.trend.direction === 'decline') && f.trend.qValue !== null) {
		const growth = f.trend.direction === 'growth';
		add('demand_change', growth ? 'medium' : 'low', Math.abs(f.trend.recentMean - f.trend.baselineMean) * f.unitPrice, {
			kind: 'demand_change', change: f.trend.direction as 'growth' | 'decline', recentPerWeek: f.trend.recentMean, earlierPerWeek: f.trend.baselineMean, qValue: f.trend.qValue
		});
	}
	return out;
}
