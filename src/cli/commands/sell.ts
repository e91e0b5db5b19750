// inventario sell SKU[:QTY] ... [--customer CODE] [--price SKU=AMOUNT]: rings up a sale in the local
// store as the till does (recordSale: the sale, its stock movements and its outbox entry in one
// transaction), so the next `inventario sync` sends it. Every argument is checked before anything
// is stored; a bad one is named.
import type { Cents, ProductId } from '../../core/brand';
import { ensureDeviceId } from '../../core/device';
import { parseMoneyInput } from '../../core/money';
import { parseQuantity } from '../../core/quantity';
import type { InventoryRepository } from '../../core/repository';
import { recordSale, type SaleDraftLine } from '../../core/selling';
import { isoLocal, localTimestampFromDate } from '../../core/time';
import type { Customer, Product } from '../../core/types';
import type { ErrorCode } from '../../core/validation';
import { SqlRepository } from '../../sql/sql-repository';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson, printTable } from '../output';

const USAGE = `inventario sell SKU[:QTY] ... [--customer CODE] [--price SKU=AMOUNT] [--json] [--db FILE]

  Records a sale in the local store, as the till does: one line per SKU (QTY units, default 1;
  a SKU given twice adds up), at the product's price unless --price says otherwise. Stock goes
  down by the units sold (below zero if need be: a sale is never refused for stock). Prints the
  invoice, the lines, the total and the stock left. \`inventario sync\` sends it to the server.
  --customer CODE     the customer, by their code
  --price SKU=AMOUNT  this line's unit price instead of the product's (e.g. 85123A=2.50);
                      may be given once per SKU
  --json              machine-readable output
  --db FILE           SQLite file (default ./inventario.db)

  Nothing is stored when an argument is wrong (unknown SKU, bad quantity or price, unknown
  customer): the error names it, exit code 2.`;

const QUANTITY_PROBLEMS: Partial<Record<ErrorCode, string>> = {
	required: 'the quantity is missing', not_a_number: 'the quantity must be a number (e.g. 2 or 1.5)',
	must_be_positive: 'the quantity must be more than 0', too_large: 'the quantity is too large', negative: 'the quantity must be more than 0'
};

interface Wanted { arg: string; product: Product; quantity: number }

/** "SKU" or "SKU:QTY" (the last colon splits, so a SKU may hold colons when QTY is given). */
async function readLine(repo: InventoryRepository, arg: string): Promise<Wanted> {
	const colon = arg.lastIndexOf(':');
	let sku = colon < 0 ? arg : arg.slice(0, colon), qtyText = colon < 0 ? '1' : arg.slice(colon + 1);
	let product = sku === '' ? undefined : await repo.getProductBySku(sku);
	if (!product && colon >= 0 && !/^[\d.,-]*$/.test(qtyText)) {
		// Not a quantity after the colon: the whole argument may be the SKU.
		product = await repo.getProductBySku(arg);
		if (product) { sku = arg; qtyText = '1'; }
	}
	if (sku === '') throw new UsageError(`"${arg}": give a SKU before the colon (SKU:QTY)`);
	if (!product) throw new UsageError(`"${arg}": no product with SKU "${sku}"`);
	if (!product.active) throw new UsageError(`"${arg}": product "${sku}" is archived: make it active again to sell it`);
	const parsed = parseQuantity(qtyText, 'positive');
	if (!parsed.ok) throw new UsageError(`"${arg}": ${QUANTITY_PROBLEMS[parsed.code] ?? `bad quantity "${qtyText}"`}`);
	return { arg, product, quantity: parsed.value };
}

/** --price SKU=AMOUNT, each naming a SKU of the sale. */
function readPrices(given: string[], skus: Set<string>): Map<string, Cents> {
	const prices = new Map<string, Cents>();
	for (const text of given) {
		const eq = text.lastIndexOf('=');
		if (eq <= 0) throw new UsageError(`--price "${text}": write it as SKU=AMOUNT (e.g. 85123A=2.50)`);
		const sku = text.slice(0, eq), amount = parseMoneyInput(text.slice(eq + 1));
		if (!skus.has(sku)) throw new UsageError(`--price "${text}": "${sku}" is not on this sale`);
		if (amount === null || amount < 0) throw new UsageError(`--price "${text}": "${text.slice(eq + 1)}" is not a price (e.g. 2.50 or 2,50)`);
		if (prices.has(sku)) throw new UsageError(`--price "${text}": "${sku}" has a price already`);
		prices.set(sku, amount);
	}
	return prices;
}

