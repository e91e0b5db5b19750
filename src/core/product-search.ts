// Finding products (and customers) the way people type at a counter: by name, SKU or barcode,
// ignoring case and accents ("nino" finds "Niño", "pantalon" finds "Pantalón"), forgiving a slip of
// the finger or a word's ending ("chili" finds "Chilli Lights", "camiseta negra" finds "Camiseta
// Negro M"), best matches first: exact codes, then names, then near misses.
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

/** Typing slips forgiven in a word: none below 5 letters ("lino" and "niño" are one letter apart), 1 up to 8, 2 beyond. */
export const typosAllowed = (word: string): number => (word.length < 5 ? 0 : word.length < 9 ? 1 : 2);

/**
 * Edits (insert, delete, replace, swap two neighbours) from a to b, or max + 1 as soon as it is
 * known to be more than max (most pairs of words are far apart: they stop early).
 */
export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let before = new Array<number>(b.length + 1).fill(0);
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
			current.push(d);
			best = Math.min(best, d);
		}
		if (best > max) return max + 1;
		before = previous;
		previous = current;
	}
	return previous[b.length];
}

/** A typed word is close to a stored word, or to its start (the person is still typing it). */
function nearWord(typed: string, stored: string): boolean {
	const max = typosAllowed(typed);
	if (max === 0) return false;
	for (let length = typed.length - max; length <= typed.length + max; length++) {
		if (length < 1 || length > stored.length) continue;
		// Against a start shorter than what was typed, extra letters would pass as slips: only the whole word.
		if (length < typed.length && length < stored.length) continue;
		if (editDistance(typed, stored.slice(0, length), max) <= max) return true;
	}
	return false;
}

/** Per typed word, which stored words are near it: a catalogue repeats its words, so each pair is compared once per search. */
type NearCache = Map<string, boolean>[];

function isNear(cache: NearCache, index: number, typed: string, stored: string): boolean {
	let known = cache[index].get(stored);
	if (known === undefined) cache[index].set(stored, (known = nearWord(typed, stored)));
	return known;
}

/** Lower is better; null when the entry does not match every word typed. */
function rank<T>(e: Entry<T>, query: string, words: string[], near: NearCache): number | null {
	if (e.codes.includes(query)) return 0;
	if (e.codes.some((c) => c.startsWith(query))) return 1;
	if (e.name.startsWith(query)) return 2;
	if (words.every((w) => e.words.some((n) => n.startsWith(w)))) return 3;
	if (words.every((w) => e.name.includes(w) || e.codes.some((c) => c.includes(w)))) return 4;
	if (words.every((w, i) => e.words.some((n) => n.startsWith(w) || isNear(near, i, w, n)))) return 5;
	return null;
}

/** The best matches for what was typed, at most limit; equal matches in code order; nothing for an empty query. */
export function search<T>(index: SearchIndex<T>, text: string, limit = 8): T[] {
	const query = foldText(text);
	if (query === '') return [];
	const words = query.split(/\s+/);
	const hits: { e: Entry<T>; score: number }[] = [];
	const near: NearCache = words.map(() => new Map());
	for (const e of index.entries) {
		const score = rank(e, query, words, near);
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
