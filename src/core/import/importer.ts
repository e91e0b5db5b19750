// The sales import engine: rows of text in, sale blocks, stock movements and new products and
// customers out, written in transactions of whole invoices so that an import stopped at any point
// keeps what it wrote and a repeated import adds only what is missing. See docs/import.md.
import type { Cents, CustomerId, LocalTimestamp, ProductId, SaleId, SupplierId, Uuid } from '../brand';
import { newId } from '../ids';
import type { InventoryRepository } from '../repository';
import { BLOCK_LINES, type SaleBlock } from '../sale-blocks';
import { deriveSaleMovements } from '../sync/sale-movements';
import { customerIdForCode, productIdForSku, stableId, supplierIdForName } from '../sync/stable-id';
import { foldText } from '../text';
import { dayOf, nowLocal } from '../time';
import type { Customer, Product, Supplier } from '../types';
import { isStyle } from '../variants';
import { IdPool, KeySet, lineKey } from './hash';
import { spanishHeader } from './header-names';
import { ImportStyles } from './import-styles';
import { LineBuffer, type PendingLines, type PendingSale } from './pending-lines';
import { addTillColumns, includedTax, paymentsReadable, pricedWithoutTax } from './sale-extras';
import type { ImportField, ImportOptions, ImportProgress, ImportSummary, RejectedRow } from './types';
import { dateError, numberError, parseCents, parseDateTime, parseNumber, parseRate, parseTimeOfDay, timeError } from './values';
import { optionName, readVariantCells, type VariantColumns } from './variant-cells';
import { VariantResolver, type RowProduct, type VariantPlan } from './variant-resolver';

/** Non-product codes of the Online Retail export (and NONE of the Bread Basket), offered as the default exclusion rule. */
export const DEFAULT_EXCLUDED_SKUS = ['POST', 'DOT', 'M', 'D', 'C2', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'PADS', 'S', 'B', 'NONE'];
export const DEFAULT_CANCELLATION_PREFIXES = ['C'];

/** The options cannot import anything (no date or product column, undecided date order). */
export class ImportConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ImportConfigError';
	}
}

/** Writing failed; code 'quota' when storage is full. Everything written before stays. */
export class ImportStorageError extends Error {
	constructor(readonly code: 'quota' | 'storage', message: string) {
		super(message);
		this.name = 'ImportStorageError';
	}
}

export function isQuotaError(e: unknown): boolean {
	if (!(e instanceof Error)) return false;
	const inner = (e as Error & { inner?: unknown }).inner;
	return e.name === 'QuotaExceededError' || /quota|disk is full|SQLITE_FULL|no space/i.test(e.message) || (inner !== undefined && inner !== e && isQuotaError(inner));
}

/** A customer code as its POS meant it: "17850.0" and "17850" are the same customer. */
export function normalizeCustomerCode(s: string): string {
	const t = s.trim();
	return /^\d+\.0+$/.test(t) ? t.slice(0, t.indexOf('.')) : t;
}

export { lineKey };

const EXCLUDED = -1;
/**
 * Blocks per appendSales transaction at most. Blocks that are ready while the previous write
 * commits go together: storage that costs per call (IndexedDB rewrites each touched product's
 * daily series once per call) then pays per batch, not per block; an import stopped half way
 * still keeps every committed transaction, each of whole invoices.
 */
export const MAX_BATCH_BLOCKS = 32;

/**
 * Text as it was before an export guarded it against spreadsheet formulas: our CSV writer (and
 * Excel users) put a ' before a cell starting with = + - @ tab or CR; a round trip gives it back.
 */
function unguarded(cell: string): string {
	return cell.length > 1 && cell.charCodeAt(0) === 39 && '=+-@\t\r'.includes(cell[1]) ? cell.slice(1) : cell;
}

export class SalesImporter {
	private readonly started = Date.now();
	private rowsRead = 0;
	private blank = 0;
	private imported = 0;
	private duplicates = 0;
	private readonly rejected: RejectedRow[] = [];
	private bytesRead = 0;
	private bytesTotal = 0;
	private productsCreated = 0;
	private customersCreated = 0;
	private cancelled = false;
	private error: ImportSummary['error'] = null;

	// Products and customers by slot; new ones are written with the first block that uses them.
	/** SKU text → product slot, or EXCLUDED for SKUs the exclusion rule skips (one lookup per row). */
	private readonly productSlot = new Map<string, number>();
	private readonly productIds: ProductId[] = [];
	private readonly productPrice: number[] = [];
	private readonly productNew: (Product | null)[] = [];
	private readonly customerSlot = new Map<string, number>();
	private readonly customerIds: CustomerId[] = [];
	private readonly customerNew: (Customer | null)[] = [];
	private readonly supplierByName = new Map<string, SupplierId>();
	private readonly storeSlot = new Map<string, number>();
	private readonly storeNames: string[] = [];
	private readonly excluded: Set<string>;
	private readonly prefixes: string[];

