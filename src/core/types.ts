// The domain's entities. Plain data: no methods, so they clone into IndexedDB, workers and JSON.
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
}

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
	/** Discount on the whole line, in cents. */
	discount: Cents;
}

export interface Sale {
	id: SaleId;
	invoice: string;
	at: LocalTimestamp;
	customerId: CustomerId | null;
	deviceId: string;
	lines: SaleLine[];
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

