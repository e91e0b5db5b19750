// The dashboard's view of a date range and filter, from the prepared aggregates (data.ts): a few
// milliseconds for any history, so a filter change recomputes everything.
import type { DayNumber } from '../brand';
import { lowerBound, lastYearRange, previousRange, rangeLength, type DayRange } from './periods';
import { filterGroup, soldGroupOfKey } from './hour-totals';
import type { DashboardData, ProductSlot } from './data';
import type { HourIndex } from './hour-index';
import { closingStock, groundedFrom, receivedIn, roundStock } from './stock-history';
import { revenueForecast } from './forecast-line';
import {
	ABC_LIMITS, heatIndex, LOST_SALES_SHOWN, MOVERS_SHOWN, SELL_THROUGH_SHOWN, weekdayOf,
	type AbcClass, type AbcSummary, type CategoryRow, type Compared, type DashboardQuery, type DashboardView, type LostSalesRow,
	type MoverRow, type ParetoRow, type SellThroughRow
} from './view';

/** Bad input gets a clear error: the worker passes it to the screen. */
export class DashboardQueryError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DashboardQueryError';
	}
}

export function checkQuery(q: DashboardQuery): void {
	const isDay = (d: unknown) => typeof d === 'number' && Number.isInteger(d) && d >= 0 && d < 65536;
	if (!isDay(q.from) || !isDay(q.to)) throw new DashboardQueryError(`the dashboard's dates must be day numbers, got from=${q.from} to=${q.to}`);
	if (q.from > q.to) throw new DashboardQueryError(`the dashboard's range starts after it ends (from ${q.from} > to ${q.to})`);
	if (q.to - q.from > 3660) throw new DashboardQueryError(`the dashboard's range is longer than ten years (${q.to - q.from + 1} days)`);
	if (q.category !== null && typeof q.category !== 'string') throw new DashboardQueryError('the category filter must be a name or null');
	if (q.supplierId !== null && typeof q.supplierId !== 'string') throw new DashboardQueryError('the supplier filter must be an id or null');
}

/** The day ranges a query reads hour cells of: its own, the period before and the same dates a year earlier. */
export const hourRangesOf = (q: DashboardQuery): DayRange[] => {
	const r = { from: q.from, to: q.to };
	return [r, previousRange(r), lastYearRange(r)];
};

interface Totals { revenue: number; units: number; cost: number }

/** Per selected product: its sums over the range. */
interface ProductFigures extends Totals { slot: ProductSlot }

const LOST_SALES_WINDOW = 90;

export function dashboardView(data: DashboardData, query: DashboardQuery, today: DayNumber): DashboardView {
	checkQuery(query);
	const started = performance.now();
	const range: DayRange = { from: query.from, to: query.to };
	const filtered = query.category !== null || query.supplierId !== null;
	const selected = data.slots.filter((s) => (query.category === null || s.category === query.category) && (query.supplierId === null || s.supplierId === query.supplierId));
	const previous = previousRange(range), lastYear = lastYearRange(range);
	const firstSales = data.salesDays.length ? data.salesDays[0] : null;
	const hasSalesBy = (r: DayRange) => firstSales !== null && r.to >= firstSales;

	const totalsOf = (r: DayRange): Totals => (filtered ? productTotals(selected, r) : shopTotals(data, r));
	const group = filterGroup(query.category, query.supplierId);
	const ticketsOf = (r: DayRange) => ticketSum(data.hours, group, r);
	const compare = (value: (r: DayRange) => number): Compared => ({
		current: value(range), previous: hasSalesBy(previous) ? value(previous) : null, lastYear: hasSalesBy(lastYear) ? value(lastYear) : null
	});
	const memo = new Map<string, Totals>();
	const totals = (r: DayRange) => {
		const key = `${r.from}-${r.to}`;
		let t = memo.get(key);
		if (!t) memo.set(key, (t = totalsOf(r)));
		return t;
	};
	const stockValueAt = (day: number) => {
		let value = 0;
		for (const s of selected) if (s.stocked) value += Math.round(Math.max(0, closingStock(s, day)) * s.unitCost);
		return value;
	};
	/**
	 * In the past, only products whose stock was recorded by then (a delivery, count or adjustment
	 * on or before the day) have a known stock: the others' ledger is only their sales. Null when
	 * no product of the view had one.
	 */
	const pastStockValueAt = (day: number): number | null => {
		let value = 0, known = false;
		for (const s of selected) {
			const from = groundedFrom(s);
			if (!s.stocked || from === null || from > day) continue;
			known = true;
			value += Math.round(Math.max(0, closingStock(s, day)) * s.unitCost);
		}
		return known ? value : null;
	};
	const stockDay = Math.min(range.to, today);

	const figures = productFigures(selected, range);
	const view: DashboardView = {
		query: { ...query },
		today,
		lastSalesDay: lastSalesDay(data) as DayNumber | null,
		firstSalesDay: firstSales as DayNumber | null,
		kpis: {
			revenue: compare((r) => totals(r).revenue),
			units: compare((r) => totals(r).units),
			tickets: compare(ticketsOf),
			averageTicket: compare((r) => { const n = ticketsOf(r); return n > 0 ? totals(r).revenue / n : 0; }),
			grossMargin: compare((r) => { const t = totals(r); return t.revenue > 0 ? (t.revenue - t.cost) / t.revenue : 0; }),
			stockValue: {
				current: stockValueAt(stockDay),
				previous: pastStockValueAt(previous.to),
				lastYear: pastStockValueAt(Math.min(lastYear.to, today))
			}
		},
		daily: dailySeries(data, selected, filtered, group, range),
		forecast: revenueForecast(data.forecast, data.slots, selected, filtered, range, lastSalesDay(data)),
		heat: heatOf(data.hours, group, range),
		categories: categoryRows(figures),
		...paretoOf(figures),
		movers: moversOf(figures, range),
		sellThrough: sellThroughOf(figures, range),
		lostSales: lostSalesOf(data, selected, range, today),
		segments: data.segments,
		accuracy: accuracyOf(data, query, selected),
		options: { categories: data.categories, suppliers: data.suppliers.map((s) => ({ id: s.id, name: s.name })) },
		millis: { read: 0, prepare: 0, compute: 0 }
	};
	view.millis.compute = performance.now() - started;
	return view;
}

