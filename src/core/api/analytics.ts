// The analytics of the API: training jobs, forecasts (a product's, the shop's or a category's),
// trends, reorder suggestions, recommendations, customer segments, health and alerts, the model
// registry, training logs, stored forecast runs with their measured accuracy, and the dashboard.
// Reports the CLI also prints have its --json shape (core/reports), so `inventario ... --server`
// prints the answer with the command's own printer; the API's own resources use snake_case.
import { z } from 'zod';
import { ALERT_KINDS } from '../health/alerts';
import { DateText, DateTimeText, IsoDate, Limit, MoneyOutput, QueryFlag, Sku } from './common';

const wholeNumber = (min: number, max: number, what: string) =>
	z.coerce.number({ error: `must be a whole number from ${min} to ${max}` }).int({ error: `must be a whole number from ${min} to ${max}` })
		.min(min, { error: `must be a whole number from ${min} to ${max}` }).max(max, { error: `must be a whole number from ${min} to ${max}` }).describe(what);

/**
 * A figure object whose fields the core owns: described, passed through as computed. The answer
 * keeps the report's key order (what `--json` prints), so declared keys must be a prefix of it, in
 * its order (the known keys of a loose object come out first).
 */
const figures = (id: string, description: string, shape: z.ZodRawShape = {}) => z.looseObject(shape).meta({ id, description });

// ---- Jobs --------------------------------------------------------------------------------------

export const JobStatusOut = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled'])
	.meta({ id: 'JobStatus', description: 'queued: waiting for a thread; running; then succeeded, failed or cancelled' });

export const TrainAccepted = z.object({
	job_id: z.string().describe('GET /jobs/{job_id} for its progress'),
	status: JobStatusOut,
	created: z.boolean().describe('false: a training of this shop was already queued or running, and this is it')
}).meta({ id: 'TrainAccepted' });

export const JobOut = z.object({
	id: z.string(),
	kind: z.string().describe('train: the forecast\'s training'),
	status: JobStatusOut,
	progress: z.number().min(0).max(1).describe('Of the whole job, 0 to 1'),
	log: z.array(z.string()).describe('What it did, oldest first (the newest 200 lines)'),
	result: z.record(z.string(), z.unknown()).nullable().describe('When it succeeded: what it made (a training: model_id, run_id, from, horizon, products, methods, seconds)'),
	error: z.string().nullable().describe('Why it failed'),
	created_at: DateTimeText,
	started_at: DateTimeText.nullable(),
	ended_at: DateTimeText.nullable(),
	created_by: z.string().nullable().describe('The user who asked for it')
}).meta({ id: 'Job' });

export const JobList = z.array(JobOut).meta({ id: 'JobList' });
export const JobParams = z.object({ id: z.string().min(1).max(64) });
export const JobsQuery = z.object({ kind: z.string().optional(), limit: Limit(20, 100) });

// ---- Forecasts ---------------------------------------------------------------------------------

export const Horizon = wholeNumber(1, 365, 'Days forecast, from the stored run\'s first day (at most the run\'s horizon; default all of it)');

export const ForecastQuery = z.object({ horizon: Horizon.optional() });

export const ForecastDayOut = z.object({
	date: DateText,
	p10: z.number().describe('10% quantile of the day\'s units'),
	p50: z.number().describe('Median'),
	p90: z.number().describe('90% quantile'),
	mean: z.number().describe('Expected units')
}).meta({ id: 'ForecastDay' });

export const ProductForecastOut = z.object({
	sku: z.string(),
	name: z.string(),
	method: z.string().describe('What made it: blend, global-nn, ensemble, tsb, croston-sba, ... or no-sales (the product had no sales to learn from)'),
	model_version: z.string().nullable().describe('The registry version of the model (GET /models); null for no-sales'),
	run_id: z.string(),
	from: DateText.describe('First day forecast (the day after the last sale the model learned from)'),
	horizon: z.number().int(),
	days: z.array(ForecastDayOut),
	backtest: z.record(z.string(), z.unknown()).nullable().describe('Backtest accuracy of the method (RMSSE, total error, MASE, bias, pinball, coverage)')
}).meta({ id: 'ProductForecast', description: 'A product\'s daily demand from the latest stored forecast run' });

