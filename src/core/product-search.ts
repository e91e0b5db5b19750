// Finding products (and customers) the way people type at a counter: by name, SKU or barcode,
// ignoring case and accents ("nino" finds "Niño", "pantalon" finds "Pantalón"), best matches first.
import { foldText } from './text';
import type { Customer, Product } from './types';


interface Entry<T> { item: T; name: string; words: string[]; codes: string[] }

/** Items with their folded name and codes, computed once per list rather than per keystroke. */
export interface SearchIndex<T> { entries: Entry<T>[] }

export function createSearchIndex<T>(items: readonly T[], nameOf: (item: T) => string, codesOf: (item: T) => string[]): SearchIndex<T> {
	return {
		entries: items.map((item) => {
			const name = foldText(nameOf(item));
			return { item, name, words: name.split(/[\s\-_/.,]+/).filter(Boolean), codes: codesOf(item).map(foldText).filter(Boolean) };
		})
	};
}

export const productIndex = (products: readonly Product[]) => createSearchIndex(products, (p) => p.name, (p) => [p.sku, p.barcode]);
export const customerIndex = (customers: readonly Customer[]) => createSearchIndex(customers, (c) => c.name, (c) => [c.code]);

/** Lower is better; null when the entry does not match every word typed. */
function rank<T>(e: Entry<T>, query: string, words: string[]): number | null {
	if (e.codes.includes(query)) return 0;
	if (e.codes.some((c) => c.startsWith(query))) return 1;
	if (e.name.startsWith(query)) return 2;
	if (words.every((w) => e.words.some((n) => n.startsWith(w)))) return 3;
	if (words.every((w) => e.name.includes(w) || e.codes.some((c) => c.includes(w)))) return 4;
	return null;
}

/** The best matches for what was typed, at most limit; equal matches in code order; nothing for an empty query. */
export function search<T>(index: SearchIndex<T>, text: string, limit = 8): T[] {
	const query = foldText(text);
	if (query === '') return [];
	const words = query.split(/\s+/);
	const hits: { e: Entry<T>; score: number }[] = [];
	for (const e of index.entries) {
		const score = rank(e, query, words);
		if (score !== null) hits.push({ e, score });
	}
	const firstCode = (e: Entry<T>) => e.codes[0] ?? e.name;
	hits.sort((a, b) => a.score - b.score || firstCode(a.e).localeCompare(firstCode(b.e)));
	return hits.slice(0, limit).map((h) => h.e.item);
}

/** Products matching what was typed; for a long list build productIndex once and call search. */
export const searchProducts = (products: readonly Product[], text: string, limit = 8): Product[] => search(productIndex(products), text, limit);

/** The one item whose code (SKU, barcode, customer code) is exactly what was typed or scanned. */
export function findByCode<T>(index: SearchIndex<T>, code: string): T | undefined {
	const query = foldText(code);
	if (query === '') return undefined;
	return index.entries.find((e) => e.codes.includes(query))?.item;
}
