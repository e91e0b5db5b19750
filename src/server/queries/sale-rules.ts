// The till's rules for a sale the API rings up: tax per rate on the sale, shared over its lines to
// the cent (core/till/tax.ts, as a till ticket's); payments that add up to what the customer pays;
// a return that never gives back more of a product than the original sale sold, less what earlier
// returns of it gave back.
import { moneyText } from '../../core/api/common';
import type { Cents } from '../../core/brand';
import { lineTotal } from '../../core/money';
import { TILL_SETTINGS_KEY, tillSettingsOf, type TillSettings } from '../../core/till/settings';
import { ticketTax } from '../../core/till/tax';
import type { Payment, Product, SaleLine } from '../../core/types';
import { invalid } from '../problem';
import { returnsOf, saleByInvoice } from './sales';
import type { ShopScope } from './catalog';

/** The shop's till settings (tax rates, prices with or without tax), read in the scope's transaction. */
export async function tillSettingsIn({ sql, shopId }: ShopScope): Promise<TillSettings> {
	const row = await sql.db.selectFrom('settings').select('value').where('shop_id', '=', shopId).where('key', '=', TILL_SETTINGS_KEY).executeTakeFirst();
	return tillSettingsOf(row ? (JSON.parse(row.value) as Partial<TillSettings>) : undefined);
}

/** The lines with their tax rate and their share of the sale's tax; the total the customer pays. */
export function taxLines(lines: readonly SaleLine[], rates: readonly number[], pricesIncludeTax: boolean): { lines: SaleLine[]; total: Cents } {
	const tax = ticketTax(lines.map((l, i) => ({ amount: lineTotal(l.quantity, l.unitPrice, l.discount), rate: rates[i] })), pricesIncludeTax);
	return { lines: lines.map((l, i) => ({ ...l, taxRate: rates[i], tax: tax.lineTax[i] })), total: tax.total };
}

/** Payments must add up to the total, to the cent. */
export function checkPayments(payments: readonly Payment[], total: Cents) {
	const paid = payments.reduce((s, p) => s + p.amount, 0);
	if (paid !== total) throw invalid('body.payments', `add up to ${moneyText(paid)}, but the sale comes to ${moneyText(total)}`);
}

/**
 * The return lines (negative quantities) of a sale that gives back `invoice`: each product must be
 * on that sale, and what this and earlier returns give back may not pass what it sold.
 */
export async function checkReturnOf(scope: ShopScope, invoice: string, lines: readonly SaleLine[], products: readonly Product[]) {
	const original = await saleByInvoice(scope, invoice);
	if (!original) throw invalid('body.return_of', `no sale with invoice "${invoice}"`);
	const left = new Map<string, number>();
	for (const l of original.lines) if (l.quantity > 0) left.set(l.productId, (left.get(l.productId) ?? 0) + l.quantity);
	for (const earlier of await returnsOf(scope, invoice)) {
		for (const l of earlier.lines) if (l.quantity < 0 && left.has(l.productId)) left.set(l.productId, left.get(l.productId)! + l.quantity);
	}
	lines.forEach((l, i) => {
		if (l.quantity >= 0) return;
		const sku = products[i].sku;
		const can = left.get(l.productId);
		if (can === undefined) throw invalid(`body.lines.${i}.sku`, `"${sku}" is not on sale ${invoice}`);
		const after = Math.round((can + l.quantity) * 1000) / 1000;
		if (after < 0) throw invalid(`body.lines.${i}.quantity`, `gives back ${-l.quantity} of "${sku}", but only ${Math.max(0, Math.round(can * 1000) / 1000)} of what sale ${invoice} sold ${can === 1 ? 'is' : 'are'} left to give back`);
		left.set(l.productId, after);
	});
}
