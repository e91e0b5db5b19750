// Ringing up a sale: the sale, its block and its stock movements go to storage in one transaction.
import type { Cents, CustomerId, LocalTimestamp, ProductId, SaleId } from './brand';
import { newId } from './ids';
import { movementsForSale } from './ledger';
import type { InventoryRepository } from './repository';
import { buildBlock } from './sale-blocks';
import { nowLocal } from './time';
import type { Sale } from './types';
import { MAX_QUANTITY, type ErrorCode } from './validation';

export interface SaleDraftLine {
	productId: ProductId;
	quantity: number;
	unitPrice: Cents;
	discount: Cents;
}

export interface SaleDraft {
	customerId: CustomerId | null;
	lines: SaleDraftLine[];
	invoice?: string;
	at?: LocalTimestamp;
}

export interface SaleLineError { line: number; field: keyof SaleDraftLine; code: ErrorCode }

export function validateSaleDraft(draft: SaleDraft): SaleLineError[] {
	const errors: SaleLineError[] = [];
	if (draft.lines.length === 0) errors.push({ line: -1, field: 'productId', code: 'insufficient_lines' });
	draft.lines.forEach((l, i) => {
		if (!l.productId) errors.push({ line: i, field: 'productId', code: 'required' });
		if (!Number.isFinite(l.quantity) || l.quantity === 0) errors.push({ line: i, field: 'quantity', code: 'must_be_positive' });
		else if (Math.abs(l.quantity) > MAX_QUANTITY) errors.push({ line: i, field: 'quantity', code: 'too_large' });
		if (!Number.isInteger(l.unitPrice) || l.unitPrice < 0) errors.push({ line: i, field: 'unitPrice', code: 'negative' });
		if (!Number.isInteger(l.discount) || l.discount < 0) errors.push({ line: i, field: 'discount', code: 'negative' });
	});
	return errors;
}

export function draftTotal(draft: SaleDraft): Cents {
	return draft.lines.reduce((t, l) => t + Math.round(l.quantity * l.unitPrice) - l.discount, 0) as Cents;
}

/** Next invoice number for this device: "<device prefix>-<n>", kept in settings. */
export async function nextInvoice(repo: InventoryRepository, deviceId: string): Promise<string> {
	const n = ((await repo.getSetting<number>('invoiceCounter')) ?? 0) + 1;
	await repo.putSetting('invoiceCounter', n);
	return `${deviceId.slice(0, 4).toUpperCase()}-${String(n).padStart(6, '0')}`;
}

export type RecordSaleResult = { ok: true; sale: Sale } | { ok: false; errors: SaleLineError[] };

export async function recordSale(repo: InventoryRepository, draft: SaleDraft, deviceId: string): Promise<RecordSaleResult> {
	const errors = validateSaleDraft(draft);
	if (errors.length) return { ok: false, errors };
	const sale: Sale = {
		id: newId() as SaleId,
		invoice: draft.invoice ?? (await nextInvoice(repo, deviceId)),
		at: draft.at ?? nowLocal(),
		customerId: draft.customerId,
		deviceId,
		lines: draft.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, discount: l.discount }))
	};
	await repo.appendSales({ blocks: [buildBlock(newId(), [sale], 'pos')], movements: movementsForSale(sale) });
	return { ok: true, sale };
}
