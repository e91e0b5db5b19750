// inventario import FILE: reads a POS sales export (any common dialect) into the SQLite store
// through the same engine as the app's import wizard. See docs/import.md.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DEFAULT_EXCLUDED_SKUS, rejectsCsv } from '../../core/import/importer';
import type { ImportResultBody } from '../../core/api/transfer';
import { importResult } from '../../core/import/import-result';
import { importFailure, ImportRequestError, planImport, runImport, storeDeviceId } from '../../core/import/run-import';
import { IMPORT_FIELDS } from '../../core/import/types';
import type { InventoryRepository } from '../../core/repository';
import { csvFile } from '../../node/csv-file';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson } from '../output';

const USAGE = `inventario import FILE [--map field=Column,...] [--delimiter X] [--decimal X]
                 [--date-format X] [--rejects FILE] [--json] [--db FILE]

  Imports the sales lines of a CSV export (POS, web shop): sales, stock movements, and the
  products and customers it has not seen (marked "created by import"). Encoding, delimiter,
  decimal mark, date format, header row and columns are detected as in the app's wizard.
  Importing the same file again, or an overlapping one, adds no duplicate lines.
  Rows that cannot be imported are counted and listed with their row, field and reason.

  --map field=Column,...  map columns by header name (or 1-based number); fields:
                          ${IMPORT_FIELDS.join(', ')}
                          "field=" removes a detected mapping
  --delimiter X           , ; tab |   (also: comma, semicolon, pipe)
  --decimal X             . or ,      (also: dot, comma)
  --date-format X         yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy (also: ymd, dmy, mdy, iso);
                          required when the dates fit more than one format
  --exclude SKU,...       non-product codes to skip (default: ${DEFAULT_EXCLUDED_SKUS.join(', ')});
                          "--exclude none" imports every code
  --rejects FILE          write the rejected rows as CSV (row, field, reason, the row's cells)
  --json                  machine-readable summary
  --db FILE               SQLite file (default ./inventario.db)

  Exit code 0 when the file was read to the end (rejected rows included), 1 when storage failed,
  2 on bad options or a file that cannot be read as sales.`;

/** The file to import, checked: one, present, not empty. */
export function importFile(positionals: string[]): string {
	if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'which file? Give the CSV file to import' : `one file at a time (got ${positionals.length})`);
	const file = positionals[0];
	if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`cannot read "${file}": no such file`);
	if (statSync(file).size === 0) throw new UsageError(`"${file}" is empty`);
	return file;
}

/** The command's overrides as the engine's request (the API takes the same, as its query). */
export const importOverrides = (values: Record<string, string | boolean | undefined>) => {
	const str = (v: string | boolean | undefined) => (v === undefined ? undefined : String(v));
	return { map: str(values.map), delimiter: str(values.delimiter), decimal: str(values.decimal), dateFormat: str(values['date-format']), exclude: str(values.exclude) };
};

export interface ImportPrintOptions {
	file: string;
	json: boolean;
	/** --rejects FILE, already written. */
	rejectsFile: string | undefined;
	/** Why the import stopped part way, for --json. */
	error?: { code: string; message: string } | null;
}

/** Prints what an import did, from its result (local, or the API's answer to `--server`). */
export function printImport(result: ImportResultBody, options: ImportPrintOptions, out: (line: string) => void) {
	const { file, rejectsFile } = options;
	const wide = result.wide_columns;
	if (options.json) {
		printJson({
			file, encoding: result.encoding, delimiter: result.delimiter, decimal: result.decimal, dateFormat: result.date_format, headerRow: result.header_row,
			mapping: result.mapping, wideColumns: wide ?? undefined, linesRead: result.lines_read, imported: result.imported, duplicates: result.duplicates, rejected: result.rejected,
			blankLines: result.blank_lines, productsCreated: result.products_created, customersCreated: result.customers_created,
			seconds: result.seconds, rejectsFile: rejectsFile ?? null, error: options.error ?? null,
			rejects: rejectsFile === undefined ? result.rejects.slice(0, 20) : undefined
		}, out);
		return;
	}
	out(`${basename(file)}: ${result.encoding}, delimiter ${result.delimiter === '\t' ? 'tab' : `"${result.delimiter}"`}, decimal "${result.decimal}", dates ${result.date_format}`);
	out(`Columns: ${Object.entries(result.mapping).map(([f, c]) => `${f}=${c}`).join(', ')}`);
	if (wide) out(`Wide layout: one line per day and product column (${wide.join(', ')}); lines are product cells, empty and 0 cells count as blank`);
	out(`Lines read: ${result.lines_read}`);
	out(`Imported: ${result.imported}`);
	out(`Duplicates skipped: ${result.duplicates}`);
	out(`Rejected: ${result.rejected}`);
	if (result.blank_lines) out(`${wide ? 'Empty or 0 cells' : 'Blank lines'} ignored: ${result.blank_lines}`);
	out(`New products: ${result.products_created}, new customers: ${result.customers_created} (marked "created by import"); ${result.seconds.toFixed(1)} s`);
	if (result.rejected > 0) {
		out(`Rejected by reason: ${Object.entries(result.rejected_by_code).map(([c, n]) => `${c} ${n}`).join(', ')}`);
		for (const r of result.rejects.slice(0, 10)) out(`  row ${r.row}, ${r.field}: ${r.reason}`);
		if (result.rejected > 10) out(`  … ${result.rejected - 10} more${rejectsFile === undefined ? ' (write them all with --rejects FILE)' : ''}`);
		if (rejectsFile !== undefined) out(`Rejected rows written to ${rejectsFile}`);
	}
}

export const importCommand: Command = {
	name: 'import',
	summary: 'Import sales lines from a CSV export (auto-detected dialect and columns)',
	usage: USAGE,
	options: {
		map: { type: 'string' }, delimiter: { type: 'string' }, decimal: { type: 'string' }, 'date-format': { type: 'string' },
		rejects: { type: 'string' }, json: { type: 'boolean' }, exclude: { type: 'string' }
	},
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values, positionals } = parseCommandArgs(argv, this.options);
		const file = importFile(positionals);
		const source = csvFile(file, basename(file));
		let plan;
		try {
			plan = await planImport(source, importOverrides(values));
		} catch (e) {
			throw e instanceof ImportRequestError ? new UsageError(e.message) : e;
		}
		const run = await runImport(repo, source, plan, await storeDeviceId(repo));
		const rejectsFile = values.rejects === undefined ? undefined : String(values.rejects);
		if (rejectsFile !== undefined) writeFileSync(rejectsFile, '\uFEFF' + rejectsCsv(run.rejects, plan.sniff.header));
		const error = run.summary.error ?? (run.parseError ? { code: 'parse', message: run.parseError.message } : null);
		printImport(importResult(basename(file), false, plan, run), { file, json: values.json === true, rejectsFile, error }, out);
		const failure = importFailure(run);
		if (failure) throw new Error(failure);
		return 0;
	}
};
