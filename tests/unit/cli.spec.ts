// The inventario CLI driven through its main(): help, errors and exit codes, stock.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyProductForm, saveProduct } from '../../src/core/catalog';
import { receiveGoods } from '../../src/core/stock-ops';
import { main } from '../../src/cli/main';
import { SqlRepository } from '../../src/sql/sql-repository';

async function run(...argv: string[]) {
	const out: string[] = [], err: string[] = [];
	const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
	return { code, out: out.join('\n'), err: err.join('\n') };
}

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'inventario-')), 'test.db');

describe('inventario CLI', () => {
	it('lists its commands and explains each one', async () => {
		const help = await run('--help');
		expect(help.code).toBe(0);
		expect(help.out).toMatch(/stock/);
		expect(help.out).toMatch(/demo/);
		const stockHelp = await run('stock', '--help');
		expect(stockHelp.code).toBe(0);
		expect(stockHelp.out).toMatch(/--low/);
	});

	it('fails clearly, with a non-zero exit, on unknown commands and options', async () => {
		const unknown = await run('stok');
		expect(unknown.code).toBe(2);
		expect(unknown.err).toMatch(/unknown command "stok"/);
		const badOption = await run('stock', '--lowest', '--db', tempDb());
		expect(badOption.code).toBe(2);
		expect(badOption.err).toMatch(/--lowest/);
	});

	it('shows stock on hand, one SKU, and the low ones, with --db anywhere after the command', async () => {
		const db = tempDb();
		const repo = await SqlRepository.open(db);
		const a = await saveProduct(repo, { ...emptyProductForm(), sku: '85123A', name: 'White hanging heart', unitPrice: '2.55', reorderPoint: '5' });
		const b = await saveProduct(repo, { ...emptyProductForm(), sku: '22423', name: 'Regency cakestand', unitPrice: '12.75' });
		if (!a.ok || !b.ok) throw new Error('invalid');
		await receiveGoods(repo, null, 'ALB-1', [{ productId: a.value.id, quantity: 3 }, { productId: b.value.id, quantity: 12 }], 'cli-test');
		await repo.close();

		const all = await run('stock', '--json', '--db', db);
		expect(all.code).toBe(0);
		expect(JSON.parse(all.out)).toEqual([
			expect.objectContaining({ sku: '22423', on_hand: 12, status: 'ok' }),
			expect.objectContaining({ sku: '85123A', on_hand: 3, status: 'low' })
		]);
		const low = await run('stock', '--db', db, '--low');
		expect(low.out).toMatch(/85123A/);
		expect(low.out).not.toMatch(/22423/);
		const one = await run('stock', '--db', db, '22423', '--json');
		expect(JSON.parse(one.out)).toHaveLength(1);
		const missing = await run('stock', 'NOPE', '--db', db);
		expect(missing.code).toBe(2);
		expect(missing.err).toMatch(/no product with SKU "NOPE"/);
	});

	it('loads the sample shop into an empty store, and refuses a second time', async () => {
		const db = tempDb();
		const first = await run('demo', '--json', '--db', db);
		expect(first.code).toBe(0);
		const summary = JSON.parse(first.out);
		expect(summary).toMatchObject({ products: 150 });
		expect(summary.saleLines).toBeGreaterThan(90_000);
		const stock = JSON.parse((await run('stock', '--json', '--db', db)).out);
		expect(stock).toHaveLength(150);
		expect(stock.filter((r: { status: string }) => r.status === 'ok').length).toBeGreaterThan(100);
		const again = await run('demo', '--db', db);
		expect(again.code).toBe(1);
		expect(again.err).toMatch(/already has data/);
	}, 60_000);
});
