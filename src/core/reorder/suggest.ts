// Reorder suggestions: per product, when stock runs out, the reorder point, and how much to order.
import type { Cents, DayNumber, ProductId, SupplierId } from '../brand';
import { effectiveLeadTime } from '../catalog';
import type { DemandForecast } from '../forecast/types';
import type { Product, Supplier } from '../types';
import { isStockItem } from '../variants';
import { safetyStock, windowSum, type SafetyStockBasis } from './lead-time-demand';

export interface ReorderOptions {
	/** Chance of not running out during a lead time (default 0.95). */
	serviceLevel: number;
	/** Days of sales an order should cover beyond the lead time (default 30). */
	targetCoverDays: number;
}

export const DEFAULT_REORDER_OPTIONS: ReorderOptions = { serviceLevel: 0.95, targetCoverDays: 30 };

export interface ReorderInput {
	products: readonly Product[];
	suppliers: readonly Supplier[];
	stock: ReadonlyMap<ProductId, number>;
	/** Units in purchase orders sent and not yet received. */
	onOrder: ReadonlyMap<ProductId, number>;
	forecasts: readonly DemandForecast[];
}

/** urgent: runs out before an order placed today would arrive; order: at or below the reorder point. */
export type Urgency = 'urgent' | 'order' | 'ok';

export type ReorderReasonCode = 'out_of_stock' | 'stock_out_before_delivery' | 'below_reorder_point' | 'enough_stock' | 'no_demand';

/** One sentence's worth of facts; the UI words it per language, reorderReasonText in English. */
export interface ReorderReason {
	code: ReorderReasonCode;
	values: {
		position: number;
		reorderPoint: number;
		leadTimeDays: number;
		leadTimeDemand: number;
		safetyStock: number;
		quantity: number;
		coverDays: number;
		stockOutDay: number | null;
		/** Set when the quantity was rounded up to a pack size or minimum order. */
		packSize: number;
		minOrderQty: number;
		rounded: boolean;
		/** Stock on hand is below zero: it counts as 0 here, and a stock count is advised. */
		negativeStock: boolean;
	};
}

export interface ReorderSuggestion {
	productId: ProductId;
	sku: string;
	name: string;
	supplierId: SupplierId | null;
	onHand: number;
	onOrder: number;
	/** On hand (negative counts as 0) plus on order. */
	position: number;
	leadTimeDays: number;
	/** Expected units over the lead time (forecast mean). */
	leadTimeDemand: number;
	safetyStock: number;
	safetyBasis: SafetyStockBasis;
	safetySamples: number;
	reorderPoint: number;
	/** 'owner' when the product has a fixed reorder point. */
	reorderPointSource: 'forecast' | 'owner';
	/** Stock the order should bring the position up to: demand over lead time plus cover, plus safety. */
	orderUpTo: number;
	/** Before rounding to packs and the minimum order. */
	neededQuantity: number;
	suggestedQuantity: number;
	unitCost: Cents;
	/** First day the expected demand exceeds the position; null if not within the forecast horizon. */
	stockOutDay: DayNumber | null;
	urgency: Urgency;
	reason: ReorderReason;
	forecastMethod: string;
}

export interface ReorderPlan {
	suggestions: ReorderSuggestion[];
	/** Active stock items with no forecast: nothing can be said about them. */
	withoutForecast: ProductId[];
	options: ReorderOptions;
}

export function checkReorderOptions(o: ReorderOptions): void {
	if (!(o.serviceLevel > 0.5 && o.serviceLevel < 1)) throw new RangeError(`service level must be between 0.5 and 1 (e.g. 0.95), got ${o.serviceLevel}`);
	if (!Number.isInteger(o.targetCoverDays) || o.targetCoverDays < 1 || o.targetCoverDays > 365) throw new RangeError(`target cover must be a whole number of days from 1 to 365, got ${o.targetCoverDays}`);
}

/** Rounds a needed quantity up to whole packs and at least the supplier's minimum order. */
export function roundOrderQuantity(needed: number, packSize: number, minOrderQty: number): number {
	if (needed <= 0) return 0;
	const pack = packSize > 0 ? packSize : 1;
	const packs = (q: number) => Math.ceil(q / pack - 1e-9) * pack;
	return packs(Math.max(packs(needed), minOrderQty));
}

/** The first day index where cumulative expected demand exceeds the stock available; null within the horizon. */
export function stockOutIndex(mean: readonly number[], available: number): number | null {
	if (available <= 0) return mean.some((m) => m > 0) ? 0 : null;
	let cumulative = 0;
	for (let i = 0; i < mean.length; i++) {
		cumulative += mean[i];
		if (cumulative > available + 1e-9) return i;
	}
	return null;
}

