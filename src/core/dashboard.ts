// The first dashboard's figures, computed from daily totals and the stock cache only.
import type { Cents, DayNumber } from './brand';
import { lowStockThreshold } from './catalog';
import { emptyDay } from './daily-totals';
import type { InventoryRepository } from './repository';
import { monthStart } from './time';
import type { DayTotals } from './types';
import { isStockItem } from './variants';

export interface DashboardSummary {
	today: DayTotals;
	month: DayTotals;
	/** Stock on hand valued at cost, counting only positive stock. */
	stockValue: Cents;
	lowStockCount: number;
	outOfStockCount: number;
	activeProducts: number;
	/** One entry per day from fromDay to toDay, zeros included, for the chart. */
	series: DayTotals[];
}

export async function dashboardSummary(repo: InventoryRepository, day: DayNumber, seriesDays = 90): Promise<DashboardSummary> {
	const from = Math.min(monthStart(day), day - seriesDays + 1) as DayNumber;
	const [days, products, levels] = await Promise.all([repo.shopDays(from, day), repo.listProducts(), repo.stockLevels()]);
	const byDay = new Map(days.map((d) => [d.day, d]));
	const series: DayTotals[] = [];
	for (let d = day - seriesDays + 1; d <= day; d++) series.push(byDay.get(d as DayNumber) ?? emptyDay(d as DayNumber));
	const month = emptyDay(monthStart(day));
	for (const d of days) {
		if (d.day >= month.day && d.day <= day) {
			month.units += d.units; month.revenue = (month.revenue + d.revenue) as Cents;
			month.cost = (month.cost + d.cost) as Cents; month.lines += d.lines;
		}
	}
	let stockValue = 0, low = 0, out = 0, active = 0;
	for (const p of products) {
		// A style is counted through its variants: it holds no stock of its own and is never out of it.
		if (!p.active || !isStockItem(p)) continue;
		active++;
		const onHand = levels.get(p.id) ?? 0;
		if (onHand > 0) stockValue += Math.round(onHand * p.unitCost);
		if (onHand <= 0) out++;
		else if (onHand <= lowStockThreshold(p)) low++;
	}
	return { today: byDay.get(day) ?? emptyDay(day), month, stockValue: stockValue as Cents, lowStockCount: low, outOfStockCount: out, activeProducts: active, series };
}
