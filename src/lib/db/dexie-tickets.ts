// The tickets table on IndexedDB: an index of the receipts inside the stored sale blocks
// (SaleBlock.saleTickets), so a ticket is found by its number, series, shift or the invoice it
// returns without reading blocks. It is written wherever blocks are stored, in the same transaction.
import Dexie, { type Table, type Transaction } from 'dexie';
import type { TicketQuery } from '$core/repository';
import type { SaleBlock } from '$core/sale-blocks';
import { matchesTicketQuery } from '$core/till/ticket-query';
import type { Ticket, TicketLink } from '$core/till/ticket';

/** The receipts a batch of blocks carries. */
export function ticketsOfBlocks(blocks: readonly SaleBlock[]): Ticket[] {
	const out: Ticket[] = [];
	for (const b of blocks) for (const t of b.saleTickets ?? []) if (t) out.push(t);
	return out;
}

/**
 * Adds the blocks' receipts to the index; the caller's transaction holds the tickets table. A
 * ticket already indexed (the same sale arriving again in another block) is written over with itself.
 */
export async function indexTickets(tickets: Table<Ticket, string>, blocks: readonly SaleBlock[]) {
	const found = ticketsOfBlocks(blocks);
	if (found.length) await tickets.bulkPut(found);
}

/** The series' last ticket (the highest number), what the next one is chained to. */
export async function lastTicketLink(tickets: Table<Ticket, string>, series: string): Promise<TicketLink | null> {
	const last = await tickets.where('[series+number]').between([series, Dexie.minKey], [series, Dexie.maxKey]).last();
	return last ? { number: last.number, hash: last.hash } : null;
}

/** Newest first, then by number: the order every store lists tickets in. */
const newestFirst = (a: Ticket, b: Ticket) => b.at - a.at || b.number - a.number;

/**
 * Tickets matching the query, newest first. The narrowest index the query names is read (series,
 * shift, returned invoice), else the time index; the other fields filter what it gives.
 */
export async function queryTickets(tickets: Table<Ticket, string>, query: TicketQuery): Promise<Ticket[]> {
	let candidates: Ticket[];
	if (query.series !== undefined) candidates = await tickets.where('[series+number]').between([query.series, Dexie.minKey], [query.series, Dexie.maxKey]).toArray();
	else if (query.shiftId !== undefined) candidates = await tickets.where('shiftId').equals(query.shiftId).toArray();
	else if (query.returnOf !== undefined) candidates = await tickets.where('returnOf').equals(query.returnOf).toArray();
	else candidates = await ticketsByTime(tickets, query);
	const out = candidates.filter((t) => matchesTicketQuery(t, query)).sort(newestFirst);
	return query.limit === undefined ? out : out.slice(0, query.limit);
}

/**
 * The newest `limit` tickets in the time range read from the time index, plus every other ticket at
 * the same instant as the last of them, so ties are ordered like everywhere else.
 */
async function ticketsByTime(tickets: Table<Ticket, string>, query: TicketQuery): Promise<Ticket[]> {
	const range = () => tickets.where('at').between(query.fromAt ?? -Infinity, query.toAt ?? Infinity, true, true);
	if (query.limit === undefined) return range().toArray();
	const head = await range().reverse().limit(query.limit).toArray();
	if (head.length < query.limit || head.length === 0) return head;
	const lastAt = head[head.length - 1].at;
	const ties = await tickets.where('at').equals(lastAt).toArray();
	return [...head.filter((t) => t.at !== lastAt), ...ties];
}

/** v9's upgrade: indexes the receipts of every block already stored, one block in memory at a time. */
export async function indexStoredTickets(tx: Transaction) {
	const found: Ticket[] = [];
	await tx.table('saleBlocks').each((b: SaleBlock) => { found.push(...ticketsOfBlocks([b])); });
	if (found.length) await tx.table('tickets').bulkPut(found);
}
