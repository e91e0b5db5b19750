// From what the till shows to what is stored: prices, discounts, tax and payments become a ticket
// draft (checked, every error named by line and field), and a sealed ticket becomes the sale, its
// block and its stock movements.
import type { Cents, CustomerId, LocalTimestamp, MovementId, SaleId } from '../brand';
import { movementsForSale } from '../ledger';
import type { SalesBatch } from '../repository';
import { buildBlock } from '../sale-blocks';
import { stableId } from '../sync/stable-id';
import type { Product, Sale, StockMovement } from '../types';
import { MAX_QUANTITY } from '../validation';
import { discountCents, discountError, shareTicketDiscount, type Discount, type DiscountError } from './discounts';
import { settle, type Settlement, type Tender } from './payments';
import { taxRateOf, type TillSettings } from './settings';
import { ticketTax } from './tax';
import type { Ticket, TicketDraft, TicketLine, TicketShop } from './ticket';
import { optionsText } from '../variants';

export interface TillLine {
	product: Pick<Product, 'id' | 'sku' | 'name' | 'taxRate' | 'optionValues'>;
	/** Negative gives units back (a return). */
	quantity: number;
	unitPrice: Cents;
	discount: Discount | null;
	/** A returned line's index in the original ticket; null for a return without ticket. */
	returnOfLine?: number | null;
	/** A returned line goes back to stock (default) or is damaged. */
	restock?: boolean;
}

export interface TillDraft {
	saleId: SaleId;
	at: LocalTimestamp;
	deviceId: string;
	lines: TillLine[];
	ticketDiscount: Discount | null;
	tenders: Tender[];
	customer: { id: CustomerId; code: string; name: string } | null;
	cashier: string;
	approvedBy: string;
	returnOf: string;
	returnReason: string;
	shiftId: string | null;
}

export type CheckoutError =
	| { line: number; field: 'quantity' | 'unitPrice'; code: 'must_not_be_zero' | 'too_large' | 'negative' }
	| { line: number; field: 'discount'; code: DiscountError }
	| { line: -1; field: 'lines'; code: 'empty' }
	| { line: -1; field: 'ticketDiscount'; code: DiscountError }
	| { line: -1; field: 'returnReason'; code: 'required' }
	| { line: -1; field: 'payments'; code: 'not_covered' };

export interface PricedTicket { draft: TicketDraft; settlement: Settlement; errors: CheckoutError[]; /** Before any discount. */ gross: Cents; discount: Cents }

const shopOf = (s: TillSettings): TicketShop => ({ name: s.shopName, address: s.address, taxId: s.taxId, footer: s.receiptFooter });

