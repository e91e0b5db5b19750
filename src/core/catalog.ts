// Creating and editing products (plain, styles with their variants, variants), suppliers and
// customers from form input.
import type { Cents, CustomerId, DayNumber, LocalTimestamp, ProductId, SupplierId } from './brand';
import { newId } from './ids';
import { toCents } from './money';
import { DuplicateError, type InventoryRepository } from './repository';
import type { TillSettings } from './till/settings';
import { nowLocal, today } from './time';
import type { Customer, OptionValue, Product, ProductOption, Supplier } from './types';
import { Checker, isValidBarcode, type FieldErrors, type Validation } from './validation';
import { cleanOptions, combinations, followStylePrice, isStyle, isVariant, missingVariants, optionsText, sameValues } from './variants';

/** What a product form holds: text as typed. */
export interface ProductForm {
	sku: string; barcode: string; name: string; category: string;
	/** On a variant, empty means the style's price. */
	unitPrice: string; unitCost: string; supplierId: string;
	leadTimeDays: string; minOrderQty: string; packSize: string; reorderPoint: string;
	active: boolean;
	/** Percent, one of the shop's rates; empty is the shop's default; absent keeps the product's (the API has no such field). */
	taxRate?: string;
	/** A style's options as typed; absent keeps the product's. */
	options?: OptionForm[];
	/** A style's variant table as typed; absent leaves the variants as they are (following the style). */
	variants?: VariantForm[];
}
/** The fields every product has (what the API and the import fill in). */
export type ProductField = Exclude<keyof ProductForm, 'taxRate' | 'options' | 'variants'>;

/** An option as typed: its name and its values separated by commas ("S, M, L"). */
export interface OptionForm { name: string; values: string }

/** A row of a style's variant table as typed. */
export interface VariantForm {
	optionValues: OptionValue[];
	sku: string;
	barcode: string;
	/** Empty: the style's price. */
	unitPrice: string;
	reorderPoint: string;
	active: boolean;
}
export type VariantField = 'sku' | 'barcode' | 'unitPrice' | 'reorderPoint';

/** Where a product form's error sits: a field, an option's name or values, or a cell of the variant table. */
export type ProductErrorKey = ProductField | 'taxRate' | 'options' | `options.${number}.${'name' | 'values'}` | `variants.${number}.${VariantField}`;
export type ProductErrors = FieldErrors<ProductErrorKey>;

/** The shop's tax rates a product may have (TillSettings). */
export type ProductRules = Pick<TillSettings, 'taxRates' | 'defaultTaxRate'>;

export const MAX_OPTIONS = 3;
/** A style's combinations: enough for sizes x colours x a material, few enough to edit in one table. */
export const MAX_VARIANTS = 100;

export const emptyProductForm = (): ProductForm => ({
	sku: '', barcode: '', name: '', category: '', unitPrice: '', unitCost: '', supplierId: '',
	leadTimeDays: '', minOrderQty: '1', packSize: '1', reorderPoint: '', active: true
});

/** "S, M, L" as values; with a semicolon anywhere only semicolons separate, so a value may hold a comma ("38,5; 39"). */
export const splitValues = (text: string): string[] => text.split(text.includes(';') ? ';' : ',').map((v) => v.trim()).filter(Boolean);

const money = (c: Cents) => (c / 100).toFixed(2);

export function productToForm(p: Product, rules?: ProductRules): ProductForm {
	const n = (v: number | null) => (v === null ? '' : String(v));
	const rate = p.taxRate ?? rules?.defaultTaxRate;
	return {
		sku: p.sku, barcode: p.barcode, name: p.name, category: p.category,
		// A variant that follows its style's price shows the field empty (the style's price).
		unitPrice: isVariant(p) && !p.ownPrice ? '' : money(p.unitPrice), unitCost: money(p.unitCost),
		supplierId: p.supplierId ?? '', leadTimeDays: n(p.leadTimeDays), minOrderQty: String(p.minOrderQty),
		packSize: String(p.packSize), reorderPoint: n(p.reorderPoint), active: p.active,
		...(rules ? { taxRate: rate === undefined ? '' : String(rate) } : {}),
		...(isStyle(p) ? { options: p.options!.map((o) => ({ name: o.name, values: o.values.join(o.values.some((v) => v.includes(',')) ? '; ' : ', ') })) } : {})
	};
}

