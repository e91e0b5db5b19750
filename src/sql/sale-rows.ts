// Sale blocks as rows: a block's metadata in sale_blocks, one sales row per sale and one sale_lines
// row per line, each with its position in the block, so the SaleBlock the core works with is
// rebuilt exactly (typed arrays, dictionaries in first-use order, optional columns only when
// the block had them) and the same sales are there for SQL queries and BI tools.
import type { Selectable } from 'kysely';
import type { CustomerId, LocalTimestamp, ProductId, SaleId } from '../core/brand';
import { indexOf, type SaleBlock } from '../core/sale-blocks';
import { dayOf } from '../core/time';
import type { Ticket } from '../core/till/ticket';
import type { Payment } from '../core/types';
import { insertRows, keysPerStatement } from './batch';
import { ticketRow } from './rows';
import type { Db, Dialect, SaleBlocksTable, SaleLinesTable, SalesTable } from './database';

/** Lines read per query when rebuilding blocks: bounded memory for any history. */
const LINES_PER_READ = 60_000;

export function blockRows(shopId: string, b: SaleBlock, createdAt: number) {
	const block: SaleBlocksTable = {
		shop_id: shopId, id: b.id, source: b.source, first_day: b.firstDay, last_day: b.lastDay, line_count: b.lineCount,
		sale_count: b.saleCount, has_line_keys: b.lineKeys ? 1 : 0, created_at: createdAt
	};
	const days = new Array<number>(b.saleCount);
	const sales: SalesTable[] = new Array(b.saleCount);
	for (let s = 0; s < b.saleCount; s++) {
		const at = b.saleAt[s], c = b.saleCustomer[s], store = b.saleStore ? b.saleStore[s] : -1;
		days[s] = dayOf(at as LocalTimestamp);
		const payments = b.salePayments?.[s], ticket = b.saleTickets?.[s];
		sales[s] = {
			shop_id: shopId, id: b.saleIds[s], block_id: b.id, position: s, invoice: b.invoices[s], at, day: days[s],
			customer_id: c < 0 ? null : b.customers[c], device_id: b.deviceIds[s], store: store < 0 ? null : b.stores![store],
			cashier: b.saleCashier?.[s] ?? null, payments: payments ? JSON.stringify(payments) : null, return_of: b.saleReturnOf?.[s] ?? null,
			tax_excluded: b.saleTaxExcluded ? (b.saleTaxExcluded[s] === 1 ? 1 : 0) : null, ticket: ticket ? JSON.stringify(ticket) : null
		};
	}
	const keys = b.lineKeys;
	const lines: SaleLinesTable[] = new Array(b.lineCount);
	for (let l = 0; l < b.lineCount; l++) {
		const s = b.lineSale[l];
		const key = keys ? keys[l] : NaN;
		lines[l] = {
			shop_id: shopId, block_id: b.id, position: l, sale_id: b.saleIds[s], product_id: b.products[b.lineProduct[l]],
			quantity: b.quantity[l], unit_price: b.unitPrice[l], discount: b.discount[l], line_key: Number.isNaN(key) ? null : key, day: days[s],
			tax_rate: b.taxRate ? b.taxRate[l] : null, tax: b.tax ? b.tax[l] : null
		};
	}
	const tickets = (b.saleTickets ?? []).filter((t): t is Ticket => t !== null).map((t) => ticketRow(shopId, t));
	return { block, sales, lines, tickets };
}

/**
 * Stores blocks as rows, inside the caller's transaction, and indexes the tickets they hold. A
 * ticket whose invoice (or series and number) is indexed already keeps the first one: the sale
 * holding the second keeps its own copy (two tablets given one series by hand).
 */
export async function insertBlocks(db: Db, dialect: Dialect, shopId: string, blocks: readonly SaleBlock[], createdAt: number) {
	if (blocks.length === 0) return;
	const rows = blocks.map((b) => blockRows(shopId, b, createdAt));
	await insertRows(db, dialect, 'sale_blocks', rows.map((r) => r.block));
	await insertRows(db, dialect, 'sales', rows.flatMap((r) => r.sales));
	// One block's lines at a time: a batch of blocks would hold every line's row object at once.
	for (const r of rows) await insertRows(db, dialect, 'sale_lines', r.lines);
	await insertRows(db, dialect, 'tickets', rows.flatMap((r) => r.tickets), (oc) => oc.doNothing());
}

const SALE_COLUMNS = ['block_id', 'id', 'invoice', 'at', 'customer_id', 'device_id', 'store', 'cashier', 'payments', 'return_of', 'tax_excluded', 'ticket'] as const;
const LINE_COLUMNS = ['block_id', 'sale_id', 'product_id', 'quantity', 'unit_price', 'discount', 'line_key', 'tax_rate', 'tax'] as const;
type SaleRow = Pick<Selectable<SalesTable>, (typeof SALE_COLUMNS)[number]>;
type LineRow = Pick<Selectable<SaleLinesTable>, (typeof LINE_COLUMNS)[number]>;

