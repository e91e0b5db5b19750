// inventario sell SKU[:QTY] ...: rings up a ticket in the local store as the till does
// (chargeTicket: tax per the product's rate, discounts, payments, a number in this store's own
// ticket series chained to the previous ticket, the sale, its stock movements and its outbox entry
// in one transaction), so the next `inventario sync` sends it. Every argument is checked before
// anything is stored; a bad one is named.
import type { SaleId } from '../../core/brand';
import { ensureDeviceId } from '../../core/device';
import { newId } from '../../core/ids';
import { parseQuantity } from '../../core/quantity';
import type { InventoryRepository } from '../../core/repository';
import { localTimestampFromDate } from '../../core/time';
import { priceTicket, type CheckoutError, type TillDraft, type TillLine } from '../../core/till/checkout';
import { discountPercent, type Discount } from '../../core/till/discounts';
import { chargeTicket } from '../../core/till/record';
import { PAYMENT_CARD, TILL_SERIES_KEY, TILL_SETTINGS_KEY, TILL_SHIFT_KEY, ticketSeriesOf, tillSettingsOf, type TillSettings } from '../../core/till/settings';
import { can, STAFF_KEY, type StaffMember, type TillAction } from '../../core/till/staff';
import type { Customer, Product } from '../../core/types';
import type { ErrorCode } from '../../core/validation';
import { isStyle } from '../../core/variants';
import { SqlRepository } from '../../sql/sql-repository';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { readDiscount, readDiscounts, readPrices, readTenders } from './sell-options';
import { printTicket, printTicketJson } from './sell-print';
import { originalTicket, returnLines } from './sell-return';

const USAGE = `inventario sell SKU[:QTY] ... [--customer CODE] [--price SKU=AMOUNT] [--discount SKU=X]
                 [--ticket-discount X] [--pay METHOD=AMOUNT] [--cashier NAME]
                 [--return-of INVOICE | --reason TEXT] [--json] [--db FILE]

  Records a ticket in the local store, as the till does: one line per SKU (QTY units, default 1;
  a SKU given twice adds up), at the product's price unless --price says otherwise, taxed at the
  product's rate (or the shop's default), numbered in this store's own ticket series. Stock goes
  down by the units sold (below zero if need be: a sale is never refused for stock). Prints the
  invoice, the lines, the total, base and tax per rate, the payments and the change.
  \`inventario sync\` sends it to the server.
  --customer CODE          the customer, by their code
  --price SKU=AMOUNT       this line's unit price instead of the product's (e.g. 85123A=2.50)
  --discount SKU=X         this line's discount: a percentage (SKU=10%) or an amount (SKU=2.50)
  --ticket-discount X      a discount on the whole ticket (10% or 5.00), shared over its lines
  --pay METHOD=AMOUNT      how it was paid: cash, card or a method the shop named; repeat it to
                           split (--pay card=20 --pay cash=10); cash may be more than is due (the
                           change is printed). Default: card for the total (a refund: to the card)
  --cashier NAME           who rang it up (with staff set up: a staff member's name; staff need
                           an admin for refunds, large discounts and other prices)
  --return-of INVOICE      give back lines of that ticket: SKU:-1 (never more than it sold, less
                           what earlier returns gave back; refunded at what was paid)
  --reason TEXT            why lines are given back without a ticket (required then)
  --json                   machine-readable output
  --db FILE                SQLite file (default ./inventario.db)

  Nothing is stored when an argument is wrong (unknown SKU, bad quantity, price, discount or
  payment, unknown customer or cashier, a return beyond the ticket): the error names it, exit code 2.`;

const QUANTITY_PROBLEMS: Partial<Record<ErrorCode, string>> = {
	required: 'the quantity is missing', not_a_number: 'the quantity must be a number (e.g. 2 or 1.5)',
	must_be_positive: 'the quantity must be more than 0', too_large: 'the quantity is too large', negative: 'the quantity must be more than 0'
};

interface Wanted { arg: string; product: Product; quantity: number }

