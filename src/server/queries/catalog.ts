// Finding the shop's records by the codes the API names them by (SKU, supplier name, customer
// code), with the 400/404 problems that name what was not found. Reads that the repository has
// no method for are Kysely queries here, always filtered by the caller's shop.
import type { CustomerId, ProductId, SupplierId } from '../../core/brand';
import type { Customer, Product, Supplier } from '../../core/types';
import { inChunks, keysPerStatement } from '../../sql/batch';
import type { SqlDatabase } from '../../sql/database';
import { customerOf, productOf } from '../../sql/rows';
import type { SqlRepository } from '../../sql/sql-repository';
import { invalid, notFound } from '../problem';

/** The shop's handle for queries: the database and the caller's shop. */
export interface ShopScope {
	sql: SqlDatabase;
	shopId: string;
}

export async function productBySku(repo: SqlRepository, sku: string): Promise<Product> {
	const product = await repo.getProductBySku(sku);
	if (!product) throw notFound('product', sku);
	return product;
}

/** Products by SKU in as few queries as the parameter limit allows (a count may name thousands). */
export async function productsBySkus({ sql, shopId }: ShopScope, skus: readonly string[]): Promise<Map<string, Product>> {
	const out = new Map<string, Product>();
	for (const piece of inChunks([...new Set(skus)], keysPerStatement(sql.dialect))) {
		const rows = await sql.db.selectFrom('products').selectAll().where('shop_id', '=', shopId).where('sku', 'in', piece).execute();
		for (const r of rows) out.set(r.sku, productOf(r));
	}
	return out;
}

/** The products named by a request's lines; an unknown SKU is a 400 naming its line. */
export async function lineProducts(scope: ShopScope, lines: readonly { sku: string }[], list = 'lines'): Promise<Product[]> {
	const found = await productsBySkus(scope, lines.map((l) => l.sku));
	return lines.map((l, i) => {
		const p = found.get(l.sku);
		if (!p) throw invalid(`body.${list}.${i}.sku`, `no product with SKU "${l.sku}"`);
		return p;
	});
}

/** SKU and name per product id, for showing lines and movements (deleted products show their id's absence as ""). */
export async function productLabels({ sql, shopId }: ShopScope, ids: Iterable<string>): Promise<Map<string, { sku: string; name: string }>> {
	const out = new Map<string, { sku: string; name: string }>();
	for (const piece of inChunks([...new Set(ids)], keysPerStatement(sql.dialect))) {
		const rows = await sql.db.selectFrom('products').select(['id', 'sku', 'name']).where('shop_id', '=', shopId).where('id', 'in', piece).execute();
		for (const r of rows) out.set(r.id, { sku: r.sku, name: r.name });
	}
	return out;
}

/** Supplier names are unique in a shop (the API enforces it); compared without case or surrounding space. */
export const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export async function findSupplier(repo: SqlRepository, name: string): Promise<Supplier | undefined> {
	return (await repo.listSuppliers()).find((s) => sameName(s.name, name));
}

export async function supplierByName(repo: SqlRepository, name: string): Promise<Supplier> {
	const supplier = await findSupplier(repo, name);
	if (!supplier) throw notFound('supplier', name);
	return supplier;
}

/** A supplier named in a body: unknown is a 400 naming the field; null or "" is no supplier. */
export async function supplierField(repo: SqlRepository, name: string | null | undefined, field = 'body.supplier'): Promise<Supplier | null> {
	if (name === null || name === undefined || name.trim() === '') return null;
	const supplier = await findSupplier(repo, name);
	if (!supplier) throw invalid(field, `no supplier named "${name}"`);
	return supplier;
}

export async function supplierNames(repo: SqlRepository): Promise<Map<SupplierId, string>> {
	return new Map((await repo.listSuppliers()).map((s) => [s.id, s.name]));
}

export async function findCustomer({ sql, shopId }: ShopScope, code: string): Promise<Customer | undefined> {
	const row = await sql.db.selectFrom('customers').selectAll().where('shop_id', '=', shopId).where('code', '=', code).executeTakeFirst();
	return row ? customerOf(row) : undefined;
}

export async function customerByCode(scope: ShopScope, code: string): Promise<Customer> {
	const customer = await findCustomer(scope, code);
	if (!customer) throw notFound('customer', code);
	return customer;
}

/** Customer codes per id, for showing sales. */
export async function customerCodes({ sql, shopId }: ShopScope, ids: Iterable<string>): Promise<Map<CustomerId, string>> {
	const out = new Map<CustomerId, string>();
	for (const piece of inChunks([...new Set(ids)], keysPerStatement(sql.dialect))) {
		const rows = await sql.db.selectFrom('customers').select(['id', 'code']).where('shop_id', '=', shopId).where('id', 'in', piece).execute();
		for (const r of rows) out.set(r.id as CustomerId, r.code);
	}
	return out;
}

/** Whether anything in the ledger, the sales or the purchase orders names the product. */
export async function productHasHistory({ sql, shopId }: ShopScope, id: ProductId): Promise<boolean> {
	const db = sql.db;
	const [movement, line, orderLine] = await Promise.all([
		db.selectFrom('movements').select('id').where('shop_id', '=', shopId).where('product_id', '=', id).limit(1).executeTakeFirst(),
		db.selectFrom('sale_lines').select('position').where('shop_id', '=', shopId).where('product_id', '=', id).limit(1).executeTakeFirst(),
		db.selectFrom('purchase_order_lines').select('position').where('shop_id', '=', shopId).where('product_id', '=', id).limit(1).executeTakeFirst()
	]);
	return movement !== undefined || line !== undefined || orderLine !== undefined;
}

/**
 * Deletes a product that nothing refers to, in one transaction that checks again (a sale may have
 * arrived since); false when it has history after all and must be archived instead.
 */
export async function deleteUnusedProduct({ sql, shopId }: ShopScope, id: ProductId): Promise<boolean> {
	return sql.db.transaction().execute(async (tx) => {
		const used = await productHasHistory({ sql: { ...sql, db: tx }, shopId }, id);
		if (used) return false;
		await tx.deleteFrom('stock').where('shop_id', '=', shopId).where('product_id', '=', id).execute();
		await tx.deleteFrom('product_days').where('shop_id', '=', shopId).where('product_id', '=', id).execute();
		await tx.deleteFrom('products').where('shop_id', '=', shopId).where('id', '=', id).execute();
		return true;
	});
}
