// Features of the global model for one product, forecast origin and horizon day. Every amount is
// divided by the product's recent level, so one model serves items selling 0.05 or 500 a day.
import { monthOf, weekdayOf } from './calendar';
import type { DenseCatalog, DenseProduct } from './prepare';
import { IntermittentSmoother } from './baselines';

/** Horizon days the model is trained on; further days reuse the last one's features. */
export const MODEL_HORIZON = 28;
export const FEATURE_COUNT = 37;
const LEVEL_DAYS = 56;
const CAP = 20;

/** Running sums and recursions over one product's days, so features at any origin are O(1). */
export interface ProductTrack {
	product: DenseProduct;
	/** cumUnits[i] = units sold on days < i; cumSaleDays and cumRevenue likewise. */
	cumUnits: Float64Array;
	cumSaleDays: Float64Array;
	cumRevenue: Float64Array;
	/** lastSale[i] = last day < i with a sale (-1: none). */
	lastSale: Int32Array;
	/** SBA and TSB forecasts made with the days < i. */
	sba: Float64Array;
	tsb: Float64Array;
}

export function trackProduct(product: DenseProduct, closedDay: ArrayLike<number>): ProductTrack {
	const n = product.units.length;
	const cumUnits = new Float64Array(n + 1), cumSaleDays = new Float64Array(n + 1), cumRevenue = new Float64Array(n + 1);
	const lastSale = new Int32Array(n + 1), sba = new Float64Array(n + 1), tsb = new Float64Array(n + 1);
	const smoother = new IntermittentSmoother();
	let last = -1;
	for (let i = 0; i < n; i++) {
		const y = product.units[i];
		cumUnits[i + 1] = cumUnits[i] + y;
		cumSaleDays[i + 1] = cumSaleDays[i] + (y > 0 ? 1 : 0);
		cumRevenue[i + 1] = cumRevenue[i] + product.revenue[i];
		if (y > 0) last = i;
		lastSale[i + 1] = last;
		if (i >= product.first && !closedDay[i]) smoother.push(y);
		sba[i + 1] = smoother.sba;
		tsb[i + 1] = smoother.tsb;
	}
	return { product, cumUnits, cumSaleDays, cumRevenue, lastSale, sba, tsb };
}

const meanOver = (cum: Float64Array, from: number, to: number) => (to > from ? (cum[to] - cum[from]) / (to - from) : 0);

/** The product's scale at an origin: its mean daily units over the last 8 weeks (or since it started). */
export function levelAt(track: ProductTrack, origin: number): number {
	const from = Math.max(track.product.first, origin - LEVEL_DAYS);
	const recent = meanOver(track.cumUnits, from, origin);
	const longRun = meanOver(track.cumUnits, track.product.first, origin);
	// A product silent for 8 weeks keeps a quarter of its long-run level as its scale.
	return Math.max(recent, 0.25 * longRun, 1 / LEVEL_DAYS);
}

/** Shop-wide context at an origin, shared by every product. */
export interface ShopContext {
	/** cumUnits[i] = the shop's units sold on days < i. */
	cumUnits: Float64Array;
	/** Shop units: mean of the last 7 days over the last 28, and last 28 over the last 91 (momentum). */
	week: number;
	month: number;
}

export function shopContext(catalog: DenseCatalog, origin: number): ShopContext {
	const mean = (days: number) => {
		let s = 0;
		const from = Math.max(0, origin - days);
		for (let i = from; i < origin; i++) s += catalog.shopUnits[i];
		return origin > from ? s / (origin - from) : 0;
	};
	const m7 = mean(7), m28 = mean(28), m91 = mean(91);
	return { cumUnits: catalog.shopCumUnits, week: m28 > 0 ? Math.min(3, m7 / m28) : 1, month: m91 > 0 ? Math.min(3, m28 / m91) : 1 };
}

/**
 * Writes the FEATURE_COUNT features of (product, origin, horizon day k >= 1) into out at offset.
 * startDay maps indexes to calendar days; closedAhead says whether the target day is a closed weekday.
 */
