// The English sentence of a reorder reason, for the CLI and CSV; the app words the same code and
// values through its own Spanish and English messages.
import type { DayNumber } from '../brand';
import { isoDay } from '../time';
import type { ReorderReason } from './suggest';

/** Units as a person says them: whole numbers stay whole, others one decimal. */
export const formatUnits = (q: number): string => (Math.abs(q - Math.round(q)) < 0.05 ? String(Math.round(q)) : q.toFixed(1));

function roundingNote(v: ReorderReason['values']): string {
	if (!v.rounded) return '';
	if (v.minOrderQty > 1 && v.quantity === Math.ceil(v.minOrderQty / v.packSize) * v.packSize) return ` (the supplier's minimum order is ${v.minOrderQty})`;
	return ` (rounded up to packs of ${v.packSize})`;
}

export function reorderReasonText(reason: ReorderReason, formatDay: (d: DayNumber) => string = isoDay): string {
	const text = reasonSentence(reason, formatDay);
	return reason.values.negativeStock ? `${text} The recorded stock is below zero (sales without their purchases?): count it; until then it counts as 0.` : text;
}

function reasonSentence(reason: ReorderReason, formatDay: (d: DayNumber) => string): string {
	const v = reason.values;
	const u = formatUnits;
	switch (reason.code) {
		case 'out_of_stock':
			return `Out of stock, with nothing on order; order ${u(v.quantity)} now to cover the ${v.leadTimeDays}-day lead time and ${v.coverDays} days after delivery${roundingNote(v)}.`;
		case 'stock_out_before_delivery':
			return `Expected to run out on ${formatDay(v.stockOutDay as DayNumber)}, before an order placed today would arrive (${v.leadTimeDays} days); order ${u(v.quantity)} now to cover ${v.coverDays} days after delivery${roundingNote(v)}.`;
		case 'below_reorder_point':
			return `${u(v.position)} in stock and on order is at or below the reorder point of ${u(v.reorderPoint)} (${u(v.leadTimeDemand)} expected to sell in the ${v.leadTimeDays}-day lead time plus ${u(v.safetyStock)} safety stock); order ${u(v.quantity)} to cover ${v.coverDays} days after delivery${roundingNote(v)}.`;
		case 'enough_stock':
			return `${u(v.position)} in stock and on order is above the reorder point of ${u(v.reorderPoint)}; ${v.stockOutDay === null ? 'no stock-out expected within the forecast' : `expected to run out on ${formatDay(v.stockOutDay as DayNumber)}`}.`;
		case 'no_demand':
			return 'No sales expected, so nothing to order.';
	}
}
