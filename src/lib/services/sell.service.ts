// What the counter does: load what a sale needs, ring up the ticket through the till's core (its
// number in this tablet's series, its hash, its sale and stock movements in one transaction), find
// a past ticket to return from, keep the ticket in progress in this tab's session so a reload (or
// an app update) does not lose it, and keep parked tickets on the device.
import type { ProductId, SaleId } from '$core/brand';
import { emptyCart, restoreCart, type Cart } from '$core/cart';
import { emptyProductForm, saveProduct } from '$core/catalog';
import { newId } from '$core/ids';
import { nowLocal } from '$core/time';
import type { TillDraft } from '$core/till/checkout';
import { chargeTicket, type ChargeResult } from '$core/till/record';
import { TILL_PARKED_KEY, type TillSettings } from '$core/till/settings';
import type { Ticket } from '$core/till/ticket';
import { restoreParked, type ParkedTicket } from '$core/till-cart/parked';
import { quickGrid, type QuickGrid } from '$core/till-cart/quick-grid';
import type { Customer, Product } from '$core/types';
import { isStyle } from '$core/variants';
import { getDeviceId, getRepository } from '$lib/db';
import { i18n, t } from '$lib/i18n/i18n.svelte';
import { scheduleHealthRecompute } from './alerts.service';
import { requestSync } from './sync.svelte';

export interface CounterData {
	/** Active products only: archived ones are not sold. */
	products: Product[];
	customers: Customer[];
	/** On hand per product; a style shows what its variants have together. */
	stock: Map<ProductId, number>;
}

/** Stock per product, with each style's total over its variants (a style itself is never stocked). */
function withStyleTotals(products: readonly Product[], levels: Map<ProductId, number>): Map<ProductId, number> {
	const out = new Map(levels);
	const styles = new Set(products.filter(isStyle).map((p) => p.id));
	for (const p of products) {
		if (!p.variantOf || !styles.has(p.variantOf)) continue;
		out.set(p.variantOf, (out.get(p.variantOf) ?? 0) + (levels.get(p.id) ?? 0));
	}
	return out;
}

export async function loadCounter(): Promise<CounterData> {
	const repo = getRepository();
	const [all, customers, levels] = await Promise.all([repo.listProducts(), repo.listCustomers(), repo.stockLevels()]);
	const products = all.filter((p) => p.active);
	return { products, customers: customers.sort((a, b) => a.name.localeCompare(b.name)), stock: withStyleTotals(products, levels) };
}

export async function loadStock(products: readonly Product[]): Promise<Map<ProductId, number>> {
	return withStyleTotals(products, await getRepository().stockLevels());
}

/** The favourites and best sellers grid, from the products' daily series (no scan of the sales). */
export async function loadQuickGrid(products: readonly Product[], favourites: readonly ProductId[]): Promise<QuickGrid> {
	return quickGrid(products, await getRepository().allProductSeries(), favourites);
}

/** Who rings up the ticket, where and how it is paid: what the draft needs beside the cart. */
export interface ChargeContext {
	tenders: TillDraft['tenders'];
	cashier: string;
	approvedBy: string;
	shiftId: string | null;
}

/** A new sale's identity: one per ticket, so a retried charge cannot record it twice. */
export async function draftIdentity(): Promise<Pick<TillDraft, 'saleId' | 'at' | 'deviceId'>> {
	return { saleId: newId() as SaleId, at: nowLocal(), deviceId: await getDeviceId(getRepository()) };
}

/** Records the ticket: numbered in the series, chained, its sale, movements and daily totals in one transaction. */
export async function chargeDraft(draft: TillDraft, settings: TillSettings, series: string): Promise<ChargeResult> {
	const result = await chargeTicket(getRepository(), draft, settings, series);
	if (result.ok) {
		scheduleHealthRecompute();
		// The sale is stored with its outbox entry: send it to the shop now (in the sync worker).
		requestSync('sale');
	}
	return result;
}

export interface OriginalTicket { ticket: Ticket; returns: Ticket[] }

/** A past ticket by its number as scanned or typed (any case, spaces ignored), with the returns already made of it. */
export async function findOriginal(invoice: string): Promise<OriginalTicket | null> {
	const repo = getRepository();
	const code = invoice.trim().toUpperCase().replace(/\s+/g, '');
	if (!code) return null;
	const ticket = await repo.getTicket(code);
	if (!ticket) return null;
	return { ticket, returns: await repo.listTickets({ returnOf: ticket.invoice }) };
}

export type NewProductResult = { ok: true; product: Product } | { ok: false; errors: Partial<Record<'sku' | 'barcode' | 'name' | 'unitPrice' | 'taxRate', string>> };

/** A product made at the till from a code nobody has: the code is its SKU, and its barcode when it reads as one. */
export async function createProductFromCode(code: string, fields: { name: string; unitPrice: string; taxRate: string }, settings: TillSettings): Promise<NewProductResult> {
	const barcode = /^\d{8,14}$/.test(code) ? code : '';
	const form = { ...emptyProductForm(), sku: code, barcode, name: fields.name, unitPrice: fields.unitPrice, taxRate: fields.taxRate };
	const result = await saveProduct(getRepository(), form, undefined, settings);
	if (!result.ok) {
		const errors: NewProductResult & { ok: false } = { ok: false, errors: {} };
		for (const [field, code] of Object.entries(result.errors)) errors.errors[field as 'name'] = t(`error.${code}`);
		return errors;
	}
	requestSync('edit');
	return { ok: true, product: result.value };
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

/** Parked tickets, kept on this device (a setting that never syncs): they survive a reload. */
export async function loadParked(): Promise<ParkedTicket[]> {
	return restoreParked(await getRepository().getSetting<unknown>(TILL_PARKED_KEY));
}

export async function saveParked(list: ParkedTicket[]): Promise<void> {
	// Plain data: the screen's reactive copies cannot be stored as they are.
	await getRepository().putSetting(TILL_PARKED_KEY, JSON.parse(JSON.stringify(list)) as ParkedTicket[]);
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
