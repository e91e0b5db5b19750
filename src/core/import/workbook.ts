// An Excel workbook's sheets as the import reads them: each typed cell written as text in one
// fixed, unambiguous form (numbers with a '.' decimal and no grouping, dates as ISO
// yyyy-mm-dd hh:mm:ss, times as hh:mm:ss), so the CSV detection and engine read a workbook
// exactly — a date cell is never re-read from locale text as dd/mm or mm/dd — and the sheet that
// looks most like sales is offered first. The workbook itself is unzipped and parsed by
// read-excel-file in the import worker; this file only sees its cell values.
import { sniffRows } from './sniff';
import type { FileSniff } from './types';

/** A cell as read-excel-file gives it: text, number, boolean, date (wall clock as UTC) or empty. */
export type WorkbookCell = string | number | boolean | Date | null | undefined;

export interface WorkbookSheet {
	name: string;
	/** Every row of the sheet as text cells (see cellText), in sheet order from row 1. */
	rows: string[][];
}

/** What the wizard lists to choose from. */
export interface SheetSummary {
	name: string;
	/** Rows below the detected header. */
	dataRows: number;
	/** Sales-likeness: higher is more like a sales list (a date, a product, amounts). */
	score: number;
}

/** Rows of a sheet read for detection and sheet choice (a text file's 64 KB sample is a few hundred rows). */
export const SNIFF_ROWS = 1000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A number as the engine reads it with decimal '.': what Excel shows (15 significant digits), never an exponent. */
export function numberText(n: number): string {
	if (!Number.isFinite(n)) return '';
	// Doubles written by a spreadsheet carry binary dust (12.300000000000001); Excel itself keeps 15 digits.
	const v = Number(n.toPrecision(15));
	const plain = String(v);
	if (!/e/i.test(plain)) return plain;
	return Math.abs(v) < 1 ? v.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : BigInt(Math.round(v)).toString();
}

/** Milliseconds rounded to the second: serial dates are fractions of a day and come back a millisecond short. */
const toSecond = (ms: number) => Math.round(ms / 1000) * 1000;

/** A date cell: ISO day, with the time when it has one; a time-only cell (Excel's day 0) as hh:mm:ss. */
export function dateText(d: Date): string {
	const ms = d.getTime();
	if (Number.isNaN(ms)) return '';
	const at = new Date(toSecond(ms));
	const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
	// Excel's serial 0 is 1899-12-30 (the 1900 leap-year bug): a cell that holds only a time lands there or on the 31st.
	if (at.getUTCFullYear() === 1899 && at.getUTCMonth() === 11 && at.getUTCDate() >= 30) return time;
	const day = `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
	return time === '00:00:00' ? day : `${day} ${time}`;
}

/** One cell as the text the import engine reads. */
export function cellText(cell: WorkbookCell): string {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'string') return cell;
	if (typeof cell === 'number') return numberText(cell);
	if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
	if (cell instanceof Date) return dateText(cell);
	return String(cell);
}

/** A sheet's rows as text; every row as wide as the widest (the engine rejects rows wider than the header). */
export function sheetRows(data: readonly (readonly WorkbookCell[])[]): string[][] {
	const width = data.reduce((w, r) => Math.max(w, r.length), 0);
	return data.map((row) => {
		const out = new Array<string>(width);
		for (let c = 0; c < width; c++) out[c] = cellText(row[c]);
		return out;
	});
}

/** Detection over a sheet: the CSV rules on its first rows; a workbook's numbers always use '.'. */
export function sniffSheet(sheet: WorkbookSheet, headerRow?: number): FileSniff {
	return sniffRows(sheet.rows.slice(0, SNIFF_ROWS), { encoding: 'utf-8', delimiter: ',', decimal: '.', headerRow });
}

/** How much a sheet looks like a list of sales, from what detection mapped. */
function salesScore(sniff: FileSniff, dataRows: number): number {
	if (dataRows === 0) return 0;
	const m = sniff.mapping;
	let score = 1;
	if (m.dateTime !== undefined || m.date !== undefined) score += 4;
	if (m.sku !== undefined || m.productName !== undefined) score += 4;
	else if (sniff.wideColumns) score += 2;
	if (m.quantity !== undefined) score += 2;
	if (m.unitPrice !== undefined || m.lineTotal !== undefined) score += 2;
	if (m.invoice !== undefined) score += 1;
	// Among equally good sheets, the longer one is the list (a summary sheet has a few rows).
	return score + Math.min(dataRows, 100_000) / 1_000_000;
}

/** Each sheet with its detection and score, and the index of the one to offer first (the most sales-like; the first on a tie). */
export function summarizeSheets(sheets: readonly WorkbookSheet[]): { summaries: SheetSummary[]; best: number } {
	let best = 0;
	const summaries = sheets.map((sheet, i) => {
		const sniff = sniffSheet(sheet);
		const dataRows = Math.max(0, sheet.rows.length - sniff.dialect.headerRow - 1);
		const score = salesScore(sniff, dataRows);
		return { name: sheet.name, dataRows, score, i };
	});
	for (const s of summaries) if (s.score > summaries[best].score) best = s.i;
	return { summaries: summaries.map(({ name, dataRows, score }) => ({ name, dataRows, score })), best };
}
