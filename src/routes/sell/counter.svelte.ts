// The counter's state and what its buttons do: the ticket being rung up (kept in the tab's
// session), the catalogue it sells from, the priced preview, charging (staff limits, then the pay
// step, then the till's core), returns, parked tickets and the quick grid. The page only lays it out.
import type { Cents, LocalTimestamp, ProductId, SaleId } from '$core/brand';
import {
	addReturn, addToCart, emptyCart, setReturnOf, setReturnReason, type Cart, type CartProduct, type ReturnPick
} from '$core/cart';
import { restoreLine, takeLine, type RemovedLine } from '$core/cart-undo';
import { newId } from '$core/ids';
import { priceTicket, type TillDraft } from '$core/till/checkout';
import type { Tender } from '$core/till/payments';
import { paymentMethodsOf } from '$core/till/settings';
import type { TillAction } from '$core/till/staff';
import type { Ticket } from '$core/till/ticket';
import { approvalsNeeded, cartErrorsOf, lineFigures, readCart, tillDraft, type CartError } from '$core/till-cart/draft';
import { park, unpark, type ParkedTicket } from '$core/till-cart/parked';
import type { QuickGrid } from '$core/till-cart/quick-grid';
import type { Customer, Product } from '$core/types';
import { t } from '$lib/i18n/i18n.svelte';
import {
	chargeDraft, decimalMark, draftIdentity, failureText, loadCounter, loadParked, loadQuickGrid, loadStock, loadTicket, saveParked, saveTicket
} from '$lib/services/sell.service';
import { till } from '$lib/till/session.svelte';

/** The preview prices the ticket as it stands: no payment, nobody, nowhere yet. */
const PREVIEW: Omit<TillDraft, 'lines' | 'ticketDiscount' | 'customer' | 'returnOf' | 'returnReason'> = {
	saleId: '' as SaleId, at: 0 as LocalTimestamp, deviceId: '', tenders: [], cashier: '', approvedBy: '', shiftId: null
};

export interface Paying { total: Cents; approvedBy: string; identity: Pick<TillDraft, 'saleId' | 'at' | 'deviceId'> }

export class Counter {
	cart = $state<Cart>(loadTicket());
	products = $state<Product[]>([]);
	customers = $state<Customer[]>([]);
	stock = $state(new Map<ProductId, number>());
	quick = $state<QuickGrid>({ favourites: [], groups: [] });
	parked = $state<ParkedTicket[]>([]);
	/** Shown once Charge was pressed on a ticket that cannot be charged as typed. */
	errors = $state<CartError[]>([]);
	/** The line the last scan or tap changed. */
	fresh = $state<number | null>(null);
	busy = $state(false);
	done = $state<Ticket | null>(null);
	failure = $state<string | null>(null);
	paying = $state<Paying | null>(null);
	payError = $state<string | null>(null);
	/** The line last taken off the ticket, offered back for a few seconds ("Línea quitada · Deshacer"). */
	removed = $state.raw<RemovedLine | null>(null);
	/** Counts removals: each one restarts the undo notice's countdown. */
	removals = $state(0);
	/** Said after Undo: the line came back, or why it could not. */
	undoNotice = $state('');

	readonly read = $derived(readCart(this.cart));
	readonly priced = $derived(priceTicket(tillDraft(this.cart, this.read, PREVIEW), till.settings));
	readonly figures = $derived(lineFigures(this.priced, this.read.origin, this.cart.lines.length));
	readonly methods = $derived(paymentMethodsOf(till.settings));

	/** The ticket's lines and customer survive a reload of the tab. */
	persist() {
		saveTicket(this.cart);
	}

	async load() {
		const data = await loadCounter();
		({ products: this.products, customers: this.customers, stock: this.stock } = data);
		// A restored ticket may name a product archived or deleted since; it cannot be sold (a returned line can: it comes back).
		const sellable = new Set(this.products.map((p) => p.id));
		if (this.cart.lines.some((l) => !l.returned && !sellable.has(l.productId))) {
			this.cart = { ...this.cart, lines: this.cart.lines.filter((l) => l.returned || sellable.has(l.productId)) };
		}
	}

	/** The grid and the parked tickets come after the counter can sell: the search never waits for them. */
	async loadExtras() {
		await till.ready();
		const [quick, parked] = await Promise.all([loadQuickGrid(this.products, till.settings.favourites), loadParked()]);
		this.quick = quick;
		this.parked = parked;
	}

	variantsOf(style: Product): Product[] {
		return this.products.filter((p) => p.variantOf === style.id);
	}

	/** A line changed in place: its old errors no longer apply. */
	edit(index: number, next: Cart) {
		this.cart = next;
		this.errors = this.errors.filter((e) => e.line !== index);
		this.fresh = index;
	}

	/** Lines added or removed: positions shift, so every line error is stale. */
	reshape(next: Cart) {
		this.cart = next;
		this.errors = [];
		this.failure = null;
	}

	add(product: CartProduct) {
		const next = addToCart(this.cart, product, decimalMark());
		this.reshape(next);
		this.fresh = next.lines.findIndex((l) => l.productId === product.id && !l.returned);
		this.done = null;
	}

	remove(index: number) {
		const { cart, removed } = takeLine(this.cart, index);
		this.reshape(cart);
		this.removed = removed;
		this.removals++;
		this.undoNotice = '';
	}

