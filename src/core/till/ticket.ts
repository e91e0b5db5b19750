// A till receipt. Each tablet numbers its tickets in its own series with no gaps, and every ticket
// carries the hash of the previous one in its series, so a changed, removed or inserted ticket
// breaks the chain (in the spirit of Spain's VeriFactu rules; not a certified implementation).
import type { Cents, CustomerId, LocalTimestamp, ProductId, SaleId } from '../brand';
import type { Payment } from '../types';
import type { Discount } from './discounts';
import type { RateTotals } from './tax';
import { sha256Hex } from './sha256';

export interface TicketLine {
	productId: ProductId;
	sku: string;
	name: string;
	/** A variant's options as text ("Talla=M; Color=Negro"), '' otherwise. */
	options: string;
	/** Negative on a returned line. */
	quantity: number;
	unitPrice: Cents;
	/** The line's own discount, as given. */
	lineDiscount: Discount | null;
	/** Everything taken off the line: its own discount and its share of the ticket's. */
	discount: Cents;
	taxRate: number;
	tax: Cents;
	/** What the line comes to (tax included when prices include it). */
	amount: Cents;
	/** On a returned line: the original ticket's line index it gives back, null without a ticket. */
	returnOfLine: number | null;
	/** On a returned line: back to stock (true) or damaged (false). */
	restock: boolean;
}

export interface TicketShop { name: string; address: string; taxId: string; footer: string }

/** A ticket as the till builds it, before storage numbers it in its series. */
export interface TicketDraft {
	saleId: SaleId;
	at: LocalTimestamp;
	deviceId: string;
	cashier: string;
	/** The admin who approved a refund, a large discount or a price change on a staff member's ticket. */
	approvedBy: string;
	customer: { id: CustomerId; code: string; name: string } | null;
	shop: TicketShop;
	pricesIncludeTax: boolean;
	lines: TicketLine[];
	ticketDiscount: (Discount & { amount: Cents }) | null;
	taxes: RateTotals[];
	base: Cents;
	tax: Cents;
	/** Paid by the customer; negative when the shop paid back (a refund, an exchange for less). */
	total: Cents;
	payments: Payment[];
	/** Cash handed over, null when no cash was. */
	tendered: Cents | null;
	change: Cents;
	/** The original ticket of a return or exchange, '' for none. */
	returnOf: string;
	/** Why a return has no ticket (required then), '' otherwise. */
	returnReason: string;
	shiftId: string | null;
}

export interface Ticket extends TicketDraft {
	series: string;
	number: number;
	/** `${series}-${number}` zero-padded to 6 digits: what the receipt, the sales history and exports show. */
	invoice: string;
	/** The previous ticket's hash in the series; GENESIS for the first. */
	previousHash: string;
	hash: string;
}

export interface TicketLink { number: number; hash: string }

export const GENESIS = '0'.repeat(64);

export const invoiceOf = (series: string, number: number) => `${series}-${String(number).padStart(6, '0')}`;

/** JSON with keys sorted at every level: the same ticket always hashes the same. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function ticketHash(ticket: Omit<Ticket, 'hash'>): string {
	const { hash: _ignored, ...rest } = ticket as Ticket;
	return sha256Hex(canonicalJson(rest));
}

/** Numbers a draft after the series' last ticket and chains it: run inside the storing transaction. */
export function sealTicket(draft: TicketDraft, series: string, previous: TicketLink | null): Ticket {
	const number = (previous?.number ?? 0) + 1;
	const unsealed: Omit<Ticket, 'hash'> = { ...draft, series, number, invoice: invoiceOf(series, number), previousHash: previous?.hash ?? GENESIS };
	return { ...unsealed, hash: ticketHash(unsealed) };
}

export type ChainProblem =
	| { kind: 'gap'; series: string; after: number; next: number }
	| { kind: 'changed'; invoice: string }
	| { kind: 'broken_link'; invoice: string }
	| { kind: 'duplicate'; invoice: string };

/** Checks every series: numbers 1, 2, 3... with no gap, each hash right and each link to the previous. */
export function verifyTickets(tickets: readonly Ticket[]): ChainProblem[] {
	const problems: ChainProblem[] = [];
	const bySeries = new Map<string, Ticket[]>();
	for (const t of tickets) {
		const list = bySeries.get(t.series);
		if (list) list.push(t); else bySeries.set(t.series, [t]);
	}
	for (const [series, list] of bySeries) {
		list.sort((a, b) => a.number - b.number);
		let previous: Ticket | null = null;
		for (const t of list) {
			if (ticketHash(t) !== t.hash) problems.push({ kind: 'changed', invoice: t.invoice });
			if (previous && previous.number === t.number) problems.push({ kind: 'duplicate', invoice: t.invoice });
			else if (t.number !== (previous?.number ?? 0) + 1) problems.push({ kind: 'gap', series, after: previous?.number ?? 0, next: t.number });
			else if (t.previousHash !== (previous?.hash ?? GENESIS)) problems.push({ kind: 'broken_link', invoice: t.invoice });
			previous = t;
		}
	}
	return problems;
}