/** A variant's row of the table: its own price, or empty when it follows the style's. */
export function variantToForm(v: Product): VariantForm {
	return {
		optionValues: v.optionValues ?? [], sku: v.sku, barcode: v.barcode, unitPrice: v.ownPrice ? money(v.unitPrice) : '',
		reorderPoint: v.reorderPoint === null ? '' : String(v.reorderPoint), active: v.active
	};
}

function checkTaxRate(c: Checker<ProductErrorKey>, raw: string | undefined, existing: Product | undefined, rules: ProductRules | undefined): number | undefined {
	if (raw === undefined) return existing?.taxRate;
	const rate = c.number('taxRate', raw, { fallback: null });
	if (rate === null) return undefined;
	// A rate the shop has since removed stays valid on the products that have it.
	if (rules && !rules.taxRates.includes(rate) && rate !== existing?.taxRate) c.fail('taxRate', 'unknown_tax_rate');
	else if (rate > 100) c.fail('taxRate', 'too_large');
	return rate;
}

function checkOptions(c: Checker<ProductErrorKey>, typed: OptionForm[] | undefined, existing: Product | undefined): ProductOption[] {
	if (typed === undefined) return existing?.options ?? [];
	const names = new Set<string>();
	typed.forEach((o, i) => {
		const name = c.text(`options.${i}.name`, o.name, { max: 40 });
		const values = splitValues(o.values);
		if (name === '' && values.length) c.fail(`options.${i}.name`, 'required');
		if (name !== '' && values.length === 0) c.fail(`options.${i}.values`, 'required');
		if (values.some((v) => v.length > 40)) c.fail(`options.${i}.values`, 'too_long');
		if (name !== '' && names.has(name.toLowerCase())) c.fail(`options.${i}.name`, 'duplicate');
		names.add(name.toLowerCase());
	});
	const options = cleanOptions(typed.map((o) => ({ name: o.name, values: splitValues(o.values) })));
	if (options.length && existing && isVariant(existing)) c.fail('options', 'variant_has_options');
	else if (options.length > MAX_OPTIONS) c.fail('options', 'too_large');
	else if (options.reduce((n, o) => n * o.values.length, 1) > MAX_VARIANTS) c.fail('options', 'too_many_variants');
	return options;
}

/**
 * A product from the form. A variant keeps its style and values (its price empty: the style's,
 * set when saved); a style gets its options. The variant table is checked when saving
 * (styleVariantChanges), against the variants stored.
 */
export function validateProduct(form: ProductForm, existing?: Product, rules?: ProductRules): Validation<Product, ProductErrorKey> {
	const c = new Checker<ProductErrorKey>();
	const sku = c.text('sku', form.sku, { required: true, max: 64 });
	const barcode = c.text('barcode', form.barcode, { max: 14 });
	if (barcode !== '' && !isValidBarcode(barcode)) c.fail('barcode', 'invalid_barcode');
	const name = c.text('name', form.name, { required: true });
	const category = c.text('category', form.category, { max: 80 });
	const variant = existing !== undefined && isVariant(existing);
	const unitPrice = c.number('unitPrice', form.unitPrice, { required: !variant });
	const unitCost = c.number('unitCost', form.unitCost, { fallback: 0 });
	const leadTimeDays = c.number('leadTimeDays', form.leadTimeDays, { integer: true });
	const minOrderQty = c.number('minOrderQty', form.minOrderQty, { integer: true, positive: true, fallback: 1 });
	const packSize = c.number('packSize', form.packSize, { integer: true, positive: true, fallback: 1 });
	const reorderPoint = c.number('reorderPoint', form.reorderPoint, {});
	const taxRate = checkTaxRate(c, form.taxRate, existing, rules);
	const options = checkOptions(c, form.options, existing);
	if (!c.ok) return { ok: false, errors: c.errors };
	const product: Product = {
		id: existing?.id ?? (newId() as ProductId), sku, barcode, name, category,
		unitPrice: unitPrice === null ? existing!.unitPrice : toCents(unitPrice), unitCost: toCents(unitCost ?? 0),
		supplierId: form.supplierId ? (form.supplierId as SupplierId) : null,
		leadTimeDays, minOrderQty: minOrderQty ?? 1, packSize: packSize ?? 1, reorderPoint,
		// Saving the form is the owner's review of a product an import created.
		active: form.active, createdByImport: false, updatedAt: nowLocal()
	};
	if (taxRate !== undefined) product.taxRate = taxRate;
	if (options.length) product.options = options;
	if (variant) Object.assign(product, { variantOf: existing.variantOf, optionValues: existing.optionValues ?? [], ownPrice: unitPrice !== null });
	return { ok: true, value: product };
}

