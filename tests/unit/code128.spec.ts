import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barRuns, BarcodeTextError, code128 } from '$core/receipt/code128';

/** Modules as hex nibbles, zero-padded: the form `zint --dump` prints (spaces removed). */
const hexOf = (modules: string) => {
	const padded = modules.padEnd(Math.ceil(modules.length / 4) * 4, '0');
	let hex = '';
	for (let i = 0; i < padded.length; i += 4) hex += parseInt(padded.slice(i, i + 4), 2).toString(16).toUpperCase();
	return hex;
};

// Reference encodings from an independent encoder: `zint -b 20 --dump -d TEXT` (zint 2.11.1).
const ZINT: Record<string, string> = {
	PJJ123C: 'D21DDADC5B89CD9CB2E446E8D8EB',
	'0F3A9C12-000123': 'D213B23165CA31CB2234E6CE5372EF6CCCD9DBB1B63AC',
	'1234567890': 'D396722C716C29BDA7963AC',
	'AB-000001': 'D214622C4DCBBDB336666CE658EB',
	'T-000042': 'D21B8A6E5DED99B32DC644C758',
	'Hola mundo!': 'D218A23D650961B33DD4F2C2909A3D66C8698EB',
	'ticket 12345678 ok': 'D213D21A42CC256427A6CCBBD6722C716C297BB6647AC25D331D6',
	'~{}|': 'D2117BDB51EAF17BB1D6',
	'99': 'D3977BAF63AC'
};

/** Reads modules back to text with the standard's tables: proves the bars say what was asked. */
function decode(modules: string): string {
	const widths = widthsOf(modules);
	const symbols: string[] = [];
	for (let k = 0; k + 6 <= widths.length - 7; k += 6) symbols.push(widths.slice(k, k + 6).join(''));
	expect(widths.slice(-7).join('')).toBe('2331112');
	const table = new Map<string, number>();
	// Build the value of each pattern by encoding single characters of set B (values 0-94) and digit pairs of set C.
	for (let v = 0; v <= 94; v++) table.set(patternOf(String.fromCharCode(32 + v), 1), v);
	for (let v = 0; v <= 99; v++) table.set(patternOf(String(v).padStart(2, '0').repeat(2), 1), v);
	const values = symbols.map((p) => {
		const v = table.get(p) ?? { '114131': 100, '311141': 101, '411131': 102, '211412': 103, '211214': 104, '211232': 105 }[p];
		if (v === undefined) throw new Error(`unknown pattern ${p}`);
		return v;
	});
	const check = values.pop()!;
	expect(values.reduce((s, v, i) => s + v * Math.max(i, 1), 0) % 103).toBe(check);
	let set = values[0] === 105 ? 'C' : 'B';
	let text = '';
	for (const v of values.slice(1)) {
		if (v === 99) set = 'C';
		else if (v === 100) set = 'B';
		else text += set === 'C' ? String(v).padStart(2, '0') : String.fromCharCode(v + 32);
	}
	return text;
}

/** The pattern (6 widths) of the symbol at index `at` of a text's encoding. */
function patternOf(text: string, at: number): string {
	return widthsOf(code128(text).modules).slice(at * 6, at * 6 + 6).join('');
}

/** Bar and space widths, alternating from the first bar. */
function widthsOf(modules: string): number[] {
	const widths: number[] = [];
	for (let i = 0; i < modules.length;) {
		let j = i;
		while (modules[j] === modules[i]) j++;
		widths.push(j - i);
		i = j;
	}
	return widths;
}

describe('Code 128', () => {
	it('draws the same bars as an independent encoder (zint)', () => {
		for (const [text, hex] of Object.entries(ZINT)) expect(hexOf(code128(text).modules), text).toBe(hex);
	});

	it('packs a ticket number\'s digits in code set C so it fits 58 mm paper', () => {
		const { symbols, modules } = code128('0F3A9C12-000123');
		// Start B, 9 characters, switch to C, 00 01 23, check: 15 symbols of 11 modules, stop of 13
		// (set B alone would take 18 symbols).
		expect(symbols).toHaveLength(15);
		expect(symbols.slice(10, 14)).toEqual([99, 0, 1, 23]);
		expect(modules).toHaveLength(15 * 11 + 13);
	});

	it('any printable text reads back as itself, with a valid check symbol', () => {
		fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 32, max: 126 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 }), (text) => {
			expect(decode(code128(text).modules)).toBe(text);
		}), { numRuns: 300 });
		for (const text of ['1', '12', '123', '12345', 'A1234', '1234A', 'A123456B', 'A12345B']) expect(decode(code128(text).modules)).toBe(text);
	});

	it('every bar is 1 to 4 modules wide and bars and spaces alternate', () => {
		const { modules } = code128('AB-000001');
		const runs = barRuns(modules);
		expect(runs[0]).toEqual({ start: 0, width: 2 });
		expect(runs.every((r) => r.width >= 1 && r.width <= 4)).toBe(true);
		expect(runs.reduce((s, r) => s + r.width, 0)).toBe([...modules].filter((m) => m === '1').length);
	});

	it('names the character it cannot print', () => {
		expect(() => code128('Año')).toThrow(BarcodeTextError);
		expect(() => code128('Año')).toThrow(/"ñ" at position 2/);
		expect(() => code128('')).toThrow(/at least one character/);
	});
});
