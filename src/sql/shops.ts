// Shops: every shop-owned row names one. A store always has the default shop, which the CLI uses.
import { Kysely } from 'kysely';
import { newId } from '../core/ids';
import { nowLocal } from '../core/time';
import type { Db, SqlDatabase } from './database';

/** The shop every store has from its first start; the CLI works on it. */
export const DEFAULT_SHOP_CODE = 'main';

export interface ShopRef {
	id: string;
	code: string;
	name: string;
}

const dbOf = (sql: SqlDatabase | Db): Db => (sql instanceof Kysely ? sql : sql.db);

export async function findShop(sql: SqlDatabase | Db, code: string): Promise<ShopRef | undefined> {
	return dbOf(sql).selectFrom('shops').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
}

/** The shop with this code, made when missing; safe when several instances start at once. */
export async function ensureShop(sql: SqlDatabase | Db, code: string, name = code): Promise<ShopRef> {
	const db = dbOf(sql);
	const found = await findShop(db, code);
	if (found) return found;
	await db.insertInto('shops').values({ id: newId(), code, name, created_at: nowLocal(), change_seq: 0, sync_epoch: newId(), sync_role: 'device' })
		.onConflict((oc) => oc.column('code').doNothing()).execute();
	const made = await findShop(db, code);
	if (!made) throw new Error(`shop "${code}" could not be made`);
	// A store's device id from its creation: what names it to a server it syncs with.
	await db.insertInto('settings').values({ shop_id: made.id, key: 'deviceId', value: JSON.stringify(newId()) })
		.onConflict((oc) => oc.columns(['shop_id', 'key']).doNothing()).execute();
	return made;
}
