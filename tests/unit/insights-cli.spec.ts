// inventario recommend / segments through main(): the documented CSV columns with the shop's own
// codes, --until, options in any order, and clear errors with exit code 2 for bad usage.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { SqlRepository } from '../../src/sql/sql-repository';
import { isoDay } from '$core/time';
import { buildInsightsShop, LAST_DAY, LATE_FROM } from './insights-fixture';

async function run(...argv: string[]) {
	const out: string[] = [], err: string[] = [];
	const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
	return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = () => mkdtempSync(join(tmpdir(), 'inventario-insights-'));

let shared: string | undefined;
async function shopDb() {
	if (shared) return shared;
	const file = join(dir(), 'shop.db');
	const repo = await SqlRepository.open(file);
	await buildInsightsShop(repo);
	await repo.close();
	return (shared = file);
}

function csv(file: string): string[][] {
	const parsed = Papa.parse<string[]>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true });
	expect(parsed.errors).toEqual([]);
	return parsed.data;
}

const SKUS = ['TEA', 'MUG', 'HONEY', 'BREAD', 'JAM', 'COFFEE', 'LATE', 'NEWTEA'];
const BEFORE_LATE = isoDay((LATE_FROM - 1) as never);

describe('inventario recommend', () => {
	it('shows what sells with one product, in text or JSON, options in any order', async () => {
		const db = await shopDb();
		const text = await run('recommend', '--db', db, 'BREAD', '--top', '3');
		expect(text).toMatchObject({ code: 0, err: '' });
		expect(text.out).toContain('BREAD Pan de pueblo: learned from');
		expect(text.out.split('\n')[3]).toMatch(/^\s+1\s+JAM\s+Mermelada de fresa\s/);
		const json = await run('recommend', '--json', 'TEA', '--db', db);
		const parsed = JSON.parse(json.out);
		expect(parsed).toMatchObject({ sku: 'TEA', name: 'Té verde Sencha' });
		expect(parsed.recommendations[0]).toMatchObject({ rank: 1, sku: 'MUG', reason: 'together' });
		expect(parsed.recommendations[0].lift).toBeGreaterThan(1);
		// Every other product that ever sold (the red tea never did, so nothing ties it to tea).
		expect(parsed.recommendations).toHaveLength(6);
		const fresh = JSON.parse((await run('recommend', 'NEWTEA', '--json', '--db', db)).out);
		expect(fresh.recommendations.map((r: { sku: string }) => r.sku)).toContain('TEA');
	});

	it('writes every product\'s recommendations as CSV with SKUs, learned only up to --until', async () => {
		const db = await shopDb();
		const all = join(dir(), 'all.csv');
		const done = await run('recommend', '--out', all, '--all', '--top', '2', '--db', db);
		expect(done).toMatchObject({ code: 0, err: '' });
		expect(done.out).toMatch(new RegExp(`^Wrote 16 recommendations for 8 products \\(learned up to .*\\) to ${all.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\.$`));
		const rows = csv(all);
		expect(rows[0]).toEqual(['sku', 'rank', 'recommended_sku', 'score']);
		expect(rows.length).toBe(1 + 16);
		for (const [sku, rank, recommended, score] of rows.slice(1)) {
			expect(SKUS).toContain(sku);
			expect(SKUS).toContain(recommended);
			expect(recommended).not.toBe(sku);
			expect(['1', '2']).toContain(rank);
			expect(Number(score)).toBeGreaterThan(0);
		}
		const teaWith = (r: string[][]) => r.filter((row) => row[0] === 'TEA').map((row) => row[2]);
		const late = join(dir(), 'late.csv');
		await run('recommend', '--all', '--db', db, '--out', late);
		expect(teaWith(csv(late))).toContain('LATE');
		const early = join(dir(), 'early.csv');
		expect((await run('recommend', '--until', BEFORE_LATE, '--all', '--db', db, '--out', early)).out).toContain(`learned up to ${BEFORE_LATE}`);
		expect(teaWith(csv(early))).not.toContain('LATE');
	});

	it('says what is wrong with exit code 2', async () => {
		const db = await shopDb();
		for (const [args, message] of [
			[['recommend'], 'say which product (its SKU) or --all'],
			[['recommend', 'TEA', '--all'], 'either a SKU or --all'],
			[['recommend', 'NOPE'], 'no product with SKU "NOPE"'],
			[['recommend', '--all', '--top', '0'], '--top must be a whole number from 1 to 100'],
			[['recommend', '--all', '--until', '2024-02-30'], '--until must be a date written YYYY-MM-DD'],
			[['recommend', 'TEA', '--out', 'x.csv'], '--out is for --all'],
			[['recommend', '--all', '--json'], '--json is for one SKU'],
			[['recommend', 'TEA', '--bogus'], "Unknown option '--bogus'"]
		] as const) {
			const result = await run(...args, '--db', db);
			expect(result.code, args.join(' ')).toBe(2);
			expect(result.err).toContain(message);
		}
		expect((await run('recommend', '--help')).out).toContain('sku,rank,recommended_sku,score');
	});

	it('fails clearly when there is nothing to learn from', async () => {
		const empty = join(dir(), 'empty.db');
		const result = await run('recommend', '--all', '--db', empty);
		expect(result.code).toBe(1);
		expect(result.err).toContain('there are no sales to learn from');
	});
});

