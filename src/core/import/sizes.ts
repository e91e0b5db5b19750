// Clothing sizes as sales files write them: letter sizes (XS, S, M, L, XL, 2XL…), numbers (38, 42,
// 42.5), children's ages (2-3A, 6M), one size (Única, TU, OS). Used to recognise a size column,
// to find a size coded at the end of a SKU (JK104-XL, TS01-M-BLK) and to put a style's sizes in
// the order a shop expects (XS S M L XL, 36 38 40), not the order they were first sold.

/** Letter sizes with their rank (smallest first); aliases share a rank. */
const LETTER_RANK = new Map<string, number>([
	['XXXS', 0], ['3XS', 0], ['XXS', 1], ['2XS', 1], ['XS', 2], ['S', 3], ['SM', 3], ['M', 4], ['MD', 4], ['MED', 4], ['L', 5], ['LG', 5],
	['XL', 6], ['XXL', 7], ['2XL', 7], ['XXXL', 8], ['3XL', 8], ['XXXXL', 9], ['4XL', 9], ['5XL', 10], ['6XL', 11]
]);
/** One size fits all: sorted after every other size. */
const ONE_SIZE = new Set(['U', 'TU', 'OS', 'UNICA', 'UNICO', 'ONESIZE', 'UNI', 'TALLAUNICA', 'OSFA', 'FREE', 'FREESIZE']);
const CHILD_AGE = /^(\d{1,2})(?:\s*-\s*(\d{1,2}))?\s*(A|Y|M|ANOS|YEARS|YRS|MESES|MONTHS)$/;
const NUMBER_SIZE = /^(?:(?:EU|UK|US|FR|IT)\s*)?(\d{1,2})(?:[.,]5)?$/;

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[\s.]+/g, '');

/** Sort key of a size: [group, value]; group 0 letters, 1 numbers and ages, 2 one size, 3 unknown. */
export function sizeRank(value: string): [number, number] {
	const f = fold(value);
	const letter = LETTER_RANK.get(f);
	if (letter !== undefined) return [0, letter];
	// S/M, M-L, L/XL: between their two sizes.
	const pair = /^([A-Z0-9]+)[/-]([A-Z0-9]+)$/.exec(f);
	if (pair && LETTER_RANK.has(pair[1]) && LETTER_RANK.has(pair[2])) return [0, LETTER_RANK.get(pair[1])! + 0.5];
	if (ONE_SIZE.has(f.replace(/[^A-Z]/g, ''))) return [2, 0];
	const age = CHILD_AGE.exec(f);
	if (age) return [1, Number(age[1]) / (age[3].startsWith('M') ? 12 : 1)];
	const number = NUMBER_SIZE.exec(value.trim().toUpperCase());
	if (number) return [1, Number(value.replace(/[^\d.,]/g, '').replace(',', '.'))];
	if (/^T\d{1,2}$/.test(f)) return [1, Number(f.slice(1))];
	return [3, 0];
}

/** Whether a cell reads as a clothing size. */
export const isSize = (value: string): boolean => value.trim() !== '' && sizeRank(value)[0] < 3 && (sizeRank(value)[0] !== 1 || sizeRank(value)[1] <= 60);

/**
 * A size as the last parts of a SKU write it: letter sizes and adult numeric sizes 20-59 only
 * (a SKU ending in -2 or -100 is more likely a pack or a version than a size).
 */
export function isSkuSize(token: string): boolean {
	const f = token.toUpperCase();
	return LETTER_RANK.has(f) || /^(?:[2-5]\d)$/.test(f) || f === 'OS' || f === 'TU';
}

/** A letter size written in capitals ("xl" → "XL"); any other value as given, trimmed. */
export function normalSize(value: string): string {
	const t = value.trim();
	return LETTER_RANK.has(fold(t)) ? t.toUpperCase() : t;
}

/** Sizes in shop order: letters smallest first, then numbers and ages, one size, then the rest as first seen. */
export function sortSizes(values: readonly string[]): string[] {
	return values.map((v, i) => ({ v, i, r: sizeRank(v) })).sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.i - b.i).map((x) => x.v);
}

export interface SizedSku {
	/** What is before the size: the style's code. */
	stem: string;
	size: string;
	/** A code after the size (TS01-M-BLK → BLK): the colour; '' when none. */
	after: string;
}

/** TS01-M-BLK → { stem: TS01, size: M, after: BLK }; JK104-XL → { stem: JK104, size: XL }; null when no part is a size. */
export function splitSizedSku(sku: string): SizedSku | null {
	const parts = sku.trim().split(/([-_/. ]+)/);
	// parts alternate token, separator, token...: tokens at even indexes.
	const tokens = parts.length;
	if (tokens < 3) return null;
	const last = tokens - 1;
	if (isSkuSize(parts[last])) return { stem: parts.slice(0, last - 1).join(''), size: parts[last].toUpperCase(), after: '' };
	if (tokens >= 5 && isSkuSize(parts[last - 2]) && /^[A-Za-z0-9]{1,6}$/.test(parts[last])) {
		return { stem: parts.slice(0, last - 3).join(''), size: parts[last - 2].toUpperCase(), after: parts[last].toUpperCase() };
	}
	return null;
}

/**
 * Whether a column of SKUs codes the size at its end: most distinct SKUs split into a stem and a
 * size, and most of those share their stem with another size (a style sold in several sizes).
 * Returns whether a code after the size (a colour) is common too.
 */
export function sizeCodedSkus(skus: Iterable<string>): { sized: boolean; colour: boolean } {
	const distinct = new Set<string>();
	for (const s of skus) if (s.trim() !== '') distinct.add(s.trim());
	const sizesByStem = new Map<string, Set<string>>();
	let sized = 0, after = 0;
	for (const sku of distinct) {
		const split = splitSizedSku(sku);
		if (!split || split.stem === '') continue;
		sized++;
		if (split.after) after++;
		const key = `${split.stem.toUpperCase()}|${split.after}`;
		const set = sizesByStem.get(key) ?? new Set<string>();
		set.add(split.size);
		sizesByStem.set(key, set);
	}
	let shared = 0;
	for (const set of sizesByStem.values()) if (set.size >= 2) shared += set.size;
	const ok = distinct.size >= 2 && sized >= distinct.size * 0.6 && shared >= sized * 0.5;
	return { sized: ok, colour: ok && after >= sized * 0.5 };
}
