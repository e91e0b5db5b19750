// What the Stock screen does: receive goods, adjust and count, each through the core's stock
// operations, and describe what changed (stock before and after) for the confirmation.
import type { ProductId, SupplierId } from '$core/brand';
import { roundQty } from '$core/ledger';
import { parseQuantity, type QuantityRule } from '$core/quantity';
import { adjustStock, receiveGoods, recordCount, type LineError, type QuantityLine, type StockOpResult } from '$core/stock-ops';
import type { Product, StockMovement, Supplier } from '$core/types';
import { isStockItem } from '$core/variants';
import { getDeviceId, getRepository } from '$lib/db';
import { till } from '$lib/till/session.svelte';
import { requestSync } from './sync.svelte';

export interface StockData {
	/** Active stock items; archived ones are not received, adjusted or counted here, nor styles (their variants are). */
	products: Product[];
	suppliers: Supplier[];
	stock: Map<ProductId, number>;
	categories: string[];
}

export async function loadStockData(): Promise<StockData> {
	const repo = getRepository();
	const [all, suppliers, stock] = await Promise.all([repo.listProducts(), repo.listSuppliers(), repo.stockLevels()]);
	const products = all.filter((p) => p.active && isStockItem(p)).sort((a, b) => a.name.localeCompare(b.name));
	const categories = [...new Set(products.map((p) => p.category).filter(Boolean))].sort((a, b) => a.localeCompare(b));
	return { products, suppliers: suppliers.sort((a, b) => a.name.localeCompare(b.name)), stock, categories };
}

export interface StockChange { product: Product; before: number; after: number }

export type StockOutcome = { ok: true; changes: StockChange[]; stock: Map<ProductId, number>; movements: StockMovement[] } | { ok: false; errors: LineError[] };

/** A product with what was typed for it (received, counted). */
export interface TypedLine { product: Product; quantity: string }

interface ReadLines {
	lines: QuantityLine[];
	/** For each read line, its position on screen (blank lines skipped shift the rest). */
	origin: number[];
	errors: LineError[];
}

/** Reads typed quantities; blank lines are skipped when skipBlank (a count not finished). */
function readLines(lines: TypedLine[], rule: QuantityRule, skipBlank = false): ReadLines {
	const read: ReadLines = { lines: [], origin: [], errors: [] };
	lines.forEach((l, line) => {
		if (skipBlank && l.quantity.trim() === '') return;
		const parsed = parseQuantity(l.quantity, rule);
		if (!parsed.ok) read.errors.push({ line, field: 'quantity', code: parsed.code });
		read.lines.push({ productId: l.product.id, quantity: parsed.ok ? parsed.value : NaN });
		read.origin.push(line);
	});
	return read;
}

/** Runs a stock operation and turns its movements into before → after per product. */
async function run(products: Product[], operation: (deviceId: string) => Promise<StockOpResult>, origin?: number[]): Promise<StockOutcome> {
	const repo = getRepository();
	const [before, deviceId] = await Promise.all([repo.stockLevels(), getDeviceId(repo)]);
	const result = await operation(deviceId);
	if (result.ok) requestSync('edit');
	if (!result.ok) return { ok: false, errors: result.errors.map((e) => (origin && e.line >= 0 ? { ...e, line: origin[e.line] } : e)) };
	return { ok: true, changes: changesOf(result.movements, products, before), stock: await repo.stockLevels(), movements: result.movements };
}

function changesOf(movements: StockMovement[], products: Product[], before: Map<ProductId, number>): StockChange[] {
	const delta = new Map<ProductId, number>();
	for (const m of movements) delta.set(m.productId, (delta.get(m.productId) ?? 0) + m.quantity);
	return products
		.filter((p) => delta.has(p.id))
		.map((product) => {
			const was = before.get(product.id) ?? 0;
			return { product, before: was, after: roundQty(was + delta.get(product.id)!) };
		});
}

const chosen = (lines: TypedLine[]) => lines.map((l) => l.product);

export async function receive(supplierId: string, reference: string, lines: TypedLine[]): Promise<StockOutcome> {
	const read = readLines(lines, 'positive');
	if (read.errors.length) return { ok: false, errors: read.errors };
	return run(chosen(lines), (deviceId) => receiveGoods(getRepository(), (supplierId || null) as SupplierId | null, reference, read.lines, deviceId, till.cashierName), read.origin);
}

export async function adjust(product: Product | null, quantity: string, reason: string): Promise<StockOutcome> {
	const errors: LineError[] = [];
	if (!product) errors.push({ line: 0, field: 'productId', code: 'required' });
	const parsed = parseQuantity(quantity, 'signed');
	if (!parsed.ok) errors.push({ line: 0, field: 'quantity', code: parsed.code });
	if (reason.trim() === '') errors.push({ line: 0, field: 'note', code: 'required' });
	if (!product || !parsed.ok || errors.length) return { ok: false, errors };
	return run([product], (deviceId) => adjustStock(getRepository(), product.id, parsed.value, reason, deviceId, till.cashierName));
}

/** Records counted quantities; lines left blank are not counted and keep their stock. */
export async function count(lines: TypedLine[], reference: string): Promise<StockOutcome> {
	const read = readLines(lines, 'zeroOrMore', true);
	if (read.errors.length) return { ok: false, errors: read.errors };
	return run(chosen(lines), (deviceId) => recordCount(getRepository(), read.lines, reference, deviceId, till.cashierName), read.origin);
}
