// UPC-E, the zero-suppressed UPC-A, and the GS1 check digit that makes a camera read trustworthy:
// a misread bar rarely leaves the last digit agreeing with the others. The GS1 rule itself
// (EAN-8, UPC-A, EAN-13, GTIN-14) is the one product barcodes are validated with.
import { isValidBarcode } from '../validation';

/**
 * A UPC-E code (number system 0 or 1, six digits, check digit) written out as the UPC-A it stands
 * for, with the same check digit; null when it is not UPC-E. The sixth digit says where the
 * suppressed zeros go (GS1 General Specifications, UPC-E zero suppression).
 */
export function expandUpcE(code: string): string | null {
	if (!/^[01]\d{7}$/.test(code)) return null;
	const [system, d, check] = [code[0], code.slice(1, 7), code[7]];
	const last = Number(d[5]);
	let body: string;
	if (last <= 2) body = `${d[0]}${d[1]}${d[5]}0000${d[2]}${d[3]}${d[4]}`;
	else if (last === 3) body = `${d[0]}${d[1]}${d[2]}00000${d[3]}${d[4]}`;
	else if (last === 4) body = `${d[0]}${d[1]}${d[2]}${d[3]}00000${d[4]}`;
	else body = `${d[0]}${d[1]}${d[2]}${d[3]}${d[4]}0000${d[5]}`;
	return `${system}${body}${check}`;
}

/** The UPC-A a valid UPC-E stands for (its check digit is the UPC-A's), else null. */
export function validUpcEAsUpcA(code: string): string | null {
	const upcA = expandUpcE(code);
	return upcA !== null && isValidBarcode(upcA) ? upcA : null;
}
