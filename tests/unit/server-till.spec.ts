// The till's data through the REST API on SQLite and PostgreSQL: products with a tax rate, styles
// with options and their variants (named by SKU, never by id), and sales with tax per line and per
// rate, payments, the cashier and returns that never give back more than the original sale sold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayNumber } from '../../src/core/brand';
import { parseIsoDay } from '../../src/core/time';
import { TILL_SETTINGS_KEY } from '../../src/core/till/settings';
import { SqlRepository } from '../../src/sql/sql-repository';
import { postgresUrl } from '../support/sql-databases';
import { testServer, type TestServer } from '../support/server';

const dialects = postgresUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Json = Record<string, any>;

function harness() {
	const h = {} as { s: TestServer; admin: string; staff: string };
	const call = (token: string, method: Method, url: string, payload?: unknown) =>
		h.s.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
	const ok = async (token: string, method: Method, url: string, payload?: unknown, status = method === 'POST' ? 201 : 200): Promise<Json> => {
		const r = await call(token, method, url, payload);
		expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(status);
		return r.json();
	};
	/** The fields a refused request names, and its status. */
	const refused = async (token: string, method: Method, url: string, payload: unknown) => {
		const r = await call(token, method, url, payload);
		return { status: r.statusCode, fields: ((r.json().errors ?? []) as { field: string }[]).map((e) => e.field), detail: String(r.json().detail ?? '') };
	};
	return { h, call, ok, refused };
}

