// `inventario trends` and `inventario reorder` end to end on SQLite, with the real bakery data.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { receiveGoods } from '../../src/core/stock-ops';
import { SqliteRepository } from '../../src/node/sqlite-repository';

const BAKERY = '../shared/data/bread-basket/BreadBasket_DMS.csv';
const dir = () => mkdtempSync(join(tmpdir(), 'inventario-trends-'));

async function run(...argv: string[]) {
	const out: string[] = [], err: string[] = [];
	const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
	return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('inventario trends', () => {
	const db = join(dir(), 'bakery.db');
	beforeAll(async () => {
		expect((await run('import', BAKERY, '--db', db)).code).toBe(0);
		// Five postcards on the shelf; the bakery last sold one on 2017-02-04.
		const repo = new SqliteRepository(db);
		const postcard = (await repo.getProductBySku('Postcard'))!;
		const onHand = (await repo.stockLevels()).get(postcard.id) ?? 0;
		await receiveGoods(repo, null, 'ALB-1', [{ productId: postcard.id, quantity: 5 - onHand }], 'test');
		repo.close();
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

	it('reports the bakery as JSON: classes by units (no prices), busy Saturdays, rising sandwiches, dead postcards', async () => {
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
		expect(report.growing).toContain('Sandwich');
		const sandwich = report.products.find((p: { sku: string }) => p.sku === 'Sandwich');
		expect(sandwich.trend.pValue).toBeLessThan(0.05);
		expect(report.deadStock).toEqual([expect.objectContaining({ sku: 'Postcard', onHand: 5, daysSinceLastSale: 64 })]);
	});

	it('prints readable tables by default', async () => {
		const r = await run('trends', '--db', db, '--top', '3', '--dead-days', '60');
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/^Trends as of 2017-04-09/);
		expect(r.out).toContain('ABC by units (the sales carry no prices)');
		expect(r.out).toMatch(/Growing \(last 8 weeks against the 16 before, Mann-Whitney p < 0.05\):\nsku/);
		expect(r.out).toMatch(/Dead stock \(on hand, no sale in 60 days or more\):\nsku.*\n-+.*\nPostcard\s+Postcard\s+5\s+2017-02-04/);
	});
});
