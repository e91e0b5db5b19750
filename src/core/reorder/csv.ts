// Reorder suggestions as a CSV a supplier or spreadsheet can take (same conventions as exports).
import type { DayNumber } from '../brand';
import { csvText, type CsvCell, type CsvOptions } from '../export/csv-writer';
import { isoDay } from '../time';
import type { Supplier } from '../types';
import { reorderReasonText } from './explain';
import type { ReorderReason, ReorderSuggestion } from './suggest';

export const REORDER_CSV_COLUMNS = ['supplier', 'sku', 'name', 'on_hand', 'on_order', 'reorder_point', 'suggested_qty', 'stock_out_date', 'urgency', 'reason'] as const;

/** Rounds to what a person orders by: reorder points to one decimal, the rest as they are. */
const oneDecimal = (v: number) => Math.round(v * 10) / 10;

/** One row per suggestion, in the order given; `reasonText` words the reason (English by default). */
export function reorderCsv(
	suggestions: readonly ReorderSuggestion[], suppliers: readonly Pick<Supplier, 'id' | 'name'>[], options: CsvOptions = { delimiter: ',', decimal: '.' },
	reasonText: (reason: ReorderReason) => string = (r) => reorderReasonText(r)
): string {
	const supplierName = new Map(suppliers.map((s) => [s.id, s.name]));
	const rows = suggestions.map((s): CsvCell[] => [
		s.supplierId ? supplierName.get(s.supplierId) ?? '' : '', s.sku, s.name, s.onHand, s.onOrder, oneDecimal(s.reorderPoint),
		s.suggestedQuantity, s.stockOutDay === null ? '' : isoDay(s.stockOutDay as DayNumber), s.urgency, reasonText(s.reason)
	]);
	return csvText(REORDER_CSV_COLUMNS, rows, options);
}
