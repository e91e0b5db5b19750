// Discounts per line and per ticket, as a percentage or an amount. A ticket discount is shared over
// the sold lines (never the returned ones) in proportion to their amounts, so every stored line
// carries its full discount and reports per product see it.
import type { Cents } from '../brand';
import { splitByWeight } from './allocate';

export const DISCOUNT_KINDS = ['percent', 'amount'] as const;
export type DiscountKind = (typeof DISCOUNT_KINDS)[number];

export interface Discount {
	kind: DiscountKind;
	/** Percent (0-100) or cents. */
	value: number;
	reason: string;
}

export type DiscountError = 'negative' | 'over_100_percent' | 'more_than_amount';

export function discountError(d: Discount, amount: number): DiscountError | null {
	if (!Number.isFinite(d.value) || d.value < 0) return 'negative';
	if (d.kind === 'percent' && d.value > 100) return 'over_100_percent';
	if (d.kind === 'amount' && d.value > Math.max(amount, 0)) return 'more_than_amount';
	return null;
}

/** The cents a discount takes off an amount (0 for a return line: refunds are never discounted again). */
export function discountCents(d: Discount | null | undefined, amount: number): Cents {
	if (!d || amount <= 0) return 0 as Cents;
	const cents = d.kind === 'percent' ? Math.round((amount * d.value) / 100) : Math.round(d.value);
	return Math.min(Math.max(cents, 0), amount) as Cents;
}

/** A ticket discount's cents shared over lines by their amounts after line discounts (returns get none). */
export function shareTicketDiscount(total: Cents, lineAmounts: readonly number[]): Cents[] {
	return splitByWeight(total, lineAmounts.map((a) => Math.max(a, 0))) as Cents[];
}

/** The discount as a share of what the lines came to before it, in percent (for the admin limit). */
export const discountPercent = (discount: number, grossBeforeDiscounts: number): number =>
	grossBeforeDiscounts > 0 ? (discount / grossBeforeDiscounts) * 100 : 0;
