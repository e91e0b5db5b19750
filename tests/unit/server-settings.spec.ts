// The shop's settings over the API: admins read and change them, staff may not, bad values are
// refused naming the field, and each shop keeps its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl } from '../support/sql-databases';
import { expectProblem, testServer, type TestServer } from '../support/server';

const dialects = postgresUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(dialects)('shop settings on %s', (dialect) => {
	let s: TestServer;
	beforeAll(async () => { s = await testServer(dialect); }, 60_000);
	afterAll(async () => s?.close());

	const call = async (role: 'admin' | 'staff', method: 'GET' | 'PATCH', payload?: object, shop?: string) =>
		s.inject({ method, url: '/api/v1/settings', headers: { authorization: `Bearer ${await s.tokenFor(role, shop)}` }, ...(payload ? { payload } : {}) });

	it('starts in Spanish euros and keeps what an admin changes', async () => {
		const first = await call('admin', 'GET');
		expect(first.statusCode).toBe(200);
		expect(first.json()).toEqual({ shop_code: 'main', name: 'main', currency: 'EUR', locale: 'es-ES', language: 'es' });
		const changed = await call('admin', 'PATCH', { name: 'Boutique Lola', currency: 'USD', locale: 'en-US' });
		expect(changed.json()).toEqual({ shop_code: 'main', name: 'Boutique Lola', currency: 'USD', locale: 'en-US', language: 'es' });
		expect((await call('admin', 'GET')).json().name).toBe('Boutique Lola');
	});

	it('refuses bad values naming the field, and unknown fields', async () => {
		const bad = await call('admin', 'PATCH', { currency: 'euros' });
		expectProblem(bad, 400);
		expect(bad.json().errors[0].field).toBe('body.currency');
		expectProblem(await call('admin', 'PATCH', { locale: 'not a locale!' }), 400);
		expectProblem(await call('admin', 'PATCH', { colour: 'red' }), 400);
	});

	it('is for admins only, and each shop has its own', async () => {
		expectProblem(await call('staff', 'GET'), 403);
		expectProblem(await call('staff', 'PATCH', { name: 'x' }), 403);
		const other = await call('admin', 'GET', undefined, 'centro');
		expect(other.json()).toMatchObject({ shop_code: 'centro', currency: 'EUR' });
	});
});
