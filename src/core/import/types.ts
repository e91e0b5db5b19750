// The contract of sales import, shared by the core engine, the browser worker and wizard, the
// CLI and the bench. Pure types: no DOM, no Dexie, no papaparse.
import type { Cents, LocalTimestamp } from '../brand';

/** Fields a sales file's columns can map onto. */
export const IMPORT_FIELDS = [
	'invoice', 'dateTime', 'date', 'time', 'sku', 'productName', 'quantity', 'unitPrice', 'lineTotal',
	'customer', 'store', 'category', 'unitCost', 'supplier', 'discount',
	// Variants: the style a line's product belongs to and its options (size and colour, or our
	// export's "Talla=M; Color=Negro"); size and colour may map to the SKU column (JK104-XL).
	'style', 'size', 'color', 'options',
	// The till's: per line tax, per sale payments, the invoice a return gives back and who sold it.
	'taxRate', 'taxAmount', 'payments', 'returnOf', 'cashier'
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Field → column index in the file (after the header). Absent fields are not in the file. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t' | '|';
export type DecimalMark = '.' | ',';
/** How day, month and year are ordered in the file's dates. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

export interface Dialect {
	encoding: Encoding;
	delimiter: Delimiter;
	decimal: DecimalMark;
	/** null while undecided: the file's dates fit more than one order and the user must choose. */
	dateOrder: DateOrder | null;
	/** Orders the dates seen so far are consistent with (more than one = ambiguous). */
	dateOrderCandidates: DateOrder[];
	/** 0-based index of the header row (rows before it are skipped: titles, blank lines). */
	headerRow: number;
	/** An Excel workbook's sheet to import, by name (absent for a text file; encoding and delimiter then mean nothing). */
	sheet?: string;
}

export interface SniffNote {
	code: 'dates_ambiguous' | 'no_dates' | 'no_decimals' | 'wide' | 'no_product' | 'no_date_column' | 'column_count';
	params: Record<string, string>;
}

/** What detection tells the wizard about a file, from its first bytes (about 64 KB). */
export interface FileSniff {
	dialect: Dialect;
	header: string[];
	/** The first data rows as text cells, for the preview. */
	preview: string[][];
	/** Suggested mapping from header names in Spanish and English (Fecha, Artículo, Cantidad…). */
	mapping: ColumnMapping;
	/** Stable signature of the header, to remember the user's mapping per file layout. */
	layoutKey: string;
	/** Plain-language notes in English (CLI), e.g. "Dates fit more than one format". */
	warnings: string[];
	/** The same notes as codes and values, for the UI's own words. */
	notes?: SniffNote[];
	/** Set when the file has one column per product (a wide layout): the columns to unpivot. */
	wideColumns?: number[];
	/** An Excel workbook: its sheets (the chosen one is dialect.sheet), most sales-like first offered. */
	workbook?: { sheets: { name: string; dataRows: number }[] };
}

/** Which lines are not products (postage, fees, manual adjustments, bank charges). */
export interface ExclusionRule {
	/** SKUs (case-insensitive, exact) treated as non-product lines and skipped with a reason. */
	skus: string[];
}

export interface ImportOptions {
	dialect: Dialect;
	mapping: ColumnMapping;
	exclusions: ExclusionRule;
	/** Invoices whose code starts with one of these are cancellations: their lines become returns. */
	cancellationPrefixes: string[];
	/** Stamped on the batch's sale blocks and movements. */
	source: string;
	deviceId: string;
	/** The file's header (trimmed cells): repeated header lines and rows wider than it are rejected. */
	header?: string[];
	/**
	 * Wide layout (one column per product, one row per day): these columns are unpivoted into one
	 * line per row and column, SKU = the column's header, quantity = the cell; needs `header`.
	 */
	wide?: { columns: number[] };
}

/** A row that was not imported, with where and why (1-based line number in the file). */
export interface RejectedRow {
	row: number;
	field: ImportField | 'row';
	/** Machine code, e.g. 'not_a_number', 'invalid_date', 'missing_sku', 'excluded', 'wrong_column_count'. */
	code: string;
	/** English sentence for the CLI and the rejects CSV; the UI translates `code`. */
	reason: string;
	/** The raw row, to put in the rejects CSV. */
	raw: string[];
}

/** One accepted line, normalized, before it is grouped into sales. */
export interface ImportLine {
	row: number;
	invoice: string;
	at: LocalTimestamp;
	sku: string;
	productName: string;
	/** Negative for returns (cancellation invoices are negated here). */
	quantity: number;
	unitPrice: Cents;
	customerCode: string;
	category: string;
	unitCost: Cents | null;
	supplier: string;
	store: string;
	/** Identity of the line across imports (see docs/import.md). */
	key: string;
}

export interface ImportProgress {
	rowsRead: number;
	imported: number;
	duplicates: number;
	rejected: number;
	/** Blank lines (every cell empty): not data rows, so not in rowsRead and not rejected. */
	blank?: number;
	/** Bytes of the file consumed, for the progress bar and time left. */
	bytesRead: number;
	bytesTotal: number;
	elapsedMs: number;
}

export interface ImportSummary extends ImportProgress {
	productsCreated: number;
	customersCreated: number;
	cancelled: boolean;
	/** 'quota' when storage ran out: shown as "storage full", never a generic AbortError. */
	error: null | { code: 'quota' | 'storage' | 'parse'; message: string };
}
