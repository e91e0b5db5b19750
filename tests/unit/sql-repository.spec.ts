// SqlRepository: the storage contract on SQLite and PostgreSQL, blocks rebuilt exactly from rows,
// batches beyond the parameter limits, duplicates refused whole, and the paged queries the server
// uses (keyset cursors, newest first).
import { describe, expect, it } from 'vitest';
import type { Cents, CustomerId, DayNumber, LocalTimestamp, ProductId, SaleId } from '$core/brand';
import { emptyProductForm, validateProduct } from '$core/catalog';
import { newId } from '$core/ids';
import { movement, movementsForSale } from '$core/ledger';
import { DuplicateError } from '$core/repository';
import { buildBlock, type SaleBlock } from '$core/sale-blocks';
import { bulkSaleMovements } from '$core/sale-movements';
import { dayOf, parseIsoLocal } from '$core/time';
import type { Customer, Product, Sale } from '$core/types';
import { chargeTicket } from '$core/till/record';
import { DEFAULT_TILL_SETTINGS } from '$core/till/settings';
import { verifyTickets } from '$core/till/ticket';
import type { SqlRepository } from '../../src/sql/sql-repository';
import { describeEachSql, freshRepository, postgresUrl } from '../support/sql-databases';
import { repositoryContract } from './repository-contract';

repositoryContract('SQL (SQLite)', () => freshRepository('sqlite'));
if (postgresUrl) repositoryContract('SQL (PostgreSQL)', () => freshRepository('postgres'));

const at = (s: string) => parseIsoLocal(s) as LocalTimestamp;

function product(sku: string, price = 250, cost = 100): Product {
	const r = validateProduct({ ...emptyProductForm(), sku, name: `Producto ${sku}`, unitPrice: String(price / 100), unitCost: String(cost / 100) });
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
}

const customer = (code: string): Customer => ({
	id: newId() as CustomerId, code, name: `Cliente ${code}`, email: '', phone: '', firstSeen: 19000 as DayNumber, createdByImport: true, updatedAt: 0 as LocalTimestamp
});

function sale(time: string, lines: [Product, number][], customerId: CustomerId | null = null, invoice = `T-${newId().slice(0, 6)}`): Sale {
	return {
		id: newId() as SaleId, invoice, at: at(time), customerId, deviceId: 'dev-1',
		lines: lines.map(([p, quantity]) => ({ productId: p.id, quantity, unitPrice: p.unitPrice, discount: 0 as Cents }))
	};
}

/** An import-like block: line identities, the store of each sale (some without), customers. */
function importedBlock(products: Product[], customers: Customer[], lines: number, fromTime: string): SaleBlock {
	const sales: Sale[] = [];
	const start = at(fromTime);
	for (let l = 0, s = 0; l < lines; s++) {
		const n = Math.min(lines - l, 1 + (s % 4));
		sales.push({
			id: newId() as SaleId, invoice: `${536000 + s}`, at: (start + s * 97_000) as LocalTimestamp, customerId: s % 3 === 0 ? null : customers[s % customers.length].id,
			deviceId: 'import', lines: Array.from({ length: n }, (_, j) => {
				const p = products[(l + j * 13) % products.length];
				return { productId: p.id, quantity: j % 5 === 4 ? -1 : 1 + (j % 3) * 0.25, unitPrice: p.unitPrice, discount: (j % 7 === 0 ? 5 : 0) as Cents };
			})
		});
		l += n;
	}
	const block = buildBlock(newId(), sales, 'import:test.csv');
	block.lineKeys = Float64Array.from({ length: block.lineCount }, (_, i) => 2 ** 52 + i * 7919);
	// Dictionaries in first-use order, as every block producer (buildBlock, the importer) makes them.
	const names = ['United Kingdom', 'EIRE', 'France'], stores: string[] = [];
	block.saleStore = Int32Array.from({ length: block.saleCount }, (_, s) => {
		if (s % 5 === 0) return -1;
		const name = names[s % 3];
		if (!stores.includes(name)) stores.push(name);
		return stores.indexOf(name);
	});
	block.stores = stores;
	return block;
}