const lastSalesDay = (data: DashboardData) => (data.salesDays.length ? data.salesDays[data.salesDays.length - 1] : null);

function shopTotals(data: DashboardData, r: DayRange): Totals {
	const t = { revenue: 0, units: 0, cost: 0 };
	for (let i = lowerBound(data.salesDays, r.from); i < data.salesDays.length && data.salesDays[i] <= r.to; i++) {
		const d = data.shopDays.get(data.salesDays[i])!;
		t.revenue += d.revenue; t.units += d.units; t.cost += d.cost;
	}
	return t;
}

function productTotals(selected: readonly ProductSlot[], r: DayRange): Totals {
	const t = { revenue: 0, units: 0, cost: 0 };
	for (const s of selected) addSeries(s, r, t);
	return t;
}

function addSeries(s: ProductSlot, r: DayRange, t: Totals) {
	const series = s.series;
	if (!series) return;
	for (let i = lowerBound(series.days, r.from); i < series.days.length && series.days[i] <= r.to; i++) {
		t.revenue += series.revenue[i]; t.units += series.units[i]; t.cost += series.cost[i];
	}
}

function productFigures(selected: readonly ProductSlot[], r: DayRange): ProductFigures[] {
	return selected.map((slot) => {
		const f = { slot, revenue: 0, units: 0, cost: 0 };
		addSeries(slot, r, f);
		return f;
	});
}

function ticketSum(hours: HourIndex, group: string, r: DayRange): number {
	let n = 0;
	hours.forEach(group, r, (_day, _hour, _revenue, tickets) => { n += tickets; });
	return n;
}

function dailySeries(data: DashboardData, selected: readonly ProductSlot[], filtered: boolean, group: string, r: DayRange): DashboardView['daily'] {
	const n = rangeLength(r);
	const days = Array.from({ length: n }, (_, i) => (r.from + i) as DayNumber);
	const revenue = new Array<number>(n).fill(0), units = new Array<number>(n).fill(0), tickets = new Array<number>(n).fill(0);
	if (filtered) {
		for (const s of selected) {
			const series = s.series;
			if (!series) continue;
			for (let i = lowerBound(series.days, r.from); i < series.days.length && series.days[i] <= r.to; i++) {
				revenue[series.days[i] - r.from] += series.revenue[i];
				units[series.days[i] - r.from] += series.units[i];
			}
		}
	} else {
		for (let i = lowerBound(data.salesDays, r.from); i < data.salesDays.length && data.salesDays[i] <= r.to; i++) {
			const d = data.shopDays.get(data.salesDays[i])!;
			revenue[d.day - r.from] = d.revenue;
			units[d.day - r.from] = d.units;
		}
	}
	data.hours.forEach(group, r, (day, _hour, _revenue, n) => { tickets[day - r.from] += n; });
	return { days, revenue, units, tickets };
}

