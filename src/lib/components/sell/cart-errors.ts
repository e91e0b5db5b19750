// A cart error's code in words: the till's own codes (discounts, returns) or the shared form codes.
import type { CartErrorCode } from '$core/till-cart/draft';
import { t } from '$lib/i18n/i18n.svelte';

const TILL_CODES = new Set<string>(['over_100_percent', 'more_than_amount', 'more_than_left']);

export const cartErrorText = (code: CartErrorCode): string => (TILL_CODES.has(code) ? t(`sell.error.${code}`) : t(`error.${code}`));
