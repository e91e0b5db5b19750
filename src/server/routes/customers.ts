// /api/v1/customers: customers by the shop's own code, which the API requires and keeps unique in
// the shop (409). Validation and the duplicate check are the core's customer form (catalog.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { CustomerCreate, CustomerDeleted, CustomerOut, CustomerPage, CustomerParams, CustomerPatch, CustomerQuery, CUSTOMER_FIELDS, customerJson } from '../../core/api/catalog';
import { fieldErrors, pageByCode } from '../../core/api/common';
import { problems } from '../../core/api/problem';
import { customerToForm, emptyCustomerForm, saveCustomer, type CustomerForm } from '../../core/catalog';
import { buildSearchIndex, customerSearchFields, searchIndex } from '../../core/partner-rules';
import type { Customer } from '../../core/types';
import { conflict, invalid } from '../problem';
import { customerByCode } from '../queries/catalog';
import { rejected, shopOf, type Shop } from '../queries/scope';

const tags = ['customers'];

type CustomerFields = z.infer<typeof CustomerPatch>;

const formWith = (form: CustomerForm, b: CustomerFields): CustomerForm =>
	({ code: b.code ?? form.code, name: b.name ?? form.name, email: b.email ?? form.email, phone: b.phone ?? form.phone });

async function save(shop: Shop, b: CustomerFields, existing?: Customer): Promise<z.infer<typeof CustomerOut>> {
	const result = await saveCustomer(shop.repo, formWith(existing ? customerToForm(existing) : emptyCustomerForm(), b), existing);
	if (!result.ok) {
		if (result.errors.code === 'duplicate') throw conflict('code', b.code ?? '', `another customer already has the code "${b.code}"`);
		throw rejected(fieldErrors(result.errors, CUSTOMER_FIELDS));
	}
	return customerJson(result.value);
}

export default async function customersRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();

	app.get('/customers', {
		config: { access: 'staff' },
		schema: {
			tags, summary: 'Customers, a page at a time in code order', querystring: CustomerQuery,
			response: { 200: CustomerPage, ...problems(400, 401, 403) }
		}
	}, async (request) => {
		const { repo } = shopOf(request);
		const { q, cursor, limit } = request.query;
		const found = searchIndex(buildSearchIndex(await repo.listCustomers(), customerSearchFields), q ?? '');
		const page = pageByCode(found.sort((a, b) => a.code.localeCompare(b.code)), (c) => c.code, cursor, limit);
		if (!page) throw invalid('query.cursor', 'not a cursor this API returned');
		return { items: page.items.map(customerJson), next_cursor: page.next_cursor };
	});

	app.post('/customers', {
		config: { access: 'admin' },
		schema: {
			tags, summary: 'Add a customer', description: '409 when another customer has the code.',
			body: CustomerCreate, response: { 201: CustomerOut, ...problems(400, 401, 403, 409, 415) }
		}
	}, async (request, reply) => reply.code(201).send(await save(shopOf(request), request.body)));

	app.get('/customers/:code', {
		config: { access: 'staff' },
		schema: { tags, summary: 'One customer', params: CustomerParams, response: { 200: CustomerOut, ...problems(401, 403, 404) } }
	}, async (request) => customerJson(await customerByCode(shopOf(request), request.params.code)));

	app.patch('/customers/:code', {
		config: { access: 'admin' },
		schema: { tags, summary: 'Change a customer', params: CustomerParams, body: CustomerPatch, response: { 200: CustomerOut, ...problems(400, 401, 403, 404, 409, 415) } }
	}, async (request) => {
		const shop = shopOf(request);
		return save(shop, request.body, await customerByCode(shop, request.params.code));
	});

	app.delete('/customers/:code', {
		config: { access: 'admin' },
		schema: {
			tags, summary: 'Delete a customer', description: 'Their past sales stay, with no customer code.',
			params: CustomerParams, response: { 200: CustomerDeleted, ...problems(401, 403, 404) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const customer = await customerByCode(shop, request.params.code);
		await shop.repo.deleteCustomer(customer.id);
		return { code: customer.code, deleted: true as const };
	});
}
