// `inventario sell`'s money options read and checked: --price SKU=AMOUNT, --discount SKU=10% or
// SKU=2.50, --ticket-discount 10% or 5.00, --pay METHOD=AMOUNT. Each error names the option as typed.
import type { Cents } from '../../core/brand';
import { paymentMethod } from '../../core/import/sale-extras';
import { parseMoneyInput } from '../../core/money';
import type { Discount } from '../../core/till/discounts';
import type { Tender } from '../../core/till/payments';
import { paymentMethodsOf, type TillSettings } from '../../core/till/settings';
import { UsageError } from '../args';

/** Splits "SKU=VALUE" at the last "=" (a SKU may hold one). */
function skuValue(option: string, text: string, example: string): [string, string] {
	const eq = text.lastIndexOf('=');
	if (eq <= 0) throw new UsageError(`${option} "${text}": write it as SKU=${example}`);
	return [text.slice(0, eq), text.slice(eq + 1)];
}

/** Option values given once per SKU of the sale. */
function perSku<T>(option: string, noun: string, given: readonly string[], skus: ReadonlySet<string>, example: string, read: (value: string, text: string) => T): Map<string, T> {
	const out = new Map<string, T>();
	for (const text of given) {
		const [sku, value] = skuValue(option, text, example);
		if (!skus.has(sku)) throw new UsageError(`${option} "${text}": "${sku}" is not on this sale`);
		if (out.has(sku)) throw new UsageError(`${option} "${text}": "${sku}" has ${noun} already`);
		out.set(sku, read(value, text));
	}
	return out;
}

/** --price SKU=AMOUNT: this line's unit price instead of the product's. */
export function readPrices(given: readonly string[], skus: ReadonlySet<string>): Map<string, Cents> {
	return perSku('--price', 'a price', given, skus, 'AMOUNT (e.g. 85123A=2.50)', (value, text) => {
		const amount = parseMoneyInput(value);
		if (amount === null || amount < 0) throw new UsageError(`--price "${text}": "${value}" is not a price (e.g. 2.50 or 2,50)`);
		return amount;
	});
}

/** "10%" is a percentage, "2.50" or "2,50" an amount. */
export function readDiscount(option: string, text: string, value = text): Discount {
	const t = value.trim();
	if (t.endsWith('%')) {
		const percent = Number(t.slice(0, -1).trim().replace(',', '.'));
		if (!Number.isFinite(percent) || percent <= 0 || percent > 100) throw new UsageError(`${option} "${text}": "${t}" is not a percentage from 0 to 100 (e.g. 10%)`);
		return { kind: 'percent', value: percent, reason: '' };
	}
	const amount = parseMoneyInput(t);
	if (amount === null || amount <= 0) throw new UsageError(`${option} "${text}": "${t}" is not a discount (e.g. 10% or 2.50)`);
	return { kind: 'amount', value: amount, reason: '' };
}

/** --discount SKU=10% | SKU=2.50 */
export const readDiscounts = (given: readonly string[], skus: ReadonlySet<string>): Map<string, Discount> =>
	perSku('--discount', 'a discount', given, skus, '10% or SKU=2.50', (value, text) => readDiscount('--discount', text, value));

/** --pay METHOD=AMOUNT, each a method the shop takes (cash, card and the ones it named); a method given twice adds up. */
export function readTenders(given: readonly string[], settings: TillSettings): Tender[] {
	const methods = paymentMethodsOf(settings);
	const tenders: Tender[] = [];
	for (const text of given) {
		const eq = text.lastIndexOf('=');
		if (eq <= 0) throw new UsageError(`--pay "${text}": write it as METHOD=AMOUNT (e.g. cash=20 or card=15.50)`);
		const typed = paymentMethod(text.slice(0, eq));
		const method = methods.find((m) => m.toLowerCase() === typed.toLowerCase());
		if (!method) throw new UsageError(`--pay "${text}": the shop takes ${methods.join(', ')}; "${text.slice(0, eq)}" is none of them`);
		const amount = parseMoneyInput(text.slice(eq + 1));
		if (amount === null || amount <= 0) throw new UsageError(`--pay "${text}": "${text.slice(eq + 1)}" is not an amount (e.g. 20 or 15,50)`);
		const same = tenders.find((t) => t.method === method);
		if (same) same.amount += amount;
		else tenders.push({ method, amount });
	}
	return tenders;
}
