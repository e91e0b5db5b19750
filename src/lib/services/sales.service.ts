// Sales history: lookups for codes and names here; the lines are filtered and paged in a worker.
// A ticket's page: its receipt, the returns made against it, and whether its series still verifies.
import type { CustomerId, DayNumber, ProductId } from '$core/brand';
import { wrap, type Remote } from 'comlink';
import type { SaleLineRow } from '$core/sale-blocks';
import type { SalesFilter, SalesPage } from '$core/sales-query';
import { returnableQuantities } from '$core/till/returns';
import { verifyTickets, type ChainProblem, type Ticket } from '$core/till/ticket';
import type { Product } from '$core/types';
import { getRepository } from '$lib/db';
import type { SalesHistoryApi } from '$workers/sales-history.worker';

export const PAGE_SIZE = 50;

export interface SalesLookups {
	products: Product[];
	productsById: Map<ProductId, Product>;
	customerCodes: Map<CustomerId, string>;
}

export async function loadSalesLookups(): Promise<SalesLookups> {
	const repo = getRepository();
	const [products, customers] = await Promise.all([repo.listProducts(), repo.listCustomers()]);
	return {
		products: products.sort((a, b) => a.sku.localeCompare(b.sku)),
		productsById: new Map(products.map((p) => [p.id, p])),
		customerCodes: new Map(customers.map((c) => [c.id, c.code]))
	};
}

let worker: Remote<SalesHistoryApi> | null = null;

/** The history worker, started on first use and kept while the app is open. */
function historyWorker(): Remote<SalesHistoryApi> {
	worker ??= wrap<SalesHistoryApi>(new Worker(new URL('../../../workers/sales-history.worker.ts', import.meta.url), { type: 'module' }));
	return worker;
}

/**
 * One per page visit. The worker keeps the blocks loaded while the filter stays inside their
 * range, so changing the page, the product or a narrower range never reads IndexedDB again, and
 * filtering a large history never blocks the page.
 */
export class SalesHistory {
	private ready = historyWorker().reset();

	/** Sales arrived (pulled from the shop's other devices): the next query reads the blocks again. */
	reload(): Promise<void> {
		this.ready = historyWorker().reset();
		return this.ready;
	}

	async query(filter: SalesFilter, page: number): Promise<SalesPage> {
		await this.ready;
		return historyWorker().query(filter, page * PAGE_SIZE, PAGE_SIZE);
	}
}

/** A ticket's number as the shop types or scans it: spaces around dropped, letters in capitals. */
export const normalInvoice = (text: string) => text.trim().toUpperCase();

export const ticketHref = (invoice: string) => `/sales/ticket?invoice=${encodeURIComponent(invoice)}`;

export type TicketView =
	| {
		kind: 'ticket';
		ticket: Ticket;
		/** Return and exchange tickets made against this one, newest first. */
		returns: Ticket[];
		/** Per line, the units that can still be given back. */
		returnable: number[];
	}
	/** A sale without a receipt of its own (imported from another system, or rung up before receipts). */
	| { kind: 'sale'; invoice: string; rows: SaleLineRow[] }
	| { kind: 'missing'; invoice: string };

/** Everything the ticket page shows; `day` (from the history's link) narrows the search for a sale without a receipt. */
export async function loadTicketView(invoice: string, day?: DayNumber): Promise<TicketView> {
	const repo = getRepository();
	const wanted = normalInvoice(invoice);
	const ticket = (await repo.getTicket(invoice)) ?? (wanted !== invoice ? await repo.getTicket(wanted) : undefined);
	if (ticket) {
		const returns = await repo.listTickets({ returnOf: ticket.invoice });
		return { kind: 'ticket', ticket, returns, returnable: returnableQuantities(ticket, returns) };
	}
	const rows = await historyWorker().linesOf(invoice, day);
	return rows.length ? { kind: 'sale', invoice: rows[0].invoice, rows } : { kind: 'missing', invoice };
}

/** The ticket number as stored when a sale has exactly this one (a scan or a typed number), else null. */
export async function findInvoice(text: string): Promise<string | null> {
	const wanted = normalInvoice(text);
	if (!wanted) return null;
	const ticket = await getRepository().getTicket(wanted);
	if (ticket) return ticket.invoice;
	const rows = await historyWorker().linesOf(text.trim());
	return rows[0]?.invoice ?? null;
}

export interface SeriesCheck { series: string; count: number; problems: ChainProblem[] }

/** Every ticket of a series, numbered without gaps and each chained to the one before. */
export async function checkSeries(series: string): Promise<SeriesCheck> {
	const tickets = await getRepository().listTickets({ series });
	return { series, count: tickets.length, problems: verifyTickets(tickets) };
}
