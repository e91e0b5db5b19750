// The trends report: every product's class, rotation and trend, the shop's profile, and the
// lists the owner acts on. Plain data (codes and numbers) so each screen words it in its language.
import type { DayNumber, ProductId, SupplierId } from '../brand';
import type { ProductSeries } from '../product-series';
import type { InventoryRepository } from '../repository';
import type { DayTotals, Product } from '../types';
import { isStockItem, isStyle } from '../variants';
import { abcClasses, xyzClass, type AbcClass, type XyzClass } from './abc-xyz';
import { openWeeks, weekIndex, weeklyUnits } from './calendar';
import { deadStock, DEFAULT_DEAD_STOCK_DAYS, type DeadStockEntry } from './dead-stock';
import { adjustForManyTests, DEFAULT_GROWTH_OPTIONS, testGrowth, type GrowthOptions, type GrowthResult } from './growth';
import { demandProfile, type DemandProfile } from './profiles';
import { rotation, type Rotation } from './rotation';

export interface TrendsInput {
	products: readonly Product[];
	series: readonly ProductSeries[];
	stock: ReadonlyMap<ProductId, number>;
	/** The shop's daily totals, ascending; a day with sales is a day the shop was open. */
	shopDays: readonly DayTotals[];
}

export interface TrendsOptions extends GrowthOptions {
	/** The analysis day; default the shop's last day with sales (so an old import still reads sensibly). */
	asOf?: DayNumber;
	/** Days back from asOf for ABC, XYZ and rotation (default 365). */
	windowDays: number;
	/** A product with stock and no sale in this many days is dead stock (default 90). */
	deadStockDays: number;
	/** Length of the high/low rotation and growing/declining lists (default 20). */
	listSize: number;
}

export const DEFAULT_TRENDS_OPTIONS: TrendsOptions = { ...DEFAULT_GROWTH_OPTIONS, windowDays: 365, deadStockDays: DEFAULT_DEAD_STOCK_DAYS, listSize: 20 };

export interface ProductTrend {
	productId: ProductId;
	sku: string;
	name: string;
	category: string;
	supplierId: SupplierId | null;
	/** Revenue in the window, cents. */
	revenue: number;
	abc: AbcClass;
	/** Share of the window's revenue (of its units when the report's abcBasis is 'units'). */
	revenueShare: number;
	cumulativeShare: number;
	xyz: XyzClass | null;
	weeklyCv: number | null;
	onHand: number;
	firstSaleDay: number | null;
	lastSaleDay: number | null;
	rotation: Rotation;
	trend: GrowthResult;
	/** Weekday (Monday first) and month (January first) indexes over the product's own history. */
	weekdayIndex: (number | null)[];
	monthIndex: (number | null)[];
	/** A variant's style; absent on every other product. */
	variantOf?: ProductId;
}

export interface TrendsReport {
	asOf: number;
	/** First day of the analysis window. */
	fromDay: number;
	options: TrendsOptions;
	shop: {
		units: number;
		revenue: number;
		openDays: number;
		unitsTrend: GrowthResult;
		revenueTrend: GrowthResult;
		/** The weeks the units test compared, oldest first (the Trends screen's chart): closed weeks are not compared. */
		weeks: ShopWeek[];
		/** Over the whole history up to asOf. */
		profile: DemandProfile;
	};
	/** Every stock item (plain products and variants; never a style), highest ABC measure (revenue, or units) first. */
	products: ProductTrend[];
	/**
	 * Each style with variants as the sum of them (sales, stock, trend), highest first; its ABC class
	 * ranks it among the styles and plain products (the catalogue as customers see it). Not in the lists below.
	 */
	styles: ProductTrend[];
	/** 'units' when no sale in the window has a price: ABC then ranks units sold. */
	abcBasis: 'revenue' | 'units';
	/** revenueShare is the share of units when abcBasis is 'units'. */
	abcSummary: Record<AbcClass, { products: number; revenueShare: number }>;
	/** Sold on the largest share of open days. */
	highRotation: ProductId[];
	/** Sold in the window and within deadStockDays, but on the fewest open days. */
	lowRotation: ProductId[];
	/** Products whose change holds after adjusting for testing the whole catalogue (q < significance). */
	growing: ProductId[];
	declining: ProductId[];
	deadStock: DeadStockEntry[];
}

export interface ShopWeek {
	/** The week's last day (week 0 ends on asOf). */
	endDay: number;
	units: number;
	part: 'recent' | 'earlier' | 'closed';
}