	/**
	 * Keys of lines stored before this import, and of every line this import has read (for
	 * occurrence numbers). Lines this import writes need not join `stored`: their keys are in
	 * `fresh`, and a key is only looked up in `stored` the first time `fresh` takes it.
	 */
	private readonly stored: KeySet;
	private readonly fresh = new KeySet(1 << 17);
	private readonly ids = new IdPool();

	// Lines accepted and not yet written, grouped into sales in file order.
	private sales: PendingSale[] = [];
	private readonly lines = new LineBuffer(BLOCK_LINES * 2);
	private ready: { sales: PendingSale[]; lines: PendingLines }[] = [];

	// Mapping, resolved once.
	private readonly col: Record<ImportField, number>;
	private readonly minColumns: number;
	private readonly header: string[] | null;
	// One-entry caches: consecutive lines of an invoice repeat its number, date and customer.
	private lastDateCell = '';
	private lastDate = NaN;
	private lastInvoiceCell: string | null = null;
	private lastInvoice = '';
	private lastCancelled = false;
	private lastCustomerCell: string | null = null;
	private lastCustomer = -1;
	private lastPaymentsCell = '';
	/** Styles and variants: set when a style, size, colour or options column is mapped. */
	private readonly variantColumns: VariantColumns | null = null;
	private readonly variants: VariantResolver;
	/** Stored and new styles: their SKUs are never sold as plain products. */
	private readonly styles: ImportStyles;

	/** Wide layout: product columns with their SKUs, and the date column, of the physical rows. */
	private readonly wide: { columns: number[]; skus: string[]; date: number; width: number } | null = null;

	private constructor(private readonly repo: InventoryRepository, private readonly options: ImportOptions, stored: KeySet, products: readonly Product[]) {
		this.stored = stored;
		let m = options.mapping;
		if (options.wide && options.wide.columns.length > 0) {
			const date = m.dateTime ?? m.date;
			if (date === undefined) throw new ImportConfigError('no column is mapped to the date: map "dateTime" (or "date")');
			if (!options.header) throw new ImportConfigError('a wide layout needs the header: its column names are the SKUs');
			const header = options.header;
			this.wide = { columns: options.wide.columns, skus: options.wide.columns.map((c) => (header[c] ?? '').trim()), date, width: Math.max(date, ...options.wide.columns) + 1 };
			// Each product cell becomes a row [date, sku, quantity] through the ordinary path.
			m = { dateTime: 0, sku: 1, quantity: 2 };
		}
		const c = (f: ImportField) => m[f] ?? -1;
		this.col = {
			invoice: c('invoice'), dateTime: m.dateTime ?? m.date ?? -1, date: -1, time: c('time'), sku: c('sku'), productName: c('productName'),
			quantity: c('quantity'), unitPrice: c('unitPrice'), lineTotal: c('lineTotal'), customer: c('customer'), store: c('store'),
			category: c('category'), unitCost: c('unitCost'), supplier: c('supplier'), discount: c('discount'),
			style: c('style'), size: c('size'), color: c('color'), options: c('options'),
			taxRate: c('taxRate'), taxAmount: c('taxAmount'), payments: c('payments'), returnOf: c('returnOf'), cashier: c('cashier')
		};
		const col = this.col;
		this.hasTillColumns = col.taxRate >= 0 || col.taxAmount >= 0 || col.payments >= 0 || col.returnOf >= 0 || col.cashier >= 0;
		if (col.style >= 0 || col.size >= 0 || col.color >= 0 || col.options >= 0) {
			const header = options.header ?? [];
			const spanish = spanishHeader(header);
			// A size or colour coded in the SKU has no header of its own: named in the file's language.
			const named = (i: number, es: string, en: string) => (i >= 0 && i !== col.sku && header[i] ? optionName(header[i]) : spanish ? es : en);
			this.variantColumns = {
				style: col.style, size: col.size, color: col.color, options: col.options, sku: col.sku, name: col.productName,
				sizeName: named(col.size, 'Talla', 'Size'), colorName: named(col.color, 'Color', 'Color')
			};
		}
		this.styles = new ImportStyles(products);
		this.variants = new VariantResolver(this.styles, this.productSlots());
		if (this.col.dateTime < 0) throw new ImportConfigError('no column is mapped to the date: map "dateTime" (or "date")');
		if (this.col.sku < 0 && this.col.productName < 0 && this.col.style < 0) throw new ImportConfigError('no column is mapped to the product: map "sku", "productName" or "style"');
		if (options.dialect.dateOrder === null) throw new ImportConfigError('the date order is undecided: choose one of ' + options.dialect.dateOrderCandidates.join(', '));
		this.minColumns = Math.max(...Object.values(m).filter((v): v is number => v !== undefined)) + 1;
		this.header = options.header && options.header.length > 0 && !this.wide ? options.header.map((h) => h.trim()) : null;
		this.excluded = new Set(options.exclusions.skus.map((s) => s.trim().toUpperCase()));
		this.prefixes = options.cancellationPrefixes.filter((p) => p !== '').map((p) => p.toUpperCase());
	}

