// inventario trends [--json]: ABC/XYZ classes, rotation, growth and decline, profiles, dead stock.
import type { DayNumber } from '../../core/brand';
import { trendsReport, type TrendsJson } from '../../core/reports/trends';
import type { InventoryRepository } from '../../core/repository';
import { isoDay, parseIsoDay } from '../../core/time';
import { readChange, type UnsureReason } from '../../core/trends/change';
import type { GrowthResult } from '../../core/trends/growth';
import { DEFAULT_TRENDS_OPTIONS } from '../../core/trends/report';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson, printTable } from '../output';

/** A whole-number option within [min, max], or a usage error that names it. */
export function wholeNumberOption(values: Record<string, string | boolean | undefined>, name: string, min: number, max: number): number | undefined {
	const raw = values[name];
	if (raw === undefined) return undefined;
	const n = Number(raw);
	if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim()) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${String(raw)}"`);
	return n;
}

/** A YYYY-MM-DD option as a day, or a usage error. */
export function dayOption(values: Record<string, string | boolean | undefined>, name: string): DayNumber | undefined {
	const raw = values[name];
	if (raw === undefined) return undefined;
	const d = typeof raw === 'string' ? parseIsoDay(raw) : null;
	if (d === null) throw new UsageError(`--${name} must be a date as YYYY-MM-DD, not "${String(raw)}"`);
	return d;
}

const money = (cents: number) => (cents / 100).toFixed(2);
const pText = (p: number) => (p < 0.001 ? '<0.001' : p.toFixed(3));
const fixed = (v: number | null, digits = 1) => (v === null ? '' : v.toFixed(digits));
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const UNSURE_WHY: Record<UnsureReason, string> = {
	few_sales: 'too few weeks with sales',
	many_products: 'a change this size shows by chance in some products of a catalogue',
	uneven: 'the weeks are too uneven'
};

/** A growth test in words: what changed, by how much, and how sure. */
export function growthText(g: GrowthResult, unit = 'units'): string {
	const p = g.pValue === null ? '' : g.pValue < 0.001 ? 'p < 0.001' : `p = ${g.pValue.toFixed(3)}`;
	// q differs from p only where many products were tested at once.
	const q = g.qValue === null || g.qValue === g.pValue ? '' : `, q = ${pText(g.qValue)}`;
	const means = `${fixed(g.recentMean)} ${unit}/week in the last ${g.recentWeeks} weeks against ${fixed(g.baselineMean)} in the ${g.baselineWeeks} before`;
	switch (g.direction) {
		case 'growth': return `growing: ${means} (${p}${q})`;
		case 'decline': return `declining: ${means} (${p}${q})`;
		// A large move the test cannot confirm is "not sure yet", never "no change" (core/trends/change.ts).
		case 'no_clear_change': {
			const reading = readChange(g, DEFAULT_TRENDS_OPTIONS.significance);
			return reading.verdict === 'unsure' ? `not sure yet (${UNSURE_WHY[reading.reason!]}): ${means} (${p}${q})` : `no big change: ${means} (${p}${q})`;
		}
		case 'insufficient_data': return `not enough weeks to tell (${g.recentWeeks} recent, ${g.baselineWeeks} earlier; 4 of each needed)`;
	}
}

/** Prints the report as `inventario trends` does: the JSON with --json, else the tables. */
export function printTrends(report: TrendsJson, values: Record<string, unknown>, out: (line: string) => void) {
	if (values.json) printJson(report, out);
	else printReport(report, out);
}