export function suggestReorder(product: Product, supplier: Supplier | undefined, forecast: DemandForecast, onHand: number, onOrder: number, options: ReorderOptions): ReorderSuggestion {
	const leadTimeDays = effectiveLeadTime(product, supplier);
	// A negative ledger (sales imported without their purchases) is not stock owed to the shelf:
	// ordering to fill it would buy goods that were sold long ago.
	const position = Math.max(0, onHand) + onOrder;
	// Means, not daily P50s: the median day of an intermittent product is 0 and medians do not add up.
	const leadTimeDemand = windowSum(forecast.mean, 0, leadTimeDays);
	const coverDemand = windowSum(forecast.mean, 0, leadTimeDays + options.targetCoverDays);
	const safety = safetyStock(forecast, leadTimeDays, options.serviceLevel);
	const forecastPoint = leadTimeDemand + safety.units;
	const reorderPoint = product.reorderPoint ?? forecastPoint;
	const orderUpTo = Math.max(reorderPoint, coverDemand + safety.units);
	const stockOut = stockOutIndex(forecast.mean, position);
	const stockOutDay = stockOut === null ? null : ((forecast.fromDay + stockOut) as DayNumber);
	const urgency: Urgency = stockOut !== null && stockOut < leadTimeDays ? 'urgent' : position <= reorderPoint && coverDemand > 0 ? 'order' : 'ok';
	const neededQuantity = urgency === 'ok' ? 0 : Math.max(0, orderUpTo - position);
	const suggestedQuantity = roundOrderQuantity(neededQuantity, product.packSize, product.minOrderQty);
	const code: ReorderReasonCode = urgency === 'urgent' ? (position <= 0 ? 'out_of_stock' : 'stock_out_before_delivery') : urgency === 'order' ? 'below_reorder_point' : coverDemand > 0 ? 'enough_stock' : 'no_demand';
	return {
		productId: product.id, sku: product.sku, name: product.name, supplierId: product.supplierId,
		onHand, onOrder, position, leadTimeDays, leadTimeDemand,
		safetyStock: safety.units, safetyBasis: safety.basis, safetySamples: safety.samples,
		reorderPoint, reorderPointSource: product.reorderPoint === null ? 'forecast' : 'owner',
		orderUpTo, neededQuantity, suggestedQuantity, unitCost: product.unitCost, stockOutDay, urgency,
		reason: {
			code,
			values: {
				position, reorderPoint, leadTimeDays, leadTimeDemand, safetyStock: safety.units, quantity: suggestedQuantity,
				coverDays: options.targetCoverDays, stockOutDay, packSize: product.packSize, minOrderQty: product.minOrderQty,
				rounded: suggestedQuantity > Math.ceil(neededQuantity - 1e-9),
				// The ledger went below zero (sales imported without their purchases): a count is due.
				negativeStock: onHand < 0
			}
		},
		forecastMethod: forecast.method
	};
}

const URGENCY_ORDER: Record<Urgency, number> = { urgent: 0, order: 1, ok: 2 };

/**
 * Suggestions for every active stock item with a forecast: most urgent first, then soonest
 * stock-out. A style is ordered through its variants (each its own size and colour), never itself.
 */
export function planReorders(input: ReorderInput, options: Partial<ReorderOptions> = {}): ReorderPlan {
	const o: ReorderOptions = { ...DEFAULT_REORDER_OPTIONS, ...options };
	checkReorderOptions(o);
	const forecastOf = new Map<ProductId, DemandForecast>();
	for (const f of input.forecasts) if (f.productId !== null) forecastOf.set(f.productId, f);
	const supplierOf = new Map(input.suppliers.map((s) => [s.id, s]));
	const suggestions: ReorderSuggestion[] = [];
	const withoutForecast: ProductId[] = [];
	for (const p of input.products) {
		if (!p.active || !isStockItem(p)) continue;
		const forecast = forecastOf.get(p.id);
		if (!forecast) {
			withoutForecast.push(p.id);
			continue;
		}
		const supplier = p.supplierId ? supplierOf.get(p.supplierId) : undefined;
		suggestions.push(suggestReorder(p, supplier, forecast, input.stock.get(p.id) ?? 0, input.onOrder.get(p.id) ?? 0, o));
	}
	suggestions.sort((a, b) =>
		URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] ||
		(a.stockOutDay ?? Number.MAX_SAFE_INTEGER) - (b.stockOutDay ?? Number.MAX_SAFE_INTEGER) ||
		a.sku.localeCompare(b.sku));
	return { suggestions, withoutForecast, options: o };
}
