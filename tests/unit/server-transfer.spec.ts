// POST /api/v1/import and GET /api/v1/export/{kind} on SQLite and PostgreSQL: the upload gives
// the counts `inventario import` gives for the same file, a second upload adds nothing, rejected
// rows come back with row, field and reason (and as the CLI's rejects CSV), an oversized upload is
// refused with 413 and stores nothing, staff are refused, and the export is the CLI's file.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { EXPORT_COLUMNS, EXPORT_KINDS, exportCsv } from '../../src/core/export/exports';
import { ensureShop } from '../../src/sql/open';
import { SqlRepository } from '../../src/sql/sql-repository';
import { testServer, type TestServer } from '../support/server';
import { describeEachSql } from '../support/sql-databases';

const CSV_FIXTURES = fileURLToPath(new URL('../fixtures/csv/', import.meta.url));
const E2E_IMPORTS = fileURLToPath(new URL('../e2e/fixtures/imports/', import.meta.url));
const RETAIL = join(E2E_IMPORTS, 'online-retail-200.csv');
const MDY = '&date_format=mm%2Fdd%2Fyyyy';
const BAD_ROWS = join(E2E_IMPORTS, 'online-retail-bad-rows.csv');
/** How a file's dates are read when they fit two formats (Online Retail's 12/1/10 is 1 December). */
const DATE_FORMAT = (file: string) => (basename(file).startsWith('online-retail') ? 'mm/dd/yyyy' : 'dd/mm/yyyy');
const FILES = [...readdirSync(CSV_FIXTURES).sort().map((f) => join(CSV_FIXTURES, f)), RETAIL, BAD_ROWS];

const dir = () => mkdtempSync(join(tmpdir(), 'server-transfer-'));

async function cli(...argv: string[]) {
	const out: string[] = [], err: string[] = [];
	const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
	return { code, out: out.join('\n'), err: err.join('\n') };
}

/** `inventario import FILE --json` on a fresh SQLite file (cached: the same for both dialects). */
const cliRuns = new Map<string, Promise<{ code: number; json: Record<string, unknown> | null; err: string; db: string; rejectsFile: string }>>();
function cliImport(file: string, ...options: string[]) {
	const key = [file, ...options].join(' ');
	let run = cliRuns.get(key);
	if (!run) {
		run = (async () => {
			const d = dir();
			const db = join(d, 'shop.db'), rejectsFile = join(d, 'rejects.csv');
			const r = await cli('import', file, '--db', db, '--json', '--rejects', rejectsFile, ...options);
			return { code: r.code, json: r.code === 0 ? JSON.parse(r.out) : null, err: r.err, db, rejectsFile };
		})();
		cliRuns.set(key, run);
	}
	return run;
}

/** What the API's answer and the CLI's --json both say, in the CLI's names. */
const comparable = (r: Record<string, unknown>) => ({
	encoding: r.encoding, delimiter: r.delimiter, decimal: r.decimal, dateFormat: r.date_format ?? r.dateFormat, headerRow: r.header_row ?? r.headerRow,
	mapping: r.mapping, wideColumns: r.wide_columns ?? r.wideColumns ?? null, linesRead: r.lines_read ?? r.linesRead, imported: r.imported,
	duplicates: r.duplicates, rejected: r.rejected, blankLines: r.blank_lines ?? r.blankLines,
	productsCreated: r.products_created ?? r.productsCreated, customersCreated: r.customers_created ?? r.customersCreated
});

