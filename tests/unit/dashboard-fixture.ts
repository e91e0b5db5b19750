// A generated shop for the dashboard's tests: categories and suppliers, 500 days of sales (closed
// on Sundays) at the hours a shop keeps, returns, sales without an invoice number, taxes included
// and excluded, discounts, deliveries and counts; products that run out and sit at zero until the
// next delivery (no sale is made without stock), and products whose stock was never recorded.
// The generator keeps the truth (stock when the shop opens each day) to check the dashboard against.
import type { Cents, DayNumber, LocalTimestamp, ProductId, SaleId, SupplierId } from '$core/brand';
import { emptyProductForm, validateProduct } from '$core/catalog';
import { seededRandom } from '$core/forecast/global-model';
import { movement } from '$core/ledger';
import type { DashboardStore, InventoryRepository } from '$core/repository';
import { buildBlock } from '$core/sale-blocks';
import { deriveSaleMovements } from '$core/sync/sale-movements';
import { MS_PER_DAY, parseIsoDay } from '$core/time';
import type { Product, Sale, StockMovement, Supplier } from '$core/types';

export const FIRST_DAY = parseIsoDay('2023-01-02') as DayNumber;
export const DAYS = 500;
export const LAST_DAY = (FIRST_DAY + DAYS - 1) as DayNumber;
export const CATEGORIES = ['Ropa', 'Calzado', 'Hogar', 'Regalos', ''];

export interface GeneratedShop {
	suppliers: Supplier[];
	products: Product[];
	sales: Sale[];
	/** Deliveries and counts (not sales). */
	stockMoves: StockMovement[];
	/** Per product: stock when the shop opens each day FIRST_DAY .. LAST_DAY + 1 (index day - FIRST_DAY), the morning's delivery in. */
	startOfDay: Map<ProductId, number[]>;
	/** Per product: stock at the end of each day FIRST_DAY - 1 .. LAST_DAY (index day - FIRST_DAY + 1). */
	endOfDay: Map<ProductId, number[]>;
	/** Products whose stock was recorded (a delivery before the first day). */
	grounded: Set<ProductId>;
}

const isSunday = (day: number) => ((day + 3) % 7 + 7) % 7 === 6;

