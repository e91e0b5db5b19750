// The till's shop-wide settings (shared between the shop's tablets through sync: the key starts
// with "shop."), and the device's own till state (never synced: each tablet has its own cashier,
// ticket series and open shift).
import type { ProductId } from '../brand';
import type { Product } from '../types';

export const TILL_SETTINGS_KEY = 'shop.till';
/** Device-local: the staff member at this tablet's till. */
export const TILL_CASHIER_KEY = 'till.cashier';
/** Device-local: the open cash shift's id. */
export const TILL_SHIFT_KEY = 'till.shift';
/** Device-local: this tablet's ticket series (defaults to ticketSeriesOf(deviceId)). */
export const TILL_SERIES_KEY = 'till.series';
/** Device-local: tickets parked while the customer looks for their wallet. */
export const TILL_PARKED_KEY = 'till.parked';

export const RECEIPT_PAPERS = ['80mm', '58mm', 'A4'] as const;
export type ReceiptPaper = (typeof RECEIPT_PAPERS)[number];

export interface TillSettings {
	/** What the receipt's header says. */
	shopName: string;
	address: string;
	taxId: string;
	receiptFooter: string;
	receiptPaper: ReceiptPaper;
	/** The tax rates a product can have, in percent (Spain's IVA by default). */
	taxRates: number[];
	/** The rate of a product that has none (records made before taxes, new products). */
	defaultTaxRate: number;
	/** Prices are entered with tax included (shops selling to the public); false adds tax on top. */
	pricesIncludeTax: boolean;
	/** Methods the shop named beside cash and card (Bizum, voucher...). */
	paymentMethods: string[];
	/** A discount above this percent of the ticket needs an admin's PIN. */
	discountLimitPercent: number;
	/** Products pinned to the till's grid, in order. */
	favourites: ProductId[];
}

export const DEFAULT_TILL_SETTINGS: TillSettings = {
	shopName: '', address: '', taxId: '', receiptFooter: '', receiptPaper: '80mm',
	taxRates: [21, 10, 4, 0], defaultTaxRate: 21, pricesIncludeTax: true,
	paymentMethods: [], discountLimitPercent: 10, favourites: []
};

/** Stored settings over the defaults: a record written by an older version lacks newer fields. */
export function tillSettingsOf(stored: Partial<TillSettings> | undefined | null): TillSettings {
	return { ...DEFAULT_TILL_SETTINGS, ...(stored ?? {}) };
}

export const taxRateOf = (product: Pick<Product, 'taxRate'>, settings: Pick<TillSettings, 'defaultTaxRate'>): number =>
	product.taxRate ?? settings.defaultTaxRate;

/** A tablet's default series: 8 hex digits of its device id (collision odds ~1 in 4 billion per pair). */
export const ticketSeriesOf = (deviceId: string): string => deviceId.replace(/[^0-9a-f]/gi, '').slice(0, 8).toUpperCase() || 'T';

export const PAYMENT_CASH = 'cash';
export const PAYMENT_CARD = 'card';
export const paymentMethodsOf = (settings: Pick<TillSettings, 'paymentMethods'>): string[] =>
	[PAYMENT_CASH, PAYMENT_CARD, ...settings.paymentMethods.filter((m) => m && m !== PAYMENT_CASH && m !== PAYMENT_CARD)];
