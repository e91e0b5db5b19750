// Sales reads for the API: one sale by invoice and the JSON of sales with their lines by SKU
// (pages of sales come from SqlRepository.salesPage). Plus the invoice counter, taken in one
// atomic statement so concurrent requests never get the same number.
import { sql as raw, type Selectable } from 'kysely';
import type { CustomerId } from '../../core/brand';
import type { SaleOut } from '../../core/api/sales';
import { dateTimeText, moneyText } from '../../core/api/common';
import { buildBlock, lineAmounts } from '../../core/sale-blocks';
import type { z } from 'zod';
import type { Sale } from '../../core/types';
import type { SalesTable } from '../../sql/database';
import { saleLineOf, saleOf } from '../../sql/rows';
import { customerCodes, productLabels, type ShopScope } from './catalog';

type SaleJson = z.infer<typeof SaleOut>;

/** The setting core/selling.ts nextInvoice keeps the counter in: the till, the CLI and the server share one series. */
const INVOICE_COUNTER = 'invoiceCounter';

/** The next invoice number for a device, "<first four of device>-<n>" like the till's, from the shop's counter. */
export async function nextInvoiceNumber({ sql, shopId }: ShopScope, deviceId: string): Promise<string> {
	const row = await sql.db.insertInto('settings')
		.values({ shop_id: shopId, key: INVOICE_COUNTER, value: '1' })
		.onConflict((oc) => oc.columns(['shop_id', 'key']).doUpdateSet({ value: (eb) => raw<string>`cast(cast(${eb.ref('settings.value')} as integer) + 1 as text)` }))
		.returning('value')
		.executeTakeFirstOrThrow();
	return `${deviceId.slice(0, 4).toUpperCase()}-${String(Number(row.value)).padStart(6, '0')}`;
}

const SALE_HEAD = ['id', 'block_id', 'invoice', 'at', 'customer_id', 'device_id', 'cashier', 'payments', 'return_of', 'tax_excluded', 'ticket'] as const;
type SaleHead = Pick<Selectable<SalesTable>, (typeof SALE_HEAD)[number]>;

/** The sales with their lines, in the order given. */
async function withLines({ sql, shopId }: ShopScope, heads: readonly SaleHead[]): Promise<Sale[]> {
	const out: Sale[] = [];
	for (const head of heads) {
		// A sale's lines are in its block: naming the block keeps SQLite on an index even without ANALYZE statistics
		// (by sale_id alone it scans the whole sale_lines primary key).
		const lines = await sql.db.selectFrom('sale_lines').select(['product_id', 'quantity', 'unit_price', 'discount', 'tax_rate', 'tax'])
			.where('shop_id', '=', shopId).where('block_id', '=', head.block_id).where('sale_id', '=', head.id).orderBy('position').execute();
		out.push(saleOf(head, lines.map(saleLineOf)));
	}
	return out;
}

/** The sale with this invoice (the newest, should an import have brought two), with its lines. */
export async function saleByInvoice(scope: ShopScope, invoice: string): Promise<Sale | undefined> {
	const head = await scope.sql.db.selectFrom('sales').select(SALE_HEAD)
		.where('shop_id', '=', scope.shopId).where('invoice', '=', invoice).orderBy('at', 'desc').limit(1).executeTakeFirst();
	return head ? (await withLines(scope, [head]))[0] : undefined;
}

/** The sales that give back lines of this invoice (return_of), oldest first. */
export async function returnsOf(scope: ShopScope, invoice: string): Promise<Sale[]> {
	const heads = await scope.sql.db.selectFrom('sales').select(SALE_HEAD)
		.where('shop_id', '=', scope.shopId).where('return_of', '=', invoice).orderBy('at').orderBy('id').execute();
	return withLines(scope, heads);
}

/** Sales as the API shows them: lines by SKU, the customer by code, money as decimal strings. */
export async function salesJson(scope: ShopScope, sales: readonly Sale[]): Promise<SaleJson[]> {
	if (sales.length === 0) return [];
	const [labels, codes] = await Promise.all([
		productLabels(scope, sales.flatMap((s) => s.lines.map((l) => l.productId))),
		customerCodes(scope, sales.map((s) => s.customerId).filter((c): c is CustomerId => c !== null))
	]);
	return sales.map((s) => saleJson(s, labels, codes));
}

/** One sale as the API shows it, from the SKU and name of its products and its customer's code. */
export function saleJson(s: Sale, labels: ReadonlyMap<string, { sku: string; name: string }>, codes: ReadonlyMap<string, string>): SaleJson {
	// The sale as a block of its own: lineAmounts is the one place a stored line becomes money.
	const block = buildBlock(s.id, [s], 'api');
	let total = 0, tax = 0;
	const lines = s.lines.map((l, i) => {
		const amounts = lineAmounts(block, i);
		total += amounts.paid;
		tax += amounts.tax;
		const label = labels.get(l.productId);
		return {
			sku: label?.sku ?? '', name: label?.name ?? '', quantity: l.quantity,
			unit_price: moneyText(l.unitPrice), discount: moneyText(l.discount), total: moneyText(amounts.paid),
			tax_rate: l.taxRate ?? 0, tax_amount: moneyText(amounts.tax)
		};
	});
	return {
		invoice: s.invoice, at: dateTimeText(s.at), customer: s.customerId === null ? null : codes.get(s.customerId) ?? null,
		device: s.deviceId, lines, total: moneyText(total), tax: moneyText(tax), base: moneyText(total - tax),
		payments: s.payments ? s.payments.map((p) => ({ method: p.method, amount: moneyText(p.amount) })) : null,
		cashier: s.cashier || null, return_of: s.returnOf || null
	};
}
