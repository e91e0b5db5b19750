// Products, suppliers and customers as the API shows them: named by the shop's own codes (SKU,
// supplier name, customer code), money as decimal strings, never an internal id.
import { z } from 'zod';
import type { Customer, OptionValue, Product, Supplier } from '../types';
import { isStyle, isVariant } from '../variants';
import { CursorText, DateText, DateTimeText, dateText, dateTimeText, Limit, MoneyInput, MoneyOutput, moneyText, pageOf, QueryFlag, Sku, Text } from './common';

// ---- Products ---------------------------------------------------------------------------------

/** An option value: commas and semicolons separate values and options in forms and exports. */
const OptionValueText = z.string().trim().min(1, { error: 'must not be empty' }).max(40).regex(/^[^,;=]*$/, { error: 'must not contain , ; or =' });

const OptionIn = z.strictObject({
	name: OptionValueText.describe('The option, e.g. "Talla"'),
	values: z.array(OptionValueText).min(1).max(50).describe('Its values in the order shown, e.g. ["S", "M", "L"]')
}).meta({ id: 'ProductOption' });

const OptionValuesIn = z.record(z.string(), OptionValueText)
	.describe('A variant\'s value of each of its style\'s options, by option name: {"Talla": "M", "Color": "Negro"} (names and values as the style has them, case ignored)')
	.meta({ id: 'OptionValues' });

const productFields = {
	name: Text().describe('What people call it'),
	barcode: Text(14).describe('EAN-8/12/13/14 with a valid check digit, or empty'),
	category: Text(80),
	unit_price: MoneyInput.describe('Selling price per unit'),
	unit_cost: MoneyInput.describe('Cost price per unit (default 0)'),
	supplier: z.string().nullable().describe('The supplier\'s name (suppliers are named, not coded); null or "" for none'),
	lead_time_days: z.number().int().nullable().describe('Overrides the supplier\'s lead time; null uses the supplier\'s'),
	min_order_qty: z.number().describe('Smallest quantity to order (default 1)'),
	pack_size: z.number().describe('Orders are rounded up to whole packs (default 1)'),
	reorder_point: z.number().nullable().describe('A fixed reorder point; null lets forecasting decide'),
	active: z.boolean().describe('false: archived (hidden from the till and the catalogue; its history stays)'),
	tax_rate: z.number().min(0).max(100).nullable().describe('Tax rate in percent, one of the shop\'s rates (setting shop.till; 21, 10, 4 and 0 by default); null: the shop\'s default rate'),
	options: z.array(OptionIn).max(3).describe('Makes the product a style (e.g. a T-shirt in sizes and colours): every combination of the values becomes a variant with its own SKU, made in the same request; a style is never sold or stocked itself. [] takes the options away (only from a style without variants)'),
	variant_of: Sku.nullable().describe('The SKU of the style (a product with options) this product is a variant of; option_values then names its value of each option. null makes a variant a product of its own'),
	option_values: OptionValuesIn,
	own_price: z.boolean().describe('A variant only: false follows its style\'s price (leave unit_price out), true keeps its own; sending unit_price to a variant makes it its own')
};

export const ProductCreate = z.strictObject({ sku: Sku, ...productFields }).partial().required({ sku: true, name: true })
	.superRefine((b, ctx) => {
		if (b.unit_price === undefined && !b.variant_of) ctx.addIssue({ code: 'custom', path: ['unit_price'], message: 'is required (a variant, with variant_of, may leave it out: it takes its style\'s price)' });
	})
	.meta({ id: 'ProductCreate', description: 'A new product. sku, name and unit_price are required (unit_price not for a variant: it takes its style\'s price).' });

export const ProductPatch = z.strictObject({ sku: Sku, ...productFields }).partial()
	.meta({ id: 'ProductPatch', description: 'The fields to change; the others keep their values. Changing sku renames the product.' });

