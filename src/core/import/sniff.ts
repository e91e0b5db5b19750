// Detection of a sales file's dialect and columns from its first ~64 KB, for the wizard and the CLI.
// The user confirms or corrects everything this guesses; an ambiguous date order is never guessed.
import Papa from 'papaparse';
import { hash53 } from './hash';
import { foldHeader } from './header-names';
import { completeMapping, suggestMapping } from './mapping';
import type { ColumnMapping, DateOrder, DecimalMark, Delimiter, Encoding, FileSniff, SniffNote } from './types';
import { DATE_FORMAT_NAME, dateOrdersOf, ordersOfBits, parseNumber } from './values';

export { foldHeader, HEADER_NAMES } from './header-names';
export { completeMapping, suggestMapping } from './mapping';

export const SNIFF_BYTES = 65_536;
const DELIMITERS: Delimiter[] = [',', ';', '\t', '|'];
const PREVIEW_ROWS = 20;

const isBlankRow = (row: string[]) => row.every((c) => c.trim() === '');

/** A stable signature of a header (names folded), to remember a mapping per file layout. */
export function layoutKey(header: string[]): string {
	return `${header.length}-${hash53(header.map(foldHeader).join('\u001f')).toString(36)}`;
}

function parseSample(text: string, delimiter: Delimiter): string[][] {
	return Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false }).data;
}

/** Field count shared by most non-blank rows, and the share of rows that have it. */
function consistency(rows: string[][]): { fields: number; share: number } {
	const counts = new Map<number, number>();
	let n = 0;
	for (const r of rows) {
		if (isBlankRow(r)) continue;
		counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
		n++;
	}
	let fields = 0, best = 0;
	for (const [f, c] of counts) if (c > best || (c === best && f > fields)) [fields, best] = [f, c];
	return { fields, share: n === 0 ? 0 : best / n };
}

const looksNumeric = (s: string) => /^\s*[-+]?[£$€]?\s*[-+]?\d[\d.,\s]*\s*[£$€]?\s*$/.test(s);

function detectDelimiter(text: string, only?: Delimiter): { delimiter: Delimiter; rows: string[][]; fields: number } {
	let best: { delimiter: Delimiter; rows: string[][]; fields: number; score: number } | null = null;
	for (const delimiter of only ? [only] : DELIMITERS) {
		const rows = parseSample(text, delimiter);
		const { fields, share } = consistency(rows);
		const score = fields > 1 ? share * 1000 + Math.min(fields, 100) : 0;
		if (!best || score > best.score) best = { delimiter, rows, fields, score };
	}
	return best!;
}

/**
 * The first full-width row that is mostly filled with text: a title that a spreadsheet padded to
 * the full width ("Informe de ventas;;;;;") is skipped. Else the first full-width row.
 */
function detectHeaderRow(rows: string[][], fields: number): number {
	let first = -1;
	for (let i = 0; i < Math.min(rows.length, 30); i++) {
		const r = rows[i];
		if (r.length !== fields || isBlankRow(r)) continue;
		if (first < 0) first = i;
		const filled = r.filter((c) => c.trim() !== '');
		const texty = filled.filter((c) => !looksNumeric(c) && dateOrdersOf(c) === 0);
		if (filled.length >= Math.ceil(fields / 2) && texty.length >= Math.ceil(filled.length / 2)) return i;
	}
	return Math.max(first, 0);
}

/** Decimal mark from the numeric cells: "1.234,56" / "2,5" say ','; "1,234.56" / "2.55" say '.'. */
function detectDecimal(rows: string[][], skip: Set<number>, delimiter: Delimiter): { decimal: DecimalMark; evidence: boolean } {
	let comma = 0, dot = 0;
	for (const r of rows) {
		for (let c = 0; c < r.length; c++) {
			if (skip.has(c)) continue;
			const s = r[c].trim().replace(/^[-+]?[£$€]?\s*/, '').replace(/\s*[£$€]$/, '');
			if (!/^\d[\d.,]*$/.test(s)) continue;
			if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s) || /^\d+,\d{1,2}$/.test(s) || /^\d+,\d{4,}$/.test(s)) comma++;
			else if (/^\d{1,3}(,\d{3})+\.\d+$/.test(s) || /^\d+\.\d{1,2}$/.test(s) || /^\d+\.\d{4,}$/.test(s)) dot++;
		}
	}
	if (comma === 0 && dot === 0) return { decimal: delimiter === ';' ? ',' : '.', evidence: false };
	return { decimal: comma > dot ? ',' : '.', evidence: true };
}

/** Narrows the possible date orders cell by cell over a whole column (or file). */
export class DateOrderScan {
	bits = 7;
	dates = 0;
	/** Dates with the month as a name ("12-Jan-2011"): they read the same in every order. */
	named = 0;
	add(cell: string) {
		const b = dateOrdersOf(cell);
		if (b === 0) return;
		// Only a month name fits all three orders (ymd needs a 4-digit first part, the others at most 2).
		if (b === 7) {
			this.named++;
			return;
		}
		this.dates++;
		if ((this.bits & b) !== 0) this.bits &= b;
	}
	get candidates(): DateOrder[] {
		if (this.dates === 0) return this.named > 0 ? ['dmy'] : [];
		return ordersOfBits(this.bits);
	}
}

