// `inventario health` and `inventario alerts` end to end on SQLite, on the sample shop with a
// candle nobody buys, a warehouse's worth of one best seller, and one product's stock driven
// negative (as sales imported without their purchases leave it).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { emptyProductForm, saveProduct } from '../../src/core/catalog';
import { adjustStock, receiveGoods } from '../../src/core/stock-ops';
import { SqlRepository } from '../../src/sql/sql-repository';

const dir = () => mkdtempSync(join(tmpdir(), 'inventario-health-'));

async function run(...argv: string[]) {
	const out: string[] = [], err: string[] = [];
	const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
	return { code, out: out.join('\n'), err: err.join('\n') };
}

const db = join(dir(), 'demo.db');

beforeAll(async () => {
	expect((await run('demo', '--db', db)).code).toBe(0);
	const repo = await SqlRepository.open(db);
	const candle = await saveProduct(repo, { ...emptyProductForm(), sku: 'VELA-01', name: 'Vela de soja', unitPrice: '9.90', unitCost: '4.00' });
	if (!candle.ok) throw new Error('invalid product');
	const heart = (await repo.getProductBySku('85123A'))!;
	await receiveGoods(repo, null, 'ALB-1', [{ productId: candle.value.id, quantity: 12 }, { productId: heart.id, quantity: 40_000 }], 'test');
	const cakestand = (await repo.getProductBySku('22423'))!;
	await adjustStock(repo, cakestand.id, -((await repo.stockLevels()).get(cakestand.id)! + 10), 'test', 'test');
	await repo.close();
}, 60_000);

