// Alert rules: what about one product needs the owner now. Each alert is codes and numbers (the
// app words them in its language, explain.ts in English) with a stable key, kind + product, so a
// recomputation finds the same alert again and keeps its dismissal.
import type { DayNumber, ProductId } from '../brand';
import { ALERT_KINDS, type AlertKind, type AlertSeverity } from './alert-kinds';
import { coverDays, targetDays, type HealthOptions } from './score';
import { stockVerdict, type StockVerdict, type VerdictFacts } from './stock-status';

export { ALERT_KINDS, type AlertKind, type AlertSeverity };

export type AlertValues =
	| { kind: 'oversold'; onHand: number }
	/** selling: it sold within the dead-stock days (or the forecast expects sales), so sales are being lost now. */
	| { kind: 'sold_out'; onOrder: number; selling: boolean; daysSinceLastSale: number | null; leadTimeDays: number }
	| { kind: 'stockout_predicted'; onHand: number; onOrder: number; stockOutDay: DayNumber; daysToStockOut: number; leadTimeDays: number; basis: 'forecast' | 'sales_speed' }
	/**
	 * source 'owner' / 'forecast': at or below that reorder point (threshold); 'soon' (no point set
	 * and no forecast): it runs out on runsOutOn, within the warning days after an order placed today
	 * would arrive (threshold null).
	 */
	| { kind: 'low_stock'; onHand: number; onOrder: number; threshold: number | null; source: 'owner' | 'forecast' | 'soon'; runsOutOn: DayNumber | null; leadTimeDays: number }
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
export interface AlertFacts extends VerdictFacts {
	productId: ProductId;
	sku: string;
	name: string;
	onOrder: number;
	unitCost: number;
	unitPrice: number;
	/** The day the demand is counted from (a stock-out on day asOf + daysToStockOut + 1). */
	asOf: DayNumber;
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
 * The rules, per product. The stock alerts follow the product's one verdict (stock-status.ts), so
 * every sold-out, running-out, low, dead or overstocked product has exactly one of them:
 * - oversold (verdict unknown): stock below zero where stock was ever recorded: more was sold than
 *   held (two tablets sold the last units offline, or goods arrived unrecorded); a history of sales
 *   alone (an import without purchases) is not oversold, its stock is unknown;
 * - sold_out: nothing on the shelf; urgent when it was selling, a look otherwise (still sold?);
 * - stockout_predicted (runningOut): it runs out before an order placed today would arrive;
 * - low_stock (low): at or below its reorder point (with none, running out within the warning days after that);
 * - dead_stock (dead), overstock (overstock);
 * - demand_change, whatever the verdict: the growth test says growing or declining, or the last
 *   days since the forecast sold more than its P90.
 */
export function alertsFor(f: AlertFacts, o: HealthOptions, verdict: StockVerdict = stockVerdict(f, o)): Alert[] {
	const out: Alert[] = [];
	const base = { productId: f.productId, sku: f.sku, name: f.name };
	const add = (kind: AlertKind, severity: AlertSeverity, impact: number, values: AlertValues) =>
		out.push({ key: alertKey(kind, f.productId), kind, ...base, severity, impact: Math.round(Math.max(0, impact)), values });
	const salesPerDay = f.demandPerDay * f.unitPrice;

	switch (verdict) {
		case 'unknown':
			if (f.stockTracked) add('oversold', 'high', -f.onHand * f.unitCost, { kind: 'oversold', onHand: f.onHand });
			break;
		case 'soldOut': {
			const selling = f.demandPerDay > 0;
			add('sold_out', selling ? 'high' : 'low', salesPerDay * f.leadTimeDays, {
				kind: 'sold_out', onOrder: f.onOrder, selling, daysSinceLastSale: f.daysSinceLastSale, leadTimeDays: f.leadTimeDays
			});
			break;
		}
		case 'runningOut':
			add('stockout_predicted', 'high', salesPerDay * (f.leadTimeDays - f.daysToStockOut!), {
				kind: 'stockout_predicted', onHand: f.onHand, onOrder: f.onOrder, stockOutDay: f.stockOutDay!, daysToStockOut: f.daysToStockOut!,
				leadTimeDays: f.leadTimeDays, basis: f.stockOutBasis
			});
			break;
		case 'low':
			add('low_stock', 'medium', salesPerDay * f.leadTimeDays, {
				kind: 'low_stock', onHand: f.onHand, onOrder: f.onOrder, leadTimeDays: f.leadTimeDays,
				threshold: f.reorderPoint, source: f.reorderPointSource ?? 'soon', runsOutOn: f.stockOutDay
			});
			break;
		case 'dead': {
			const valueAtCost = f.onHand * f.unitCost;
			add('dead_stock', 'medium', valueAtCost, { kind: 'dead_stock', onHand: f.onHand, daysSinceLastSale: f.daysSinceLastSale, valueAtCost: Math.round(valueAtCost) });
			break;
		}
		case 'overstock': {
			const cover = coverDays(f)!;
			const target = targetDays(f.leadTimeDays, o);
			const excessUnits = Math.max(0, f.onHand - f.demandPerDay * target);
			add('overstock', 'low', excessUnits * f.unitCost, {
				kind: 'overstock', onHand: f.onHand, coverDays: cover, targetDays: target, excessUnits, excessValue: Math.round(excessUnits * f.unitCost)
			});
			break;
		}
		case 'ok':
			break;
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
