// `inventario trends` and `inventario reorder` end to end on SQLite, with the real bakery data.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { emptySupplierForm, saveSupplier } from '../../src/core/catalog';
import { receiveGoods } from '../../src/core/stock-ops';
import { SqlRepository } from '../../src/sql/sql-repository';

const BAKERY = '../shared/data/bread-basket/BreadBasket_DMS.csv';
const dir = () => mkdtempSync(join(tmpdir(), 'inventario-trends-'));

async function run(...argv: string[]) {
	const out: string[] = [], err: string[] = [];
	const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
	return { code, out: out.join('\n'), err: err.join('\n') };
}

const db = join(dir(), 'bakery.db');

describe('inventario trends', () => {
	beforeAll(async () => {
		expect((await run('import', BAKERY, '--db', db)).code).toBe(0);
		// Five postcards on the shelf; the bakery last sold one on 2017-02-04.
		const repo = await SqlRepository.open(db);
		const postcard = (await repo.getProductBySku('Postcard'))!;
		const onHand = (await repo.stockLevels()).get(postcard.id) ?? 0;
		await receiveGoods(repo, null, 'ALB-1', [{ productId: postcard.id, quantity: 5 - onHand }], 'test');
		// Plenty of coffee; bread from a miller with a 3-day lead time, in sacks of 12.
		const coffee = (await repo.getProductBySku('Coffee'))!;
		await receiveGoods(repo, null, 'ALB-2', [{ productId: coffee.id, quantity: 20_000 }], 'test');
		const miller = await saveSupplier(repo, { ...emptySupplierForm(), name: 'Harinas del Norte', defaultLeadTimeDays: '3' });
		if (!miller.ok) throw new Error('invalid supplier');
		const bread = (await repo.getProductBySku('Bread'))!;
		await repo.putProduct({ ...bread, supplierId: miller.value.id, packSize: 12 });
		await repo.close();
	}, 60_000);

	it('is listed and explains its options', async () => {
		expect((await run('--help')).out).toMatch(/trends\s+ABC\/XYZ/);
		const help = await run('trends', '--help');
		expect(help.code).toBe(0);
		for (const option of ['--json', '--as-of DATE', '--window DAYS', '--dead-days N', '--recent-weeks N', '--baseline-weeks N', '--top N', '--db FILE', 'Mann-Whitney']) expect(help.out).toContain(option);
	});

	it('says what is wrong with an option, exit 2', async () => {
		const window = await run('trends', '--window', '10', '--db', db);
		expect(window.code).toBe(2);
		expect(window.err).toMatch(/--window must be a whole number from 28 to 3660, not "10"/);
		const date = await run('trends', '--db', db, '--as-of', '2017-02-30');
		expect(date.code).toBe(2);
		expect(date.err).toMatch(/--as-of must be a date as YYYY-MM-DD/);
		expect((await run('trends', 'extra', '--db', db)).code).toBe(2);
		expect((await run('trends', '--weeks', '3', '--db', db)).code).toBe(2);
	});

	it('fails clearly on a store without sales', async () => {
		const empty = await run('trends', '--db', join(dir(), 'empty.db'));
		expect(empty.code).toBe(1);
		expect(empty.err).toMatch(/no sales to analyse/);
	});

	it('reports the bakery as JSON: classes by units (no prices), busy Saturdays, no false alarms, dead postcards', async () => {
		const r = await run('trends', '--json', '--db', db, '--dead-days', '60');
		expect(r.code).toBe(0);
		const report = JSON.parse(r.out);
		expect(report).toMatchObject({ asOf: '2017-04-09', fromDay: '2016-10-30', abcBasis: 'units' });
		const coffee = report.products.find((p: { sku: string }) => p.sku === 'Coffee');
		expect(coffee).toMatchObject({ abc: 'A', xyz: 'X' });
		expect(report.products[0].sku).toBe('Coffee');
		expect(report.highRotation.slice(0, 5)).toContain('Coffee');
		const weekday = report.shop.profile.weekday.map((b: { index: number }) => b.index);
		expect(Math.max(...weekday)).toBe(weekday[5]); // Saturday
		// Sandwiches rose 47% (p = 0.002), but among the ~80 products tested that is near what chance
		// gives one of them: after the Benjamini-Hochberg adjustment it is no clear change.
		const sandwich = report.products.find((p: { sku: string }) => p.sku === 'Sandwich');
		expect(sandwich.trend).toMatchObject({ direction: 'no_clear_change', recentWeeks: 8, baselineWeeks: 15 });
		expect(sandwich.trend.pValue).toBeLessThan(0.01);
		expect(sandwich.trend.qValue).toBeGreaterThan(0.05);
		expect(report.growing).not.toContain('Sandwich');
		expect(report.deadStock).toEqual([expect.objectContaining({ sku: 'Postcard', onHand: 5, daysSinceLastSale: 64 })]);
	});

	it('prints readable tables by default', async () => {
		const r = await run('trends', '--db', db, '--top', '3', '--dead-days', '60');
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/^Trends as of 2017-04-09/);
		expect(r.out).toContain('ABC by units (the sales carry no prices)');
		expect(r.out).toMatch(/Growing \(last 8 weeks against the 16 before, Mann-Whitney, Benjamini-Hochberg q < 0.05\):\n/);
		expect(r.out).toMatch(/Dead stock \(on hand, no sale in 60 days or more\):\nsku.*\n-+.*\nPostcard\s+Postcard\s+5\s+2017-02-04/);
	});
});

