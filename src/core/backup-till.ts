// The till's fields in a backup (format 2): a product's tax rate and variant fields, a sale block's
// per-sale columns kept as JSON (cashier, payments, returned invoice, receipt) and a movement's
// actor. Each check answers where the problem is and why, or null; backup.ts turns it into an error.
import type { z } from 'zod';
import { WireSaleEntry, wireProductTillFields } from './api/sync-till';

export type Problem = [where: string, why: string] | null;

const issue = (where: string, error: z.ZodError): Problem => {
	const first = error.issues[0];
	return [[where, ...first.path.map(String)].join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]'), first.message];
};

/** A product's optional till fields, when it has them; a variant's style must be in the backup. */
export function productTillProblem(p: Record<string, unknown>, where: string, productIds: ReadonlySet<string>): Problem {
	for (const [field, schema] of Object.entries(wireProductTillFields)) {
		if (p[field] === undefined) continue;
		const parsed = schema.safeParse(p[field]);
		if (!parsed.success) return issue(`${where}.${field}`, parsed.error);
	}
	if (typeof p.variantOf === 'string' && !productIds.has(p.variantOf)) return [`${where}.variantOf`, `product ${p.variantOf} is not in the backup's products`];
	return null;
}

export function movementActorProblem(m: Record<string, unknown>, where: string): Problem {
	return m.actor === undefined || typeof m.actor === 'string' ? null : [`${where}.actor`, 'expected text'];
}

export function blockTillProblem(b: Record<string, unknown>, where: string, saleCount: number, saleIds: readonly string[]): Problem {
	// The block's till columns kept as JSON: one entry per sale, each of its kind.
	for (const [column, schema] of Object.entries(WireSaleEntry) as [string, z.ZodType][]) {
		const list = b[column];
		if (list === undefined) continue;
		if (!Array.isArray(list) || list.length !== saleCount) return [`${where}.${column}`, `expected ${saleCount} entries (one per sale)`];
		for (let s = 0; s < list.length; s++) {
			const parsed = schema.safeParse(list[s]);
			if (!parsed.success) return issue(`${where}.${column}.${s}`, parsed.error);
		}
	}
	const tickets = b.saleTickets as ({ saleId: string } | null)[] | undefined;
	const wrong = tickets?.findIndex((t, s) => t !== null && t.saleId !== saleIds[s]) ?? -1;
	if (wrong >= 0) return [`${where}.saleTickets[${wrong}].saleId`, `the receipt is not its sale's (${saleIds[wrong]})`];
	if ((b.taxRate === undefined) !== (b.tax === undefined)) return [`${where}.${b.taxRate === undefined ? 'taxRate' : 'tax'}`, 'taxRate and tax go together'];
	return null;
}
