// Charging a ticket: price it, then let storage number, chain and store it in one transaction.
import type { InventoryRepository } from '../repository';
import { priceTicket, type CheckoutError, type TillDraft } from './checkout';
import type { TillSettings } from './settings';
import { sealTicket, type Ticket } from './ticket';

export type ChargeResult = { ok: true; ticket: Ticket } | { ok: false; errors: CheckoutError[] };

export async function chargeTicket(repo: InventoryRepository, input: TillDraft, settings: TillSettings, series: string): Promise<ChargeResult> {
	const priced = priceTicket(input, settings);
	if (priced.errors.length) return { ok: false, errors: priced.errors };
	const ticket = await repo.appendTicketSale(series, (previous) => sealTicket(priced.draft, series, previous));
	return { ok: true, ticket };
}