export function writeFeatures(out: Float32Array, offset: number, track: ProductTrack, origin: number, k: number, level: number,
	startDay: number, closedAhead: boolean, shop: ShopContext): void {
	const { product, cumUnits, cumSaleDays, cumRevenue, lastSale } = track;
	const units = product.units;
	const first = product.first;
	const kk = Math.min(k, MODEL_HORIZON);
	const target = origin + k - 1;
	const scaled = (v: number) => Math.min(CAP, v / level);
	const mean = (days: number) => meanOver(cumUnits, Math.max(first, origin - days), origin);
	let f = offset;
	out[f++] = scaled(mean(7));
	out[f++] = scaled(mean(28));
	out[f++] = scaled(mean(91));
	out[f++] = scaled(mean(182));
	const from28 = Math.max(first, origin - 28);
	out[f++] = origin > from28 ? 1 - (cumSaleDays[origin] - cumSaleDays[from28]) / (origin - from28) : 1;
	const last = lastSale[origin];
	out[f++] = Math.log1p(last < 0 ? 365 : Math.min(365, origin - 1 - last)) / 6;
	out[f++] = Math.log1p(level);
	out[f++] = Math.log1p(Math.min(365, origin - first)) / 6;
	for (let lag = 1; lag <= 7; lag++) out[f++] = origin - lag >= first ? scaled(units[origin - lag]) : 0;
	// The same weekday as the target in the last four weeks before the origin.
	let sameSum = 0, sameN = 0, sameLast = 0;
	for (let back = target - 7 * Math.ceil(kk / 7); back >= first && sameN < 4; back -= 7) {
		if (back >= origin) continue;
		if (sameN === 0) sameLast = units[back];
		sameSum += units[back];
		sameN++;
	}
	out[f++] = sameN ? scaled(sameSum / sameN) : 0;
	out[f++] = scaled(sameLast);
	out[f++] = kk / MODEL_HORIZON;
	const weekday = weekdayOf(startDay + target);
	for (let w = 0; w < 7; w++) out[f++] = w === weekday ? 1 : 0;
	out[f++] = closedAhead ? 1 : 0;
	const month = monthOf(startDay + target);
	out[f++] = Math.sin((2 * Math.PI * month) / 12);
	out[f++] = Math.cos((2 * Math.PI * month) / 12);
	out[f++] = scaled(track.sba[origin]);
	out[f++] = scaled(track.tsb[origin]);
	// Price now against the product's usual price: a sale or a price rise moves demand.
	const recentUnits = cumUnits[origin] - cumUnits[Math.max(0, origin - 28)];
	const longUnits = cumUnits[origin] - cumUnits[Math.max(0, origin - 182)];
	const recentPrice = recentUnits > 0 ? (cumRevenue[origin] - cumRevenue[Math.max(0, origin - 28)]) / recentUnits : 0;
	const longPrice = longUnits > 0 ? (cumRevenue[origin] - cumRevenue[Math.max(0, origin - 182)]) / longUnits : 0;
	out[f++] = recentPrice > 0 && longPrice > 0 ? Math.min(3, recentPrice / longPrice) : 1;
	out[f++] = shop.week;
	out[f++] = shop.month;
	out[f++] = Math.log1p(k) / Math.log(366);
	// Last year: how the weeks around the target day compared with the weeks before the origin.
	const productRatio = yearAgoRatio(cumUnits, first, origin, target);
	const shopRatio = yearAgoRatio(shop.cumUnits, 0, origin, target);
	out[f++] = productRatio ?? 1;
	out[f++] = shopRatio ?? 1;
	out[f++] = shopRatio === null ? 0 : 1;
}

const YEAR = 364;

/** Mean units of the 2 weeks around target - 364 over the 4 weeks before origin - 364; null without that history. */
function yearAgoRatio(cum: Float64Array, first: number, origin: number, target: number): number | null {
	const baseFrom = origin - YEAR - 28, baseTo = origin - YEAR;
	if (baseFrom < first) return null;
	const base = meanOver(cum, baseFrom, baseTo);
	const around = meanOver(cum, target - YEAR - 7, target - YEAR + 7);
	const smoothing = 0.1 * meanOver(cum, Math.max(first, origin - YEAR), origin) + 1e-6;
	return Math.min(5, Math.max(0.2, (around + smoothing) / (base + smoothing)));
}

/** Years looked back at for the yearly pattern. */
const SEASON_YEARS = 3;
/** Units in the base windows at which a product's own yearly pattern gets half the weight (the shop's the rest). */
const SEASON_SHRINK_UNITS = 200;

/**
 * Yearly pattern for the days origin .. origin+days-1: per day, how demand in the two weeks around the
 * same day in past years compared with the four weeks before the origin's date in those years. The
 * product's own ratio is blended with the shop's by how much the product sold; 1 without a year of history.
 */
export function yearlyIndex(track: ProductTrack, shop: ShopContext, origin: number, days: number): Float64Array {
	return Float64Array.from({ length: days }, (_, k) => seasonFactor(track, shop, origin, origin + k));
}

/** yearlyIndex for one target day. */
export function seasonFactor(track: ProductTrack, shop: ShopContext, origin: number, target: number): number {
	const first = track.product.first;
	let productBase = 0, productAround = 0, shopBase = 0, shopAround = 0, years = 0;
	for (let y = 1; y <= SEASON_YEARS; y++) {
		const baseFrom = origin - YEAR * y - 28, aroundTo = target - YEAR * y + 7;
		if (baseFrom < 0 || aroundTo > origin) continue;
		shopBase += meanOver(shop.cumUnits, baseFrom, baseFrom + 28);
		shopAround += meanOver(shop.cumUnits, aroundTo - 14, aroundTo);
		if (baseFrom >= first) {
			productBase += meanOver(track.cumUnits, baseFrom, baseFrom + 28);
			productAround += meanOver(track.cumUnits, aroundTo - 14, aroundTo);
		}
		years++;
	}
	if (years === 0 || shopBase <= 0) return 1;
	const shopRatio = shopAround / shopBase;
	const weight = (productBase * 28) / (productBase * 28 + SEASON_SHRINK_UNITS);
	const productRatio = productBase > 0 ? productAround / productBase : shopRatio;
	return Math.min(3, Math.max(1 / 3, weight * productRatio + (1 - weight) * shopRatio));
}
