// The shop's data as CSV files with fixed English column names (a contract: other tools and our
// own importer read them). Rows carry the shop's codes (SKU, customer code), never internal ids.
// Money is a decimal amount ("12.50" or "12,50"), times are shop-local "YYYY-MM-DD HH:mm:ss",
// days "YYYY-MM-DD". Columns are documented in docs/export.md.
import type { DayNumber, LocalTimestamp, ProductId } from '../brand';
import type { InventoryRepository } from '../repository';
import { lineRow, type SaleBlock } from '../sale-blocks';
import { paymentsText } from '../till/payments';
import { taxRateOf, TILL_SETTINGS_KEY, tillSettingsOf, type TillSettings } from '../till/settings';
import { isoDay, isoLocal } from '../time';
import type { Product, ProductOption } from '../types';
import { optionsText } from '../variants';
import { csvChunks, money, type CsvCell, type CsvOptions } from './csv-writer';

export const EXPORT_KINDS = ['sales', 'products', 'movements', 'customers', 'suppliers'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_COLUMNS = {
	sales: [
		'invoice', 'date_time', 'sku', 'product_name', 'quantity', 'unit_price', 'discount_amount', 'line_total', 'customer_code', 'device', 'store',
		'tax_rate', 'tax_amount', 'payments', 'return_of', 'cashier', 'variant_of', 'options'
	],
	products: [
		'sku', 'barcode', 'name', 'category', 'unit_price', 'unit_cost', 'supplier_name', 'lead_time_days', 'min_order_qty', 'pack_size', 'reorder_point', 'active', 'on_hand',
		'variant_of', 'options', 'tax_rate'
	],
	movements: ['date_time', 'sku', 'quantity', 'reason', 'reference', 'note', 'device'],
	customers: ['code', 'name', 'email', 'phone', 'first_seen'],
	suppliers: ['name', 'contact', 'email', 'phone', 'lead_time_days', 'notes']
} as const satisfies Record<ExportKind, readonly string[]>;

/**
 * "No limit" for movementsOf: IndexedDB takes the limit as an unsigned 32-bit count, so a larger
 * number (Number.MAX_SAFE_INTEGER) makes getAll throw in the browser.
 */
export const ALL_MOVEMENTS = 2 ** 31 - 1;

export const isExportKind = (s: string): s is ExportKind => (EXPORT_KINDS as readonly string[]).includes(s);

/** Shop-local time as "YYYY-MM-DD HH:mm:ss" (what Excel and our importer both read as a date-time). */
export const exportDateTime = (t: LocalTimestamp) => isoLocal(t).replace('T', ' ');

/** "sales-2026-11-24.csv" */
export const exportFileName = (kind: ExportKind, day: DayNumber) => `${kind}-${isoDay(day)}.csv`;

export interface ExportResult {
	/** The file's text in parts (concatenate, write one by one, or hand to a Blob). */
	parts: string[];
	/** Data rows written (the header not counted). */
	rows: number;
}

export type ExportProgress = (done: number, total: number) => void;

/** Builds one CSV export from the repository. */
export async function exportCsv(repo: InventoryRepository, kind: ExportKind, options: CsvOptions, onProgress?: ExportProgress): Promise<ExportResult> {
	const { chunks, rows } = await exportCsvChunks(repo, kind, options, onProgress);
	return { parts: [...chunks], rows };
}

/**
 * One CSV export as text parts made while they are read (a server streams them): the data is
 * read from the repository first, the rows are formatted part by part.
 */
export async function exportCsvChunks(repo: InventoryRepository, kind: ExportKind, options: CsvOptions, onProgress?: ExportProgress): Promise<{ chunks: Iterable<string>; rows: number }> {
	const { rows, count } = await ROWS[kind](repo, onProgress);
	return { chunks: csvChunks(EXPORT_COLUMNS[kind], rows, options), rows: count };
}

/** Rows to write and how many there are; sales rows are made one at a time as the text is written. */
type RowSource = (repo: InventoryRepository, onProgress?: ExportProgress) => Promise<{ rows: Iterable<CsvCell[]>; count: number }>;

const listed = (rows: CsvCell[][]) => ({ rows, count: rows.length });

const bySku = (a: { sku: string }, b: { sku: string }) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);

