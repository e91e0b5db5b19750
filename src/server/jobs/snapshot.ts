// The store as a worker thread sees it: the parts of the shop's data the main thread read and
// posted, behind the core's InventoryRepository (reads only), so a worker runs the very report
// builders the CLI runs on its own store. Writing is the main thread's job: every write throws.
import type { CustomerId, DayNumber, ProductId, SupplierId } from '../../core/brand';
import type { ProductSeries } from '../../core/product-series';
import type { InventoryRepository, StoreCounts } from '../../core/repository';
import { keysOfBlocks, type SaleBlock } from '../../core/sale-blocks';
import type { Snapshot, SnapshotPart } from './protocol';

function part<K extends SnapshotPart>(snapshot: Snapshot, key: K): NonNullable<Snapshot[K]> {
	const value = snapshot[key];
	if (value === undefined) throw new Error(`the report read "${key}", which was not sent to the worker`);
	return value as NonNullable<Snapshot[K]>;
}

const readOnly = (): never => {
	throw new Error('a worker thread only reads: the main thread writes');
};

export class SnapshotRepository implements InventoryRepository {
	constructor(private readonly snapshot: Snapshot) {}

	async listProducts() { return part(this.snapshot, 'products'); }
	async getProduct(id: ProductId) { return part(this.snapshot, 'products').find((p) => p.id === id); }
	async getProductBySku(sku: string) { return part(this.snapshot, 'products').find((p) => p.sku === sku); }
	async listSuppliers() { return part(this.snapshot, 'suppliers'); }
	async getSupplier(id: SupplierId) { return part(this.snapshot, 'suppliers').find((s) => s.id === id); }
	async listCustomers() { return part(this.snapshot, 'customers'); }
	async getCustomer(id: CustomerId) { return part(this.snapshot, 'customers').find((c) => c.id === id); }
	async stockLevels() { return new Map(part(this.snapshot, 'stock')); }
	async saleBlocks(fromDay?: DayNumber, toDay?: DayNumber): Promise<SaleBlock[]> {
		return part(this.snapshot, 'blocks').filter((b) => (toDay === undefined || b.firstDay <= toDay) && (fromDay === undefined || b.lastDay >= fromDay));
	}
	async lineKeys() { return keysOfBlocks(part(this.snapshot, 'blocks')); }
	async shopDays(fromDay: DayNumber, toDay: DayNumber) { return part(this.snapshot, 'shopDays').filter((d) => d.day >= fromDay && d.day <= toDay); }
	async productDays(productId: ProductId, fromDay: DayNumber, toDay: DayNumber) {
		const s = (await this.allProductSeries()).find((x) => x.productId === productId);
		if (!s) return [];
		const out = [];
		for (let i = 0; i < s.days.length; i++) {
			const day = s.days[i] as DayNumber;
			if (day >= fromDay && day <= toDay) out.push({ productId, day, units: s.units[i], revenue: s.revenue[i], cost: s.cost[i], lines: s.lines[i] });
		}
		return out as Awaited<ReturnType<InventoryRepository['productDays']>>;
	}
	async allProductSeries(): Promise<ProductSeries[]> { return part(this.snapshot, 'series'); }
	async listPurchaseOrders() { return part(this.snapshot, 'orders'); }
	async getPurchaseOrder(id: string) { return part(this.snapshot, 'orders').find((o) => o.id === id); }
	async getSetting<T>(key: string) { return part(this.snapshot, 'settings').find(([k]) => k === key)?.[1] as T | undefined; }
	async listSettings() { return part(this.snapshot, 'settings'); }
	async counts(): Promise<StoreCounts> { return readOnly(); }

	putProduct = readOnly;
	putSupplier = readOnly;
	deleteSupplier = readOnly;
	putCustomer = readOnly;
	deleteCustomer = readOnly;
	appendSales = readOnly;
	appendTicketSale = readOnly;
	// Tickets are not part of any report's snapshot.
	getTicket = readOnly;
	listTickets = readOnly;
	addMovements = readOnly;
	movementsOf = readOnly;
	rebuildStockLevels = readOnly;
	putPurchaseOrder = readOnly;
	deletePurchaseOrder = readOnly;
	putSetting = readOnly;
	clear = readOnly;
}

/** Reads the parts of a shop's data a report needs (the main thread, before posting to a worker). */
export async function readSnapshot(repo: InventoryRepository, parts: readonly SnapshotPart[], blocksUntil?: DayNumber): Promise<Snapshot> {
	const want = new Set(parts);
	const [products, suppliers, customers, series, stock, shopDays, orders, blocks, settings] = await Promise.all([
		want.has('products') ? repo.listProducts() : undefined,
		want.has('suppliers') ? repo.listSuppliers() : undefined,
		want.has('customers') ? repo.listCustomers() : undefined,
		want.has('series') ? repo.allProductSeries() : undefined,
		want.has('stock') ? repo.stockLevels().then((m) => [...m]) : undefined,
		want.has('shopDays') ? repo.shopDays(0 as DayNumber, 2_932_896 as DayNumber) : undefined,
		want.has('orders') ? repo.listPurchaseOrders() : undefined,
		want.has('blocks') ? repo.saleBlocks(undefined, blocksUntil) : undefined,
		want.has('settings') ? repo.listSettings() : undefined
	]);
	const snapshot: Snapshot = { products, suppliers, customers, series, stock, shopDays, orders, blocks, settings };
	for (const key of Object.keys(snapshot) as SnapshotPart[]) if (snapshot[key] === undefined) delete snapshot[key];
	return snapshot;
}

/** The buffers of the typed arrays in a value that own their whole buffer: moved to the worker, not copied. */
export function transferables(value: unknown): ArrayBuffer[] {
	const out = new Set<ArrayBuffer>();
	const visit = (v: unknown, depth: number) => {
		if (depth > 6 || v === null || typeof v !== 'object' || v instanceof Map || v instanceof Set) return;
		if (ArrayBuffer.isView(v)) {
			const buffer = v.buffer;
			if (buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === buffer.byteLength && buffer.byteLength > 0) out.add(buffer);
			return;
		}
		for (const child of Array.isArray(v) ? v : Object.values(v)) visit(child, depth + 1);
	};
	visit(value, 0);
	return [...out];
}
