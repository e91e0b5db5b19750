// An in-memory InventoryRepository: the reference behaviour the storage contract tests hold the
// IndexedDB and SQL ones to, and a fast store for tests.
import type { CustomerId, DayNumber, ProductId, SupplierId } from './brand';
import { mergeDay, productDayKey } from './daily-totals';
import { addToSeries } from './product-series';
import { chunkEntries, deltaOfBlocks } from './series-chunks';
import { roundQty, stockDelta, stockFromMovements } from './ledger';
import { DuplicateError, type DashboardStore, type InventoryRepository, type SalesBatch, type StoreCounts, type TicketQuery } from './repository';
import { HourAccumulator, hourDeltaOfBlocks, soldGroupKey, type ProductGroup, type SoldGroup } from './dashboard/hour-totals';
import { isSaleMovement } from './sync/sale-movements';
import { ticketBatch } from './till/checkout';
import { matchesTicketQuery } from './till/ticket-query';
import type { Ticket, TicketLink } from './till/ticket';
import { keysOfBlocks, type SaleBlock } from './sale-blocks';
import type { PurchaseOrder } from './purchase-orders/purchase-order';
import type { Customer, DayTotals, Product, ProductDayTotals, StockMovement, Supplier } from './types';

const clone = <T>(v: T): T => structuredClone(v);

export class MemoryRepository implements InventoryRepository, DashboardStore {
	private products = new Map<string, Product>();
	private suppliers = new Map<string, Supplier>();
	private customers = new Map<string, Customer>();
	private blocks = new Map<string, SaleBlock>();
	private movements: StockMovement[] = [];
	private stock = new Map<ProductId, number>();
	private shop = new Map<DayNumber, DayTotals>();
	private productTotals = new Map<string, ProductDayTotals>();
	private settings = new Map<string, unknown>();
	private purchaseOrders = new Map<string, PurchaseOrder>();
	/** Tickets by invoice: an index of the blocks' saleTickets, like the stores' tickets tables. */
	private tickets = new Map<string, Ticket>();
	private hours = new HourAccumulator();
	/** By product and sold-group key. */
	private sold = new Map<string, SoldGroup>();

	async listProducts() { return [...this.products.values()].map(clone); }
	async getProduct(id: ProductId) { return this.products.has(id) ? clone(this.products.get(id)!) : undefined; }
	async getProductBySku(sku: string) {
		for (const p of this.products.values()) if (p.sku === sku) return clone(p);
		return undefined;
	}
	async putProduct(product: Product) {
		for (const p of this.products.values()) if (p.sku === product.sku && p.id !== product.id) throw new DuplicateError('sku', product.sku);
		this.products.set(product.id, clone(product));
	}

	async listSuppliers() { return [...this.suppliers.values()].map(clone); }
	async getSupplier(id: SupplierId) { return this.suppliers.has(id) ? clone(this.suppliers.get(id)!) : undefined; }
	async putSupplier(s: Supplier) { this.suppliers.set(s.id, clone(s)); }
	async deleteSupplier(id: SupplierId, reassignTo: SupplierId | null) {
		for (const p of this.products.values()) if (p.supplierId === id) p.supplierId = reassignTo;
		this.suppliers.delete(id);
	}

	async listCustomers() { return [...this.customers.values()].map(clone); }
	async getCustomer(id: CustomerId) { return this.customers.has(id) ? clone(this.customers.get(id)!) : undefined; }
	async putCustomer(c: Customer) { this.customers.set(c.id, clone(c)); }
	async deleteCustomer(id: CustomerId) { this.customers.delete(id); }

	async appendSales(batch: SalesBatch) {
		// Check everything that can fail before changing anything: all or nothing, like a transaction.
		const skus = new Set([...this.products.values()].map((p) => p.sku));
		for (const p of batch.products ?? []) {
			if (skus.has(p.sku)) throw new DuplicateError('sku', p.sku);
			skus.add(p.sku);
		}
		for (const b of batch.blocks) if (this.blocks.has(b.id)) throw new DuplicateError('block', b.id);
		for (const p of batch.products ?? []) this.products.set(p.id, clone(p));
		for (const c of batch.customers ?? []) this.customers.set(c.id, clone(c));
		const delta = deltaOfBlocks(batch.blocks, (id) => this.products.get(id)?.unitCost ?? 0);
		for (const b of batch.blocks) this.blocks.set(b.id, clone(b));
		for (const b of batch.blocks) for (const t of b.saleTickets ?? []) if (t) this.tickets.set(t.invoice, clone(t));
		for (const [day, t] of delta.shop) this.shop.set(day, mergeDay(this.shop.get(day), t));
		this.addHours(batch.blocks);
		for (const t of chunkEntries(delta.series)) {
			const key = productDayKey(t.productId, t.day);
			this.productTotals.set(key, mergeDay(this.productTotals.get(key), t));
		}
		this.applyMovements(batch.movements);
	}

