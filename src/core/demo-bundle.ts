// The bundled demo shop (static/demo/demo-shop.json, made by scripts/make-demo-data.ts): its
// format, its validation, and its expansion into the domain's records, dated so that the demo's
// last sales day falls in the past week. Pure, so the app's worker and the CLI share it.
//
// Format (version 1): one JSON object of columns. Every table is an object of equally long
// arrays, one entry per row; rows refer to other tables by their index in them (0-based).
//
//   format        'smart-inventory-demo'
//   version       1
//   startDate     'YYYY-MM-DD': the day every day and minute offset counts from (the real
//                 history's first day; expansion moves it by whole weeks)
//   suppliers     name, contact, email, phone: string[]; leadTimeDays: number[]
//   products      sku, barcode, name, category: string[]; unitPrice, unitCost: number[] (cents);
//                 supplier: number[] (index into suppliers, -1 = none); reorderPoint, minOrderQty,
//                 packSize, openingStock: number[] (units; opening stock is on hand on startDate)
//   customers     code, name, email, phone: string[]
//   sales         invoice: string[] (a 'C' prefix marks a cancellation: its lines are returns);
//                 minute: number[] (minutes after the previous sale; the first after startDate
//                 00:00, so sales are in time order); customer: number[] (index, -1 = none);
//                 lineCount: number[] (the sale's lines are the next lineCount entries of lines)
//   lines         product: number[] (index); quantity: number[] (units, negative = returned);
//                 unitPrice: number[] (cents)
//   deliveries    day: number[] (days after startDate; arrives before opening); supplier:
//                 number[] (index); reference: string[] (delivery note); lineCount: number[]
//   deliveryLines product: number[] (index); quantity: number[] (units received, > 0)
import type { Cents, CustomerId, DayNumber, LocalTimestamp, MovementId, ProductId, SaleId, SupplierId } from './brand';
import { customerIdForCode, productIdForSku, stableId, supplierIdForName } from './sync/stable-id';
import { foldText } from './text';
import { movement } from './ledger';
import type { SalesBatch } from './repository';
import { BLOCK_LINES, buildBlock } from './sale-blocks';
import { deriveSaleMovements } from './sync/sale-movements';
import { MS_PER_DAY, dayOf, parseIsoDay } from './time';
import type { Customer, Product, Sale, StockMovement, Supplier } from './types';

export const DEMO_FORMAT = 'smart-inventory-demo';
export const DEMO_VERSION = 1;
/** Where the app serves the bundle from (static/demo/). */
export const DEMO_BUNDLE_PATH = '/demo/demo-shop.json';
/** The source of the demo's sale blocks and the reference on its bulk sale movements. */
export const DEMO_SOURCE = 'demo';
export const OPENING_STOCK_REFERENCE = 'INV-0001';

const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;
/** Deliveries arrive before the first customer; the opening count is taken before that. */
const DELIVERY_MINUTE = 7 * 60;
const OPENING_MINUTE = 6 * 60;

export interface DemoBundle {
	format: typeof DEMO_FORMAT;
	version: typeof DEMO_VERSION;
	startDate: string;
	suppliers: { name: string[]; contact: string[]; email: string[]; phone: string[]; leadTimeDays: number[] };
	products: {
		sku: string[]; barcode: string[]; name: string[]; category: string[];
		unitPrice: number[]; unitCost: number[]; supplier: number[];
		reorderPoint: number[]; minOrderQty: number[]; packSize: number[]; openingStock: number[];
	};
	customers: { code: string[]; name: string[]; email: string[]; phone: string[] };
	sales: { invoice: string[]; minute: number[]; customer: number[]; lineCount: number[] };
	lines: { product: number[]; quantity: number[]; unitPrice: number[] };
	deliveries: { day: number[]; supplier: number[]; reference: string[]; lineCount: number[] };
	deliveryLines: { product: number[]; quantity: number[] };
}

export class DemoBundleError extends Error {
	constructor(message: string) {
		super(`Invalid demo bundle: ${message}`);
		this.name = 'DemoBundleError';
	}
}

// ---- Validation -------------------------------------------------------------------------------

type ColumnKind = 'string' | 'number' | 'integer';
type TableName = Exclude<keyof DemoBundle, 'format' | 'version' | 'startDate'>;

