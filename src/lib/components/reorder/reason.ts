// A reorder suggestion's reason in the UI language: the core gives a code and its figures
// (src/core/reorder/explain.ts words the same facts in English for the CLI).
import type { DayNumber } from '$core/brand';
import type { ReorderReason } from '$core/reorder/suggest';
import { i18n, t } from '$lib/i18n/i18n.svelte';
import { units } from './format';

function roundingNote(v: ReorderReason['values']): string {
	if (!v.rounded) return '';
	// Same rule as the core's English text: the minimum order explains it when the quantity is the minimum in whole packs.
	if (v.minOrderQty > 1 && v.quantity === Math.ceil(v.minOrderQty / v.packSize) * v.packSize) return t('reorder.rounding.min', { min: units(v.minOrderQty) });
	return t('reorder.rounding.pack', { pack: units(v.packSize) });
}

export function reasonText(reason: ReorderReason): string {
	const text = reasonSentence(reason);
	return reason.values.negativeStock ? `${text} ${t('reorder.reason.negativeStock')}` : text;
}

function reasonSentence(reason: ReorderReason): string {
	const v = reason.values;
	const date = v.stockOutDay === null ? '' : i18n.day(v.stockOutDay as DayNumber);
	return t(`reorder.reason.${reason.code}`, {
		quantity: units(v.quantity), leadTime: v.leadTimeDays, cover: v.coverDays, date,
		position: units(v.position), point: units(v.reorderPoint), demand: units(v.leadTimeDemand), safety: units(v.safetyStock),
		stockOut: v.stockOutDay === null ? t('reorder.reason.noStockOut') : t('reorder.reason.stockOutOn', { date }),
		rounding: roundingNote(v)
	});
}
