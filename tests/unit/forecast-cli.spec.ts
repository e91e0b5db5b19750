// `inventario forecast` and `inventario backtest` end to end on SQLite and a generated POS export:
// the CSV's shape (every active product and day), SKU / --all / --total / --category, --from,
// overrides, and the usage errors with exit code 2.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { seededRandom } from '../../src/core/forecast/global-model';
import { isoDay, parseIsoDay } from '../../src/core/time';

async function run(...argv: string[]) {
	const out: string[] = [], err: string[] = [];
	const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
	return { code, out: out.join('\n'), err: err.join('\n') };
}

const FIRST = parseIsoDay('2024-01-01')!; // a Monday
const DAYS = 120;
const SKUS = ['A100', 'B200', 'C300', 'D400', 'E500', 'F600'];
const CATEGORIES = ['Bakery', 'Bakery', 'Dairy', 'Dairy', 'Drinks', 'Drinks'];

/** A POS export: products selling about 0.8 to 10 units a day, closed on Saturdays, a few returns; one product sold only once, early. */
function salesCsv(): string {
	const random = seededRandom(3);
	const lines = ['Invoice,Date,SKU,Description,Category,Quantity,Unit price'];
	let invoice = 1000;
	for (let d = 0; d < DAYS; d++) {
		const date = isoDay((FIRST + d) as never);
		if ((d + 7) % 7 === 5) continue; // Saturday
		SKUS.forEach((sku, p) => {
			const rate = 0.3 * Math.pow(2, p);
			const units = Math.floor(rate * 2 * random() + random());
			if (units > 0) lines.push(`${++invoice},${date} 10:00,${sku},Item ${sku},${CATEGORIES[p]},${units},1.50`);
			if (p === 5 && d % 30 === 3) lines.push(`C${++invoice},${date} 12:00,${sku},Item ${sku},${CATEGORIES[p]},-2,1.50`);
		});
	}
	lines.push(`${++invoice},${isoDay(FIRST as never)} 09:00,Z999,Once,Misc,1,3.00`);
	return lines.join('\n') + '\n';
}

