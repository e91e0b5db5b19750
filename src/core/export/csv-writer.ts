// CSV text for spreadsheets (Excel, LibreOffice, Numbers) and for our own importer: UTF-8 with a
// byte order mark so Excel reads accents, CRLF line ends, RFC 4180 quoting, a chosen delimiter and
// decimal style. Text that a spreadsheet would run as a formula is neutralized; numbers stay numbers.

export type CsvDelimiter = ',' | ';' | '\t';
export type CsvDecimal = '.' | ',';

export interface CsvOptions {
	delimiter: CsvDelimiter;
	decimal: CsvDecimal;
}

/** A money amount in cents, written as a decimal amount with two decimals ("12,50"). */
export interface MoneyCell { cents: number }
export type CsvCell = string | number | boolean | null | undefined | MoneyCell;

export const money = (cents: number): MoneyCell => ({ cents });

export const BOM = '\uFEFF';
export const CRLF = '\r\n';
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];
export const CSV_DECIMALS: readonly CsvDecimal[] = ['.', ','];

/** Characters that make a spreadsheet treat a cell as a formula (or hide its start). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made safe to open in a spreadsheet: one beginning with = + - @ tab or CR gets a
 * leading single quote, which spreadsheets show as text and never evaluate.
 */
export function neutralize(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A number in the chosen decimal style, without thousands separators or exponents. */
export function formatNumber(n: number, decimal: CsvDecimal, fractionDigits?: number): string {
	if (!Number.isFinite(n)) throw new RangeError(`cannot write ${n} to CSV`);
	let s: string;
	if (fractionDigits !== undefined) s = n.toFixed(fractionDigits);
	else {
		// Quantities are rounded to thousandths in the ledger; never print 1e-7 or 0.30000000000000004.
		const r = Math.round(n * 1e6) / 1e6;
		s = Math.abs(r) >= 1e21 ? BigInt(r).toString() : String(r === 0 ? 0 : r);
		if (s.includes('e')) s = r.toFixed(6).replace(/\.?0+$/, '');
	}
	if (s.startsWith('-') && /^-0(\.0*)?$/.test(s)) s = s.slice(1);
	return decimal === ',' ? s.replace('.', ',') : s;
}

function quote(text: string, delimiter: CsvDelimiter): string {
	return text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r')
		? `"${text.replaceAll('"', '""')}"`
		: text;
}

/** One cell as it appears in the file (quoted when needed). */
export function formatCell(cell: CsvCell, options: CsvOptions): string {
	let text: string;
	if (cell === null || cell === undefined) text = '';
	else if (typeof cell === 'number') text = formatNumber(cell, options.decimal);
	else if (typeof cell === 'boolean') text = cell ? 'true' : 'false';
	else if (typeof cell === 'object') text = formatNumber(cell.cents / 100, options.decimal, 2);
	else text = neutralize(cell);
	return quote(text, options.delimiter);
}

export const formatRow = (cells: readonly CsvCell[], options: CsvOptions): string =>
	cells.map((c) => formatCell(c, options)).join(options.delimiter);

/**
 * A whole CSV file as parts made one by one (for a stream: rows are formatted only as the parts
 * are read): the BOM and header first, then the rows in chunks, each row ending with CRLF.
 */
export function* csvChunks(header: readonly string[], rows: Iterable<readonly CsvCell[]>, options: CsvOptions, chunkRows = 5_000): Generator<string> {
	yield BOM + formatRow(header, options) + CRLF;
	let chunk: string[] = [];
	for (const row of rows) {
		chunk.push(formatRow(row, options));
		if (chunk.length === chunkRows) {
			yield chunk.join(CRLF) + CRLF;
			chunk = [];
		}
	}
	if (chunk.length) yield chunk.join(CRLF) + CRLF;
}

/** A whole CSV file as parts to concatenate (or hand to a Blob, or write one by one). */
export const csvParts = (header: readonly string[], rows: Iterable<readonly CsvCell[]>, options: CsvOptions, chunkRows = 5_000): string[] =>
	[...csvChunks(header, rows, options, chunkRows)];

export const csvText = (header: readonly string[], rows: Iterable<readonly CsvCell[]>, options: CsvOptions): string =>
	csvParts(header, rows, options).join('');

/** Reads a delimiter given as text ("," ";" "tab" "\t"); null when it is not one we write. */
export function parseCsvDelimiter(text: string): CsvDelimiter | null {
	// An actual tab character would be lost to trim().
	if (text === '\t') return '\t';
	const t = text.trim().toLowerCase();
	if (t === ',' || t === 'comma') return ',';
	if (t === ';' || t === 'semicolon') return ';';
	if (t === '\\t' || t === 'tab') return '\t';
	return null;
}

/** Reads a decimal style ("." "," "point" "comma"); null otherwise. */
export function parseCsvDecimal(text: string): CsvDecimal | null {
	const t = text.trim().toLowerCase();
	if (t === '.' || t === 'point' || t === 'dot') return '.';
	if (t === ',' || t === 'comma') return ',';
	return null;
}
