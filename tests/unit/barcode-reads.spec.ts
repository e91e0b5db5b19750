import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandUpcE, validUpcEAsUpcA } from '$core/barcode/check-digit';
import { checkRead } from '$core/barcode/read';
import { ReadAcceptor } from '$core/barcode/read-acceptor';
import { isValidBarcode } from '$core/validation';
import { jsbarcode } from '../e2e/fixtures/camera/barcodes';

// jsbarcode (an independent, widely used encoder) refuses codes whose check digit is wrong.
const { EAN13, EAN8, UPC, UPCE } = jsbarcode;
const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
/** The digits 0-9 that end `body` validly. */
const endings = (body: string, valid: (code: string) => boolean) => [...'0123456789'].filter((d) => valid(body + d));

describe('GS1 check digits (what a read of EAN/UPC must pass)', () => {
	it('accepts codes from real packaging and the sample shop, and refuses one digit off', () => {
		for (const code of ['4006381333931', '8493128010006', '96385074', '036000291452', '5901234123457']) {
			expect(isValidBarcode(code), code).toBe(true);
			const wrong = code.slice(0, -1) + ((Number(code.at(-1)) + 1) % 10);
			expect(isValidBarcode(wrong), wrong).toBe(false);
		}
	});

	it('allows exactly one check digit per body, the one jsbarcode allows', () => {
		for (const [length, Encoder] of [[12, EAN13], [7, EAN8], [11, UPC]] as const) {
			fc.assert(fc.property(digits(length), (body) => {
				const ours = endings(body, isValidBarcode);
				return ours.length === 1 && ours.join() === endings(body, (code) => new Encoder(code, {}).valid()).join();
			}));
		}
	});

	it('catches every single wrong digit', () => {
		fc.assert(fc.property(digits(12), fc.nat(12), fc.integer({ min: 1, max: 9 }), (body, at, delta) => {
			const code = body + endings(body, isValidBarcode)[0];
			const typo = code.slice(0, at) + ((Number(code[at]) + delta) % 10) + code.slice(at + 1);
			return !isValidBarcode(typo);
		}));
	});
});

describe('UPC-E', () => {
	it('expands each zero-suppression rule to its UPC-A', () => {
		expect(expandUpcE('01234565')).toBe('012345000065'); // last digit 5-9: the product digit at the end
		expect(expandUpcE('04252614')).toBe('042100005264'); // 0-2: the manufacturer ends in it and 00
		expect(expandUpcE('01234531')).toBe('012300000451'); // 3: manufacturer xxx00
		expect(expandUpcE('01234548')).toBe('012340000058'); // 4: manufacturer xxxx0
		expect(expandUpcE('21234565')).toBeNull(); // number system 2 has no UPC-E
		expect(expandUpcE('0123456')).toBeNull();
	});

	it('checks the digit of the UPC-A it stands for, as jsbarcode does', () => {
		fc.assert(fc.property(fc.constantFrom('0', '1'), digits(6), (system, middle) => {
			const body = system + middle;
			const ours = endings(body, (code) => validUpcEAsUpcA(code) !== null);
			return ours.length === 1 && ours.join() === endings(body, (code) => new UPCE(code, {}).valid()).join();
		}));
		expect(validUpcEAsUpcA('01234566')).toBeNull();
	});
});

