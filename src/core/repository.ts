// The storage port. The app implements it with Dexie (IndexedDB), the CLI and server with SQL,
// tests with memory. Every write method is one transaction: it stores all of its input or nothing.
import type { CustomerId, DayNumber, ProductId, SupplierId } from './brand';
import type { HourTotals, SoldGroup } from './dashboard/hour-totals';
import type { ProductSeries } from './product-series';
import type { PurchaseOrder } from './purchase-orders/purchase-order';
import type { SaleBlock } from './sale-blocks';
import type { Customer, DayTotals, Product, ProductDayTotals, StockMovement, Supplier } from './types';
import type { Ticket, TicketLink } from './till/ticket';

/** Which tickets to list; every field narrows. Newest first. */
export interface TicketQuery {
	series?: string;
	shiftId?: string;
	/** Returns and exchanges of this invoice. */
	returnOf?: string;
	fromAt?: number;
	toAt?: number;
	limit?: number;
}

export interface SalesBatch {
	blocks: SaleBlock[];
	/** The stock movements the sales cause (one per line for a POS sale). */
	movements: StockMovement[];
	/** Products and customers first seen in this batch, stored in the same transaction. */
	products?: Product[];
	customers?: Customer[];
}

export interface StoreCounts {
	products: number;
	suppliers: number;
	customers: number;
	saleLines: number;
	sales: number;
	movements: number;
}

export interface InventoryRepository {
	listProducts(): Promise<Product[]>;
	getProduct(id: ProductId): Promise<Product | undefined>;
	getProductBySku(sku: string): Promise<Product | undefined>;
	/** Insert or replace; throws DuplicateError when another product has the SKU. */
	putProduct(product: Product): Promise<void>;

	listSuppliers(): Promise<Supplier[]>;
	getSupplier(id: SupplierId): Promise<Supplier | undefined>;
	putSupplier(supplier: Supplier): Promise<void>;
	/** Deletes a supplier; its products move to reassignTo (null leaves them without supplier). */
	deleteSupplier(id: SupplierId, reassignTo: SupplierId | null): Promise<void>;

	listCustomers(): Promise<Customer[]>;
	getCustomer(id: CustomerId): Promise<Customer | undefined>;
	putCustomer(customer: Customer): Promise<void>;
	/** Deletes a customer; their past sales keep the id and show as a deleted customer. */
	deleteCustomer(id: CustomerId): Promise<void>;

	/** Stores sale blocks, their movements, new products/customers, and updates daily totals and stock. */
	appendSales(batch: SalesBatch): Promise<void>;
	/**
	 * Stores a till sale and its ticket in one transaction: `seal` gets the series' last ticket (null
	 * for the first) and returns the new ticket numbered after it (till/ticket.ts sealTicket); it
	 * runs inside the transaction and must not await. The sale, its block and movements are
	 * till/checkout.ts ticketBatch(ticket). Returns the stored ticket.
	 */
	appendTicketSale(series: string, seal: (previous: TicketLink | null) => Ticket): Promise<Ticket>;
	/** A ticket by its invoice (from any store: rung up here or pulled by sync). */
	getTicket(invoice: string): Promise<Ticket | undefined>;
	listTickets(query?: TicketQuery): Promise<Ticket[]>;
	/** Stores ledger entries and updates the cached stock levels. */
	addMovements(movements: StockMovement[]): Promise<void>;
	/** A product's movements, newest first. */
	movementsOf(productId: ProductId, limit?: number): Promise<StockMovement[]>;
	/** Cached stock on hand per product (products without movements are absent). */
	stockLevels(): Promise<Map<ProductId, number>>;
	/** Recomputes the stock cache from the ledger and returns it. */
	rebuildStockLevels(): Promise<Map<ProductId, number>>;

	/** Blocks overlapping the day range (inclusive), in no particular order. */
	saleBlocks(fromDay?: DayNumber, toDay?: DayNumber): Promise<SaleBlock[]>;
	/** The import identities of every stored line that has one (SaleBlock.lineKeys, NaN left out), in no particular order. */
	lineKeys(): Promise<Float64Array>;
	shopDays(fromDay: DayNumber, toDay: DayNumber): Promise<DayTotals[]>;
	productDays(productId: ProductId, fromDay: DayNumber, toDay: DayNumber): Promise<ProductDayTotals[]>;
	/** Every product's daily series (products that never sold are absent): what forecasting reads. */
	allProductSeries(): Promise<ProductSeries[]>;

	/** Every purchase order, any status, in no particular order. */
	listPurchaseOrders(): Promise<PurchaseOrder[]>;
	getPurchaseOrder(id: string): Promise<PurchaseOrder | undefined>;
	/** Insert or replace. */
	putPurchaseOrder(order: PurchaseOrder): Promise<void>;
	/** Deletes an order (a discarded draft); unknown ids are ignored. */
	deletePurchaseOrder(id: string): Promise<void>;

	getSetting<T>(key: string): Promise<T | undefined>;
	putSetting<T>(key: string, value: T): Promise<void>;
	/** Every setting as [key, value] pairs (for backups). */
	listSettings(): Promise<[string, unknown][]>;

	counts(): Promise<StoreCounts>;
	/** Deletes everything (used by "start over" and tests). */
	clear(): Promise<void>;
}

/**
 * What the dashboard reads beside the daily totals (core/dashboard/hour-totals.ts), kept by the same
 * writes: the app's, the CLI's and the server's stores and the memory one implement it. Not part
 * of InventoryRepository, so read-only snapshots of it need not.
 */
export interface DashboardStore {
	/** Cells of the days in the range (inclusive), sorted by day. */
	hourTotals(fromDay: DayNumber, toDay: DayNumber): Promise<HourTotals>;
	/** Every (product, category, supplier) sales were stored under, once each, in no particular order. */
	soldGroups(): Promise<SoldGroup[]>;
	/** The ledger's entries that are not sales or returns (purchases, counts, adjustments, imports), in no particular order. */
	stockChanges(): Promise<StockMovement[]>;
	/** Recounts hourTotals and soldGroups from the stored sales under today's categories and suppliers, in one transaction. */
	rebuildHourTotals(): Promise<void>;
}

export class DuplicateError extends Error {
	constructor(readonly field: string, readonly value: string) {
		super(`${field} "${value}" already exists`);
		this.name = 'DuplicateError';
	}
}

export class NotFoundError extends Error {
	constructor(readonly entity: string, readonly id: string) {
		super(`${entity} ${id} not found`);
		this.name = 'NotFoundError';
	}
}