export const TotalsQuery = z.object({
	scope: z.enum(['shop', 'category']).default('shop').describe('shop: every product; category: the products of ?category='),
	category: z.string().min(1).optional().describe('With scope=category: the category, as products name it (case ignored)'),
	horizon: Horizon.optional()
});

export const TotalForecastDayOut = z.object({
	date: DateText,
	units_p10: z.number(), units_p50: z.number(), units_p90: z.number(), units_mean: z.number(),
	revenue_p10: z.number().describe('In the currency\'s units'), revenue_p50: z.number(), revenue_p90: z.number(), revenue_mean: z.number()
}).meta({ id: 'TotalForecastDay' });

export const TotalForecastOut = z.object({
	scope: z.string().describe('"shop", or the category asked for'),
	from: DateText,
	horizon: z.number().int(),
	days: z.array(TotalForecastDayOut)
}).meta({ id: 'TotalForecast', description: 'Units and revenue per day with their 80% range, as `inventario forecast --total --json` prints them' });

export const ProductForecastItemOut = z.object({
	sku: z.string(), from: DateText, method: z.string(), modelVersion: z.string().nullable(),
	p10: z.array(z.number()), p50: z.array(z.number()), p90: z.array(z.number()), mean: z.array(z.number()),
	backtest: z.record(z.string(), z.unknown()).nullable()
}).meta({ id: 'ProductForecastItem', description: 'One product as `inventario forecast --all --json` prints it' });

export const CatalogForecastOut = z.object({
	from: DateText, horizon: z.number().int(), run_id: z.string(), model_id: z.string(),
	items: z.array(ProductForecastItemOut).describe('Every active product, zeros and no-sales for those that never sold')
}).meta({ id: 'CatalogForecast' });

// ---- Registry, logs, runs ----------------------------------------------------------------------

export const ModelOut = z.object({
	id: z.string().describe('The version: name@trained-at'),
	name: z.string(),
	trained_at: DateTimeText,
	data_from: DateText, data_to: DateText,
	sale_lines: z.number().int(), products: z.number().int(),
	backend: z.string(),
	parameters: z.record(z.string(), z.unknown()),
	metrics: z.record(z.string(), z.unknown()).describe('Backtest summary per method'),
	chosen: z.record(z.string(), z.number()).describe('Products per method chosen'),
	saved_at: z.string().nullable().describe('Where its networks are stored (model_artifacts); null once pruned or when there was too little history to train one')
}).meta({ id: 'Model' });

export const ModelList = z.array(ModelOut).meta({ id: 'ModelList', description: 'Newest first' });

export const TrainingLogOut = z.object({
	seq: z.number().int(), model_id: z.string().nullable(), started_at: DateTimeText, ended_at: DateTimeText,
	outcome: z.enum(['trained', 'reused', 'cancelled', 'failed']), error: z.string().nullable(),
	products: z.number().int(), examples: z.number().int(), epochs: z.number().int(), loss: z.array(z.number().nullable()),
	millis: z.record(z.string(), z.number())
}).meta({ id: 'TrainingLog' });

export const TrainingLogList = z.array(TrainingLogOut).meta({ id: 'TrainingLogList', description: 'Newest first' });
export const LimitQuery = z.object({ limit: Limit(50, 500) });

export const AccuracyOut = z.object({
	days: z.number().int().describe('Days of the run that have passed (up to the last day with sales)'),
	forecast_units: z.number(), actual_units: z.number(),
	total_error: z.number().nullable().describe('|actual - forecast| of the total over those days / actual (null when nothing sold)'),
	coverage: z.number().describe('Share of product-days with P10 <= sold <= P90')
}).meta({ id: 'RunAccuracy' });

