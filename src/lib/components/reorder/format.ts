// Quantities on the Reorder screen: read as text in the number format, typed back into fields
// the way the quantity parser reads them.
import { quantityText } from '$core/quantity';
import { i18n } from '$lib/i18n/i18n.svelte';

/** Units as a person says them: whole numbers stay whole, others one decimal, in the number format. */
export const units = (q: number): string => i18n.number(Math.abs(q - Math.round(q)) < 0.05 ? Math.round(q) : Math.round(q * 10) / 10);

/**
 * A quantity to put in an input: no thousands separators (the parser would read "2,580" as 2.58),
 * with the decimal mark of the number format.
 */
export const fieldQuantity = (q: number): string => quantityText(q, new Intl.NumberFormat(i18n.formatLocale).format(1.5).includes(',') ? ',' : '');