	/** Loads the products (by SKU), customers (by code) and keys of lines already imported. */
	static async open(repo: InventoryRepository, options: ImportOptions): Promise<SalesImporter> {
		const keys = await repo.lineKeys();
		const stored = new KeySet(keys.length);
		for (let i = 0; i < keys.length; i++) stored.add(keys[i]);
		const products = await repo.listProducts();
		const importer = new SalesImporter(repo, options, stored, products);
		for (const p of products) {
			importer.takenIds.add(p.id);
			// A style is never sold: its SKU is not a product slot (a line naming it is rejected).
			if (isStyle(p)) continue;
			if (importer.excluded.has(p.sku.trim().toUpperCase())) importer.productSlot.set(p.sku, EXCLUDED);
			else importer.variants.known(p, importer.addProductSlot(p.sku, p.id, p.unitPrice, null));
		}
		for (const c of await repo.listCustomers()) {
			importer.takenIds.add(c.id);
			if (c.code !== '' && !importer.customerSlot.has(c.code)) importer.addCustomerSlot(c.code, c.id, null);
		}
		if (options.mapping.supplier !== undefined) for (const s of await repo.listSuppliers()) {
			importer.takenIds.add(s.id);
			importer.supplierByName.set(foldText(s.name), s.id);
		}
		return importer;
	}

	private productSlots() {
		return {
			slotOf: (sku: string) => this.productSlot.get(sku),
			add: (sku: string, id: ProductId, price: number, created: Product) => this.addProductSlot(sku, id, price, created),
			freshId: (id: Uuid) => this.freshId(id)
		};
	}

	/** Ids of the store's products, customers and suppliers: a content-made id already taken (a renamed record) falls back to a random one. */
	private readonly takenIds = new Set<string>();
	private freshId(id: Uuid): Uuid {
		const fresh = this.takenIds.has(id) ? newId() : id;
		this.takenIds.add(fresh);
		return fresh;
	}

	private addProductSlot(sku: string, id: ProductId, price: number, created: Product | null): number {
		this.takenIds.add(id);
		const slot = this.productIds.length;
		this.productSlot.set(sku, slot);
		this.productIds.push(id);
		this.productPrice.push(price);
		this.productNew.push(created);
		return slot;
	}

	private addCustomerSlot(code: string, id: CustomerId, created: Customer | null): number {
		this.takenIds.add(id);
		const slot = this.customerIds.length;
		this.customerSlot.set(code, slot);
		this.customerIds.push(id);
		this.customerNew.push(created);
		return slot;
	}

	/** Bytes of the file consumed so far, for the progress bar (the importer only sees rows). */
	setBytes(read: number, total: number) {
		this.bytesRead = read;
		this.bytesTotal = total;
	}

	/** Stops after the rows given so far: finish() still writes the lines already accepted. */
	cancel() { this.cancelled = true; }

	/**
	 * Validates and stores rows (data cells as text, header excluded). firstRowNumber is the
	 * 1-based row of rows[0] in the file, counting the header row and any rows above it.
	 * Complete blocks are written in the background, one transaction at a time: the call returns
	 * once the previous write has finished, and a storage error surfaces on the next call
	 * (ImportStorageError) and in finish().
	 */
	async addRows(rows: string[][], firstRowNumber: number): Promise<void> {
		this.throwIfFailed();
		if (this.wide) for (let i = 0; i < rows.length; i++) this.wideRow(rows[i], firstRowNumber + i);
		else for (let i = 0; i < rows.length; i++) this.row(rows[i], firstRowNumber + i);
		if (this.ready.length === 0) return;
		// One write in flight at a time: rows go on being read while storage commits, and the blocks
		// that pile up meanwhile go together in the next transaction (up to MAX_BATCH_BLOCKS).
		if (this.writing) {
			if (this.ready.length < MAX_BATCH_BLOCKS) return;
			await this.writing;
		}
		this.throwIfFailed();
		if (this.ready.length > 0 && !this.writing) this.writing = this.writeReady().then(() => { this.writing = null; }, () => { this.writing = null; });
	}

	private writing: Promise<void> | null = null;

	private throwIfFailed() {
		if (this.error) throw new ImportStorageError(this.error.code === 'quota' ? 'quota' : 'storage', this.error.message);
	}

