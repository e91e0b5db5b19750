// The API's resources on SQLite and PostgreSQL: products, suppliers and customers by their codes,
// sales (never refused for lack of stock; idempotent with a key), movements, stock and purchase
// orders, each role boundary, and one shop never seeing another's records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayNumber, LocalTimestamp, ProductId } from '../../src/core/brand';
import type { ForecastRun } from '../../src/core/forecast-runs';
import type { DemandForecast } from '../../src/core/forecast/types';
import { nowLocal, parseIsoDay, today } from '../../src/core/time';
import { fingerprint } from '../../src/server/idempotency';
import { SqlForecastStore } from '../../src/sql/sql-forecast-store';
import { SqlRepository } from '../../src/sql/sql-repository';
import { postgresUrl } from '../support/sql-databases';
import { testServer, type TestServer } from '../support/server';

const dialects = postgresUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

describe.each(dialects)('API resources on %s', (dialect) => {
	let s: TestServer;
	let admin: string, staff: string;

	beforeAll(async () => {
		s = await testServer(dialect);
		[admin, staff] = await Promise.all([s.tokenFor('admin'), s.tokenFor('staff')]);
	}, 60_000);
	afterAll(async () => s?.close());

	const call = (token: string, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
		s.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}`, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
	const ok = async (token: string, method: Method, url: string, payload?: unknown, status = method === 'POST' ? 201 : 200) => {
		const r = await call(token, method, url, payload);
		expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(status);
		return r.json();
	};
	const fields = (r: { json(): { errors?: { field: string }[] } }) => (r.json().errors ?? []).map((e) => e.field);
	const repo = () => new SqlRepository(s.sql, s.shopId);
	const saleCount = async () => (await repo().counts()).sales;

	describe('products', () => {
		it('round-trips by SKU: create, read, change, list, money as decimal strings', async () => {
			await ok(admin, 'POST', '/suppliers', { name: 'Cerámicas Sur', default_lead_time_days: 5 });
			const made = await ok(admin, 'POST', '/products', {
				sku: 'MUG-1', name: 'Taza azul', unit_price: '12.50', unit_cost: 4, barcode: '4006381333931', category: 'Cocina',
				supplier: 'cerámicas sur', lead_time_days: 3, min_order_qty: 6, pack_size: 6, reorder_point: 4
			});
			expect(made).toMatchObject({
				sku: 'MUG-1', name: 'Taza azul', unit_price: '12.50', unit_cost: '4.00', supplier: 'Cerámicas Sur', lead_time_days: 3,
				min_order_qty: 6, pack_size: 6, reorder_point: 4, active: true, on_hand: 0
			});
			expect(JSON.stringify(made)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-4/);
			expect(await ok(staff, 'GET', '/products/MUG-1')).toEqual(made);
			const changed = await ok(admin, 'PATCH', '/products/MUG-1', { unit_price: 13.1, supplier: null, category: 'Mesa' });
			expect(changed).toMatchObject({ sku: 'MUG-1', unit_price: '13.10', unit_cost: '4.00', supplier: null, category: 'Mesa', name: 'Taza azul' });
			await ok(admin, 'PATCH', '/products/MUG-1', { sku: 'MUG-01' });
			expect((await call(staff, 'GET', '/products/MUG-1')).statusCode).toBe(404);
			expect((await ok(staff, 'GET', '/products/MUG-01')).unit_price).toBe('13.10');
			const list = await ok(staff, 'GET', '/products?q=taza');
			expect(list.items.map((p: { sku: string }) => p.sku)).toEqual(['MUG-01']);
		});

		it('refuses a duplicate SKU with 409 and bad fields with 400 naming them', async () => {
			await ok(admin, 'POST', '/products', { sku: 'DUP-1', name: 'One', unit_price: 1 });
			const dup = await call(admin, 'POST', '/products', { sku: 'DUP-1', name: 'Two', unit_price: 2 });
			expect(dup.statusCode).toBe(409);
			expect(dup.headers['content-type']).toMatch(/application\/problem\+json/);
			expect(fields(dup)).toEqual(['sku']);
			await ok(admin, 'POST', '/products', { sku: 'DUP-2', name: 'Two', unit_price: 2 });
			expect((await call(admin, 'PATCH', '/products/DUP-2', { sku: 'DUP-1' })).statusCode).toBe(409);

			const comma = await call(admin, 'POST', '/products', { sku: 'P-X', name: 'X', unit_price: '12,5' });
			expect(comma.statusCode).toBe(400);
			expect(fields(comma)).toEqual(['body.unit_price']);
			expect(comma.json().errors[0].reason).toMatch(/12\.50/);
			expect(fields(await call(admin, 'POST', '/products', { sku: 'P-X', name: 'X', unit_price: 1.234 }))).toEqual(['body.unit_price']);
			expect(fields(await call(admin, 'POST', '/products', { sku: 'P-X', name: 'X', unit_price: -1 }))).toEqual(['body.unit_price']);
			expect(fields(await call(admin, 'POST', '/products', { sku: 'P-X', name: 'X', unit_price: 1, supplier: 'Nobody' }))).toEqual(['body.supplier']);
			expect(fields(await call(admin, 'POST', '/products', { sku: 'P-X', name: 'X', unit_price: 1, barcode: '1234567890123' }))).toEqual(['body.barcode']);
			expect(fields(await call(admin, 'POST', '/products', { sku: 'P-X', unit_price: 1 }))).toEqual(['body.name']);
			expect(fields(await call(admin, 'POST', '/products', { sku: 'P-X', name: 'X', unit_price: 1, pack_size: 0 }))).toEqual(['body.pack_size']);
			expect((await call(staff, 'GET', '/products/P-X')).statusCode).toBe(404);
		});

		it('deletes a product with no history and archives one with history', async () => {
			await ok(admin, 'POST', '/products', { sku: 'DEL-1', name: 'Nothing yet', unit_price: 1 });
			expect(await ok(admin, 'DELETE', '/products/DEL-1')).toEqual({ sku: 'DEL-1', outcome: 'deleted', product: null });
			expect((await call(staff, 'GET', '/products/DEL-1')).statusCode).toBe(404);

			await ok(admin, 'POST', '/products', { sku: 'DEL-2', name: 'Sold once', unit_price: 1 });
			await ok(staff, 'POST', '/sales', { lines: [{ sku: 'DEL-2', quantity: 1 }] });
			const archived = await ok(admin, 'DELETE', '/products/DEL-2');
			expect(archived).toMatchObject({ sku: 'DEL-2', outcome: 'archived', product: { active: false, on_hand: -1 } });
			expect((await ok(staff, 'GET', '/products/DEL-2')).active).toBe(false);
			expect((await ok(staff, 'GET', '/products?active=false')).items.map((p: { sku: string }) => p.sku)).toContain('DEL-2');
			const refused = await call(staff, 'POST', '/sales', { lines: [{ sku: 'DEL-2', quantity: 1 }] });
			expect(fields(refused)).toEqual(['body.lines.0.sku']);
		});

		it('pages the catalogue by cursor with no duplicates or gaps', async () => {
			for (let i = 0; i < 7; i++) await ok(admin, 'POST', '/products', { sku: `PG-${i}`, name: `Paged ${i}`, unit_price: 1, category: 'Paged' });
			const seen: string[] = [];
			let cursor: string | null = null;
			do {
				const page: { items: { sku: string }[]; next_cursor: string | null } = await ok(staff, 'GET', `/products?category=Paged&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
				seen.push(...page.items.map((p) => p.sku));
				cursor = page.next_cursor;
			} while (cursor);
			expect(seen).toEqual(['PG-0', 'PG-1', 'PG-2', 'PG-3', 'PG-4', 'PG-5', 'PG-6']);
			expect(fields(await call(staff, 'GET', '/products?cursor=nonsense'))).toEqual(['query.cursor']);
		});
	});

	describe('suppliers and customers', () => {
		it('round-trips suppliers by name; 409 on a taken name; delete reassigns products', async () => {
			const made = await ok(admin, 'POST', '/suppliers', { name: 'Textiles Norte', email: 'ventas@norte.example', default_lead_time_days: 10 });
			expect(made).toMatchObject({ name: 'Textiles Norte', email: 'ventas@norte.example', default_lead_time_days: 10, products: 0 });
			expect((await call(admin, 'POST', '/suppliers', { name: ' textiles norte ' })).statusCode).toBe(409);
			expect(fields(await call(admin, 'POST', '/suppliers', { name: 'Bad mail', email: 'nope' }))).toEqual(['body.email']);
			await ok(admin, 'POST', '/suppliers', { name: 'Textiles Sur' });
			await ok(admin, 'POST', '/products', { sku: 'TEX-1', name: 'Bufanda', unit_price: 20, supplier: 'Textiles Norte' });
			expect((await ok(staff, 'GET', '/suppliers/Textiles%20Norte')).products).toBe(1);
			expect((await ok(admin, 'PATCH', '/suppliers/Textiles%20Norte', { phone: '600 000 000' })).phone).toBe('600 000 000');
			expect((await call(admin, 'PATCH', '/suppliers/Textiles%20Norte', { name: 'Textiles Sur' })).statusCode).toBe(409);
			expect(fields(await call(admin, 'DELETE', '/suppliers/Textiles%20Norte?reassign_to=Nobody'))).toEqual(['query.reassign_to']);
			expect(await ok(admin, 'DELETE', '/suppliers/Textiles%20Norte?reassign_to=Textiles%20Sur'))
				.toEqual({ name: 'Textiles Norte', affected_products: 1, reassigned_to: 'Textiles Sur' });
			expect((await ok(staff, 'GET', '/products/TEX-1')).supplier).toBe('Textiles Sur');
			expect((await call(staff, 'GET', '/suppliers/Textiles%20Norte')).statusCode).toBe(404);
			expect((await ok(staff, 'GET', '/suppliers')).map((x: { name: string }) => x.name)).toContain('Textiles Sur');
		});

		it('round-trips customers by code; the code is required and unique', async () => {
			const made = await ok(admin, 'POST', '/customers', { code: 'C-100', name: 'Ana Pérez', phone: '611 222 333' });
			expect(made).toMatchObject({ code: 'C-100', name: 'Ana Pérez', phone: '611 222 333', email: '' });
			expect((await call(admin, 'POST', '/customers', { code: 'C-100', name: 'Otra' })).statusCode).toBe(409);
			expect(fields(await call(admin, 'POST', '/customers', { name: 'Sin código' }))).toEqual(['body.code']);
			expect(fields(await call(admin, 'POST', '/customers', { code: 'C-101', name: 'X', email: 'x@' }))).toEqual(['body.email']);
			expect((await ok(staff, 'GET', '/customers/C-100')).name).toBe('Ana Pérez');
			expect((await ok(admin, 'PATCH', '/customers/C-100', { email: 'ana@example.com' })).email).toBe('ana@example.com');
			expect((await ok(staff, 'GET', '/customers?q=perez')).items.map((c: { code: string }) => c.code)).toEqual(['C-100']);
			await ok(admin, 'POST', '/customers', { code: 'C-200', name: 'Luis' });
			expect(await ok(admin, 'DELETE', '/customers/C-200')).toEqual({ code: 'C-200', deleted: true });
			expect((await call(staff, 'GET', '/customers/C-200')).statusCode).toBe(404);
		});
	});

	describe('roles', () => {
		it('staff sells, receives, counts and reads, but may not change the catalogue or order', async () => {
			await ok(admin, 'POST', '/products', { sku: 'ROLE-1', name: 'Role test', unit_price: 3 });
			for (const [method, url, payload] of [
				['POST', '/products', { sku: 'ROLE-2', name: 'No', unit_price: 1 }],
				['PATCH', '/products/ROLE-1', { name: 'No' }],
				['DELETE', '/products/ROLE-1', undefined],
				['POST', '/purchase-orders', { lines: [{ sku: 'ROLE-1', quantity: 1 }] }],
				['POST', '/purchase-orders/from-suggestions', {}],
				['POST', '/suppliers', { name: 'No' }],
				['POST', '/customers', { code: 'NO', name: 'No' }]
			] as const) {
				const r = await call(staff, method, url, payload);
				expect(r.statusCode, `${method} ${url}`).toBe(403);
				expect(r.headers['content-type']).toMatch(/problem\+json/);
			}
			await ok(staff, 'POST', '/sales', { lines: [{ sku: 'ROLE-1', quantity: 1 }] });
			await ok(staff, 'POST', '/movements/receive', { lines: [{ sku: 'ROLE-1', quantity: 5 }] });
			await ok(staff, 'POST', '/movements/count', { lines: [{ sku: 'ROLE-1', counted: 4 }] });
			await ok(staff, 'POST', '/movements/adjust', { sku: 'ROLE-1', quantity: -1, reason: 'broken' });
			expect((await ok(staff, 'GET', '/stock/ROLE-1')).on_hand).toBe(3);
			await ok(staff, 'GET', '/movements?sku=ROLE-1');
			await ok(staff, 'GET', '/purchase-orders');
			expect((await s.inject({ method: 'GET', url: '/api/v1/stock' })).statusCode).toBe(401);
		});
	});

	describe('sales', () => {
		it('never refuses for lack of stock: stock goes negative and the response warns', async () => {
			await ok(admin, 'POST', '/products', { sku: 'NEG-1', name: 'Vela', unit_price: '5.00' });
			await ok(admin, 'POST', '/products', { sku: 'NEG-2', name: 'Cerilla', unit_price: '1.00' });
			await ok(staff, 'POST', '/movements/receive', { lines: [{ sku: 'NEG-2', quantity: 10 }] });
			await ok(admin, 'POST', '/customers', { code: 'C-SALE', name: 'Cliente' });
			const sale = await ok(staff, 'POST', '/sales', {
				lines: [{ sku: 'NEG-1', quantity: 3 }, { sku: 'NEG-2', quantity: 2, unit_price: '0.90', discount: 0.3 }],
				customer: 'C-SALE', at: '2024-03-05T10:30'
			});
			expect(sale).toMatchObject({
				at: '2024-03-05T10:30:00', customer: 'C-SALE', device: 'api', total: '16.50',
				// The shop's default rate (21 %, prices with tax), the sale's tax shared over its lines.
				tax: '2.86', base: '13.64', payments: null, return_of: null, cashier: s.usernameFor('staff'),
				lines: [
					{ sku: 'NEG-1', quantity: 3, unit_price: '5.00', discount: '0.00', total: '15.00', tax_rate: 21, tax_amount: '2.60' },
					{ sku: 'NEG-2', quantity: 2, unit_price: '0.90', discount: '0.30', total: '1.50', tax_rate: 21, tax_amount: '0.26' }
				],
				warnings: [{ sku: 'NEG-1', on_hand: -3 }]
			});
			expect(sale.invoice).toMatch(/^API-\d{6}$/);
			expect((await ok(staff, 'GET', '/stock/NEG-1')).on_hand).toBe(-3);
			expect((await ok(staff, 'GET', '/stock/NEG-2')).on_hand).toBe(8);
			const { warnings: _, ...stored } = sale;
			expect(await ok(staff, 'GET', `/sales/${sale.invoice}`)).toEqual(stored);
			// The daily totals were written with the sale, revenue net of tax.
			const day = parseIsoDay('2024-03-05') as DayNumber;
			expect(await repo().shopDays(day, day)).toEqual([expect.objectContaining({ day, units: 5, revenue: 1364, lines: 2 })]);
		});

		it('400 names the line of an unknown SKU or a bad quantity, and 409 a taken invoice', async () => {
			await ok(admin, 'POST', '/products', { sku: 'BAD-1', name: 'Ok', unit_price: 1 });
			const before = await saleCount();
			expect(fields(await call(staff, 'POST', '/sales', { lines: [{ sku: 'BAD-1', quantity: 1 }, { sku: 'NOPE', quantity: 1 }] }))).toEqual(['body.lines.1.sku']);
			expect(fields(await call(staff, 'POST', '/sales', { lines: [{ sku: 'BAD-1', quantity: 0 }] }))).toEqual(['body.lines.0.quantity']);
			expect(fields(await call(staff, 'POST', '/sales', { lines: [{ sku: 'BAD-1', quantity: 'two' }] }))).toEqual(['body.lines.0.quantity']);
			expect(fields(await call(staff, 'POST', '/sales', { lines: [{ sku: 'BAD-1', quantity: 1, unit_price: '1,5' }] }))).toEqual(['body.lines.0.unit_price']);
			expect(fields(await call(staff, 'POST', '/sales', { lines: [] }))).toEqual(['body.lines']);
			expect(fields(await call(staff, 'POST', '/sales', { lines: [{ sku: 'BAD-1', quantity: 1 }], customer: 'NOBODY' }))).toEqual(['body.customer']);
			expect(fields(await call(staff, 'POST', '/sales', { lines: [{ sku: 'BAD-1', quantity: 1 }], at: '2024-02-30T10:00' }))).toEqual(['body.at']);
			expect(await saleCount()).toBe(before);
			await ok(staff, 'POST', '/sales', { lines: [{ sku: 'BAD-1', quantity: 1 }], invoice: 'T-1' });
			expect((await call(staff, 'POST', '/sales', { lines: [{ sku: 'BAD-1', quantity: 1 }], invoice: 'T-1' })).statusCode).toBe(409);
		});

		it('with an Idempotency-Key, a retry creates nothing and answers the same; another body is a 422', async () => {
			await ok(admin, 'POST', '/products', { sku: 'IDEM-1', name: 'Idem', unit_price: 2 });
			const body = { lines: [{ sku: 'IDEM-1', quantity: 1 }] };
			const key = { 'idempotency-key': 'retry-1' };
			const before = await saleCount();
			const first = await call(staff, 'POST', '/sales', body, key);
			expect(first.statusCode).toBe(201);
			expect(first.headers['idempotent-replayed']).toBeUndefined();
			const again = await call(staff, 'POST', '/sales', body, key);
			expect(again.statusCode).toBe(201);
			expect(again.headers['idempotent-replayed']).toBe('true');
			expect(again.json()).toEqual(first.json());
			expect(await saleCount()).toBe(before + 1);
			const other = await call(staff, 'POST', '/sales', { lines: [{ sku: 'IDEM-1', quantity: 2 }] }, key);
			expect(other.statusCode).toBe(422);
			expect(fields(other)).toEqual(['header.idempotency-key']);
			expect(await saleCount()).toBe(before + 1);
			// A refused request frees its key: fixed, it goes through.
			expect((await call(staff, 'POST', '/sales', { lines: [{ sku: 'NOPE', quantity: 1 }] }, { 'idempotency-key': 'fix-1' })).statusCode).toBe(400);
			expect((await call(staff, 'POST', '/sales', body, { 'idempotency-key': 'fix-1' })).statusCode).toBe(201);
		});

		it('a key left pending by the earlier design (its request died) is taken over: the retry does the work', async () => {
			// The key, the sale and the stored response commit in one transaction now: a request that dies
			// leaves nothing, and a key row always has its sale and response. So the earlier case "died after
			// the sale committed, before the response was stored" cannot happen any more (there is no marker
			// to recover from); only a pending row written by the earlier three-commit design can be found.
			await ok(admin, 'POST', '/products', { sku: 'CRASH-1', name: 'Crash', unit_price: 2 });
			const body = { lines: [{ sku: 'CRASH-1', quantity: 1 }] };
			const pending = (key: string, response: string) => s.sql.db.insertInto('idempotency_keys').values({
				shop_id: s.shopId, key, request: fingerprint('POST', '/api/v1/sales', body), status: 0, response, created_at: Date.now() - 60_000
			}).execute();
			const before = await saleCount();
			await pending('crashed-before', '');
			const redone = await call(staff, 'POST', '/sales', body, { 'idempotency-key': 'crashed-before' });
			expect(redone.statusCode).toBe(201);
			expect(redone.headers['idempotent-replayed']).toBeUndefined();
			expect(await saleCount()).toBe(before + 1);
			const again = await call(staff, 'POST', '/sales', body, { 'idempotency-key': 'crashed-before' });
			expect(again.headers['idempotent-replayed']).toBe('true');
			expect(again.json()).toEqual(redone.json());
			expect(await saleCount()).toBe(before + 1);
			// Another body under a pending key is still another request.
			await pending('crashed-other', '');
			const other = await call(staff, 'POST', '/sales', { lines: [{ sku: 'CRASH-1', quantity: 2 }] }, { 'idempotency-key': 'crashed-other' });
			expect(other.statusCode).toBe(422);
			expect(await saleCount()).toBe(before + 1);
		});

		it('a sale that fails inside its transaction leaves neither the sale nor the key', async () => {
			await ok(admin, 'POST', '/products', { sku: 'ROLL-1', name: 'Rollback', unit_price: 2 });
			await ok(staff, 'POST', '/sales', { lines: [{ sku: 'ROLL-1', quantity: 1 }], invoice: 'ROLL-INV-1' });
			const before = await saleCount();
			const body = { lines: [{ sku: 'ROLL-1', quantity: 1 }], invoice: 'ROLL-INV-1' };
			expect((await call(staff, 'POST', '/sales', body, { 'idempotency-key': 'roll-1' })).statusCode).toBe(409);
			expect(await s.sql.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'roll-1').execute()).toEqual([]);
			expect(await saleCount()).toBe(before);
		});

		it('concurrent POSTs with one key make exactly one sale', async () => {
			await ok(admin, 'POST', '/products', { sku: 'CONC-1', name: 'Concurrent', unit_price: 2 });
			const before = await saleCount();
			const body = { lines: [{ sku: 'CONC-1', quantity: 1 }] };
			const all = await Promise.all(Array.from({ length: 5 }, () => call(staff, 'POST', '/sales', body, { 'idempotency-key': 'concurrent-1' })));
			expect(all.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
			expect(new Set(all.map((r) => r.json().invoice)).size).toBe(1);
			expect(all.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
			expect(await saleCount()).toBe(before + 1);
			expect((await ok(staff, 'GET', '/stock/CONC-1')).on_hand).toBe(-1);
		});

		it('concurrent sales without a key each get their own invoice number', async () => {
			await ok(admin, 'POST', '/products', { sku: 'INV-1', name: 'Invoices', unit_price: 2 });
			const all = await Promise.all(Array.from({ length: 6 }, () => ok(staff, 'POST', '/sales', { lines: [{ sku: 'INV-1', quantity: 1 }], device: 'till-2' })));
			const invoices = all.map((r) => r.invoice);
			expect(new Set(invoices).size).toBe(6);
			for (const i of invoices) expect(i).toMatch(/^TILL-\d{6}$/);
		});

		it('lists sales newest first by date range, product and customer, paged by cursor with no duplicates or gaps', async () => {
			await ok(admin, 'POST', '/products', { sku: 'LIST-A', name: 'A', unit_price: 1 });
			await ok(admin, 'POST', '/products', { sku: 'LIST-B', name: 'B', unit_price: 1 });
			await ok(admin, 'POST', '/customers', { code: 'C-LIST', name: 'Lister' });
			const made: string[] = [];
			for (let i = 0; i < 30; i++) {
				const day = 10 + (i % 10);
				// Three sales share each minute, so the keyset's tie-break on id is exercised.
				const sale = await ok(staff, 'POST', '/sales', {
					lines: [{ sku: i % 3 === 0 ? 'LIST-B' : 'LIST-A', quantity: 1 }],
					at: `2023-06-${day}T12:00`, invoice: `L-${String(i).padStart(2, '0')}`, ...(i % 5 === 0 ? { customer: 'C-LIST' } : {})
				});
				made.push(sale.invoice);
			}
			const walk = async (query: string) => {
				const seen: { invoice: string; at: string }[] = [];
				let cursor: string | null = null;
				do {
					const page: { items: { invoice: string; at: string }[]; next_cursor: string | null } = await ok(staff, 'GET', `/sales?${query}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
					seen.push(...page.items);
					cursor = page.next_cursor;
				} while (cursor);
				return seen;
			};
			const all = await walk('from=2023-06-10&to=2023-06-19');
			expect(all).toHaveLength(30);
			expect(new Set(all.map((x) => x.invoice))).toEqual(new Set(made));
			expect([...all].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).map((x) => x.at)).toEqual(all.map((x) => x.at));
			expect(await walk('from=2023-06-12&to=2023-06-13')).toHaveLength(6);
			const bs = await walk('from=2023-06-10&to=2023-06-19&sku=LIST-B');
			expect(bs).toHaveLength(10);
			expect(new Set(bs.map((x) => x.invoice))).toEqual(new Set(made.filter((_, i) => i % 3 === 0)));
			expect(await walk('customer=C-LIST')).toHaveLength(6);
			expect(await walk('sku=NO-SUCH')).toHaveLength(0);
			// The schema's own errors name the query string as the lead's handler does (validationContext).
			expect(fields(await call(staff, 'GET', '/sales?from=2023-13-01'))[0]).toMatch(/^query(string)?\.from$/);
			expect(fields(await call(staff, 'GET', '/sales?cursor=abc'))).toEqual(['query.cursor']);
		});
	});

	describe('movements and stock', () => {
		it('receives, adjusts and counts through the ledger, and lists it newest first', async () => {
			await ok(admin, 'POST', '/suppliers', { name: 'Velas SL' });
			await ok(admin, 'POST', '/products', { sku: 'MOV-1', name: 'Movida', unit_price: 3, unit_cost: 1, reorder_point: 5 });
			await ok(admin, 'POST', '/products', { sku: 'MOV-2', name: 'Movida 2', unit_price: 3 });
			const received = await ok(staff, 'POST', '/movements/receive', {
				supplier: 'Velas SL', reference: 'ALB-77', lines: [{ sku: 'MOV-1', quantity: 12, unit_cost: '1.20' }, { sku: 'MOV-2', quantity: 2 }]
			});
			expect(received.movements).toEqual([
				expect.objectContaining({ sku: 'MOV-1', quantity: 12, reason: 'purchase', reference: 'ALB-77', note: 'Velas SL' }),
				expect.objectContaining({ sku: 'MOV-2', quantity: 2, reason: 'purchase' })
			]);
			expect(received.stock).toEqual([{ sku: 'MOV-1', before: 0, on_hand: 12 }, { sku: 'MOV-2', before: 0, on_hand: 2 }]);
			expect((await ok(staff, 'GET', '/products/MOV-1')).unit_cost).toBe('1.20');
			expect(fields(await call(staff, 'POST', '/movements/receive', { lines: [{ sku: 'MOV-1', quantity: -1 }] }))).toEqual(['body.lines.0.quantity']);
			expect(fields(await call(staff, 'POST', '/movements/receive', { supplier: 'Nadie', lines: [{ sku: 'MOV-1', quantity: 1 }] }))).toEqual(['body.supplier']);

			const adjusted = await ok(staff, 'POST', '/movements/adjust', { sku: 'MOV-1', quantity: -2, reason: 'rotas' });
			expect(adjusted.movements).toEqual([expect.objectContaining({ sku: 'MOV-1', quantity: -2, reason: 'adjustment', note: 'rotas' })]);
			expect(fields(await call(staff, 'POST', '/movements/adjust', { sku: 'MOV-1', quantity: 0, reason: 'x' }))).toEqual(['body.quantity']);
			expect(fields(await call(staff, 'POST', '/movements/adjust', { sku: 'MOV-1', quantity: 1 }))).toEqual(['body.reason']);

			const counted = await ok(staff, 'POST', '/movements/count', { reference: 'Recuento', lines: [{ sku: 'MOV-1', counted: 7 }, { sku: 'MOV-2', counted: 2 }] });
			expect(counted.movements).toEqual([expect.objectContaining({ sku: 'MOV-1', quantity: -3, reason: 'count', reference: 'Recuento' })]);
			expect(counted.stock).toEqual([{ sku: 'MOV-1', before: 10, on_hand: 7 }, { sku: 'MOV-2', before: 2, on_hand: 2 }]);
			expect(fields(await call(staff, 'POST', '/movements/count', { lines: [{ sku: 'MOV-1', counted: -1 }] }))).toEqual(['body.lines.0.counted']);
			expect(fields(await call(staff, 'POST', '/movements/count', { lines: [{ sku: 'MOV-1', counted: 1 }, { sku: 'MOV-1', counted: 2 }] }))).toEqual(['body.lines.1.sku']);

			const list = await ok(staff, 'GET', '/movements?sku=MOV-1');
			expect(list.items.map((m: { reason: string; quantity: number }) => [m.reason, m.quantity])).toEqual([['count', -3], ['adjustment', -2], ['purchase', 12]]);
			const paged = await ok(staff, 'GET', '/movements?sku=MOV-1&limit=2');
			expect(paged.items).toHaveLength(2);
			const rest = await ok(staff, 'GET', `/movements?sku=MOV-1&limit=2&cursor=${paged.next_cursor}`);
			expect(rest.items.map((m: { reason: string }) => m.reason)).toEqual(['purchase']);
			expect(rest.next_cursor).toBeNull();
			expect((await ok(staff, 'GET', '/movements?from=2000-01-01&to=2000-01-02')).items).toEqual([]);
		});

		it('answers stock for all, the low ones and one product', async () => {
			await ok(admin, 'POST', '/products', { sku: 'STK-OK', name: 'Plenty', unit_price: 1, reorder_point: 2 });
			await ok(admin, 'POST', '/products', { sku: 'STK-LOW', name: 'Few', unit_price: 1, reorder_point: 5 });
			await ok(admin, 'POST', '/products', { sku: 'STK-OUT', name: 'None', unit_price: 1 });
			await ok(staff, 'POST', '/movements/receive', { lines: [{ sku: 'STK-OK', quantity: 10 }, { sku: 'STK-LOW', quantity: 3 }] });
			const all: { sku: string; status: string }[] = await ok(staff, 'GET', '/stock');
			const of = (sku: string) => all.find((r) => r.sku === sku);
			expect(of('STK-OK')).toEqual({ sku: 'STK-OK', name: 'Plenty', on_hand: 10, reorder_point: 2, status: 'ok', supplier: '' });
			expect(of('STK-LOW')?.status).toBe('low');
			expect(of('STK-OUT')?.status).toBe('out');
			expect(all.map((r) => r.sku)).toEqual([...all.map((r) => r.sku)].sort((a, b) => a.localeCompare(b)));
			const low: { sku: string; status: string }[] = await ok(staff, 'GET', '/stock?low=true');
			expect(low.every((r) => r.status !== 'ok')).toBe(true);
			expect(low.map((r) => r.sku)).toEqual(expect.arrayContaining(['STK-LOW', 'STK-OUT']));
			expect(low.map((r) => r.sku)).not.toContain('STK-OK');
			expect(await ok(staff, 'GET', '/stock/STK-LOW')).toEqual({ sku: 'STK-LOW', name: 'Few', on_hand: 3, reorder_point: 5, status: 'low', supplier: '' });
			expect((await call(staff, 'GET', '/stock/NOPE')).statusCode).toBe(404);
		});
	});

	describe('purchase orders', () => {
		it('goes draft → ordered → received, raising stock; a received order cannot be cancelled', async () => {
			await ok(admin, 'POST', '/suppliers', { name: 'Papelería Centro', default_lead_time_days: 4 });
			await ok(admin, 'POST', '/products', { sku: 'PO-1', name: 'Cuaderno', unit_price: 3, unit_cost: '1.10', supplier: 'Papelería Centro' });
			await ok(admin, 'POST', '/products', { sku: 'PO-2', name: 'Lápiz', unit_price: 1, unit_cost: '0.20', supplier: 'Papelería Centro' });
			const draft = await ok(admin, 'POST', '/purchase-orders', { supplier: 'Papelería Centro', lines: [{ sku: 'PO-1', quantity: 10 }, { sku: 'PO-2', quantity: 50, unit_cost: 0.18 }] });
			expect(draft).toMatchObject({
				supplier: 'Papelería Centro', status: 'draft', total: '20.00', ordered_at: null,
				lines: [{ sku: 'PO-1', quantity: 10, unit_cost: '1.10', received_quantity: null }, { sku: 'PO-2', quantity: 50, unit_cost: '0.18' }]
			});
			expect(draft.number).toMatch(/^PO-\d{4}-\d{2}-\d{2}-[0-9A-F]{4}$/);
			expect(fields(await call(admin, 'POST', '/purchase-orders', { lines: [{ sku: 'PO-1', quantity: 1 }, { sku: 'PO-1', quantity: 2 }] }))).toEqual(['body.lines.1.sku']);
			expect(fields(await call(admin, 'POST', '/purchase-orders', { lines: [{ sku: 'PO-1', quantity: 0 }] }))).toEqual(['body.lines.0.quantity']);
			expect((await call(staff, 'POST', `/purchase-orders/${draft.number}/receive`, {})).statusCode).toBe(409);

			const sent = await ok(admin, 'POST', `/purchase-orders/${draft.number}/accept`, {}, 200);
			expect(sent.status).toBe('ordered');
			expect(sent.expected_date).not.toBeNull();
			const again = await call(admin, 'POST', `/purchase-orders/${draft.number}/accept`, {});
			expect(again.statusCode).toBe(409);
			expect(again.json().detail).toMatch(/ordered/);
			expect(fields(await call(staff, 'POST', `/purchase-orders/${draft.number}/receive`, { lines: [{ sku: 'MOV-NOT-ON-IT', quantity: 1 }] }))).toEqual(['body.lines.0.sku']);

			const received = await ok(staff, 'POST', `/purchase-orders/${draft.number}/receive`, { lines: [{ sku: 'PO-2', quantity: 45 }] }, 200);
			expect(received.status).toBe('received');
			expect(received.lines.map((l: { received_quantity: number }) => l.received_quantity)).toEqual([10, 45]);
			expect((await ok(staff, 'GET', '/stock/PO-1')).on_hand).toBe(10);
			expect((await ok(staff, 'GET', '/stock/PO-2')).on_hand).toBe(45);
			const ledger = await ok(staff, 'GET', '/movements?sku=PO-1');
			expect(ledger.items[0]).toMatchObject({ reason: 'purchase', reference: draft.number, quantity: 10 });
			const cancel = await call(admin, 'POST', `/purchase-orders/${draft.number}/cancel`);
			expect(cancel.statusCode).toBe(409);
			expect(cancel.json().detail).toMatch(/received/);

			const other = await ok(admin, 'POST', '/purchase-orders', { lines: [{ sku: 'PO-1', quantity: 1 }] });
			expect((await ok(admin, 'POST', `/purchase-orders/${other.number}/cancel`, undefined, 200)).status).toBe('cancelled');
			expect((await ok(staff, 'GET', `/purchase-orders/${draft.number}`)).status).toBe('received');
			const listed = await ok(staff, 'GET', '/purchase-orders?status=cancelled');
			expect(listed.map((o: { number: string }) => o.number)).toEqual([other.number]);
			expect((await call(staff, 'GET', '/purchase-orders/PO-NONE')).statusCode).toBe(404);
		});

		it('from-suggestions asks for a forecast first, then drafts one order per supplier from the latest run', async () => {
			const r = await call(admin, 'POST', '/purchase-orders/from-suggestions', {});
			expect(r.statusCode).toBe(409);
			expect(r.json().detail).toMatch(/train/);

			await ok(admin, 'POST', '/suppliers', { name: 'Sugerido SA', default_lead_time_days: 7 });
			await ok(admin, 'POST', '/products', { sku: 'SUG-1', name: 'Runs out', unit_price: 2, unit_cost: 1, supplier: 'Sugerido SA', pack_size: 6 });
			await ok(admin, 'POST', '/products', { sku: 'SUG-2', name: 'Plenty', unit_price: 2, supplier: 'Sugerido SA' });
			await ok(admin, 'POST', '/products', { sku: 'SUG-3', name: 'No supplier', unit_price: 2 });
			await ok(staff, 'POST', '/movements/receive', { lines: [{ sku: 'SUG-2', quantity: 1000 }] });
			const daily = { 'SUG-1': 2, 'SUG-2': 0.5, 'SUG-3': 1 };
			const products = await Promise.all(Object.keys(daily).map((sku) => repo().getProductBySku(sku)));
			await new SqlForecastStore(s.sql, s.shopId).putRun(syntheticRun(products.map((p) => p!.id), Object.values(daily), 60));

			const made = await ok(admin, 'POST', '/purchase-orders/from-suggestions', { cover_days: 14 });
			expect(made.forecast).toMatchObject({ run: 'test-run', horizon: 60 });
			const bySupplier = new Map(made.orders.map((o: { supplier: string | null; lines: { sku: string; quantity: number }[] }) => [o.supplier, o]));
			expect([...bySupplier.keys()].sort()).toEqual([null, 'Sugerido SA'].sort());
			const sa = bySupplier.get('Sugerido SA') as { status: string; lines: { sku: string; quantity: number; unit_cost: string }[] };
			expect(sa.status).toBe('draft');
			expect(sa.lines.map((l) => l.sku)).toEqual(['SUG-1']);
			expect(sa.lines[0].quantity % 6).toBe(0);
			expect(sa.lines[0].quantity).toBeGreaterThanOrEqual(2 * (7 + 14));
			expect(sa.lines[0].unit_cost).toBe('1.00');
			expect((bySupplier.get(null) as { lines: { sku: string }[] }).lines.map((l) => l.sku)).toEqual(['SUG-3']);
			const drafts = await ok(staff, 'GET', '/purchase-orders?status=draft');
			for (const o of made.orders) expect(drafts.map((d: { number: string }) => d.number)).toContain(o.number);
			expect(fields(await call(admin, 'POST', '/purchase-orders/from-suggestions', { supplier: 'Nadie' }))).toEqual(['body.supplier']);
			const one = await ok(admin, 'POST', '/purchase-orders/from-suggestions', { supplier: 'Sugerido SA' });
			expect(one.orders.map((o: { supplier: string }) => o.supplier)).toEqual(['Sugerido SA']);
		});
	});

	describe('shops', () => {
		it("never shows one shop's records to another's token", async () => {
			const other = await s.tokenFor('admin', 'branch');
			await ok(admin, 'POST', '/products', { sku: 'SHOP-A', name: 'Only in main', unit_price: 1 });
			const sale = await ok(staff, 'POST', '/sales', { lines: [{ sku: 'SHOP-A', quantity: 1 }] });
			expect((await call(other, 'GET', '/products/SHOP-A')).statusCode).toBe(404);
			expect((await call(other, 'GET', '/stock/SHOP-A')).statusCode).toBe(404);
			expect((await call(other, 'GET', `/sales/${sale.invoice}`)).statusCode).toBe(404);
			expect((await ok(other, 'GET', '/products')).items).toEqual([]);
			expect(await ok(other, 'GET', '/stock')).toEqual([]);
			expect((await ok(other, 'GET', '/sales')).items).toEqual([]);
			expect((await ok(other, 'GET', '/movements')).items).toEqual([]);
			expect(fields(await call(other, 'POST', '/sales', { lines: [{ sku: 'SHOP-A', quantity: 1 }] }))).toEqual(['body.lines.0.sku']);
			// The same SKU may exist in both shops, each its own.
			await ok(other, 'POST', '/products', { sku: 'SHOP-A', name: 'Branch own', unit_price: 2 });
			expect((await ok(other, 'GET', '/products/SHOP-A')).name).toBe('Branch own');
			expect((await ok(staff, 'GET', '/products/SHOP-A')).name).toBe('Only in main');
		});
	});

	it('documents every route in the OpenAPI document', async () => {
		const doc = (await s.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
		for (const path of ['/api/v1/products', '/api/v1/products/{sku}', '/api/v1/suppliers/{name}', '/api/v1/customers/{code}', '/api/v1/sales', '/api/v1/sales/{invoice}',
			'/api/v1/movements/receive', '/api/v1/movements/adjust', '/api/v1/movements/count', '/api/v1/movements', '/api/v1/stock', '/api/v1/stock/{sku}',
			'/api/v1/purchase-orders', '/api/v1/purchase-orders/from-suggestions', '/api/v1/purchase-orders/{number}/accept',
			'/api/v1/purchase-orders/{number}/receive', '/api/v1/purchase-orders/{number}/cancel']) {
			expect(doc.paths[path], path).toBeDefined();
		}
		expect(doc.paths['/api/v1/sales'].post.responses['201']).toBeDefined();
		expect(doc.paths['/api/v1/products/{sku}'].delete.description).toMatch(/archived/);
	});
});

/** A stored forecast run with a flat daily demand per product (what training would have stored). */
function syntheticRun(productIds: ProductId[], daily: number[], horizon: number): ForecastRun {
	const fromDay = today();
	const n = productIds.length;
	const rows = (scale: number) => Float32Array.from({ length: n * horizon }, (_, i) => daily[Math.floor(i / horizon)] * scale);
	const flat = (v: number): DemandForecast => ({
		productId: null, fromDay, p10: Array(horizon).fill(v * 0.5), p50: Array(horizon).fill(v), p90: Array(horizon).fill(v * 2), mean: Array(horizon).fill(v),
		method: 'test', modelVersion: 'test'
	});
	const total = daily.reduce((a, b) => a + b, 0);
	return {
		id: 'test-run', modelId: 'test-model', createdAt: nowLocal() as LocalTimestamp, fromDay: fromDay as DayNumber, horizon, productIds,
		methods: productIds.map(() => 'tsb'), modelVersions: productIds.map(() => 'test'),
		p10: rows(0.5), p50: rows(1), p90: rows(2), mean: rows(1), overdispersion: new Float32Array(n).fill(0.2),
		metrics: productIds.map(() => null), backtestDays: 0, backtestActual: new Float32Array(0), backtestForecast: new Float32Array(0),
		totals: { fromDay, units: flat(total), revenue: flat(total * 200) }
	};
}
