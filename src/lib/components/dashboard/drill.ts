// Where a click on the dashboard leads (the team's drill-down contract): a product bar to the
// product, a category to its products, a segment to its customers, an hour cell to those sales,
// and each figure to the report behind it with the same dates.
import { isoDay } from '$core/time';
import type { DayRange } from './range';

export const productHref = (sku: string): string => `/products/${encodeURIComponent(sku)}`;

export const categoryHref = (category: string): string => `/products?${new URLSearchParams({ category })}`;

export const segmentHref = (segment: string): string => `/customers?${new URLSearchParams({ segment })}`;

/** The sales of the range sold on that weekday (0 = Monday) within that hour (0-23). */
export const hourHref = (range: DayRange, weekday: number, hour: number): string =>
	`/sales?${new URLSearchParams({ from: isoDay(range.from), to: isoDay(range.to), weekday: String(weekday), hour: String(hour) })}`;

export const salesHref = (range: DayRange): string => `/sales?${new URLSearchParams({ from: isoDay(range.from), to: isoDay(range.to) })}`;

export const STOCK_ALERTS_HREF = '/alerts?filter=stock';
export const ALERTS_HREF = '/alerts';
export const STOCK_HREF = '/stock';
