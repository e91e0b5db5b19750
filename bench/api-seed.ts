// Seeds one shop for bench/api.mjs: ~2,000 products (a few best sellers, a long tail), ~5,000
// customers and N sale lines over two years up to yesterday (weekly and yearly patterns, 1-6
// lines per sale, 60% of sales with a customer), written through the repository's appendSales in
// blocks of 10,000 lines with their stock movements, as an import writes them. Deterministic.
import type { Cents, CustomerId, DayNumber, LocalTimestamp, ProductId, SaleId } from '../src/core/brand';
import { seededRandom } from '../src/core/forecast/global-model';
import { newId } from '../src/core/ids';
import type { InventoryRepository } from '../src/core/repository';
import { BLOCK_LINES, type SaleBlock } from '../src/core/sale-blocks';
import { bulkSaleMovements } from '../src/core/sale-movements';
import { MS_PER_DAY, nowLocal, startOfDay, today } from '../src/core/time';
import type { Customer, Product } from '../src/core/types';

export const BENCH_PRODUCTS = 2_000;
export const BENCH_CUSTOMERS = 5_000;
const DAYS = 730;
const DEVICE = 'bench-seed';

/** The engine's seeded PRNG (mulberry32): the same seed seeds the same shop. */
export const rng = seededRandom;

export const benchSku = (i: number) => `B${String(i + 1).padStart(5, '0')}`;

const CATEGORIES = ['Hogar', 'Regalo', 'Papelería', 'Cocina', 'Jardín', 'Textil', 'Juguetes', 'Decoración'];
const WORDS = ['Taza', 'Vela', 'Cojín', 'Lámpara', 'Caja', 'Bolsa', 'Reloj', 'Tarjeta', 'Jarrón', 'Cuaderno', 'Marco', 'Manta'];
const COLOURS = ['roja', 'azul', 'vintage', 'blanca', 'verde', 'dorada', 'rosa', 'negra'];

export interface SeedResult {
	lines: number;
	sales: number;
	blocks: number;
	seconds: number;
	skus: string[];
}

/** Cumulative weights for picking by popularity (Zipf-like, s = 0.9). */
function cumulative(n: number, s: number): Float64Array {
	const c = new Float64Array(n);
	let sum = 0;
	for (let i = 0; i < n; i++) c[i] = sum += 1 / (i + 1) ** s;
	for (let i = 0; i < n; i++) c[i] /= sum;
	return c;
}

