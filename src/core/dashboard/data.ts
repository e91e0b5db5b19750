// What the dashboard reads from a store, and the same data indexed once for any number of queries
// (the worker keeps it between filter changes): products by slot, each product's series and
// stock history, the hour cells by period and group (hour-index.ts), the daily totals by day.
import type { DayNumber, ProductId, SupplierId } from '../brand';
import type { ForecastRun } from '../forecast-runs';
import type { ProductSeries } from '../product-series';
import type { DayTotals, Product, StockMovement, Supplier } from '../types';
import { isStockItem } from '../variants';
import { soldGroupKey, type HourTotals, type SoldGroup } from './hour-totals';
import { HourIndex } from './hour-index';
import { cumulativeUnits, stockChangesOf, type ProductStock } from './stock-history';
import type { StoredSegments } from './view';

/** Everything the dashboard reads: aggregates only, never sale lines. */
export interface DashboardInput {
	products: Product[];
	suppliers: Supplier[];
	/** Every day with sales. */
	shopDays: DayTotals[];
	/** Every stored cell (a worker reading periods as needed gives none here and fills prepareDashboard's index itself). */
	hours: HourTotals;
	series: ProductSeries[];
	stock: Map<ProductId, number>;
	/** The ledger's non-sale entries. */
	stockChanges: StockMovement[];
	soldGroups: SoldGroup[];
	/** The newest stored forecast run, if any. */
	forecast: ForecastRun | null;
	segments: StoredSegments | null;
}

export interface ProductSlot extends ProductStock {
	id: ProductId;
	sku: string;
	name: string;
	category: string;
	supplierId: SupplierId | null;
	unitCost: number;
	/** Counted in stock value, slow movers and stock-outs: an active product that holds stock (not a style). */
	stocked: boolean;
	/** Sold under another category or supplier than it has now (hour cells of it sit elsewhere). */
	moved: boolean;
	/** The groups it was sold under before it moved (sold-group keys). */
	soldUnder: string[];
}

export interface DashboardData {
	slots: ProductSlot[];
	slotOf: Map<ProductId, number>;
	suppliers: Supplier[];
	shopDays: Map<number, DayTotals>;
	/** Days with sales, ascending. */
	salesDays: Int32Array;
	/** The hour cells (all of them, or those of the periods read so far: the worker reads them as queries need). */
	hours: HourIndex;
	forecast: ForecastRun | null;
	segments: StoredSegments | null;
	categories: string[];
}

/** hours: the index to keep the hour cells in; by default one of input.hours, taken as every cell there is. */
export function prepareDashboard(input: DashboardInput, hours: HourIndex = HourIndex.of(input.hours)): DashboardData {
	const seriesOf = new Map(input.series.map((s) => [s.productId, s]));
	const changes = stockChangesOf(input.stockChanges);
	const soldUnder = new Map<ProductId, string[]>();
	for (const g of input.soldGroups) soldUnder.set(g.productId, [...(soldUnder.get(g.productId) ?? []), soldGroupKey(g)]);
	const slots: ProductSlot[] = [];
	const slotOf = new Map<ProductId, number>();
	const add = (id: ProductId, p: Product | undefined) => {
		const series = seriesOf.get(id);
		const category = p?.category ?? '', supplierId = p?.supplierId ?? null;
		const now = soldGroupKey({ category, supplierId });
		const under = soldUnder.get(id) ?? [];
		slotOf.set(id, slots.length);
		slots.push({
			id, sku: p?.sku ?? '', name: p?.name ?? '', category, supplierId, unitCost: p?.unitCost ?? 0,
			stocked: !!p && p.active && isStockItem(p), moved: under.some((k) => k !== now), soldUnder: under.filter((k) => k !== now),
			onHand: input.stock.get(id) ?? 0, series, cumUnits: series && cumulativeUnits(series), changes: changes.get(id)
		});
	};
	for (const p of input.products) add(p.id, p);
	// Sales of products no longer in the catalogue still count in the shop's figures.
	for (const s of input.series) if (!slotOf.has(s.productId)) add(s.productId, undefined);

	const shopDays = new Map(input.shopDays.filter((d) => d.lines > 0).map((d) => [d.day as number, d]));
	const salesDays = Int32Array.from([...shopDays.keys()].sort((a, b) => a - b));
	const categories = [...new Set(input.products.map((p) => p.category))].sort((a, b) => a.localeCompare(b));
	return {
		slots, slotOf, suppliers: [...input.suppliers].sort((a, b) => a.name.localeCompare(b.name)), shopDays, salesDays,
		hours, forecast: input.forecast, segments: input.segments, categories
	};
}