function printReport(report: TrendsJson, out: (line: string) => void) {
	const bySku = new Map(report.products.map((p) => [p.sku, p]));
	const shop = report.shop;
	out(`Trends as of ${report.asOf}, window ${report.fromDay} .. ${report.asOf} (${shop.openDays} days with sales)`);
	out(`Shop: ${fixed(shop.units, 0)} units, revenue ${money(shop.revenue)}`);
	out(`  units   ${growthText(shop.unitsTrend)}`);
	if (shop.revenue !== 0) out(`  revenue ${growthText({ ...shop.revenueTrend, recentMean: shop.revenueTrend.recentMean / 100, baselineMean: shop.revenueTrend.baselineMean / 100 }, 'money')}`);
	out(`  weekday index (1 = average day): ${shop.profile.weekday.map((b, i) => `${WEEKDAYS[i]} ${fixed(b.index, 2)}`).join('  ')}`);
	out(`  month index: ${shop.profile.month.map((b, i) => `${MONTHS[i]} ${b.index === null ? '-' : fixed(b.index, 2)}`).join('  ')}`);
	out('');
	const basis = report.abcBasis === 'revenue' ? 'revenue' : 'units (the sales carry no prices)';
	const shareColumn = report.abcBasis === 'revenue' ? 'revenue_share' : 'units_share';
	out(`ABC by ${basis}: A = first 80%, B = next 15%, C = last 5%`);
	printTable((['A', 'B', 'C'] as const).map((c) => ({ class: c, products: report.abcSummary[c].products, [shareColumn]: `${(report.abcSummary[c].revenueShare * 100).toFixed(1)}%` })), ['class', 'products', shareColumn], out);
	const xyzCounts = { X: 0, Y: 0, Z: 0, none: 0 };
	for (const p of report.products) xyzCounts[p.xyz ?? 'none']++;
	out(`XYZ by weekly variation (X: CV <= 0.5, Y: <= 1, Z: above): X ${xyzCounts.X}, Y ${xyzCounts.Y}, Z ${xyzCounts.Z}, unclassed ${xyzCounts.none}`);
	const productRows = (skus: string[]) => skus.map((sku) => bySku.get(sku)!).map((p) => ({
		sku: p.sku, name: p.name, class: `${p.abc}${p.xyz ?? '-'}`, units_per_day: Number(p.rotation.unitsPerDay.toFixed(2)),
		selling_days: `${(p.rotation.sellingDaysShare * 100).toFixed(0)}%`, on_hand: p.onHand, days_of_cover: fixed(p.rotation.daysOfCover, 0),
		last_sale_days_ago: p.rotation.daysSinceLastSale ?? '', trend: growthText(p.trend).split(':')[0]
	}));
	const rotationColumns = ['sku', 'name', 'class', 'units_per_day', 'selling_days', 'on_hand', 'days_of_cover', 'last_sale_days_ago', 'trend'];
	const section = (title: string, rows: Record<string, string | number>[], columns: string[], empty: string) => {
		out('');
		out(title);
		if (rows.length) printTable(rows, columns, out);
		else out(`  ${empty}`);
	};
	section('High rotation (sold on the most days):', productRows(report.highRotation), rotationColumns, 'none');
	section('Low rotation (sold, but on the fewest days):', productRows(report.lowRotation), rotationColumns, 'none');
	const trendRows = (skus: string[]) => skus.map((sku) => bySku.get(sku)!).map((p) => ({
		sku: p.sku, name: p.name, recent_per_week: Number(p.trend.recentMean.toFixed(1)), earlier_per_week: Number(p.trend.baselineMean.toFixed(1)),
		change: p.trend.ratio === null ? 'new' : `${((p.trend.ratio - 1) * 100).toFixed(0)}%`, p_value: pText(p.trend.pValue!), q_value: pText(p.trend.qValue!)
	}));
	const trendColumns = ['sku', 'name', 'recent_per_week', 'earlier_per_week', 'change', 'p_value', 'q_value'];
	const o = report.options;
	section(`Growing (last ${o.recentWeeks} weeks against the ${o.baselineWeeks} before, Mann-Whitney, Benjamini-Hochberg q < ${o.significance}):`, trendRows(report.growing), trendColumns, 'no product with a clear rise');
	section('Declining:', trendRows(report.declining), trendColumns, 'no product with a clear fall');
	section(`Dead stock (on hand, no sale in ${o.deadStockDays} days or more):`, report.deadStock.map((d) => ({
		sku: d.sku, name: bySku.get(d.sku)!.name, on_hand: d.onHand,
		last_sale: d.lastSaleDay === null ? 'never' : isoDay(d.lastSaleDay as DayNumber), value_at_cost: money(d.valueAtCost)
	})), ['sku', 'name', 'on_hand', 'last_sale', 'value_at_cost'], 'none');
}

/** The options given, checked (usage errors name the option); those not given are left out. */
export function trendsOptionsFrom(values: Record<string, string | boolean | undefined>) {
	const options = {
		asOf: dayOption(values, 'as-of'),
		windowDays: wholeNumberOption(values, 'window', 28, 3660),
		deadStockDays: wholeNumberOption(values, 'dead-days', 1, 3660),
		recentWeeks: wholeNumberOption(values, 'recent-weeks', 4, 260),
		baselineWeeks: wholeNumberOption(values, 'baseline-weeks', 4, 520),
		listSize: wholeNumberOption(values, 'top', 1, 100_000)
	};
	return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<typeof options>;
}

export const trendsCommand: Command = {
	name: 'trends',
	summary: 'ABC/XYZ classes, fast and slow sellers, growth and decline, weekday profile, dead stock',
	usage: `inventario trends [--json] [--as-of DATE] [--window DAYS] [--dead-days N] [--recent-weeks N] [--baseline-weeks N] [--top N] [--db FILE]

  ABC: products ranked by revenue in the window; A until 80% of it, B to 95%, C the rest.
  XYZ: coefficient of variation of weekly units (open weeks since the product's first sale):
       X up to 0.5, Y up to 1, Z above; unclassed with fewer than 4 weeks or no sales.
  Growth: the last N weeks against the weeks before, Mann-Whitney U test on weekly units
       (weeks the shop was shut left out); "not sure yet" (or "no big change" within 25 %) unless p < 0.05, and for products
       unless q < 0.05 after the Benjamini-Hochberg adjustment for testing the whole catalogue.
  --as-of DATE         analyse up to this day (default: the last day with sales)
  --window DAYS        days for ABC, XYZ and rotation (default 365, at least 28)
  --dead-days N        dead stock: on hand and no sale in N days (default 90)
  --recent-weeks N     recent weeks compared (default 8)
  --baseline-weeks N   earlier weeks they are compared with (default 16)
  --top N              length of each list (default 20)
  --json               the whole report, every product, as JSON
  --db FILE            SQLite file (default ./inventario.db)`,
	options: {
		json: { type: 'boolean' }, 'as-of': { type: 'string' }, window: { type: 'string' }, 'dead-days': { type: 'string' },
		'recent-weeks': { type: 'string' }, 'baseline-weeks': { type: 'string' }, top: { type: 'string' }
	},
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values, positionals } = parseCommandArgs(argv, this.options);
		if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
		printTrends(await trendsReport(repo, trendsOptionsFrom(values)), values, out);
		return 0;
	}
};