function heatOf(hours: HourIndex, group: string, r: DayRange): DashboardView['heat'] {
	const revenue = new Array<number>(7 * 24).fill(0), tickets = new Array<number>(7 * 24).fill(0);
	hours.forEach(group, r, (day, hour, cellRevenue, n) => {
		const cell = heatIndex(weekdayOf(day), hour);
		revenue[cell] += cellRevenue;
		tickets[cell] += n;
	});
	return { revenue, tickets };
}

function categoryRows(figures: readonly ProductFigures[]): CategoryRow[] {
	const by = new Map<string, Totals>();
	for (const f of figures) {
		if (f.revenue === 0 && f.units === 0) continue;
		const t = by.get(f.slot.category) ?? { revenue: 0, units: 0, cost: 0 };
		t.revenue += f.revenue; t.units += f.units; t.cost += f.cost;
		by.set(f.slot.category, t);
	}
	const total = [...by.values()].reduce((n, t) => n + t.revenue, 0);
	return [...by].map(([category, t]) => ({
		category, revenue: t.revenue, units: t.units, share: total > 0 ? t.revenue / total : 0,
		grossMargin: t.revenue > 0 ? (t.revenue - t.cost) / t.revenue : null
	})).sort((a, b) => b.revenue - a.revenue || a.category.localeCompare(b.category));
}

function paretoOf(figures: readonly ProductFigures[]): { pareto: ParetoRow[]; paretoProducts: number; abc: Record<AbcClass, AbcSummary> } {
	const earning = figures.filter((f) => f.revenue > 0).sort((a, b) => b.revenue - a.revenue || a.slot.sku.localeCompare(b.slot.sku));
	const total = earning.reduce((n, f) => n + f.revenue, 0);
	const abc: Record<AbcClass, AbcSummary> = { A: { products: 0, revenueShare: 0 }, B: { products: 0, revenueShare: 0 }, C: { products: 0, revenueShare: 0 } };
	let before = 0;
	const pareto = earning.map((f) => {
		// A product's class is where the revenue before it stands: the first product is always A.
		const share = before / total;
		const cls: AbcClass = share < ABC_LIMITS.A ? 'A' : share < ABC_LIMITS.B ? 'B' : 'C';
		before += f.revenue;
		abc[cls].products++;
		abc[cls].revenueShare += f.revenue / total;
		return { sku: f.slot.sku, name: f.slot.name, revenue: f.revenue, cumulativeShare: before / total, abc: cls };
	});
	return { pareto, paretoProducts: pareto.length, abc };
}

function daysOfCover(onHand: number, units: number, days: number): number | null {
	if (onHand <= 0) return 0;
	if (units <= 0) return null;
	return onHand / (units / days);
}

function moverRow(f: ProductFigures, days: number): MoverRow {
	return {
		sku: f.slot.sku, name: f.slot.name, category: f.slot.category, units: f.units, revenue: f.revenue,
		onHand: f.slot.onHand, daysOfCover: daysOfCover(f.slot.onHand, f.units, days)
	};
}

function moversOf(figures: readonly ProductFigures[], r: DayRange): DashboardView['movers'] {
	const days = rangeLength(r);
	const fast = figures.filter((f) => f.units > 0).sort((a, b) => b.units - a.units || b.revenue - a.revenue || a.slot.sku.localeCompare(b.slot.sku));
	// Slow: stock that sits. Least sold first; among equals, the most stock (most money waiting).
	const slow = figures.filter((f) => f.slot.stocked && f.slot.onHand > 0)
		.sort((a, b) => a.units - b.units || b.slot.onHand * b.slot.unitCost - a.slot.onHand * a.slot.unitCost || a.slot.sku.localeCompare(b.slot.sku));
	return { fast: fast.slice(0, MOVERS_SHOWN).map((f) => moverRow(f, days)), slow: slow.slice(0, MOVERS_SHOWN).map((f) => moverRow(f, days)) };
}

