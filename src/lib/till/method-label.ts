// A payment method as the shop reads it: cash and card in the screen's language, the shop's own
// methods (Bizum, voucher…) as it named them.
import { PAYMENT_CARD, PAYMENT_CASH } from '$core/till/settings';
import { t } from '$lib/i18n/i18n.svelte';

export const paymentMethodLabel = (method: string): string =>
	method === PAYMENT_CASH ? t('till.method.cash') : method === PAYMENT_CARD ? t('till.method.card') : method;
