// InventoryRepository on IndexedDB through Dexie. Each write method is one transaction.
import Dexie from 'dexie';
import type { CustomerId, DayNumber, ProductId, SupplierId } from '$core/brand';
import { dailyDeltaOfBlocks, mergeDay } from '$core/daily-totals';
import { roundQty, stockDelta, stockFromMovements } from '$core/ledger';
import { addToSeries, seriesDays } from '$core/product-series';
import { DuplicateError, type InventoryRepository, type SalesBatch, type StoreCounts } from '$core/repository';
import type { Customer, DayTotals, Product, ProductDayTotals, StockMovement, Supplier } from '$core/types';
import type { InventoryDB } from './inventory-db';

export class DexieRepository implements InventoryRepository {
	constructor(readonly db: InventoryDB) {}

	listProducts() { return this.db.products.toArray(); }
	getProduct(id: ProductId) { return this.db.products.get(id); }
	getProductBySku(sku: string) { return this.db.products.where('sku').equals(sku).first(); }
	async putProduct(product: Product) {
		try {
			await this.db.products.put(product);
		} catch (e) {
			throw asDuplicate(e, product.sku);
		}
	}

	listSuppliers() { return this.db.suppliers.toArray(); }
	getSupplier(id: SupplierId) { return this.db.suppliers.get(id); }
	async putSupplier(s: Supplier) { await this.db.suppliers.put(s); }
	async deleteSupplier(id: SupplierId, reassignTo: SupplierId | null) {
		await this.db.transaction('rw', this.db.products, this.db.suppliers, async () => {
			await this.db.products.where('supplierId').equals(id).modify({ supplierId: reassignTo });
			await this.db.suppliers.delete(id);
		});
	}

	listCustomers() { return this.db.customers.toArray(); }
	getCustomer(id: CustomerId) { return this.db.customers.get(id); }
	async putCustomer(c: Customer) { await this.db.customers.put(c); }
	async deleteCustomer(id: CustomerId) { await this.db.customers.delete(id); }

	async appendSales(batch: SalesBatch) {
		const db = this.db;
		await db.transaction('rw', [db.saleBlocks, db.movements, db.stock, db.shopDays, db.productSeries, db.products, db.customers], async () => {
			if (batch.products?.length) {
				try { await db.products.bulkAdd(batch.products); } catch (e) { throw asDuplicate(e, batch.products[0].sku); }
			}
			if (batch.customers?.length) await db.customers.bulkAdd(batch.customers);
			const productIds = [...new Set(batch.blocks.flatMap((b) => b.products))];
			const costs = new Map((await db.products.bulkGet(productIds)).map((p, i) => [productIds[i], p?.unitCost ?? 0]));
			const delta = dailyDeltaOfBlocks(batch.blocks, (id) => costs.get(id) ?? 0);
			await db.saleBlocks.bulkAdd(batch.blocks);

			const days = [...delta.shop.keys()];
			const oldDays = await db.shopDays.bulkGet(days);
			await db.shopDays.bulkPut(days.map((d, i) => mergeDay(oldDays[i], delta.shop.get(d)!)));

			const byProduct = new Map<ProductId, ProductDayTotals[]>();
			for (const t of delta.products.values()) {
				const list = byProduct.get(t.productId);
				if (list) list.push(t);
				else byProduct.set(t.productId, [t]);
			}
			const ids = [...byProduct.keys()];
			const oldSeries = await db.productSeries.bulkGet(ids);
			await db.productSeries.bulkPut(ids.map((id, i) => addToSeries(oldSeries[i], id, byProduct.get(id)!)));

			await this.writeMovements(batch.movements);
		});
	}

	async addMovements(movements: StockMovement[]) {
		await this.db.transaction('rw', this.db.movements, this.db.stock, () => this.writeMovements(movements));
	}

	/** Ledger rows and the stock cache together; callers hold the transaction. */
	private async writeMovements(movements: StockMovement[]) {
		if (!movements.length) return;
		await this.db.movements.bulkAdd(movements);
		const delta = stockDelta(movements);
		const ids = [...delta.keys()];
		const old = await this.db.stock.bulkGet(ids);
		await this.db.stock.bulkPut(ids.map((id, i) => ({ productId: id, onHand: roundQty((old[i]?.onHand ?? 0) + delta.get(id)!) })));
	}

	async movementsOf(productId: ProductId, limit = 200) {
		return this.db.movements
			.where('[productId+at]').between([productId, Dexie.minKey], [productId, Dexie.maxKey])
			.reverse().limit(limit).toArray();
	}

	async stockLevels() {
		const rows = await this.db.stock.toArray();
		return new Map(rows.map((r) => [r.productId, r.onHand]));
	}

	async rebuildStockLevels() {
		return this.db.transaction('rw', this.db.movements, this.db.stock, async () => {
			const levels = stockFromMovements(await this.db.movements.toArray());
			await this.db.stock.clear();
			await this.db.stock.bulkPut([...levels].map(([productId, onHand]) => ({ productId, onHand })));
			return levels;
		});
	}

	async saleBlocks(fromDay?: DayNumber, toDay?: DayNumber) {
		// Blocks that start on or before toDay, then those that end on or after fromDay.
		const candidates = toDay === undefined ? this.db.saleBlocks.toCollection() : this.db.saleBlocks.where('firstDay').belowOrEqual(toDay);
		return candidates.filter((b) => fromDay === undefined || b.lastDay >= fromDay).toArray();
	}

	shopDays(fromDay: DayNumber, toDay: DayNumber): Promise<DayTotals[]> {
		return this.db.shopDays.where('day').between(fromDay, toDay, true, true).toArray();
	}

	async productDays(productId: ProductId, fromDay: DayNumber, toDay: DayNumber): Promise<ProductDayTotals[]> {
		return seriesDays(await this.db.productSeries.get(productId), fromDay, toDay);
	}

	allProductSeries() { return this.db.productSeries.toArray(); }

	async getSetting<T>(key: string) { return (await this.db.settings.get(key))?.value as T | undefined; }
	async putSetting<T>(key: string, value: T) { await this.db.settings.put({ key, value }); }
	async listSettings() { return (await this.db.settings.toArray()).map((r) => [r.key, r.value] as [string, unknown]); }

	async counts(): Promise<StoreCounts> {
		const db = this.db;
		// Index keys only: the blocks themselves (megabytes of columns) are never read to count them.
		const sum = (keys: unknown[]) => keys.reduce<number>((n, k) => n + (k as number), 0);
		const [lineKeys, saleKeys, products, suppliers, customers, movements] = await Promise.all([
			db.saleBlocks.orderBy('lineCount').keys(), db.saleBlocks.orderBy('saleCount').keys(),
			db.products.count(), db.suppliers.count(), db.customers.count(), db.movements.count()
		]);
		const saleLines = sum(lineKeys), sales = sum(saleKeys);
		return { products, suppliers, customers, saleLines, sales, movements };
	}

	async clear() {
		await this.db.transaction('rw', this.db.tables, async () => { for (const t of this.db.tables) await t.clear(); });
	}
}

/** A unique-index violation (directly, wrapped by Dexie, or inside a bulk write) as a DuplicateError. */
function asDuplicate(e: unknown, sku: string): unknown {
	if (!(e instanceof Error)) return e;
	const causes: unknown[] = [e, (e as { inner?: unknown }).inner, ...((e as { failures?: unknown[] }).failures ?? [])];
	const isConstraint = causes.some((c) => c instanceof Error && (c.name === 'ConstraintError' || (c as { inner?: Error }).inner?.name === 'ConstraintError'));
	return isConstraint ? new DuplicateError('sku', sku) : e;
}
