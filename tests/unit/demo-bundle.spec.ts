import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DayNumber, LocalTimestamp } from '$core/brand';
import { lowStockThreshold } from '$core/catalog';
import { DemoBundleError, demoShiftDays, expandDemoBundle, packIntoBlocks, validateDemoBundle, type DemoBundle, type ExpandedDemo } from '$core/demo-bundle';
import { MemoryRepository } from '$core/memory-repository';
import { BLOCK_LINES, blockSales } from '$core/sale-blocks';
import { dayOf, parseIsoDay } from '$core/time';

const day = (iso: string) => parseIsoDay(iso) as DayNumber;
const weekday = (d: number) => new Date(d * 86_400_000).getUTCDay();

/**
 * Two products, one supplier, two customers; Monday 26 to Friday 30 September 2011.
 * Stock ends at A: 5 opening + 10 delivered - 3 sold + 1 returned = 13; B: 4 + 6 - 2 - 5 = 3.
 */
function tinyBundle(): DemoBundle {
	return {
		format: 'smart-inventory-demo', version: 1, startDate: '2011-09-26',
		suppliers: { name: ['Menaje Ibérico'], contact: ['Rocío'], email: [''], phone: [''], leadTimeDays: [5] },
		products: {
			sku: ['22423', '85099B'], barcode: ['8493107010782', ''], name: ['Regency Cakestand 3 Tier', 'Jumbo Bag Red Retrospot'],
			category: ['Cocina', 'Bolsos'], unitPrice: [1275, 208], unitCost: [620, 103], supplier: [0, -1],
			reorderPoint: [4, 2], minOrderQty: [1, 10], packSize: [1, 10], openingStock: [5, 4]
		},
		customers: { code: ['17850', '13047'], name: ['María García López', 'Bazar Lugo'], email: ['', ''], phone: ['', ''] },
		sales: {
			invoice: ['536365', 'C536379', '536400'],
			minute: [9 * 60, 60, 4 * 1440 + 5 * 60],
			customer: [0, 0, -1],
			lineCount: [2, 1, 1]
		},
		lines: { product: [0, 1, 0, 1], quantity: [3, 2, -1, 5], unitPrice: [1275, 208, 1275, 208] },
		deliveries: { day: [2], supplier: [0], reference: ['ALB-MIB-1001'], lineCount: [2] },
		deliveryLines: { product: [0, 1], quantity: [10, 6] }
	};
}

async function storeInMemory(demo: ExpandedDemo) {
	const repo = new MemoryRepository();
	for (const s of demo.suppliers) await repo.putSupplier(s);
	for (const p of demo.products) await repo.putProduct(p);
	for (const c of demo.customers) await repo.putCustomer(c);
	for (const batch of demo.batches) await repo.appendSales(batch);
	await repo.addMovements(demo.movements);
	return repo;
}

describe('validateDemoBundle', () => {
	it('accepts a well-formed bundle', () => {
		expect(validateDemoBundle(JSON.parse(JSON.stringify(tinyBundle())))).toEqual(tinyBundle());
	});

	const broken: [string, (b: DemoBundle) => unknown, RegExp][] = [
		['not an object', () => [1, 2], /not a JSON object/],
		['another format', (b) => ({ ...b, format: 'csv' }), /format is "csv"/],
		['a newer version', (b) => ({ ...b, version: 2 }), /version 2 is not supported/],
		['a bad start date', (b) => ({ ...b, startDate: '2011-02-30' }), /startDate/],
		['a missing table', (b) => ({ ...b, customers: undefined }), /customers is missing/],
		['a missing column', (b) => ({ ...b, lines: { ...b.lines, unitPrice: undefined } }), /lines\.unitPrice is missing/],
		['columns of different lengths', (b) => ({ ...b, products: { ...b.products, name: ['Solo uno'] } }), /products\.name has 1 entries, expected 2/],
		['a text where a number goes', (b) => ({ ...b, lines: { ...b.lines, quantity: [3, '2', -1, 5] } }), /lines\.quantity\[1\] is "2", expected a number/],
		['a price with fractions of a cent', (b) => ({ ...b, lines: { ...b.lines, unitPrice: [1275.5, 208, 1275, 208] } }), /lines\.unitPrice\[0\] is 1275.5, expected an integer/],
		['a product index out of range', (b) => ({ ...b, lines: { ...b.lines, product: [0, 1, 2, 1] } }), /lines\.product\[2\] is 2, expected an index below 2/],
		['a customer index out of range', (b) => ({ ...b, sales: { ...b.sales, customer: [0, 5, -1] } }), /sales\.customer\[1\]/],
		['line counts that do not add up', (b) => ({ ...b, sales: { ...b.sales, lineCount: [2, 1, 2] } }), /sales\.lineCount adds up to 5, but lines has 4 entries/],
		['a repeated SKU', (b) => ({ ...b, products: { ...b.products, sku: ['22423', '22423'] } }), /"22423" appears twice/],
		['sales out of time order', (b) => ({ ...b, sales: { ...b.sales, minute: [540, -60, 10] } }), /sales\.minute\[1\] is -60/],
		['a zero quantity line', (b) => ({ ...b, lines: { ...b.lines, quantity: [3, 0, -1, 5] } }), /lines\.quantity\[1\] is 0/],
		['a delivery of nothing', (b) => ({ ...b, deliveryLines: { ...b.deliveryLines, quantity: [10, 0] } }), /deliveryLines\.quantity\[1\]/]
	];
	for (const [what, breakIt, message] of broken) {
		it(`rejects ${what} with a clear message`, () => {
			const attempt = () => validateDemoBundle(breakIt(tinyBundle()));
			expect(attempt).toThrow(DemoBundleError);
			expect(attempt).toThrow(message);
		});
	}
});

