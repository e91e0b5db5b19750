// Serves the built PWA beside the API, as scripts/serve.mjs does for the static site: the brotli or
// gzip copy the build wrote beside each file (svelte.config.js: precompress; never compressed per
// request), hashed assets cached for a year, the service worker, manifest and HTML revalidated by
// ETag, and the 200.html shell for deep links (a product's page), so the app and its API share one
// origin and one port.
import fastifyStatic from '@fastify/static';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Api } from './context';

export type AppFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | null;

/** Registers the app's files; returns what answers a deep link (null when the app is not built). */
export async function serveApp(app: Api, appDir: string): Promise<AppFallback> {
	const root = path.resolve(appDir);
	const shellFile = path.join(root, '200.html');
	if (!fs.existsSync(path.join(root, 'index.html')) || !fs.existsSync(shellFile)) {
		throw new Error(`no built app in ${root}: run "npm run build" first (or serve the API alone with --no-app)`);
	}
	await app.register(async (scope) => {
		await scope.register(fastifyStatic, {
			root, prefix: '/', wildcard: true, index: ['index.html'], extensions: ['html'], preCompressed: true,
			// @fastify/static 10 hands over the reply, not the raw response.
			setHeaders(reply, file) {
				const immutable = file.includes(`${path.sep}_app${path.sep}immutable${path.sep}`);
				reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
			}
		});
	});
	return (request, reply) => {
		const { pathname } = new URL(request.url, 'http://localhost');
		if (request.method !== 'GET' || pathname.startsWith('/api/') || path.extname(pathname)) return null;
		// Through @fastify/static too: its compressed copy, ETag and 304, no-cache from setHeaders.
		return reply.code(200).sendFile('200.html', root);
	};
}
