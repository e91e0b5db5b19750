// /api/v1/suppliers: suppliers by name (the domain gives them no code, so the name is unique in
// the shop, enforced here with 409). Validation is the core's supplier form; deleting one moves
// its products to another supplier or leaves them without one (core/partner-rules.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
	SupplierCreate, SupplierDeleted, SupplierDeleteQuery, SupplierList, SupplierOut, SupplierParams, SupplierPatch, SupplierQuery,
	SUPPLIER_FIELDS, supplierJson
} from '../../core/api/catalog';
import { fieldErrors } from '../../core/api/common';
import { problems } from '../../core/api/problem';
import { emptySupplierForm, saveSupplier, supplierToForm, type SupplierForm } from '../../core/catalog';
import { buildSearchIndex, productsBySupplier, removeSupplier, searchIndex, sortByText, supplierSearchFields } from '../../core/partner-rules';
import type { Supplier } from '../../core/types';
import { conflict, invalid, notFound } from '../problem';
import { findSupplier, sameName, supplierByName } from '../queries/catalog';
import { rejected, shopOf, type Shop } from '../queries/scope';

const tags = ['suppliers'];

type SupplierFields = z.infer<typeof SupplierPatch>;

function formWith(form: SupplierForm, b: SupplierFields): SupplierForm {
	return {
		name: b.name ?? form.name, contact: b.contact ?? form.contact, email: b.email ?? form.email, phone: b.phone ?? form.phone,
		defaultLeadTimeDays: b.default_lead_time_days === undefined ? form.defaultLeadTimeDays : String(b.default_lead_time_days),
		notes: b.notes ?? form.notes
	};
}

async function productCount(shop: Shop, id: Supplier['id']): Promise<number> {
	return productsBySupplier(await shop.repo.listProducts()).get(id)?.length ?? 0;
}

/** Saves through the core; a name another supplier has is a 409. */
async function save(shop: Shop, b: SupplierFields, existing?: Supplier): Promise<z.infer<typeof SupplierOut>> {
	if (b.name !== undefined) {
		const clash = await findSupplier(shop.repo, b.name);
		if (clash && clash.id !== existing?.id) throw conflict('name', b.name, `another supplier is already called "${clash.name}"`);
	}
	const result = await saveSupplier(shop.repo, formWith(existing ? supplierToForm(existing) : emptySupplierForm(), b), existing);
	if (!result.ok) throw rejected(fieldErrors(result.errors, SUPPLIER_FIELDS));
	return supplierJson(result.value, existing ? await productCount(shop, result.value.id) : 0);
}

export default async function suppliersRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();

	app.get('/suppliers', {
		config: { access: 'staff' },
		schema: { tags, summary: 'Every supplier, by name, with how many products each supplies', querystring: SupplierQuery, response: { 200: SupplierList, ...problems(400, 401, 403) } }
	}, async (request) => {
		const { repo } = shopOf(request);
		const [suppliers, products] = await Promise.all([repo.listSuppliers(), repo.listProducts()]);
		const counts = productsBySupplier(products);
		const found = searchIndex(buildSearchIndex(suppliers, supplierSearchFields), request.query.q ?? '');
		return sortByText(found, (s) => s.name, 'es').map((s) => supplierJson(s, counts.get(s.id)?.length ?? 0));
	});

	app.post('/suppliers', {
		config: { access: 'admin' },
		schema: {
			tags, summary: 'Add a supplier', description: '409 when another supplier has the name (case and surrounding spaces aside).',
			body: SupplierCreate, response: { 201: SupplierOut, ...problems(400, 401, 403, 409, 415) }
		}
	}, async (request, reply) => reply.code(201).send(await save(shopOf(request), request.body)));

	app.get('/suppliers/:name', {
		config: { access: 'staff' },
		schema: { tags, summary: 'One supplier', params: SupplierParams, response: { 200: SupplierOut, ...problems(401, 403, 404) } }
	}, async (request) => {
		const shop = shopOf(request);
		const s = await supplierByName(shop.repo, request.params.name);
		return supplierJson(s, await productCount(shop, s.id));
	});

	app.patch('/suppliers/:name', {
		config: { access: 'admin' },
		schema: { tags, summary: 'Change a supplier', params: SupplierParams, body: SupplierPatch, response: { 200: SupplierOut, ...problems(400, 401, 403, 404, 409, 415) } }
	}, async (request) => {
		const shop = shopOf(request);
		return save(shop, request.body, await supplierByName(shop.repo, request.params.name));
	});

	app.delete('/suppliers/:name', {
		config: { access: 'admin' },
		schema: {
			tags, summary: 'Delete a supplier',
			description: 'Its products move to ?reassign_to=NAME, or are left without a supplier. Purchase orders keep naming it as a deleted supplier.',
			params: SupplierParams, querystring: SupplierDeleteQuery,
			response: { 200: SupplierDeleted, ...problems(400, 401, 403, 404) }
		}
	}, async (request) => {
		const shop = shopOf(request);
		const supplier = await supplierByName(shop.repo, request.params.name);
		const to = request.query.reassign_to;
		const target = to === undefined ? null : await findSupplier(shop.repo, to);
		if (to !== undefined && !target) throw invalid('query.reassign_to', `no supplier named "${to}"`);
		if (target && sameName(target.name, supplier.name)) throw invalid('query.reassign_to', 'cannot move the products to the supplier being deleted');
		const result = await removeSupplier(shop.repo, supplier.id, target ? { action: 'move', to: target.id } : { action: 'unassign' });
		if (!result.ok) throw notFound('supplier', supplier.name);
		return { name: supplier.name, affected_products: result.affectedProducts, reassigned_to: target?.name ?? null };
	});
}