describe('expandDemoBundle', () => {
	const today = day('2025-03-05'); // a Wednesday

	it('moves the history by whole weeks so its last sales day is in the week ending today', () => {
		for (let t = today; t < today + 14; t++) {
			const shift = demoShiftDays(tinyBundle(), t as DayNumber);
			const lastDay = day('2011-09-30') + shift;
			expect(shift % 7).toBe(0);
			expect(lastDay).toBeLessThanOrEqual(t);
			expect(lastDay).toBeGreaterThan(t - 7);
			expect(weekday(lastDay)).toBe(weekday(day('2011-09-30')));
		}
		const demo = expandDemoBundle(tinyBundle(), { today, deviceId: 'tablet-1' });
		const saleDays = demo.batches.flatMap((b) => b.blocks).flatMap(blockSales).map((s) => dayOf(s.at));
		expect(Math.max(...saleDays)).toBe(day('2025-02-28'));
		expect(Math.min(...saleDays)).toBe(day('2025-02-24'));
	});

	it('keeps times of day, invoices, customers and returns', () => {
		const demo = expandDemoBundle(tinyBundle(), { today, deviceId: 'tablet-1' });
		const sales = demo.batches.flatMap((b) => b.blocks).flatMap(blockSales);
		const [maria] = demo.customers;
		expect(sales.map((s) => [s.invoice, new Date(s.at).toISOString().slice(0, 16), s.customerId, s.deviceId])).toEqual([
			['536365', '2025-02-24T09:00', maria.id, 'tablet-1'],
			['C536379', '2025-02-24T10:00', maria.id, 'tablet-1'],
			['536400', '2025-02-28T15:00', null, 'tablet-1']
		]);
		expect(sales[1].lines).toEqual([{ productId: demo.products[0].id, quantity: -1, unitPrice: 1275, discount: 0 }]);
		expect(maria).toMatchObject({ code: '17850', name: 'María García López', firstSeen: day('2025-02-24') });
		expect(demo.customers[1].firstSeen).toBe(day('2025-02-24')); // never bought: the demo's first day
	});

	it('links products to suppliers and keeps the shop codes, prices and reorder points', () => {
		const demo = expandDemoBundle(tinyBundle(), { today, deviceId: 'tablet-1' });
		expect(demo.products[0]).toMatchObject({ sku: '22423', barcode: '8493107010782', unitPrice: 1275, unitCost: 620, supplierId: demo.suppliers[0].id, reorderPoint: 4, active: true });
		expect(demo.products[1].supplierId).toBeNull();
		expect(demo.suppliers[0]).toMatchObject({ name: 'Menaje Ibérico', defaultLeadTimeDays: 5 });
	});

	it('leaves stock = opening + deliveries - sales + returns once stored', async () => {
		const demo = expandDemoBundle(tinyBundle(), { today, deviceId: 'tablet-1' });
		expect(demo.movements.map((m) => [m.reason, m.quantity, m.reference])).toEqual([
			['count', 5, 'INV-0001'], ['count', 4, 'INV-0001'], ['purchase', 10, 'ALB-MIB-1001'], ['purchase', 6, 'ALB-MIB-1001']
		]);
		expect(demo.movements[2].note).toBe('Menaje Ibérico');
		const repo = await storeInMemory(demo);
		const stock = await repo.stockLevels();
		expect(demo.products.map((p) => stock.get(p.id))).toEqual([13, 3]);
		expect(await repo.counts()).toMatchObject({ products: 2, suppliers: 1, customers: 2, sales: 3, saleLines: 4 });
	});

	it('fills blocks with whole days up to BLOCK_LINES lines, one batch per block', () => {
		// 30 days, one sale of 700 lines a day: 14 days fit in a block.
		const b = tinyBundle();
		const days = 30, perSale = 700;
		b.sales = { invoice: [], minute: [], customer: [], lineCount: [] };
		b.lines = { product: [], quantity: [], unitPrice: [] };
		for (let d = 0; d < days; d++) {
			b.sales.invoice.push(String(1000 + d));
			b.sales.minute.push(d === 0 ? 600 : 1440);
			b.sales.customer.push(-1);
			b.sales.lineCount.push(perSale);
			for (let l = 0; l < perSale; l++) { b.lines.product.push(l % 2); b.lines.quantity.push(1); b.lines.unitPrice.push(100); }
		}
		const demo = expandDemoBundle(validateDemoBundle(b), { today, deviceId: 'tablet-1' });
		expect(demo.batches.map((x) => x.blocks[0].lineCount)).toEqual([9800, 9800, 1400]);
		const blocks = demo.batches.map((x) => x.blocks[0]);
		for (let i = 1; i < blocks.length; i++) expect(blocks[i].firstDay).toBeGreaterThan(blocks[i - 1].lastDay);
		for (const batch of demo.batches) expect(batch.blocks[0].source).toBe('demo');
		// One movement per product per block: 2 products in each of 3 blocks.
		expect(demo.batches.reduce((n, x) => n + x.movements.length, 0)).toBe(3 * 2);
	});

	it('splits a day bigger than a block between its sales', () => {
		const demo = expandDemoBundle(tinyBundle(), { today, deviceId: 'tablet-1' });
		const [sale] = demo.batches[0].blocks.flatMap(blockSales);
		const big = { ...sale, lines: Array.from({ length: 4000 }, () => sale.lines[0]) };
		const nextDay = { ...big, at: (big.at + 86_400_000) as LocalTimestamp };
		const groups = packIntoBlocks([big, big, big, nextDay]);
		// The 12,000-line day fills one block and starts the next, where the following day still fits.
		expect(groups.map((g) => g.map((s) => s.lines.length))).toEqual([[4000, 4000], [4000, 4000]]);
		expect(groups[1][1]).toBe(nextDay);
	});
});