/** Sales, stock movements or purchase-order lines: what a product turned into a style would orphan. */
export async function productHasHistory(repo: InventoryRepository, id: ProductId): Promise<boolean> {
	// Sales dated up to ten years ahead (a till with a wrong clock) still count.
	const [movements, days, orders] = await Promise.all([
		repo.movementsOf(id, 1), repo.productDays(id, 0 as DayNumber, (today() + 3653) as DayNumber), repo.listPurchaseOrders()
	]);
	return movements.length > 0 || days.length > 0 || orders.some((o) => o.lines.some((l) => l.productId === id));
}

/** A style's fields its variants take on unless they were changed on the variant itself. */
const INHERITED = ['category', 'unitCost', 'supplierId', 'taxRate', 'leadTimeDays', 'minOrderQty', 'packSize'] as const;

/**
 * A variant after its style changed from `before` to `style`: the price unless its own
 * (followStylePrice), the name's start, and each inherited field that still had the style's old value.
 */
export function followStyle(before: Product | undefined, style: Product, variant: Product, at: LocalTimestamp): Product {
	const next: Product = followStylePrice(style, [variant], at)[0] ?? { ...variant };
	if (!before) return next;
	for (const key of INHERITED) {
		if (variant[key] !== before[key] || before[key] === style[key]) continue;
		if (style[key] === undefined) delete next[key];
		else (next as unknown as Record<string, unknown>)[key] = style[key];
	}
	if (before.name !== style.name && variant.name.startsWith(before.name)) next.name = style.name + variant.name.slice(before.name.length);
	return next;
}

/** A row of the variant table before the owner's edits: a stored variant or one the options call for. */
export interface VariantRow extends VariantForm {
	/** optionsText of the values in lower case: the same row however the table is rebuilt. */
	key: string;
	existing: Product | null;
	/** False for a stored variant whose values the options no longer have (it keeps its history). */
	inOptions: boolean;
}

export const variantKey = (values: readonly OptionValue[]) => optionsText(values).toLowerCase();

/**
 * The table of a style being edited: its stored variants, then the combinations its options call
 * for that are missing (SKUs from the style's, never one taken), in the options' order; stored
 * variants the options dropped come last.
 */
export function variantRows(style: Pick<Product, 'sku' | 'name' | 'options'> & { id?: ProductId }, variants: readonly Product[], takenSkus: ReadonlySet<string>): VariantRow[] {
	const draft = { ...emptyStyle, ...style, id: style.id ?? ('' as ProductId) };
	const mine = variants.filter((v) => v.variantOf === draft.id);
	const made = missingVariants(draft, mine, takenSkus, 0 as LocalTimestamp);
	const rows: VariantRow[] = [];
	for (const values of combinations(draft.options ?? [])) {
		const found = mine.find((v) => sameValues(v.optionValues ?? [], values)) ?? made.find((v) => sameValues(v.optionValues ?? [], values))!;
		const stored = mine.includes(found);
		rows.push({ ...variantToForm(found), optionValues: values, key: variantKey(values), existing: stored ? found : null, inOptions: true });
	}
	for (const v of mine) {
		if (rows.some((r) => r.existing === v)) continue;
		rows.push({ ...variantToForm(v), key: variantKey(v.optionValues ?? []), existing: v, inOptions: false });
	}
	return rows;
}

const emptyStyle: Product = {
	id: '' as ProductId, sku: '', barcode: '', name: '', category: '', unitPrice: 0 as Cents, unitCost: 0 as Cents, supplierId: null,
	leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: false, updatedAt: 0 as LocalTimestamp
};

function applyRow(c: Checker<ProductErrorKey>, i: number, row: VariantForm, variant: Product, style: Product): Product {
	const sku = c.text(`variants.${i}.sku`, row.sku, { required: true, max: 64 });
	const barcode = c.text(`variants.${i}.barcode`, row.barcode, { max: 14 });
	if (barcode !== '' && !isValidBarcode(barcode)) c.fail(`variants.${i}.barcode`, 'invalid_barcode');
	const price = c.number(`variants.${i}.unitPrice`, row.unitPrice, {});
	const reorderPoint = c.number(`variants.${i}.reorderPoint`, row.reorderPoint, {});
	return {
		...variant, sku, barcode, reorderPoint, active: row.active,
		ownPrice: price !== null, unitPrice: price === null ? style.unitPrice : toCents(price)
	};
}

