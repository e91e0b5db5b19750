// inventario alerts [--json]: what needs the owner now, most severe first. The same rules as the
// app's alerts; the app stores them so they can be dismissed, the CLI lists them as they stand.
import { ALERT_KINDS, type Alert, type AlertKind } from '../../core/health/alerts';
import { ALERT_NAMES } from '../../core/health/explain';
import { alertJson, alertsJson, type AlertsJson } from '../../core/reports/health';
import type { InventoryRepository } from '../../core/repository';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson, printTable } from '../output';
import { basisLine, HEALTH_OPTIONS, HEALTH_OPTIONS_HELP, healthFromArgs, unknownStockLine } from './health';

export { alertJson };

/** --kind K,...: the alert kinds asked for (null: all). */
export function parseKinds(raw: unknown): Set<AlertKind> | null {
	if (raw === undefined) return null;
	const kinds = String(raw).split(',').map((k) => k.trim()).filter((k) => k !== '');
	const unknown = kinds.find((k) => !(ALERT_KINDS as readonly string[]).includes(k));
	if (unknown !== undefined || kinds.length === 0) throw new UsageError(`--kind must be one or more of ${ALERT_KINDS.join(', ')} (comma-separated), not "${String(raw)}"`);
	return new Set(kinds as AlertKind[]);
}

/** Prints the alerts as `inventario alerts` does: the JSON with --json, else the count and the table. */
export function printAlerts(report: AlertsJson, values: Record<string, unknown>, out: (line: string) => void) {
	if (values.json) {
		printJson(report, out);
		return;
	}
	const { alerts } = report;
	const count = (s: Alert['severity']) => alerts.filter((a) => a.severity === s).length;
	out(`${alerts.length} alerts as of ${report.asOf}: ${count('high')} high, ${count('medium')} medium, ${count('low')} low; ${basisLine(report.demandBasis, report.forecastFrom)}.`);
	const note = unknownStockLine(report.unknownStock);
	if (note) out(note);
	if (alerts.length) {
		out('');
		printTable(alerts.map((a) => ({ severity: a.severity, alert: ALERT_NAMES[a.kind], sku: a.sku, name: a.name, why: a.text })), ['severity', 'alert', 'sku', 'name', 'why'], out);
	}
}

export const alertsCommand: Command = {
	name: 'alerts',
	summary: 'What needs attention: running out, low stock, demand changes, dead stock, overstock',
	usage: `inventario alerts [--json] [--kind K,...] [--no-forecast] [--dead-days N] [--cover DAYS] [--db FILE]

  One alert per product and kind, most severe first, then most money at stake:
    oversold (high)            stock below zero: more sold than held (two tablets sold the
                               last units offline, or goods arrived unrecorded)
    sold_out (high/low)        nothing on the shelf; high while it sells
    stockout_predicted (high)  runs out before an order placed today would arrive (lead time)
    low_stock (high if none left, else medium)  stock plus stock on order at or below the
                               reorder point (the owner's, else the forecast's)
    demand_change (medium if up, low if down)  growth or decline by the trends test (q < 0.05),
                               or the days since the forecast sold beyond its P90
    dead_stock (medium)        on hand and no sale in the dead-stock days
    overstock (low)            cover beyond 3x (lead time + cover days)
  --json               every alert with its figures and sentence; SKUs are the shop's codes
  --kind K,...         only these kinds
${HEALTH_OPTIONS_HELP}`,
	options: { ...HEALTH_OPTIONS, kind: { type: 'string' } },
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values } = parseCommandArgs(argv, this.options);
		const kinds = parseKinds(values.kind);
		const { report, forecastFrom } = await healthFromArgs(repo, argv, { kind: { type: 'string' } });
		printAlerts(alertsJson(report, forecastFrom, report.alerts.filter((a) => kinds === null || kinds.has(a.kind)).map(alertJson)), values, out);
		return 0;
	}
};
