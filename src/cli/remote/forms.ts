// Each command's remote form: the same options, parsed by the command's own spec (so the usage
// errors are the local ones), sent to the shop server's /api/v1, and the answer printed with the
// command's own printer, so `inventario stock --server URL` prints what `inventario stock` does.
import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { HttpClient } from '../../client/api-client';
import * as api from '../../client/analytics';
import { REJECTS_CSV_ROWS } from '../../core/api/transfer';
import { stockLevels } from '../../client/resources';
import { exportCsv, importCsv } from '../../client/transfer';
import type { DayNumber } from '../../core/brand';
import type { ProductForecastItem } from '../../core/reports/forecast';
import type { AlertsJson, HealthJson } from '../../core/reports/health';
import type { RecommendationsJson, SegmentsReport } from '../../core/reports/insights';
import type { ReorderReport } from '../../core/reports/reorder';
import type { TrendsJson } from '../../core/reports/trends';
import { isoDay } from '../../core/time';
import { parseCommandArgs, UsageError } from '../args';
import { exportArgs, exportCommand, wroteLine } from '../commands/export';
import { alertsCommand, parseKinds, printAlerts } from '../commands/alerts';
import { forecastArgs, forecastCommand, printForecast, printTotalForecast } from '../commands/forecast';
import { healthCommand, healthOptionsFrom, printHealth } from '../commands/health';
import { importCommand, importFile, importOverrides, printImport } from '../commands/import';
import { printAllRecommendations, printRecommendations, recommendArgs, recommendCommand } from '../commands/recommend';
import { printReorder, reorderCommand } from '../commands/reorder';
import { printSegments, segmentsCommand } from '../commands/segments';
import { parseUntil } from '../commands/insights-data';
import { printTrends, trendsCommand, trendsOptionsFrom, wholeNumberOption } from '../commands/trends';
import { printStock, stockCommand } from '../commands/stock';
import type { CliIo } from './io';

type Out = (line: string) => void;
type Values = Record<string, string | boolean | undefined>;

export type RemoteForm = (client: HttpClient, argv: string[], out: Out, io: CliIo) => Promise<number>;

async function stock(client: HttpClient, argv: string[], out: Out) {
	const { values, positionals } = parseCommandArgs(argv, stockCommand.options);
	if (positionals.length > 1) throw new UsageError(`expected at most one SKU, got ${positionals.length}`);
	const rows = await stockLevels(client, { sku: positionals[0], low: values.low === true });
	printStock(rows, values, out);
	return 0;
}

async function exportFile(client: HttpClient, argv: string[], out: Out) {
	const { kind, delimiter, decimal, file } = exportArgs(argv, exportCommand.options);
	const download = await exportCsv(client, kind, { delimiter: delimiter === '\t' ? 'tab' : delimiter, decimal });
	const bytes = Readable.fromWeb(download.body as WebReadableStream<Uint8Array>);
	if (file !== undefined) {
		await pipeline(bytes, createWriteStream(file));
		out(wroteLine(kind, download.rows, file));
	} else {
		// As locally: the file without its final CRLF (`out` ends the line).
		const text = Buffer.concat(await bytes.toArray()).toString('utf8');
		out(text.endsWith('\r\n') ? text.slice(0, -2) : text);
	}
	return 0;
}

/** The file streamed as the request body (POST /import); --rejects written from the answer. */
async function importSales(client: HttpClient, argv: string[], out: Out) {
	const { values, positionals } = parseCommandArgs(argv, importCommand.options);
	const file = importFile(positionals);
	const o = importOverrides(values);
	const upload = () => Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array>;
	const result = await importCsv(client, upload, { source: basename(file), map: o.map, delimiter: o.delimiter, decimal: o.decimal, date_format: o.dateFormat, exclude: o.exclude });
	const rejectsFile = values.rejects === undefined ? undefined : String(values.rejects);
	if (rejectsFile !== undefined) writeFileSync(rejectsFile, '\uFEFF' + result.rejects_csv);
	printImport(result, { file, json: values.json === true, rejectsFile }, out);
	if (rejectsFile !== undefined && result.rejected > REJECTS_CSV_ROWS) out(`(The server sends the first ${REJECTS_CSV_ROWS} rejected rows: ${rejectsFile} holds those of the ${result.rejected}.)`);
	return 0;
}

/** A day number as the API writes days. */
const dateOf = (day: number | undefined) => (day === undefined ? undefined : isoDay(day as DayNumber));

function noArguments(positionals: string[]) {
	if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
}

/** Options a command has that its remote form cannot honour: the server answers from its own trained forecast. */
function localOnlyOptions(values: Values, names: string[], why: string) {
	const given = names.find((n) => values[n] !== undefined);
	if (given) throw new UsageError(`--${given} is not available with --server: ${why}`);
}

/**
 * A report that needs the shop's trained forecast: when the server has none yet, the training
 * is started (or joined) and waited for, as the local command forecasts before it reports.
 */
async function withForecast<T>(client: HttpClient, io: CliIo, ask: () => Promise<T>): Promise<T> {
	try {
		return await ask();
	} catch (e) {
		if (!api.needsForecast(e)) throw e;
	}
	io.prompt('The server has no trained forecast yet: training one (this takes a while)...\n');
	let shown = -1;
	await api.trainAndWait(client, (job) => {
		const percent = Math.floor(job.progress * 10) * 10;
		if (percent > shown) io.prompt(`  ${percent}%\n`);
		shown = Math.max(shown, percent);
	});
	return ask();
}