const sameRecord = (a: Product, b: Product) => JSON.stringify({ ...a, updatedAt: 0 }) === JSON.stringify({ ...b, updatedAt: 0 });

/**
 * What saving a style writes to its variants: the stored ones following the style's changes, the
 * grid's missing combinations made in the same step, and the table's rows as typed (matched by
 * their values). SKUs and barcodes must be unique among the variants and against every other
 * product. Returns only the variants that changed or are new.
 */
export function styleVariantChanges(style: Product, before: Product | undefined, rows: readonly VariantForm[] | undefined, all: readonly Product[], at: LocalTimestamp): { variants: Product[]; errors: ProductErrors } {
	const stored = all.filter((p) => p.variantOf === style.id);
	const others = all.filter((p) => p.variantOf !== style.id && p.id !== style.id);
	const followed = stored.map((v) => followStyle(before, style, v, at));
	const made = missingVariants(style, followed, new Set([...others, ...followed].map((p) => p.sku)), at);
	const candidates = [...followed, ...made];
	const rowOf = new Map<number, number>();
	const c = new Checker<ProductErrorKey>();
	rows?.forEach((row, i) => {
		const k = candidates.findIndex((v) => sameValues(v.optionValues ?? [], row.optionValues));
		if (k < 0) return;
		candidates[k] = applyRow(c, i, row, candidates[k], style);
		rowOf.set(k, i);
	});
	const skus = new Set(others.map((p) => p.sku.toLowerCase()).concat(style.sku.toLowerCase()));
	const barcodes = new Set(others.map((p) => p.barcode).concat(style.barcode).filter(Boolean));
	candidates.forEach((v, k) => {
		const row = rowOf.get(k);
		if (skus.has(v.sku.toLowerCase()) && row !== undefined) c.fail(`variants.${row}.sku`, 'duplicate');
		if (v.barcode && barcodes.has(v.barcode) && row !== undefined) c.fail(`variants.${row}.barcode`, 'duplicate');
		skus.add(v.sku.toLowerCase());
		if (v.barcode) barcodes.add(v.barcode);
	});
	if (!c.ok) return { variants: [], errors: c.errors };
	const changed = candidates.filter((v, k) => k >= stored.length || !sameRecord(v, stored[k])).map((v) => ({ ...v, updatedAt: at }));
	return { variants: changed, errors: {} };
}

/** A saved product with the variants written beside it (a style's new and changed ones). */
export type SavedProduct = { ok: true; value: Product; variants: Product[] } | { ok: false; errors: ProductErrors };

/**
 * Validates and stores a product, and a style's variants with it. A duplicate SKU or barcode comes
 * back as a field error, not an exception. A plain product with history does not become a style
 * (its sales and stock would belong to no size): the owner makes a new product with options.
 */
export async function saveProductEntry(repo: InventoryRepository, form: ProductForm, existing?: Product, rules?: ProductRules): Promise<SavedProduct> {
	const result = validateProduct(form, existing, rules);
	if (!result.ok) return result;
	const product = result.value;
	const all = await repo.listProducts();
	if (isVariant(product) && !product.ownPrice) {
		const style = all.find((p) => p.id === product.variantOf);
		if (style) product.unitPrice = style.unitPrice;
	}
	const errors: ProductErrors = {};
	if (all.some((p) => p.sku === product.sku && p.id !== product.id)) errors.sku = 'duplicate';
	if (product.barcode && all.some((p) => p.barcode === product.barcode && p.id !== product.id)) errors.barcode = 'duplicate';
	const hasVariants = all.some((p) => p.variantOf === product.id);
	if (isStyle(product) && existing && !isStyle(existing) && (await productHasHistory(repo, existing.id))) errors.options = 'style_has_history';
	if (!isStyle(product) && hasVariants) errors.options = 'style_has_variants';
	const plan = isStyle(product) ? styleVariantChanges(product, existing, form.variants, all, product.updatedAt) : { variants: [], errors: {} };
	Object.assign(errors, plan.errors);
	if (Object.keys(errors).length) return { ok: false, errors };
	try {
		await repo.putProduct(product);
	} catch (e) {
		if (e instanceof DuplicateError) return { ok: false, errors: { sku: 'duplicate' } };
		throw e;
	}
	// The style first, so no variant ever points at a style that is not stored.
	for (const v of plan.variants) {
		try {
			await repo.putProduct(v);
		} catch (e) {
			// Another tablet took the SKU since the check: the style and the variants before it are saved; saving again makes the rest.
			if (!(e instanceof DuplicateError)) throw e;
			const row = form.variants?.findIndex((r) => sameValues(r.optionValues, v.optionValues ?? [])) ?? -1;
			return { ok: false, errors: row >= 0 ? { [`variants.${row}.sku` as const]: 'duplicate' } : { options: 'duplicate' } };
		}
	}
	return { ok: true, value: product, variants: plan.variants };
}

