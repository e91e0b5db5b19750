// The health report: every product's score with its breakdown, the shop's score, and the alerts.
// It reads what the trends report measured (sales speed, last sale, growth test) and, when there
// is a forecast, what reorder suggestions say about running out; without one, sales speed stands in.
import { roundQty } from '../ledger';
import type { DayNumber, ProductId, SupplierId } from '../brand';
import { effectiveLeadTime } from '../catalog';
import type { DemandForecast } from '../forecast/types';
import type { ProductSeries } from '../product-series';
import { loadStockOnOrder } from '../purchase-orders/use-cases';
import { windowSum } from '../reorder/lead-time-demand';
import { planReorders, type ReorderSuggestion } from '../reorder/suggest';
import type { InventoryRepository } from '../repository';
import { MIN_WEEKS_PER_SIDE } from '../trends/growth';
import { analyzeTrends, type ProductTrend, type TrendsReport } from '../trends/report';
import type { DayTotals, Product, Supplier } from '../types';
import { alertsFor, compareAlerts, type Alert, type AlertFacts } from './alerts';
import { jumpBeyondP90 } from './demand-jump';
import {
	checkHealthOptions, coverDays, stockUnknown, DEFAULT_HEALTH_OPTIONS, HEALTH_PARTS, levelOf, partRisks, partScore, PART_WEIGHTS, scoreOf, shopPartRisks, shopRisks,
	targetDays, weakestPart, weightedScore, type HealthLevel, type HealthOptions, type HealthPart, type PartRisks
} from './score';
import { countVerdicts, RESTOCK_VERDICTS, stockVerdict, type StockCounts, type StockVerdict } from './stock-status';

export interface HealthInput {
	products: readonly Product[];
	suppliers: readonly Supplier[];
	series: readonly ProductSeries[];
	stock: ReadonlyMap<ProductId, number>;
	onOrder: ReadonlyMap<ProductId, number>;
	shopDays: readonly DayTotals[];
	/** The latest forecast run's products; null when the shop has none yet. */
	forecasts: readonly DemandForecast[] | null;
}

export interface ProductHealth {
	productId: ProductId;
	sku: string;
	name: string;
	supplierId: SupplierId | null;
	score: number;
	/** 100 minus each part's weight times its risk (weightedScore): ranks the products; the verdict says what is wrong. */
	level: HealthLevel;
	/** The one stock verdict (stock-status.ts) every screen shows for this product. */
	verdict: StockVerdict;
	risks: PartRisks;
	facts: AlertFacts & { coverDays: number | null; targetDays: number };
}

/** One part of the shop's score with the figures that explain it. */
export interface PartSummary {
	part: HealthPart;
	/** The part's own 0-100. */
	score: number;
	/** Points it took off the shop's score. */
	pointsLost: number;
	/**
	 * Products it concerns, by their stock verdict: stockOut the products to restock (sold out,
	 * running out, low: StockCounts.toRestock), overstock and deadStock those verdicts, turnover the
	 * products turning slower than healthy.
	 */
	products: number;
	/**
	 * Share of what is at stake it concerns, weighted by each product's risk: sales for stockOut,
	 * stock at cost for the others (0-1). The part's risk is this over FULL_RISK_SHARE.
	 */
	share: number;
	/** Money concerned, cents: sales a day at risk for stockOut, stock at cost otherwise. */
	value: number;
	/** stockOut only: its products by verdict (they add up to `products`). */
	restock?: Pick<StockCounts, 'soldOut' | 'runningOut' | 'low'>;
}

export interface HealthReport {
	asOf: DayNumber;
	options: HealthOptions;
	/** 'forecast' when a forecast run was used for stock-outs, else 'sales_speed'. */
	demandBasis: 'forecast' | 'sales_speed';
	shop: {
		/** 0-100: the weighted parts, never above the weakest part's own score (scoreOf). */
		score: number;
		level: HealthLevel;
		/** The part holding the score down most; null when nothing costs points. */
		weakest: HealthPart | null;
		parts: PartSummary[];
		/** Units (at cost) a year over stock on hand (at cost); null with no stock. */
		annualTurnover: number | null;
		products: number;
		/** Products with negative stock on hand (sales without their purchases): running out is not judged for them. */
		unknownStock: number;
	};
	/** Products per stock verdict: the one count the dashboard, the card, the alerts and the parts show. */
	counts: StockCounts;
	/** Lowest score first. */
	products: ProductHealth[];
	/** Most severe first. */
	alerts: Alert[];
	/** The trends report the health report read: the Trends screen shows this same computation. */
	trends: TrendsReport;
}

