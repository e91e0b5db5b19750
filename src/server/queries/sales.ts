// Sales reads for the API: one sale by invoice and the JSON of sales with their lines by SKU
// (pages of sales come from SqlRepository.salesPage). Plus the invoice counter, taken in one
// atomic statement so concurrent requests never get the same number.
import { sql as raw } from 'kysely';
import type { Cents, CustomerId, LocalTimestamp, ProductId, SaleId } from '../../core/brand';
import type { SaleOut } from '../../core/api/sales';
import { dateTimeText, moneyText } from '../../core/api/common';
import { lineTotal } from '../../core/money';
import type { z } from 'zod';
import type { Sale } from '../../core/types';
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

/** The sale with this invoice (the newest, should an import have brought two), with its lines. */
export async function saleByInvoice({ sql, shopId }: ShopScope, invoice: string): Promise<Sale | undefined> {
	const head = await sql.db.selectFrom('sales').select(['id', 'block_id', 'invoice', 'at', 'customer_id', 'device_id'])
		.where('shop_id', '=', shopId).where('invoice', '=', invoice).orderBy('at', 'desc').limit(1).executeTakeFirst();
	if (!head) return undefined;
	// A sale's lines are in its block: naming the block keeps SQLite on an index even without ANALYZE statistics
	// (by sale_id alone it scans the whole sale_lines primary key).
	const lines = await sql.db.selectFrom('sale_lines').select(['product_id', 'quantity', 'unit_price', 'discount'])
		.where('shop_id', '=', shopId).where('block_id', '=', head.block_id).where('sale_id', '=', head.id).orderBy('position').execute();
	return {
		id: head.id as SaleId, invoice: head.invoice, at: head.at as LocalTimestamp, customerId: head.customer_id as CustomerId | null,
		deviceId: head.device_id,
		lines: lines.map((l) => ({ productId: l.product_id as ProductId, quantity: l.quantity, unitPrice: l.unit_price as Cents, discount: l.discount as Cents }))
	};
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
	let total = 0;
	const lines = s.lines.map((l) => {
		const amount = lineTotal(l.quantity, l.unitPrice, l.discount);
		total += amount;
		const label = labels.get(l.productId);
		return {
			sku: label?.sku ?? '', name: label?.name ?? '', quantity: l.quantity,
			unit_price: moneyText(l.unitPrice), discount: moneyText(l.discount), total: moneyText(amount)
		};
	});
	return {
		invoice: s.invoice, at: dateTimeText(s.at), customer: s.customerId === null ? null : codes.get(s.customerId) ?? null,
		device: s.deviceId, lines, total: moneyText(total)
	};
}