	/** Puts the last removed line back as it was (quantity, price, discount), unless its product is on the ticket again. */
	undoRemove() {
		const removed = this.removed;
		if (!removed) return;
		this.removed = null;
		const back = restoreLine(this.cart, removed);
		if (!back) {
			this.undoNotice = t('undo.line.gone', { name: removed.line.name });
			return;
		}
		this.reshape(back);
		this.fresh = Math.min(removed.index, back.lines.length - 1);
		this.done = null;
		this.undoNotice = t('undo.line.back', { name: removed.line.name });
	}

	/** The undo notice timed out: the removal stands. */
	forgetRemoved() {
		this.removed = null;
	}

	clear() {
		this.reshape(emptyCart());
		this.fresh = null;
		this.removed = null;
	}

	addReturns(invoice: string, picks: ReturnPick[]) {
		let cart = setReturnOf(this.cart, invoice);
		for (const pick of picks) cart = addReturn(cart, pick, decimalMark());
		this.reshape(cart);
		this.fresh = cart.lines.length - 1;
		this.done = null;
	}

	addReturnsWithout(picks: ReturnPick[], reason: string) {
		let cart = setReturnReason(this.cart, reason);
		for (const pick of picks) cart = addReturn(cart, pick, decimalMark());
		this.reshape(cart);
		this.fresh = cart.lines.length - 1;
		this.done = null;
	}

	/** The whole ticket's problem in words (line problems are shown on their lines). */
	readonly ticketError = $derived.by(() => {
		if (this.errors.some((e) => e.field === 'lines')) return t('error.insufficient_lines');
		if (this.errors.some((e) => e.field === 'returnReason')) return t('sell.return.reasonRequired');
		if (this.errors.some((e) => e.field === 'ticketDiscount')) return t('sell.fixTicketDiscount');
		return this.errors.length ? t('sell.fixLines') : (this.failure ?? undefined);
	});

	/** Charge: check the ticket as typed, get an admin's approval where staff may not go alone, then the pay step. */
	async startCharge() {
		if (this.busy) return;
		this.failure = null;
		const read = readCart(this.cart);
		if (read.errors.length) {
			this.errors = read.errors;
			return;
		}
		const priced = priceTicket(tillDraft(this.cart, read, PREVIEW), till.settings);
		const problems = cartErrorsOf(priced.errors.filter((e) => e.field !== 'payments'), read.origin);
		if (problems.length) {
			this.errors = problems;
			return;
		}
		this.busy = true;
		try {
			await till.ready();
			const needed = approvalsNeeded(this.cart, priced, till.settings).filter((a) => !till.can(a));
			let approvedBy = '';
			if (needed.length) {
				const approval = await till.authorize(needed[0], approvalReason(needed));
				if (!approval) return;
				approvedBy = approval.approvedBy;
			}
			this.payError = null;
			this.paying = { total: priced.draft.total, approvedBy, identity: await draftIdentity() };
		} catch (e) {
			this.failure = failureText(e);
		} finally {
			this.busy = false;
		}
	}

	/** The pay step confirmed: the till's core numbers, chains and stores the ticket. True when charged. */
	async confirmPayment(tenders: Tender[]): Promise<boolean> {
		const paying = this.paying;
		if (!paying || this.busy) return false;
		this.busy = true;
		this.payError = null;
		try {
			const read = readCart(this.cart);
			const draft = tillDraft(this.cart, read, {
				...paying.identity, tenders, cashier: till.cashierName, approvedBy: paying.approvedBy, shiftId: till.shift?.id ?? null
			});
			const result = await chargeDraft(draft, till.settings, till.series);
			if (!result.ok) {
				const errors = cartErrorsOf(result.errors, read.origin);
				if (errors.every((e) => e.field === 'payments')) {
					this.payError = t('sell.pay.notCovered');
					return false;
				}
				// The ticket changed under the pay step (another tab, a reload): back to the ticket to fix it.
				this.paying = null;
				this.errors = errors;
				return false;
			}
			this.done = result.ticket;
			this.paying = null;
			this.removed = null;
			this.reshape(emptyCart());
			this.fresh = null;
			this.stock = await loadStock(this.products);
			return true;
		} catch (e) {
			this.payError = failureText(e);
			return false;
		} finally {
			this.busy = false;
		}
	}

	cancelPayment() {
		this.paying = null;
		this.payError = null;
	}

	/** Keeps the ticket aside under a name and clears the counter for the next customer. */
	async park(label: string) {
		const list = park(this.parked, this.cart, label, Date.now(), newId());
		await saveParked(list);
		this.parked = list;
		this.clear();
	}

	/** Brings a parked ticket back; the ticket on screen, if it has lines, is parked in its place. */
	async resume(id: string) {
		const { list, cart } = unpark(this.parked, id);
		if (!cart) return;
		const next = this.cart.lines.length ? park(list, this.cart, '', Date.now(), newId()) : list;
		await saveParked(next);
		this.parked = next;
		this.removed = null;
		this.reshape(cart);
		this.done = null;
	}

	async discardParked(id: string) {
		const { list } = unpark(this.parked, id);
		await saveParked(list);
		this.parked = list;
	}

	/** After a product was created at the till: the catalogue and stock again. */
	async reloadCatalogue() {
		const data = await loadCounter();
		({ products: this.products, customers: this.customers, stock: this.stock } = data);
	}
}

function approvalReason(actions: TillAction[]): string {
	return actions.map((a) => t(`sell.approval.${a}`)).join(' · ');
}
