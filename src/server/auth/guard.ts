// Access control for every route: a route is public, staff (any member of the shop) or admin, as
// its config says; a route that says nothing is admin only, so a forgotten line denies, never
// grants. The token names the shop, so every query the route makes is scoped to it.
import type { FastifyInstance } from 'fastify';
import { forbidden } from '../problem';

export function installAccessGuard(app: FastifyInstance) {
	app.decorateRequest('auth', null);
	app.addHook('onRequest', async (request) => {
		const access = request.routeOptions.config?.access ?? 'admin';
		// Only API routes are guarded: the app's files, /healthz and unknown URLs (404) are not.
		if (access === 'public' || !request.routeOptions.url?.startsWith('/api/')) return;
		const auth = await app.ctx.auth.authenticate(request.headers.authorization);
		if (access === 'admin' && auth.role !== 'admin') throw forbidden(`only the shop's admins may ${request.method} ${request.routeOptions.url}`);
		request.auth = auth;
	});
}