/** Reads the dialect, header, preview and suggested mapping from the start of a file's text (a chosen delimiter is not guessed). */
export function sniffText(text: string, encoding: Encoding, overrides: { delimiter?: Delimiter } = {}): FileSniff {
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.length > SNIFF_BYTES) text = text.slice(0, SNIFF_BYTES);
	if (text.length >= SNIFF_BYTES - 4096) {
		const cut = text.lastIndexOf('\n');
		if (cut > 0) text = text.slice(0, cut + 1); // the sample ends mid-line
	}
	const { delimiter, rows, fields } = detectDelimiter(text, overrides.delimiter);
	return sniffRows(rows, { encoding, delimiter }, fields);
}

/** What sniffRows is told rather than left to detect. */
export interface KnownDialect {
	encoding: Encoding;
	delimiter: Delimiter;
	/** A workbook's numbers are typed: their text always uses '.', nothing to detect. */
	decimal?: DecimalMark;
	/** A header row the person chose. */
	headerRow?: number;
}

/**
 * Detection over rows already split into cells: a text sample parsed with its delimiter, or the
 * first rows of a workbook's sheet. `fields`: the width most rows have.
 */
export function sniffRows(rows: string[][], known: KnownDialect, fields = consistency(rows).fields): FileSniff {
	const { encoding, delimiter } = known;
	const warnings: string[] = [];
	// The same notes as codes with values, for the wizard to say in the user's language.
	const notes: SniffNote[] = [];
	const note = (code: SniffNote['code'], text: string, params: Record<string, string> = {}) => {
		notes.push({ code, params });
		warnings.push(text);
	};
	const headerRow = known.headerRow ?? detectHeaderRow(rows, fields);
	const header = (rows[headerRow] ?? []).map((h) => h.trim());
	const data = rows.slice(headerRow + 1).filter((r) => !isBlankRow(r));
	let mapping = suggestMapping(header, data.slice(0, 200));
	const dateCol = mapping.dateTime ?? mapping.date;
	const dateCols = new Set<number>();
	if (dateCol !== undefined) dateCols.add(dateCol);
	else {
		for (let c = 0; c < fields; c++) {
			const cells = data.map((r) => r[c] ?? '').filter((s) => s.trim() !== '');
			if (cells.length > 0 && cells.filter((s) => dateOrdersOf(s) !== 0).length >= cells.length * 0.8) dateCols.add(c);
		}
		const first = [...dateCols][0];
		if (first !== undefined) mapping.dateTime = first;
	}
	if (mapping.time !== undefined) dateCols.add(mapping.time);
	const scan = new DateOrderScan();
	for (const c of dateCols) if (c !== mapping.time) for (const r of data) scan.add(r[c] ?? '');
	const candidates = scan.candidates;
	const dateOrder = candidates.length === 1 ? candidates[0] : null;
	if (candidates.length > 1) note('dates_ambiguous', `Dates fit more than one format (${candidates.map((o) => DATE_FORMAT_NAME[o]).join(' or ')}): choose which one the file uses.`, { formats: candidates.map((o) => DATE_FORMAT_NAME[o]).join(' / ') });
	else if (candidates.length === 0) note('no_dates', 'No dates were recognised in the first rows: choose the date column and its format.');
	const { decimal, evidence } = known.decimal ? { decimal: known.decimal, evidence: true } : detectDecimal(data, dateCols, delimiter);
	mapping = completeMapping(mapping, header, data, decimal);
	if (!evidence) note('no_decimals', `No decimal numbers in the first rows: assuming "${decimal}" as the decimal mark.`, { decimal });
	const wide = wideColumns(header, data, mapping, dateCols);
	if (wide.length >= 3) note('wide', `Wide layout: one column per product (${wide.slice(0, 4).map((c) => header[c]).join(', ')}${wide.length > 4 ? ', …' : ''}); each row is a day's total, not a sale line. It imports as one line per product and day (SKU = column name, quantity = cell; empty and 0 cells are no sale).`, { columns: wide.map((c) => header[c]).join(', ') });
	else {
		if (mapping.sku === undefined && mapping.productName === undefined) note('no_product', 'No product column was recognised: map the product code or name.');
		if (dateCol === undefined && mapping.dateTime === undefined) note('no_date_column', 'No date column was recognised: map the date.');
	}
	if (data.some((r) => r.length !== fields)) note('column_count', 'Some rows have a different number of columns than the header; they will be listed as rejected.');
	return {
		dialect: { encoding, delimiter, decimal, dateOrder, dateOrderCandidates: candidates, headerRow },
		header, preview: data.slice(0, PREVIEW_ROWS), mapping, layoutKey: layoutKey(header), warnings, notes,
		...(wide.length >= 3 ? { wideColumns: wide } : {})
	};
}

/** Columns that look like one product each: numeric in every row, when no product or quantity column is mapped. */
export function wideColumns(header: string[], data: string[][], mapping: ColumnMapping, dateCols: Set<number>): number[] {
	if (mapping.sku !== undefined || mapping.productName !== undefined || mapping.quantity !== undefined || dateCols.size === 0 || data.length === 0) return [];
	const calendar = new Set(['year', 'ano', 'month', 'mes', 'hour', 'hora', 'weekday', 'weekdayname', 'day', 'dia', 'week', 'semana']);
	const out: number[] = [];
	for (let c = 0; c < header.length; c++) {
		if (dateCols.has(c) || calendar.has(foldHeader(header[c])) || Object.values(mapping).includes(c)) continue;
		if (data.every((r) => (r[c] ?? '').trim() === '' || !Number.isNaN(parseNumber(r[c], '.')) || !Number.isNaN(parseNumber(r[c], ',')))) out.push(c);
	}
	return out;
}
