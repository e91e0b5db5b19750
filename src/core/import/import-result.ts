// What one import did, as POST /api/v1/import answers it and `inventario import` prints it (locally
// and with --server): the dialect and columns found, the counts, and the rejected rows.
import { REJECTS_CSV_ROWS, REJECTS_LISTED, type ImportResultBody } from '../api/transfer';
import { rejectsCsv } from './importer';
import { mappedColumns, type ImportPlan, type ImportRun } from './run-import';
import { DATE_FORMAT_NAME } from './values';

export function importResult(source: string, dryRun: boolean, plan: ImportPlan, run: ImportRun): ImportResultBody {
	const { summary, rejects } = run;
	const { dialect, sniff, wide, encoding } = plan;
	const byCode: Record<string, number> = {};
	for (const r of rejects) byCode[r.code] = (byCode[r.code] ?? 0) + 1;
	return {
		source, dry_run: dryRun, encoding, delimiter: dialect.delimiter, decimal: dialect.decimal, date_format: DATE_FORMAT_NAME[dialect.dateOrder!],
		header_row: dialect.headerRow + 1, mapping: mappedColumns(plan), wide_columns: wide ? wide.map((c) => sniff.header[c]) : null,
		lines_read: summary.rowsRead, imported: summary.imported, duplicates: summary.duplicates, rejected: summary.rejected, blank_lines: summary.blank ?? 0,
		products_created: summary.productsCreated, customers_created: summary.customersCreated, seconds: Number(run.seconds.toFixed(2)),
		rejected_by_code: byCode,
		rejects: rejects.slice(0, REJECTS_LISTED).map(({ row, field, code, reason }) => ({ row, field, code, reason })),
		rejects_csv: rejects.length === 0 ? '' : rejectsCsv(rejects.slice(0, REJECTS_CSV_ROWS), sniff.header),
		rejects_truncated: rejects.length > REJECTS_LISTED
	};
}