describe('the bundled demo shop (static/demo/demo-shop.json)', () => {
	const raw = readFileSync(new URL('../../static/demo/demo-shop.json', import.meta.url), 'utf8');
	const bundle = validateDemoBundle(JSON.parse(raw));

	it('is small enough to download on a tablet and holds a living shop', () => {
		expect(raw.length).toBeLessThan(3_000_000);
		expect(bundle.products.sku).toHaveLength(150);
		expect(bundle.suppliers.name.length).toBeGreaterThanOrEqual(5);
		expect(bundle.lines.product.length).toBeGreaterThan(50_000);
		expect(bundle.lines.quantity.some((q) => q < 0)).toBe(true);
		expect(new Set(bundle.products.category).size).toBeGreaterThanOrEqual(8);
	});

	it('stores with stock that never goes negative and ends mostly in stock, some low, a few out', async () => {
		const demo = expandDemoBundle(bundle, { today: day('2025-03-05'), deviceId: 'tablet-1' });
		for (const batch of demo.batches) expect(batch.blocks[0].lineCount).toBeLessThanOrEqual(BLOCK_LINES);
		const all = [...demo.movements, ...demo.batches.flatMap((b) => b.movements)].sort((a, b) => a.at - b.at);
		const running = new Map<string, number>();
		let lowest = 0;
		for (const m of all) {
			const level = (running.get(m.productId) ?? 0) + m.quantity;
			running.set(m.productId, level);
			lowest = Math.min(lowest, level);
		}
		expect(lowest).toBe(0);

		const repo = await storeInMemory(demo);
		expect(await repo.counts()).toMatchObject({ products: 150, saleLines: bundle.lines.product.length, sales: bundle.sales.invoice.length });
		const stock = await repo.stockLevels();
		const out = demo.products.filter((p) => (stock.get(p.id) ?? 0) <= 0).length;
		const low = demo.products.filter((p) => (stock.get(p.id) ?? 0) > 0 && stock.get(p.id)! <= lowStockThreshold(p)).length;
		expect(out).toBeGreaterThanOrEqual(2);
		expect(out).toBeLessThanOrEqual(10);
		expect(low).toBeGreaterThanOrEqual(8);
		expect(low).toBeLessThanOrEqual(25);
	});
});
