// A full backup of the shop as ONE JSON file, and restoring it into an empty store.
//
// Format (version 2): {"format":"smart-inventory-backup","version":2,"createdAt":"YYYY-MM-DD HH:mm:ss",
// "counts":{...},"settings":{...},"suppliers":[...],"products":[...],"customers":[...],
// "movements":[...],"blocks":[...]}. Entities are stored as they are in the repository. A sale
// block's typed-array columns are base64 of their bytes (little-endian), so a million lines take
// ~30 bytes each instead of a JSON number per cell. Daily totals and the stock cache are not stored:
// restoring recomputes them from the blocks and the ledger. The device id is never restored: it
// names the tablet, not the shop. Version 2 (the till) adds a block's tax columns (typed, base64),
// its cashier, payments, returned invoice and receipt per sale (JSON), a product's tax rate and
// variant fields and a movement's actor; all optional, so a version 1 file reads as it is. The
// tickets index is rebuilt from the blocks' receipts as they are stored.
import { DEVICE_SETTING } from './device';
import { blockTillProblem, movementActorProblem, productTillProblem, type Problem } from './backup-till';
import type { LocalTimestamp } from './brand';
import { hasShopData } from './demo-load';
import { ALL_MOVEMENTS } from './export/exports';
import type { InventoryRepository, StoreCounts } from './repository';
import type { SaleBlock } from './sale-blocks';
import { PURCHASE_ORDER_STATUSES, type PurchaseOrder } from './purchase-orders/purchase-order';
import { isoLocal, nowLocal } from './time';
import { MOVEMENT_REASONS, type Customer, type Product, type StockMovement, type Supplier } from './types';

export const BACKUP_FORMAT = 'smart-inventory-backup';
export const BACKUP_VERSION = 2;

export type BackupErrorCode = 'malformed' | 'foreign' | 'version' | 'not_empty';

/** A backup that cannot be restored, and why; nothing was written when it is thrown. */
export class BackupError extends Error {
	constructor(readonly code: BackupErrorCode, message: string) {
		super(message);
		this.name = 'BackupError';
	}
}

const TYPED_COLUMNS = {
	saleAt: Float64Array, saleCustomer: Int32Array, lineSale: Uint32Array, lineProduct: Uint32Array,
	quantity: Float64Array, unitPrice: Float64Array, discount: Float64Array
} as const;
type TypedColumn = keyof typeof TYPED_COLUMNS;
const TYPED_KEYS = Object.keys(TYPED_COLUMNS) as TypedColumn[];
/**
 * Columns a block may have: the import's line identities (kept so a re-import after a restore
 * still skips them), the store or country of each sale, and the till's tax rate and tax per line
 * and tax-excluded prices per sale (format 2).
 */
const OPTIONAL_COLUMNS = { lineKeys: Float64Array, saleStore: Int32Array, taxRate: Float64Array, tax: Float64Array, saleTaxExcluded: Uint8Array } as const;
type OptionalColumn = keyof typeof OPTIONAL_COLUMNS;
const OPTIONAL_KEYS = Object.keys(OPTIONAL_COLUMNS) as OptionalColumn[];

export interface BackupFile {
	format: typeof BACKUP_FORMAT;
	version: number;
	createdAt: string;
	counts: StoreCounts;
	settings: Record<string, unknown>;
	suppliers: Supplier[];
	products: Product[];
	customers: Customer[];
	movements: StockMovement[];
	/** Absent in backups made before purchase orders existed. */
	purchaseOrders?: PurchaseOrder[];
	blocks: SaleBlock[];
}

export interface BackupResult {
	/** The file's text in parts (concatenate, write one by one, or hand to a Blob). */
	parts: string[];
	counts: StoreCounts;
}

export type BackupProgress = (done: number, total: number) => void;