/** Every table's columns and what each holds; the first column gives the table's row count. */
const TABLES: { [T in TableName]: { [C in keyof DemoBundle[T]]: ColumnKind } } = {
	suppliers: { name: 'string', contact: 'string', email: 'string', phone: 'string', leadTimeDays: 'integer' },
	products: {
		sku: 'string', barcode: 'string', name: 'string', category: 'string', unitPrice: 'integer', unitCost: 'integer',
		supplier: 'integer', reorderPoint: 'number', minOrderQty: 'integer', packSize: 'integer', openingStock: 'number'
	},
	customers: { code: 'string', name: 'string', email: 'string', phone: 'string' },
	sales: { invoice: 'string', minute: 'integer', customer: 'integer', lineCount: 'integer' },
	lines: { product: 'integer', quantity: 'number', unitPrice: 'integer' },
	deliveries: { day: 'integer', supplier: 'integer', reference: 'string', lineCount: 'integer' },
	deliveryLines: { product: 'integer', quantity: 'number' }
};

const isKind: Record<ColumnKind, (v: unknown) => boolean> = {
	string: (v) => typeof v === 'string',
	number: (v) => typeof v === 'number' && Number.isFinite(v),
	integer: (v) => Number.isSafeInteger(v)
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks shape, types and cross-references; returns the bundle typed, or throws DemoBundleError saying what is wrong. */
export function validateDemoBundle(value: unknown): DemoBundle {
	if (!isObject(value)) throw new DemoBundleError('not a JSON object');
	if (value.format !== DEMO_FORMAT) throw new DemoBundleError(`format is ${JSON.stringify(value.format)}, expected "${DEMO_FORMAT}"`);
	if (value.version !== DEMO_VERSION) throw new DemoBundleError(`version ${JSON.stringify(value.version)} is not supported (expected ${DEMO_VERSION})`);
	if (typeof value.startDate !== 'string' || parseIsoDay(value.startDate) === null) throw new DemoBundleError('startDate must be a date like 2010-12-01');
	for (const [table, columns] of Object.entries(TABLES)) checkTable(value[table], table, columns);
	const bundle = value as unknown as DemoBundle;
	checkReferences(bundle);
	return bundle;
}

function checkTable(table: unknown, name: string, columns: Record<string, ColumnKind>) {
	if (!isObject(table)) throw new DemoBundleError(`${name} is missing`);
	let rows = -1;
	for (const [column, kind] of Object.entries(columns)) {
		const values = table[column];
		if (!Array.isArray(values)) throw new DemoBundleError(`${name}.${column} is missing`);
		if (rows < 0) rows = values.length;
		if (values.length !== rows) throw new DemoBundleError(`${name}.${column} has ${values.length} entries, expected ${rows}`);
		const bad = values.findIndex((v) => !isKind[kind](v));
		if (bad >= 0) throw new DemoBundleError(`${name}.${column}[${bad}] is ${JSON.stringify(values[bad])}, expected ${kind === 'string' ? 'a string' : `a${kind === 'integer' ? 'n integer' : ' number'}`}`);
	}
}

function checkReferences(b: DemoBundle) {
	const products = b.products.sku.length, suppliers = b.suppliers.name.length, customers = b.customers.code.length;
	const skus = new Set<string>();
	b.products.sku.forEach((sku, i) => {
		if (sku.trim() === '') throw new DemoBundleError(`products.sku[${i}] is empty`);
		if (skus.has(sku)) throw new DemoBundleError(`products.sku "${sku}" appears twice`);
		skus.add(sku);
	});
	checkIndices(b.products.supplier, 'products.supplier', suppliers, true);
	checkIndices(b.sales.customer, 'sales.customer', customers, true);
	checkIndices(b.lines.product, 'lines.product', products, false);
	checkIndices(b.deliveries.supplier, 'deliveries.supplier', suppliers, true);
	checkIndices(b.deliveryLines.product, 'deliveryLines.product', products, false);
	checkAll(b.products.unitPrice, 'products.unitPrice', (v) => v >= 0, 'a price of 0 or more');
	checkAll(b.lines.unitPrice, 'lines.unitPrice', (v) => v >= 0, 'a price of 0 or more');
	checkAll(b.lines.quantity, 'lines.quantity', (v) => v !== 0, 'a quantity other than 0');
	checkAll(b.sales.minute, 'sales.minute', (v) => v >= 0, 'minutes of 0 or more (sales in time order)');
	checkAll(b.sales.lineCount, 'sales.lineCount', (v) => v >= 1 && v <= BLOCK_LINES, `between 1 and ${BLOCK_LINES} lines`);
	checkAll(b.deliveries.day, 'deliveries.day', (v) => v >= 0, 'a day of 0 or more');
	checkAll(b.deliveries.lineCount, 'deliveries.lineCount', (v) => v >= 1, 'at least 1 line');
	checkAll(b.deliveryLines.quantity, 'deliveryLines.quantity', (v) => v > 0, 'a quantity above 0');
	checkLineTotal(b.sales.lineCount, b.lines.product.length, 'sales', 'lines');
	checkLineTotal(b.deliveries.lineCount, b.deliveryLines.product.length, 'deliveries', 'deliveryLines');
	if (b.sales.invoice.length === 0) throw new DemoBundleError('sales is empty');
}

function checkAll(values: number[], name: string, ok: (v: number) => boolean, expected: string) {
	const bad = values.findIndex((v) => !ok(v));
	if (bad >= 0) throw new DemoBundleError(`${name}[${bad}] is ${values[bad]}, expected ${expected}`);
}

function checkIndices(values: number[], name: string, rows: number, noneAllowed: boolean) {
	checkAll(values, name, (v) => v < rows && (v >= 0 || (noneAllowed && v === -1)), `an index below ${rows}${noneAllowed ? ' or -1' : ''}`);
}

function checkLineTotal(counts: number[], lines: number, table: string, lineTable: string) {
	const total = counts.reduce((a, n) => a + n, 0);
	if (total !== lines) throw new DemoBundleError(`${table}.lineCount adds up to ${total}, but ${lineTable} has ${lines} entries`);
}

// ---- Expansion --------------------------------------------------------------------------------

export interface ExpandOptions {
	/** The tablet's today: the demo's last sales day lands in the week ending on it. */
	today: DayNumber;
	deviceId: string;
}

export interface ExpandedDemo {
	suppliers: Supplier[];
	products: Product[];
	customers: Customer[];
	/** One block per batch, each holding whole days where possible, with their stock movements (one per product). */
	batches: SalesBatch[];
	/** Opening stock and deliveries, in time order. */
	movements: StockMovement[];
}

/**
 * The days to add to the bundle's dates: a whole number of weeks, so weekdays stay (the real
 * shop is closed on Saturdays), that puts the last sales day within the 7 days ending today.
 */
export function demoShiftDays(bundle: DemoBundle, today: DayNumber): number {
	const lastMinute = bundle.sales.minute.reduce((a, m) => a + m, 0);
	const lastDay = parseIsoDay(bundle.startDate)! + Math.floor(lastMinute / MINUTES_PER_DAY);
	return 7 * Math.floor((today - lastDay) / 7);
}

/**
 * Turns a validated bundle into records ready for the repository, dated near today. Ids are made
 * from the content and the week it lands in: two tablets (or a tablet and the server) loading the
 * sample shop in the same week hold the same records, so syncing them adds nothing twice.
 */
export function expandDemoBundle(bundle: DemoBundle, options: ExpandOptions): ExpandedDemo {
	const start = (parseIsoDay(bundle.startDate)! + demoShiftDays(bundle, options.today)) as DayNumber;
	const atMinute = (minute: number) => (start * MS_PER_DAY + minute * MS_PER_MINUTE) as LocalTimestamp;
	const since = atMinute(OPENING_MINUTE);

	const suppliers = expandSuppliers(bundle, since);
	const products = expandProducts(bundle, suppliers, since);
	const customers = expandCustomers(bundle, start, since);
	const sales = expandSales(bundle, products, customers, atMinute, options.deviceId, start);

	const batches = packIntoBlocks(sales).map((group) => {
		const blocks = [buildBlock(stableId('demo-block', `${start}|${group[0].id}`), group, DEMO_SOURCE)];
		return { blocks, movements: deriveSaleMovements(blocks) };
	});
	const movements = stockMovements(bundle, products, suppliers, atMinute, options.deviceId)
		.map((m, i) => ({ ...m, id: stableId('demo-movement', `${start}|${i}`) as MovementId }));
	return { suppliers, products, customers, batches, movements };
}

function expandSuppliers(b: DemoBundle, updatedAt: LocalTimestamp): Supplier[] {
	const s = b.suppliers;
	return s.name.map((name, i) => ({
		id: supplierIdForName(foldText(name)), name, contact: s.contact[i], email: s.email[i], phone: s.phone[i],
		defaultLeadTimeDays: s.leadTimeDays[i], notes: '', updatedAt
	}));
}

function expandProducts(b: DemoBundle, suppliers: Supplier[], updatedAt: LocalTimestamp): Product[] {
	const p = b.products;
	return p.sku.map((sku, i) => ({
		id: productIdForSku(sku), sku, barcode: p.barcode[i], name: p.name[i], category: p.category[i],
		unitPrice: p.unitPrice[i] as Cents, unitCost: p.unitCost[i] as Cents,
		supplierId: p.supplier[i] < 0 ? null : suppliers[p.supplier[i]].id, leadTimeDays: null,
		minOrderQty: p.minOrderQty[i], packSize: p.packSize[i], reorderPoint: p.reorderPoint[i],
		active: true, createdByImport: false, updatedAt
	}));
}

function expandCustomers(b: DemoBundle, start: DayNumber, updatedAt: LocalTimestamp): Customer[] {
	const c = b.customers;
	const firstSeen = new Map<number, DayNumber>();
	let minute = 0;
	b.sales.customer.forEach((customer, s) => {
		minute += b.sales.minute[s];
		if (customer >= 0 && !firstSeen.has(customer)) firstSeen.set(customer, (start + Math.floor(minute / MINUTES_PER_DAY)) as DayNumber);
	});
	return c.code.map((code, i) => ({
		id: customerIdForCode(code), code, name: c.name[i], email: c.email[i], phone: c.phone[i],
		firstSeen: firstSeen.get(i) ?? start, createdByImport: false, updatedAt
	}));
}

function expandSales(b: DemoBundle, products: Product[], customers: Customer[], atMinute: (m: number) => LocalTimestamp, deviceId: string, start: DayNumber): Sale[] {
	const sales: Sale[] = [];
	let minute = 0, line = 0;
	b.sales.invoice.forEach((invoice, s) => {
		minute += b.sales.minute[s];
		const customer = b.sales.customer[s];
		const lines = [];
		for (const end = line + b.sales.lineCount[s]; line < end; line++) {
			lines.push({
				productId: products[b.lines.product[line]].id, quantity: b.lines.quantity[line],
				unitPrice: b.lines.unitPrice[line] as Cents, discount: 0 as Cents
			});
		}
		sales.push({ id: stableId('demo-sale', `${start}|${s}`) as SaleId, invoice, at: atMinute(minute), customerId: customer < 0 ? null : customers[customer].id, deviceId, lines });
	});
	return sales;
}

/**
 * Groups time-ordered sales into blocks of at most BLOCK_LINES lines, closing a block at a day's
 * end whenever the next day would not fit, so each product-day's movement comes from one block.
 * A day larger than a block is split between sales.
 */
export function packIntoBlocks(sales: readonly Sale[]): Sale[][] {
	const groups: Sale[][] = [];
	let current: Sale[] = [], currentLines = 0;
	const close = () => {
		if (current.length) groups.push(current);
		current = [];
		currentLines = 0;
	};
	for (const day of groupByDay(sales)) {
		const dayLines = day.reduce((n, s) => n + s.lines.length, 0);
		if (currentLines + dayLines > BLOCK_LINES) close();
		for (const sale of day) {
			if (currentLines + sale.lines.length > BLOCK_LINES) close();
			current.push(sale);
			currentLines += sale.lines.length;
		}
	}
	close();
	return groups;
}

function groupByDay(sales: readonly Sale[]): Sale[][] {
	const days: Sale[][] = [];
	let lastDay: number | null = null;
	for (const sale of sales) {
		const day = dayOf(sale.at);
		if (day !== lastDay) days.push([]);
		days[days.length - 1].push(sale);
		lastDay = day;
	}
	return days;
}

/** The opening stock count and every delivery line as ledger movements. */
function stockMovements(b: DemoBundle, products: Product[], suppliers: Supplier[], atMinute: (m: number) => LocalTimestamp, deviceId: string): StockMovement[] {
	const movements: StockMovement[] = [];
	b.products.openingStock.forEach((quantity, i) => {
		if (quantity !== 0) movements.push(movement(products[i].id, quantity, 'count', atMinute(OPENING_MINUTE), deviceId, OPENING_STOCK_REFERENCE));
	});
	const d = b.deliveries;
	let line = 0;
	d.day.forEach((day, i) => {
		const at = atMinute(day * MINUTES_PER_DAY + DELIVERY_MINUTE);
		const note = d.supplier[i] < 0 ? '' : suppliers[d.supplier[i]].name;
		for (const end = line + d.lineCount[i]; line < end; line++) {
			movements.push(movement(products[b.deliveryLines.product[line]].id, b.deliveryLines.quantity[line], 'purchase', at, deviceId, d.reference[i], note));
		}
	});
	return movements.sort((x, y) => x.at - y.at);
}
