// Which text encoding a file uses, and its text. Spanish POS exports are often Windows-1252
// (Latin-1 plus € and a few symbols); anything that is not valid UTF-8 is read as Windows-1252,
// which maps every byte to a character, so decoding never fails.
import type { Encoding } from './types';

/** UTF-8 BOM, else valid UTF-8, else Windows-1252. A multi-byte character cut at the end of the sample is not an error. */
export function detectEncoding(bytes: Uint8Array): Encoding {
	if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
	return utf8Scan(bytes) >= 0 ? 'utf-8' : 'windows-1252';
}

/**
 * -1 when the bytes are not UTF-8; else where a multi-byte character cut by the end of the bytes
 * starts (bytes.length when none is cut).
 */
function utf8Scan(b: Uint8Array): number {
	const n = b.length;
	let i = 0;
	while (i < n) {
		const c = b[i];
		if (c < 0x80) { i++; continue; }
		let extra: number;
		if (c >= 0xc2 && c <= 0xdf) extra = 1;
		else if (c >= 0xe0 && c <= 0xef) extra = 2;
		else if (c >= 0xf0 && c <= 0xf4) extra = 3;
		else return -1;
		const end = Math.min(n, i + extra + 1);
		for (let k = i + 1; k < end; k++) if ((b[k] & 0xc0) !== 0x80) return -1;
		if (i + 1 < n) {
			const d = b[i + 1];
			if ((c === 0xe0 && d < 0xa0) || (c === 0xf0 && d < 0x90) || (c === 0xf4 && d > 0x8f) || (c === 0xed && d > 0x9f)) return -1; // overlong, surrogate, > U+10FFFF
		}
		if (i + extra >= n) return i; // cut at the end
		i += extra + 1;
	}
	return n;
}

/**
 * Checks a whole file chunk by chunk: the first 64 KB of a Windows-1252 export may be plain
 * ASCII, so "valid UTF-8" from the sample is confirmed over every byte before importing.
 */
export class Utf8Check {
	private carry: Uint8Array = new Uint8Array(0);
	valid = true;
	/** Feeds the next bytes; false once the file is known not to be UTF-8. */
	push(chunk: Uint8Array): boolean {
		if (!this.valid) return false;
		let bytes = chunk;
		if (this.carry.length > 0) {
			bytes = new Uint8Array(this.carry.length + chunk.length);
			bytes.set(this.carry);
			bytes.set(chunk, this.carry.length);
		}
		const cut = utf8Scan(bytes);
		if (cut < 0) return (this.valid = false);
		this.carry = bytes.slice(cut);
		return true;
	}
	/** After the last chunk: a character cut by the end of the file is not UTF-8. */
	end(): boolean {
		if (this.carry.length > 0) this.valid = false;
		return this.valid;
	}
}

/** The TextDecoder label for an encoding. */
export const decoderLabel = (encoding: Encoding) => (encoding === 'windows-1252' ? 'windows-1252' : 'utf-8');

// Bytes 0x80-0x9F in Windows-1252 (€, curly quotes, dashes…). Some runtimes (Node 20) decode the
// 'windows-1252' label as ISO-8859-1, leaving C1 control characters where these belong.
const CP1252 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1 = /[\u0080-\u009f]/g;

/** Replaces C1 control characters left by an ISO-8859-1 decoding with their Windows-1252 characters. */
export function fixWindows1252(text: string): string {
	return /[\u0080-\u009f]/.test(text) ? text.replace(C1, (c) => CP1252[c.charCodeAt(0) - 0x80]) : text;
}

/** The whole text of bytes in the encoding, without the BOM. */
export function decodeBytes(bytes: Uint8Array, encoding: Encoding): string {
	let text = new TextDecoder(decoderLabel(encoding)).decode(bytes);
	if (encoding === 'windows-1252') text = fixWindows1252(text);
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
