// Ids made from content rather than at random, so two devices that make "the same" thing make the
// same id: the product an import creates for a SKU, the customer for a customer code, the stock
// movements a batch of sales causes. UUID-shaped (version 4 bits set) like every other id.
import type { Uuid } from '../brand';
import { hash53 } from '../import/hash';

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0').slice(-digits);

export function stableId(namespace: string, text: string): Uuid {
	const s = `${namespace}\u0000${text}`;
	const a = hash53(s, 1), b = hash53(s, 2), c = hash53(s, 3);
	// 3 x 53 bits cover the 122 free bits of a UUID.
	const h = hex(Math.floor(a / 2 ** 21), 8) + hex(a % 2 ** 21, 6) + hex(Math.floor(b / 2 ** 21), 8) + hex(b % 2 ** 21, 6) + hex(c, 14);
	const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}` as Uuid;
}

/** The product an import (or a device making a product by hand) creates for a SKU. */
export const productIdForSku = (sku: string) => stableId('product', sku);
/** The customer an import creates for a customer code. */
export const customerIdForCode = (code: string) => stableId('customer', code);
/** The supplier an import creates for a supplier name (folded). */
export const supplierIdForName = (foldedName: string) => stableId('supplier', foldedName);
