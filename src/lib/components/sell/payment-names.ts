// A payment method in the shop's words: cash and card translated, the shop's own names as typed.
import { PAYMENT_CARD, PAYMENT_CASH } from '$core/till/settings';
import { t } from '$lib/i18n/i18n.svelte';

export const methodName = (method: string): string =>
	method === PAYMENT_CASH ? t('sell.pay.method.cash') : method === PAYMENT_CARD ? t('sell.pay.method.card') : method;
