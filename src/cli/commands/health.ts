// inventario health [--json]: the inventory health score of the shop and of each product, with
// what costs it points. Shares its options and loading with `inventario alerts`.
import type { AlertKind } from '../../core/health/alerts';
import { ALERT_NAMES, PART_NAMES } from '../../core/health/explain';
import { DEFAULT_HEALTH_OPTIONS, HEALTH_PARTS, PART_WEIGHTS } from '../../core/health/score';
import { healthJson, loadHealthReport, type HealthJson, type HealthReportOptions } from '../../core/reports/health';
import type { InventoryRepository } from '../../core/repository';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson, printTable } from '../output';
import { forecastsForReorder, horizonFor } from './reorder';

export { healthJson };
import { wholeNumberOption } from './trends';

export const HEALTH_OPTIONS = { json: { type: 'boolean' }, 'no-forecast': { type: 'boolean' }, 'dead-days': { type: 'string' }, cover: { type: 'string' } } as const;

export const HEALTH_OPTIONS_HELP = `  --no-forecast        judge running out by each product's sales speed instead of forecasting
                       (much faster; the app does the same until a forecast has been trained)
  --dead-days N        dead stock: on hand and no sale in N days (default ${DEFAULT_HEALTH_OPTIONS.deadStockDays})
  --cover DAYS         days of sales an order covers after it arrives (default ${DEFAULT_HEALTH_OPTIONS.targetCoverDays})
  --db FILE            SQLite file (default ./inventario.db)`;

/** The shared options as the report builder takes them (usage errors name the option). */
export function healthOptionsFrom(values: Record<string, string | boolean | undefined>): HealthReportOptions {
	return {
		deadStockDays: wholeNumberOption(values, 'dead-days', 1, 3660) ?? DEFAULT_HEALTH_OPTIONS.deadStockDays,
		targetCoverDays: wholeNumberOption(values, 'cover', 1, 365) ?? DEFAULT_HEALTH_OPTIONS.targetCoverDays
	};
}

/** Parses the shared options, forecasts (unless --no-forecast) as `inventario reorder` does, and reports. */
export async function healthFromArgs(repo: InventoryRepository, argv: string[], extra: Command['options'] = {}) {
	const { values, positionals } = parseCommandArgs(argv, { ...HEALTH_OPTIONS, ...extra });
	if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
	const options = healthOptionsFrom(values);
	const forecasts = values['no-forecast'] ? null : await forecastsForReorder(repo, await horizonFor(repo, options.targetCoverDays));
	return { ...(await loadHealthReport(repo, forecasts, options)), values };
}

/** Said once when some products' stock is negative, so the missing stock-out alerts are explained. */
export const unknownStockLine = (unknownStock: number) =>
	unknownStock > 0
		? `Note: ${unknownStock} product${unknownStock === 1 ? ' has' : 's have'} negative stock on hand (sales recorded without their purchases); running out is not judged for them until their stock is counted.`
		: null;

/** How stock-outs were judged, in one line. */
export const basisLine = (demandBasis: HealthJson['demandBasis'], forecastFrom: string | null) =>
	demandBasis === 'forecast' && forecastFrom !== null
		? `running out judged on the forecast from ${forecastFrom}`
		: 'running out judged on each product\'s sales speed (no forecast)';

const fixed = (v: number | null, digits = 1) => (v === null ? '' : v.toFixed(digits));

/** Prints the report as `inventario health` does: the JSON with --json, else the parts and the lowest-scoring products (--top N). */
export function printHealth(report: HealthJson, values: Record<string, string | boolean | undefined>, out: (line: string) => void) {
	if (values.json) {
		printJson(report, out);
		return;
	}
	const top = wholeNumberOption(values, 'top', 1, 100_000) ?? 20;
	const shop = report.shop;
	out(`Inventory health as of ${report.asOf}: ${shop.score}/100 (${shop.level}), ${shop.products} products; ${basisLine(report.demandBasis, report.forecastFrom)}.`);
	const note = unknownStockLine(shop.unknownStock);
	if (note) out(note);
	out('');
	printTable(shop.parts.map((p) => ({
		part: PART_NAMES[p.part], score: p.score, points_lost: `${fixed(p.pointsLost)} of ${PART_WEIGHTS[p.part]}`, why: p.text
	})), ['part', 'score', 'points_lost', 'why'], out);
	const below = report.products.filter((p) => p.score < 100);
	const worst = below.slice(0, top);
	out('');
	out(worst.length ? `Lowest-scoring products (${worst.length} of ${below.length} below 100):` : 'Every product scores 100.');
	if (worst.length) {
		printTable(worst.map((p) => ({
			sku: p.sku, name: p.name, score: p.score,
			...Object.fromEntries(HEALTH_PARTS.map((part) => [PART_NAMES[part].replaceAll(' ', '_'), Number(p.risks[part].toFixed(2))])),
			on_hand: p.onHand, cover_days: fixed(p.coverDays, 0), last_sale_days_ago: p.daysSinceLastSale ?? 'never',
			alerts: p.alerts.map((kind) => ALERT_NAMES[kind as AlertKind]).join(', ')
		})), ['sku', 'name', 'score', ...HEALTH_PARTS.map((part) => PART_NAMES[part].replaceAll(' ', '_')), 'on_hand', 'cover_days', 'last_sale_days_ago', 'alerts'], out);
	}
}

export const healthCommand: Command = {
	name: 'health',
	summary: 'Inventory health 0-100 for the shop and each product: running out, overstock, dead stock, turnover',
	usage: `inventario health [--json] [--top N] [--no-forecast] [--dead-days N] [--cover DAYS] [--db FILE]

  Each product loses points for four risks, each from 0 to 1 (docs/health-and-alerts.md):
    running out (${PART_WEIGHTS.stockOut}): 1 if it runs out before an order placed today arrives, 0 if it
                     lasts the lead time plus the cover, linear between;
    too much stock (${PART_WEIGHTS.overstock}): cover beyond ${DEFAULT_HEALTH_OPTIONS.overstockFactor}x (lead time + cover) starts at 0, 1 at twice that;
    dead stock (${PART_WEIGHTS.deadStock}): 1 on hand with no sale in the dead-stock days, rising from half of them;
    turnover (${PART_WEIGHTS.turnover}): 1 - (times a year it sells through) / ${DEFAULT_HEALTH_OPTIONS.healthyTurnover}.
  score = 100 - sum of weight x risk. The shop's risks are the products' weighted by what is at
  stake: sales for running out, stock at cost for the others. 80+ good, 50-79 fair, below 50 poor.
  Forecasts as inventario reorder does (the engine over every product) unless --no-forecast.
  --json               the shop's score and parts, and every product's score, risks and figures
  --top N              lowest-scoring products listed (default 20)
${HEALTH_OPTIONS_HELP}`,
	options: { ...HEALTH_OPTIONS, top: { type: 'string' } },
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values } = parseCommandArgs(argv, this.options);
		wholeNumberOption(values, 'top', 1, 100_000);
		const { report, forecastFrom } = await healthFromArgs(repo, argv, { top: { type: 'string' } });
		printHealth(healthJson(report, forecastFrom), values, out);
		return 0;
	}
};
