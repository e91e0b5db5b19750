// `inventario import` end to end on SQLite: detection, counts, rejects file, errors and exit
// codes, a second import adding nothing, and a process killed half way then run again.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { SqlRepository } from '../../src/sql/sql-repository';
import { HEADER, salesLines } from '../../scripts/make-sales-csv';

const FIXTURES = fileURLToPath(new URL('../fixtures/csv/', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/inventario.mjs', import.meta.url));
const dir = () => mkdtempSync(join(tmpdir(), 'inventario-import-'));

async function run(...argv: string[]) {
	const out: string[] = [], err: string[] = [];
	const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
	return { code, out: out.join('\n'), err: err.join('\n') };
}

async function counts(db: string) {
	const repo = await SqlRepository.open(db);
	try {
		return await repo.counts();
	} finally {
		await repo.close();
	}
}

describe('inventario import', () => {
	it('is listed and explains its options', async () => {
		expect((await run('--help')).out).toMatch(/import\s+Import sales lines/);
		const help = await run('import', '--help');
		expect(help.code).toBe(0);
		for (const option of ['--map field=Column', '--delimiter', '--decimal', '--date-format', '--rejects FILE', '--json', '--db FILE']) expect(help.out).toContain(option);
	});

	it('prints lines read, imported, duplicates and rejected; a second import adds 0 lines', async () => {
		const d = dir();
		const db = join(d, 'shop.db');
		const first = await run('import', join(FIXTURES, 'nasty-rows.csv'), '--db', db);
		expect(first.code).toBe(0);
		expect(first.out).toMatch(/Lines read: 15\nImported: 7\nDuplicates skipped: 0\nRejected: 8/);
		expect(first.out).toMatch(/row 5, quantity: quantity "dos" is not a number/);
		const second = await run('import', '--json', '--db', db, join(FIXTURES, 'nasty-rows.csv'), '--rejects', join(d, 'rejects.csv'));
		expect(second.code).toBe(0);
		const summary = JSON.parse(second.out);
		expect(summary).toMatchObject({ linesRead: 15, imported: 0, duplicates: 7, rejected: 8, encoding: 'utf-8', delimiter: ',', dateFormat: 'yyyy-mm-dd' });
		expect((await counts(db)).saleLines).toBe(7);
		const rejects = readFileSync(join(d, 'rejects.csv'), 'utf8');
		expect(rejects.startsWith('\uFEFFrow,field,reason,InvoiceNo,StockCode')).toBe(true);
		expect(rejects).toContain('6,dateTime,"""2021-02-30 12:00"" is not a real date (yyyy-mm-dd)",1003,A3,Vela,1,2021-02-30 12:00,3.00,,Spain');
		expect(rejects).toContain(`8,unitPrice,the unit price -2.00 is negative,1005,A5,Ajuste,1,2024-03-03 09:30,-2.00,,Spain`);
	});

	it('detects Spanish and Latin-1 files, and --map, --decimal and --delimiter override detection', async () => {
		const db = join(dir(), 'shop.db');
		const es = JSON.parse((await run('import', join(FIXTURES, 'semicolon-decimal-comma-es.csv'), '--db', db, '--json')).out);
		expect(es).toMatchObject({ delimiter: ';', decimal: ',', dateFormat: 'dd/mm/yyyy', headerRow: 3, imported: 4, mapping: { sku: 'Código', unitPrice: 'Precio unitario', quantity: 'Cantidad' } });
		const latin = JSON.parse((await run('import', join(FIXTURES, 'latin1-windows-1252.csv'), '--db', db, '--json', '--map', 'sku=Artículo,category=')).out);
		expect(latin).toMatchObject({ encoding: 'windows-1252', imported: 3, mapping: { sku: 'Artículo' } });
		expect(latin.mapping.category).toBeUndefined();
		const repo = await SqlRepository.open(db);
		expect(await repo.getProductBySku('Camiseta niño')).toMatchObject({ unitPrice: 995, category: '' });
		await repo.close();
		const forced = await run('import', join(FIXTURES, 'tab-two-digit-years.tsv'), '--db', db, '--json', '--delimiter', 'tab', '--decimal', 'comma');
		expect(JSON.parse(forced.out)).toMatchObject({ delimiter: '\t', decimal: ',', imported: 3 });
	});

	it('reads a Windows-1252 file whose first 64 KB are plain ASCII', async () => {
		const d = dir();
		const file = join(d, 'latin1.csv');
		const ascii = Array.from({ length: 3000 }, (_, i) => `${i + 1};2024-01-02;A${i};Plain ${i};1;2,50`).join('\r\n');
		writeFileSync(file, Buffer.concat([Buffer.from(`Ticket;Fecha;Codigo;Articulo;Cantidad;Precio\r\n${ascii}\r\n`), Buffer.from('9999;2024-01-03;CAM;Camiseta ni\xf1o;1;9,95\r\n', 'latin1')]));
		const r = JSON.parse((await run('import', file, '--db', join(d, 'shop.db'), '--json')).out);
		expect(r).toMatchObject({ encoding: 'windows-1252', imported: 3001, rejected: 0 });
		const repo = await SqlRepository.open(join(d, 'shop.db'));
		expect((await repo.getProductBySku('CAM'))!.name).toBe('Camiseta niño');
		await repo.close();
	});

	it('refuses ambiguous dates without --date-format, saying which formats fit and how to choose', async () => {
		const db = join(dir(), 'shop.db');
		const file = join(FIXTURES, 'ambiguous-dates.csv');
		const refused = await run('import', file, '--db', db);
		expect(refused.code).toBe(2);
		expect(refused.err).toMatch(/fit more than one format: dd\/mm\/yyyy or mm\/dd\/yyyy \(e\.g\. "01\/02\/2024"\)/);
		expect(refused.err).toMatch(/--date-format dd\/mm\/yyyy or --date-format mm\/dd\/yyyy/);
		expect((await counts(db)).saleLines).toBe(0);
		const chosen = await run('import', file, '--db', db, '--date-format', 'dd/mm/yyyy', '--json');
		expect(chosen.code).toBe(0);
		expect(JSON.parse(chosen.out)).toMatchObject({ dateFormat: 'dd/mm/yyyy', imported: 3 });
	});

	it('fails with exit code 2 on bad input', async () => {
		const db = join(dir(), 'shop.db');
		const cases: [string[], RegExp][] = [
			[['import', '--db', db], /which file/],
			[['import', join(FIXTURES, 'nope.csv'), '--db', db], /no such file/],
			[['import', join(FIXTURES, 'nasty-rows.csv'), '--db', db, '--delimiter', 'x'], /--delimiter "x"/],
			[['import', join(FIXTURES, 'nasty-rows.csv'), '--db', db, '--decimal', ':'], /--decimal/],
			[['import', join(FIXTURES, 'nasty-rows.csv'), '--db', db, '--date-format', 'yesterday'], /--date-format "yesterday"/],
			[['import', join(FIXTURES, 'nasty-rows.csv'), '--db', db, '--map', 'colour=Country'], /unknown field "colour"/],
			[['import', join(FIXTURES, 'nasty-rows.csv'), '--db', db, '--map', 'sku=Nope'], /no column "Nope"/],
			[['import', join(FIXTURES, 'nasty-rows.csv'), '--db', db, '--bogus'], /--bogus/]
		];
		for (const [argv, message] of cases) {
			const r = await run(...argv);
			expect(r.code, argv.join(' ')).toBe(2);
			expect(r.err).toMatch(message);
		}
	});

	it('imports the wide pharmacy file as one line per day and product column', async () => {
		const db = join(dir(), 'shop.db');
		const file = fileURLToPath(new URL('../../../shared/data/pharmacy/salesdaily.csv', import.meta.url));
		const first = JSON.parse((await run('import', file, '--db', db, '--json')).out);
		expect(first).toMatchObject({ delimiter: ';', dateFormat: 'mm/dd/yyyy', wideColumns: ['M01AB', 'M01AE', 'N02BA', 'N02BE', 'N05B', 'N05C', 'R03', 'R06'], rejected: 0, productsCreated: 8 });
		expect(first.imported + first.blankLines).toBe(2106 * 8);
		expect(first.linesRead).toBe(first.imported);
		const again = JSON.parse((await run('import', file, '--db', db, '--json')).out);
		expect(again).toMatchObject({ imported: 0, duplicates: first.imported });
	});

	it('an import killed half way, then repeated, ends with exactly the lines of the file', async () => {
		const d = dir();
		const db = join(d, 'shop.db');
		const file = join(d, 'sales.csv');
		const total = 150_000;
		writeFileSync(file, `${HEADER}\n${[...salesLines(total, 3)].join('\n')}\n`);
		await (await SqlRepository.open(db)).close();
		const child = spawn(process.execPath, [BIN, 'import', file, '--db', db], { stdio: 'ignore' });
		const reader = new Database(db, { readonly: true });
		const written = () => (reader.prepare('SELECT COALESCE(SUM(line_count), 0) AS n FROM sale_blocks').get() as { n: number }).n;
		const started = Date.now();
		while (written() === 0 && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 20));
		child.kill('SIGKILL');
		await new Promise((r) => child.once('exit', r));
		const kept = written();
		reader.close();
		expect(kept).toBeGreaterThan(0);
		expect(kept).toBeLessThan(total);
		const again = await run('import', file, '--db', db, '--json');
		expect(again.code).toBe(0);
		const s = JSON.parse(again.out);
		expect(s.duplicates).toBe(kept);
		expect(s.imported + s.duplicates + s.rejected).toBe(total);
		expect((await counts(db)).saleLines).toBe(total - s.rejected);
		const third = JSON.parse((await run('import', file, '--db', db, '--json')).out);
		expect(third.imported).toBe(0);
	}, 60_000);
});
