// The dashboard's contract: what the screen asks for (DashboardQuery) and everything it draws
// (DashboardView). Computed in workers/dashboard.worker.ts from precomputed aggregates (daily
// totals, hourly totals, product series, the stock cache and the ledger's non-sale movements),
// never by scanning sale lines; the screen gets it from dashboard.service.ts loadDashboardView.
// Money is in cents, net of tax (core/sale-blocks.ts lineAmounts); units may be fractional.
// Products are named by SKU (what links use: /products/<sku>), never by internal id.
import type { DayNumber, SupplierId } from '../brand';

export interface DashboardQuery {
	/** First and last day shown, inclusive (from <= to). */
	from: DayNumber;
	to: DayNumber;
	/** Only products of this category ('' = products without a category); null = every category. */
	category: string | null;
	/** Only products of this supplier; null = every supplier. */
	supplierId: SupplierId | null;
}

/**
 * A figure with what it compares against. previous: the same number of days just before `from`;
 * lastYear: the same calendar dates a year earlier. null: the store holds no sales that far back
 * (the comparison would be against nothing, not against zero).
 */
export interface Compared {
	current: number;
	previous: number | null;
	lastYear: number | null;
}

export interface DashboardKpis {
	/** Cents, net of tax. */
	revenue: Compared;
	/** Units sold net of returns. */
	units: Compared;
	/** Tickets: invoices of a day with at least one item sold (the rule is in hour-totals.ts). */
	tickets: Compared;
	/** Cents: revenue / tickets (0 when there are no tickets). */
	averageTicket: Compared;
	/** Share 0..1: (revenue - cost of goods) / revenue; 0 when there is no revenue. */
	grossMargin: Compared;
	/**
	 * Cents: stock on hand at today's unit cost, positive stock only, at the end of `to` (previous:
	 * at the end of the day before `from`; lastYear: at the end of `to` a year earlier), rebuilt
	 * backwards from today's stock through the ledger. In the past only products whose stock had
	 * been recorded by then (a delivery, count or adjustment) count: previous/lastYear are null when
	 * none had (an imported sales history without stock entries; see accuracy.stockHistory).
	 */
	stockValue: Compared;
}

export interface DailySeries {
	/** Every day from `from` to `to`, days without sales included (zeros). */
	days: DayNumber[];
	revenue: number[];
	units: number[];
	tickets: number[];
}

/** The shop's (or the filter's) revenue forecast, continuing `daily` after the stored run's last sales day. */
export interface RevenueForecast {
	/** Consecutive days after the forecast run's last day of history (may start before `to` when the run is old). */
	days: DayNumber[];
	/** Cents per day. */
	mean: number[];
	/** 80 % band: 10th and 90th percentiles, cents per day. */
	p10: number[];
	p90: number[];
	/** When the forecast run was made, its model version (for the Details disclosure). */
	createdAt: number;
	modelId: string;
}

/** Sales by hour and weekday over the range: index weekday * 24 + hour, weekday 0 = Monday. */
export interface HeatMap {
	/** Cents. */
	revenue: number[];
	tickets: number[];
}

export interface CategoryRow {
	category: string;
	revenue: number;
	units: number;
	/** Share 0..1 of the view's revenue. */
	share: number;
	/** Share 0..1; null without revenue. */
	grossMargin: number | null;
}

export type AbcClass = 'A' | 'B' | 'C';

/** A product of the ABC Pareto, by revenue, largest first. A: the products making the first 80 % of the revenue, B: up to 95 %, C: the rest. */
export interface ParetoRow {
	sku: string;
	name: string;
	revenue: number;
	/** Share 0..1 of the view's revenue of this product and all before it. */
	cumulativeShare: number;
	abc: AbcClass;
}

export interface AbcSummary {
	products: number;
	/** Share 0..1 of the view's revenue. */
	revenueShare: number;
}

export interface MoverRow {
	sku: string;
	name: string;
	category: string;
	units: number;
	revenue: number;
	/** Stock on hand now. */
	onHand: number;
	/** onHand / (units sold per day over the range); null when nothing sold (no rate to divide by); 0 when out of stock. */
	daysOfCover: number | null;
}