	/** A wide row: one line per product cell; empty and 0 cells are no sale (counted as blank). */
	private wideRow(r: string[], rowNumber: number) {
		const w = this.wide!;
		if (r.length === 0 || r.every((c) => c.trim() === '')) {
			this.rowsRead++;
			this.blank++;
			return;
		}
		const header = this.options.header!;
		const isHeader = r.length >= header.length && header.every((h, k) => r[k].trim() === h.trim());
		for (let k = 0; k < w.columns.length; k++) {
			const c = w.columns[k];
			if (isHeader || r.length < w.width) {
				this.rowsRead++;
				if (isHeader) this.reject(r, rowNumber, 'row', 'repeated_header', 'the header line appears again');
				else this.reject(r, rowNumber, 'row', 'missing_columns', `the row has ${r.length} columns; the header has ${header.length}`);
				continue;
			}
			const cell = r[c];
			const t = cell.trim();
			if (t === '' || parseNumber(t, this.options.dialect.decimal) === 0) {
				this.rowsRead++;
				this.blank++;
				continue;
			}
			const before = this.rejected.length;
			this.row([r[w.date], w.skus[k], cell], rowNumber);
			if (this.rejected.length > before) {
				const last = this.rejected[this.rejected.length - 1];
				last.raw = r;
				if (last.field === 'quantity') last.reason = `${w.skus[k]}: ${last.reason}`;
			}
		}
	}

	private reject(raw: string[], row: number, field: RejectedRow['field'], code: string, reason: string) {
		this.rejected.push({ row, field, code, reason, raw });
	}

