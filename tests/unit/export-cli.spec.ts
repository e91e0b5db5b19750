// inventario export / backup / restore, driven through main(): files, stdout, options in any
// order, clear errors, and no exported cell that a spreadsheet would run as a formula.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, EXPORT_KINDS } from '../../src/core/export/exports';
import { main } from '../../src/cli/main';
import { SqlRepository } from '../../src/sql/sql-repository';
import { buildShop } from './export-fixture';

async function run(...argv: string[]) {
	const out: string[] = [], err: string[] = [];
	const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
	return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = () => mkdtempSync(join(tmpdir(), 'inventario-export-'));

async function shopDb() {
	const file = join(dir(), 'shop.db');
	const repo = await SqlRepository.open(file);
	await buildShop(repo);
	await repo.close();
	return file;
}

/** Every cell of a CSV text, as a spreadsheet would see it. */
function cells(text: string, delimiter: string): string[] {
	const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter, skipEmptyLines: true });
	expect(parsed.errors).toEqual([]);
	return parsed.data.flat();
}

const NUMBER = (decimal: string) => (decimal === ',' ? /^-?\d+(,\d+)?$/ : /^-?\d+(\.\d+)?$/);

describe('inventario export', () => {
	it('writes each export to a file or stdout, with its documented header; options in any order', async () => {
		const db = await shopDb();
		const out = join(dir(), 'sales.csv');
		const written = await run('export', '--delimiter', ';', 'sales', '--out', out, '--db', db, '--decimal', ',');
		expect(written).toMatchObject({ code: 0, err: '' });
		expect(written.out).toBe(`Wrote 5 sale lines to ${out}.`);
		const text = readFileSync(out, 'utf8');
		expect(text.startsWith('\uFEFFinvoice;date_time;sku;product_name;quantity;unit_price;discount_amount;line_total;customer_code;device;store;tax_rate;tax_amount;payments;return_of;cashier;variant_of;options\r\n')).toBe(true);
		expect(text).toContain('T-0001;2024-05-10 10:30:00;CAM-001;Camiseta niño;3;12,50;1,50;36,00;17850;dev-0001;;;;;;;;\r\n');
		for (const kind of EXPORT_KINDS) {
			const shown = await run('export', kind, '--db', db);
			expect(shown.code).toBe(0);
			expect(shown.out.split('\r\n')[0]).toBe('\uFEFF' + EXPORT_COLUMNS[kind].join(','));
		}
		expect((await run('export', 'products', '--db', db, '--delimiter', 'tab')).out).toContain('CAM-001\t\tCamiseta niño\tRopa\t12.50\t5.00\tTextiles del Sur; S.L.');
	});

	it('leaves no cell starting with an unescaped formula character; negative numbers stay numbers', async () => {
		const db = await shopDb();
		for (const [delimiter, decimal] of [[',', '.'], [';', ','], ['tab', '.']]) {
			const sep = delimiter === 'tab' ? '\t' : delimiter;
			for (const kind of EXPORT_KINDS) {
				const { out, code } = await run('export', kind, '--db', db, '--delimiter', delimiter, '--decimal', decimal);
				expect(code).toBe(0);
				const risky = cells(out, sep).filter((c) => /^[=+\-@\t\r]/.test(c) && !NUMBER(decimal).test(c));
				expect(risky, `${kind} ${delimiter}`).toEqual([]);
			}
		}
		const sales = cells((await run('export', 'sales', '--db', db)).out, ',');
		expect(sales).toContain('-12.50');
		expect(sales).toContain(`'=HYPERLINK("http://evil","x")`);
		expect(sales).toContain("'-5");
	});

	it('explains bad input with a non-zero exit', async () => {
		const db = await shopDb();
		const cases: [string[], RegExp][] = [
			[['export', '--db', db], /say what to export: sales, products, movements, customers, suppliers/],
			[['export', 'invoices', '--db', db], /cannot export "invoices"/],
			[['export', 'sales', '--delimiter', '|', '--db', db], /--delimiter must be , ; or tab, not "\|"/],
			[['export', 'sales', '--decimal', 'x', '--db', db], /--decimal must be \. or , not "x"/],
			[['export', 'sales', '--decimal', ',', '--db', db], /both ","/],
			[['export', 'sales', '--colour', '--db', db], /--colour/]
		];
		for (const [argv, message] of cases) {
			const r = await run(...argv);
			expect(r.code, argv.join(' ')).toBe(2);
			expect(r.err).toMatch(message);
		}
		expect((await run('export', '--help')).out).toMatch(/--delimiter X/);
		const help = await run('--help');
		for (const name of ['export', 'backup', 'restore']) expect(help.out).toMatch(new RegExp(`^  ${name} `, 'm'));
		const unwritable = await run('export', 'sales', '--db', db, '--out', join(dir(), 'no', 'such', 'dir.csv'));
		expect(unwritable.code).toBe(1);
		expect(unwritable.err).toMatch(/ENOENT/);
	});
});

