// `inventario sell --return-of INVOICE`: the returned lines (SKU:-1) checked against what the
// original ticket sold less what earlier returns gave back, refunded at what was paid per unit
// (discounts included) and at the tax rate it was sold at, each linked to its line on the ticket.
import type { Product } from '../../core/types';
import type { InventoryRepository } from '../../core/repository';
import { refundSplit } from '../../core/till-cart/draft';
import { returnableLines } from '../../core/till-cart/ticket-return';
import type { TillLine } from '../../core/till/checkout';
import type { Ticket } from '../../core/till/ticket';
import { parseOptionsText } from '../../core/variants';
import { UsageError } from '../args';

export interface ReturnWanted { arg: string; product: Product; /** Units given back, positive. */ units: number }

/** The original ticket, or a clear error naming the invoice. */
export async function originalTicket(repo: InventoryRepository, invoice: string): Promise<Ticket> {
	const ticket = await repo.getTicket(invoice);
	if (!ticket) throw new UsageError(`--return-of "${invoice}": no ticket with that number in this store`);
	return ticket;
}

/** The till lines that give the wanted units back, in the order asked. */
export async function returnLines(repo: InventoryRepository, original: Ticket, wanted: readonly ReturnWanted[]): Promise<TillLine[]> {
	const returnable = returnableLines(original, await repo.listTickets({ returnOf: original.invoice }));
	const lines: TillLine[] = [];
	for (const w of wanted) {
		const mine = returnable.filter((r) => r.line.productId === w.product.id);
		if (mine.length === 0) throw new UsageError(`"${w.arg}": ${w.product.sku} was not sold on ticket ${original.invoice}`);
		const left = mine.reduce((s, r) => s + r.left, 0);
		if (w.units > left + 1e-9) throw new UsageError(`"${w.arg}": ticket ${original.invoice} has ${left} of ${w.product.sku} left to return`);
		// Taken from the ticket's lines in order (a SKU sold on two lines, at two prices).
		let units = w.units;
		for (const r of mine) {
			const take = Math.min(units, r.left);
			if (take <= 0) continue;
			units -= take;
			r.left -= take;
			const product = { id: r.line.productId, sku: r.line.sku, name: r.line.name, taxRate: r.line.taxRate, optionValues: parseOptionsText(r.line.options) ?? [] };
			for (const part of refundSplit(take, r.paidUnit)) {
				lines.push({ product, quantity: -part.quantity, unitPrice: part.unitPrice, discount: null, returnOfLine: r.index, restock: true });
			}
		}
	}
	return lines;
}