/**
 * Units a day over the growth test's recent weeks (8 by default), the "recent sales speed" the
 * alerts quote; over the whole window while the product has fewer recent weeks than a test needs.
 * The year's average would hide a seasonal product's rush (the sample shop's hot-water bottle sold
 * 9 a day over the year, 22 a day in its last eight weeks) and call it safe for twelve days.
 */
function recentUnitsPerDay(t: ProductTrend): number {
	return t.trend.recentWeeks >= MIN_WEEKS_PER_SIDE ? t.trend.recentMean / 7 : t.rotation.unitsPerDay;
}

/** Days of the forecast read as "expected units a day": an order's worth (lead time + cover). */
function forecastDemandPerDay(f: DemandForecast, days: number): number {
	return days > 0 ? windowSum(f.mean, 0, days) / days : 0;
}

export function analyzeHealth(input: HealthInput, options: Partial<HealthOptions> = {}): HealthReport {
	const o: HealthOptions = { ...DEFAULT_HEALTH_OPTIONS, ...options };
	checkHealthOptions(o);
	const trends = analyzeTrends({ products: input.products, series: input.series, stock: input.stock, shopDays: input.shopDays }, { deadStockDays: o.deadStockDays });
	const asOf = trends.asOf as DayNumber;
	const productOf = new Map(input.products.map((p) => [p.id, p]));
	const supplierOf = new Map(input.suppliers.map((s) => [s.id, s]));
	const seriesOf = new Map(input.series.map((s) => [s.productId, s]));
	const forecastOf = new Map((input.forecasts ?? []).filter((f) => f.productId !== null).map((f) => [f.productId as ProductId, f]));
	const plan = input.forecasts
		? planReorders({ products: input.products, suppliers: input.suppliers, stock: input.stock, onOrder: input.onOrder, forecasts: input.forecasts }, { targetCoverDays: o.targetCoverDays })
		: null;
	const suggestionOf = new Map<ProductId, ReorderSuggestion>((plan?.suggestions ?? []).map((s) => [s.productId, s]));

	const products: ProductHealth[] = [];
	const alerts: Alert[] = [];
	const weights: { risks: PartRisks; salesWeight: number; stockWeight: number }[] = [];
	const usePrices = trends.abcBasis === 'revenue';
	const useCosts = input.products.some((p) => p.unitCost > 0 && (input.stock.get(p.id) ?? 0) > 0);
	let yearlyOut = 0, stockHeld = 0;

	for (const t of trends.products) {
		const product = productOf.get(t.productId)!;
		if (!product.active && t.onHand <= 0) continue;
		const facts = productFacts(product, t, suggestionOf.get(t.productId), forecastOf.get(t.productId), seriesOf.get(t.productId));
		const verdict = stockVerdict(facts, o);
		const risks = partRisks(facts, o, verdict);
		// A product's parts rank it among the others (its verdict says what is wrong): weighted, not capped.
		const score = weightedScore(risks);
		products.push({
			productId: t.productId, sku: t.sku, name: t.name, supplierId: t.supplierId, score, level: levelOf(score), verdict, risks,
			facts: { ...facts, coverDays: coverDays(facts), targetDays: targetDays(facts.leadTimeDays, o) }
		});
		alerts.push(...alertsFor(facts, o, verdict));
		const held = Math.max(0, facts.onHand);
		weights.push({
			risks,
			// Sales of products whose stock is unknown say nothing about running out: left out of its average.
			salesWeight: stockUnknown(facts) ? 0 : usePrices ? t.revenue : t.rotation.unitsSold,
			stockWeight: useCosts ? held * product.unitCost : held
		});
		yearlyOut += t.rotation.unitsPerDay * 365 * (useCosts ? product.unitCost : 1);
		stockHeld += held * (useCosts ? product.unitCost : 1);
	}

	function productFacts(product: Product, t: ProductTrend, suggestion: ReorderSuggestion | undefined, forecast: DemandForecast | undefined, series: ProductSeries | undefined): AlertFacts {
		const supplier = product.supplierId ? supplierOf.get(product.supplierId) : undefined;
		const leadTimeDays = effectiveLeadTime(product, supplier);
		const onHand = t.onHand;
		const onOrder = input.onOrder.get(product.id) ?? 0;
		const position = Math.max(0, onHand) + onOrder;
		const recent = t.rotation.daysSinceLastSale !== null && t.rotation.daysSinceLastSale < o.deadStockDays;
		let demandPerDay: number, daysToStockOut: number | null, stockOutDay: DayNumber | null;
		const basis = suggestion && forecast ? 'forecast' : 'sales_speed';
		if (suggestion && forecast) {
			demandPerDay = forecastDemandPerDay(forecast, targetDays(leadTimeDays, o));
			stockOutDay = suggestion.stockOutDay;
			daysToStockOut = stockOutDay === null ? null : stockOutDay - forecast.fromDay;
		} else {
			// Without a forecast, the speed it sold at lately, unless it stopped selling deadStockDays ago.
			demandPerDay = recent ? recentUnitsPerDay(t) : 0;
			daysToStockOut = demandPerDay > 0 ? Math.floor(position / demandPerDay) : null;
			stockOutDay = daysToStockOut === null ? null : ((asOf + 1 + daysToStockOut) as DayNumber);
		}
		const ownerPoint = product.reorderPoint;
		return {
			productId: product.id, sku: product.sku, name: product.name, asOf,
			onHand, onOrder, position, leadTimeDays, demandPerDay, daysToStockOut, stockOutDay, stockOutBasis: basis,
			daysSinceLastSale: t.rotation.daysSinceLastSale, annualTurnover: t.rotation.annualTurnover,
			unitCost: product.unitCost, unitPrice: product.unitPrice,
			reorderPoint: ownerPoint ?? suggestion?.reorderPoint ?? null,
			reorderPointSource: ownerPoint !== null ? 'owner' : suggestion ? 'forecast' : null,
			trend: { direction: t.trend.direction, recentMean: t.trend.recentMean, baselineMean: t.trend.baselineMean, qValue: t.trend.qValue },
			jump: forecast && series ? jumpBeyondP90(forecast, series, asOf) : null,
			stockTracked: roundQty(onHand + (series ? series.units.reduce((n, u) => n + u, 0) : 0)) !== 0
		};
	}

	const shares = shopRisks(weights);
	const risks = shopPartRisks(shares);
	const shopScore = scoreOf(risks);
	// Each part counts the products of its verdicts (dead stock: the dead ones, not those on their way
	// to it), so the parts, the alerts and the dashboard's counts name the same products.
	const restock = RESTOCK_VERDICTS as readonly StockVerdict[];
	const concerns = (part: HealthPart) => products.filter((p) =>
		part === 'stockOut' ? restock.includes(p.verdict) : part === 'overstock' ? p.verdict === 'overstock' : part === 'deadStock' ? p.verdict === 'dead' : p.risks.turnover > 0);
	const valueOf = (part: HealthPart) =>
		Math.round(concerns(part).reduce((v, p) => v + (part === 'stockOut' ? p.facts.demandPerDay * p.facts.unitPrice : Math.max(0, p.facts.onHand) * p.facts.unitCost), 0));
	const counts = countVerdicts(products.map((p) => p.verdict));
	return {
		asOf, options: o,
		demandBasis: plan && plan.suggestions.length > 0 ? 'forecast' : 'sales_speed',
		shop: {
			score: shopScore, level: levelOf(shopScore), weakest: weakestPart(risks),
			parts: HEALTH_PARTS.map((part) => ({
				part, score: partScore(risks[part]), pointsLost: Math.round(PART_WEIGHTS[part] * risks[part] * 10) / 10,
				products: concerns(part).length, share: shares[part], value: valueOf(part),
				...(part === 'stockOut' ? { restock: { soldOut: counts.soldOut, runningOut: counts.runningOut, low: counts.low } } : {})
			})),
			annualTurnover: stockHeld > 0 ? yearlyOut / stockHeld : null,
			products: products.length,
			unknownStock: products.filter((p) => stockUnknown(p.facts)).length
		},
		counts,
		products: products.sort((a, b) => a.score - b.score || a.sku.localeCompare(b.sku)),
		alerts: alerts.sort(compareAlerts),
		trends
	};
}

/** Reads what the report needs from the store; forecasts come from the caller (a stored run, or the CLI's engine). */
export async function loadHealth(repo: InventoryRepository, forecasts: readonly DemandForecast[] | null, options: Partial<HealthOptions> = {}): Promise<HealthReport> {
	const [products, suppliers, series, stock, onOrder, shopDays] = await Promise.all([
		repo.listProducts(), repo.listSuppliers(), repo.allProductSeries(), repo.stockLevels(), loadStockOnOrder(repo), repo.shopDays(0 as DayNumber, 2_932_896 as DayNumber)
	]);
	return analyzeHealth({ products, suppliers, series, stock, onOrder, shopDays, forecasts }, options);
}