// ---------------------------------------------------------------- base64 of typed arrays

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
	const out: string[] = [];
	let chunk = '';
	const n = bytes.length;
	let i = 0;
	for (; i + 2 < n; i += 3) {
		const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
		chunk += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63];
		if (chunk.length >= 8192) {
			out.push(chunk);
			chunk = '';
		}
	}
	if (i < n) {
		const v = (bytes[i] << 16) | ((i + 1 < n ? bytes[i + 1] : 0) << 8);
		chunk += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + (i + 1 < n ? ALPHABET[(v >> 6) & 63] : '=') + '=';
	}
	out.push(chunk);
	return out.join('');
}

/** Decodes base64; null when the text is not base64. */
export function base64ToBytes(text: string): Uint8Array | null {
	if (text.length % 4 !== 0) return null;
	const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
	const bytes = new Uint8Array((text.length / 4) * 3 - pad);
	let o = 0;
	for (let i = 0; i < text.length; i += 4) {
		const a = sextet(text, i), b = sextet(text, i + 1);
		const last = i + 4 === text.length;
		const c = last && pad === 2 ? 0 : sextet(text, i + 2);
		const d = last && pad >= 1 ? 0 : sextet(text, i + 3);
		if (a < 0 || b < 0 || c < 0 || d < 0) return null;
		const v = (a << 18) | (b << 12) | (c << 6) | d;
		bytes[o++] = v >> 16;
		if (o < bytes.length) bytes[o++] = (v >> 8) & 255;
		if (o < bytes.length) bytes[o++] = v & 255;
	}
	return bytes;
}

function sextet(text: string, i: number): number {
	const code = text.charCodeAt(i);
	return code < 128 ? DECODE[code] : -1;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function encodeColumn(array: ArrayBufferView): string {
	if (!LITTLE_ENDIAN) throw new Error('backups are written on little-endian machines only');
	return bytesToBase64(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
}

// ---------------------------------------------------------------- making a backup

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Writes the whole store as one JSON document, in parts. */
export async function createBackup(repo: InventoryRepository, options: { createdAt?: LocalTimestamp } = {}, onProgress?: BackupProgress): Promise<BackupResult> {
	const [suppliers, products, customers, blocks, purchaseOrders] = await Promise.all([
		repo.listSuppliers(), repo.listProducts(), repo.listCustomers(), repo.saleBlocks(), repo.listPurchaseOrders()
	]);
	purchaseOrders.sort((a, b) => a.createdAt - b.createdAt || byId(a, b));
	const settings: Record<string, unknown> = {};
	for (const [key, value] of await repo.listSettings()) if (key !== DEVICE_SETTING) settings[key] = value;
	// The ledger is reached per product (the port has no "all movements"); products are never deleted.
	const movements: StockMovement[] = [];
	for (const [i, p] of products.entries()) {
		movements.push(...(await repo.movementsOf(p.id, ALL_MOVEMENTS)).reverse());
		onProgress?.(i + 1, products.length + blocks.length);
	}
	// By time, then id: every store writes the same file for the same shop (ties are common: a ticket's movements share its time).
	movements.sort((a, b) => a.at - b.at || byId(a, b));
	blocks.sort((a, b) => a.firstDay - b.firstDay || byId(a, b));
	const counts: StoreCounts = {
		products: products.length, suppliers: suppliers.length, customers: customers.length,
		saleLines: blocks.reduce((n, b) => n + b.lineCount, 0), sales: blocks.reduce((n, b) => n + b.saleCount, 0),
		movements: movements.length
	};
	const head = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: isoLocal(options.createdAt ?? nowLocal()).replace('T', ' '), counts, settings };
	const parts = [JSON.stringify(head).slice(0, -1)];
	parts.push(`,"suppliers":${JSON.stringify(suppliers)}`, `,"products":${JSON.stringify(products)}`, `,"customers":${JSON.stringify(customers)}`);
	parts.push(`,"movements":${JSON.stringify(movements)}`, `,"purchaseOrders":${JSON.stringify(purchaseOrders)}`, ',"blocks":[');
	blocks.forEach((b, i) => {
		const encoded: Record<string, unknown> = { ...b };
		for (const [key, value] of Object.entries(b)) {
			if (!ArrayBuffer.isView(value)) continue;
			// A typed column this format does not know would come back as garbage: refuse instead.
			if (!(key in TYPED_COLUMNS) && !(key in OPTIONAL_COLUMNS)) throw new Error(`sale block column "${key}" is not part of backup format ${BACKUP_VERSION}`);
			encoded[key] = encodeColumn(value);
		}
		parts.push((i ? ',' : '') + JSON.stringify(encoded));
		onProgress?.(products.length + i + 1, products.length + blocks.length);
	});
	parts.push(']}');
	return { parts, counts };
}

// ---------------------------------------------------------------- reading and checking a backup

type FieldType = 'string' | 'number' | 'int' | 'boolean' | 'string?' | 'number?';

const SCHEMAS: Record<'suppliers' | 'products' | 'customers' | 'movements', Record<string, FieldType>> = {
	suppliers: { id: 'string', name: 'string', contact: 'string', email: 'string', phone: 'string', defaultLeadTimeDays: 'number', notes: 'string', updatedAt: 'number' },
	products: {
		id: 'string', sku: 'string', barcode: 'string', name: 'string', category: 'string', unitPrice: 'int', unitCost: 'int',
		supplierId: 'string?', leadTimeDays: 'number?', minOrderQty: 'number', packSize: 'number', reorderPoint: 'number?',
		active: 'boolean', createdByImport: 'boolean', updatedAt: 'number'
	},
	customers: { id: 'string', code: 'string', name: 'string', email: 'string', phone: 'string', firstSeen: 'int', createdByImport: 'boolean', updatedAt: 'number' },
	movements: { id: 'string', productId: 'string', quantity: 'number', reason: 'string', reference: 'string', note: 'string', at: 'number', deviceId: 'string' }
};

const malformed = (where: string, why: string) => new BackupError('malformed', `${where}: ${why}`);
const refuse = (problem: Problem) => { if (problem) throw malformed(...problem); };
const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v)?.slice(0, 40) ?? String(v));

