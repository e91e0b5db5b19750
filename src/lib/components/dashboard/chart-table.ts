// A chart's data as a table: what its text alternative shows (formatted in the chosen locale) and
// what its "CSV" button downloads (exact values: money in currency units with two decimals,
// shares as percentages, days as YYYY-MM-DD). One description per chart serves both, so the table
// and the file never disagree with each other.
import type { DayNumber } from '$core/brand';
import { BOM, CRLF, formatRow, money, type CsvCell, type CsvOptions } from '$core/export/csv-writer';
import { isoDay } from '$core/time';

export type ColumnKind = 'text' | 'money' | 'number' | 'percent' | 'day';

export interface TableColumn {
	label: string;
	kind: ColumnKind;
}

/** A cell: text, a number (money in cents, percent as a 0..1 share, day as a DayNumber) or nothing. */
export type TableValue = string | number | null;

export interface TableRow {
	cells: TableValue[];
	/** Where the row leads (the same place a click on its bar goes). */
	href?: string;
}

export interface ChartTable {
	columns: TableColumn[];
	rows: TableRow[];
}

export interface CellFormat {
	money: (cents: number) => string;
	number: (n: number) => string;
	percent: (share: number) => string;
	day: (day: DayNumber) => string;
}

/** A cell as the text alternative shows it. */
export function formatCell(value: TableValue, kind: ColumnKind, format: CellFormat): string {
	if (value === null) return '—';
	if (typeof value === 'string') return value;
	switch (kind) {
		case 'money': return format.money(value);
		case 'percent': return format.percent(value);
		case 'day': return format.day(value as DayNumber);
		default: return format.number(value);
	}
}

function csvCell(value: TableValue, kind: ColumnKind): CsvCell {
	if (value === null || typeof value === 'string') return value;
	switch (kind) {
		case 'money': return money(value);
		// Two decimals of a percentage: exact enough for a spreadsheet, free of float noise.
		case 'percent': return Math.round(value * 10_000) / 100;
		case 'day': return isoDay(value as DayNumber);
		default: return value;
	}
}

/**
 * The table as a CSV file's text. Headers of money and percent columns say their unit
 * ("Ventas (EUR)", "Parte (%)") since the cells carry bare numbers.
 */
export function tableCsv(table: ChartTable, options: CsvOptions, currency: string): string {
	const header = table.columns.map((c) => (c.kind === 'money' ? `${c.label} (${currency})` : c.kind === 'percent' ? `${c.label} (%)` : c.label));
	const lines = [formatRow(header, options), ...table.rows.map((r) => formatRow(r.cells.map((v, i) => csvCell(v, table.columns[i].kind)), options))];
	return BOM + lines.join(CRLF) + CRLF;
}
