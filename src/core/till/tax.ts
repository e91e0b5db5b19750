// Tax on a ticket. The tax of each rate is computed once on the ticket's total at that rate (as an
// invoice states it: base and tax per rate), then shared over its lines so that the lines' taxes
// add up to the ticket's to the cent. Lines may be negative (a return inside an exchange).
import type { Cents } from '../brand';
import { roundShares } from './allocate';

export interface TaxedLine { /** What the line comes to after its discounts, in cents. */ amount: number; rate: number }

export interface RateTotals { rate: number; base: Cents; tax: Cents; /** base + tax */ total: Cents }

export interface TicketTax {
	/** Per line, in input order. */
	lineTax: Cents[];
	/** Per rate, highest rate first; rates with no lines are left out. */
	rates: RateTotals[];
	base: Cents;
	tax: Cents;
	/** What the customer pays (negative: what the shop gives back). */
	total: Cents;
}

/** Half away from zero, so a refund's tax mirrors the sale's. */
const roundCents = (x: number) => Math.sign(x) * Math.round(Math.abs(x) + 1e-9);

/** The tax inside (pricesIncludeTax) or on top of an amount at a rate, unrounded. */
function exactTax(amount: number, rate: number, included: boolean): number {
	return included ? (amount * rate) / (100 + rate) : (amount * rate) / 100;
}

export function ticketTax(lines: readonly TaxedLine[], pricesIncludeTax: boolean): TicketTax {
	const lineTax: number[] = lines.map(() => 0);
	const byRate = new Map<number, number[]>();
	lines.forEach((l, i) => {
		const group = byRate.get(l.rate);
		if (group) group.push(i); else byRate.set(l.rate, [i]);
	});
	const rates: RateTotals[] = [];
	for (const [rate, indexes] of [...byRate].sort((a, b) => b[0] - a[0])) {
		const amount = indexes.reduce((s, i) => s + lines[i].amount, 0);
		// Included: base = round(amount / (1 + rate)), tax = the rest, so base + tax is the amount paid.
		const tax = pricesIncludeTax ? amount - roundCents((amount * 100) / (100 + rate)) : roundCents(exactTax(amount, rate, false));
		const shares = roundShares(indexes.map((i) => exactTax(lines[i].amount, rate, pricesIncludeTax)), tax);
		indexes.forEach((i, k) => (lineTax[i] = shares[k]));
		const base = pricesIncludeTax ? amount - tax : amount;
		rates.push({ rate, base: base as Cents, tax: tax as Cents, total: (base + tax) as Cents });
	}
	const base = rates.reduce((s, r) => s + r.base, 0);
	const tax = rates.reduce((s, r) => s + r.tax, 0);
	return { lineTax: lineTax as Cents[], rates, base: base as Cents, tax: tax as Cents, total: (base + tax) as Cents };
}