export function generateShop(seed = 7, productCount = 40): GeneratedShop {
	const r = seededRandom(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
	const suppliers: Supplier[] = ['Textil Norte', 'Calzados Sur', 'Casa y Regalo'].map((name, i) => ({
		id: `sup-${i + 1}` as SupplierId, name, contact: '', email: '', phone: '', defaultLeadTimeDays: 7, notes: '', updatedAt: 0 as LocalTimestamp
	}));
	const products: Product[] = [];
	for (let i = 0; i < productCount; i++) {
		const price = 200 + Math.floor(r() * 4800);
		const v = validateProduct({ ...emptyProductForm(), sku: `P-${String(i).padStart(3, '0')}`, name: `Producto ${i}`, unitPrice: (price / 100).toFixed(2), unitCost: (Math.round(price * 0.45) / 100).toFixed(2) });
		if (!v.ok) throw new Error(JSON.stringify(v.errors));
		products.push({
			...v.value, id: `prod-${i}` as ProductId, category: CATEGORIES[i % CATEGORIES.length],
			supplierId: i % 7 === 6 ? null : suppliers[i % 3].id, taxRate: i % 4 === 0 ? 10 : 21, active: i !== productCount - 1
		});
	}
	const grounded = new Set(products.filter((_, i) => i % 5 !== 4).map((p) => p.id));
	const stock = new Map(products.map((p) => [p.id, 0]));
	const stockMoves: StockMovement[] = [];
	const at = (day: number, hour: number, minute = 0) => (day * MS_PER_DAY + (hour * 60 + minute) * 60_000) as LocalTimestamp;
	const receive = (p: Product, quantity: number, when: LocalTimestamp) => {
		stockMoves.push({ ...movement(p.id, quantity, 'purchase', when, 'gen', 'ALB'), id: `mv-${stockMoves.length}` as never });
		stock.set(p.id, stock.get(p.id)! + quantity);
	};
	for (const p of products) if (grounded.has(p.id)) receive(p, 15 + Math.floor(r() * 30), at(FIRST_DAY - 1, 9));
	const startOfDay = new Map(products.map((p) => [p.id, [] as number[]]));
	const endOfDay = new Map(products.map((p) => [p.id, [stock.get(p.id)!]]));
	const dayEnds = () => { for (const p of products) endOfDay.get(p.id)!.push(stock.get(p.id)!); };
	const sales: Sale[] = [];
	let invoice = 1000;
	// Popular products sell most (and run out most).
	const weighted = () => products[Math.floor(r() * r() * products.length)];
	for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
		if ((day - FIRST_DAY) % 9 === 0) for (const p of products) if (grounded.has(p.id) && stock.get(p.id)! < 8) receive(p, 20 + Math.floor(r() * 20), at(day, 8, 30));
		// What the shop holds when it opens: the morning's deliveries are in.
		for (const p of products) startOfDay.get(p.id)!.push(stock.get(p.id)!);
		if (isSunday(day)) { dayEnds(); continue; }
		const count = 4 + Math.floor(r() * 14);
		for (let s = 0; s < count; s++) {
			const hour = 9 + Math.floor(r() * r() * 12);
			const when = at(day, hour, Math.floor(r() * 60));
			const kind = r();
			const lines: Sale['lines'] = [];
			const taxExcluded = r() < 0.1;
			const addLine = (p: Product, quantity: number, discount: number) => {
				const amount = Math.round(quantity * p.unitPrice) - discount;
				const rate = p.taxRate ?? 21;
				const tax = taxExcluded ? Math.round(amount * rate / 100) : Math.round(amount * rate / (100 + rate));
				lines.push({ productId: p.id, quantity, unitPrice: p.unitPrice, discount: discount as Cents, taxRate: rate, tax: tax as Cents });
				stock.set(p.id, stock.get(p.id)! - quantity);
			};
			if (kind < 0.04) {
				addLine(weighted(), -1, 0);
			} else {
				const n = 1 + Math.floor(r() * r() * 4);
				const used = new Set<ProductId>();
				for (let l = 0; l < n; l++) {
					const p = weighted();
					if (used.has(p.id)) continue;
					const quantity = p.sku.endsWith('3') ? 0.5 * (1 + Math.floor(r() * 3)) : 1 + Math.floor(r() * r() * 3);
					// No sale without stock of what was recorded: that is what a stock-out looks like.
					if (grounded.has(p.id) && stock.get(p.id)! < quantity) continue;
					used.add(p.id);
					addLine(p, quantity, r() < 0.1 ? 50 : 0);
				}
			}
			if (lines.length === 0) continue;
			sales.push({
				id: `sale-${sales.length}` as SaleId, invoice: kind > 0.98 ? '' : kind < 0.04 ? `R${invoice++}` : `F${invoice++}`, at: when,
				customerId: null, deviceId: 'gen', lines, ...(taxExcluded ? { taxExcluded: true } : {})
			});
		}
		// A count after closing now and then finds one missing.
		if ((day - FIRST_DAY) % 61 === 30) {
			const p = pick(products.filter((x) => grounded.has(x.id)));
			const q = -Math.min(1, stock.get(p.id)!);
			if (q !== 0) {
				stockMoves.push({ ...movement(p.id, q, 'count', at(day, 21, 0), 'gen', 'REC'), id: `mv-${stockMoves.length}` as never });
				stock.set(p.id, stock.get(p.id)! + q);
			}
		}
		dayEnds();
	}
	for (const p of products) startOfDay.get(p.id)!.push(stock.get(p.id)!);
	return { suppliers, products, sales, stockMoves, startOfDay, endOfDay, grounded };
}

/** Stores the shop as an import would: the catalogue, then sales in batches of blocks with their movements, then deliveries and counts. */
export async function loadShop(repo: InventoryRepository & DashboardStore, shop: GeneratedShop, salesPerBlock = 400, blocksPerBatch = 3): Promise<void> {
	for (const s of shop.suppliers) await repo.putSupplier(s);
	for (const p of shop.products) await repo.putProduct(p);
	const blocks = [];
	for (let i = 0; i < shop.sales.length; i += salesPerBlock) blocks.push(buildBlock(`block-${i}`, shop.sales.slice(i, i + salesPerBlock), 'import:generated'));
	for (let i = 0; i < blocks.length; i += blocksPerBatch) {
		const batch = blocks.slice(i, i + blocksPerBatch);
		await repo.appendSales({ blocks: batch, movements: deriveSaleMovements(batch) });
	}
	for (let i = 0; i < shop.stockMoves.length; i += 200) await repo.addMovements(shop.stockMoves.slice(i, i + 200));
}
