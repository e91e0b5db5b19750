// Quantities on the Reorder screen: read as text in the number format, typed back into fields
// the way the quantity parser reads them.
import { quantityText } from '$core/quantity';
import { i18n } from '$lib/i18n/i18n.svelte';

/** Units as a person says them: whole numbers stay whole, others one decimal, in the number format. */
export const units = (q: number): string => i18n.number(Math.abs(q - Math.round(q)) < 0.05 ? Math.round(q) : Math.round(q * 10) / 10);

let decimalMark: { locale: string; mark: string } | null = null;

/**
 * A quantity to put in an input: no thousands separators (the parser would read "2,580" as 2.58),
 * with the decimal mark of the number format (looked up once per format: a draft can have
 * thousands of lines and a number format costs ~50 µs to make).
 */
export function fieldQuantity(q: number): string {
	if (decimalMark?.locale !== i18n.formatLocale) {
		decimalMark = { locale: i18n.formatLocale, mark: new Intl.NumberFormat(i18n.formatLocale).format(1.5).includes(',') ? ',' : '' };
	}
	return quantityText(q, decimalMark.mark);
}