	private row(r: string[], rowNumber: number) {
		this.rowsRead++;
		const n = r.length;
		if (n === 0 || (r[0].trim() === '' && r.every((c) => c.trim() === ''))) {
			this.blank++;
			return;
		}
		const col = this.col;
		if (n < this.minColumns) {
			return this.reject(r, rowNumber, 'row', 'missing_columns', `the row has ${n} column${n === 1 ? '' : 's'}; the mapping needs ${this.minColumns}`);
		}
		const header = this.header;
		if (header !== null) {
			if (n > header.length) {
				for (let k = header.length; k < n; k++) {
					if (r[k].trim() !== '') return this.reject(r, rowNumber, 'row', 'wrong_column_count', `the row has ${n} columns; the header has ${header.length} (a delimiter inside an unquoted cell?)`);
				}
			}
			if (r[0].trim() === header[0] && n >= header.length && header.every((h, k) => r[k].trim() === h)) {
				return this.reject(r, rowNumber, 'row', 'repeated_header', 'the header line appears again');
			}
		}
		// Product
		const name = col.productName >= 0 ? unguarded(r[col.productName].trim()) : '';
		let sku = col.sku >= 0 ? unguarded(r[col.sku].trim()) : name;
		// A file naming products only by style, size and colour: the variant names the line (below).
		const byStyle = sku === '' && col.sku < 0 && col.productName < 0;
		if (sku === '' && !byStyle) return this.reject(r, rowNumber, col.sku >= 0 ? 'sku' : 'productName', 'missing_sku', 'the product code is empty');
		let product = this.productSlot.get(sku);
		if (product === undefined && this.excluded.has(sku.toUpperCase())) this.productSlot.set(sku, (product = EXCLUDED));
		if (product === EXCLUDED) {
			return this.reject(r, rowNumber, col.sku >= 0 ? 'sku' : 'productName', 'excluded', `"${sku}" is excluded by the rule for non-product lines (postage, fees, adjustments)`);
		}
		// Quantity
		const dec = this.options.dialect.decimal;
		let qty = 1;
		if (col.quantity >= 0) {
			qty = parseNumber(r[col.quantity], dec);
			if (Number.isNaN(qty)) return this.reject(r, rowNumber, 'quantity', r[col.quantity].trim() === '' ? 'missing_quantity' : 'not_a_number', `quantity ${numberError(r[col.quantity], dec)}`);
			if (qty === 0) return this.reject(r, rowNumber, 'quantity', 'zero_quantity', 'the quantity is 0');
		}
		// Price
		let price: number;
		if (col.unitPrice >= 0) {
			price = parseCents(r[col.unitPrice], dec);
			if (Number.isNaN(price)) return this.reject(r, rowNumber, 'unitPrice', r[col.unitPrice].trim() === '' ? 'missing_price' : 'not_a_number', `unit price ${numberError(r[col.unitPrice], dec)}`);
			if (price < 0) return this.reject(r, rowNumber, 'unitPrice', 'negative_price', `the unit price ${r[col.unitPrice].trim()} is negative`);
		} else if (col.lineTotal >= 0) {
			const total = parseCents(r[col.lineTotal], dec);
			if (Number.isNaN(total)) return this.reject(r, rowNumber, 'lineTotal', r[col.lineTotal].trim() === '' ? 'missing_price' : 'not_a_number', `line total ${numberError(r[col.lineTotal], dec)}`);
			price = Math.round(Math.abs(total / qty));
		} else price = product === undefined ? 0 : this.productPrice[product];
		let discount = 0;
		if (col.discount >= 0 && r[col.discount].trim() !== '') {
			discount = parseCents(r[col.discount], dec);
			if (Number.isNaN(discount)) return this.reject(r, rowNumber, 'discount', 'not_a_number', `discount ${numberError(r[col.discount], dec)}`);
			if (discount < 0) return this.reject(r, rowNumber, 'discount', 'negative_discount', `the discount ${r[col.discount].trim()} is negative`);
		}
		// A list price and a lower line total without a discount column (MRP 69.00, Net Amount 62.10):
		// the difference is the line's discount; a return gives back what was paid per unit.
		if (col.discount < 0 && col.unitPrice >= 0 && col.lineTotal >= 0) {
			const total = parseCents(r[col.lineTotal], dec);
			const gross = Math.round(qty * price);
			if (qty > 0 && total >= 0 && total < gross - 1) discount = gross - total;
			else if (qty < 0 && total < 0 && -total < -gross - 1) price = Math.round(total / qty);
		}
		if (this.hasTillColumns && !this.readTill(r, rowNumber, Math.round(qty * price) - discount)) return;
		// Date and time
		const order = this.options.dialect.dateOrder!;
		const dcell = r[col.dateTime];
		let at: number;
		if (dcell === this.lastDateCell) at = this.lastDate;
		else {
			at = parseDateTime(dcell, order);
			if (Number.isNaN(at)) {
				const e = dateError(dcell, order);
				return this.reject(r, rowNumber, this.options.mapping.dateTime !== undefined ? 'dateTime' : 'date', e.code, e.reason);
			}
			this.lastDateCell = dcell;
			this.lastDate = at;
		}
		if (col.time >= 0) {
			const t = parseTimeOfDay(r[col.time]);
			if (Number.isNaN(t)) {
				const e = timeError(r[col.time]);
				return this.reject(r, rowNumber, 'time', e.code, e.reason);
			}
			at += t;
		}
		// Invoice; cancellations become returns
		let invoice = '';
		if (col.invoice >= 0) {
			const cell = r[col.invoice];
			if (cell !== this.lastInvoiceCell) {
				this.lastInvoiceCell = cell;
				this.lastInvoice = unguarded(cell.trim());
				const up = this.lastInvoice.toUpperCase();
				this.lastCancelled = up !== '' && this.prefixes.some((p) => up.startsWith(p));
			}
			invoice = this.lastInvoice;
			if (qty > 0 && this.lastCancelled) qty = -qty;
		}
		// A style and its variant (size, colour), when the file says them.
		let variant: VariantPlan | null = null;
		if (this.variantColumns) {
			const cells = readVariantCells(r, this.variantColumns, sku, name);
			if (cells && 'error' in cells) return this.reject(r, rowNumber, 'options', 'bad_options', `the options "${cells.cell}" are not Name=Value pairs (e.g. Talla=M; Color=Negro)`);
			if (cells) variant = this.variants.plan(cells, col.sku >= 0 ? sku : '', () => this.rowProduct(r, rowNumber), price);
			if (variant?.create === null) product = variant.slot;
			// Named by style alone, a line without size or colour is the style's code (a plain product, or refused below if it is a style).
			if (byStyle) {
				sku = cells && !('error' in cells) ? `${cells.styleCode} ${cells.values.map((v) => v.value).join(' / ')}` : unguarded(r[col.style].trim());
				if (!variant) product = this.productSlot.get(sku);
			}
		}
		if (sku === '') return this.reject(r, rowNumber, 'style', 'missing_sku', 'the line names no product: its style, size and colour are empty');
		if (product === undefined && !variant && this.styles.isStyleSku(sku)) {
			return this.reject(r, rowNumber, col.sku >= 0 ? 'sku' : 'productName', 'style_not_sold', `"${sku}" is a style with options (sizes, colours): the line must say which of its variants was sold`);
		}
		// Identity: the n-th identical line of the invoice in this file has occurrence n.
		let occurrence = 0;
		let key = lineKey(invoice, at, sku, qty, price, 0);
		while (!this.fresh.add(key)) key = lineKey(invoice, at, sku, qty, price, ++occurrence);
		if (this.stored.size > 0 && this.stored.has(key)) {
			this.duplicates++;
			return;
		}
		// Product and customer (created when first seen)
		if (variant?.create) {
			product = this.variants.create(variant, this.rowProduct(r, rowNumber), price);
			this.productsCreated++;
		} else if (product === undefined) product = this.createProduct(r, sku, name, price, rowNumber);
		let customer = -1;
		if (col.customer >= 0) {
			const cell = r[col.customer];
			if (cell === this.lastCustomerCell) customer = this.lastCustomer;
			else {
				const code = normalizeCustomerCode(unguarded(cell.trim()));
				if (code !== '') {
					const c = this.customerSlot.get(code);
					customer = c === undefined ? this.createCustomer(code, at) : c;
				}
				this.lastCustomerCell = cell;
				this.lastCustomer = customer;
			}
		}
		// Store or country of the sale (dictionary-coded: a few names repeat over the whole file)
		let store = -1;
		if (col.store >= 0) {
			const name = unguarded(r[col.store].trim());
			if (name !== '') {
				store = this.storeSlot.get(name) ?? -1;
				if (store < 0) {
					store = this.storeNames.length;
					this.storeSlot.set(name, store);
					this.storeNames.push(name);
				}
			}
		}
		// Group consecutive lines of the same invoice and time into one sale.
		const sales = this.sales;
		const last = sales.length > 0 ? sales[sales.length - 1] : undefined;
		if (last === undefined || last.invoice !== invoice || last.at !== at || last.customer !== customer || last.store !== store) {
			if (this.lines.length >= BLOCK_LINES) this.cut();
			sales.push({ invoice, at, customer, store, firstLine: this.lines.length, cashier: '', payments: '', returnOf: '', taxExcluded: this.rowTaxExcluded });
		} else if (this.lines.length >= BLOCK_LINES && last.firstLine > 0) {
			this.cut(sales.length - 1);
		}
		if (this.hasTillColumns) this.saleDetails(sales[sales.length - 1], r);
		this.lines.push(product, qty, price, discount, key, this.rowTaxRate, this.rowTax);
	}