describe('inventario export then inventario import', () => {
	it('gives the sample shop\'s sales back line for line into a new store; a second import adds nothing', async () => {
		const source = join(dir(), 'demo.db');
		expect((await run('demo', '--db', source)).code).toBe(0);
		const csv = join(dir(), 'sales.csv');
		expect((await run('export', 'sales', '--db', source, '--delimiter', ';', '--decimal', ',', '--out', csv)).code).toBe(0);
		const lines = readFileSync(csv, 'utf8').split('\r\n').length - 2;
		const target = join(dir(), 'copy.db');
		const first = await run('import', csv, '--db', target, '--json');
		expect(first.code).toBe(0);
		expect(JSON.parse(first.out)).toMatchObject({ imported: lines, duplicates: 0, rejected: 0 });
		const second = await run('import', csv, '--db', target, '--json');
		expect(JSON.parse(second.out)).toMatchObject({ imported: 0, duplicates: lines, rejected: 0 });
		// An import stamps its own device; every other column comes back as it was.
		const withoutDevice = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true }).data.map((r) => r.slice(0, 9));
		const again = await run('export', 'sales', '--db', target, '--delimiter', ';', '--decimal', ',');
		expect(withoutDevice(again.out)).toEqual(withoutDevice(readFileSync(csv, 'utf8')));
	}, 60_000);
});

describe('inventario backup and restore', () => {
	it('restores a backup into a new store with the same stock and sales', async () => {
		const db = await shopDb();
		const file = join(dir(), 'shop.backup.json');
		const made = await run('backup', '--db', db, '--out', file);
		expect(made.code).toBe(0);
		expect(made.out).toBe(`Backed up 3 products, 1 suppliers, 1 customers, 5 sale lines (4 sales) and 10 stock movements to ${file}.`);
		const copy = join(dir(), 'copy.db');
		const restored = await run('restore', file, '--json', '--db', copy);
		expect(restored.code).toBe(0);
		expect(JSON.parse(restored.out)).toEqual({ file, products: 3, suppliers: 1, customers: 1, saleLines: 5, sales: 4, movements: 10 });
		for (const kind of EXPORT_KINDS) expect((await run('export', kind, '--db', copy)).out).toBe((await run('export', kind, '--db', db)).out);
		expect((await run('stock', '--json', '--db', copy)).out).toBe((await run('stock', '--json', '--db', db)).out);

		const again = await run('restore', file, '--db', copy);
		expect(again.code).toBe(1);
		expect(again.err).toMatch(/only restores into an empty store/);
	});

	it('refuses a foreign or damaged file and a missing one, writing nothing', async () => {
		const csv = join(dir(), 'sales.csv');
		writeFileSync(csv, 'invoice,sku\r\nA,B\r\n');
		const target = join(dir(), 'empty.db');
		const foreign = await run('restore', csv, '--db', target);
		expect(foreign.code).toBe(1);
		expect(foreign.err).toMatch(/sales\.csv: this file is not a Smart Inventory backup/);
		const missing = await run('restore', join(dir(), 'nope.json'), '--db', target);
		expect(missing.code).toBe(2);
		expect(missing.err).toMatch(/cannot read .*nope\.json: ENOENT/);
		expect((await run('backup', '--db', target)).err).toMatch(/--out FILE is required/);
		const repo = await SqlRepository.open(target);
		expect((await repo.counts()).products).toBe(0);
		await repo.close();
	});
});
