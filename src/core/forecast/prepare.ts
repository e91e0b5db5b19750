// From sparse per-product series to dense daily arrays over one window ending at the last observed
// day, plus the shop's closed days: what every forecasting method reads.
import type { DayNumber, ProductId } from '../brand';
import type { ProductSeries } from '../product-series';
import { closedWeekdays, weekdayOf } from './calendar';
import { closedDatesOf, learnHolidays, type MonthDay } from './holidays';

/** Longest history kept: three years give two years of training origins that can look a year back. */
export const MAX_HISTORY_DAYS = 1100;

export interface DenseProduct {
	productId: ProductId;
	/** Units sold per day (index 0 = the catalogue's startDay); never negative. */
	units: Float32Array;
	/** Revenue in cents per day (of the units above). */
	revenue: Float32Array;
	/** Index of the product's first sale in the window. */
	first: number;
}

export interface DenseCatalog {
	startDay: DayNumber;
	/** Number of days in the window; the last one is the last observed day (the cutoff). */
	length: number;
	/** Closed weekdays (0 = Monday): forced to zero in forecasts. */
	closedWeekdays: boolean[];
	/** Dates closed every year by the shop's history (holidays.ts learnHolidays). */
	learnedHolidays: MonthDay[];
	/** Days forced to zero beside the closed weekdays: the learned dates in every year, and the owner's list. */
	closedDates: Set<number>;
	/** Per window day, 1 when the whole shop sold nothing (a closed day or holiday). */
	closedDay: Uint8Array;
	/** Shop units sold per window day. */
	shopUnits: Float64Array;
	/** shopCumUnits[i] = shop units sold on window days < i. */
	shopCumUnits: Float64Array;
	products: DenseProduct[];
}

/**
 * Dense arrays for the days up to lastDay (inclusive), at most MAX_HISTORY_DAYS long. Products that
 * never sold by lastDay are left out (nothing to learn from); negative units are treated as zero.
 * `holidays` are the owner's closed dates, kept closed with the dates learned from the history.
 */
export function prepareCatalog(series: readonly ProductSeries[], lastDay: DayNumber, holidays: readonly DayNumber[] = []): DenseCatalog {
	let firstDay = Infinity;
	for (const s of series) if (s.days.length > 0 && s.days[0] <= lastDay) firstDay = Math.min(firstDay, s.days[0]);
	if (!Number.isFinite(firstDay)) throw new Error('no sales on or before the forecast origin: nothing to forecast from');
	const startDay = Math.max(firstDay, lastDay - MAX_HISTORY_DAYS + 1) as DayNumber;
	const length = lastDay - startDay + 1;
	const shopUnits = new Float64Array(length);
	const products: DenseProduct[] = [];
	for (const s of series) {
		const units = new Float32Array(length), revenue = new Float32Array(length);
		let first = -1;
		for (let i = 0; i < s.days.length; i++) {
			const at = s.days[i] - startDay;
			if (at >= length) break;
			if (at < 0 || !(s.units[i] > 0)) continue;
			units[at] = s.units[i];
			revenue[at] = Math.max(0, s.revenue[i]);
			shopUnits[at] += s.units[i];
			if (first < 0) first = at;
		}
		if (first >= 0) products.push({ productId: s.productId, units, revenue, first });
	}
	const closedDay = new Uint8Array(length);
	for (let i = 0; i < length; i++) closedDay[i] = shopUnits[i] > 0 ? 0 : 1;
	const shopCumUnits = new Float64Array(length + 1);
	for (let i = 0; i < length; i++) shopCumUnits[i + 1] = shopCumUnits[i] + shopUnits[i];
	const closed = closedWeekdays(shopUnits, startDay);
	const learnedHolidays = learnHolidays(shopUnits, startDay, closed);
	return {
		startDay, length, closedWeekdays: closed, learnedHolidays, closedDates: closedDatesOf(learnedHolidays, holidays, startDay, lastDay),
		closedDay, shopUnits, shopCumUnits, products
	};
}

/** Whether the shop is expected to be closed on a day: a closed weekday, a learned holiday or a listed one. */
export function isClosedAhead(catalog: DenseCatalog, day: number): boolean {
	return catalog.closedWeekdays[weekdayOf(day)] || catalog.closedDates.has(day);
}
