// A 53-bit string hash (cyrb53, public domain): fits a double exactly, so keys live in
// Float64Arrays and Sets of numbers. Not cryptographic; see docs/import.md for collision odds.
// Hash state (module-level so that hashing a line allocates nothing).
let h1 = 0;
let h2 = 0;

function begin(seed: number) {
	h1 = 0xdeadbeef ^ seed;
	h2 = 0x41c6ce57 ^ seed;
}

function mix(c: number) {
	h1 = Math.imul(h1 ^ c, 2654435761);
	h2 = Math.imul(h2 ^ c, 1597334677);
}

function mixText(s: string) {
	for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
}

/** Mixes a non-negative integer below 2^53 as two 32-bit words. */
function mixInt(n: number) {
	mix(n >>> 0);
	mix(Math.floor(n / 4294967296) | 0);
}

function digest(): number {
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
	h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
	h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function hash53(s: string, seed = 0): number {
	begin(seed);
	mixText(s);
	return digest();
}

/**
 * The identity of a sale line (see docs/import.md): the invoice and SKU text, the time in
 * milliseconds, the quantity in thousandths and the unit price in cents, hashed to 53 bits with
 * the occurrence number as seed, without building a string per line.
 */
export function lineKey(invoice: string, at: number, sku: string, quantity: number, unitPrice: number, occurrence: number): number {
	begin(occurrence);
	mixText(invoice);
	mix(0x1f);
	mixText(sku);
	mixInt(at);
	mixInt(Math.round(quantity * 1000));
	mixInt(unitPrice);
	return digest();
}

/** A set of 53-bit keys in one Float64Array (open addressing): no object per key, unlike a Set of numbers. */
export class KeySet {
	private table: Float64Array;
	private mask: number;
	size = 0;
	constructor(capacity = 1024) {
		let n = 1024;
		while (n < capacity * 2) n *= 2;
		this.table = new Float64Array(n);
		this.mask = n - 1;
	}
	/** Keys are non-negative integers below 2^53; 0 is stored as 1 (the empty slot marker). */
	has(key: number): boolean {
		const k = key === 0 ? 1 : key;
		const t = this.table;
		for (let i = (k >>> 0) & this.mask; ; i = (i + 1) & this.mask) {
			const v = t[i];
			if (v === k) return true;
			if (v === 0) return false;
		}
	}
	/** Adds a key; false when it was already there. */
	add(key: number): boolean {
		const k = key === 0 ? 1 : key;
		if ((this.size + 1) * 2 > this.table.length) this.grow();
		const t = this.table;
		for (let i = (k >>> 0) & this.mask; ; i = (i + 1) & this.mask) {
			const v = t[i];
			if (v === k) return false;
			if (v === 0) {
				t[i] = k;
				this.size++;
				return true;
			}
		}
	}
	private grow() {
		const old = this.table;
		this.table = new Float64Array(old.length * 2);
		this.mask = this.table.length - 1;
		this.size = 0;
		for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.add(old[i]);
	}
}

const hex: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** UUID v4s like ids.newId, drawing the random bytes for many at once (one getRandomValues per 4,096 ids). */
export class IdPool {
	private bytes = new Uint8Array(65_536);
	private at = 65_536;
	next(): string {
		if (this.at === 65_536) {
			crypto.getRandomValues(this.bytes);
			this.at = 0;
		}
		const b = this.bytes;
		const o = this.at;
		this.at += 16;
		let s = '';
		for (let i = 0; i < 16; i++) {
			let v = b[o + i];
			if (i === 6) v = (v & 0x0f) | 0x40;
			else if (i === 8) v = (v & 0x3f) | 0x80;
			s += hex[v];
			if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
		}
		return s;
	}
}
