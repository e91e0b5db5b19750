// What the counter does: load what a sale needs, ring up the ticket, and keep the ticket in
// progress in this tab's session so a reload (or an app update) does not lose it.
import type { Cents, ProductId } from '$core/brand';
import { cartToDraft, emptyCart, restoreCart, type Cart } from '$core/cart';
import { draftTotal, recordSale, type SaleLineError } from '$core/selling';
import type { Customer, Product } from '$core/types';
import { getDeviceId, getRepository } from '$lib/db';
import { i18n, t } from '$lib/i18n/i18n.svelte';
import { scheduleHealthRecompute } from './alerts.service';
import { requestSync } from './sync.svelte';

export interface CounterData {
	/** Active products only: archived ones are not sold. */
	products: Product[];
	customers: Customer[];
	stock: Map<ProductId, number>;
}

export async function loadCounter(): Promise<CounterData> {
	const repo = getRepository();
	const [products, customers, stock] = await Promise.all([repo.listProducts(), repo.listCustomers(), repo.stockLevels()]);
	return { products: products.filter((p) => p.active), customers: customers.sort((a, b) => a.name.localeCompare(b.name)), stock };
}

export const loadStock = () => getRepository().stockLevels();

export type ChargeResult = { ok: true; invoice: string; total: Cents } | { ok: false; errors: SaleLineError[] };

/** Records the ticket as one sale: its block, stock movements and daily totals in one transaction. */
export async function chargeTicket(cart: Cart): Promise<ChargeResult> {
	const check = cartToDraft(cart);
	if (!check.ok) return check;
	const repo = getRepository();
	const result = await recordSale(repo, check.draft, await getDeviceId(repo));
	if (result.ok) {
		scheduleHealthRecompute();
		// The sale is stored with its outbox entry: send it to the shop now (in the sync worker).
		requestSync('sale');
	}
	return result.ok ? { ok: true, invoice: result.sale.invoice, total: draftTotal(check.draft) } : result;
}

const TICKET_KEY = 'inventario.sell.ticket';

export function loadTicket(): Cart {
	try {
		return restoreCart(JSON.parse(sessionStorage.getItem(TICKET_KEY) ?? 'null'));
	} catch {
		return emptyCart();
	}
}

export function saveTicket(cart: Cart) {
	try {
		if (cart.lines.length || cart.customer) sessionStorage.setItem(TICKET_KEY, JSON.stringify(cart));
		else sessionStorage.removeItem(TICKET_KEY);
	} catch {
		// Session storage full or blocked: the ticket still lives on screen.
	}
}

/** The decimal mark of the chosen number style, for prices put into fields. */
export function decimalMark(): ',' | '.' {
	const part = new Intl.NumberFormat(i18n.formatLocale).formatToParts(1.5).find((p) => p.type === 'decimal');
	return part?.value === ',' ? ',' : '.';
}

/** Words for a failure the use cases do not foresee (storage full, database closed). */
export function failureText(e: unknown): string {
	if (e instanceof Error && (e.name === 'QuotaExceededError' || (e as { inner?: Error }).inner?.name === 'QuotaExceededError')) return t('error.storageFull');
	return t('error.generic', { message: e instanceof Error ? e.message : String(e) });
}