async function seeded(repo: SqlRepository) {
	const [a, b, c] = [product('A'), product('B', 999, 500), product('C', 120, 60)];
	const lucia = customer('17850');
	const sales = [
		sale('2024-05-10 10:00', [[a, 2], [b, 1]], lucia.id, 'T-1'),
		sale('2024-05-10 10:00', [[c, 1]], null, 'T-2'),
		sale('2024-05-11 09:30', [[b, 3]], lucia.id, 'T-3'),
		sale('2024-05-12 18:00', [[a, -1], [c, 4]], null, 'T-4'),
		sale('2024-05-13 12:00', [[a, 1]], null, 'T-5')
	];
	const blocks = sales.map((s) => buildBlock(newId(), [s], 'pos'));
	await repo.appendSales({ blocks: blocks.slice(0, 2), movements: sales.slice(0, 2).flatMap(movementsForSale), products: [a, b, c], customers: [lucia] });
	for (let i = 2; i < sales.length; i++) await repo.appendSales({ blocks: [blocks[i]], movements: movementsForSale(sales[i]) });
	return { a, b, c, lucia, sales };
}

describeEachSql('SqlRepository', (kind) => {
	it('rebuilds blocks exactly: typed arrays, dictionaries, stores and line identities only where the block had them', async () => {
		const repo = await freshRepository(kind);
		const products = Array.from({ length: 40 }, (_, i) => product(`P${i}`, 100 + i * 7, 50 + i));
		const customers = Array.from({ length: 9 }, (_, i) => customer(`C${i}`));
		const imported = importedBlock(products, customers, 1_500, '2023-03-01 08:00');
		const pos = buildBlock(newId(), [sale('2023-03-09 17:45', [[products[3], 1.25], [products[0], 1]])], 'pos');
		await repo.appendSales({ blocks: [imported, pos], movements: bulkSaleMovements([imported, pos], 'dev', 'x'), products, customers });
		const back = await repo.saleBlocks();
		expect(back.sort((x, y) => x.firstDay - y.firstDay || x.lineCount - y.lineCount).map((b) => b.id)).toEqual([imported.id, pos.id]);
		expect(back[0]).toEqual(imported);
		expect(back[1]).toEqual(pos);
		expect(back[0].quantity).toBeInstanceOf(Float64Array);
		expect(back[0].lineSale).toBeInstanceOf(Uint32Array);
		expect(back[0].saleCustomer).toBeInstanceOf(Int32Array);
		expect('lineKeys' in back[1] || 'saleStore' in back[1] || 'stores' in back[1]).toBe(false);
		expect(await repo.saleBlocks(dayOf(at('2023-03-02 00:00')), dayOf(at('2023-03-09 00:00')))).toHaveLength(2);
		expect((await repo.saleBlocks(dayOf(at('2023-03-03 00:00')), dayOf(at('2023-03-09 00:00')))).map((b) => b.id)).toEqual([pos.id]);
		expect(await repo.saleBlocks(dayOf(at('2023-03-10 00:00')))).toEqual([]);
	});

	it('stores a batch beyond the parameter limits in one transaction: 2 blocks of 10,000 lines, 7,000 new products', async () => {
		const repo = await freshRepository(kind);
		const products = Array.from({ length: 7_000 }, (_, i) => product(`SKU-${i}`, 100 + (i % 500), 40));
		const customers = Array.from({ length: 3_000 }, (_, i) => customer(`${10000 + i}`));
		const blocks = [importedBlock(products, customers, 10_000, '2022-01-03 08:00'), importedBlock(products, customers, 10_000, '2022-02-01 08:00')];
		const movements = bulkSaleMovements(blocks, 'import', 'test');
		await repo.appendSales({ blocks, movements, products, customers });
		expect(await repo.counts()).toEqual({
			products: 7_000, suppliers: 0, customers: 3_000, saleLines: 20_000, sales: blocks[0].saleCount + blocks[1].saleCount, movements: movements.length
		});
		const stored = (await repo.saleBlocks()).sort((x, y) => x.firstDay - y.firstDay);
		expect(stored).toEqual(blocks);
		const units = blocks.reduce((n, b) => n + b.quantity.reduce((m, q) => m + q, 0), 0);
		const days = await repo.shopDays(0 as DayNumber, 40_000 as DayNumber);
		expect(days.reduce((n, d) => n + d.lines, 0)).toBe(20_000);
		expect(days.reduce((n, d) => n + d.units, 0)).toBeCloseTo(units, 6);
		expect(await repo.rebuildStockLevels()).toEqual(await repo.stockLevels());
	}, 30_000);

	it('refuses a batch whose block id or new SKU is taken, storing nothing of it', async () => {
		const repo = await freshRepository(kind);
		const { a } = await seeded(repo);
		const before = await repo.counts();
		const block = buildBlock(newId(), [sale('2024-06-01 10:00', [[a, 1]])], 'pos');
		await repo.appendSales({ blocks: [block], movements: [] });
		const fresh = product('NEW');
		const again = repo.appendSales({ blocks: [buildBlock(newId(), [sale('2024-06-02 10:00', [[fresh, 1]])], 'pos'), block], movements: [movement(a.id, -1, 'sale', at('2024-06-02 10:00'), 'dev')], products: [fresh] });
		await expect(again).rejects.toEqual(new DuplicateError('block', block.id));
		const clash = { ...product('A'), id: newId() as ProductId };
		await expect(repo.appendSales({ blocks: [], movements: [], products: [product('Z'), clash] })).rejects.toEqual(new DuplicateError('sku', 'A'));
		const twice = [product('Y'), product('Y')];
		await expect(repo.appendSales({ blocks: [], movements: [], products: twice })).rejects.toEqual(new DuplicateError('sku', 'Y'));
		expect(await repo.counts()).toEqual({ ...before, saleLines: before.saleLines + 1, sales: before.sales + 1 });
		expect(await repo.getProductBySku('NEW')).toBeUndefined();
		expect(await repo.getProductBySku('Z')).toBeUndefined();
		expect(await repo.stockOf(a.id)).toBe(-2);
	});

	it('concurrent batches on the same products lose no unit and never deadlock', async () => {
		const repo = await freshRepository(kind);
		const products = Array.from({ length: 40 }, (_, i) => product(`K${i}`));
		await repo.appendSales({ blocks: [], movements: [], products });
		// Each sale takes the products in its own order, so naive row locking would cross.
		const sales = Array.from({ length: 60 }, (_, i) => sale('2024-05-10 10:00', (i % 2 ? [...products].reverse() : products).map((p) => [p, 1 + (i % 3)] as [Product, number])));
		await Promise.all(sales.map((x) => repo.appendSales({ blocks: [buildBlock(newId(), [x], 'pos')], movements: movementsForSale(x) })));
		const units = sales.reduce((n, x) => n + x.lines[0].quantity, 0);
		for (const p of products) expect(await repo.stockOf(p.id)).toBe(-units);
		const day = dayOf(at('2024-05-10 00:00'));
		expect(await repo.shopDays(day, day)).toMatchObject([{ units: units * products.length, lines: sales.length * products.length }]);
		expect((await repo.productDays(products[0].id, day, day))[0]).toMatchObject({ units, lines: sales.length });
	});

	it('tickets charged at once on one series are numbered 1..n with no gap or repeat, each chained to the one before', async () => {
		const repo = await freshRepository(kind);
		const p = product('T1', 1000);
		await repo.appendSales({ blocks: [], movements: [], products: [p] });
		const charge = (series: string, i: number) => chargeTicket(repo, {
			saleId: newId() as SaleId, at: at(`2024-06-01 10:${String(i).padStart(2, '0')}`), deviceId: series, lines: [{ product: p, quantity: 1, unitPrice: p.unitPrice, discount: null }],
			ticketDiscount: null, tenders: [{ method: 'card', amount: 1000 }], customer: null, cashier: 'Ana', approvedBy: '', returnOf: '', returnReason: '', shiftId: null
		}, DEFAULT_TILL_SETTINGS, series);
		const results = await Promise.all([...Array.from({ length: 12 }, (_, i) => charge('TAB1', i)), ...Array.from({ length: 5 }, (_, i) => charge('TAB2', i))]);
		expect(results.every((r) => r.ok)).toBe(true);
		const tickets = await repo.listTickets();
		expect(verifyTickets(tickets)).toEqual([]);
		expect(tickets.filter((t) => t.series === 'TAB1').map((t) => t.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
		expect(tickets.filter((t) => t.series === 'TAB2')).toHaveLength(5);
		expect((await repo.counts()).sales).toBe(17);
	});

	it('pages sales newest first with their lines, by day range, product and customer, with a keyset cursor', async () => {
		const repo = await freshRepository(kind);
		const { a, b, c, lucia, sales } = await seeded(repo);
		const invoices = async (q: Parameters<SqlRepository['salesPage']>[0]) => {
			const out: string[][] = [];
			let page = await repo.salesPage(q);
			for (;;) {
				out.push(page.items.map((s) => s.invoice));
				if (!page.next) return out;
				page = await repo.salesPage({ ...q, after: page.next });
			}
		};
		// T-1 and T-2 share their time: the id orders them, and the cursor never repeats or skips one.
		const tie = [sales[0], sales[1]].sort((x, y) => (x.id < y.id ? 1 : -1)).map((s) => s.invoice);
		expect(await invoices({ limit: 2 })).toEqual([['T-5', 'T-4'], ['T-3', tie[0]], [tie[1]]]);
		expect(await invoices({ limit: 10, productId: a.id })).toEqual([['T-5', 'T-4', 'T-1']]);
		expect(await invoices({ limit: 1, productId: c.id })).toEqual([['T-4'], ['T-2']]);
		expect(await invoices({ limit: 10, customerId: lucia.id })).toEqual([['T-3', 'T-1']]);
		const day = (s: string) => dayOf(at(`${s} 00:00`));
		expect(await invoices({ limit: 10, fromDay: day('2024-05-11'), toDay: day('2024-05-12') })).toEqual([['T-4', 'T-3']]);
		expect(await invoices({ limit: 10, productId: b.id, toDay: day('2024-05-10') })).toEqual([['T-1']]);
		const [t4] = (await repo.salesPage({ limit: 1, fromDay: day('2024-05-12'), toDay: day('2024-05-12') })).items;
		expect(t4).toEqual({ ...sales[3], blockId: expect.any(String), store: null });
		expect((await repo.salesPage({ limit: 5, productId: 'none' as ProductId })).items).toEqual([]);
	});

	it('pages movements newest first by product and time, reads one product\'s stock, and pages products by SKU', async () => {
		const repo = await freshRepository(kind);
		const { a, b, c } = await seeded(repo);
		const all = [];
		let page = await repo.movementsPage({ limit: 2 });
		for (;;) {
			all.push(...page.items);
			if (!page.next) break;
			page = await repo.movementsPage({ limit: 2, after: page.next });
		}
		expect(all).toHaveLength(7);
		expect(all.map((m) => m.at)).toEqual([...all.map((m) => m.at)].sort((x, y) => y - x));
		expect((await repo.movementsPage({ limit: 10, productId: a.id })).items).toEqual(await repo.movementsOf(a.id));
		const window = await repo.movementsPage({ limit: 10, fromAt: at('2024-05-11 00:00'), toAt: at('2024-05-12 18:00') });
		// T-4's two movements share their time: in id order between themselves.
		expect(window.items.map((m) => m.reference)).toEqual(['T-4', 'T-4', 'T-3']);
		expect(window.items.slice(0, 2).map((m) => m.id)).toEqual(window.items.slice(0, 2).map((m) => m.id).sort().reverse());
		expect(window.items.map((m) => m.quantity).sort()).toEqual([-3, -4, 1].sort());
		expect(await repo.stockOf(a.id)).toBe(-2);
		expect(await repo.stockOf(c.id)).toBe(-5);
		expect(await repo.stockOf('none' as ProductId)).toBe(0);
		for (const sku of ['AB-1', 'AB-2', 'ABC']) await repo.putProduct(product(sku));
		const first = await repo.productsPage({ limit: 2, skuPrefix: 'A' });
		expect(first.items.map((p) => p.sku)).toEqual(['A', 'AB-1']);
		const second = await repo.productsPage({ limit: 2, skuPrefix: 'A', after: first.next! });
		expect([second.items.map((p) => p.sku), second.next]).toEqual([['AB-2', 'ABC'], null]);
		expect((await repo.productsPage({ limit: 10 })).items.map((p) => p.sku)).toEqual(['A', 'AB-1', 'AB-2', 'ABC', 'B', 'C']);
		expect((await repo.productsPage({ limit: 10, skuPrefix: 'B' })).items).toEqual([b]);
	});
});