describe('inventario forecast and backtest', () => {
	const dir = mkdtempSync(join(tmpdir(), 'inventario-forecast-'));
	const db = join(dir, 'store.db'), file = join(dir, 'sales.csv');
	const lastSale = isoDay((FIRST + DAYS - 1) as never);
	const dayAfter = isoDay((FIRST + DAYS) as never);

	beforeAll(async () => {
		writeFileSync(file, salesCsv());
		const imported = await run('import', file, '--db', db);
		expect(imported.code, imported.err).toBe(0);
	}, 60_000);

	it('are listed and explain their options', async () => {
		const help = await run('--help');
		expect(help.out).toMatch(/forecast\s+Daily demand/);
		expect(help.out).toMatch(/backtest\s+Import a sales file/);
		const forecastHelp = await run('forecast', '--help');
		for (const option of ['--all', '--total', '--category NAME', '--horizon N', '--from DATE', '--out FILE', '--json', '--method NAME', '--override', '--db FILE']) expect(forecastHelp.out).toContain(option);
		expect((await run('backtest', '--help')).out).toContain('--cutoff DATE');
	});

	it('writes a row for every active product and day, from the day after the last sale', async () => {
		const out = join(dir, 'all.csv');
		const r = await run('forecast', '--all', '--horizon', '14', '--out', out, '--db', db);
		expect(r.code, r.err).toBe(0);
		const lines = readFileSync(out, 'utf8').trim().split('\n');
		expect(lines[0]).toBe('sku,date,p10,p50,p90,mean,method');
		expect(lines).toHaveLength(1 + 7 * 14);
		const rows = lines.slice(1).map((l) => l.split(','));
		expect(new Set(rows.map((c) => c[0]))).toEqual(new Set([...SKUS, 'Z999']));
		expect(rows.filter((c) => c[0] === 'A100').map((c) => c[1])[0]).toBe(dayAfter);
		for (const c of rows) {
			const [p10, p50, p90, mean] = c.slice(2, 6).map(Number);
			expect(p10).toBeLessThanOrEqual(p90);
			expect(p50).toBeGreaterThanOrEqual(0);
			expect(mean).toBeGreaterThanOrEqual(0);
			const saturday = new Date(c[1] + 'T00:00:00Z').getUTCDay() === 6;
			if (saturday) expect(p90).toBe(0);
		}
		// The busiest product (about 9.6 a day on open days) is forecast near its rate.
		const busy = rows.filter((c) => c[0] === 'F600' && new Date(c[1] + 'T00:00:00Z').getUTCDay() !== 6).map((c) => Number(c[5]));
		const average = busy.reduce((a, b) => a + b) / busy.length;
		expect(average).toBeGreaterThan(6);
		expect(average).toBeLessThan(13);
	}, 60_000);

	it('forecasts one SKU as CSV or JSON, with an override and from a given date', async () => {
		const r = await run('forecast', 'C300', '--horizon', '5', '--from', '2024-03-01', '--method', 'tsb', '--json', '--db', db);
		expect(r.code, r.err).toBe(0);
		const [one] = JSON.parse(r.out);
		expect(one).toMatchObject({ sku: 'C300', from: '2024-03-01', method: 'tsb' });
		expect(one.p90).toHaveLength(5);
		const csv = await run('forecast', 'C300', '--horizon', '3', '--override', 'C300=moving-average', '--db', db);
		expect(csv.out.split('\n').slice(1).map((l) => l.split(',')[6])).toEqual(['moving-average', 'moving-average', 'moving-average']);
	}, 60_000);

	it('forecasts the shop total and a category in units and revenue', async () => {
		const shop = await run('forecast', '--total', '--horizon', '7', '--json', '--db', db);
		expect(shop.code, shop.err).toBe(0);
		const total = JSON.parse(shop.out);
		expect(total.days).toHaveLength(7);
		const open = total.days.find((d: { date: string }) => new Date(d.date + 'T00:00:00Z').getUTCDay() === 1);
		expect(open.units_mean).toBeGreaterThan(10);
		expect(open.revenue_mean).toBeCloseTo(open.units_mean * 1.5, 0);
		expect(open.units_p10).toBeLessThan(open.units_mean);
		expect(open.units_p90).toBeGreaterThan(open.units_mean);
		const drinks = JSON.parse((await run('forecast', '--total', '--category', 'drinks', '--horizon', '7', '--json', '--db', db)).out);
		const monday = drinks.days.find((d: { date: string }) => d.date === open.date);
		expect(monday.units_mean).toBeLessThan(open.units_mean);
		expect(monday.units_mean).toBeGreaterThan(0.6 * open.units_mean);
		const table = await run('forecast', '--total', '--horizon', '2', '--db', db);
		expect(table.out.split('\n')[0]).toBe('date,units_p10,units_p50,units_p90,units_mean,revenue_p10,revenue_p50,revenue_p90,revenue_mean');
	}, 60_000);

	it('backtests a file in a scratch store: only days up to the cutoff are used', async () => {
		const out = join(dir, 'backtest.csv');
		const r = await run('backtest', file, '--cutoff', '2024-04-01', '--horizon', '7', '--out', out, '--json', '--db', join(dir, 'untouched.db'));
		expect(r.code, r.err).toBe(0);
		const summary = JSON.parse(r.out);
		expect(summary.closedWeekdays).toEqual(['Sat']);
		const lines = readFileSync(out, 'utf8').trim().split('\n');
		expect(lines).toHaveLength(1 + 7 * 7);
		expect(lines[1].split(',')[1]).toBe('2024-04-02');
		expect(lastSale > '2024-04-08').toBe(true);
	}, 60_000);

	it('says what is wrong with bad options (exit 2)', async () => {
		const cases: [string[], RegExp][] = [
			[['forecast', '--all', '--db', db], /--horizon N is required/],
			[['forecast', '--all', '--horizon', '0', '--db', db], /whole number of days from 1 to 365/],
			[['forecast', '--all', '--horizon', 'x', '--db', db], /whole number of days/],
			[['forecast', 'A100', '--all', '--horizon', '3', '--db', db], /only one of SKU, --all and --total/],
			[['forecast', '--horizon', '3', '--db', db], /say what to forecast/],
			[['forecast', 'NOPE', '--horizon', '3', '--db', db], /no product with SKU "NOPE"/],
			[['forecast', '--all', '--category', 'Dairy', '--horizon', '3', '--db', db], /--category goes with --total/],
			[['forecast', '--total', '--category', 'Toys', '--horizon', '3', '--db', db], /no category "Toys"; categories are "Bakery", "Dairy", "Drinks", "Misc"/],
			[['forecast', '--all', '--horizon', '3', '--method', 'magic', '--db', db], /unknown method "magic"/],
			[['forecast', '--all', '--horizon', '3', '--from', '2024-02-30', '--db', db], /--from must be a date/],
			[['forecast', '--all', '--horizon', '3', '--point', 'mode', '--db', db], /--point must be mean or median/],
			[['backtest', file, '--horizon', '3', '--out', join(dir, 'x.csv')], /--cutoff DATE is required/],
			[['backtest', file, '--cutoff', '2020-01-01', '--horizon', '3', '--out', join(dir, 'x.csv')], /before the first sale/],
			[['backtest', join(dir, 'missing.csv'), '--cutoff', '2024-03-01', '--horizon', '3', '--out', join(dir, 'x.csv')], /no such file/]
		];
		for (const [argv, message] of cases) {
			const r = await run(...argv);
			expect(r.code, argv.join(' ')).toBe(2);
			expect(r.err).toMatch(message);
		}
		const empty = await run('forecast', '--all', '--horizon', '3', '--db', join(dir, 'empty.db'));
		expect(empty.code).toBe(2);
		expect(empty.err).toMatch(/no sales to forecast from/);
	}, 60_000);
});