	// The till's columns of the current row, read by readTill (NaN: the file does not say).
	private readonly hasTillColumns: boolean;
	private rowTaxRate = NaN;
	private rowTax = NaN;
	private rowTaxExcluded = false;

	/** The row's tax (a rate gives the tax inside the amount) and payments; false when a cell is refused. */
	private readTill(r: string[], rowNumber: number, amount: number): boolean {
		const col = this.col;
		const dec = this.options.dialect.decimal;
		this.rowTaxRate = this.rowTax = NaN;
		this.rowTaxExcluded = false;
		const rateCell = col.taxRate >= 0 ? r[col.taxRate].trim() : '';
		if (rateCell !== '') {
			this.rowTaxRate = parseRate(rateCell);
			if (Number.isNaN(this.rowTaxRate)) return this.refuse(r, rowNumber, 'taxRate', 'not_a_rate', `the tax rate "${rateCell}" is not a percentage from 0 to 100`);
		}
		const taxCell = col.taxAmount >= 0 ? r[col.taxAmount].trim() : '';
		if (taxCell !== '') {
			this.rowTax = parseCents(taxCell, dec);
			if (Number.isNaN(this.rowTax)) return this.refuse(r, rowNumber, 'taxAmount', 'not_a_number', `tax amount ${numberError(taxCell, dec)}`);
			if (col.lineTotal >= 0 && col.unitPrice >= 0) this.rowTaxExcluded = pricedWithoutTax(amount, this.rowTax, parseCents(r[col.lineTotal], dec));
		} else if (!Number.isNaN(this.rowTaxRate)) this.rowTax = includedTax(amount, this.rowTaxRate);
		if (col.payments >= 0) {
			const cell = r[col.payments].trim();
			if (cell !== this.lastPaymentsCell) {
				if (!paymentsReadable(cell)) return this.refuse(r, rowNumber, 'payments', 'bad_payments', `the payments "${cell}" are not method:amount pairs (e.g. cash:20.00; card:5.50)`);
				this.lastPaymentsCell = cell;
			}
		}
		return true;
	}

	private refuse(r: string[], rowNumber: number, field: RejectedRow['field'], code: string, reason: string): false {
		this.reject(r, rowNumber, field, code, reason);
		return false;
	}

	/** A sale's cashier, payments and returned invoice: from its first line that has them. */
	private saleDetails(sale: PendingSale, r: string[]) {
		const col = this.col;
		if (sale.cashier === '' && col.cashier >= 0) sale.cashier = unguarded(r[col.cashier].trim());
		if (sale.payments === '' && col.payments >= 0) sale.payments = r[col.payments].trim();
		if (sale.returnOf === '' && col.returnOf >= 0) sale.returnOf = unguarded(r[col.returnOf].trim());
	}

