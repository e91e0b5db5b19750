// Idempotency-Key for POSTs that create things (a sale): a retried request with the same key and
// the same body gets the first response again, with Idempotent-Replayed: true, and creates nothing.
//
// Reserve, then complete. The first request inserts the key (unique per shop) with status 0 before
// doing the work; concurrent duplicates lose that insert and wait for the winner's stored response.
// Just before it commits, the work marks the reservation with what it will be known by (the
// invoice of the sale). The work itself is one transaction (the repository's appendSales), so
// after a crash between the work and the completion the marker says whether it committed:
// `recover` rebuilds the response from what was stored, or, once the reservation is old enough to
// be abandoned, a retry does the work again.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SqlDatabase } from '../sql/database';
import { HttpProblem } from './problem';

/** Status of a reservation whose work has not finished. */
const PENDING = 0;
/** A reservation this old is taken over by a retry (its request died). */
export const ABANDONED_AFTER_MS = 30_000;
/** How long a duplicate waits for the first request to finish before answering 409. */
const WAIT_MS = 10_000;
const POLL_MS = 15;
/** Keys are kept this long; a retry after that is a new request. */
export const KEPT_FOR_MS = 24 * 60 * 60_000;
/** One reservation in this many also clears the expired keys (of every shop: the index is on created_at). */
const PRUNE_ONE_IN = 100;

export interface Outcome<T> { status: number; body: T }

export interface IdempotentWork<T> {
	/**
	 * Does the work, calling `mark` with what it will be known by (the invoice) before it commits.
	 * Throwing before it stores anything frees the key again.
	 */
	run(mark: (marker: string) => Promise<void>): Promise<Outcome<T>>;
	/** The outcome of a run under this marker that committed but was never completed; null when it did not commit. */
	recover(marker: string): Promise<Outcome<T> | null>;
}

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

const inProgress = (key: string) => new HttpProblem(409, 'idempotency-key-in-progress', 'Request in progress',
	`a request with the Idempotency-Key "${key}" is still being processed: retry in a moment`,
	[{ field: 'header.idempotency-key', reason: 'in progress' }], { 'retry-after': '1' });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `work` once per (shop, key): answers with its outcome, or with the stored outcome of an
 * earlier request with the same key and body. Without a key the work simply runs.
 */
export async function idempotent<T>(
	sql: SqlDatabase, shopId: string, request: FastifyRequest, reply: FastifyReply, work: IdempotentWork<T>
): Promise<T> {
	const header = request.headers['idempotency-key'];
	const key = Array.isArray(header) ? header[0] : header;
	if (key === undefined || key === '') {
		const outcome = await work.run(async () => {});
		reply.code(outcome.status);
		return outcome.body;
	}
	const print = fingerprint(request.method, request.routeOptions.url ?? request.url, request.body);
	const db = sql.db;
	const keyRow = () => db.selectFrom('idempotency_keys').selectAll().where('shop_id', '=', shopId).where('key', '=', key).executeTakeFirst();
	const complete = (o: Outcome<T>) => db.updateTable('idempotency_keys').set({ status: o.status, response: JSON.stringify(o.body) })
		.where('shop_id', '=', shopId).where('key', '=', key).execute();
	const send = (o: Outcome<T>, replayed: boolean) => {
		if (replayed) reply.header('idempotent-replayed', 'true');
		reply.code(o.status);
		return o.body;
	};
	const runReserved = async (): Promise<T> => {
		let marker: string | undefined;
		const mark = async (m: string) => {
			marker = m;
			await db.updateTable('idempotency_keys').set({ response: JSON.stringify({ marker: m }) })
				.where('shop_id', '=', shopId).where('key', '=', key).where('status', '=', PENDING).execute();
		};
		let outcome: Outcome<T>;
		try {
			outcome = await work.run(mark);
		} catch (e) {
			// A refusal (a problem) stored nothing; anything else may have failed after the commit: the marker finds it.
			const stored = marker === undefined || e instanceof HttpProblem ? null : await work.recover(marker).catch(() => null);
			if (stored) {
				await complete(stored);
				return send(stored, false);
			}
			await db.deleteFrom('idempotency_keys').where('shop_id', '=', shopId).where('key', '=', key).where('status', '=', PENDING).execute();
			throw e;
		}
		await complete(outcome);
		return send(outcome, false);
	};

	const inserted = await db.insertInto('idempotency_keys')
		.values({ shop_id: shopId, key, request: print, status: PENDING, response: '', created_at: Date.now() })
		.onConflict((oc) => oc.columns(['shop_id', 'key']).doNothing())
		.executeTakeFirst();
	if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
		if (Math.random() < 1 / PRUNE_ONE_IN) await db.deleteFrom('idempotency_keys').where('created_at', '<', Date.now() - KEPT_FOR_MS).execute();
		return runReserved();
	}

	const waitUntil = Date.now() + WAIT_MS;
	for (;;) {
		const row = await keyRow();
		if (!row) {
			// The first request failed and freed the key: this one goes ahead as if it were first.
			return idempotent(sql, shopId, request, reply, work);
		}
		if (row.request !== print) throw mismatch(key);
		if (row.status !== PENDING) return send({ status: row.status, body: JSON.parse(row.response) as T }, true);
		if (Date.now() - row.created_at > ABANDONED_AFTER_MS) {
			// The first request died: what it committed is answered, or the work is done now.
			const marker = row.response ? (JSON.parse(row.response) as { marker?: string }).marker : undefined;
			const stored = marker === undefined ? null : await work.recover(marker);
			if (stored) {
				await complete(stored);
				return send(stored, true);
			}
			const taken = await db.updateTable('idempotency_keys').set({ created_at: Date.now() })
				.where('shop_id', '=', shopId).where('key', '=', key).where('status', '=', PENDING).where('created_at', '=', row.created_at)
				.executeTakeFirst();
			if (Number(taken.numUpdatedRows) === 1) return runReserved();
			continue;
		}
		if (Date.now() > waitUntil) throw inProgress(key);
		await sleep(POLL_MS);
	}
}
