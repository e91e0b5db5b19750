// Parked tickets: the ticket of a customer looking for their wallet is kept aside under a name, the
// next customer is served, and the ticket comes back as it was. Stored on the device (a setting
// that never syncs), so they survive a reload.
import { restoreCart, type Cart } from '../cart';

export interface ParkedTicket {
	id: string;
	/** What the cashier called it ("Señora del abrigo"); '' shows the time it was parked. */
	label: string;
	at: number;
	cart: Cart;
}

/** More than this and the oldest go: a parked ticket is for minutes, not days. */
export const MAX_PARKED = 20;

export function park(list: readonly ParkedTicket[], cart: Cart, label: string, at: number, id: string): ParkedTicket[] {
	if (cart.lines.length === 0) return [...list];
	return [...list, { id, label: label.trim(), at, cart }].slice(-MAX_PARKED);
}

/** Takes a parked ticket back out of the list; cart is null when it is no longer there (another tab took it). */
export function unpark(list: readonly ParkedTicket[], id: string): { list: ParkedTicket[]; cart: Cart | null } {
	const found = list.find((p) => p.id === id);
	return { list: list.filter((p) => p.id !== id), cart: found ? found.cart : null };
}

/** The stored list read back: malformed entries (an older version, a hand edit) and empty tickets dropped. */
export function restoreParked(stored: unknown): ParkedTicket[] {
	if (!Array.isArray(stored)) return [];
	const out: ParkedTicket[] = [];
	for (const p of stored as Partial<ParkedTicket>[]) {
		if (!p || typeof p.id !== 'string' || typeof p.at !== 'number') continue;
		const cart = restoreCart(p.cart);
		if (cart.lines.length) out.push({ id: p.id, label: typeof p.label === 'string' ? p.label : '', at: p.at, cart });
	}
	return out.slice(-MAX_PARKED);
}