	/** What a new product takes from its first row: category, cost, supplier (made when new) and tax rate. */
	private rowProduct(r: string[], rowNumber: number): RowProduct {
		const col = this.col;
		const dec = this.options.dialect.decimal;
		let unitCost = 0;
		if (col.unitCost >= 0) {
			const c = parseCents(r[col.unitCost], dec);
			if (!Number.isNaN(c) && c >= 0) unitCost = c;
		}
		let supplierId: SupplierId | null = null;
		if (col.supplier >= 0) {
			const s = r[col.supplier].trim();
			if (s !== '') {
				const folded = foldText(s);
				supplierId = this.supplierByName.get(folded) ?? null;
				if (supplierId === null) {
					supplierId = this.freshId(supplierIdForName(folded));
					this.supplierByName.set(folded, supplierId);
					this.newSuppliers.push({ id: supplierId, name: s, contact: '', email: '', phone: '', defaultLeadTimeDays: 7, notes: `Created by import (row ${rowNumber})`, updatedAt: nowLocal() });
				}
			}
		}
		return {
			category: col.category >= 0 ? r[col.category].trim() : '', unitCost: unitCost as Cents, supplierId,
			...(Number.isNaN(this.rowTaxRate) ? {} : { taxRate: this.rowTaxRate })
		};
	}

	private createProduct(r: string[], sku: string, name: string, price: number, rowNumber: number): number {
		const product: Product = {
			id: this.freshId(productIdForSku(sku)) as ProductId, sku, barcode: '', name: name === '' ? sku : name, ...this.rowProduct(r, rowNumber),
			unitPrice: price as Cents, leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: true, updatedAt: nowLocal()
		};
		this.productsCreated++;
		return this.addProductSlot(sku, product.id, price, product);
	}

	private readonly newSuppliers: Supplier[] = [];

	private createCustomer(code: string, at: number): number {
		const customer: Customer = {
			id: this.freshId(customerIdForCode(code)) as CustomerId, code, name: /^\d+$/.test(code) ? '' : code, email: '', phone: '',
			firstSeen: dayOf(at as LocalTimestamp), createdByImport: true, updatedAt: nowLocal()
		};
		this.customersCreated++;
		return this.addCustomerSlot(code, customer.id, customer);
	}

	/** Moves the sales before index `keep` (default: all) into a ready block. */
	private cut(keep = this.sales.length) {
		if (keep === 0) return;
		const lines = keep === this.sales.length ? this.lines.length : this.sales[keep].firstLine;
		const sales = this.sales.splice(0, keep);
		this.ready.push({ sales, lines: this.lines.take(lines) });
		for (const s of this.sales) s.firstLine -= lines;
	}

	/** Packs one ready part; products and customers it introduces join newProducts/newCustomers once. */
	private buildBlock(part: SalesImporter['ready'][number], newProducts: Map<number, Product>, newCustomers: Map<number, Customer>): SaleBlock {
		const { sales, lines: { product, qty, price, discount, key } } = part;
		const lineCount = product.length;
		const saleCount = sales.length;
		const pIndex = new Map<number, number>();
		const cIndex = new Map<number, number>();
		const sIndex = new Map<number, number>();
		const stores: string[] = [];
		const saleStore = new Int32Array(saleCount).fill(-1);
		const block: SaleBlock = {
			id: this.ids.next(), source: this.options.source, lineCount, saleCount,
			firstDay: dayOf(sales[0].at as LocalTimestamp), lastDay: dayOf(sales[0].at as LocalTimestamp),
			saleIds: new Array<SaleId>(saleCount), invoices: new Array<string>(saleCount), saleAt: new Float64Array(saleCount),
			saleCustomer: new Int32Array(saleCount), customers: [], deviceIds: new Array<string>(saleCount).fill(this.options.deviceId),
			lineSale: new Uint32Array(lineCount), lineProduct: new Uint32Array(lineCount), products: [],
			quantity: qty, unitPrice: price, discount, lineKeys: key
		};
		for (let s = 0; s < saleCount; s++) {
			const sale = sales[s];
			// Named after its first line's identity: the same export imported on another tablet makes the same sale.
			block.saleIds[s] = (Number.isNaN(key[sale.firstLine]) ? this.ids.next() : stableId('imported-sale', String(key[sale.firstLine]))) as SaleId;
			block.invoices[s] = sale.invoice;
			block.saleAt[s] = sale.at;
			const day = dayOf(sale.at as LocalTimestamp);
			if (day < block.firstDay) block.firstDay = day;
			if (day > block.lastDay) block.lastDay = day;
			if (sale.customer < 0) block.saleCustomer[s] = -1;
			else {
				let ci = cIndex.get(sale.customer);
				if (ci === undefined) {
					ci = block.customers.length;
					block.customers.push(this.customerIds[sale.customer]);
					cIndex.set(sale.customer, ci);
					const created = this.customerNew[sale.customer];
					if (created) newCustomers.set(sale.customer, created);
				}
				block.saleCustomer[s] = ci;
			}
			if (sale.store >= 0) {
				let si = sIndex.get(sale.store);
				if (si === undefined) {
					si = stores.length;
					stores.push(this.storeNames[sale.store]);
					sIndex.set(sale.store, si);
				}
				saleStore[s] = si;
			}
			const end = s + 1 < saleCount ? sales[s + 1].firstLine : lineCount;
			for (let l = sale.firstLine; l < end; l++) block.lineSale[l] = s;
		}
		for (let l = 0; l < lineCount; l++) {
			const p = product[l];
			let pi = pIndex.get(p);
			if (pi === undefined) {
				pi = block.products.length;
				block.products.push(this.productIds[p]);
				pIndex.set(p, pi);
				const created = this.productNew[p];
				if (created) newProducts.set(p, created);
			}
			block.lineProduct[l] = pi;
		}
		if (stores.length > 0) {
			block.stores = stores;
			block.saleStore = saleStore;
		}
		if (this.hasTillColumns) addTillColumns(block, sales, part.lines);
		return block;
	}