function fits(value: unknown, type: FieldType): boolean {
	switch (type) {
		case 'string': return typeof value === 'string';
		case 'number': return typeof value === 'number' && Number.isFinite(value);
		case 'int': return Number.isSafeInteger(value);
		case 'boolean': return typeof value === 'boolean';
		case 'string?': return value === null || typeof value === 'string';
		case 'number?': return value === null || (typeof value === 'number' && Number.isFinite(value));
	}
}

const EXPECTED: Record<FieldType, string> = {
	string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', 'string?': 'text or null', 'number?': 'a number or null'
};

function checkList(doc: Record<string, unknown>, name: keyof typeof SCHEMAS): void {
	const list = doc[name];
	if (!Array.isArray(list)) throw malformed(name, 'missing or not a list');
	const schema = SCHEMAS[name];
	const ids = new Set<string>();
	list.forEach((item, i) => {
		if (typeof item !== 'object' || item === null) throw malformed(`${name}[${i}]`, 'not an object');
		const record = item as Record<string, unknown>;
		for (const [field, type] of Object.entries(schema)) {
			if (!fits(record[field], type)) throw malformed(`${name}[${i}].${field}`, `expected ${EXPECTED[type]}, found ${show(record[field])}`);
		}
		if (ids.has(record.id as string)) throw malformed(`${name}[${i}].id`, `the id ${show(record.id)} appears twice`);
		ids.add(record.id as string);
	});
}