/** Every sale line, oldest sale first, lines in the order they were rung up or imported. */
async function salesRows(repo: InventoryRepository, onProgress?: ExportProgress) {
	const [blocks, products, customers] = await Promise.all([repo.saleBlocks(), repo.listProducts(), repo.listCustomers()]);
	const productOf = new Map(products.map((p) => [p.id, p]));
	const customerCode = new Map(customers.map((c) => [c.id, c.code]));
	// Sales in time order across blocks (imports can overlap in time); ties keep block, then sale order.
	blocks.sort((a, b) => a.firstDay - b.firstDay || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const sales: { block: number; sale: number; at: number }[] = [];
	const starts: Uint32Array[] = [];
	let total = 0;
	blocks.forEach((b, i) => {
		starts.push(saleStarts(b));
		total += b.lineCount;
		for (let s = 0; s < b.saleCount; s++) sales.push({ block: i, sale: s, at: b.saleAt[s] });
	});
	sales.sort((x, y) => x.at - y.at || x.block - y.block || x.sale - y.sale);
	return { rows: lineRows(blocks, starts, sales, productOf, customerCode, total, onProgress), count: total };
}

/** Yields the sales export's rows (a million lines never exist as a million arrays at once). */
function* lineRows(
	blocks: SaleBlock[], starts: Uint32Array[], sales: { block: number; sale: number }[], productOf: Map<string, Product>,
	customerCode: Map<string, string>, total: number, onProgress?: ExportProgress
): Generator<CsvCell[]> {
	let written = 0;
	let nextReport = 0;
	for (const { block: i, sale: s } of sales) {
		if (written >= nextReport) {
			onProgress?.(written, total);
			nextReport += 50_000;
		}
		const b = blocks[i];
		const at = exportDateTime(b.saleAt[s] as LocalTimestamp);
		const storeIndex = b.saleStore ? b.saleStore[s] : -1;
		const store = storeIndex >= 0 ? b.stores![storeIndex] : '';
		const payments = paymentsText(b.salePayments?.[s]);
		for (let l = starts[i][s]; l < starts[i][s + 1]; l++) {
			const line = lineRow(b, l);
			const product = productOf.get(line.productId);
			const style = product?.variantOf ? productOf.get(product.variantOf) : undefined;
			written++;
			yield [
				line.invoice, at, product?.sku ?? '', product?.name ?? '', line.quantity, money(line.unitPrice), money(line.discount),
				money(line.total), line.customerId === null ? '' : customerCode.get(line.customerId) ?? '', b.deviceIds[s], store,
				// A line stored before taxes has no rate: left empty (unknown), not 0.
				b.taxRate ? line.taxRate : null, b.tax ? money(line.tax) : null, payments, line.returnOf, line.cashier,
				style?.sku ?? '', optionsText(product?.optionValues ?? [])
			];
		}
	}
	onProgress?.(written, total);
}

/** Index of each sale's first line in a block (lines are grouped by sale, in sale order). */
function saleStarts(b: SaleBlock): Uint32Array {
	const starts = new Uint32Array(b.saleCount + 1);
	for (let l = 0; l < b.lineCount; l++) starts[b.lineSale[l] + 1]++;
	for (let s = 0; s < b.saleCount; s++) starts[s + 1] += starts[s];
	return starts;
}

/** A style's options with every value: `Talla=S|M|L; Color=Negro|Blanco`. */
export const styleOptionsText = (options: readonly ProductOption[]) => options.map((o) => `${o.name}=${o.values.join('|')}`).join('; ');

/** A variant's values (`Talla=M; Color=Negro`), a style's options with their values, '' for a plain product. */
const optionsCell = (p: Product) => (p.options?.length ? styleOptionsText(p.options) : optionsText(p.optionValues ?? []));

async function productRows(repo: InventoryRepository) {
	const [products, levels, suppliers, till] = await Promise.all([
		repo.listProducts(), repo.stockLevels(), repo.listSuppliers(), repo.getSetting<Partial<TillSettings>>(TILL_SETTINGS_KEY)
	]);
	const settings = tillSettingsOf(till);
	const supplierName = new Map(suppliers.map((s) => [s.id, s.name]));
	const skuOf = new Map(products.map((p) => [p.id, p.sku]));
	return listed(products.sort(bySku).map((p) => [
		p.sku, p.barcode, p.name, p.category, money(p.unitPrice), money(p.unitCost),
		p.supplierId ? supplierName.get(p.supplierId) ?? '' : '', p.leadTimeDays, p.minOrderQty, p.packSize,
		p.reorderPoint, p.active, levels.get(p.id) ?? 0,
		p.variantOf ? skuOf.get(p.variantOf) ?? '' : '', optionsCell(p), taxRateOf(p, settings)
	]));
}

/** Every ledger entry, oldest first (ties by SKU). */
async function movementRows(repo: InventoryRepository, onProgress?: ExportProgress) {
	const products = (await repo.listProducts()).sort(bySku);
	const all: { m: Awaited<ReturnType<InventoryRepository['movementsOf']>>[number]; p: Product }[] = [];
	for (const [i, p] of products.entries()) {
		for (const m of await repo.movementsOf(p.id as ProductId, ALL_MOVEMENTS)) all.push({ m, p });
		onProgress?.(i + 1, products.length);
	}
	all.sort((a, b) => a.m.at - b.m.at || bySku(a.p, b.p));
	return listed(all.map(({ m, p }) => [exportDateTime(m.at), p.sku, m.quantity, m.reason, m.reference, m.note, m.deviceId]));
}

async function customerRows(repo: InventoryRepository) {
	const customers = await repo.listCustomers();
	customers.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.name.localeCompare(b.name)));
	return listed(customers.map((c) => [c.code, c.name, c.email, c.phone, isoDay(c.firstSeen)]));
}

async function supplierRows(repo: InventoryRepository) {
	const suppliers = await repo.listSuppliers();
	suppliers.sort((a, b) => a.name.localeCompare(b.name));
	return listed(suppliers.map((s) => [s.name, s.contact, s.email, s.phone, s.defaultLeadTimeDays, s.notes]));
}

const ROWS: Record<ExportKind, RowSource> = {
	sales: salesRows, products: productRows, movements: movementRows, customers: customerRows, suppliers: supplierRows
};
