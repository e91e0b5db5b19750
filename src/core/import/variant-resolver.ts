// Which product a variant line is: the stored or new variant of its style with its values, the
// product its SKU already names, or a new variant (with the row's SKU, else the style's SKU and
// its values, TSHIRT-M-NEGRO) whose id is made from its style and values, so the same export
// imported on two tablets makes the same products.
import type { Cents, ProductId, Uuid } from '../brand';
import { productIdForSku } from '../sync/stable-id';
import { nowLocal } from '../time';
import type { OptionValue, Product } from '../types';
import { variantId, variantSku } from '../variants';
import { ImportStyles, variantKey } from './import-styles';
import type { VariantCells } from './variant-cells';

/** The importer's products by slot, as the resolver needs them. */
export interface ProductSlots {
	/** The slot of a SKU; negative for an excluded SKU; undefined when unknown. */
	slotOf(sku: string): number | undefined;
	add(sku: string, id: ProductId, price: number, created: Product): number;
	/** The id, or a random one when a record already has it. */
	freshId(id: Uuid): Uuid;
}

/** What the row's product comes from: category, cost, supplier and tax rate read from the row. */
export type RowProduct = Pick<Product, 'category' | 'unitCost' | 'supplierId'> & { taxRate?: number };

export interface NewVariant { style: Product; values: OptionValue[]; key: string }
export type VariantPlan = { slot: number; sku: string; create: null } | { slot: -1; sku: string; create: NewVariant };

const fold = (s: string) => s.trim().toLowerCase();

export class VariantResolver {
	private readonly slotOfKey = new Map<string, number>();
	private readonly keyOfSlot = new Map<number, string>();
	/** SKUs this import chose for new variants (so two never share one). */
	private readonly chosen = new Set<string>();

	constructor(readonly styles: ImportStyles, private readonly slots: ProductSlots) {}

	/** Registers a stored variant under its style and values. */
	known(variant: Product, slot: number) {
		if (!variant.variantOf || !variant.optionValues?.length) return;
		const key = variantKey(variant.variantOf, variant.optionValues);
		this.slotOfKey.set(key, slot);
		this.keyOfSlot.set(slot, key);
	}

	/**
	 * The row's variant, or null when its style code is a plain product's SKU (the lines stay plain
	 * products: a product with history is never turned into a style).
	 */
	plan(cells: VariantCells, rowSku: string, rowProduct: () => RowProduct, price: number): VariantPlan | null {
		let style = this.styles.style(cells.styleCode);
		if (!style) {
			if (this.slots.slotOf(cells.styleCode) !== undefined) return null;
			const row = rowProduct();
			style = this.styles.create({
				id: this.slots.freshId(productIdForSku(cells.styleCode)) as ProductId, sku: cells.styleCode, barcode: '', name: cells.styleName,
				category: row.category, unitPrice: price as Cents, unitCost: row.unitCost, supplierId: row.supplierId, leadTimeDays: null, minOrderQty: 1,
				packSize: 1, reorderPoint: null, active: true, createdByImport: true, updatedAt: nowLocal(), ...(row.taxRate !== undefined ? { taxRate: row.taxRate } : {})
			});
		}
		const values = this.styles.place(style, cells);
		const key = variantKey(style.id, values);
		// The row's SKU names a product already: that product, unless it is another variant (a file
		// that repeats the style's code in its SKU column for every size).
		const bySku = rowSku === '' ? undefined : this.slots.slotOf(rowSku);
		if (bySku !== undefined && bySku >= 0 && (this.keyOfSlot.get(bySku) ?? key) === key) return { slot: bySku, sku: rowSku, create: null };
		const known = this.slotOfKey.get(key);
		if (known !== undefined) return { slot: known, sku: '', create: null };
		const own = rowSku !== '' && bySku === undefined && !this.styles.isStyleSku(rowSku) && !this.chosen.has(fold(rowSku));
		return { slot: -1, sku: own ? rowSku : this.freeSku(variantSku(style.sku, values)), create: { style, values, key } };
	}

	private freeSku(base: string): string {
		let sku = base;
		for (let n = 2; this.slots.slotOf(sku) !== undefined || this.styles.isStyleSku(sku) || this.chosen.has(fold(sku)); n++) sku = `${base}-${n}`;
		return sku;
	}

	/** Makes the planned variant: a copy of the style's details with its own SKU, values and (first line's) price. */
	create(plan: VariantPlan & { create: NewVariant }, row: RowProduct, price: number): number {
		const { style, values, key } = plan.create;
		this.chosen.add(fold(plan.sku));
		const variant: Product = {
			...style, id: this.slots.freshId(variantId(style.id, values)) as ProductId, sku: plan.sku, barcode: '',
			name: `${style.name} ${values.map((v) => v.value).join(' / ')}`, category: row.category || style.category,
			unitPrice: price as Cents, unitCost: row.unitCost || style.unitCost, supplierId: row.supplierId ?? style.supplierId,
			options: [], variantOf: style.id, optionValues: values, ownPrice: price !== style.unitPrice, createdByImport: true, updatedAt: nowLocal()
		};
		if (row.taxRate !== undefined) variant.taxRate = row.taxRate;
		const slot = this.slots.add(plan.sku, variant.id, price, variant);
		this.slotOfKey.set(key, slot);
		this.keyOfSlot.set(slot, key);
		return slot;
	}
}