export const ForecastRunOut = z.object({
	id: z.string(), model_id: z.string(), created_at: DateTimeText, from: DateText, horizon: z.number().int(), products: z.number().int(),
	accuracy: AccuracyOut.nullable().describe('How it did on the days that have passed; null before its first day has passed')
}).meta({ id: 'ForecastRun', description: 'A stored run (the summary: its days are GET /forecast/{sku})' });

export const ProductAccuracyOut = z.object({
	run_id: z.string(), model_version: z.string(), method: z.string(), from: DateText,
	days: z.number().int(), forecast_units: z.number(), actual_units: z.number(), total_error: z.number().nullable(), coverage: z.number()
}).meta({ id: 'ProductRunAccuracy' });

export const ForecastRunList = z.object({
	last_sale_day: DateText.nullable(),
	runs: z.array(ForecastRunOut),
	product: z.object({ sku: z.string(), accuracy: z.array(ProductAccuracyOut) }).nullable().describe('With ?sku=: that product\'s accuracy in each run (core realizedAccuracy)')
}).meta({ id: 'ForecastRunList', description: 'Stored runs, newest first' });

export const ForecastRunsQuery = z.object({ sku: Sku.optional().describe('Also measure this product in each run'), limit: Limit(12, 12) });

// ---- Trends and reorder ------------------------------------------------------------------------

export const TrendsQuery = z.object({
	as_of: IsoDate.optional().describe('Analyse up to this day (default: the last day with sales)'),
	window: wholeNumber(28, 3660, 'Days for ABC, XYZ and rotation (default 365)').optional(),
	dead_days: wholeNumber(1, 3660, 'Dead stock: on hand and no sale in this many days (default 90)').optional(),
	recent_weeks: wholeNumber(4, 260, 'Recent weeks compared (default 8)').optional(),
	baseline_weeks: wholeNumber(4, 520, 'Earlier weeks they are compared with (default 16)').optional(),
	top: wholeNumber(1, 100_000, 'Length of each list (default 20)').optional()
});

export const TrendsOut = figures('TrendsReport', 'As `inventario trends --json` prints it: ABC/XYZ classes, rotation, growth and decline (Mann-Whitney, Benjamini-Hochberg), profiles, dead stock; product lists as SKUs', {
	asOf: DateText, fromDay: DateText, options: z.looseObject({}), shop: z.looseObject({}),
	products: z.array(z.looseObject({ productId: z.string(), sku: z.string(), name: z.string() })),
	styles: z.array(z.looseObject({ productId: z.string(), sku: z.string(), name: z.string() })).describe('Each style (a product with options) with its variants summed, ranked among the styles and plain products'),
	abcBasis: z.enum(['revenue', 'units']), abcSummary: z.looseObject({}),
	highRotation: z.array(z.string()), lowRotation: z.array(z.string()), growing: z.array(z.string()), declining: z.array(z.string()),
	deadStock: z.array(z.looseObject({ sku: z.string() }))
});

export const ReorderQuery = z.object({
	all: QueryFlag.optional().describe('true: every product, also those with enough stock'),
	service_level: z.coerce.number().gt(0.5, { error: 'must be above 0.5 and below 1' }).lt(1, { error: 'must be above 0.5 and below 1' }).optional()
		.describe('Chance of not running out during a lead time (default 0.95)'),
	cover: wholeNumber(1, 365, 'Days of sales an order covers after it arrives (default 30)').optional()
});

export const RunRefOut = z.object({ id: z.string(), model_id: z.string(), created_at: DateTimeText, from: DateText, horizon: z.number().int() })
	.meta({ id: 'RunRef', description: 'The stored forecast run the answer read' });