function checkBlock(raw: unknown, i: number, productIds: Set<string>, blockIds: Set<string>): SaleBlock {
	const where = `blocks[${i}]`;
	if (typeof raw !== 'object' || raw === null) throw malformed(where, 'not an object');
	const b = raw as Record<string, unknown>;
	for (const field of ['id', 'source'] as const) if (typeof b[field] !== 'string') throw malformed(`${where}.${field}`, `expected text, found ${show(b[field])}`);
	for (const field of ['firstDay', 'lastDay', 'lineCount', 'saleCount'] as const) {
		if (!Number.isSafeInteger(b[field]) || (field.endsWith('Count') && (b[field] as number) < 0)) throw malformed(`${where}.${field}`, `expected a whole number, found ${show(b[field])}`);
	}
	if (blockIds.has(b.id as string)) throw malformed(`${where}.id`, `the block ${show(b.id)} appears twice`);
	blockIds.add(b.id as string);
	const lineCount = b.lineCount as number, saleCount = b.saleCount as number;
	for (const field of ['saleIds', 'invoices', 'deviceIds'] as const) {
		const list = b[field];
		if (!Array.isArray(list) || list.length !== saleCount || list.some((s) => typeof s !== 'string')) throw malformed(`${where}.${field}`, `expected ${saleCount} texts (one per sale)`);
	}
	for (const field of ['customers', 'products'] as const) {
		const list = b[field];
		if (!Array.isArray(list) || list.some((s) => typeof s !== 'string')) throw malformed(`${where}.${field}`, 'expected a list of ids');
	}
	const block = { ...b } as unknown as SaleBlock;
	const columns: [string, typeof TYPED_COLUMNS[TypedColumn] | typeof OPTIONAL_COLUMNS[OptionalColumn], number][] = TYPED_KEYS.map((key) => [key, TYPED_COLUMNS[key], key.startsWith('sale') ? saleCount : lineCount]);
	for (const key of OPTIONAL_KEYS) if (b[key] !== undefined) columns.push([key, OPTIONAL_COLUMNS[key], key.startsWith('sale') ? saleCount : lineCount]);
	if (b.saleStore !== undefined && (!Array.isArray(b.stores) || b.stores.some((s) => typeof s !== 'string'))) throw malformed(`${where}.stores`, 'expected a list of store names');
	for (const [key, Type, length] of columns) {
		const bytes = typeof b[key] === 'string' ? base64ToBytes(b[key] as string) : null;
		if (!bytes) throw malformed(`${where}.${key}`, 'expected base64 text');
		if (bytes.length !== length * Type.BYTES_PER_ELEMENT) throw malformed(`${where}.${key}`, `expected ${length} values, found ${bytes.length / Type.BYTES_PER_ELEMENT}`);
		// Copy into an aligned buffer of its own.
		(block as unknown as Record<string, ArrayBufferView>)[key] = new Type(bytes.slice().buffer);
	}
	const products = block.products, customers = block.customers;
	for (const id of products) if (!productIds.has(id)) throw malformed(`${where}.products`, `product ${id} is not in the backup's products`);
	for (let s = 0; s < saleCount; s++) {
		const c = block.saleCustomer[s];
		if (c < -1 || c >= customers.length) throw malformed(`${where}.saleCustomer[${s}]`, `customer index ${c} out of range`);
		if (!Number.isFinite(block.saleAt[s])) throw malformed(`${where}.saleAt[${s}]`, 'not a time');
		const store = block.saleStore?.[s] ?? -1;
		if (store < -1 || store >= (block.stores?.length ?? 0)) throw malformed(`${where}.saleStore[${s}]`, `store index ${store} out of range`);
	}
	let previous = 0;
	for (let l = 0; l < lineCount; l++) {
		const s = block.lineSale[l], p = block.lineProduct[l];
		if (s >= saleCount || s < previous) throw malformed(`${where}.lineSale[${l}]`, `sale index ${s} out of order or range`);
		previous = s;
		if (p >= products.length) throw malformed(`${where}.lineProduct[${l}]`, `product index ${p} out of range`);
		for (const key of ['quantity', 'unitPrice', 'discount'] as const) {
			if (!Number.isFinite(block[key][l])) throw malformed(`${where}.${key}[${l}]`, 'not a number');
		}
		const rate = block.taxRate?.[l] ?? 0;
		if (!(rate >= 0 && rate <= 100)) throw malformed(`${where}.taxRate[${l}]`, `${rate} is not a percentage from 0 to 100`);
		if (block.tax && !Number.isFinite(block.tax[l])) throw malformed(`${where}.tax[${l}]`, 'not a number');
	}
	const excluded = block.saleTaxExcluded?.findIndex((x) => x > 1) ?? -1;
	if (excluded >= 0) throw malformed(`${where}.saleTaxExcluded[${excluded}]`, 'expected 0 or 1');
	refuse(blockTillProblem(b, where, saleCount, block.saleIds));
	return block;
}