/**
 * saveProductEntry for a form of the plain fields only (the API, the seed): its errors can only be
 * those fields' (with no options, variants or tax rate typed, the rest is kept as stored).
 */
export async function saveProduct(repo: InventoryRepository, form: ProductForm, existing?: Product, rules?: ProductRules): Promise<Validation<Product, ProductField>> {
	const saved = await saveProductEntry(repo, form, existing, rules);
	return saved.ok ? { ok: true, value: saved.value } : { ok: false, errors: saved.errors as FieldErrors<ProductField> };
}

export interface SupplierForm { name: string; contact: string; email: string; phone: string; defaultLeadTimeDays: string; notes: string }
export type SupplierField = keyof SupplierForm;
export const emptySupplierForm = (): SupplierForm => ({ name: '', contact: '', email: '', phone: '', defaultLeadTimeDays: '7', notes: '' });
export const supplierToForm = (s: Supplier): SupplierForm => ({ ...s, defaultLeadTimeDays: String(s.defaultLeadTimeDays) });

export function validateSupplier(form: SupplierForm, existing?: Supplier): Validation<Supplier, SupplierField> {
	const c = new Checker<SupplierField>();
	const name = c.text('name', form.name, { required: true });
	const contact = c.text('contact', form.contact);
	const email = c.email('email', form.email);
	const phone = c.text('phone', form.phone, { max: 40 });
	const lead = c.number('defaultLeadTimeDays', form.defaultLeadTimeDays, { required: true, integer: true });
	const notes = c.text('notes', form.notes, { max: 2000 });
	if (!c.ok) return { ok: false, errors: c.errors };
	return { ok: true, value: { id: existing?.id ?? (newId() as SupplierId), name, contact, email, phone, defaultLeadTimeDays: lead!, notes, updatedAt: nowLocal() } };
}

export interface CustomerForm { code: string; name: string; email: string; phone: string }
export type CustomerField = keyof CustomerForm;
export const emptyCustomerForm = (): CustomerForm => ({ code: '', name: '', email: '', phone: '' });
export const customerToForm = (c: Customer): CustomerForm => ({ code: c.code, name: c.name, email: c.email, phone: c.phone });

export function validateCustomer(form: CustomerForm, existing?: Customer): Validation<Customer, CustomerField> {
	const c = new Checker<CustomerField>();
	const code = c.text('code', form.code, { max: 64 });
	const name = c.text('name', form.name, { required: true });
	const email = c.email('email', form.email);
	const phone = c.text('phone', form.phone, { max: 40 });
	if (!c.ok) return { ok: false, errors: c.errors };
	return {
		ok: true,
		value: {
			id: existing?.id ?? (newId() as CustomerId), code, name, email, phone,
			firstSeen: existing?.firstSeen ?? today(), createdByImport: existing?.createdByImport ?? false, updatedAt: nowLocal()
		}
	};
}

export async function saveCustomer(repo: InventoryRepository, form: CustomerForm, existing?: Customer): Promise<Validation<Customer, CustomerField>> {
	const result = validateCustomer(form, existing);
	if (!result.ok) return result;
	if (result.value.code) {
		const clash = (await repo.listCustomers()).find((c) => c.code === result.value.code && c.id !== result.value.id);
		if (clash) return { ok: false, errors: { code: 'duplicate' } };
	}
	await repo.putCustomer(result.value);
	return result;
}

export async function saveSupplier(repo: InventoryRepository, form: SupplierForm, existing?: Supplier): Promise<Validation<Supplier, SupplierField>> {
	const result = validateSupplier(form, existing);
	if (result.ok) await repo.putSupplier(result.value);
	return result;
}

/** Lead time for reordering: the product's own, else its supplier's, else a week. */
export function effectiveLeadTime(p: Product, supplier?: Supplier): number {
	return p.leadTimeDays ?? supplier?.defaultLeadTimeDays ?? 7;
}

/** The level below which a product shows the low-stock badge (until forecasting refines it). */
export function lowStockThreshold(p: Product): number {
	return p.reorderPoint ?? 0;
}
