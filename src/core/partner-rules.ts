// Suppliers and customers: finding them by what people type, paging long lists, and removing a
// supplier without leaving its products behind unnoticed.
import type { SupplierId } from './brand';
import type { InventoryRepository } from './repository';
import type { Customer, Product, Supplier } from './types';
import { foldText } from './text';
import type { ErrorCode } from './validation';


export interface SearchIndex<T> {
	items: readonly T[];
	/** One normalized text per item, built once so each keystroke only scans strings. */
	keys: readonly string[];
}

export function buildSearchIndex<T>(items: readonly T[], fieldsOf: (item: T) => string[]): SearchIndex<T> {
	const keys = items.map((item) => {
		const fields = fieldsOf(item);
		// Phone numbers are typed with or without spaces and dashes: keep a digits-only copy too.
		const digits = fields.map((f) => f.replace(/[\s\-().]/g, '')).filter((d, i) => d !== fields[i]);
		return foldText([...fields, ...digits].join('\n'));
	});
	return { items, keys };
}

/** Items where every word of the query appears in some field; an empty query keeps them all. */
export function searchIndex<T>(index: SearchIndex<T>, query: string): T[] {
	const words = foldText(query).split(/\s+/).filter(Boolean);
	if (words.length === 0) return [...index.items];
	return index.items.filter((_, i) => words.every((w) => index.keys[i].includes(w)));
}

export const supplierSearchFields = (s: Supplier): string[] => [s.name, s.contact, s.email, s.phone];
export const customerSearchFields = (c: Customer): string[] => [c.code, c.name, c.email, c.phone];

/** Sorted the way people of that locale alphabetise: accents and case aside, numbers by value. */
export function sortByText<T>(items: readonly T[], textOf: (item: T) => string, locale: string): T[] {
	const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
	return [...items].sort((a, b) => collator.compare(textOf(a), textOf(b)));
}

/** Each supplier's products, so the list can count them and a deletion can name them. */
export function productsBySupplier(products: readonly Product[]): Map<SupplierId, Product[]> {
	const bySupplier = new Map<SupplierId, Product[]>();
	for (const p of products) {
		if (!p.supplierId) continue;
		const list = bySupplier.get(p.supplierId);
		if (list) list.push(p);
		else bySupplier.set(p.supplierId, [p]);
	}
	return bySupplier;
}

/** What happens to a deleted supplier's products: moved to another supplier, or left without one. */
export type SupplierProductsPlan = { action: 'move'; to: SupplierId } | { action: 'unassign' };

export type RemoveSupplierResult = { ok: true; affectedProducts: number } | { ok: false; error: ErrorCode };

/**
 * Deletes a supplier. When it still supplies products the caller must say what happens to them
 * (no plan gives 'required'), so no product loses its supplier without the owner choosing it.
 */
export async function removeSupplier(repo: InventoryRepository, id: SupplierId, plan?: SupplierProductsPlan): Promise<RemoveSupplierResult> {
	if (!(await repo.getSupplier(id))) return { ok: false, error: 'not_found' };
	const affected = (await repo.listProducts()).filter((p) => p.supplierId === id).length;
	if (affected > 0 && !plan) return { ok: false, error: 'required' };
	let reassignTo: SupplierId | null = null;
	if (affected > 0 && plan?.action === 'move') {
		if (plan.to === id || !(await repo.getSupplier(plan.to))) return { ok: false, error: 'not_found' };
		reassignTo = plan.to;
	}
	await repo.deleteSupplier(id, reassignTo);
	return { ok: true, affectedProducts: affected };
}
