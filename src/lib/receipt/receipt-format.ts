// The receipt's words and formats in the app's language and locale (read inside a $derived, a
// language switch redraws the receipt).
import type { ReceiptFormat } from '$core/receipt/receipt-rows';
import { i18n } from '$lib/i18n/i18n.svelte';

export const appReceiptFormat = (): ReceiptFormat => ({ t: i18n.t, money: i18n.money, number: i18n.number, dateTime: i18n.dateTime });