/** "SKU" or "SKU:QTY" (the last colon splits, so a SKU may hold colons when QTY is given); QTY < 0 gives units back. */
async function readLine(repo: InventoryRepository, arg: string, returning: boolean): Promise<Wanted> {
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
	if (isStyle(product)) {
		const variants = (await repo.listProducts()).filter((p) => p.variantOf === product!.id && p.active).map((p) => p.sku).sort();
		throw new UsageError(`"${arg}": ${sku} is a style with options; sell one of its variants${variants.length ? ` (${variants.slice(0, 6).join(', ')}${variants.length > 6 ? ', …' : ''})` : ''}`);
	}
	const parsed = parseQuantity(qtyText, 'signed');
	if (!parsed.ok || parsed.value === 0) throw new UsageError(`"${arg}": ${(parsed.ok ? null : QUANTITY_PROBLEMS[parsed.code]) ?? 'the quantity must be more than 0'}`);
	if (parsed.value < 0 && !returning) throw new UsageError(`"${arg}": the quantity must be more than 0 (to give units back, say the ticket with --return-of INVOICE or why with --reason TEXT)`);
	if (parsed.value > 0 && !product.active) throw new UsageError(`"${arg}": product "${sku}" is archived: make it active again to sell it`);
	return { arg, product, quantity: parsed.value };
}

async function customerByCode(repo: InventoryRepository, code: string): Promise<Customer> {
	const customer = (await repo.listCustomers()).find((c) => c.code === code);
	if (!customer) throw new UsageError(`--customer "${code}": no customer with that code`);
	return customer;
}

/** The cashier by name: with staff set up, one of the active members (their role then limits the ticket). */
async function cashierOf(repo: InventoryRepository, name: string | undefined): Promise<{ name: string; member: StaffMember | null }> {
	const staff = ((await repo.getSetting<StaffMember[]>(STAFF_KEY)) ?? []).filter((m) => m.active);
	if (name === undefined) return { name: '', member: null };
	if (staff.length === 0) return { name: name.trim(), member: null };
	const member = staff.find((m) => m.name.trim().toLowerCase() === name.trim().toLowerCase());
	if (!member) throw new UsageError(`--cashier "${name}": no staff member with that name (staff: ${staff.map((m) => m.name).join(', ')})`);
	return { name: member.name, member };
}

function checkoutMessage(e: CheckoutError, lines: readonly TillLine[], args: readonly string[], due: number): string {
	const money = (cents: number) => (cents / 100).toFixed(2);
	if (e.field === 'lines') return 'a sale needs at least one line';
	if (e.field === 'returnReason') return 'lines given back need --return-of INVOICE or --reason TEXT';
	if (e.field === 'payments') return `--pay: ${money(due)} is still to ${lines.some((l) => l.quantity > 0) ? 'pay' : 'give back'}; add --pay METHOD=AMOUNT for it`;
	const discountWords = { negative: 'is negative', over_100_percent: 'is more than 100%', more_than_amount: 'is more than the amount it comes off' };
	if (e.field === 'ticketDiscount') return `--ticket-discount ${discountWords[e.code]}`;
	if (e.field === 'discount') return `--discount for "${args[e.line]}" ${discountWords[e.code]}`;
	return `"${args[e.line]}": ${e.field} ${e.code.replaceAll('_', ' ')}`;
}

/** Staff need an admin for refunds, large discounts and other prices; the CLI has no PIN to ask, so it refuses. */
function checkRole(cashier: { name: string; member: StaffMember | null }, needs: [TillAction, string][]) {
	const role = cashier.member?.role ?? null;
	for (const [action, what] of needs) if (!can(role, action)) throw new UsageError(`--cashier "${cashier.name}" is staff: ${what} needs an admin (give an admin's name with --cashier)`);
}

const list = (v: unknown) => (v as string[] | undefined) ?? [];