export const ProductOut = z.object({
	sku: z.string(),
	name: z.string(),
	barcode: z.string(),
	category: z.string(),
	unit_price: MoneyOutput,
	unit_cost: MoneyOutput,
	supplier: z.string().nullable(),
	lead_time_days: z.number().nullable(),
	min_order_qty: z.number(),
	pack_size: z.number(),
	reorder_point: z.number().nullable(),
	active: z.boolean(),
	created_by_import: z.boolean().describe('An import made it and nobody has reviewed it since'),
	on_hand: z.number().describe('Stock on hand from the ledger; may be negative. A style\'s is its variants\' summed (a style holds no stock itself)'),
	updated_at: DateTimeText,
	tax_rate: z.number().describe('Tax rate in percent: the product\'s own, or the shop\'s default rate when it has none'),
	tax_rate_default: z.boolean().describe('true: the product has no rate of its own and takes the shop\'s default'),
	options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })).nullable().describe('A style\'s options; null on every other product'),
	variant_of: z.string().nullable().describe('A variant\'s style, by SKU; null on every other product'),
	option_values: z.record(z.string(), z.string()).nullable().describe('A variant\'s value of each option of its style, in the style\'s order; null on every other product'),
	own_price: z.boolean().nullable().describe('A variant: true when priced on its own, false when it follows its style\'s price; null on every other product')
}).meta({ id: 'Product' });

export const ProductPage = pageOf(ProductOut, 'ProductPage');

export const ProductQuery = z.object({
	q: z.string().max(200).optional().describe('Words that must all appear in the name, SKU or barcode (case and accents ignored)'),
	category: z.string().optional().describe('Exactly this category'),
	supplier: z.string().optional().describe('The supplier\'s name'),
	active: QueryFlag.optional().describe('true: only active products; false: only archived ones; absent: both'),
	low: QueryFlag.optional().describe('true: only products at or below their reorder point or out of stock'),
	cursor: CursorText.optional(),
	limit: Limit(100, 1000)
});

export const SkuParams = z.object({ sku: Sku });

export const ProductDeleted = z.object({
	sku: z.string(),
	outcome: z.enum(['deleted', 'archived']).describe('deleted: it had no history and is gone; archived: it has movements, sales or purchase orders, so it stays as active=false and the ledger keeps it'),
	product: ProductOut.nullable().describe('The archived product; null when deleted')
}).meta({ id: 'ProductDeleted' });

/** What a product's JSON names besides the product: its stock, supplier, style and the shop's default tax rate. */
export interface ProductContext {
	onHand: number;
	supplierName: string | null;
	/** A variant's style's SKU ('' when the style is gone). */
	styleSku: string | null;
	defaultTaxRate: number;
}

/** {name: value} in the style's order. */
export const optionValuesJson = (values: readonly OptionValue[]): Record<string, string> => Object.fromEntries(values.map((v) => [v.name, v.value]));

export function productJson(p: Product, c: ProductContext): z.infer<typeof ProductOut> {
	const variant = isVariant(p);
	return {
		sku: p.sku, name: p.name, barcode: p.barcode, category: p.category,
		unit_price: moneyText(p.unitPrice), unit_cost: moneyText(p.unitCost), supplier: c.supplierName,
		lead_time_days: p.leadTimeDays, min_order_qty: p.minOrderQty, pack_size: p.packSize, reorder_point: p.reorderPoint,
		active: p.active, created_by_import: p.createdByImport, on_hand: c.onHand, updated_at: dateTimeText(p.updatedAt),
		tax_rate: p.taxRate ?? c.defaultTaxRate, tax_rate_default: p.taxRate === undefined,
		options: isStyle(p) ? p.options!.map((o) => ({ name: o.name, values: [...o.values] })) : null,
		variant_of: variant ? c.styleSku ?? '' : null,
		option_values: variant ? optionValuesJson(p.optionValues ?? []) : null,
		own_price: variant ? p.ownPrice === true : null
	};
}

/** The core's product form field names as the API's JSON names. */
export const PRODUCT_FIELDS = {
	sku: 'sku', barcode: 'barcode', name: 'name', category: 'category', unitPrice: 'unit_price', unitCost: 'unit_cost',
	supplierId: 'supplier', leadTimeDays: 'lead_time_days', minOrderQty: 'min_order_qty', packSize: 'pack_size',
	reorderPoint: 'reorder_point', active: 'active', taxRate: 'tax_rate', options: 'options'
} as const;