describe('inventario health', () => {
	it('is listed and explains its formula and options', async () => {
		expect((await run('--help')).out).toMatch(/health\s+Inventory health 0-100/);
		const help = await run('health', '--help');
		expect(help.code).toBe(0);
		for (const text of ['--json', '--top N', '--no-forecast', '--dead-days N', '--cover DAYS', '--db FILE', 'score = 100 - sum of weight x risk']) expect(help.out).toContain(text);
	});

	it('says what is wrong, exit 2, and fails clearly without sales', async () => {
		const dead = await run('health', '--dead-days', '0', '--db', db);
		expect(dead.code).toBe(2);
		expect(dead.err).toMatch(/--dead-days must be a whole number from 1 to 3660, not "0"/);
		expect((await run('health', 'extra', '--no-forecast', '--db', db)).code).toBe(2);
		expect((await run('health', '--db', db, '--top', 'ten')).code).toBe(2);
		const empty = await run('health', '--no-forecast', '--db', join(dir(), 'empty.db'));
		expect(empty.code).toBe(1);
		expect(empty.err).toMatch(/no sales to analyse/);
	});

	it('gives the shop\'s score with each part explained, and every product by its code, as JSON', async () => {
		const r = await run('health', '--json', '--no-forecast', '--db', db);
		expect(r.code).toBe(0);
		const report = JSON.parse(r.out);
		expect(report).toMatchObject({ demandBasis: 'sales_speed', forecastFrom: null, weights: { stockOut: 35, overstock: 20, deadStock: 25, turnover: 20 } });
		expect(report.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(report.shop.score).toBeGreaterThanOrEqual(0);
		expect(report.shop.score).toBeLessThan(100);
		expect(report.shop.parts.map((p: { part: string }) => p.part)).toEqual(['stockOut', 'overstock', 'deadStock', 'turnover']);
		const dead = report.shop.parts.find((p: { part: string }) => p.part === 'deadStock');
		expect(dead).toMatchObject({ products: 1, value: 4800 });
		expect(dead.text).toBe('1 product in stock with no sale in 90 days or more: 48.00 at cost standing still.');
		const candle = report.products.find((p: { sku: string }) => p.sku === 'VELA-01');
		expect(candle).toMatchObject({ score: 75, risks: { deadStock: 1 }, onHand: 12, daysSinceLastSale: null, alerts: ['dead_stock'] });
		expect(report.shop.unknownStock).toBe(1);
		expect(report.products.find((p: { sku: string }) => p.sku === '22423')).toMatchObject({ onHand: -10, risks: { stockOut: 0 } });
		const heart = report.products.find((p: { sku: string }) => p.sku === '85123A');
		expect(heart.risks.overstock).toBeGreaterThan(0);
		expect(heart.alerts).toContain('overstock');
		expect(report.products.every((p: { sku: string }) => !/^[0-9a-f-]{36}$/.test(p.sku))).toBe(true);
	});

	it('prints the parts and the lowest-scoring products by default', async () => {
		const r = await run('health', '--no-forecast', '--top', '3', '--db', db);
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/^Inventory health as of \d{4}-\d{2}-\d{2}: \d+\/100 \((good|fair|poor)\), 151 products; running out judged on each product's sales speed \(no forecast\)\./);
		// Twelve candles are a sliver of the stock's value: the part barely moves, but says why.
		expect(r.out).toMatch(/dead stock\s+100\s+0\.0 of 25\s+1 product in stock with no sale in 90 days or more: 48\.00 at cost standing still\./);
		expect(r.out).toMatch(/turnover\s+\d+\s+\d+\.\d of 20\s+The stock sells through \d+\.\d times a year \(healthy: 4 or more\); 1 product turns slower\./);
		expect(r.out).toMatch(/Lowest-scoring products \(3 of \d+ below 100\):/);
	});
});

describe('inventario alerts', () => {
	it('is listed and explains its rules', async () => {
		expect((await run('--help')).out).toMatch(/alerts\s+What needs attention/);
		const help = await run('alerts', '--help');
		expect(help.code).toBe(0);
		for (const text of ['--json', '--kind K,...', 'stockout_predicted (high)', 'dead_stock (medium)', '--no-forecast']) expect(help.out).toContain(text);
		const kind = await run('alerts', '--kind', 'fire', '--db', db);
		expect(kind.code).toBe(2);
		expect(kind.err).toMatch(/--kind must be one or more of oversold, sold_out, stockout_predicted, low_stock, demand_change, dead_stock, overstock/);
	});

	it('lists every alert as JSON with the shop\'s codes and a sentence, most severe first', async () => {
		const r = await run('alerts', '--json', '--no-forecast', '--db', db);
		expect(r.code).toBe(0);
		const { alerts } = JSON.parse(r.out);
		const rank = { high: 0, medium: 1, low: 2 } as Record<string, number>;
		expect(alerts.map((a: { severity: string }) => rank[a.severity])).toEqual([...alerts.map((a: { severity: string }) => rank[a.severity])].sort());
		expect(alerts.find((a: { sku: string; kind: string }) => a.sku === 'VELA-01' && a.kind === 'dead_stock')).toMatchObject({
			name: 'Vela de soja', severity: 'medium', impact: 4800, values: { onHand: 12, daysSinceLastSale: null, valueAtCost: 4800 },
			text: '12 in stock and never sold: 48.00 at cost standing still.'
		});
		const overstock = alerts.find((a: { sku: string; kind: string }) => a.sku === '85123A' && a.kind === 'overstock');
		expect(overstock.text).toMatch(/^\d+ in stock lasts about \d+ days, far beyond the \d+ days an order should cover/);
		expect(alerts.some((a: { kind: string; values: { stockOutDate?: string } }) => a.kind === 'stockout_predicted' && /^\d{4}-\d{2}-\d{2}$/.test(a.values.stockOutDate!))).toBe(true);
		expect(alerts.every((a: Record<string, unknown>) => !('productId' in a))).toBe(true);
		// Adjusted below zero: no stock-out judged for it (the shelf is unknown), and it is oversold.
		expect(alerts.filter((a: { sku: string }) => a.sku === '22423').map((a: { kind: string }) => a.kind)).toEqual(['oversold']);
		expect(JSON.parse(r.out).unknownStock).toBe(1);
	});

	it('prints a table, filtered by kind', async () => {
		const r = await run('alerts', '--kind', 'dead_stock,overstock', '--no-forecast', '--db', db);
		expect(r.code).toBe(0);
		// The candle is dead; the best seller with a warehouse of it and four seasonal lines past their rush are overstocked.
		expect(r.out).toMatch(/^6 alerts as of \d{4}-\d{2}-\d{2}: 0 high, 1 medium, 5 low;/);
		expect(r.out).toContain('\nNote: 1 product has negative stock on hand (sales recorded without their purchases); running out is not judged for them until their stock is counted.\n');
		expect(r.out).toMatch(/medium\s+dead stock\s+VELA-01\s+Vela de soja\s+12 in stock and never sold/);
	});

	it('judges running out on the forecast by default, as inventario reorder does', async () => {
		const r = await run('alerts', '--json', '--kind', 'stockout_predicted,low_stock', '--db', db);
		expect(r.code).toBe(0);
		const result = JSON.parse(r.out);
		expect(result.demandBasis).toBe('forecast');
		expect(result.forecastFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(result.alerts.filter((a: { values: { basis?: string } }) => a.values.basis).every((a: { values: { basis: string } }) => a.values.basis === 'forecast')).toBe(true);
		expect(result.alerts.length).toBeGreaterThan(0);
	}, 180_000);
});
