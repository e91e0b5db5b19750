// The shop's server: one Fastify app that is the REST API (/api/v1, OpenAPI from the zod schemas),
// serves the built PWA at /, and answers /healthz and /readyz. Everything it knows lives in the
// database, so several instances on one PostgreSQL behave as one.
import { becomeServer } from '../sql/sync-log';
import type { SyncPolicy } from './sync/sync-service';
import Fastify, { type FastifyHttpOptions, type FastifyInstance, type RawServerDefault } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql as rawSql } from 'kysely';
import type { SqlDatabase } from '../sql/database';
import { installAccessGuard } from './auth/guard';
import { createAuthService } from './auth/service';
import { DEFAULT_OPTIONS, type Api, type ServerContext, type ServerOptions } from './context';
import { problemMediaTypes } from './openapi-problems';
import { installProblemHandlers } from './problem';
import { API_ROUTES } from './routes';
import { serveApp } from './static-app';

export const API_PREFIX = '/api/v1';

export async function buildServer(sql: SqlDatabase, overrides: Partial<ServerOptions> = {}): Promise<Api> {
	const options: ServerOptions = { ...DEFAULT_OPTIONS, ...overrides };
	// An HTTPS server has another Node type; the API is the same, so it is typed as the HTTP one.
	const app = (Fastify as unknown as (opts: FastifyHttpOptions<RawServerDefault> & { https?: ServerOptions['https'] }) => FastifyInstance)({
		...(options.https ? { https: options.https } : {}),
		logger: options.logger,
		bodyLimit: options.bodyLimitBytes,
		trustProxy: options.trustProxy,
		// Idle keep-alive sockets close at shutdown; requests in flight still finish.
		forceCloseConnections: 'idle',
		return503OnClosing: true
	}).withTypeProvider<ZodTypeProvider>();
	app.setValidatorCompiler(validatorCompiler);
	app.setSerializerCompiler(serializerCompiler);
	// JSON only, so text/plain to a JSON route is a 415 (not a string that fails validation); the
	// import route adds its own parsers in its scope.
	app.removeContentTypeParser('text/plain');

	// Every shop of the database is served: what it holds becomes its sync feed (once).
	for (const shop of await sql.db.selectFrom('shops').select('id').where('sync_role', '<>', 'server').execute()) {
		await sql.db.transaction().execute((trx) => becomeServer(trx, sql.dialect, shop.id));
	}
	const syncPolicy: SyncPolicy = { maxClockAheadMs: options.syncMaxClockAheadMs, now: options.clock, beforeCommit: () => options.syncBeforeCommit?.() };
	const ctx: ServerContext = { sql, options, auth: await createAuthService(sql, options), shuttingDown: false, syncPolicy };
	app.decorate('ctx', ctx);
	installProblemHandlers(app, options.appDir ? await serveApp(app, options.appDir) : null);
	installAccessGuard(app);

	await app.register(fastifySwagger, {
		openapi: {
			openapi: '3.1.0',
			info: { title: 'Smart Inventory API', version: '1.0.0', description: 'The shop server: inventory, sales, stock, purchase orders and analytics. Errors are application/problem+json (RFC 9457).' },
			components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
			security: [{ bearer: [] }]
		},
		transform: jsonSchemaTransform,
		// The schemas named with .meta({ id }) become components, referenced by $ref; errors are problem+json.
		transformObject: (input) => problemMediaTypes(jsonSchemaTransformObject(input) as Record<string, unknown>) as ReturnType<typeof jsonSchemaTransformObject>
	});
	// The docs are public (the guard denies /api/ routes that do not say so); their files are served from here, no CDN.
	await app.register(async (docs) => {
		docs.addHook('onRoute', (route) => {
			route.config = { ...route.config, access: 'public' };
		});
		await docs.register(fastifySwaggerUi, { routePrefix: `${API_PREFIX}/docs`, uiConfig: { url: `${API_PREFIX}/openapi.json` } as never });
	});

	app.get(`${API_PREFIX}/openapi.json`, { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
	app.get('/healthz', { schema: { hide: true }, config: { access: 'public' } }, async () => ({ status: 'ok' }));
	app.get('/readyz', { schema: { hide: true }, config: { access: 'public' } }, async (_request, reply) => {
		if (ctx.shuttingDown) return reply.code(503).send({ status: 'shutting down' });
		try {
			await rawSql`select 1`.execute(sql.db);
			return { status: 'ready' };
		} catch {
			return reply.code(503).send({ status: 'database unreachable' });
		}
	});

	for (const routes of API_ROUTES) await app.register(routes, { prefix: API_PREFIX });
	await app.ready();
	return app;
}
