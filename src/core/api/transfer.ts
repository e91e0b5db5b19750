// Import and export over the API: POST /api/v1/import (a POS CSV as the request body, the same
// engine and options as `inventario import`) and GET /api/v1/export/{kind} (the CSV files of
// `inventario export`, docs/export.md). Pure: the server validates with these, clients are typed
// by them, the OpenAPI document comes from them.
import { z } from 'zod';
import { EXPORT_KINDS } from '../export/exports';
import { IMPORT_FIELDS } from '../import/types';
import { QueryFlag } from './common';

/** Content types an upload may be sent as; the engine detects the encoding and dialect itself. */
export const IMPORT_CONTENT_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'] as const;

/** Rejected rows listed in the JSON answer at most; the CSV of them holds up to REJECTS_CSV_ROWS. */
export const REJECTS_LISTED = 1_000;
export const REJECTS_CSV_ROWS = 50_000;

/** The request body of POST /import: the file's bytes as they are (no JSON, no form). */
export const ImportUpload = z.any()
	.meta({ type: 'string', format: 'binary', description: 'The CSV file as it is (any encoding, delimiter and decimal mark the import detects)' });

export const ImportQuery = z.object({
	source: z.string().trim().min(1).max(200).regex(/^[^\r\n]*$/, { error: 'must be one line' }).optional()
		.describe('The file\'s name: the imported sales and movements are stamped "import:<source>" (default "upload.csv")'),
	map: z.string().max(2000).optional()
		.describe(`Override the detected columns: field=Column,... by header name or 1-based number; "field=" removes one. Fields: ${IMPORT_FIELDS.join(', ')}`),
	delimiter: z.string().max(10).optional().describe(', ; tab or | (also comma, semicolon, pipe); detected when absent'),
	decimal: z.string().max(10).optional().describe('. or , (also dot, comma); detected when absent'),
	date_format: z.string().max(20).optional()
		.describe('yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy (also ymd, dmy, mdy, iso); needed when the dates fit more than one format'),
	exclude: z.string().max(2000).optional()
		.describe('Non-product codes to skip, SKU,... ("none" imports every code); default POST, DOT, M, D, C2, BANK CHARGES, AMAZONFEE, CRUK, PADS, S, B, NONE'),
	dry_run: QueryFlag.optional().describe('true: read and check the whole file, answer what an import would do, store nothing')
});

export const ImportReject = z.object({
	row: z.number().int().describe('1-based record of the file as a spreadsheet counts it, header row included'),
	field: z.string().describe('The import field at fault, or "row" for the whole row'),
	code: z.string().describe('not_a_number, invalid_date, missing_sku, excluded, wrong_column_count, …'),
	reason: z.string()
}).meta({ id: 'ImportReject' });

export const ImportResult = z.object({
	source: z.string(),
	dry_run: z.boolean().describe('true: nothing was stored'),
	encoding: z.enum(['utf-8', 'utf-8-bom', 'windows-1252']),
	delimiter: z.string(),
	decimal: z.string(),
	date_format: z.string(),
	header_row: z.number().int().describe('1-based'),
	mapping: z.record(z.string(), z.string()).describe('Field → the header of its column'),
	wide_columns: z.array(z.string()).nullable().describe('A wide file (one row per day, one column per product): the product columns unpivoted'),
	lines_read: z.number().int().describe('Data rows (for a wide file: non-empty product cells) = imported + duplicates + rejected'),
	imported: z.number().int().describe('Lines added (or that would be, in a dry run)'),
	duplicates: z.number().int().describe('Lines skipped as already imported (the same line identity is stored)'),
	rejected: z.number().int(),
	blank_lines: z.number().int().describe('Blank records (or empty and 0 cells of a wide file): not data rows'),
	products_created: z.number().int(),
	customers_created: z.number().int(),
	seconds: z.number(),
	rejected_by_code: z.record(z.string(), z.number().int()).describe('Every rejected row counted by its code'),
	rejects: z.array(ImportReject).describe(`The first ${REJECTS_LISTED.toLocaleString('en')} rejected rows`),
	rejects_csv: z.string().describe(`The rejected rows as inventario import --rejects writes them (row, field, reason, then the row's own cells under the file's header; no BOM), up to ${REJECTS_CSV_ROWS.toLocaleString('en')} rows; empty when none`),
	rejects_truncated: z.boolean().describe('More rows were rejected than rejects or rejects_csv hold')
}).meta({ id: 'ImportResult' });

export const ExportKind = z.enum(EXPORT_KINDS).meta({ id: 'ExportKind' });

export const ExportParams = z.object({ kind: ExportKind });

export const ExportQuery = z.object({
	delimiter: z.enum([',', ';', 'tab']).default(',').describe(', (default) ; or tab'),
	decimal: z.enum(['.', ',']).default('.').describe('. (default) or , for money and quantities')
}).refine((q) => !(q.delimiter === ',' && q.decimal === ','), {
	path: ['decimal'], message: 'delimiter and decimal are both ","; every number would need quotes: use delimiter=; with decimal=,'
});

export type ImportQueryInput = z.input<typeof ImportQuery>;
export type ImportResultBody = z.infer<typeof ImportResult>;
export type ImportRejectBody = z.infer<typeof ImportReject>;