/** Rebuilds the blocks of these metadata rows from their sales and lines, in the order given. */
export async function readBlocks(db: Db, dialect: Dialect, shopId: string, metas: readonly Selectable<SaleBlocksTable>[]): Promise<SaleBlock[]> {
	const out: SaleBlock[] = [];
	for (const group of readGroups(metas, keysPerStatement(dialect))) {
		const ids = group.map((m) => m.id);
		const [sales, lines] = await Promise.all([
			db.selectFrom('sales').select(SALE_COLUMNS)
				.where('shop_id', '=', shopId).where('block_id', 'in', ids).orderBy('block_id').orderBy('position').execute(),
			db.selectFrom('sale_lines').select(LINE_COLUMNS)
				.where('shop_id', '=', shopId).where('block_id', 'in', ids).orderBy('block_id').orderBy('position').execute()
		]);
		const salesOf = runsByBlock(sales), linesOf = runsByBlock(lines);
		for (const meta of group) out.push(rebuildBlock(meta, salesOf.get(meta.id) ?? [], linesOf.get(meta.id) ?? []));
	}
	return out;
}

/** Consecutive metadata rows whose lines add up to about LINES_PER_READ. */
function readGroups<T extends { line_count: number }>(metas: readonly T[], maxKeys: number): T[][] {
	const groups: T[][] = [];
	let group: T[] = [], lines = 0;
	for (const m of metas) {
		if (group.length > 0 && (lines + m.line_count > LINES_PER_READ || group.length >= maxKeys)) {
			groups.push(group);
			group = [];
			lines = 0;
		}
		group.push(m);
		lines += m.line_count;
	}
	if (group.length > 0) groups.push(group);
	return groups;
}

/** Rows sorted by block id, as one slice per block. */
function runsByBlock<T extends { block_id: string }>(rows: T[]): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (let start = 0; start < rows.length;) {
		let end = start + 1;
		while (end < rows.length && rows[end].block_id === rows[start].block_id) end++;
		out.set(rows[start].block_id, rows.slice(start, end));
		start = end;
	}
	return out;
}

/** A block dictionary (products, customers, stores) in first-use order, as the core builds them. */
function dictionary<T>() {
	const index = new Map<T, number>();
	const list: T[] = [];
	return { list, indexOf: (key: T) => indexOf(index, list, key) };
}

function rebuildBlock(meta: Selectable<SaleBlocksTable>, sales: SaleRow[], lines: LineRow[]): SaleBlock {
	const saleCount = sales.length, lineCount = lines.length;
	const customers = dictionary<CustomerId>(), stores = dictionary<string>(), products = dictionary<ProductId>();
	const saleAt = new Float64Array(saleCount), saleCustomer = new Int32Array(saleCount), saleStore = new Int32Array(saleCount);
	const saleIndex = new Map<string, number>();
	let anyStore = false;
	sales.forEach((s, i) => {
		saleIndex.set(s.id, i);
		saleAt[i] = s.at;
		saleCustomer[i] = s.customer_id === null ? -1 : customers.indexOf(s.customer_id as CustomerId);
		saleStore[i] = s.store === null ? -1 : stores.indexOf(s.store);
		if (s.store !== null) anyStore = true;
	});
	const lineSale = new Uint32Array(lineCount), lineProduct = new Uint32Array(lineCount);
	const quantity = new Float64Array(lineCount), unitPrice = new Float64Array(lineCount), discount = new Float64Array(lineCount);
	const lineKeys = meta.has_line_keys ? new Float64Array(lineCount) : undefined;
	lines.forEach((l, i) => {
		lineSale[i] = saleIndex.get(l.sale_id)!;
		lineProduct[i] = products.indexOf(l.product_id as ProductId);
		quantity[i] = l.quantity;
		unitPrice[i] = l.unit_price;
		discount[i] = l.discount;
		if (lineKeys) lineKeys[i] = l.line_key ?? NaN;
	});
	const block: SaleBlock = {
		id: meta.id, firstDay: meta.first_day as SaleBlock['firstDay'], lastDay: meta.last_day as SaleBlock['lastDay'],
		lineCount, saleCount, source: meta.source,
		saleIds: sales.map((s) => s.id as SaleId), invoices: sales.map((s) => s.invoice), saleAt, saleCustomer,
		customers: customers.list, deviceIds: sales.map((s) => s.device_id),
		lineSale, lineProduct, products: products.list, quantity, unitPrice, discount
	};
	if (anyStore) {
		block.saleStore = saleStore;
		block.stores = stores.list;
	}
	if (lineKeys) block.lineKeys = lineKeys;
	addTillColumns(block, sales, lines);
	return block;
}

/** The till's optional columns (issue 13), each only when a sale or line of the block has it. */
function addTillColumns(block: SaleBlock, sales: readonly SaleRow[], lines: readonly LineRow[]) {
	if (lines.some((l) => l.tax_rate !== null || l.tax !== null)) {
		block.taxRate = Float64Array.from(lines, (l) => l.tax_rate ?? 0);
		block.tax = Float64Array.from(lines, (l) => l.tax ?? 0);
	}
	if (sales.some((s) => s.tax_excluded !== null)) block.saleTaxExcluded = Uint8Array.from(sales, (s) => (s.tax_excluded === 1 ? 1 : 0));
	if (sales.some((s) => s.cashier !== null)) block.saleCashier = sales.map((s) => s.cashier ?? '');
	if (sales.some((s) => s.payments !== null)) block.salePayments = sales.map((s) => (s.payments === null ? null : JSON.parse(s.payments) as Payment[]));
	if (sales.some((s) => s.return_of !== null)) block.saleReturnOf = sales.map((s) => s.return_of ?? '');
	if (sales.some((s) => s.ticket !== null)) block.saleTickets = sales.map((s) => (s.ticket === null ? null : JSON.parse(s.ticket) as Ticket));
}
