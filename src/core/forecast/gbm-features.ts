// Features of the gradient-boosted trees for one product, forecast origin and horizon day, all known
// at the origin (as the M5 leaders' global models used): the horizon and the target's calendar, the
// product's recent levels relative to its 8-week level, its sale frequency and weekday shares, the
// shop's recent total and weekday shares, and what the shop did on the same days a year before
// (holidays and closures learned from its own history).
import { MS_PER_DAY } from '../time';
import { weekdayOf } from './calendar';
import { levelAt, MODEL_HORIZON, type ProductTrack } from './features';
import type { DenseCatalog } from './prepare';

export const GBM_FEATURE_COUNT = 27;
/** Weeks looked back at for weekday shares. */
const WEEKDAY_WEEKS = 12;
const YEAR = 364;
/** A feature that cannot be computed (not enough history): trees send it to its own side. */
const UNKNOWN = -1;

const meanOver = (cum: Float64Array, from: number, to: number) => (to > from ? (cum[to] - cum[from]) / (to - from) : 0);

/** What every product shares at one origin: the shop's level, momentum and weekday shares. */
export interface ShopAtOrigin {
	origin: number;
	level28: number;
	momentum: number;
	/** Per weekday (0 = Monday): the shop's mean units on it over the mean day, in the last 12 weeks. */
	weekdayShare: Float64Array;
	/** The shop's mean daily units in the 4 weeks before the origin's date a year earlier (0: no such history). */
	yearAgoBase: number;
}

export function shopAtOrigin(catalog: DenseCatalog, origin: number): ShopAtOrigin {
	const cum = catalog.shopCumUnits;
	const level28 = meanOver(cum, Math.max(0, origin - 28), origin);
	const level7 = meanOver(cum, Math.max(0, origin - 7), origin);
	const yearAgoBase = origin - YEAR - 28 >= 0 ? meanOver(cum, origin - YEAR - 28, origin - YEAR) : 0;
	return { origin, level28, momentum: level28 > 0 ? level7 / level28 : 1, weekdayShare: weekdayShares(catalog.shopUnits, 0, origin, catalog.startDay), yearAgoBase };
}

/** Per weekday, mean units on it over the mean day in the last WEEKDAY_WEEKS weeks (shrunk towards 1 when few units). */
function weekdayShares(units: ArrayLike<number>, first: number, origin: number, startDay: number): Float64Array {
	const sums = new Float64Array(7), days = new Float64Array(7);
	let total = 0, n = 0;
	for (let i = Math.max(first, origin - 7 * WEEKDAY_WEEKS); i < origin; i++) {
		const w = weekdayOf(startDay + i);
		sums[w] += units[i];
		days[w]++;
		total += units[i];
		n++;
	}
	const mean = n ? total / n : 0;
	// Ten units of evidence count as much as the even split.
	const prior = 10;
	return Float64Array.from(sums, (s, w) => (mean > 0 && days[w] ? (s + prior / 7) / (days[w] * mean + prior / 7) : 1));
}

/** Index of the same calendar date a year before (Christmas to Christmas), or -1 before the window. */
function sameDateLastYear(startDay: number, index: number): number {
	const date = new Date((startDay + index) * MS_PER_DAY);
	date.setUTCFullYear(date.getUTCFullYear() - 1);
	const at = Math.round(date.getTime() / MS_PER_DAY) - startDay;
	return at >= 0 ? at : -1;
}

/** Per product and origin: what the features of every horizon day share. */
export interface ProductAtOrigin {
	level: number;
	weekdayShare: Float64Array;
}

export function productAtOrigin(catalog: DenseCatalog, track: ProductTrack, origin: number): ProductAtOrigin {
	return { level: levelAt(track, origin), weekdayShare: weekdayShares(track.product.units, track.product.first, origin, catalog.startDay) };
}

/** Days of training history from which the day of the year is a feature. */
export const DAY_OF_YEAR_HISTORY = 2 * 365;

/**
 * Writes the GBM_FEATURE_COUNT features of (product, origin, horizon day k >= 1) at offset. Without
 * two years of history the day of the year is left out (UNKNOWN): one year cannot tell a season
 * from the shop's growth, and the trees would learn "March is slow" from the month it opened.
 */
export function writeGbmFeatures(out: Float32Array, offset: number, catalog: DenseCatalog, track: ProductTrack, shop: ShopAtOrigin,
	own: ProductAtOrigin, k: number, dayOfYear: boolean): void {
	const { origin } = shop;
	const { product, cumUnits, cumSaleDays, lastSale } = track;
	const { units, first } = product;
	const level = own.level;
	const target = origin + k - 1;
	const day = catalog.startDay + target;
	const weekday = weekdayOf(day);
	const relative = (days: number) => meanOver(cumUnits, Math.max(first, origin - days), origin) / level;
	let f = offset;
	out[f++] = Math.min(k, MODEL_HORIZON);
	out[f++] = weekday;
	const date = new Date(day * MS_PER_DAY);
	out[f++] = dayOfYear ? Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / MS_PER_DAY) : UNKNOWN;
	out[f++] = Math.log(level);
	out[f++] = relative(7);
	out[f++] = relative(28);
	out[f++] = relative(91);
	out[f++] = relative(364);
	const from28 = Math.max(first, origin - 28);
	out[f++] = origin > from28 ? (cumSaleDays[origin] - cumSaleDays[from28]) / (origin - from28) : 0;
	out[f++] = meanOver(cumSaleDays, first, origin);
	const last = lastSale[origin];
	out[f++] = last < 0 ? 365 : Math.min(365, origin - 1 - last);
	out[f++] = Math.min(365, origin - first);
	// The same weekday as the target in the last four weeks before the origin.
	let same = 0, sameN = 0;
	for (let back = target - 7 * Math.ceil(Math.min(k, MODEL_HORIZON) / 7); back >= first && sameN < 4; back -= 7) {
		if (back >= origin) continue;
		same += units[back];
		sameN++;
	}
	out[f++] = sameN ? same / sameN / level : UNKNOWN;
	out[f++] = own.weekdayShare[weekday];
	out[f++] = shop.weekdayShare[weekday];
	out[f++] = Math.log1p(shop.level28);
	out[f++] = shop.momentum;
	out[f++] = track.tsb[origin] / level;
	// A year before: the shop's units on the same weekday-aligned week and on the same date (a
	// holiday or closure shows as a day the shop sold nothing), against its level then.
	const aligned = target - YEAR;
	const alignedKnown = aligned + 7 < origin;
	out[f++] = shop.yearAgoBase > 0 && alignedKnown ? meanOver(catalog.shopCumUnits, aligned - 3, aligned + 4) / shop.yearAgoBase : UNKNOWN;
	const sameDate = sameDateLastYear(catalog.startDay, target);
	out[f++] = shop.yearAgoBase > 0 && sameDate >= 0 && sameDate < origin ? catalog.shopUnits[sameDate] / shop.yearAgoBase : UNKNOWN;
	out[f++] = alignedKnown && origin - YEAR - 28 >= first ? (meanOver(cumUnits, aligned - 7, aligned + 7) + 0.1 * level) / (meanOver(cumUnits, origin - YEAR - 28, origin - YEAR) + 0.1 * level) : UNKNOWN;
	for (let lag = 1; lag <= 6; lag++) out[f++] = origin - lag >= first ? units[origin - lag] / level : UNKNOWN;
}