describe('inventario segments', () => {
	it('writes one row per customer with their code, the Spanish segment name, RFM and lifetime value', async () => {
		const db = await shopDb();
		const file = join(dir(), 'segments.csv');
		const done = await run('segments', '--out', file, '--db', db);
		expect(done).toMatchObject({ code: 0, err: '' });
		expect(done.out).toContain(`12 customers as of ${isoDay(LAST_DAY as never)}: `);
		expect(done.out).toContain(`Wrote 12 customers to ${file}.`);
		const rows = csv(file);
		expect(rows[0]).toEqual(['customer_id', 'segment', 'recency_days', 'frequency', 'monetary', 'ltv']);
		expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10', 'C11', 'C12']);
		for (const [, segment, recency, frequency, monetary, ltv] of rows.slice(1)) {
			expect(['VIP', 'Frecuente', 'Ocasional', 'En riesgo', 'Nuevo', 'Inactivo']).toContain(segment);
			expect(recency).toMatch(/^\d+$/);
			expect(Number(frequency)).toBeGreaterThanOrEqual(1);
			expect(monetary).toMatch(/^\d+\.\d\d$/);
			expect(ltv).toMatch(/^\d+\.\d\d$/);
		}
		const ana = rows.find((r) => r[0] === 'C01')!;
		expect(ana.slice(2, 5)).toEqual(['3', '29', '4150.00']);
		// Each segment is either in the table or said to be empty, with why.
		const json = JSON.parse((await run('segments', '--json', '--db', db)).out);
		for (const segment of json.segments) {
			if (segment.customers > 0) expect(done.out).toContain(segment.segment);
			else expect(done.out).toContain(`Nobody is ${segment.segment}: `);
		}
	});

	it('segments as of --until and prints JSON with the model, clusters and who to call back', async () => {
		const db = await shopDb();
		const json = JSON.parse((await run('segments', '--json', '--until', '2024-04-30', '--db', db)).out);
		expect(json.asOf).toBe('2024-04-30');
		expect(json.customers).toBe(11);
		expect(json.segments.map((s: { code: string }) => s.code)).toEqual(['vip', 'frequent', 'occasional', 'at_risk', 'new', 'inactive']);
		expect(json.clusters.length).toBe(json.k);
		expect(json.ltvModel.name).toContain('BG/NBD');
		expect(json.rows.find((r: { customer_id: string }) => r.customer_id === 'C01')).toMatchObject({ recency_days: 1, frequency: 18 });
		const callBackCodes = json.callBack.map((c: { customer_id: string }) => json.rows.find((r: { customer_id: string }) => r.customer_id === c.customer_id).code);
		const anyAtRisk = json.rows.some((r: { code: string }) => r.code === 'at_risk');
		for (const code of callBackCodes) expect(code).toBe(anyAtRisk ? 'at_risk' : 'inactive');
	});

	it('refuses bad options with exit code 2, and too few customers with a reason', async () => {
		const db = await shopDb();
		expect(await run('segments', '--until', 'yesterday', '--db', db)).toMatchObject({ code: 2 });
		expect(await run('segments', 'extra', '--db', db)).toMatchObject({ code: 2, err: expect.stringContaining('segments takes no arguments') });
		const few = await run('segments', '--until', '2024-01-06', '--db', db);
		expect(few.code).toBe(1);
		expect(few.err).toContain('segments need at least 10 customers with purchases up to 2024-01-06; found');
	});
});
