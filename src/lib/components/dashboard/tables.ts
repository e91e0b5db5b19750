// Each dashboard chart's data as a table (its text alternative and its CSV file), in the chosen
// language, from the worker's DashboardView. Rows carry the link a click on their bar follows.
import type { DayNumber } from '$core/brand';
import type { DashboardView, MoverRow } from '$core/dashboard/view';
import { t } from '$lib/i18n/i18n.svelte';
import type { ChartTable, TableRow } from './chart-table';
import { categoryHref, hourHref, productHref, salesHref, segmentHref } from './drill';
import type { DayRange } from './range';
import { isoDay } from '$core/time';

/** The catalogue's "no category" ('') in words. */
export const categoryName = (category: string): string => category || t('dashboard.noCategory');

export const segmentName = (segment: string): string => t(`insights.segment.${segment}`);

/**
 * Forecast days shown after the range: half its length, a week to four weeks, so the days sold
 * stay the larger part of the chart (a run's forecast may reach two months ahead).
 */
export const forecastDaysShown = (view: DashboardView): number => Math.min(28, Math.max(7, Math.round((view.query.to - view.query.from + 1) / 2)));

/** The view's forecast cut to the days the chart shows (up to forecastDaysShown after the range). */
export function shownForecast(view: DashboardView): DashboardView['forecast'] {
	const f = view.forecast;
	if (!f) return null;
	const last = view.query.to + forecastDaysShown(view);
	const keep = f.days.filter((d) => d <= last).length;
	return { ...f, days: f.days.slice(0, keep), mean: f.mean.slice(0, keep), p10: f.p10.slice(0, keep), p90: f.p90.slice(0, keep) };
}

export function salesTable(view: DashboardView): ChartTable {
	const { daily } = view;
	const forecast = shownForecast(view);
	const ahead = new Map<number, number>();
	forecast?.days.forEach((d, k) => ahead.set(d, k));
	const rows: TableRow[] = daily.days.map((day, i) => {
		const k = ahead.get(day);
		ahead.delete(day);
		return {
			cells: [day, daily.revenue[i], daily.units[i], daily.tickets[i], k === undefined ? null : Math.round(forecast!.mean[k]), k === undefined ? null : Math.round(forecast!.p10[k]), k === undefined ? null : Math.round(forecast!.p90[k])],
			href: salesHref({ from: day, to: day })
		};
	});
	// Forecast days after the range: no sales yet.
	for (const [day, k] of ahead) if (day > view.query.to) rows.push({ cells: [day as DayNumber, null, null, null, Math.round(forecast!.mean[k]), Math.round(forecast!.p10[k]), Math.round(forecast!.p90[k])] });
	return {
		columns: [
			{ label: t('dashboard.col.day'), kind: 'day' },
			{ label: t('dashboard.col.revenue'), kind: 'money' },
			{ label: t('dashboard.col.units'), kind: 'number' },
			{ label: t('dashboard.col.tickets'), kind: 'number' },
			{ label: t('dashboard.col.forecast'), kind: 'money' },
			{ label: t('dashboard.col.forecastLow'), kind: 'money' },
			{ label: t('dashboard.col.forecastHigh'), kind: 'money' }
		],
		// A range without a single sale or forecast day has nothing to draw.
		rows: rows.some((r) => r.cells.slice(1).some((c) => c !== null && c !== 0)) ? rows : []
	};
}

/** Weekday 0 = Monday, as the locale writes it ("martes", "Tuesday"); capitalised to start a cell. */
export function weekdayName(weekday: number, locale: string, capitalise = true): string {
	const name = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + weekday)));
	return capitalise ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

export function heatTable(view: DashboardView, range: DayRange, locale: string): ChartTable {
	const rows: TableRow[] = [];
	const names = [0, 1, 2, 3, 4, 5, 6].map((wd) => weekdayName(wd, locale));
	for (let wd = 0; wd < 7; wd++) {
		for (let h = 0; h < 24; h++) {
			const i = wd * 24 + h;
			if (view.heat.tickets[i] > 0 || view.heat.revenue[i] !== 0) rows.push({ cells: [names[wd], `${String(h).padStart(2, '0')}:00`, view.heat.revenue[i], view.heat.tickets[i]], href: hourHref(range, wd, h) });
		}
	}
	return {
		columns: [
			{ label: t('dashboard.col.weekday'), kind: 'text' },
			{ label: t('dashboard.col.hour'), kind: 'text' },
			{ label: t('dashboard.col.revenue'), kind: 'money' },
			{ label: t('dashboard.col.tickets'), kind: 'number' }
		],
		rows
	};
}

