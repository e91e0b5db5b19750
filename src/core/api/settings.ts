// The shop's shared settings: its name, the currency money is kept in, and the locale and language
// the shop's screens and exports default to. Admin only, as the brief asks.
import { z } from 'zod';

/** The setting key the values are kept under (the shop's name lives on its shops row). */
export const SHOP_SETTINGS_KEY = 'shopSettings';

const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR or USD').describe('ISO 4217 currency code');
const locale = z.string().min(2).max(35).refine((tag) => {
	try {
		return Intl.getCanonicalLocales(tag).length === 1;
	} catch {
		return false;
	}
}, 'must be a BCP 47 language tag such as es-ES or en-GB').describe('BCP 47 tag for numbers and dates, e.g. es-ES');
const language = z.enum(['es', 'en']).describe('Language of the screens');

export const ShopSettings = z.object({
	shop_code: z.string().describe('The shop these settings belong to (the token names it)'),
	name: z.string().min(1).max(120),
	currency,
	locale,
	language
}).meta({ id: 'ShopSettings' });

export const ShopSettingsPatch = z.object({
	name: z.string().trim().min(1, 'must not be empty').max(120).optional(),
	currency: currency.optional(),
	locale: locale.optional(),
	language: language.optional()
}).strict().meta({ id: 'ShopSettingsChanges' });

export type ShopSettingsBody = z.infer<typeof ShopSettings>;

/** What a shop starts with: Spain, in Spanish. */
export const DEFAULT_SHOP_SETTINGS = { currency: 'EUR', locale: 'es-ES', language: 'es' } as const;
