// Recency, frequency and monetary value per customer as of a day, from their baskets.
import type { CustomerId } from '../brand';
import { type Baskets, basketCount } from './baskets';

export interface CustomerActivity {
	customerId: CustomerId;
	/** Days from the last purchase to the as-of day. */
	recencyDays: number;
	/** Purchases (baskets) up to the as-of day. */
	frequency: number;
	/** What they spent in cents, net of what they returned (never below 0). */
	monetary: number;
	firstDay: number;
	lastDay: number;
	/** Distinct days with a purchase: repeat-purchase models count days, not same-day invoices. */
	purchaseDays: number;
}

/** Every customer with at least one purchase on or before asOfDay. */
export function customerActivity(b: Baskets, asOfDay: number): CustomerActivity[] {
	const n = b.customers.length;
	const first = new Float64Array(n).fill(Infinity), last = new Float64Array(n).fill(-Infinity);
	const frequency = new Uint32Array(n), days = new Uint32Array(n), spent = new Float64Array(n);
	for (let i = 0; i < basketCount(b); i++) {
		const c = b.customer[i], day = b.day[i];
		if (c < 0 || day > asOfDay) continue;
		// Baskets are in time order, so a new day for the customer is a day after their last one.
		if (day !== last[c]) days[c]++;
		if (day < first[c]) first[c] = day;
		last[c] = day;
		frequency[c]++;
		spent[c] += b.value[i];
	}
	const out: CustomerActivity[] = [];
	for (let c = 0; c < n; c++) {
		if (frequency[c] === 0) continue;
		out.push({
			customerId: b.customers[c], recencyDays: asOfDay - last[c], frequency: frequency[c],
			monetary: Math.max(0, Math.round(spent[c] - b.customerReturns[c])), firstDay: first[c], lastDay: last[c], purchaseDays: days[c]
		});
	}
	return out;
}