/** Prices a ticket as it stands; `errors` is empty when it can be charged. */
export function priceTicket(input: TillDraft, settings: TillSettings): PricedTicket {
	const errors: CheckoutError[] = [];
	if (input.lines.length === 0) errors.push({ line: -1, field: 'lines', code: 'empty' });
	const gross = input.lines.map((l) => Math.round(l.quantity * l.unitPrice));
	const own = input.lines.map((l, i) => {
		if (!Number.isFinite(l.quantity) || l.quantity === 0) errors.push({ line: i, field: 'quantity', code: 'must_not_be_zero' });
		else if (Math.abs(l.quantity) > MAX_QUANTITY) errors.push({ line: i, field: 'quantity', code: 'too_large' });
		if (!Number.isInteger(l.unitPrice) || l.unitPrice < 0) errors.push({ line: i, field: 'unitPrice', code: 'negative' });
		const problem = l.discount && l.quantity > 0 ? discountError(l.discount, gross[i]) : null;
		if (problem) errors.push({ line: i, field: 'discount', code: problem });
		return discountCents(l.discount, gross[i]);
	});
	const afterOwn = gross.map((g, i) => g - own[i]);
	const sold = afterOwn.reduce((s, a) => s + Math.max(a, 0), 0);
	const ticketProblem = input.ticketDiscount ? discountError(input.ticketDiscount, sold) : null;
	if (ticketProblem) errors.push({ line: -1, field: 'ticketDiscount', code: ticketProblem });
	const ticketCut = ticketProblem ? (0 as Cents) : discountCents(input.ticketDiscount, sold);
	const shares = shareTicketDiscount(ticketCut, afterOwn);
	const amounts = afterOwn.map((a, i) => a - shares[i]);
	const rates = input.lines.map((l) => taxRateOf(l.product, settings));
	const tax = ticketTax(amounts.map((amount, i) => ({ amount, rate: rates[i] })), settings.pricesIncludeTax);
	if (input.lines.some((l) => l.quantity < 0) && !input.returnOf && !input.returnReason.trim()) errors.push({ line: -1, field: 'returnReason', code: 'required' });
	const settlement = settle(tax.total, input.tenders);
	if (!settlement.complete) errors.push({ line: -1, field: 'payments', code: 'not_covered' });
	const lines: TicketLine[] = input.lines.map((l, i) => ({
		productId: l.product.id, sku: l.product.sku, name: l.product.name, options: optionsText(l.product.optionValues ?? []),
		quantity: l.quantity, unitPrice: l.unitPrice, lineDiscount: l.discount && own[i] > 0 ? l.discount : null,
		discount: (own[i] + shares[i]) as Cents, taxRate: rates[i], tax: tax.lineTax[i], amount: amounts[i] as Cents,
		returnOfLine: l.quantity < 0 ? (l.returnOfLine ?? null) : null, restock: l.quantity < 0 ? l.restock !== false : true
	}));
	const cash = input.tenders.filter((t) => t.method === 'cash').reduce((s, t) => s + Math.max(Math.round(t.amount), 0), 0);
	const draft: TicketDraft = {
		saleId: input.saleId, at: input.at, deviceId: input.deviceId, cashier: input.cashier, approvedBy: input.approvedBy,
		customer: input.customer, shop: shopOf(settings), pricesIncludeTax: settings.pricesIncludeTax, lines,
		ticketDiscount: input.ticketDiscount && ticketCut > 0 ? { ...input.ticketDiscount, amount: ticketCut } : null,
		taxes: tax.rates, base: tax.base, tax: tax.tax, total: tax.total,
		payments: settlement.payments, tendered: cash > 0 && tax.total > 0 ? (cash as Cents) : null, change: settlement.change,
		returnOf: input.returnOf, returnReason: input.returnReason.trim(), shiftId: input.shiftId
	};
	const discount = own.reduce((s, d) => s + d, 0) + ticketCut;
	return { draft, settlement, errors, gross: gross.reduce((s, g) => s + Math.max(g, 0), 0) as Cents, discount: discount as Cents };
}

/** The sale a sealed ticket records: its lines carry their discounts and taxes. */
export function saleOfTicket(ticket: Ticket): Sale {
	return {
		id: ticket.saleId, invoice: ticket.invoice, at: ticket.at, customerId: ticket.customer?.id ?? null, deviceId: ticket.deviceId,
		lines: ticket.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, discount: l.discount, taxRate: l.taxRate, tax: l.tax })),
		...(ticket.cashier ? { cashier: ticket.cashier } : {}),
		payments: ticket.payments,
		...(ticket.returnOf ? { returnOf: ticket.returnOf } : {}),
		...(ticket.pricesIncludeTax ? {} : { taxExcluded: true }),
		ticket
	};
}

/** A damaged return comes back (the return movement) and goes out again as an adjustment. */
export const damagedMovementId = (saleId: string, line: number) => stableId('damaged-return', `${saleId}|${line}`) as MovementId;

/** What storing a sealed ticket writes: its block and the stock movements it causes. */
export function ticketBatch(ticket: Ticket): SalesBatch {
	const sale = saleOfTicket(ticket);
	const movements: StockMovement[] = movementsForSale(sale);
	ticket.lines.forEach((l, i) => {
		if (l.quantity < 0 && !l.restock) movements.push({
			id: damagedMovementId(ticket.saleId, i), productId: l.productId, quantity: l.quantity, reason: 'adjustment',
			reference: ticket.invoice, note: 'damaged', at: ticket.at, deviceId: ticket.deviceId, ...(ticket.cashier ? { actor: ticket.cashier } : {})
		});
	});
	return { blocks: [buildBlock(stableId('ticket-block', ticket.saleId), [sale], 'pos')], movements };
}
