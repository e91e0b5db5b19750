// inventario import FILE: reads a POS sales export (any common dialect) into the SQLite store
// through the same engine as the app's import wizard. See docs/import.md.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DEFAULT_EXCLUDED_SKUS, rejectsCsv } from '../../core/import/importer';
import { importFailure, ImportRequestError, mappedColumns, planImport, runImport, storeDeviceId } from '../../core/import/run-import';
import { IMPORT_FIELDS } from '../../core/import/types';
import { DATE_FORMAT_NAME } from '../../core/import/values';
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
		if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'which file? Give the CSV file to import' : `one file at a time (got ${positionals.length})`);
		const file = positionals[0];
		if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`cannot read "${file}": no such file`);
		if (statSync(file).size === 0) throw new UsageError(`"${file}" is empty`);
		const source = csvFile(file, basename(file));
		const str = (v: string | boolean | undefined) => (v === undefined ? undefined : String(v));
		let plan;
		try {
			plan = await planImport(source, {
				map: str(values.map), delimiter: str(values.delimiter), decimal: str(values.decimal), dateFormat: str(values['date-format']), exclude: str(values.exclude)
			});
		} catch (e) {
			throw e instanceof ImportRequestError ? new UsageError(e.message) : e;
		}
		const { encoding, dialect, sniff, wide } = plan;
		const run = await runImport(repo, source, plan, await storeDeviceId(repo));
		const { summary, rejects, seconds } = run;
		if (values.rejects !== undefined) writeFileSync(String(values.rejects), '\uFEFF' + rejectsCsv(rejects, sniff.header));
		const columns = mappedColumns(plan);
		if (values.json) {
			printJson({
				file, encoding, delimiter: dialect.delimiter, decimal: dialect.decimal, dateFormat: DATE_FORMAT_NAME[dialect.dateOrder!], headerRow: dialect.headerRow + 1,
				mapping: columns, wideColumns: wide ? wide.map((c) => sniff.header[c]) : undefined, linesRead: summary.rowsRead, imported: summary.imported, duplicates: summary.duplicates, rejected: summary.rejected,
				blankLines: summary.blank ?? 0, productsCreated: summary.productsCreated, customersCreated: summary.customersCreated,
				seconds: Number(seconds.toFixed(2)), rejectsFile: values.rejects ?? null, error: summary.error ?? (run.parseError ? { code: 'parse', message: run.parseError.message } : null),
				rejects: values.rejects === undefined ? rejects.slice(0, 20).map(({ row, field, code, reason }) => ({ row, field, code, reason })) : undefined
			}, out);
		} else {
			out(`${basename(file)}: ${encoding}, delimiter ${dialect.delimiter === '\t' ? 'tab' : `"${dialect.delimiter}"`}, decimal "${dialect.decimal}", dates ${DATE_FORMAT_NAME[dialect.dateOrder!]}`);
			out(`Columns: ${Object.entries(columns).map(([f, c]) => `${f}=${c}`).join(', ')}`);
			if (wide) out(`Wide layout: one line per day and product column (${wide.map((c) => sniff.header[c]).join(', ')}); lines are product cells, empty and 0 cells count as blank`);
			out(`Lines read: ${summary.rowsRead}`);
			out(`Imported: ${summary.imported}`);
			out(`Duplicates skipped: ${summary.duplicates}`);
			out(`Rejected: ${summary.rejected}`);
			if (summary.blank) out(`${wide ? 'Empty or 0 cells' : 'Blank lines'} ignored: ${summary.blank}`);
			out(`New products: ${summary.productsCreated}, new customers: ${summary.customersCreated} (marked "created by import"); ${seconds.toFixed(1)} s`);
			if (rejects.length > 0) {
				const byCode = new Map<string, number>();
				for (const r of rejects) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
				out(`Rejected by reason: ${[...byCode].map(([c, n]) => `${c} ${n}`).join(', ')}`);
				for (const r of rejects.slice(0, 10)) out(`  row ${r.row}, ${r.field}: ${r.reason}`);
				if (rejects.length > 10) out(`  … ${rejects.length - 10} more${values.rejects === undefined ? ' (write them all with --rejects FILE)' : ''}`);
				if (values.rejects !== undefined) out(`Rejected rows written to ${String(values.rejects)}`);
			}
		}
		const failure = importFailure(run);
		if (failure) throw new Error(failure);
		return 0;
	}
};