describe.each(dialects)('the till through the API on %s', (dialect) => {
	const { h, ok, refused } = harness();
	beforeAll(async () => {
		h.s = await testServer(dialect);
		[h.admin, h.staff] = await Promise.all([h.s.tokenFor('admin'), h.s.tokenFor('staff')]);
	}, 60_000);
	afterAll(async () => h.s?.close());
	const products = async (q: string) => (await ok(h.staff, 'GET', `/products?q=${encodeURIComponent(q)}&limit=1000`)).items as Json[];

	describe('products', () => {
		it('a style with options is made with its variants, which follow its price and tax rate', async () => {
			const style = await ok(h.admin, 'POST', '/products', {
				sku: 'CAM', name: 'Camiseta', unit_price: '20', unit_cost: 8, tax_rate: 10,
				options: [{ name: 'Talla', values: ['S', 'M'] }, { name: 'Color', values: ['Negro', 'Blanco'] }]
			});
			expect(style).toMatchObject({
				sku: 'CAM', tax_rate: 10, tax_rate_default: false, variant_of: null, option_values: null, own_price: null,
				options: [{ name: 'Talla', values: ['S', 'M'] }, { name: 'Color', values: ['Negro', 'Blanco'] }]
			});
			const variants = (await products('camiseta')).filter((p) => p.variant_of === 'CAM');
			expect(variants.map((v) => v.option_values)).toEqual(expect.arrayContaining([
				{ Talla: 'S', Color: 'Negro' }, { Talla: 'S', Color: 'Blanco' }, { Talla: 'M', Color: 'Negro' }, { Talla: 'M', Color: 'Blanco' }
			]));
			expect(variants).toHaveLength(4);
			for (const v of variants) expect(v).toMatchObject({ unit_price: '20.00', own_price: false, tax_rate: 10, options: null });
			expect(JSON.stringify(variants)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

			// One variant priced on its own; the style's new price reaches the others only.
			const own = variants.find((v) => v.option_values.Talla === 'M' && v.option_values.Color === 'Negro')!;
			expect(await ok(h.admin, 'PATCH', `/products/${own.sku}`, { unit_price: '22.50' })).toMatchObject({ unit_price: '22.50', own_price: true, variant_of: 'CAM' });
			await ok(h.admin, 'PATCH', '/products/CAM', { unit_price: '25' });
			const after = new Map((await products('camiseta')).map((p) => [p.sku, p]));
			expect(after.get(own.sku)!.unit_price).toBe('22.50');
			for (const v of variants.filter((x) => x.sku !== own.sku)) expect(after.get(v.sku)!.unit_price).toBe('25.00');
			// Back to following the style.
			expect(await ok(h.admin, 'PATCH', `/products/${own.sku}`, { own_price: false })).toMatchObject({ unit_price: '25.00', own_price: false });
			// A style is never sold; a variant is.
			expect(await refused(h.staff, 'POST', '/sales', { lines: [{ sku: 'CAM', quantity: 1 }] })).toMatchObject({ status: 400, fields: ['body.lines.0.sku'] });
			const sale = await ok(h.staff, 'POST', '/sales', { lines: [{ sku: own.sku, quantity: 1 }] });
			expect(sale.lines[0]).toMatchObject({ sku: own.sku, tax_rate: 10, total: '25.00', tax_amount: '2.27' });
			expect((await ok(h.staff, 'GET', `/stock/${own.sku}`)).on_hand).toBe(-1);
		});

		it('a tax rate must be one of the shop\'s; null takes the shop\'s default', async () => {
			expect(await ok(h.admin, 'POST', '/products', { sku: 'LIB-1', name: 'Libro', unit_price: 15, tax_rate: 4 })).toMatchObject({ tax_rate: 4, tax_rate_default: false });
			expect(await refused(h.admin, 'POST', '/products', { sku: 'LIB-2', name: 'Libro', unit_price: 15, tax_rate: 7 })).toMatchObject({ status: 400, fields: ['body.tax_rate'] });
			expect(await ok(h.admin, 'PATCH', '/products/LIB-1', { tax_rate: null })).toMatchObject({ tax_rate: 21, tax_rate_default: true });
			expect(await ok(h.admin, 'PATCH', '/products/LIB-1', { tax_rate: 0 })).toMatchObject({ tax_rate: 0, tax_rate_default: false });
			expect(await ok(h.admin, 'POST', '/products', { sku: 'LIB-3', name: 'Plain', unit_price: 1 })).toMatchObject({ tax_rate: 21, tax_rate_default: true, options: null, variant_of: null });
		});

		it('a variant names its style by SKU and one value of each option; the style\'s values, never two alike', async () => {
			await ok(h.admin, 'POST', '/products', { sku: 'POLO', name: 'Polo', unit_price: '30', options: [{ name: 'Talla', values: ['S', 'M'] }] });
			await ok(h.admin, 'POST', '/products', { sku: 'PLAIN-1', name: 'Taza', unit_price: '5' });
			const made = (await products('polo')).filter((p) => p.variant_of === 'POLO');
			const small = made.find((p) => p.option_values.Talla === 'S')!;
			// Values another variant has are a conflict that names it.
			const twin = await refused(h.admin, 'POST', '/products', { sku: 'POLO-CHICO', name: 'Polo chico', variant_of: 'POLO', option_values: { talla: 's' } });
			expect(twin).toMatchObject({ status: 409, fields: ['option_values'] });
			expect(twin.detail).toContain(small.sku);
			// The grid's variant gone (it had no history), the shop makes it with its own SKU; the style's price and spelling.
			expect((await ok(h.admin, 'DELETE', `/products/${small.sku}`)).outcome).toBe('deleted');
			const mine = await ok(h.admin, 'POST', '/products', { sku: 'POLO-CHICO', name: 'Polo chico', variant_of: 'POLO', option_values: { talla: 's' } });
			expect(mine).toMatchObject({ sku: 'POLO-CHICO', variant_of: 'POLO', option_values: { Talla: 'S' }, own_price: false, unit_price: '30.00', options: null });
			const priced = await ok(h.admin, 'POST', '/products', { sku: 'POLO-OTRO', name: 'Polo', variant_of: 'POLO', option_values: { Talla: 'M' }, unit_price: 28 }, 409);
			expect(priced.errors[0].field).toBe('option_values');
			// What is refused, and where.
			const cases: [unknown, number, string[]][] = [
				[{ sku: 'V-1', name: 'V', variant_of: 'NOPE', option_values: { Talla: 'S' } }, 400, ['body.variant_of']],
				[{ sku: 'V-1', name: 'V', variant_of: 'PLAIN-1', option_values: { Talla: 'S' } }, 400, ['body.variant_of']],
				[{ sku: 'V-1', name: 'V', variant_of: 'POLO' }, 400, ['body.option_values']],
				[{ sku: 'V-1', name: 'V', variant_of: 'POLO', option_values: { Talla: 'XL' } }, 400, ['body.option_values.Talla']],
				[{ sku: 'V-1', name: 'V', variant_of: 'POLO', option_values: { Talla: 'S', Manga: 'Larga' } }, 400, ['body.option_values.Manga']],
				[{ sku: 'V-1', name: 'V', variant_of: 'POLO', option_values: { Talla: 'S' }, options: [{ name: 'Color', values: ['Rojo'] }] }, 400, ['body.options']],
				[{ sku: 'V-1', name: 'V', unit_price: 1, option_values: { Talla: 'S' } }, 400, ['body.option_values']],
				[{ sku: 'V-1', name: 'V', unit_price: 1, own_price: true }, 400, ['body.own_price']],
				[{ sku: 'V-1', name: 'V' }, 400, ['body.unit_price']],
				[{ sku: 'V-1', name: 'V', unit_price: 1, options: [{ name: 'Talla', values: ['S, M'] }] }, 400, ['body.options.0.values.0']],
				[{ sku: 'V-1', name: 'V', unit_price: 1, options: [{ name: 'Talla', values: ['S'] }, { name: 'talla', values: ['M'] }] }, 400, ['body.options.1.name']]
			];
			for (const [body, status, fields] of cases) expect(await refused(h.admin, 'POST', '/products', body), JSON.stringify(body)).toMatchObject({ status, fields });
			expect(await refused(h.admin, 'PATCH', '/products/POLO', { variant_of: 'CAM', option_values: { Talla: 'S', Color: 'Negro' } })).toMatchObject({ status: 400, fields: ['body.variant_of'] });
			expect(await refused(h.admin, 'PATCH', '/products/POLO-CHICO', { option_values: { Talla: 'M' } })).toMatchObject({ status: 409, fields: ['option_values'] });
			expect(await products('V')).toEqual(expect.not.arrayContaining([expect.objectContaining({ sku: 'V-1' })]));
		});

		it('a product with history becomes a style\'s variant and back, keeping its own price', async () => {
			await ok(h.admin, 'POST', '/products', { sku: 'GORRA', name: 'Gorra', unit_price: '12', options: [{ name: 'Talla', values: ['U'] }] });
			const made = (await products('gorra')).find((p) => p.variant_of === 'GORRA')!;
			await ok(h.admin, 'DELETE', `/products/${made.sku}`);
			await ok(h.admin, 'POST', '/products', { sku: 'GORRA-VIEJA', name: 'Gorra de antes', unit_price: '11' });
			await ok(h.staff, 'POST', '/sales', { lines: [{ sku: 'GORRA-VIEJA', quantity: 1 }] });
			const linked = await ok(h.admin, 'PATCH', '/products/GORRA-VIEJA', { variant_of: 'GORRA', option_values: { Talla: 'U' } });
			expect(linked).toMatchObject({ variant_of: 'GORRA', option_values: { Talla: 'U' }, own_price: true, unit_price: '11.00', on_hand: -1 });
			// A style with variants is archived, not deleted: its variants name it.
			expect((await ok(h.admin, 'DELETE', '/products/GORRA')).outcome).toBe('archived');
			const alone = await ok(h.admin, 'PATCH', '/products/GORRA-VIEJA', { variant_of: null });
			expect(alone).toMatchObject({ variant_of: null, option_values: null, own_price: null, unit_price: '11.00' });
		});
	});

	describe('sales', () => {
		it('taxes each line at its rate, shared per rate on the sale; records payments and the cashier', async () => {
			await ok(h.admin, 'POST', '/products', { sku: 'PAN', name: 'Pan', unit_price: '1.10', tax_rate: 4 });
			await ok(h.admin, 'POST', '/products', { sku: 'VINO', name: 'Vino', unit_price: '8.47' });
			const sale = await ok(h.staff, 'POST', '/sales', {
				lines: [{ sku: 'PAN', quantity: 3 }, { sku: 'VINO', quantity: 1 }, { sku: 'VINO', quantity: 1, tax_rate: 10, discount: '0.47' }],
				payments: [{ method: 'card', amount: '10' }, { method: 'cash', amount: 9.77 }], cashier: 'Marta', at: '2024-04-02T11:00'
			});
			// 3.30 at 4 %: base 3.17, tax 0.13; 8.47 at 21 %: 7.00 + 1.47; 8.00 at 10 %: 7.27 + 0.73.
			expect(sale).toMatchObject({
				total: '19.77', tax: '2.33', base: '17.44', cashier: 'Marta', return_of: null,
				payments: [{ method: 'card', amount: '10.00' }, { method: 'cash', amount: '9.77' }],
				lines: [
					{ sku: 'PAN', total: '3.30', tax_rate: 4, tax_amount: '0.13' },
					{ sku: 'VINO', total: '8.47', tax_rate: 21, tax_amount: '1.47' },
					{ sku: 'VINO', total: '8.00', tax_rate: 10, tax_amount: '0.73' }
				]
			});
			const { warnings: _, ...stored } = sale;
			expect(await ok(h.staff, 'GET', `/sales/${sale.invoice}`)).toEqual(stored);
			expect((await ok(h.staff, 'GET', '/sales?sku=PAN')).items[0]).toEqual(stored);
			const day = parseIsoDay('2024-04-02') as DayNumber;
			expect(await new SqlRepository(h.s.sql, h.s.shopId).shopDays(day, day)).toEqual([expect.objectContaining({ revenue: 1744 })]);
			// Payments that do not add up are refused, naming them; without a cashier the account is.
			expect(await refused(h.staff, 'POST', '/sales', { lines: [{ sku: 'PAN', quantity: 1 }], payments: [{ method: 'cash', amount: 1 }] })).toMatchObject({ status: 400, fields: ['body.payments'] });
			expect(await refused(h.staff, 'POST', '/sales', { lines: [{ sku: 'PAN', quantity: 1 }], payments: [{ method: '', amount: 1.1 }] })).toMatchObject({ status: 400, fields: ['body.payments.0.method'] });
			expect(await refused(h.staff, 'POST', '/sales', { lines: [{ sku: 'PAN', quantity: 1, tax_rate: 101 }] })).toMatchObject({ status: 400, fields: ['body.lines.0.tax_rate'] });
			expect((await ok(h.staff, 'POST', '/sales', { lines: [{ sku: 'PAN', quantity: 1 }] })).cashier).toBe(h.s.usernameFor('staff'));
		});

		it('a return gives back at most what the original sale sold, less earlier returns', async () => {
			await ok(h.admin, 'POST', '/products', { sku: 'RET-A', name: 'Jarrón', unit_price: '10' });
			await ok(h.admin, 'POST', '/products', { sku: 'RET-B', name: 'Plato', unit_price: '4' });
			const original = await ok(h.staff, 'POST', '/sales', { lines: [{ sku: 'RET-A', quantity: 2 }, { sku: 'RET-A', quantity: 1, unit_price: 9 }] });
			const first = await ok(h.staff, 'POST', '/sales', {
				lines: [{ sku: 'RET-A', quantity: -2 }, { sku: 'RET-B', quantity: 1 }], return_of: original.invoice,
				payments: [{ method: 'card', amount: '-16.00' }]
			});
			// An exchange: two back, one other product out, the difference refunded.
			expect(first).toMatchObject({ return_of: original.invoice, total: '-16.00', tax: '-2.78', payments: [{ method: 'card', amount: '-16.00' }] });
			expect(await refused(h.staff, 'POST', '/sales', { lines: [{ sku: 'RET-A', quantity: -2 }], return_of: original.invoice })).toMatchObject({ status: 400, fields: ['body.lines.0.quantity'] });
			expect(await refused(h.staff, 'POST', '/sales', { lines: [{ sku: 'RET-B', quantity: -1 }], return_of: original.invoice })).toMatchObject({ status: 400, fields: ['body.lines.0.sku'] });
			expect(await refused(h.staff, 'POST', '/sales', { lines: [{ sku: 'RET-A', quantity: -1 }], return_of: 'NO-SUCH' })).toMatchObject({ status: 400, fields: ['body.return_of'] });
			const last = await ok(h.staff, 'POST', '/sales', { lines: [{ sku: 'RET-A', quantity: -1 }], return_of: original.invoice });
			expect(last).toMatchObject({ return_of: original.invoice, total: '-10.00', tax: '-1.74', base: '-8.26' });
			expect(await refused(h.staff, 'POST', '/sales', { lines: [{ sku: 'RET-A', quantity: -0.5 }], return_of: original.invoice })).toMatchObject({ status: 400, fields: ['body.lines.0.quantity'] });
			// A return without its sale's invoice stays allowed, as before.
			expect((await ok(h.staff, 'POST', '/sales', { lines: [{ sku: 'RET-A', quantity: -1 }] })).return_of).toBeNull();
		});
	});

	it('movements name who made them: the account, or a sale\'s cashier', async () => {
		await ok(h.admin, 'POST', '/products', { sku: 'ACT-1', name: 'Vela', unit_price: 3 });
		const staffName = h.s.usernameFor('staff');
		const received = await ok(h.staff, 'POST', '/movements/receive', { lines: [{ sku: 'ACT-1', quantity: 5 }] });
		expect(received.movements).toMatchObject([{ reason: 'purchase', actor: staffName }]);
		expect((await ok(h.staff, 'POST', '/movements/adjust', { sku: 'ACT-1', quantity: -1, reason: 'Rota' })).movements).toMatchObject([{ actor: staffName }]);
		expect((await ok(h.admin, 'POST', '/movements/count', { lines: [{ sku: 'ACT-1', counted: 3 }] })).movements).toMatchObject([{ reason: 'count', actor: h.s.usernameFor('admin') }]);
		await ok(h.staff, 'POST', '/sales', { lines: [{ sku: 'ACT-1', quantity: 1 }], cashier: 'Lucía' });
		const ledger = (await ok(h.staff, 'GET', '/movements?sku=ACT-1')).items as Json[];
		expect(ledger.map((m) => `${m.reason}:${m.actor}`).sort()).toEqual([`adjustment:${staffName}`, `count:${h.s.usernameFor('admin')}`, `purchase:${staffName}`, 'sale:Lucía']);
	});

	it('documents the new fields in the OpenAPI document', async () => {
		const doc = (await h.s.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
		const schema = (name: string) => JSON.stringify(doc.components.schemas[name]);
		for (const field of ['tax_rate', 'options', 'variant_of', 'option_values', 'own_price']) {
			expect(schema('Product'), field).toContain(`"${field}"`);
			expect(schema('ProductCreate'), field).toContain(`"${field}"`);
		}
		for (const field of ['payments', 'cashier', 'return_of', 'tax', 'base']) expect(schema('Sale'), field).toContain(`"${field}"`);
		for (const field of ['tax_rate', 'tax_amount']) expect(schema('SaleLine'), field).toContain(`"${field}"`);
		for (const field of ['payments', 'cashier', 'return_of']) expect(schema('SaleCreate'), field).toContain(`"${field}"`);
	});
});

describe.each(dialects)('a shop whose prices exclude tax, on %s', (dialect) => {
	const { h, ok } = harness();
	beforeAll(async () => {
		h.s = await testServer(dialect);
		[h.admin, h.staff] = await Promise.all([h.s.tokenFor('admin'), h.s.tokenFor('staff')]);
		await new SqlRepository(h.s.sql, h.s.shopId).putSetting(TILL_SETTINGS_KEY, { taxRates: [20, 5], defaultTaxRate: 20, pricesIncludeTax: false });
	}, 60_000);
	afterAll(async () => h.s?.close());

	it('adds the tax on top, and its own rates and default apply', async () => {
		expect(await ok(h.admin, 'POST', '/products', { sku: 'UK-1', name: 'Tea', unit_price: '10' })).toMatchObject({ tax_rate: 20, tax_rate_default: true });
		expect((await h.s.inject({ method: 'POST', url: '/api/v1/products', headers: { authorization: `Bearer ${h.admin}` }, payload: { sku: 'UK-2', name: 'Book', unit_price: 5, tax_rate: 21 } })).statusCode).toBe(400);
		await ok(h.admin, 'POST', '/products', { sku: 'UK-2', name: 'Book', unit_price: 5, tax_rate: 5 });
		const sale = await ok(h.staff, 'POST', '/sales', { lines: [{ sku: 'UK-1', quantity: 1 }, { sku: 'UK-2', quantity: 2 }], payments: [{ method: 'card', amount: '22.50' }], at: '2024-05-06T09:00' });
		expect(sale).toMatchObject({ total: '22.50', tax: '2.50', base: '20.00', lines: [{ total: '12.00', tax_amount: '2.00' }, { total: '10.50', tax_amount: '0.50' }] });
		const day = parseIsoDay('2024-05-06') as DayNumber;
		expect(await new SqlRepository(h.s.sql, h.s.shopId).shopDays(day, day)).toEqual([expect.objectContaining({ revenue: 2000 })]);
	});
});
