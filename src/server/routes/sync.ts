// /api/v1/sync: how the shop's own devices (tablets, the CLI's stores) exchange changes with the
// server (docs/sync.md). Any member of the shop may sync; the token names the shop, so a device
// can never push into another. Bodies are validated record by record by the sync schemas: one bad
// record refuses the whole push, named by its path, and nothing of it is applied.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import compress from '@fastify/compress';
import { z } from 'zod';
import { problems } from '../../core/api/problem';
import { MAX_PUSH_BYTES, PullRequest, PullResponse, PushRequest, PushResponse } from '../../core/api/sync';
import { caller, shopRepository } from '../context';
import { applyPush, readPull } from '../sync/sync-service';

const tags = ['sync'];

const SyncDevice = z.object({
	device_id: z.string(),
	user: z.string().nullable(),
	last_applied: z.number().describe('The last change of the device the server holds'),
	first_seen_at: z.number(),
	last_seen_at: z.number(),
	clock_ahead_ms: z.number().nullable().describe('How far ahead the device\'s clock was when last reported; null when within limits')
}).meta({ id: 'SyncDevice' });

export default async function syncRoutes(scope: FastifyInstance) {
	const app = scope.withTypeProvider<ZodTypeProvider>();

	app.post('/sync/push', {
		config: { access: 'staff' },
		bodyLimit: MAX_PUSH_BYTES,
		schema: {
			tags, summary: 'Send a device\'s numbered changes',
			description: 'Applied in one transaction. Changes the server already holds (a retry, a replay) are skipped; a missing number is refused with 409 sync-gap whose last_applied says where the device must re-send from. A device clock far ahead is reported and its edits are stamped with the server\'s clock.',
			body: PushRequest, response: { 200: PushResponse, ...problems(400, 401, 403, 409, 413, 426) }
		}
	}, async (request) => applyPush(shopRepository(request), request.body, caller(request), request.server.ctx.syncPolicy));

	// A page is megabytes of sale blocks: compressed on the wire (about -60 %), and written without
	// re-validating every line against the response schema (the schema still documents it).
	await app.register(compress, { global: false, threshold: 4096 });
	app.post('/sync/pull', {
		config: { access: 'staff' },
		compress: {},
		serializerCompiler: () => (data) => JSON.stringify(data),
		schema: {
			tags, summary: 'Receive the shop\'s changes after a cursor',
			description: 'A page of the change feed after cursor.seq (cursor null: everything, as sale blocks and current records). reset: true means the server was restored from a backup: re-send what the device holds and pull from null.',
			body: PullRequest, response: { 200: PullResponse, ...problems(400, 401, 403, 409, 426) }
		}
	}, async (request) => readPull(shopRepository(request), request.body, request.server.ctx.syncPolicy));

	app.get('/sync/devices', {
		config: { access: 'admin' },
		schema: { tags, summary: 'The devices that sync with this shop', response: { 200: z.object({ items: z.array(SyncDevice) }), ...problems(401, 403) } }
	}, async (request) => {
		const repo = shopRepository(request);
		const rows = await repo.sql.db.selectFrom('sync_devices').leftJoin('users', 'users.id', 'sync_devices.user_id')
			.select(['device_id', 'users.username', 'last_applied', 'first_seen_at', 'last_seen_at', 'clock_ahead_ms'])
			.where('shop_id', '=', repo.shopId).orderBy('last_seen_at', 'desc').execute();
		return { items: rows.map((r) => ({ device_id: r.device_id, user: r.username ?? null, last_applied: Number(r.last_applied), first_seen_at: Number(r.first_seen_at), last_seen_at: Number(r.last_seen_at), clock_ahead_ms: r.clock_ahead_ms })) };
	});
}