export const ReorderOut = figures('ReorderReport', 'As `inventario reorder --json` prints it, from the latest stored forecast run, plus the counts and suppliers its table and CSV use', {
	options: z.looseObject({}), forecastFrom: DateText,
	suggestions: z.array(z.looseObject({ productId: z.string(), sku: z.string(), name: z.string() }).describe('Each suggestion\'s figures, with supplier (its name), stockOutDate and reasonText')),
	purchaseOrders: z.array(z.looseObject({ supplier: z.string() })),
	withoutForecast: z.number().int(),
	counts: z.object({ urgent: z.number().int(), order: z.number().int(), enough: z.number().int() }),
	suppliers: z.array(z.object({ id: z.string(), name: z.string() })),
	run: RunRefOut
});

// ---- Recommendations and segments --------------------------------------------------------------

export const InsightsQuery = z.object({
	top: wholeNumber(1, 100, 'Recommendations per product (default 10)').optional(),
	until: IsoDate.optional().describe('Learn only from sales up to this day (default: the last day with a sale)')
});

const recommendationFields = {
	rank: z.number().int(), sku: z.string(), name: z.string(), score: z.number().describe('Relative within one answer'),
	reason: z.enum(['together', 'similar', 'history', 'popular'])
};

export const ProductRecommendationsOut = z.object({
	sku: z.string(), name: z.string(), learnedUntil: DateText, baskets: z.number().int(),
	recommendations: z.array(z.object({
		...recommendationFields, together: z.number().int(), support: z.number().nullable(), confidence: z.number().nullable(), lift: z.number().nullable()
	}))
}).meta({ id: 'ProductRecommendations', description: 'As `inventario recommend SKU --json` prints it: bought together, with the rule behind each' });

export const AllRecommendationsOut = z.object({
	learnedUntil: DateText, products: z.number().int(), columns: z.array(z.string()),
	rows: z.array(z.tuple([z.string(), z.number(), z.string(), z.number()])).describe('sku, rank, recommended_sku, score')
}).meta({ id: 'AllRecommendations', description: 'Every product\'s recommendations, the rows of `inventario recommend --all`' });

export const CustomerRecommendationsOut = z.object({
	customer: z.string().describe('The customer\'s code'), name: z.string(), learnedUntil: DateText, baskets: z.number().int(),
	recommendations: z.array(z.object(recommendationFields))
}).meta({ id: 'CustomerRecommendations', description: 'Products to offer a customer, from their purchase history' });

export const CodeParams = z.object({ code: z.string().min(1).max(64) });
export const SegmentsQuery = z.object({ until: IsoDate.optional().describe('Segment as of this day (default: the last day with a sale)') });

export const SegmentRowOut = z.object({
	customer_id: z.string().describe('The customer\'s code (their name when they have none)'),
	segment: z.string().describe('VIP, Frecuente, Ocasional, En riesgo, Nuevo or Inactivo'),
	code: z.enum(['vip', 'frequent', 'occasional', 'at_risk', 'new', 'inactive']),
	recency_days: z.number(), frequency: z.number(), monetary: z.number().describe('Spent, in the currency\'s units'),
	ltv: z.number().describe('Lifetime value over the next year, in the currency\'s units'),
	expected_purchases: z.number(), probability_active: z.number()
}).meta({ id: 'SegmentRow' });

export const SegmentList = z.array(SegmentRowOut).meta({ id: 'SegmentList', description: 'Every customer with a purchase, highest lifetime value first: the rows of `inventario segments --out`' });

export const CustomerSegmentOut = SegmentRowOut.extend({ name: z.string(), as_of: DateText }).meta({ id: 'CustomerSegment' });

export const SegmentsReportOut = figures('SegmentsReport', 'As `inventario segments --json` prints it (segments, clusters, who to call back, every customer), plus the silhouette unrounded', {
	asOf: DateText, customers: z.number().int(), k: z.number().int(), silhouette: z.number(), tried: z.array(z.looseObject({})), ltvModel: z.looseObject({}),
	segments: z.array(z.looseObject({ code: z.string(), segment: z.string(), customers: z.number().int() })),
	clusters: z.array(z.looseObject({})),
	callBack: z.array(z.looseObject({ customer_id: z.string() })),
	rows: z.array(z.looseObject({ customer_id: z.string(), segment: z.string() })),
	silhouetteExact: z.number()
});

