// How fast the SQL store takes sales: one point-of-sale sale (3 lines) and bulk loads in blocks of
// 10,000 lines, on a SQLite file and on PostgreSQL. Printed; bounds are generous (shared CI
// machines). SQL_BENCH=1 runs the full million lines (about a minute on 2 cores).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Cents, LocalTimestamp, ProductId, SaleId } from '$core/brand';
import { newId } from '$core/ids';
import { movementsForSale } from '$core/ledger';
import { buildBlock, BLOCK_LINES } from '$core/sale-blocks';
import { bulkSaleMovements } from '$core/sale-movements';
import type { Product, Sale } from '$core/types';
import { DEFAULT_SHOP_CODE, ensureShop } from '../../src/sql/open';
import { SqlRepository } from '../../src/sql/sql-repository';
import { describeEachSql, freshPostgres, freshSqlite, type SqlKind } from '../support/sql-databases';

const FULL = Boolean(process.env.SQL_BENCH);
const BULK_LINES = FULL ? 1_000_000 : 50_000;
const PRODUCTS = 4_000;

async function repository(kind: SqlKind) {
	const sql = kind === 'postgres' ? await freshPostgres() : await freshSqlite(join(mkdtempSync(join(tmpdir(), 'sql-perf-')), 'shop.db'));
	return new SqlRepository(sql, (await ensureShop(sql, DEFAULT_SHOP_CODE)).id);
}

const catalogue = (): Product[] => Array.from({ length: PRODUCTS }, (_, i) => ({
	id: newId() as ProductId, sku: `SKU-${i}`, barcode: '', name: `Producto ${i}`, category: '', unitPrice: (100 + i) as Cents, unitCost: 50 as Cents,
	supplierId: null, leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: true, updatedAt: 0 as LocalTimestamp
}));

/** Blocks of BLOCK_LINES lines, 1 to 8 lines a sale a minute apart, every product in turn (the worst case for the indexes). */
function* blocks(products: Product[], lines: number) {
	let line = 0, n = 0;
	const start = Date.UTC(2022, 0, 3, 9);
	while (line < lines) {
		const sales: Sale[] = [];
		for (let inBlock = 0; inBlock < BLOCK_LINES && line < lines; n++) {
			const k = Math.min(BLOCK_LINES - inBlock, lines - line, 1 + (n % 8));
			sales.push({
				id: newId() as SaleId, invoice: `F${n}`, at: (start + n * 60_000) as LocalTimestamp, customerId: null, deviceId: 'import',
				lines: Array.from({ length: k }, (_, j) => {
					const p = products[(line + j * 7) % products.length];
					return { productId: p.id, quantity: 1 + (j % 3), unitPrice: p.unitPrice, discount: 0 as Cents };
				})
			});
			inBlock += k;
			line += k;
		}
		const block = buildBlock(newId(), sales, 'import');
		block.lineKeys = Float64Array.from({ length: block.lineCount }, (_, i) => (line - block.lineCount + i) * 7919);
		yield block;
	}
}

describeEachSql('SQL store speed', (kind) => {
	it(`appends ${BULK_LINES.toLocaleString('en')} lines in blocks of 10,000, one transaction each, then one point-of-sale sale at a time`, async () => {
		const repo = await repository(kind);
		const products = catalogue();
		let first = true, seconds = 0, cpu = 0;
		for (const block of blocks(products, BULK_LINES)) {
			const movements = bulkSaleMovements([block], 'import', 'bench');
			const [started, used] = [performance.now(), process.cpuUsage()];
			await repo.appendSales({ blocks: [block], movements, products: first ? products : [] });
			seconds += (performance.now() - started) / 1000;
			const spent = process.cpuUsage(used);
			cpu += (spent.user + spent.system) / 1e6;
			first = false;
		}
		const times: number[] = [];
		for (let i = 0; i < 200; i++) {
			const sale: Sale = {
				id: newId() as SaleId, invoice: `T-${i}`, at: (Date.UTC(2024, 5, 1, 10) + i * 1000) as LocalTimestamp, customerId: null, deviceId: 'till',
				lines: [0, 1, 2].map((j) => ({ productId: products[i + j].id, quantity: 1, unitPrice: products[i + j].unitPrice, discount: 0 as Cents }))
			};
			const started = performance.now();
			await repo.appendSales({ blocks: [buildBlock(newId(), [sale], 'pos')], movements: movementsForSale(sale) });
			times.push(performance.now() - started);
		}
		times.sort((a, b) => a - b);
		const median = times[100], p90 = times[180];
		console.log(`${kind}: ${BULK_LINES.toLocaleString('en')} lines in ${seconds.toFixed(1)} s (${Math.round(BULK_LINES / seconds).toLocaleString('en')} lines/s, this process's CPU ${cpu.toFixed(1)} s); one POS sale of 3 lines: median ${median.toFixed(2)} ms, p90 ${p90.toFixed(2)} ms`);
		expect((await repo.counts()).saleLines).toBe(BULK_LINES + 600);
		expect(median).toBeLessThan(kind === 'sqlite' ? 10 : 30);
		expect(seconds).toBeLessThan((BULK_LINES / 1_000_000) * 120);
	}, 600_000);
});