describeEachSql('import and export over the API', (kind) => {
	let server: TestServer;
	let shopCount = 0;

	beforeAll(async () => { server = await testServer(kind); });
	afterAll(async () => { await server?.close(); });

	/** A new shop on the server and its admin's token: each test starts from an empty store. */
	async function freshShop() {
		const code = `shop${++shopCount}`;
		const token = await server.tokenFor('admin', code);
		const shop = await ensureShop(server.sql, code);
		return { code, token, repo: new SqlRepository(server.sql, shop.id) };
	}

	const upload = (token: string, body: Buffer | Readable | string, query = '', contentType = 'text/csv') =>
		server.inject({ method: 'POST', url: `/api/v1/import${query}`, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, payload: body });

	const download = (token: string, path: string) => server.inject({ method: 'GET', url: `/api/v1/export/${path}`, headers: { authorization: `Bearer ${token}` } });

	it.each(FILES.map((f) => [basename(f), f]))('%s: the counts inventario import reports; a second upload adds nothing', async (name, file) => {
		const { token, repo } = await freshShop();
		const bytes = readFileSync(file);
		const local = await cliImport(file);
		const first = await upload(token, bytes, `?source=${encodeURIComponent(name)}`);
		if (local.code !== 0) {
			// The CLI refuses the file (dates that fit two formats): the API says the same, naming the option.
			expect(local.code).toBe(2);
			expect(first.statusCode).toBe(400);
			expect(first.headers['content-type']).toMatch(/^application\/problem\+json/);
			const problem = first.json();
			expect(problem.errors[0].field).toBe('query.date_format');
			expect(problem.detail).toMatch(/fit more than one format: dd\/mm\/yyyy or mm\/dd\/yyyy/);
			expect(problem.detail).toContain('date_format=dd/mm/yyyy or date_format=mm/dd/yyyy');
			expect((await repo.counts()).saleLines).toBe(0);
			const chosen = await upload(token, bytes, `?source=${encodeURIComponent(name)}&date_format=${encodeURIComponent(DATE_FORMAT(file))}`);
			expect(chosen.statusCode).toBe(200);
			await sameAsCli(chosen.json(), await cliImport(file, '--date-format', DATE_FORMAT(file)), name, token, bytes, repo, `?date_format=${encodeURIComponent(DATE_FORMAT(file))}`);
			return;
		}
		expect(first.statusCode, first.body).toBe(200);
		await sameAsCli(first.json(), local, name, token, bytes, repo, '');
	});

	/** The answer says what the CLI said for the file; a second upload adds nothing. */
	async function sameAsCli(body: Record<string, any>, local: Awaited<ReturnType<typeof cliImport>>, name: string, token: string, bytes: Buffer, repo: SqlRepository, query: string) {
		expect(body.source).toBe(name);
		expect(body.dry_run).toBe(false);
		expect(comparable(body)).toEqual(comparable(local.json!));
		expect(body.imported).toBeGreaterThan(0);
		expect(body.lines_read).toBe(body.imported + body.duplicates + body.rejected);
		// The rejected rows as the CLI lists them, and as the CSV its --rejects writes (without the BOM).
		const written = readFileSync(local.rejectsFile, 'utf8').replace(/^\uFEFF/, '');
		expect(body.rejects_csv).toBe(body.rejected === 0 ? '' : written);
		const listed = Papa.parse<string[]>(written, { skipEmptyLines: true }).data.slice(1).map(([row, field, reason]) => ({ row: Number(row), field, reason }));
		expect(body.rejects.map(({ row, field, reason }: { row: number; field: string; reason: string }) => ({ row, field, reason }))).toEqual(listed);
		const stored = await repo.counts();
		expect(stored.saleLines).toBe(body.imported);

		const again = await upload(token, bytes, query);
		expect(again.statusCode).toBe(200);
		expect(again.json()).toMatchObject({ imported: 0, duplicates: body.imported, rejected: body.rejected, products_created: 0, customers_created: 0 });
		expect(await repo.counts()).toEqual(stored);
	}

	it('lists bad rows with row, field and reason, counted by code', async () => {
		const { token } = await freshShop();
		const r = await upload(token, readFileSync(BAD_ROWS), `?source=online-retail-bad-rows.csv${MDY}`);
		expect(r.statusCode).toBe(200);
		const body = r.json();
		expect(body.rejected).toBeGreaterThan(0);
		expect(body.rejects).toHaveLength(body.rejected);
		expect(body.rejects_truncated).toBe(false);
		for (const reject of body.rejects) {
			expect(reject.row).toBeGreaterThan(1);
			expect(reject.field).toMatch(/^(row|sku|productName|quantity|unitPrice|lineTotal|dateTime|date|time|discount)$/);
			expect(reject.reason.length).toBeGreaterThan(5);
		}
		expect(body.rejects).toContainEqual({ row: 4, field: 'quantity', code: 'not_a_number', reason: 'quantity "doce" is not a number' });
		expect(Object.values(body.rejected_by_code as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(body.rejected);
		expect(body.rejects_csv.split('\r\n')[0]).toBe('row,field,reason,InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country,TotalPrice');
		expect(body.rejects_csv).toContain('4,quantity,"quantity ""doce"" is not a number",536365,84406B,CREAM CUPID HEARTS COAT HANGER,doce,12/1/10 8:26,2.75,17850,United Kingdom,22');
	});

	it('caps the listed rejects at 1,000 and says so; the total is exact', async () => {
		const { token } = await freshShop();
		const rows = Array.from({ length: 1500 }, (_, i) => `${i + 2},POST,Postage,1,2024-01-02 10:00,1.00`);
		const file = `InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice\n1,OK,Fine,1,2024-01-02 10:00,1.00\n${rows.join('\n')}\n`;
		const body = (await upload(token, file)).json();
		expect(body).toMatchObject({ imported: 1, rejected: 1500, rejects_truncated: true, rejected_by_code: { excluded: 1500 } });
		expect(body.rejects).toHaveLength(1000);
		expect(body.rejects[999].row).toBe(1002);
		expect(body.rejects_csv.trimEnd().split('\r\n')).toHaveLength(1501);
	});

	it('takes the CLI\'s overrides as the query; a bad one is a 400 naming it; dry_run stores nothing', async () => {
		const { token, repo } = await freshShop();
		const latin = readFileSync(join(CSV_FIXTURES, 'latin1-windows-1252.csv'));
		const mapped = await upload(token, latin, `?map=${encodeURIComponent('sku=Artículo,category=')}&dry_run=true`, 'application/octet-stream');
		expect(mapped.statusCode).toBe(200);
		const local = await cliImport(join(CSV_FIXTURES, 'latin1-windows-1252.csv'), '--map', 'sku=Artículo,category=');
		expect(comparable(mapped.json())).toEqual(comparable(local.json!));
		expect(mapped.json()).toMatchObject({ dry_run: true, encoding: 'windows-1252', imported: 3, mapping: { sku: 'Artículo' } });
		expect(await repo.counts()).toMatchObject({ saleLines: 0, products: 0, customers: 0 });
		const real = await upload(token, latin, `?map=${encodeURIComponent('sku=Artículo,category=')}`, 'text/plain');
		expect(real.json()).toMatchObject({ dry_run: false, imported: 3 });
		expect((await repo.counts()).saleLines).toBe(3);

		const tsv = readFileSync(join(CSV_FIXTURES, 'tab-two-digit-years.tsv'));
		expect((await upload(token, tsv, '?delimiter=tab&decimal=comma')).json()).toMatchObject({ delimiter: '\t', decimal: ',', imported: 3 });

		const nasty = readFileSync(join(CSV_FIXTURES, 'nasty-rows.csv'));
		const cases: [string, string, RegExp][] = [
			['?delimiter=x', 'query.delimiter', /delimiter "x": use , ; tab or \|/],
			['?decimal=:', 'query.decimal', /decimal ":"/],
			['?date_format=yesterday', 'query.date_format', /date_format "yesterday"/],
			['?map=colour%3DCountry', 'query.map', /unknown field "colour"/],
			['?map=sku%3DNope', 'query.map', /map=sku=Nope: the file has no column "Nope"/],
			['?dry_run=maybe', 'query.dry_run', /./]
		];
		for (const [query, field, detail] of cases) {
			const r = await upload(token, nasty, query);
			expect(r.statusCode, query).toBe(400);
			expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
			expect(r.json().errors[0].field, query).toBe(field);
			expect(r.json().detail, query).toMatch(detail);
		}
		expect((await repo.counts()).saleLines).toBe(6);
	});

	it('imports a body streamed in small chunks without a length; an empty body is a 400', async () => {
		const { token, repo } = await freshShop();
		const bytes = readFileSync(RETAIL);
		const chunks = Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => bytes.subarray(i * 1000, (i + 1) * 1000));
		const r = await upload(token, Readable.from(chunks), `?${MDY.slice(1)}`);
		expect(r.statusCode, r.body).toBe(200);
		expect(r.json().imported).toBe((await cliImport(RETAIL, '--date-format', 'mm/dd/yyyy')).json!.imported);
		expect((await repo.counts()).saleLines).toBe(r.json().imported);
		const empty = await upload(token, '');
		expect(empty.statusCode).toBe(400);
		expect(empty.json().errors[0]).toMatchObject({ field: 'body' });
	});

	it('two uploads of one file at once store its lines once', async () => {
		const { token, repo } = await freshShop();
		const bytes = readFileSync(RETAIL);
		const [a, b] = await Promise.all([upload(token, bytes, `?${MDY.slice(1)}`), upload(token, bytes, `?${MDY.slice(1)}`)]);
		expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
		const imported = [a.json().imported, b.json().imported].sort((x, y) => x - y);
		expect(imported[0]).toBe(0);
		expect((await repo.counts()).saleLines).toBe(imported[1]);
	});

	it.runIf(kind === 'postgres')('two uploads of one file at once to two instances with their own pools store its lines once', async () => {
		const { token, repo } = await freshShop();
		const other = await server.separate();
		const bytes = readFileSync(RETAIL);
		const to = (app: typeof other.app) => app.inject({ method: 'POST', url: `/api/v1/import?${MDY.slice(1)}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, payload: bytes });
		const [a, b] = await Promise.all([to(server.app), to(other.app)]);
		expect([a.statusCode, b.statusCode], a.body + b.body).toEqual([200, 200]);
		const imported = [a.json().imported, b.json().imported].sort((x, y) => x - y);
		expect(imported[0]).toBe(0);
		expect(imported[1]).toBeGreaterThan(0);
		expect((await repo.counts()).saleLines).toBe(imported[1]);
	});

	it('refuses an upload over importLimitBytes with 413 and stores nothing, with or without a declared length', async () => {
		const small = await testServer(kind, { importLimitBytes: 4096 });
		try {
			const token = await small.tokenFor('admin');
			const repo = new SqlRepository(small.sql, small.shopId);
			const bytes = readFileSync(RETAIL);
			expect(bytes.length).toBeGreaterThan(4096);
			const headers = { authorization: `Bearer ${token}`, 'content-type': 'text/csv' };
			const url = `/api/v1/import?${MDY.slice(1)}`;
			const declared = await small.inject({ method: 'POST', url, headers, payload: bytes });
			const streamed = await small.inject({ method: 'POST', url, headers, payload: Readable.from([bytes.subarray(0, 3000), bytes.subarray(3000)]) });
			for (const r of [declared, streamed]) {
				expect(r.statusCode).toBe(413);
				expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
				expect(r.json()).toMatchObject({ status: 413, errors: [{ field: 'body', reason: 'too large' }] });
				expect(r.json().detail).toContain('4,096 bytes');
			}
			expect(await repo.counts()).toMatchObject({ saleLines: 0, products: 0, customers: 0 });
			// Under the limit the same server imports; JSON bodies keep their own (small) limit.
			const fits = await small.inject({ method: 'POST', url: '/api/v1/import', headers, payload: readFileSync(join(CSV_FIXTURES, 'nasty-rows.csv')) });
			expect(fits.json()).toMatchObject({ imported: 7 });
		} finally {
			await small.close();
		}
	});

	it('is for admins only: staff get 403, no token 401; other content types 415', async () => {
		const staff = await server.tokenFor('staff');
		const bytes = readFileSync(join(CSV_FIXTURES, 'nasty-rows.csv'));
		const refused = await upload(staff, bytes);
		expect(refused.statusCode).toBe(403);
		expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
		expect((await download(staff, 'products')).statusCode).toBe(403);
		expect((await server.inject({ method: 'POST', url: '/api/v1/import', headers: { 'content-type': 'text/csv' }, payload: bytes })).statusCode).toBe(401);
		expect((await server.inject({ method: 'GET', url: '/api/v1/export/sales' })).statusCode).toBe(401);
		expect((await new SqlRepository(server.sql, server.shopId).counts()).saleLines).toBe(0);
		const { token } = await freshShop();
		const json = await upload(token, JSON.stringify({ lines: [] }), '', 'application/json');
		expect(json.statusCode).toBe(415);
		expect(json.json().errors[0]).toEqual({ field: 'header.content-type', reason: 'unsupported' });
		expect((await upload(token, bytes, '', 'image/png')).statusCode).toBe(415);
	});

	it('exports products as the CLI exports the same store; every kind with its documented header, as an attachment', async () => {
		const { token, repo } = await freshShop();
		expect((await upload(token, readFileSync(RETAIL), `?source=online-retail-200.csv${MDY}`)).statusCode).toBe(200);
		const local = await cliImport(RETAIL, '--date-format', 'mm/dd/yyyy');
		const cliProducts = join(dir(), 'products.csv');
		expect((await cli('export', 'products', '--db', local.db, '--out', cliProducts)).code).toBe(0);

		const products = await download(token, 'products');
		expect(products.statusCode).toBe(200);
		expect(products.headers['content-type']).toBe('text/csv; charset=utf-8');
		expect(products.headers['content-disposition']).toMatch(/^attachment; filename="products-\d{4}-\d{2}-\d{2}\.csv"$/);
		expect(products.body).toBe(readFileSync(cliProducts, 'utf8'));
		expect(products.body.split('\r\n').length - 2).toBe((await repo.counts()).products);
		expect(products.headers['x-export-rows']).toBe(String((await repo.counts()).products));

		const semicolon = join(dir(), 'products-es.csv');
		await cli('export', 'products', '--db', local.db, '--out', semicolon, '--delimiter', ';', '--decimal', ',');
		expect((await download(token, 'products?delimiter=%3B&decimal=%2C')).body).toBe(readFileSync(semicolon, 'utf8'));

		for (const k of EXPORT_KINDS) {
			const r = await download(token, k);
			expect(r.statusCode, k).toBe(200);
			expect(r.body.split('\r\n')[0]).toBe('\uFEFF' + EXPORT_COLUMNS[k].join(','));
			expect(r.body).toBe((await exportCsv(repo, k, { delimiter: ',', decimal: '.' })).parts.join(''));
		}
		const sales = (await download(token, 'sales?delimiter=tab')).body.split('\r\n');
		expect(sales.length - 2).toBe((await repo.counts()).saleLines);
		expect(sales[1].split('\t')).toHaveLength(EXPORT_COLUMNS.sales.length);

		const bad = await download(token, 'invoices');
		expect(bad.statusCode).toBe(400);
		expect(bad.json().errors[0].field).toMatch(/^params\.kind/);
		const both = await download(token, 'sales?decimal=%2C');
		expect(both.statusCode).toBe(400);
		expect(both.json().errors[0].field).toBe('query.decimal');
	});

	it('exports only the caller\'s shop', async () => {
		const a = await freshShop();
		const b = await freshShop();
		await upload(a.token, readFileSync(join(CSV_FIXTURES, 'nasty-rows.csv')));
		const other = await download(b.token, 'products');
		expect(other.body).toBe('\uFEFF' + EXPORT_COLUMNS.products.join(',') + '\r\n');
		expect((await download(a.token, 'products')).body.split('\r\n').length).toBeGreaterThan(2);
	});
});

describe('the import\'s OpenAPI entry', () => {
	it('documents the CSV body, the query and both answers', async () => {
		const server = await testServer('sqlite');
		try {
			const doc = (await server.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
			const post = doc.paths['/api/v1/import'].post;
			expect(Object.keys(post.requestBody.content)).toEqual(['text/csv', 'text/plain', 'application/octet-stream']);
			expect(post.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['source', 'map', 'delimiter', 'decimal', 'date_format', 'exclude', 'dry_run']));
			expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '400', '403', '413', '415']));
			const get = doc.paths['/api/v1/export/{kind}'].get;
			expect(Object.keys(get.responses['200'].content)).toEqual(['text/csv']);
		} finally {
			await server.close();
		}
	});
});