function pick(c: Float64Array, u: number): number {
	let lo = 0, hi = c.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (c[mid] < u) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

export async function seedShop(repo: InventoryRepository, lines: number, log: (s: string) => void = () => {}, seed = 7): Promise<SeedResult> {
	const started = performance.now();
	const r = rng(seed);
	const at0 = nowLocal();
	const products: Product[] = Array.from({ length: BENCH_PRODUCTS }, (_, i) => ({
		id: newId() as ProductId, sku: benchSku(i), barcode: '', name: `${WORDS[i % WORDS.length]} ${COLOURS[Math.floor(i / WORDS.length) % COLOURS.length]} ${i + 1}`,
		category: CATEGORIES[i % CATEGORIES.length], unitPrice: (50 + Math.floor(r() * 4950)) as Cents, unitCost: 0 as Cents, supplierId: null,
		leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: false, updatedAt: at0
	}));
	for (const p of products) p.unitCost = Math.round(p.unitPrice * 0.45) as Cents;
	// Popularity is shuffled so that best sellers are spread over the SKUs.
	const order = products.map((_, i) => i);
	for (let i = order.length - 1; i > 0; i--) {
		const j = Math.floor(r() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	const productCdf = cumulative(BENCH_PRODUCTS, 0.9);
	const customers: Customer[] = Array.from({ length: BENCH_CUSTOMERS }, (_, i) => ({
		id: newId() as CustomerId, code: `C${String(i + 1).padStart(5, '0')}`, name: '', email: '', phone: '',
		firstSeen: (today() - DAYS) as DayNumber, createdByImport: false, updatedAt: at0
	}));
	const customerCdf = cumulative(BENCH_CUSTOMERS, 0.7);

	// Lines per day: weekly profile (Saturday busiest, Sunday quiet), a yearly wave, a slight growth.
	const firstDay = today() - DAYS;
	const weekday = [0.7, 0.9, 0.95, 1, 1.1, 1.5, 0.85]; // Thursday 1970-01-01 is day 0: index (day + 3) % 7 is Monday = 0
	const dayWeight = Float64Array.from({ length: DAYS }, (_, k) => {
		const d = firstDay + k;
		const w = weekday[(((d + 3) % 7) + 7) % 7];
		return w * (1 + 0.25 * Math.sin((2 * Math.PI * (d % 365)) / 365 - 1.2)) * (0.85 + 0.3 * (k / DAYS));
	});
	const weightSum = dayWeight.reduce((a, b) => a + b, 0);
	const perDay = Int32Array.from(dayWeight, (w) => Math.round((w / weightSum) * lines));
	perDay[DAYS - 1] += lines - perDay.reduce((a, b) => a + b, 0);

	let block = newBlock();
	let blocks = 0, written = 0, sales = 0, invoice = 100_000;
	let first = true;
	const flush = async () => {
		if (block.lineCount === 0) return;
		const b = finishBlock(block);
		await repo.appendSales({
			blocks: [b], movements: bulkSaleMovements([b], DEVICE, 'bench-seed'),
			...(first ? { products, customers } : {})
		});
		first = false;
		blocks++;
		written += b.lineCount;
		if (blocks % 10 === 0) log(`  ${written.toLocaleString('en')} lines (${((performance.now() - started) / 1000).toFixed(1)} s)`);
		block = newBlock();
	};
	for (let k = 0; k < DAYS; k++) {
		const day = firstDay + k;
		let left = perDay[k];
		// Opening hours 09:00-20:00, sales spread over the day in order.
		let t = startOfDay(day as DayNumber) + 9 * 3_600_000;
		const step = Math.max(1, Math.floor((11 * 3_600_000) / Math.max(1, left / 3)));
		while (left > 0) {
			const n = Math.min(left, 1 + Math.floor(-Math.log(1 - r()) * 2.2) % 6);
			if (block.lineCount + n > BLOCK_LINES) await flush();
			t += Math.floor(step * (0.5 + r()));
			if (t >= startOfDay(day as DayNumber) + MS_PER_DAY) t = startOfDay(day as DayNumber) + MS_PER_DAY - 1;
			const customer = r() < 0.6 ? customers[pick(customerCdf, r())].id : null;
			addSale(block, `B${invoice++}`, t as LocalTimestamp, customer);
			for (let l = 0; l < n; l++) {
				const p = products[order[pick(productCdf, r())]];
				const qty = r() < 0.8 ? 1 : 2 + Math.floor(r() * 4);
				addLine(block, p.id, qty, p.unitPrice);
			}
			sales++;
			left -= n;
		}
	}
	await flush();
	return { lines: written, sales, blocks, seconds: (performance.now() - started) / 1000, skus: products.map((p) => p.sku) };
}

/** A block being filled (plain arrays, packed into typed arrays when full). */
interface OpenBlock {
	lineCount: number;
	saleIds: SaleId[];
	invoices: string[];
	saleAt: number[];
	saleCustomer: number[];
	customers: CustomerId[];
	customerIndex: Map<CustomerId, number>;
	lineSale: number[];
	lineProduct: number[];
	products: ProductId[];
	productIndex: Map<ProductId, number>;
	quantity: number[];
	unitPrice: number[];
}

function newBlock(): OpenBlock {
	return {
		lineCount: 0, saleIds: [], invoices: [], saleAt: [], saleCustomer: [], customers: [], customerIndex: new Map(),
		lineSale: [], lineProduct: [], products: [], productIndex: new Map(), quantity: [], unitPrice: []
	};
}

function addSale(b: OpenBlock, invoice: string, at: LocalTimestamp, customer: CustomerId | null) {
	b.saleIds.push(newId() as SaleId);
	b.invoices.push(invoice);
	b.saleAt.push(at);
	if (customer === null) b.saleCustomer.push(-1);
	else {
		let c = b.customerIndex.get(customer);
		if (c === undefined) {
			c = b.customers.length;
			b.customers.push(customer);
			b.customerIndex.set(customer, c);
		}
		b.saleCustomer.push(c);
	}
}

function addLine(b: OpenBlock, product: ProductId, quantity: number, price: number) {
	let p = b.productIndex.get(product);
	if (p === undefined) {
		p = b.products.length;
		b.products.push(product);
		b.productIndex.set(product, p);
	}
	b.lineSale.push(b.saleIds.length - 1);
	b.lineProduct.push(p);
	b.quantity.push(quantity);
	b.unitPrice.push(price);
	b.lineCount++;
}

function finishBlock(b: OpenBlock): SaleBlock {
	const dayOfAt = (t: number) => Math.floor(t / MS_PER_DAY) as DayNumber;
	return {
		id: newId(), source: 'bench-seed', lineCount: b.lineCount, saleCount: b.saleIds.length,
		firstDay: dayOfAt(b.saleAt[0]), lastDay: dayOfAt(b.saleAt[b.saleAt.length - 1]),
		saleIds: b.saleIds, invoices: b.invoices, saleAt: Float64Array.from(b.saleAt), saleCustomer: Int32Array.from(b.saleCustomer),
		customers: b.customers, deviceIds: new Array<string>(b.saleIds.length).fill(DEVICE),
		lineSale: Uint32Array.from(b.lineSale), lineProduct: Uint32Array.from(b.lineProduct), products: b.products,
		quantity: Float64Array.from(b.quantity), unitPrice: Float64Array.from(b.unitPrice), discount: new Float64Array(b.lineCount)
	};
}
