// A purchase order as a CSV the supplier's system or a spreadsheet takes: one row per line, the
// order's number, date and supplier on every row (so rows of several orders can be pasted
// together), amounts as decimals. Same conventions as the exports (BOM, CRLF, chosen separators).
import { csvText, money, type CsvCell, type CsvOptions } from '../export/csv-writer';
import { dayOf, isoDay } from '../time';
import type { OrderDocument } from './order-document';

export const ORDER_CSV_COLUMNS = ['order_number', 'order_date', 'supplier', 'sku', 'name', 'quantity', 'unit_cost', 'line_total'] as const;

export function purchaseOrderCsv(doc: OrderDocument, options: CsvOptions = { delimiter: ',', decimal: '.' }): string {
	const date = isoDay(dayOf(doc.date));
	const supplier = doc.supplier?.name ?? '';
	const rows = doc.lines.map((l): CsvCell[] => [doc.number, date, supplier, l.sku, l.name, l.quantity, money(l.unitCost), money(l.lineTotal)]);
	return csvText(ORDER_CSV_COLUMNS, rows, options);
}