function checkPurchaseOrders(orders: unknown, productIds: ReadonlySet<string>) {
	if (!Array.isArray(orders)) throw malformed('purchaseOrders', 'not a list');
	orders.forEach((o: PurchaseOrder, i) => {
		const where = `purchaseOrders[${i}]`;
		if (typeof o !== 'object' || o === null || typeof o.id !== 'string') throw malformed(where, 'not a purchase order');
		if (!(PURCHASE_ORDER_STATUSES as readonly string[]).includes(o.status)) throw malformed(`${where}.status`, `unknown status ${show(o.status)}`);
		if (!Array.isArray(o.lines)) throw malformed(`${where}.lines`, 'not a list');
		o.lines.forEach((l, j) => {
			if (!productIds.has(l.productId)) throw malformed(`${where}.lines[${j}].productId`, `product ${l.productId} is not in the backup's products`);
			if (typeof l.quantity !== 'number' || !Number.isFinite(l.quantity)) throw malformed(`${where}.lines[${j}].quantity`, 'not a number');
		});
	});
}

/** Reads and checks a backup file completely; throws BackupError (nothing is written here). */
export function parseBackup(text: string): BackupFile {
	let doc: unknown;
	try {
		doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	} catch (e) {
		throw new BackupError('foreign', `this file is not a Smart Inventory backup (not JSON: ${(e as Error).message})`);
	}
	if (typeof doc !== 'object' || doc === null || (doc as Record<string, unknown>).format !== BACKUP_FORMAT) {
		throw new BackupError('foreign', `this file is not a Smart Inventory backup (no "format": "${BACKUP_FORMAT}" header)`);
	}
	const d = doc as Record<string, unknown>;
	if (!Number.isSafeInteger(d.version) || (d.version as number) < 1) throw malformed('version', `expected a version number, found ${show(d.version)}`);
	if ((d.version as number) > BACKUP_VERSION) {
		throw new BackupError('version', `this backup was made by a newer version of the app (format ${d.version}; this app reads up to ${BACKUP_VERSION}); update the app first`);
	}
	if (typeof d.settings !== 'object' || d.settings === null || Array.isArray(d.settings)) throw malformed('settings', 'missing or not an object');
	if (typeof d.counts !== 'object' || d.counts === null) throw malformed('counts', 'missing');
	for (const name of ['suppliers', 'products', 'customers', 'movements'] as const) checkList(d, name);
	const products = d.products as Product[];
	const skus = new Set<string>();
	products.forEach((p, i) => {
		if (skus.has(p.sku)) throw malformed(`products[${i}].sku`, `the SKU "${p.sku}" appears twice`);
		skus.add(p.sku);
	});
	const productIds = new Set(products.map((p) => p.id as string));
	products.forEach((p, i) => refuse(productTillProblem(p as unknown as Record<string, unknown>, `products[${i}]`, productIds)));
	(d.movements as StockMovement[]).forEach((m, i) => {
		if (!(MOVEMENT_REASONS as readonly string[]).includes(m.reason)) throw malformed(`movements[${i}].reason`, `unknown reason ${show(m.reason)}`);
		refuse(movementActorProblem(m as unknown as Record<string, unknown>, `movements[${i}]`));
		if (!productIds.has(m.productId)) throw malformed(`movements[${i}].productId`, `product ${m.productId} is not in the backup's products`);
	});
	if (d.purchaseOrders !== undefined) checkPurchaseOrders(d.purchaseOrders, productIds);
	if (!Array.isArray(d.blocks)) throw malformed('blocks', 'missing or not a list');
	const blockIds = new Set<string>();
	const blocks = d.blocks.map((b, i) => checkBlock(b, i, productIds, blockIds));
	const file = { ...d, blocks } as unknown as BackupFile;
	// The header's counts catch a file cut short or edited by hand.
	const actual = countsOf(file);
	for (const key of Object.keys(actual) as (keyof StoreCounts)[]) {
		if (file.counts[key] !== actual[key]) throw malformed(`counts.${key}`, `the header says ${show(file.counts[key])} but the file holds ${actual[key]}`);
	}
	return file;
}