/** The weeks a test over `open` weeks (latest first) compared, oldest first. */
function comparedWeeks(units: readonly number[], open: readonly boolean[], asOf: number, o: GrowthOptions): ShopWeek[] {
	const out: ShopWeek[] = [];
	let recent = 0, earlier = 0;
	for (let w = 0; w < units.length && earlier < o.baselineWeeks; w++) {
		let part: ShopWeek['part'] = 'closed';
		if (open[w] && recent < o.recentWeeks) { part = 'recent'; recent++; }
		else if (open[w]) { part = 'earlier'; earlier++; }
		out.push({ endDay: asOf - 7 * w, units: units[w], part });
	}
	return out.reverse();
}

/** The report had nothing to analyse. */
export class NoSalesError extends Error {
	constructor() {
		super('there are no sales to analyse');
		this.name = 'NoSalesError';
	}
}

export function checkTrendsOptions(o: TrendsOptions): void {
	const whole = (v: number, min: number, name: string) => {
		if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be a whole number of at least ${min}, got ${v}`);
	};
	whole(o.windowDays, 28, 'windowDays');
	whole(o.deadStockDays, 1, 'deadStockDays');
	whole(o.listSize, 1, 'listSize');
	whole(o.recentWeeks, 4, 'recentWeeks');
	whole(o.baselineWeeks, 4, 'baselineWeeks');
	if (!(o.significance > 0 && o.significance < 0.5)) throw new RangeError(`significance must be between 0 and 0.5, got ${o.significance}`);
}

export function analyzeTrends(input: TrendsInput, options: Partial<TrendsOptions> = {}): TrendsReport {
	const o: TrendsOptions = { ...DEFAULT_TRENDS_OPTIONS, ...options };
	checkTrendsOptions(o);
	const openDaysSorted = input.shopDays.filter((d) => d.lines > 0).map((d) => d.day as number).sort((a, b) => a - b);
	if (openDaysSorted.length === 0) throw new NoSalesError();
	const asOf = (o.asOf ?? openDaysSorted[openDaysSorted.length - 1]) as DayNumber;
	const historyStart = openDaysSorted[0];
	const fromDay = Math.max(asOf - o.windowDays + 1, historyStart);
	const openSet = new Set(openDaysSorted.filter((d) => d <= asOf));
	const openBetween = (a: number, b: number) => upperBound(openDaysSorted, b) - upperBound(openDaysSorted, a - 1);

	const windowWeeks = Math.floor((asOf - fromDay + 1) / 7);
	const totalWeeks = Math.max(windowWeeks, o.recentWeeks + o.baselineWeeks);
	const shopOpenWeeks = openWeeks(openSet, asOf, totalWeeks);

	const seriesOf = new Map(input.series.map((s) => [s.productId, s]));
	// A style sells and holds nothing itself: its variants are measured, and it as their sum below.
	const measured = input.products
		.filter((p) => isStockItem(p) && (p.active || (input.stock.get(p.id) ?? 0) > 0 || soldBetween(seriesOf.get(p.id), fromDay, asOf)))
		.map((p) => measureProduct(p, seriesOf.get(p.id), input.stock.get(p.id) ?? 0));
	const adjusted = adjustForManyTests(measured.map((m) => m.trend), o.significance);
	measured.forEach((m, i) => { m.trend = adjusted[i]; });
	// A shop whose sales carry no prices (a bakery's till log) is classed by units instead.
	const abcBasis: TrendsReport['abcBasis'] = measured.some((m) => m.revenue > 0) ? 'revenue' : 'units';
	const abc = abcClasses(new Map(measured.map((m) => [m.product.id, abcBasis === 'revenue' ? m.revenue : m.rotation.unitsSold])));

	function measureProduct(product: Product, series: ProductSeries | undefined, onHand: number) {
		const days = series?.days ?? new Int32Array(0);
		let revenue = 0, unitsSold = 0, sellingDays = 0, firstSaleDay: number | null = null, lastSaleDay: number | null = null;
		for (let i = 0; i < days.length && days[i] <= asOf; i++) {
			if (series!.units[i] > 0) {
				firstSaleDay ??= days[i];
				lastSaleDay = days[i];
			}
			if (days[i] < fromDay) continue;
			revenue += series!.revenue[i];
			unitsSold += series!.units[i];
			if (series!.units[i] > 0) sellingDays++;
		}
		const productFrom = firstSaleDay === null ? fromDay : Math.max(fromDay, firstSaleDay);
		const weekly = series ? weeklyUnits(series.days, series.units, asOf, totalWeeks) : new Array<number>(totalWeeks).fill(0);
		// Weeks before the product's first sale are before it was stocked: not zero demand.
		const firstWeek = firstSaleDay === null ? -1 : weekIndex(firstSaleDay, asOf);
		const usable = shopOpenWeeks.map((open, w) => open && w <= firstWeek);
		const inWindow = weekly.filter((_, w) => usable[w] && w < windowWeeks);
		const profile = series && firstSaleDay !== null
			? demandProfile(series.days, series.units, series.revenue, Math.max(firstSaleDay, historyStart), asOf)
			: null;
		return {
			product, revenue, onHand, firstSaleDay, lastSaleDay,
			xyz: xyzClass(inWindow),
			rotation: rotation({ unitsSold, windowDays: asOf - productFrom + 1, sellingDays, openDays: openBetween(productFrom, asOf), onHand, lastSaleDay, asOf }),
			trend: testGrowth(weekly, usable, o),
			weekdayIndex: profile ? profile.weekday.map((b) => b.index) : new Array<null>(7).fill(null),
			monthIndex: profile ? profile.month.map((b) => b.index) : new Array<null>(12).fill(null)
		};
	}

	type Measured = ReturnType<typeof measureProduct>;
	const trendOf = (m: Measured, a: { abc: AbcClass; revenueShare: number; cumulativeShare: number }): ProductTrend => ({
		productId: m.product.id, sku: m.product.sku, name: m.product.name, category: m.product.category, supplierId: m.product.supplierId,
		revenue: m.revenue, abc: a.abc, revenueShare: a.revenueShare, cumulativeShare: a.cumulativeShare,
		xyz: m.xyz.xyz, weeklyCv: m.xyz.weeklyCv, onHand: m.onHand, firstSaleDay: m.firstSaleDay, lastSaleDay: m.lastSaleDay,
		rotation: m.rotation, trend: m.trend, weekdayIndex: m.weekdayIndex, monthIndex: m.monthIndex,
		...(m.product.variantOf ? { variantOf: m.product.variantOf } : {})
	});
	const highestFirst = (a: ProductTrend, b: ProductTrend) => b.revenueShare - a.revenueShare || b.revenue - a.revenue || a.sku.localeCompare(b.sku);
	const products: ProductTrend[] = measured.map((m) => trendOf(m, abc.get(m.product.id)!)).sort(highestFirst);

	// Styles: their variants' series, stock and trend summed; classed among the styles and plain products.
	const variantsOf = new Map<ProductId, Measured[]>();
	for (const m of measured) if (m.product.variantOf) variantsOf.set(m.product.variantOf, [...(variantsOf.get(m.product.variantOf) ?? []), m]);
	const styleMeasures = input.products.filter((p) => isStyle(p) && variantsOf.has(p.id)).map((style) => {
		const members = variantsOf.get(style.id)!;
		return measureProduct(style, sumSeries(style.id, members.map((m) => seriesOf.get(m.product.id))), members.reduce((n, m) => n + m.onHand, 0));
	});
	const styleTrendsAdjusted = adjustForManyTests(styleMeasures.map((m) => m.trend), o.significance);
	styleMeasures.forEach((m, i) => { m.trend = styleTrendsAdjusted[i]; });
	const asSeen = [...styleMeasures, ...measured.filter((m) => !m.product.variantOf)];
	const styleAbc = abcClasses(new Map(asSeen.map((m) => [m.product.id, abcBasis === 'revenue' ? m.revenue : m.rotation.unitsSold])));
	const styles = styleMeasures.map((m) => trendOf(m, styleAbc.get(m.product.id)!)).sort(highestFirst);

	const dead = deadStock(
		measured.map((m) => ({ productId: m.product.id, onHand: m.onHand, unitCost: m.product.unitCost, lastSaleDay: m.lastSaleDay })),
		asOf, o.deadStockDays
	);
	const deadIds = new Set(dead.map((d) => d.productId));
	// Products that stopped selling deadStockDays ago are dead or discontinued, not slow: left out.
	const sold = products.filter((p) => p.rotation.unitsSold > 0 && !deadIds.has(p.productId) && p.rotation.daysSinceLastSale! < o.deadStockDays);
	const byFrequency = (a: ProductTrend, b: ProductTrend) =>
		b.rotation.sellingDaysShare - a.rotation.sellingDaysShare || b.rotation.unitsPerDay - a.rotation.unitsPerDay || a.sku.localeCompare(b.sku);
	const ranked = [...sold].sort(byFrequency);
	const byPValue = (a: ProductTrend, b: ProductTrend) => (a.trend.qValue ?? 1) - (b.trend.qValue ?? 1) || (a.trend.pValue ?? 1) - (b.trend.pValue ?? 1) || b.revenue - a.revenue;

	const shopDaysUpTo = input.shopDays.filter((d) => d.day <= asOf);
	const shopDayNumbers = shopDaysUpTo.map((d) => d.day as number);
	const shopWeekly = (values: number[]) => weeklyUnits(shopDayNumbers, values, asOf, totalWeeks);
	const inWindow = shopDaysUpTo.filter((d) => d.day >= fromDay);
	const shopUnitsWeekly = shopWeekly(shopDaysUpTo.map((d) => d.units));
	return {
		asOf, fromDay, options: o,
		shop: {
			units: inWindow.reduce((s, d) => s + d.units, 0),
			revenue: inWindow.reduce((s, d) => s + d.revenue, 0),
			openDays: openBetween(fromDay, asOf),
			unitsTrend: testGrowth(shopUnitsWeekly, shopOpenWeeks, o),
			weeks: comparedWeeks(shopUnitsWeekly, shopOpenWeeks, asOf, o),
			revenueTrend: testGrowth(shopWeekly(shopDaysUpTo.map((d) => d.revenue)), shopOpenWeeks, o),
			profile: demandProfile(shopDayNumbers, shopDaysUpTo.map((d) => d.units), shopDaysUpTo.map((d) => d.revenue), historyStart, asOf)
		},
		products,
		styles,
		abcBasis,
		abcSummary: summarizeAbc(products),
		// A shop selling fewer than two lists' worth gets its top half and bottom half, never one product in both.
		highRotation: ranked.slice(0, Math.min(o.listSize, Math.ceil(ranked.length / 2))).map((p) => p.productId),
		lowRotation: ranked.slice(ranked.length - Math.min(o.listSize, Math.floor(ranked.length / 2))).reverse().map((p) => p.productId),
		growing: products.filter((p) => p.trend.direction === 'growth').sort(byPValue).slice(0, o.listSize).map((p) => p.productId),
		declining: products.filter((p) => p.trend.direction === 'decline').sort(byPValue).slice(0, o.listSize).map((p) => p.productId),
		deadStock: dead
	};
}

/** Reads what the report needs from the store and analyses it. */
export async function loadTrends(repo: InventoryRepository, options: Partial<TrendsOptions> = {}): Promise<TrendsReport> {
	const [products, series, stock, shopDays] = await Promise.all([
		repo.listProducts(), repo.allProductSeries(), repo.stockLevels(), repo.shopDays(ALL_DAYS.from, ALL_DAYS.to)
	]);
	return analyzeTrends({ products, series, stock, shopDays }, options);
}

/** Day 0 is 1970-01-01 and day 2,932,896 is 9999-12-31: every day a shop can have. */
const ALL_DAYS = { from: 0 as DayNumber, to: 2_932_896 as DayNumber };

function summarizeAbc(products: readonly ProductTrend[]): TrendsReport['abcSummary'] {
	const out = { A: { products: 0, revenueShare: 0 }, B: { products: 0, revenueShare: 0 }, C: { products: 0, revenueShare: 0 } };
	for (const p of products) {
		out[p.abc].products++;
		out[p.abc].revenueShare += p.revenueShare;
	}
	return out;
}

/** The day-by-day sum of several products' series (a style's, from its variants'). */
function sumSeries(productId: ProductId, list: readonly (ProductSeries | undefined)[]): ProductSeries | undefined {
	const byDay = new Map<number, [number, number, number, number]>();
	for (const s of list) {
		if (!s) continue;
		for (let i = 0; i < s.days.length; i++) {
			const t = byDay.get(s.days[i]) ?? [0, 0, 0, 0];
			t[0] += s.units[i]; t[1] += s.revenue[i]; t[2] += s.cost[i]; t[3] += s.lines[i];
			byDay.set(s.days[i], t);
		}
	}
	if (byDay.size === 0) return undefined;
	const days = Int32Array.from([...byDay.keys()].sort((a, b) => a - b));
	const column = (k: number) => Float64Array.from(days, (d) => byDay.get(d)![k]);
	return { productId, days, units: column(0), revenue: column(1), cost: column(2), lines: Uint32Array.from(days, (d) => byDay.get(d)![3]) };
}

function soldBetween(series: ProductSeries | undefined, from: number, to: number): boolean {
	if (!series) return false;
	for (let i = 0; i < series.days.length; i++) if (series.days[i] >= from && series.days[i] <= to && series.units[i] > 0) return true;
	return false;
}

/** Index of the first element greater than x in an ascending array. */
function upperBound(sorted: readonly number[], x: number): number {
	let lo = 0, hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] <= x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