async function forecast(client: HttpClient, argv: string[], out: Out, io: CliIo) {
	const { values, positionals, horizon } = forecastArgs(argv, forecastCommand.options);
	localOnlyOptions(values, ['from', 'method', 'override', 'weekly'], 'the server forecasts from its latest trained run');
	if (values.total) {
		const category = typeof values.category === 'string' ? values.category : undefined;
		const total = await withForecast(client, io, () => api.totalForecast(client, { scope: category === undefined ? 'shop' : 'category', category, horizon }));
		printTotalForecast(total, values, out);
		return 0;
	}
	if (values.all) {
		const all = await withForecast(client, io, () => api.catalogForecast(client, { horizon }));
		printForecast({ from: all.from, horizon: all.horizon, items: all.items as ProductForecastItem[] }, values, out);
		return 0;
	}
	const one = await withForecast(client, io, () => api.productForecast(client, positionals[0], { horizon }));
	const column = (k: 'p10' | 'p50' | 'p90' | 'mean') => one.days.map((d) => d[k]);
	const item: ProductForecastItem = {
		sku: one.sku, from: one.from, method: one.method, modelVersion: one.model_version,
		p10: column('p10'), p50: column('p50'), p90: column('p90'), mean: column('mean'), backtest: one.backtest as ProductForecastItem['backtest']
	};
	printForecast({ from: one.from, horizon: one.horizon, items: [item] }, values, out);
	return 0;
}

async function trends(client: HttpClient, argv: string[], out: Out) {
	const { values, positionals } = parseCommandArgs(argv, trendsCommand.options);
	noArguments(positionals);
	const o = trendsOptionsFrom(values);
	const report = await api.trends(client, { as_of: dateOf(o.asOf), window: o.windowDays, dead_days: o.deadStockDays, recent_weeks: o.recentWeeks, baseline_weeks: o.baselineWeeks, top: o.listSize });
	printTrends(report as unknown as TrendsJson, values, out);
	return 0;
}

async function reorder(client: HttpClient, argv: string[], out: Out, io: CliIo) {
	const { values, positionals } = parseCommandArgs(argv, reorderCommand.options);
	noArguments(positionals);
	const level = values['service-level'] === undefined ? undefined : String(values['service-level']).trim();
	const serviceLevel = level?.endsWith('%') ? Number(level.slice(0, -1)) / 100 : level;
	const report = await withForecast(client, io, () => api.reorder(client, { all: values.all === true, service_level: serviceLevel, cover: wholeNumberOption(values, 'cover', 1, 365) }));
	printReorder(report as unknown as ReorderReport, values, out);
	return 0;
}

async function recommend(client: HttpClient, argv: string[], out: Out) {
	const { values, sku, top, until } = recommendArgs(argv, recommendCommand.options);
	const query = { top, until: dateOf(until) };
	if (sku === undefined) printAllRecommendations(await api.allRecommendations(client, query), values, out);
	else printRecommendations(await api.productRecommendations(client, sku, query) as RecommendationsJson, values, out);
	return 0;
}

async function segments(client: HttpClient, argv: string[], out: Out) {
	const { values, positionals } = parseCommandArgs(argv, segmentsCommand.options);
	if (positionals.length) throw new UsageError(`segments takes no arguments, got: ${positionals.join(' ')}`);
	const report = await api.segmentsReport(client, { until: dateOf(parseUntil(values.until)) });
	printSegments(report as unknown as SegmentsReport, values, out);
	return 0;
}

/** The query health and alerts share: the same checks as the local options. */
function healthQuery(values: Values) {
	const o = healthOptionsFrom(values);
	return { dead_days: o.deadStockDays, cover: o.targetCoverDays, no_forecast: values['no-forecast'] === true ? 'true' : undefined };
}

async function health(client: HttpClient, argv: string[], out: Out) {
	const { values, positionals } = parseCommandArgs(argv, healthCommand.options);
	noArguments(positionals);
	wholeNumberOption(values, 'top', 1, 100_000);
	printHealth(await api.health(client, healthQuery(values)) as unknown as HealthJson, values, out);
	return 0;
}

async function alerts(client: HttpClient, argv: string[], out: Out) {
	const { values, positionals } = parseCommandArgs(argv, alertsCommand.options);
	noArguments(positionals);
	const kinds = parseKinds(values.kind);
	const report = await api.alerts(client, { ...healthQuery(values), kind: kinds === null ? undefined : [...kinds].join(',') });
	// As the local command lists them: without what the server keeps of each (key, seen, dismissed).
	const listed = report.alerts.map(({ key: _key, firstSeenAt: _first, updatedAt: _updated, dismissedAt: _dismissed, ...alert }) => alert);
	printAlerts({ ...report, alerts: listed } as unknown as AlertsJson, values, out);
	return 0;
}

/** The commands that run against a server, by name; the others run locally only. */
export const REMOTE_FORMS: Partial<Record<string, RemoteForm>> = {
	stock, import: importSales, export: exportFile, forecast, trends, reorder, recommend, segments, health, alerts
};
