// What a camera read may be: the formats shops print on goods and shelf labels, each checked
// before it is looked up. A read that fails its check is dropped, never shown as "not found".
import { code128Symbols } from '../receipt/code128';
import { isValidBarcode } from '../validation';
import { validUpcEAsUpcA } from './check-digit';

/** The BarcodeDetector API's names for the formats the app reads. */
export const SCAN_FORMATS = ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** One barcode found in one camera frame, as the detector reports it. */
export interface BarcodeRead {
	format: string;
	rawValue: string;
}

/**
 * A read that passed its check: its format and the code to look up. That is the barcode's digits
 * or text, except UPC-E, given as the UPC-A it stands for: product barcodes are stored as
 * EAN-8, UPC-A, EAN-13 or GTIN-14, never as UPC-E.
 */
export interface CheckedRead {
	format: ScanFormat;
	code: string;
}

const LENGTH: Record<Exclude<ScanFormat, 'upc_e' | 'code_128'>, number> = { ean_13: 13, ean_8: 8, upc_a: 12 };

/** Code 128 carries any text set B can print; control characters (GS1 separators) are not a shop code. */
function isShopText(text: string): boolean {
	try {
		code128Symbols(text);
		return true;
	} catch {
		return false;
	}
}

/**
 * The read as a code, or null when it is not one of SCAN_FORMATS or fails its check: the EAN/UPC
 * check digit (UPC-E through its UPC-A expansion). Code 128's own check symbol is verified by the
 * decoder and not reported, so its text only has to be printable.
 */
export function checkRead(read: BarcodeRead): CheckedRead | null {
	const code = read.rawValue.trim();
	switch (read.format) {
		case 'ean_13':
		case 'ean_8':
		case 'upc_a':
			return code.length === LENGTH[read.format] && isValidBarcode(code) ? { format: read.format, code } : null;
		case 'upc_e': {
			const upcA = validUpcEAsUpcA(code);
			return upcA ? { format: 'upc_e', code: upcA } : null;
		}
		case 'code_128':
			return code !== '' && isShopText(code) ? { format: 'code_128', code } : null;
		default:
			return null;
	}
}