	async appendTicketSale(series: string, seal: (previous: TicketLink | null) => Ticket) {
		let last: Ticket | undefined;
		for (const t of this.tickets.values()) if (t.series === series && (!last || t.number > last.number)) last = t;
		const ticket = seal(last ? { number: last.number, hash: last.hash } : null);
		if (ticket.series !== series) throw new Error(`ticket ${ticket.invoice} is not in series ${series}`);
		if (this.tickets.has(ticket.invoice)) throw new DuplicateError('invoice', ticket.invoice);
		await this.appendSales(ticketBatch(ticket));
		return clone(ticket);
	}
	async getTicket(invoice: string) { return this.tickets.has(invoice) ? clone(this.tickets.get(invoice)!) : undefined; }
	async listTickets(query: TicketQuery = {}) {
		const out = [...this.tickets.values()].filter((t) => matchesTicketQuery(t, query)).sort((a, b) => b.at - a.at || b.number - a.number);
		return out.slice(0, query.limit ?? out.length).map(clone);
	}

	async addMovements(movements: StockMovement[]) { this.applyMovements(movements); }

	private applyMovements(movements: StockMovement[]) {
		this.movements.push(...movements.map(clone));
		for (const [id, q] of stockDelta(movements)) this.stock.set(id, roundQty((this.stock.get(id) ?? 0) + q));
	}

	async movementsOf(productId: ProductId, limit = 200) {
		return this.movements.filter((m) => m.productId === productId).sort((a, b) => b.at - a.at).slice(0, limit).map(clone);
	}
	async stockLevels() { return new Map(this.stock); }
	async rebuildStockLevels() {
		this.stock = stockFromMovements(this.movements);
		return new Map(this.stock);
	}

	async saleBlocks(fromDay?: DayNumber, toDay?: DayNumber) {
		return [...this.blocks.values()]
			.filter((b) => (toDay === undefined || b.firstDay <= toDay) && (fromDay === undefined || b.lastDay >= fromDay))
			.map(clone);
	}
	async lineKeys() { return keysOfBlocks(this.blocks.values()); }
	async shopDays(fromDay: DayNumber, toDay: DayNumber) {
		return [...this.shop.values()].filter((d) => d.day >= fromDay && d.day <= toDay).sort((a, b) => a.day - b.day).map(clone);
	}
	async productDays(productId: ProductId, fromDay: DayNumber, toDay: DayNumber) {
		const out: ProductDayTotals[] = [];
		for (let d = fromDay; d <= toDay; d++) {
			const t = this.productTotals.get(productDayKey(productId, d as DayNumber));
			if (t) out.push(clone(t));
		}
		return out;
	}

	async allProductSeries() {
		const byProduct = new Map<ProductId, ProductDayTotals[]>();
		for (const t of this.productTotals.values()) {
			const list = byProduct.get(t.productId);
			if (list) list.push(t);
			else byProduct.set(t.productId, [t]);
		}
		return [...byProduct].map(([id, days]) => addToSeries(undefined, id, days));
	}

	private addHours(blocks: readonly SaleBlock[]) {
		const delta = hourDeltaOfBlocks(blocks, (id) => groupOf(this.products.get(id)));
		this.hours.addTotals(delta.totals);
		for (const g of delta.sold) this.sold.set(`${g.productId}|${soldGroupKey(g)}`, g);
	}

	async hourTotals(fromDay: DayNumber, toDay: DayNumber) {
		const h = this.hours.toTotals();
		const keep = Array.from(h.day, (d) => d >= fromDay && d <= toDay);
		const pick = <A extends Int32Array | Uint32Array | Uint8Array | Float64Array>(a: A) => a.filter((_, i) => keep[i]) as A;
		return { groups: [...h.groups], day: pick(h.day), group: pick(h.group), hour: pick(h.hour), revenue: pick(h.revenue), tickets: pick(h.tickets) };
	}
	async soldGroups() { return [...this.sold.values()].map(clone); }
	async stockChanges() { return this.movements.filter((m) => !isSaleMovement(m)).map(clone); }
	async rebuildHourTotals() {
		this.hours = new HourAccumulator();
		this.sold.clear();
		this.addHours([...this.blocks.values()]);
	}

	async listPurchaseOrders() { return [...this.purchaseOrders.values()].map(clone); }
	async getPurchaseOrder(id: string) { return this.purchaseOrders.has(id) ? clone(this.purchaseOrders.get(id)!) : undefined; }
	async putPurchaseOrder(order: PurchaseOrder) { this.purchaseOrders.set(order.id, clone(order)); }
	async deletePurchaseOrder(id: string) { this.purchaseOrders.delete(id); }

	async getSetting<T>(key: string) { return clone(this.settings.get(key)) as T | undefined; }
	async putSetting<T>(key: string, value: T) { this.settings.set(key, clone(value)); }
	async listSettings() { return [...this.settings].map(([k, v]) => [k, clone(v)] as [string, unknown]); }

	async counts(): Promise<StoreCounts> {
		let saleLines = 0, sales = 0;
		for (const b of this.blocks.values()) { saleLines += b.lineCount; sales += b.saleCount; }
		return { products: this.products.size, suppliers: this.suppliers.size, customers: this.customers.size, saleLines, sales, movements: this.movements.length };
	}

	async clear() {
		for (const m of [this.products, this.suppliers, this.customers, this.blocks, this.stock, this.shop, this.productTotals, this.settings, this.purchaseOrders, this.tickets]) m.clear();
		this.movements = [];
		this.hours = new HourAccumulator();
		this.sold.clear();
	}
}

const groupOf = (p: Product | undefined): ProductGroup | undefined => p && { category: p.category, supplierId: p.supplierId };
