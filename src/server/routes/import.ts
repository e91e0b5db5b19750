// POST /api/v1/import: a POS sales export as the request body (text/csv, text/plain or
// application/octet-stream), imported by the same engine and with the same options as
// `inventario import` (src/core/import/run-import.ts). The body is never held in memory: it is
// streamed to a temporary file, counting bytes against options.importLimitBytes (413 as soon as
// it is exceeded; a custom parser bypasses Fastify's bodyLimit, which stays small for JSON), then
// read from disk by the engine's passes (UTF-8 check, date column, the import itself).
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql as rawSql } from 'kysely';
import { problems } from '../../core/api/problem';
import { IMPORT_CONTENT_TYPES, ImportQuery, ImportUpload, ImportResult } from '../../core/api/transfer';
import { importResult } from '../../core/import/import-result';
import { importFailure, ImportRequestError, planImport, readOnlyForImport, runImport, storeDeviceId, type ImportOption, type ImportPlan, type OptionSpelling } from '../../core/import/run-import';
import { csvFile } from '../../node/csv-file';
import type { SqlDatabase } from '../../sql/database';
import { caller, shopRepository } from '../context';
import { HttpProblem } from '../problem';

const tags = ['import and export'];

/** Option names as the query string spells them, for the engine's messages. */
const QUERY_SPELLING: OptionSpelling = {
	names: { map: 'map', delimiter: 'delimiter', decimal: 'decimal', dateFormat: 'date_format', exclude: 'exclude' },
	separator: '='
};
const QUERY_FIELD: Record<ImportOption | 'file', string> = {
	map: 'query.map', delimiter: 'query.delimiter', decimal: 'query.decimal', dateFormat: 'query.date_format', exclude: 'query.exclude', file: 'body'
};

const tooLarge = (limit: number) =>
	new HttpProblem(413, 'payload-too-large', 'Request body too large', `an import may be at most ${limit.toLocaleString('en')} bytes`, [{ field: 'body', reason: 'too large' }], { connection: 'close' });

const incomplete = (why: string) =>
	new HttpProblem(400, 'invalid-request', 'The request is not valid', `the upload did not arrive whole: ${why}`, [{ field: 'body', reason: 'incomplete' }]);

/**
 * Writes the upload to `file`, refusing it (413) once it passes `limit` bytes. The request is
 * never destroyed: past the limit its data is discarded, so the client still reads the answer.
 */
function spool(body: Readable, file: string, limit: number): Promise<number> {
	const out = createWriteStream(file);
	let bytes = 0;
	let stopped = false;
	return new Promise<number>((resolve, reject) => {
		const stop = (e: Error | null) => {
			if (stopped) return;
			stopped = true;
			body.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
			if (e === null) out.end(() => resolve(bytes));
			else {
				out.destroy();
				body.resume(); // flowing with no listener: the rest of the body is read and dropped
				reject(e);
			}
		};
		const onData = (chunk: Buffer) => {
			bytes += chunk.length;
			if (bytes > limit) return stop(tooLarge(limit));
			if (!out.write(chunk)) {
				body.pause();
				out.once('drain', () => body.resume());
			}
		};
		const onEnd = () => stop(null);
		const onError = (e: Error) => stop(incomplete(e.message));
		const onClose = () => { if (!body.readableEnded) stop(incomplete('the connection closed')); };
		out.on('error', (e) => stop(e));
		body.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
	});
}

/**
 * One import at a time per shop: a second upload of a file waits, then finds its lines stored
 * (the importer reads the stored line identities when it opens, before it writes). In this
 * instance a queue per shop; across instances on PostgreSQL a session advisory lock on the shop,
 * held on a connection of its own for the whole streamed import (the import's writes go through
 * the pool's other connections) and released with that connection if the instance dies. A SQLite
 * file is not shared by server instances (one process serves it); in memory it cannot be.
 */
