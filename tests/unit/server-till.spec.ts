// The till's data through the REST API on SQLite and PostgreSQL: products with a tax rate, styles
// with options and their variants (named by SKU, never by id), and sales with tax per line and per
// rate, payments, the cashier and returns that never give back more than the original sale sold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cents, DayNumber, LocalTimestamp, SaleId } from '../../src/core/brand';
import { newId } from '../../src/core/ids';
import { parseIsoDay, parseIsoLocal } from '../../src/core/time';
import type { TillDraft, TillLine } from '../../src/core/till/checkout';
import { chargeTicket } from '../../src/core/till/record';
import { DEFAULT_TILL_SETTINGS, TILL_SETTINGS_KEY } from '../../src/core/till/settings';
import { openShift, shiftKey } from '../../src/core/till/shift';
import { SqlRepository } from '../../src/sql/sql-repository';
import { postgresUrl } from '../support/sql-databases';
import { testServer, type TestServer } from '../support/server';

const at = (text: string) => parseIsoLocal(text) as LocalTimestamp;
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
			expect((await ok(h.staff, 'GET', '/products/CAM')).on_hand).toBe(-1);
			expect((await products('CAM')).find((p) => p.sku === 'CAM')!.on_hand).toBe(-1);
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

	it('shows the tills\' tickets by invoice, series, shift and return, and each shift with its close report', async () => {
		const repo = new SqlRepository(h.s.sql, h.s.shopId);
		await ok(h.admin, 'POST', '/products', { sku: 'TK-1', name: 'Bufanda', unit_price: '20', tax_rate: 21 });
		const product = (await repo.getProductBySku('TK-1'))!;
		const shift = openShift('shift-api', 'tablet-1', 'TAB9', at('2024-06-03 09:00'), 'Ana', 5000 as Cents);
		await repo.putSetting(shiftKey(shift.id), shift);
		const line = (quantity: number, extra: Partial<TillLine> = {}): TillLine => ({ product, quantity, unitPrice: product.unitPrice, discount: null, ...extra });
		const draft = (lines: TillLine[], extra: Partial<TillDraft>): TillDraft => ({
			saleId: newId() as SaleId, at: at('2024-06-03 10:00'), deviceId: 'tablet-1', lines, ticketDiscount: { kind: 'percent', value: 10, reason: 'Amiga' },
			tenders: [{ method: 'cash', amount: 5000 }], customer: null, cashier: 'Ana', approvedBy: '', returnOf: '', returnReason: '', shiftId: shift.id, ...extra
		});
		const charged = await chargeTicket(repo, draft([line(2)], {}), DEFAULT_TILL_SETTINGS, 'TAB9');
		if (!charged.ok) throw new Error(JSON.stringify(charged.errors));
		const sold = charged.ticket;
		const back = await chargeTicket(repo, draft([line(-1, { returnOfLine: 0, unitPrice: 1800 as Cents })], { at: at('2024-06-03 12:00'), ticketDiscount: null, returnOf: sold.invoice, tenders: [{ method: 'cash', amount: 1800 }] }), DEFAULT_TILL_SETTINGS, 'TAB9');
		if (!back.ok) throw new Error(JSON.stringify(back.errors));
		const one = await ok(h.staff, 'GET', `/tickets/${sold.invoice}`);
		expect(one).toMatchObject({
			invoice: 'TAB9-000001', series: 'TAB9', number: 1, at: '2024-06-03T10:00:00', cashier: 'Ana', customer: null, shift: shift.id,
			ticket_discount: { kind: 'percent', value: '10', reason: 'Amiga', amount: '4.00' }, total: '36.00', tax: '6.25', base: '29.75',
			taxes: [{ rate: 21, base: '29.75', tax: '6.25', total: '36.00' }], payments: [{ method: 'cash', amount: '36.00' }], tendered: '50.00', change: '14.00',
			lines: [{ sku: 'TK-1', quantity: 2, unit_price: '20.00', discount: '4.00', tax_rate: 21, tax_amount: '6.25', amount: '36.00', return_of_line: null, restock: true }],
			previous_hash: '0'.repeat(64), hash: sold.hash, return_of: null
		});
		expect(JSON.stringify(one)).not.toContain(product.id);
		expect((await ok(h.staff, 'GET', '/tickets?series=TAB9')).items.map((t: Json) => t.invoice)).toEqual(['TAB9-000002', 'TAB9-000001']);
		expect((await ok(h.staff, 'GET', `/tickets?return_of=${sold.invoice}`)).items.map((t: Json) => [t.invoice, t.total, t.previous_hash])).toEqual([['TAB9-000002', '-18.00', sold.hash]]);
		expect((await ok(h.staff, 'GET', `/tickets?shift=${shift.id}&limit=1`)).items).toHaveLength(1);
		expect((await ok(h.staff, 'GET', '/tickets?from=2024-06-04')).items).toEqual([]);
		expect((await h.s.inject({ method: 'GET', url: '/api/v1/tickets/TAB9-000099', headers: { authorization: `Bearer ${h.staff}` } })).statusCode).toBe(404);
		// The sale of the ticket is in the sales history with its tax and payments.
		expect(await ok(h.staff, 'GET', `/sales/${sold.invoice}`)).toMatchObject({ total: '36.00', tax: '6.25', cashier: 'Ana', payments: [{ method: 'cash', amount: '36.00' }] });
		// The shift: 50.00 float, 36.00 in, 18.00 out.
		const report = await ok(h.admin, 'GET', `/shifts/${shift.id}`);
		expect(report).toMatchObject({
			id: shift.id, series: 'TAB9', opened_by: 'Ana', opening_float: '50.00', closed_at: null,
			report: { tickets: 2, refund_tickets: 1, sales: '36.00', refunds: '18.00', cash_in: '36.00', cash_out: '18.00', expected_cash: '68.00', total: '18.00', by_cashier: [{ cashier: 'Ana', tickets: 2, total: '18.00' }] }
		});
		expect((await ok(h.admin, 'GET', '/shifts')).items.map((x: Json) => x.id)).toEqual([shift.id]);
		expect((await h.s.inject({ method: 'GET', url: '/api/v1/shifts', headers: { authorization: `Bearer ${h.staff}` } })).statusCode).toBe(403);
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
		for (const path of ['/api/v1/tickets', '/api/v1/tickets/{invoice}', '/api/v1/shifts', '/api/v1/shifts/{id}']) expect(doc.paths[path], path).toBeDefined();
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