export const sellCommand: Command = {
	name: 'sell',
	summary: 'Ring up a ticket in the local store, as the till does (sent by the next sync)',
	usage: USAGE,
	options: {
		customer: { type: 'string' }, price: { type: 'string', multiple: true }, discount: { type: 'string', multiple: true }, 'ticket-discount': { type: 'string' },
		pay: { type: 'string', multiple: true }, cashier: { type: 'string' }, 'return-of': { type: 'string' }, reason: { type: 'string' }, json: { type: 'boolean' }
	},
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values, positionals } = parseCommandArgs(argv, this.options);
		if (positionals.length === 0) throw new UsageError('what is sold? Give one or more SKU[:QTY]');
		const returnOf = typeof values['return-of'] === 'string' ? values['return-of'].trim() : '';
		const reason = typeof values.reason === 'string' ? values.reason.trim() : '';
		if (returnOf && reason) throw new UsageError('--return-of and --reason: a return has its ticket or a reason, not both');
		// Everything checked first: nothing is stored unless the whole ticket is right.
		const wanted: Wanted[] = [];
		for (const arg of positionals) {
			const w = await readLine(repo, arg, returnOf !== '' || reason !== '');
			const same = wanted.find((l) => l.product.id === w.product.id && Math.sign(l.quantity) === Math.sign(w.quantity));
			if (same) same.quantity += w.quantity;
			else wanted.push(w);
		}
		const skus = new Set(wanted.map((l) => l.product.sku));
		const prices = readPrices(list(values.price), skus);
		const discounts = readDiscounts(list(values.discount), skus);
		for (const w of wanted) if (w.quantity < 0 && (discounts.has(w.product.sku) || (returnOf && prices.has(w.product.sku)))) {
			throw new UsageError(`"${w.arg}": a line given back is refunded at what was paid; drop its --discount${returnOf ? ' and --price' : ''}`);
		}
		const ticketDiscount: Discount | null = typeof values['ticket-discount'] === 'string' ? readDiscount('--ticket-discount', values['ticket-discount']) : null;
		const customer = typeof values.customer === 'string' ? await customerByCode(repo, values.customer) : null;
		const cashier = await cashierOf(repo, typeof values.cashier === 'string' ? values.cashier : undefined);
		const settings: TillSettings = tillSettingsOf(await repo.getSetting(TILL_SETTINGS_KEY));

		const sold = wanted.filter((w) => w.quantity > 0);
		const back = wanted.filter((w) => w.quantity < 0);
		const lines: TillLine[] = sold.map((w) => ({ product: w.product, quantity: w.quantity, unitPrice: prices.get(w.product.sku) ?? w.product.unitPrice, discount: discounts.get(w.product.sku) ?? null }));
		const args = sold.map((w) => w.arg);
		if (returnOf) {
			const original = await originalTicket(repo, returnOf);
			const given = await returnLines(repo, original, back.map((w) => ({ arg: w.arg, product: w.product, units: -w.quantity })));
			lines.push(...given);
			// A returned line split at two unit prices (fractions of a cent) names the same argument twice.
			for (const l of given) args.push(back.find((w) => w.product.id === l.product.id)!.arg);
		} else {
			for (const w of back) {
				lines.push({ product: w.product, quantity: w.quantity, unitPrice: prices.get(w.product.sku) ?? w.product.unitPrice, discount: null, returnOfLine: null, restock: true });
				args.push(w.arg);
			}
		}

		const deviceId = await ensureDeviceId(repo);
		// The store's own clock (a test may run it off the real one), as the till's is the tablet's.
		const wall = repo instanceof SqlRepository ? repo.wall : Date.now;
		const draft: TillDraft = {
			saleId: newId() as SaleId, at: localTimestampFromDate(new Date(wall())), deviceId, lines, ticketDiscount, tenders: [],
			customer: customer && { id: customer.id, code: customer.code, name: customer.name }, cashier: cashier.name, approvedBy: '',
			returnOf, returnReason: reason, shiftId: (await repo.getSetting<string>(TILL_SHIFT_KEY)) ?? null
		};
		const unpaid = priceTicket(draft, settings);
		const given = readTenders(list(values.pay), settings);
		draft.tenders = given.length ? given : [{ method: PAYMENT_CARD, amount: Math.abs(unpaid.draft.total) }];
		const priced = priceTicket(draft, settings);
		if (priced.errors.length) throw new UsageError(checkoutMessage(priced.errors[0], lines, args, priced.settlement.due));
		checkRole(cashier, [
			...(back.length ? [['refund', 'a refund'] as [TillAction, string]] : []),
			...(prices.size ? [['changePrice', 'another price'] as [TillAction, string]] : []),
			...(discountPercent(priced.discount, priced.gross) > settings.discountLimitPercent ? [['bigDiscount', `a discount over ${settings.discountLimitPercent}%`] as [TillAction, string]] : [])
		]);

		const series = (await repo.getSetting<string>(TILL_SERIES_KEY)) || ticketSeriesOf(deviceId);
		const charged = await chargeTicket(repo, draft, settings, series);
		if (!charged.ok) throw new UsageError(checkoutMessage(charged.errors[0], lines, args, 0));
		const levels = await repo.stockLevels();
		if (values.json) printTicketJson(charged.ticket, customer?.code ?? null, levels, out);
		else printTicket(charged.ticket, customer ? `${customer.code}${customer.name ? ` (${customer.name})` : ''}` : '', levels, out);
		return 0;
	}
};

