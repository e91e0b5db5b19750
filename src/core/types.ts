// The domain's entities. Plain data: no methods, so they clone into IndexedDB, workers and JSON.
import type { Ticket } from './till/ticket';
import type {
	Cents, CustomerId, DayNumber, LocalTimestamp, MovementId, ProductId, SaleId, SupplierId
} from './brand';

export interface Product {
	id: ProductId;
	/** The shop's own code: unique, what the user sees and exports carry. */
	sku: string;
	barcode: string;
	name: string;
	category: string;
	unitPrice: Cents;
	unitCost: Cents;
	supplierId: SupplierId | null;
	/** Overrides the supplier's default lead time when set. */
	leadTimeDays: number | null;
	minOrderQty: number;
	packSize: number;
	/** A fixed reorder point chosen by the owner; null lets forecasting decide. */
	reorderPoint: number | null;
	active: boolean;
	/** Set when an import created the product, so the owner can review it. */
	createdByImport: boolean;
	updatedAt: LocalTimestamp;
	/** Tax rate in percent (IVA 21, 10, 4, 0); absent on records made before taxes: the shop's default rate. */
	taxRate?: number;
	/**
	 * A product with options (Talla: S, M, L) is the style its variants belong to: it is never
	 * sold or stocked itself. Absent or [] on a plain product and on a variant.
	 */
	options?: ProductOption[];
	/** A variant's style (the product with options); absent or null on every other product. */
	variantOf?: ProductId | null;
	/** A variant's value of each of its style's options, in the style's order. */
	optionValues?: OptionValue[];
	/** A variant whose price was set on its own; otherwise it follows its style's price. */
	ownPrice?: boolean;
}

export interface ProductOption { name: string; values: string[] }
export interface OptionValue { name: string; value: string }

export interface Supplier {
	id: SupplierId;
	name: string;
	contact: string;
	email: string;
	phone: string;
	defaultLeadTimeDays: number;
	notes: string;
	updatedAt: LocalTimestamp;
}

export interface Customer {
	id: CustomerId;
	/** The shop's own customer code (e.g. from the POS); may be empty for walk-ins made here. */
	code: string;
	name: string;
	email: string;
	phone: string;
	firstSeen: DayNumber;
	createdByImport: boolean;
	updatedAt: LocalTimestamp;
}

export interface SaleLine {
	productId: ProductId;
	/** Units; negative on a return line. Fractional for goods sold by weight or split packs. */
	quantity: number;
	unitPrice: Cents;
	/** Discount on the whole line, in cents (the line's own and its share of a ticket discount). */
	discount: Cents;
	/** Tax rate in percent; absent on lines recorded before taxes (and imports without a tax column): 0. */
	taxRate?: number;
	/** The line's tax in cents: inside the amount when prices include tax, on top of it otherwise. */
	tax?: Cents;
}

/** How a sale was paid; a refund is a negative amount. `method` is 'cash', 'card' or a name the shop chose. */
export interface Payment { method: string; amount: Cents }

export interface Sale {
	id: SaleId;
	invoice: string;
	at: LocalTimestamp;
	customerId: CustomerId | null;
	deviceId: string;
	lines: SaleLine[];
	/** Who rang it up (the staff member's name); absent or '' when unknown. */
	cashier?: string;
	payments?: Payment[];
	/** The invoice the sale's return lines (negative quantities) give back; '' or absent for none or no ticket. */
	returnOf?: string;
	/** Prices were entered without tax (the tax is added on top); absent: tax included. */
	taxExcluded?: boolean;
	/** The receipt of a sale rung up at this app's till (till/ticket.ts); absent on imported sales. */
	ticket?: Ticket;
}

export const MOVEMENT_REASONS = ['sale', 'return', 'purchase', 'adjustment', 'count', 'import'] as const;
export type MovementReason = (typeof MOVEMENT_REASONS)[number];

/** One entry of the stock ledger. Stock on hand is the sum of a product's movements. */
export interface StockMovement {
	id: MovementId;
	productId: ProductId;
	/** Signed units: negative leaves the shop. */
	quantity: number;
	reason: MovementReason;
	/** What caused it: invoice, supplier delivery note, count session, free text. */
	reference: string;
	/** Optional note a person wrote (adjustment reason). */
	note: string;
	at: LocalTimestamp;
	deviceId: string;
	/** Who made it (the staff member's name at the till); absent or '' when unknown. */
	actor?: string;
}

/** Sales summed per day (whole shop or one product). */
export interface DayTotals {
	day: DayNumber;
	/** Units sold net of returns. */
	units: number;
	revenue: Cents;
	/** Cost of goods at the product's cost when sold. */
	cost: Cents;
	lines: number;
}

export interface ProductDayTotals extends DayTotals {
	productId: ProductId;
}