// ---- Health and alerts -------------------------------------------------------------------------

export const HealthQuery = z.object({
	dead_days: wholeNumber(1, 3660, 'Dead stock: on hand and no sale in this many days (default 90)').optional(),
	cover: wholeNumber(1, 365, 'Days of sales an order covers after it arrives (default 30)').optional(),
	no_forecast: QueryFlag.optional().describe('true: judge running out by sales speed instead of the latest forecast run')
});

export const HealthOut = figures('HealthReport', 'As `inventario health --json` prints it: the shop\'s score and parts, every product\'s score, risks and figures', {
	asOf: DateText, demandBasis: z.enum(['forecast', 'sales_speed']), forecastFrom: DateText.nullable(), options: z.looseObject({}), weights: z.looseObject({}),
	counts: z.looseObject({}).describe('Products per stock verdict (soldOut, runningOut, low, ok, overstock, dead, unknown); toRestock = soldOut + runningOut + low'),
	shop: z.looseObject({ score: z.number(), level: z.string(), weakest: z.string().nullable().describe('The part that caps the score'), parts: z.array(z.looseObject({ part: z.string(), score: z.number() }).describe('With text: the part in a sentence')) }),
	products: z.array(z.looseObject({ sku: z.string(), name: z.string(), score: z.number() }))
});

export const AlertsQuery = HealthQuery.extend({
	kind: z.string().regex(new RegExp(`^(${ALERT_KINDS.join('|')})(,(${ALERT_KINDS.join('|')}))*$`), { error: `must be one or more of ${ALERT_KINDS.join(', ')}, comma-separated` })
		.optional().describe(`Only these kinds (${ALERT_KINDS.join(', ')})`),
	open: QueryFlag.optional().describe('true: leave out dismissed alerts')
});

export const StoredAlertOut = z.looseObject({
	key: z.string().describe('POST /alerts/{key}/dismiss'),
	kind: z.enum(ALERT_KINDS), sku: z.string(), name: z.string(), severity: z.enum(['high', 'medium', 'low']),
	impact: z.number().describe('Money at stake, cents'),
	values: z.record(z.string(), z.unknown()), text: z.string(),
	firstSeenAt: DateTimeText, updatedAt: DateTimeText, dismissedAt: DateTimeText.nullable()
}).meta({ id: 'Alert', description: 'As `inventario alerts --json` prints an alert, with its key and what the owner did' });

export const AlertsOut = z.object({
	asOf: DateText, demandBasis: z.enum(['forecast', 'sales_speed']), forecastFrom: DateText.nullable(), unknownStock: z.number().int(),
	alerts: z.array(StoredAlertOut).describe('Most severe first')
}).meta({ id: 'AlertList', description: 'Recomputed now and stored (a dismissed alert stays dismissed while its condition holds)' });

export const AlertParams = z.object({ key: z.string().min(1).max(200) });

// ---- Dashboard ---------------------------------------------------------------------------------

export const SalesTotalsOut = z.object({
	units: z.number(), revenue: MoneyOutput, cost: MoneyOutput, lines: z.number().int()
}).meta({ id: 'SalesTotals' });

export const DashboardOut = z.object({
	day: DateText.describe('Today, in the shop\'s clock'),
	today: SalesTotalsOut,
	month: SalesTotalsOut.describe('From the first of this month to today'),
	stock_value: MoneyOutput.describe('Stock on hand at cost (positive stock only)'),
	low_stock: z.number().int().describe('Active products at or below their reorder point (not out)'),
	out_of_stock: z.number().int(),
	active_products: z.number().int(),
	health: z.object({ score: z.number(), day: DateText, at: DateTimeText }).nullable().describe('The latest health score (null before there are sales to judge)'),
	open_alerts: z.number().int()
}).meta({ id: 'Dashboard' });