describe('checking a read', () => {
	it('takes valid EAN/UPC reads of the right length and Code 128 text', () => {
		expect(checkRead({ format: 'ean_13', rawValue: '8493128010006' })).toEqual({ format: 'ean_13', code: '8493128010006' });
		expect(checkRead({ format: 'upc_a', rawValue: '036000291452' })).toEqual({ format: 'upc_a', code: '036000291452' });
		// UPC-E is looked up as the UPC-A it stands for (the form product barcodes are stored in).
		expect(checkRead({ format: 'upc_e', rawValue: '01234565' })).toEqual({ format: 'upc_e', code: '012345000065' });
		expect(checkRead({ format: 'code_128', rawValue: '85123A' })).toEqual({ format: 'code_128', code: '85123A' });
	});

	it('drops a wrong check digit, a wrong length, control characters and other formats', () => {
		expect(checkRead({ format: 'ean_13', rawValue: '8493128010007' })).toBeNull();
		expect(checkRead({ format: 'ean_13', rawValue: '96385074' })).toBeNull();
		expect(checkRead({ format: 'ean_8', rawValue: '96385074' })).not.toBeNull();
		expect(checkRead({ format: 'upc_e', rawValue: '01234566' })).toBeNull();
		expect(checkRead({ format: 'code_128', rawValue: '\u001d0112345' })).toBeNull();
		expect(checkRead({ format: 'code_128', rawValue: '  ' })).toBeNull();
		expect(checkRead({ format: 'qr_code', rawValue: 'https://example.com' })).toBeNull();
	});
});

const A = { format: 'ean_13', rawValue: '8493128010006' };
const B = { format: 'code_128', rawValue: '85099B' };
const misread = { format: 'ean_13', rawValue: '8493128010007' };

/** Feeds frames 100 ms apart (10 per second); returns the codes accepted, in order. */
function run(acceptor: ReadAcceptor, frames: (typeof A)[][], start = 0): string[] {
	return frames.flatMap((reads, i) => acceptor.frame(reads, start + i * 100).map((r) => r.code));
}
const repeat = <T>(n: number, frame: T): T[] => Array.from({ length: n }, () => frame);

describe('accepting a read', () => {
	it('needs two frames in a row to agree', () => {
		const acceptor = new ReadAcceptor({ continuous: false });
		expect(run(acceptor, [[A], [B], [A], []])).toEqual([]);
		expect(acceptor.frame([A], 400)).toEqual([]);
		expect(acceptor.frame([A], 500)).toEqual([{ format: 'ean_13', code: '8493128010006' }]);
	});

	it('never accepts a read whose check digit is wrong, however often it is seen', () => {
		expect(run(new ReadAcceptor({ continuous: true }), repeat(30, [misread]))).toEqual([]);
	});

	it('stops after the first code in single mode', () => {
		const acceptor = new ReadAcceptor({ continuous: false });
		expect(run(acceptor, [[A, B], [A, B], [B], [B], [A], [A]])).toEqual(['8493128010006']);
		expect(acceptor.finished).toBe(true);
	});

	it('counts a code held in view once, even when frames come slower than the pause', () => {
		expect(run(new ReadAcceptor({ continuous: true }), repeat(50, [A]))).toEqual(['8493128010006']);
		const slow = new ReadAcceptor({ continuous: true, repeatPauseMs: 700 });
		expect([0, 1, 2, 3, 4].flatMap((i) => slow.frame([A], i * 1000))).toHaveLength(1);
	});

	it('counts the same code again after a pause out of view, not after a flicker', () => {
		const acceptor = new ReadAcceptor({ continuous: true, repeatPauseMs: 700 });
		// In view, out for 300 ms (a hand shaking), back: still the same unit.
		expect(run(acceptor, [[A], [A], [], [], [], [A], [A], [A]])).toEqual(['8493128010006']);
		// Out for 800 ms, then shown again: the next unit.
		expect(run(acceptor, [...repeat(8, []), [A], [A]], 800)).toEqual(['8493128010006']);
	});

	it('counts the same code again at once when another code came in between', () => {
		const acceptor = new ReadAcceptor({ continuous: true, repeatPauseMs: 5000 });
		expect(run(acceptor, [[A], [A], [B], [B], [A], [A], [B], [B]])).toEqual(['8493128010006', '85099B', '8493128010006', '85099B']);
	});

	it('counts two codes in view together once each, not alternately for ever', () => {
		expect(run(new ReadAcceptor({ continuous: true }), repeat(40, [A, B]))).toEqual(['8493128010006', '85099B']);
	});

	it('ignores a duplicate of the same code within a frame', () => {
		expect(run(new ReadAcceptor({ continuous: true }), [[A, A], [A, A]])).toEqual(['8493128010006']);
	});
});