function countsOf(file: BackupFile): StoreCounts {
	return {
		products: file.products.length, suppliers: file.suppliers.length, customers: file.customers.length,
		saleLines: file.blocks.reduce((n, b) => n + b.lineCount, 0), sales: file.blocks.reduce((n, b) => n + b.saleCount, 0),
		movements: file.movements.length
	};
}

// ---------------------------------------------------------------- restoring

const BLOCKS_PER_BATCH = 10;
const MOVEMENTS_PER_BATCH = 20_000;

/**
 * Restores a backup into an EMPTY store: checks the whole file first (BackupError 'malformed',
 * 'foreign' or 'version', nothing written), refuses a store with shop data (BackupError
 * 'not_empty'), then writes suppliers, products, customers and sales (daily totals follow), the
 * ledger (stock follows) and settings. A write that fails half way empties the store again
 * (keeping this device's id) and rethrows. Progress counts sale lines and movements written.
 */
export async function restoreBackup(repo: InventoryRepository, file: string | BackupFile, onProgress?: BackupProgress): Promise<StoreCounts> {
	const backup = typeof file === 'string' ? parseBackup(file) : file;
	if (hasShopData(await repo.counts())) {
		throw new BackupError('not_empty', 'the store already has data; a backup only restores into an empty store (delete all data first)');
	}
	const deviceId = await repo.getSetting<string>(DEVICE_SETTING);
	const counts = countsOf(backup);
	const total = counts.saleLines + counts.movements;
	let done = 0;
	onProgress?.(done, total);
	try {
		for (const s of backup.suppliers) await repo.putSupplier(s);
		// Products and customers go in with the first sales, in one transaction.
		for (let i = 0; i === 0 || i < backup.blocks.length; i += BLOCKS_PER_BATCH) {
			const blocks = backup.blocks.slice(i, i + BLOCKS_PER_BATCH);
			await repo.appendSales(i === 0 ? { blocks, movements: [], products: backup.products, customers: backup.customers } : { blocks, movements: [] });
			done += blocks.reduce((n, b) => n + b.lineCount, 0);
			onProgress?.(done, total);
		}
		for (let i = 0; i < backup.movements.length; i += MOVEMENTS_PER_BATCH) {
			const chunk = backup.movements.slice(i, i + MOVEMENTS_PER_BATCH);
			await repo.addMovements(chunk);
			done += chunk.length;
			onProgress?.(done, total);
		}
		for (const order of backup.purchaseOrders ?? []) await repo.putPurchaseOrder(order);
		for (const [key, value] of Object.entries(backup.settings)) if (key !== DEVICE_SETTING) await repo.putSetting(key, value);
	} catch (e) {
		await repo.clear().catch(() => undefined);
		if (deviceId !== undefined) await repo.putSetting(DEVICE_SETTING, deviceId).catch(() => undefined);
		throw e;
	}
	return counts;
}
