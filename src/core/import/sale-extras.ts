// What a sales file may say beyond the line itself, as our own export writes it (tax_rate,
// tax_amount, payments, return_of, cashier) or a POS names it (IVA, Forma de pago, Cajero): the
// line's tax and the sale's payments, and whether its prices excluded tax.
import type { Cents } from '../brand';
import { lineAmounts, type SaleBlock } from '../sale-blocks';
import { PAYMENT_CARD, PAYMENT_CASH } from '../till/settings';
import { parsePaymentsText } from '../till/payments';
import type { Payment } from '../types';
import type { PendingLines, PendingSale } from './pending-lines';

/** The tax inside an amount that includes it, rounded as a ticket rounds it (half away from zero). */
export function includedTax(amount: number, rate: number): number {
	if (rate === 0) return 0;
	const base = Math.sign(amount) * Math.round(Math.abs((amount * 100) / (100 + rate)) + 1e-9);
	return amount - base;
}

/**
 * A line whose total is its amount plus its tax (and not the amount itself) was priced without tax:
 * round(q × p) − discount + tax = total, to the cent.
 */
export const pricedWithoutTax = (amount: number, tax: number, total: number) => tax !== 0 && Math.abs(total - (amount + tax)) <= 1 && Math.abs(total - amount) > 1;

const METHODS: Record<string, string> = {
	cash: PAYMENT_CASH, efectivo: PAYMENT_CASH, contado: PAYMENT_CASH, metalico: PAYMENT_CASH,
	card: PAYMENT_CARD, tarjeta: PAYMENT_CARD, creditcard: PAYMENT_CARD, debitcard: PAYMENT_CARD, visa: PAYMENT_CARD, mastercard: PAYMENT_CARD,
	tarjetadecredito: PAYMENT_CARD, tarjetadedebito: PAYMENT_CARD, datafono: PAYMENT_CARD
};

/** "Efectivo" → cash, "Tarjeta" → card; any other method as written. */
export function paymentMethod(text: string): string {
	const t = text.trim();
	const key = t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
	return METHODS[key] ?? t;
}

/** Whether a payments cell can be read: `method:amount; ...` or a method's name alone. */
export const paymentsReadable = (cell: string) => !cell.includes(':') || parsePaymentsText(cell) !== null;

/** The sale's payments from its cell: `cash:20.00; card:5.50`, or a method alone paying the sale's total. */
export function paymentsOf(cell: string, paid: number): Payment[] | null {
	const t = cell.trim();
	if (t === '') return null;
	if (t.includes(':')) return (parsePaymentsText(t) ?? []).map((p) => ({ method: paymentMethod(p.method), amount: p.amount }));
	return [{ method: paymentMethod(t), amount: paid as Cents }];
}

/** The block's optional till columns from the lines and sales the file gave them to (none when it gave none). */
export function addTillColumns(block: SaleBlock, sales: readonly PendingSale[], lines: PendingLines) {
	const given = (a: Float64Array) => a.some((v) => !Number.isNaN(v));
	if (given(lines.taxRate) || given(lines.tax)) {
		block.taxRate = lines.taxRate.map((v) => (Number.isNaN(v) ? 0 : v));
		block.tax = lines.tax.map((v) => (Number.isNaN(v) ? 0 : v));
	}
	if (sales.some((s) => s.taxExcluded)) block.saleTaxExcluded = Uint8Array.from(sales, (s) => (s.taxExcluded ? 1 : 0));
	if (sales.some((s) => s.cashier)) block.saleCashier = sales.map((s) => s.cashier);
	if (sales.some((s) => s.returnOf)) block.saleReturnOf = sales.map((s) => s.returnOf);
	if (sales.some((s) => s.payments)) {
		const paid = new Float64Array(sales.length);
		for (let l = 0; l < block.lineCount; l++) paid[block.lineSale[l]] += lineAmounts(block, l).paid;
		block.salePayments = sales.map((s, i) => paymentsOf(s.payments, paid[i]));
	}
}