// ---- Suppliers --------------------------------------------------------------------------------

const supplierFields = {
	name: Text().describe('Unique in the shop: what the API and products name the supplier by'),
	contact: Text(),
	email: Text(),
	phone: Text(40),
	default_lead_time_days: z.number().int().describe('Days from order to delivery (default 7)'),
	notes: Text(2000)
};

export const SupplierCreate = z.strictObject(supplierFields).partial().required({ name: true }).meta({ id: 'SupplierCreate' });

export const SupplierPatch = z.strictObject(supplierFields).partial().meta({ id: 'SupplierPatch', description: 'The fields to change; changing name renames the supplier (its products follow).' });

export const SupplierOut = z.object({
	name: z.string(), contact: z.string(), email: z.string(), phone: z.string(),
	default_lead_time_days: z.number(), notes: z.string(),
	products: z.number().describe('How many products it supplies'),
	updated_at: DateTimeText
}).meta({ id: 'Supplier' });

export const SupplierList = z.array(SupplierOut).meta({ id: 'SupplierList' });

export const SupplierQuery = z.object({ q: z.string().max(200).optional().describe('Words in the name, contact, email or phone') });

export const SupplierParams = z.object({ name: z.string().min(1) });

export const SupplierDeleteQuery = z.object({
	reassign_to: z.string().min(1).optional().describe('Another supplier\'s name: its products move there; absent, they are left without a supplier')
});

export const SupplierDeleted = z.object({
	name: z.string(),
	affected_products: z.number(),
	reassigned_to: z.string().nullable()
}).meta({ id: 'SupplierDeleted' });

export function supplierJson(s: Supplier, products: number): z.infer<typeof SupplierOut> {
	return {
		name: s.name, contact: s.contact, email: s.email, phone: s.phone, default_lead_time_days: s.defaultLeadTimeDays,
		notes: s.notes, products, updated_at: dateTimeText(s.updatedAt)
	};
}

export const SUPPLIER_FIELDS = { name: 'name', contact: 'contact', email: 'email', phone: 'phone', defaultLeadTimeDays: 'default_lead_time_days', notes: 'notes' } as const;

// ---- Customers --------------------------------------------------------------------------------

const customerFields = {
	code: z.string().trim().min(1, { error: 'must not be empty' }).max(64).describe('The shop\'s own customer code, unique in the shop'),
	name: Text(),
	email: Text(),
	phone: Text(40)
};

export const CustomerCreate = z.strictObject(customerFields).partial().required({ code: true, name: true }).meta({ id: 'CustomerCreate' });

export const CustomerPatch = z.strictObject(customerFields).partial().meta({ id: 'CustomerPatch', description: 'The fields to change; changing code renames the customer.' });

export const CustomerOut = z.object({
	code: z.string(), name: z.string(), email: z.string(), phone: z.string(),
	first_seen: DateText, created_by_import: z.boolean(), updated_at: DateTimeText
}).meta({ id: 'Customer' });

export const CustomerPage = pageOf(CustomerOut, 'CustomerPage');

export const CustomerQuery = z.object({
	q: z.string().max(200).optional().describe('Words in the code, name, email or phone'),
	cursor: CursorText.optional(),
	limit: Limit(100, 1000)
});

export const CustomerParams = z.object({ code: z.string().min(1) });

export const CustomerDeleted = z.object({
	code: z.string(),
	deleted: z.literal(true).describe('Their past sales keep their figures and show no customer code')
}).meta({ id: 'CustomerDeleted' });

export function customerJson(c: Customer): z.infer<typeof CustomerOut> {
	return {
		code: c.code, name: c.name, email: c.email, phone: c.phone, first_seen: dateText(c.firstSeen),
		created_by_import: c.createdByImport, updated_at: dateTimeText(c.updatedAt)
	};
}

export const CUSTOMER_FIELDS = { code: 'code', name: 'name', email: 'email', phone: 'phone' } as const;