export function categoriesTable(view: DashboardView): ChartTable {
	return {
		columns: [
			{ label: t('dashboard.col.category'), kind: 'text' },
			{ label: t('dashboard.col.revenue'), kind: 'money' },
			{ label: t('dashboard.col.share'), kind: 'percent' },
			{ label: t('dashboard.col.units'), kind: 'number' },
			{ label: t('dashboard.col.margin'), kind: 'percent' }
		],
		rows: view.categories.filter((c) => c.revenue !== 0 || c.units !== 0).map((c) => ({ cells: [categoryName(c.category), c.revenue, c.share, c.units, c.grossMargin], href: categoryHref(c.category) }))
	};
}

export function paretoTable(view: DashboardView): ChartTable {
	return {
		columns: [
			{ label: t('dashboard.col.product'), kind: 'text' },
			{ label: t('dashboard.col.sku'), kind: 'text' },
			{ label: t('dashboard.col.revenue'), kind: 'money' },
			{ label: t('dashboard.col.cumulative'), kind: 'percent' },
			{ label: t('dashboard.col.abc'), kind: 'text' }
		],
		rows: view.pareto.map((p) => ({ cells: [p.name, p.sku, p.revenue, p.cumulativeShare, p.abc], href: productHref(p.sku) }))
	};
}

function moverCells(group: string, m: MoverRow) {
	return { cells: [m.name, group, m.sku, categoryName(m.category), m.units, m.revenue, m.onHand, m.daysOfCover === null ? null : Math.round(m.daysOfCover)], href: productHref(m.sku) };
}

export function moversTable(view: DashboardView): ChartTable {
	return {
		columns: [
			{ label: t('dashboard.col.product'), kind: 'text' },
			{ label: t('dashboard.col.group'), kind: 'text' },
			{ label: t('dashboard.col.sku'), kind: 'text' },
			{ label: t('dashboard.col.category'), kind: 'text' },
			{ label: t('dashboard.col.unitsSold'), kind: 'number' },
			{ label: t('dashboard.col.revenue'), kind: 'money' },
			{ label: t('dashboard.col.onHand'), kind: 'number' },
			{ label: t('dashboard.col.cover'), kind: 'number' }
		],
		rows: [...view.movers.fast.map((m) => moverCells(t('dashboard.movers.fast'), m)), ...view.movers.slow.map((m) => moverCells(t('dashboard.movers.slow'), m))]
	};
}

export function segmentsTable(view: DashboardView): ChartTable {
	return {
		columns: [
			{ label: t('dashboard.col.segment'), kind: 'text' },
			{ label: t('dashboard.col.customers'), kind: 'number' },
			{ label: t('dashboard.col.spent'), kind: 'money' }
		],
		rows: (view.segments?.rows ?? []).filter((s) => s.customers > 0).map((s) => ({ cells: [segmentName(s.segment), s.customers, s.revenue], href: segmentHref(s.segment) }))
	};
}

export function sellThroughTable(view: DashboardView): ChartTable {
	return {
		columns: [
			{ label: t('dashboard.col.product'), kind: 'text' },
			{ label: t('dashboard.col.sku'), kind: 'text' },
			{ label: t('dashboard.col.opening'), kind: 'number' },
			{ label: t('dashboard.col.received'), kind: 'number' },
			{ label: t('dashboard.col.unitsSold'), kind: 'number' },
			{ label: t('dashboard.col.sellThrough'), kind: 'percent' },
			{ label: t('dashboard.col.onHand'), kind: 'number' },
			{ label: t('dashboard.col.cover'), kind: 'number' }
		],
		rows: view.sellThrough.map((r) => ({ cells: [r.name, r.sku, r.opening, r.received, r.sold, r.sellThrough, r.onHand, r.daysOfCover === null ? null : Math.round(r.daysOfCover)], href: productHref(r.sku) }))
	};
}

export function lostSalesTable(view: DashboardView): ChartTable {
	return {
		columns: [
			{ label: t('dashboard.col.product'), kind: 'text' },
			{ label: t('dashboard.col.sku'), kind: 'text' },
			{ label: t('dashboard.col.daysOut'), kind: 'number' },
			{ label: t('dashboard.col.lostUnits'), kind: 'number' },
			{ label: t('dashboard.col.lostRevenue'), kind: 'money' }
		],
		rows: view.lostSales.products.map((p) => ({ cells: [p.name, p.sku, p.stockOutDays, Math.round(p.lostUnits * 10) / 10, Math.round(p.lostRevenue)], href: productHref(p.sku) }))
	};
}

/** A chart's CSV name: what it holds and its dates ("ventas-por-dia_2026-06-01_2026-06-30"). */
export const fileName = (key: string, range: DayRange): string => `${t(`dashboard.file.${key}`)}_${isoDay(range.from)}_${isoDay(range.to)}`;