	private async writeReady() {
		while (this.ready.length > 0) {
			const parts = this.ready.slice(0, MAX_BATCH_BLOCKS);
			const newProducts = new Map<number, Product>();
			const newCustomers = new Map<number, Customer>();
			const blocks = parts.map((part) => this.buildBlock(part, newProducts, newCustomers));
			// New styles go with the batch holding their first variants; stored ones that gained a value just before it.
			const styles = this.styles.toWrite(newProducts.values());
			try {
				while (this.newSuppliers.length > 0) {
					await this.repo.putSupplier(this.newSuppliers[0]);
					this.newSuppliers.shift();
				}
				for (const style of styles.changed) await this.repo.putProduct(style);
				await this.repo.appendSales({
					blocks, movements: deriveSaleMovements(blocks),
					products: [...styles.fresh, ...newProducts.values()], customers: [...newCustomers.values()]
				});
				styles.done();
				this.productsCreated += styles.fresh.length;
			} catch (e) {
				this.styles.failed(styles.changed);
				const quota = isQuotaError(e);
				const message = quota ? 'storage is full' : (e as Error)?.message ?? String(e);
				this.error = { code: quota ? 'quota' : 'storage', message };
				throw new ImportStorageError(quota ? 'quota' : 'storage', message);
			}
			this.ready.splice(0, parts.length);
			for (const slot of newProducts.keys()) this.productNew[slot] = null;
			for (const slot of newCustomers.keys()) this.customerNew[slot] = null;
			for (const b of blocks) this.imported += b.lineCount;
		}
	}

	/** Counts so far; `imported` includes accepted lines not yet written. */
	progress(): ImportProgress {
		return {
			rowsRead: this.rowsRead - this.blank, imported: this.imported + this.lines.length + this.ready.reduce((n, p) => n + p.lines.product.length, 0),
			duplicates: this.duplicates, rejected: this.rejected.length, blank: this.blank,
			bytesRead: this.bytesRead, bytesTotal: this.bytesTotal, elapsedMs: Date.now() - this.started
		};
	}

	rejects(): RejectedRow[] { return this.rejected; }

	/** Writes the remaining lines and returns the totals. After a storage error, writes nothing more. */
	async finish(): Promise<ImportSummary> {
		if (this.writing) await this.writing;
		if (!this.error) {
			this.cut();
			try {
				await this.writeReady();
			} catch (e) {
				if (!(e instanceof ImportStorageError)) throw e;
			}
		}
		return {
			rowsRead: this.rowsRead - this.blank, imported: this.imported, duplicates: this.duplicates, rejected: this.rejected.length, blank: this.blank,
			bytesRead: this.bytesRead, bytesTotal: this.bytesTotal, elapsedMs: Date.now() - this.started,
			productsCreated: this.productsCreated, customersCreated: this.customersCreated, cancelled: this.cancelled, error: this.error
		};
	}
}

const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^[-+]?\d+([.,]\d+)?$/;

function csvCell(s: string): string {
	let v = s;
	if (FORMULA.test(v) && !NUMBER.test(v)) v = `'${v}`;
	return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The rejected rows as CSV: row, field, reason, then the row's own cells under the file's header. */
export function rejectsCsv(rejects: RejectedRow[], header: string[]): string {
	const width = Math.max(header.length, ...rejects.map((r) => r.raw.length));
	const head = ['row', 'field', 'reason', ...Array.from({ length: width }, (_, i) => header[i] ?? `column ${i + 1}`)];
	const lines = [head.map(csvCell).join(',')];
	for (const r of rejects) lines.push([String(r.row), r.field, r.reason, ...r.raw].map(csvCell).join(','));
	return lines.join('\r\n') + '\r\n';
}
