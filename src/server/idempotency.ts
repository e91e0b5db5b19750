// Idempotency-Key for POSTs that create things (a sale): a retried request with the same key and
// the same body gets the first response again, with Idempotent-Replayed: true, and creates nothing.
//
// One transaction: it inserts the key (unique per shop), does the work and stores the response,
// so a crash leaves either nothing or the key with its work and its response. A concurrent
// duplicate's insert conflicts: on PostgreSQL it waits on the unique key until the first
// transaction ends (its commit shows the stored response; its rollback lets the insert through);
// SQLite runs one write transaction at a time (begin immediate). A refused request (a throw) rolls
// back, which frees the key.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, SqlDatabase } from '../sql/database';
import { HttpProblem } from './problem';

/**
 * Status of a key whose work has not finished. Only the earlier design (reserve, work and complete
 * in separate commits) left such rows behind, when its request died: a retry takes them over.
 */
const PENDING = 0;
/** Keys are kept this long; a retry after that is a new request. */
export const KEPT_FOR_MS = 24 * 60 * 60_000;
/** One reservation in this many also clears the expired keys (of every shop: the index is on created_at). */
const PRUNE_ONE_IN = 100;

export interface Outcome<T> { status: number; body: T }

/** The work, run inside the transaction that holds the key: it reads and writes through `trx` only. */
export type IdempotentWork<T> = (trx: Db) => Promise<Outcome<T>>;

/** JSON with object keys sorted, so the same body always has the same fingerprint. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined)
			.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

export const fingerprint = (method: string, route: string, body: unknown): string =>
	`${method} ${route} ${createHash('sha256').update(canonical(body)).digest('base64url')}`;

const mismatch = (key: string) => new HttpProblem(422, 'idempotency-key-reused', 'Idempotency key reused',
	`the Idempotency-Key "${key}" was used with another request: use a new key for a new request`,
	[{ field: 'header.idempotency-key', reason: 'used with another request' }]);

/**
 * Runs `work` once per (shop, key): answers with its outcome, or with the stored outcome of an
 * earlier request with the same key and body. Without a key the work simply runs.
 */
export async function idempotent<T>(
	sql: SqlDatabase, shopId: string, request: FastifyRequest, reply: FastifyReply, work: IdempotentWork<T>
): Promise<T> {
	const send = (o: Outcome<T>, replayed: boolean) => {
		if (replayed) reply.header('idempotent-replayed', 'true');
		reply.code(o.status);
		return o.body;
	};
	const header = request.headers['idempotency-key'];
	const key = Array.isArray(header) ? header[0] : header;
	if (key === undefined || key === '') return send(await sql.db.transaction().execute(work), false);

	const print = fingerprint(request.method, request.routeOptions.url ?? request.url, request.body);
	const done = await sql.db.transaction().execute(async (trx) => {
		// A pending row (left by the earlier design) with this body is taken over: its request died before it completed.
		const inserted = await trx.insertInto('idempotency_keys')
			.values({ shop_id: shopId, key, request: print, status: PENDING, response: '', created_at: Date.now() })
			.onConflict((oc) => oc.columns(['shop_id', 'key']).doUpdateSet({ created_at: (eb) => eb.ref('excluded.created_at') })
				.where('idempotency_keys.status', '=', PENDING).where('idempotency_keys.request', '=', print))
			.executeTakeFirst();
		if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) {
			const row = await trx.selectFrom('idempotency_keys').select(['request', 'status', 'response'])
				.where('shop_id', '=', shopId).where('key', '=', key).executeTakeFirstOrThrow();
			if (row.request !== print) throw mismatch(key);
			return { outcome: { status: row.status, body: JSON.parse(row.response) as T }, replayed: true };
		}
		const outcome = await work(trx);
		await trx.updateTable('idempotency_keys').set({ status: outcome.status, response: JSON.stringify(outcome.body) })
			.where('shop_id', '=', shopId).where('key', '=', key).execute();
		return { outcome, replayed: false };
	});
	if (!done.replayed && Math.random() < 1 / PRUNE_ONE_IN) {
		await sql.db.deleteFrom('idempotency_keys').where('created_at', '<', Date.now() - KEPT_FOR_MS).execute();
	}
	return send(done.outcome, done.replayed);
}