export interface SellThroughRow {
	sku: string;
	name: string;
	/** Units sold in the range. */
	sold: number;
	/** Units received (purchases) in the range. */
	received: number;
	/** Stock at the start of the range (from the ledger, never below 0). */
	opening: number;
	/** sold / (opening + received), 0..1; null when nothing was there to sell. */
	sellThrough: number | null;
	onHand: number;
	daysOfCover: number | null;
}

export interface LostSalesRow {
	sku: string;
	name: string;
	/** Days in the range the shop sold something while this product ended the day before at or below 0, got no delivery and sold none. */
	stockOutDays: number;
	/** stockOutDays x its usual units per in-stock day. */
	lostUnits: number;
	/** lostUnits x its average price in cents. */
	lostRevenue: number;
}

export interface LostSales {
	/** Product-days out of stock (summed over products). */
	days: number;
	units: number;
	/** Cents. */
	revenue: number;
	/** Largest lost revenue first. */
	products: LostSalesRow[];
}

/** One segment of the last stored segmentation (computed by the insights worker, not by the dashboard). */
export interface SegmentRow {
	/** The segment code (core/insights/segment-rules.ts SEGMENTS); the UI translates it. */
	segment: string;
	customers: number;
	/** Cents: what the segment's customers spent up to the segmentation's day, net of returns (RFM monetary). */
	revenue: number;
}

export interface StoredSegments {
	asOfDay: DayNumber;
	rows: SegmentRow[];
}

/** What is not exact, and why: the screen shows a note when a flag is set (the rules are in hour-totals.ts and stock-history.ts). */
export interface DashboardAccuracy {
	/**
	 * Tickets, average ticket and the heat map count sales under the category and supplier their
	 * products had when sold. True when a product with sales in the store has been moved to another
	 * category or supplier since and the filter involves either: those figures are then approximate
	 * (revenue, units and every product figure are exact: they follow today's catalogue).
	 */
	groupsMoved: boolean;
	/** Products moved since they sold (as in groupsMoved), for the Details. */
	movedProducts: number;
	/**
	 * False when the ledger holds no stock received or counted for any product of the view: stock
	 * value in the past, sell-through and stock-outs then mean nothing (stock was never recorded).
	 */
	stockHistory: boolean;
}

export interface DashboardView {
	query: DashboardQuery;
	today: DayNumber;
	/** The last day with any sale in the store (the whole shop, whatever the filter); null with no sales. */
	lastSalesDay: DayNumber | null;
	firstSalesDay: DayNumber | null;
	kpis: DashboardKpis;
	daily: DailySeries;
	forecast: RevenueForecast | null;
	heat: HeatMap;
	/** Largest revenue first. */
	categories: CategoryRow[];
	/** Every product with revenue in the range (a chart draws the first ones; its table and CSV hold all). */
	pareto: ParetoRow[];
	/** pareto.length: every product with revenue in the range. */
	paretoProducts: number;
	abc: Record<AbcClass, AbcSummary>;
	/** fast: most units sold; slow: stock on hand that sold least (nothing first), both at most MOVERS_SHOWN rows. */
	movers: { fast: MoverRow[]; slow: MoverRow[] };
	/** Products that sold or were received in the range, most sold first, at most SELL_THROUGH_SHOWN rows. */
	sellThrough: SellThroughRow[];
	lostSales: LostSales;
	/** The last stored segmentation; null if none was ever stored. Not filtered (customers, not products). */
	segments: StoredSegments | null;
	accuracy: DashboardAccuracy;
	/** What the filters offer: categories of the catalogue (sorted, '' for none when some product has none), suppliers by name. */
	options: { categories: string[]; suppliers: { id: SupplierId; name: string }[] };
	/**
	 * Milliseconds the worker spent: reading the store (0 when it answered from memory), preparing
	 * what it read, and computing this view; readParts: when each part of the read arrived (Details);
	 * kept: the view is the copy the app kept of it, the store unchanged since (all times 0).
	 */
	millis: { read: number; prepare: number; compute: number; readParts?: Record<string, number>; kept?: boolean };
}

export const MOVERS_SHOWN = 10;
export const SELL_THROUGH_SHOWN = 50;
export const LOST_SALES_SHOWN = 20;
export const ABC_LIMITS = { A: 0.8, B: 0.95 } as const;

/** Monday = 0 … Sunday = 6 (day 0, 1970-01-01, was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;
/** The heat map's cell of a weekday and hour. */
export const heatIndex = (weekday: number, hour: number): number => weekday * 24 + hour;