function sellThroughOf(figures: readonly ProductFigures[], r: DayRange): SellThroughRow[] {
	const days = rangeLength(r);
	const rows: SellThroughRow[] = [];
	for (const f of figures) {
		if (!f.slot.stocked) continue;
		const received = receivedIn(f.slot, r.from, r.to);
		if (f.units <= 0 && received <= 0) continue;
		const opening = Math.max(0, closingStock(f.slot, r.from - 1));
		const available = opening + received;
		rows.push({
			sku: f.slot.sku, name: f.slot.name, sold: f.units, received, opening,
			sellThrough: available > 0 ? Math.max(0, f.units) / available : null, onHand: f.slot.onHand,
			daysOfCover: daysOfCover(f.slot.onHand, f.units, days)
		});
	}
	return rows.sort((a, b) => b.sold - a.sold || a.sku.localeCompare(b.sku)).slice(0, SELL_THROUGH_SHOWN);
}

/**
 * Days a product that sells sat at zero: a day the shop sold something (it was open) while the
 * product ended the day before at or below zero, no delivery came that day and it sold none, on
 * or after the first day its stock was
 * recorded (a delivery, count or adjustment: before that the ledger's zero means nothing). Lost
 * units are those days times its usual units per in-stock open day over the 90 days before the
 * range's end (no in-stock day to learn from: nothing claimed), valued at its average price then.
 */
function lostSalesOf(data: DashboardData, selected: readonly ProductSlot[], r: DayRange, today: DayNumber): DashboardView['lostSales'] {
	const to = Math.min(r.to, today);
	const windowFrom = Math.min(r.from, to - LOST_SALES_WINDOW + 1);
	const openFrom = lowerBound(data.salesDays, windowFrom);
	const open: number[] = [];
	for (let i = openFrom; i < data.salesDays.length && data.salesDays[i] <= to; i++) open.push(data.salesDays[i]);
	const rows: LostSalesRow[] = [];
	let days = 0, units = 0, revenue = 0;
	for (const s of selected) {
		const grounded = groundedFrom(s);
		if (!s.stocked || grounded === null || !s.series || open.length === 0) continue;
		// Walk the days once: stock at the end of the day before the window, then each day's sales and other entries.
		let out = 0, inStockDays = 0, inStockUnits = 0, inStockRevenue = 0;
		let stock = closingStock(s, windowFrom - 1);
		const series = s.series, changes = s.changes!;
		let i = lowerBound(series.days, windowFrom), c = lowerBound(changes.days, windowFrom), o = 0;
		for (let day = windowFrom; day <= to; day++) {
			const sold = i < series.days.length && series.days[i] === day ? series.units[i] : 0;
			const soldRevenue = i < series.days.length && series.days[i] === day ? series.revenue[i++] : 0;
			const change = c < changes.days.length && changes.days[c] === day ? c++ : -1;
			if (o < open.length && open[o] === day) {
				o++;
				const received = change >= 0 ? changes.received[change] : 0;
				if (day >= grounded && sold <= 0 && stock + received <= 0) { if (day >= r.from) out++; }
				else { inStockDays++; if (sold > 0) { inStockUnits += sold; inStockRevenue += soldRevenue; } }
			}
			stock = roundStock(stock - sold + (change >= 0 ? changes.net[change] : 0));
		}
		if (out === 0 || inStockDays === 0 || inStockUnits <= 0) continue;
		const rate = inStockUnits / inStockDays;
		const price = inStockRevenue / inStockUnits;
		const lostUnits = out * rate;
		const lostRevenue = Math.round(lostUnits * price);
		days += out; units += lostUnits; revenue += lostRevenue;
		rows.push({ sku: s.sku, name: s.name, stockOutDays: out, lostUnits, lostRevenue });
	}
	rows.sort((a, b) => b.lostRevenue - a.lostRevenue || a.sku.localeCompare(b.sku));
	return { days, units, revenue, products: rows.slice(0, LOST_SALES_SHOWN) };
}

function accuracyOf(data: DashboardData, q: DashboardQuery, selected: readonly ProductSlot[]): DashboardView['accuracy'] {
	let moved = 0;
	if (q.category !== null || q.supplierId !== null) {
		for (const s of data.slots) {
			if (!s.moved) continue;
			const inFilterNow = (q.category === null || s.category === q.category) && (q.supplierId === null || s.supplierId === q.supplierId);
			const inFilterBefore = s.soldUnder.some((k) => {
				const g = soldGroupOfKey(s.id, k);
				return (q.category === null || g.category === q.category) && (q.supplierId === null || g.supplierId === q.supplierId);
			});
			// Its old cells count in the filter, or its new figures do while its old cells are elsewhere.
			if (inFilterNow || inFilterBefore) moved++;
		}
	}
	return { groupsMoved: moved > 0, movedProducts: moved, stockHistory: selected.some((s) => s.stocked && groundedFrom(s) !== null) };
}
