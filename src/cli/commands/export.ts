// inventario export sales|products|movements|customers|suppliers [--out FILE] [--delimiter X] [--decimal X]
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseCsvDecimal, parseCsvDelimiter, type CsvDecimal, type CsvDelimiter } from '../../core/export/csv-writer';
import { EXPORT_COLUMNS, EXPORT_KINDS, exportCsv, isExportKind, type ExportKind } from '../../core/export/exports';
import type { InventoryRepository } from '../../core/repository';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';

/** Writes text parts to a file, one write per part (no second copy of a large export in memory). */
export function writeParts(file: string, parts: readonly string[]) {
	const fd = openSync(file, 'w');
	try {
		for (const part of parts) writeSync(fd, part);
	} finally {
		closeSync(fd);
	}
}

/** The command's arguments checked: what to export, how, and where (undefined: standard output). */
export function exportArgs(argv: string[], options: Command['options']): { kind: ExportKind; delimiter: CsvDelimiter; decimal: CsvDecimal; file: string | undefined } {
	const { values, positionals } = parseCommandArgs(argv, options);
	if (positionals.length !== 1) throw new UsageError(positionals.length ? `expected one thing to export, got ${positionals.length}: ${positionals.join(' ')}` : 'say what to export: ' + EXPORT_KINDS.join(', '));
	const [kind] = positionals;
	if (!isExportKind(kind)) throw new UsageError(`cannot export "${kind}"; choose one of ${EXPORT_KINDS.join(', ')}`);
	const delimiter = parseCsvDelimiter(String(values.delimiter));
	if (!delimiter) throw new UsageError(`--delimiter must be , ; or tab, not "${String(values.delimiter)}"`);
	const decimal = parseCsvDecimal(String(values.decimal));
	if (!decimal) throw new UsageError(`--decimal must be . or , not "${String(values.decimal)}"`);
	if (delimiter === decimal) throw new UsageError('--delimiter and --decimal are both ","; every number would need quotes. Use --delimiter ";" with --decimal ","');
	return { kind, delimiter, decimal, file: typeof values.out === 'string' ? values.out : undefined };
}

/** With --out the data is in the file, so standard output is free for the summary. */
export const wroteLine = (kind: ExportKind, rows: number, file: string) => `Wrote ${rows} ${kind === 'sales' ? 'sale lines' : kind} to ${file}.`;

export const exportCommand: Command = {
	name: 'export',
	summary: 'Write sales lines, products, movements, customers or suppliers as CSV',
	usage: `inventario export sales|products|movements|customers|suppliers [--out FILE] [--delimiter X] [--decimal X] [--db FILE]

  Writes one CSV file: UTF-8 with BOM (Excel reads the accents), CRLF line ends, fixed English
  column names. Text cells starting with = + - @ tab or CR get a leading ' so a spreadsheet never
  runs them; numbers stay numbers. Codes (SKU, customer code), never internal ids.
${EXPORT_KINDS.map((k) => `    ${k.padEnd(10)} ${EXPORT_COLUMNS[k].join(',')}`).join('\n')}
  --out FILE       write to FILE (default: standard output)
  --delimiter X    , (default) ; or tab
  --decimal X      . (default) or , for money and quantities
  --db FILE        SQLite file (default ./inventario.db)`,
	options: { out: { type: 'string' }, delimiter: { type: 'string', default: ',' }, decimal: { type: 'string', default: '.' } },
	async run(repo: InventoryRepository, argv: string[], out) {
		const { kind, delimiter, decimal, file } = exportArgs(argv, this.options);
		const { parts, rows } = await exportCsv(repo, kind, { delimiter, decimal });
		if (file !== undefined) {
			writeParts(file, parts);
			out(wroteLine(kind, rows, file));
		} else {
			// `out` ends each call with a newline: print the file without its final CRLF.
			const text = parts.join('');
			out(text.slice(0, -2));
		}
		return 0;
	}
};