describe('inventario reorder', () => {
	it('is listed and explains its options', async () => {
		expect((await run('--help')).out).toMatch(/reorder\s+What to order/);
		const help = await run('reorder', '--help');
		expect(help.code).toBe(0);
		for (const option of ['--json', '--out FILE', '--all', '--service-level P', '--cover DAYS', '--db FILE', 'supplier,sku,name,on_hand,on_order,reorder_point,suggested_qty,stock_out_date,urgency,reason']) expect(help.out).toContain(option);
	});

	it('says what is wrong with an option, exit 2, before forecasting anything', async () => {
		const level = await run('reorder', '--service-level', '1.5', '--db', db);
		expect(level.code).toBe(2);
		expect(level.err).toMatch(/--service-level must be above 0.5 and below 1 \(e.g. 0.95 or 95%\), not "1.5"/);
		const cover = await run('reorder', '--db', db, '--cover', '0');
		expect(cover.code).toBe(2);
		expect(cover.err).toMatch(/--cover must be a whole number from 1 to 365/);
		const empty = await run('reorder', '--db', join(dir(), 'empty.db'));
		expect(empty.code).toBe(1);
		expect(empty.err).toMatch(/no sales to forecast from/);
	});

	it('writes the suggestions as CSV: bread urgent from its miller in sacks of 12, enough coffee', async () => {
		const file = join(dir(), 'reorder.csv');
		const r = await run('reorder', '--out', file, '--db', db);
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/^Forecast from 2017-04-10; service level 95.0%, cover 30 days after delivery\.\n\d+ urgent, \d+ to order, \d+ with enough stock, 0 without sales to forecast\./);
		const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
		expect(lines[0]).toBe('supplier,sku,name,on_hand,on_order,reorder_point,suggested_qty,stock_out_date,urgency,reason');
		const bread = lines.find((l) => l.startsWith('Harinas del Norte,Bread,'))!.split(',');
		expect(bread[8]).toBe('urgent');
		expect(Number(bread[6]) % 12).toBe(0);
		expect(Number(bread[6])).toBeGreaterThan(Number(bread[5]));
		expect(bread[7]).toBe('2017-04-10');
		expect(bread.slice(9).join(',')).toMatch(/^"?Out of stock, with nothing on order; order \d+ now to cover the 3-day lead time and 30 days after delivery \(rounded up to packs of 12\)\./);
		expect(lines.some((l) => l.includes(',Coffee,'))).toBe(false);
	}, 120_000);

	it('gives every figure as JSON, with draft purchase orders per supplier', async () => {
		const r = await run('reorder', '--json', '--all', '--service-level', '99%', '--cover', '14', '--db', db);
		expect(r.code).toBe(0);
		const plan = JSON.parse(r.out);
		expect(plan.options).toEqual({ serviceLevel: 0.99, targetCoverDays: 14 });
		const coffee = plan.suggestions.find((s: { sku: string }) => s.sku === 'Coffee');
		expect(coffee).toMatchObject({ urgency: 'ok', suggestedQuantity: 0, leadTimeDays: 7, reason: { code: 'enough_stock' } });
		expect(coffee.leadTimeDemand).toBeGreaterThan(100);
		expect(coffee.reorderPoint).toBeCloseTo(coffee.leadTimeDemand + coffee.safetyStock, 6);
		expect(['backtest_windows', 'backtest_daily']).toContain(coffee.safetyBasis);
		const bread = plan.suggestions.find((s: { sku: string }) => s.sku === 'Bread');
		expect(bread).toMatchObject({ supplier: 'Harinas del Norte', leadTimeDays: 3, urgency: 'urgent' });
		const miller = plan.purchaseOrders.find((o: { supplier: string }) => o.supplier === 'Harinas del Norte');
		expect(miller.lines).toEqual([{ sku: 'Bread', quantity: bread.suggestedQuantity, unitCost: 0 }]);
	}, 120_000);
});