async function customerByCode(repo: InventoryRepository, code: string): Promise<Customer> {
	const customer = (await repo.listCustomers()).find((c) => c.code === code);
	if (!customer) throw new UsageError(`--customer "${code}": no customer with that code`);
	return customer;
}

const money = (cents: number) => (cents / 100).toFixed(2);

export const sellCommand: Command = {
	name: 'sell',
	summary: 'Record a sale in the local store, as the till does (sent by the next sync)',
	usage: USAGE,
	options: { customer: { type: 'string' }, price: { type: 'string', multiple: true }, json: { type: 'boolean' } },
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values, positionals } = parseCommandArgs(argv, this.options);
		if (positionals.length === 0) throw new UsageError('what is sold? Give one or more SKU[:QTY]');
		// Everything checked first: nothing is stored unless the whole sale is right.
		const lines: Wanted[] = [];
		for (const arg of positionals) {
			const wanted = await readLine(repo, arg);
			const same = lines.find((l) => l.product.id === wanted.product.id);
			if (same) same.quantity += wanted.quantity;
			else lines.push(wanted);
		}
		const prices = readPrices((values.price as unknown as string[] | undefined) ?? [], new Set(lines.map((l) => l.product.sku)));
		const customer = typeof values.customer === 'string' ? await customerByCode(repo, values.customer) : null;

		const deviceId = await ensureDeviceId(repo);
		// The store's own clock (a test may run it off the real one), as the till's is the tablet's.
		const wall = repo instanceof SqlRepository ? repo.wall : Date.now;
		const draftLines: SaleDraftLine[] = lines.map((l) => ({ productId: l.product.id as ProductId, quantity: l.quantity, unitPrice: prices.get(l.product.sku) ?? l.product.unitPrice, discount: 0 as Cents }));
		const result = await recordSale(repo, { customerId: customer?.id ?? null, lines: draftLines, at: localTimestampFromDate(new Date(wall())) }, deviceId);
		if (!result.ok) {
			const e = result.errors[0];
			throw new UsageError(e.line < 0 ? 'a sale needs at least one line' : `"${lines[e.line].arg}": ${e.field} ${e.code.replaceAll('_', ' ')}`);
		}
		const sale = result.sale;
		const levels = await repo.stockLevels();
		const rows = sale.lines.map((l, i) => ({
			sku: lines[i].product.sku, name: lines[i].product.name, quantity: l.quantity, unit_price: money(l.unitPrice),
			amount: money(Math.round(l.quantity * l.unitPrice) - l.discount), stock_left: levels.get(l.productId) ?? 0
		}));
		const total = sale.lines.reduce((t, l) => t + Math.round(l.quantity * l.unitPrice) - l.discount, 0);
		const units = sale.lines.reduce((n, l) => n + l.quantity, 0);
		if (values.json) {
			printJson({ invoice: sale.invoice, at: isoLocal(sale.at), customer: customer?.code ?? null, lines: rows, total: money(total), units }, out);
			return 0;
		}
		out(`Sale ${sale.invoice}, ${isoLocal(sale.at).replace('T', ' ')}${customer ? `, customer ${customer.code}${customer.name ? ` (${customer.name})` : ''}` : ''}`);
		printTable(rows, ['sku', 'name', 'quantity', 'unit_price', 'amount', 'stock_left'], out);
		out(`Total: ${money(total)} (${units} ${units === 1 ? 'unit' : 'units'})`);
		const oversold = rows.filter((r) => r.stock_left < 0).map((r) => `${r.sku} ${r.stock_left}`);
		if (oversold.length) out(`Stock below zero: ${oversold.join(', ')} (the sale stands; receive or count the stock)`);
		return 0;
	}
};