function importQueue(sql: SqlDatabase) {
	const running = new Map<string, Promise<unknown>>();
	const acrossInstances = <T>(shopId: string, work: () => Promise<T>): Promise<T> => {
		if (sql.dialect !== 'postgres') return work();
		return sql.db.connection().execute(async (conn) => {
			await rawSql`select pg_advisory_lock(hashtext('inventario.import'), hashtext(${shopId}))`.execute(conn);
			try {
				return await work();
			} finally {
				await rawSql`select pg_advisory_unlock(hashtext('inventario.import'), hashtext(${shopId}))`.execute(conn).catch(() => undefined);
			}
		});
	};
	return <T>(shopId: string, work: () => Promise<T>): Promise<T> => {
		const before = running.get(shopId) ?? Promise.resolve();
		const mine = before.catch(() => {}).then(() => acrossInstances(shopId, work));
		const tail = mine.catch(() => {});
		running.set(shopId, tail);
		void tail.then(() => { if (running.get(shopId) === tail) running.delete(shopId); });
		return mine;
	};
}

export default async function importRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();
	const limit = app.ctx.options.importLimitBytes;
	const oneAtATime = importQueue(app.ctx.sql);

	// In this plugin's scope only: hand the request stream over unread (no string, no buffer).
	app.addContentTypeParser([...IMPORT_CONTENT_TYPES], (_request, payload, done) => done(null, payload));

	app.post('/import', {
		config: { access: 'admin' },
		schema: {
			tags, summary: 'Import a POS sales export (CSV)',
			description: `The request body is the file itself (${IMPORT_CONTENT_TYPES.join(', ')}), up to ${limit.toLocaleString('en')} bytes (413 above it). ` +
				'Encoding, delimiter, decimal mark, date format, header row and columns are detected as `inventario import` does; the query overrides them. ' +
				'Importing the same file again adds nothing (line identities): its lines come back as duplicates. Rejected rows are listed with row, field and reason, ' +
				'and as CSV. 400 when the file cannot be read as sales (no date or product column, dates that fit two formats: say date_format).',
			querystring: ImportQuery,
			body: ImportUpload,
			consumes: [...IMPORT_CONTENT_TYPES],
			response: { 200: ImportResult, ...problems(400, 401, 403, 413, 415, 500, 507) }
		}
	}, async (request) => {
		const me = caller(request);
		const body = request.body as unknown;
		if (!(body instanceof Readable)) {
			throw new HttpProblem(415, 'unsupported-media-type', 'Unsupported content type', `send the file as ${IMPORT_CONTENT_TYPES.join(', ')}`, [{ field: 'header.content-type', reason: 'unsupported' }]);
		}
		const declared = Number(request.headers['content-length']);
		if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
		const q = request.query;
		const source = q.source ?? 'upload.csv';
		const dryRun = q.dry_run ?? false;
		const dir = await mkdtemp(join(tmpdir(), 'inventario-upload-'));
		try {
			const file = join(dir, 'upload.csv');
			await spool(body, file, limit);
			const csv = csvFile(file, source);
			return await oneAtATime(me.shopId, async () => {
				let plan: ImportPlan;
				try {
					plan = await planImport(csv, { map: q.map, delimiter: q.delimiter, decimal: q.decimal, dateFormat: q.date_format, exclude: q.exclude }, QUERY_SPELLING);
				} catch (e) {
					if (!(e instanceof ImportRequestError)) throw e;
					const field = QUERY_FIELD[e.option];
					throw new HttpProblem(400, 'invalid-request', 'The file cannot be imported as it is', e.message, [{ field, reason: e.message }]);
				}
				const shop = shopRepository(request);
				const repo = dryRun ? readOnlyForImport(shop) : shop;
				const run = await runImport(repo, csv, plan, await storeDeviceId(repo));
				const failure = importFailure(run);
				if (failure) {
					const quota = run.summary.error?.code === 'quota';
					request.log.error({ error: run.summary.error, parseError: run.parseError?.message }, 'import stopped');
					throw new HttpProblem(quota ? 507 : 500, quota ? 'insufficient-storage' : 'import-stopped', 'The import stopped part way',
						`${failure} (${run.summary.imported} lines were written)`);
				}
				return importResult(source, dryRun, plan, run);
			});
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
}
