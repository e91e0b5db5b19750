// The server as a whole: the OpenAPI 3.1 document lists every /api/v1 route, the docs are served
// locally, health and readiness, bodies refused before parsing (413), malformed (400) or of the wrong
// type (415), graceful shutdown finishing a request in flight, the built app beside the API, and
// `inventario serve`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args';
import { describeStore, makeServeCommand } from '../../src/cli/commands/serve';
import { buildServer } from '../../src/server/app';
import { createUser } from '../../src/server/auth/accounts';
import type { Api } from '../../src/server/context';
import { startServer } from '../../src/server/serve';
import { openDatabase } from '../../src/sql/open';
import { SqlRepository } from '../../src/sql/sql-repository';
import { expectProblem, testServer, type TestServer } from '../support/server';

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Every route the app has, read from printRoutes' tree: [method, path] with :params. */
function registeredRoutes(app: Api): [string, string][] {
	const routes: [string, string][] = [];
	const stack: string[] = [];
	for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
		const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
		if (!match) continue;
		const depth = match[1].length / 4;
		stack.length = depth;
		stack.push(match[2]);
		const path = stack.join('');
		for (const method of (match[3] ?? '').split(', ')) if (HTTP_METHODS.includes(method)) routes.push([method, path]);
	}
	return routes;
}


describe('OpenAPI and docs', () => {
	let server: TestServer;
	let doc: any;
	beforeAll(async () => {
		server = await testServer('sqlite');
		const response = await server.inject({ method: 'GET', url: '/api/v1/openapi.json' });
		expect(response.statusCode).toBe(200);
		doc = response.json();
	});
	afterAll(() => server.close());

	it('is an OpenAPI 3.1 document with bearer security and its schemas as components', () => {
		expect(doc.openapi).toBe('3.1.0');
		expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
		expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
		for (const id of ['Problem', 'TokenResponse', 'LoginInput', 'User', 'NewUserInput']) expect(doc.components.schemas[id], id).toBeDefined();
	});

	it('lists every /api/v1 route the server has (but its own document and docs)', () => {
		const routes = registeredRoutes(server.app).filter(([, path]) => path.startsWith('/api/v1/') && !path.startsWith('/api/v1/docs') && path !== '/api/v1/openapi.json');
		expect(routes.length).toBeGreaterThanOrEqual(9);
		expect(routes).toContainEqual(['PATCH', '/api/v1/users/:username']);
		const missing = routes.filter(([method, path]) => !doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]);
		expect(missing).toEqual([]);
		expect(Object.keys(doc.paths).filter((p) => p.includes('/docs') || p.endsWith('openapi.json'))).toEqual([]);
	});

	it('every operation answers something documented, names its path parameters, and every $ref resolves', () => {
		const refs: string[] = [];
		JSON.stringify(doc, (key, value) => {
			if (key === '$ref') refs.push(value);
			return value;
		});
		const unresolved = refs.filter((ref) => !ref.startsWith('#/components/schemas/') || !doc.components.schemas[ref.slice('#/components/schemas/'.length)]);
		expect(unresolved).toEqual([]);
		for (const [path, item] of Object.entries<any>(doc.paths)) {
			for (const [method, operation] of Object.entries<any>(item)) {
				expect(Object.keys(operation.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
				expect(operation.summary, `${method} ${path} summary`).toEqual(expect.any(String));
				const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
				const declared = (operation.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name);
				expect(declared.sort(), `${method} ${path} parameters`).toEqual(params.sort());
			}
		}
	});

	it('documents errors as application/problem+json and successes as application/json', () => {
		const statuses: Array<[string, string[]]> = [];
		for (const operations of Object.values(doc.paths) as any[]) {
			for (const op of Object.values(operations) as any[]) {
				for (const [status, response] of Object.entries(op.responses ?? {}) as [string, any][]) {
					if (response.content) statuses.push([status, Object.keys(response.content)]);
				}
			}
		}
		const errors = statuses.filter(([status]) => Number(status) >= 400);
		expect(errors.length).toBeGreaterThan(50);
		expect(errors.filter(([, types]) => types.join() !== 'application/problem+json')).toEqual([]);
		expect(statuses.filter(([status, types]) => Number(status) < 300 && types.includes('application/problem+json'))).toEqual([]);
	});

	it('its schemas are valid JSON Schema 2020-12', () => {
		const ajv = new Ajv2020({ strict: false, validateFormats: false });
		ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
		for (const [id, schema] of Object.entries<object>(doc.components.schemas)) {
			const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));
			expect(() => ajv.compile(rewritten), id).not.toThrow();
		}
	});

	it('the sign-in routes are public in the document; the others need the bearer token', () => {
		expect(doc.security).toEqual([{ bearer: [] }]);
		for (const path of ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout']) expect(doc.paths[path].post.security).toEqual([]);
		expect(doc.paths['/api/v1/users'].get.security).toBeUndefined();
		expect(Object.keys(doc.paths['/api/v1/users'].post.responses).sort()).toEqual(['201', '400', '401', '403', '409', '415']);
	});

	it('/api/v1/docs is browsable without a token and loads nothing from elsewhere', async () => {
		for (const url of ['/api/v1/docs', '/api/v1/docs/']) {
			const page = await server.inject({ method: 'GET', url });
			expect(page.statusCode, url).toBe(200);
			expect(page.headers['content-type']).toMatch(/^text\/html/);
			const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
			expect(sources.length).toBeGreaterThan(0);
			expect(sources.filter((s) => /^(https?:)?\/\//.test(s))).toEqual([]);
			for (const source of sources) {
				const asset = await server.inject({ method: 'GET', url: new URL(source, `http://localhost${url}`).pathname });
				expect(asset.statusCode, source).toBe(200);
			}
		}
		const init = await server.inject({ method: 'GET', url: '/api/v1/docs/static/swagger-initializer.js' });
		expect(init.body).not.toMatch(/https?:\/\/(unpkg|cdn|cdnjs|jsdelivr)/);
		expect(init.body).toMatch(/validatorUrl: null/);
	});
});

describe('health, readiness and bodies', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await testServer('sqlite', { bodyLimitBytes: 256 });
	});
	afterAll(() => server.close());

	it('/healthz and /readyz answer 200; /readyz 503 once shutting down', async () => {
		expect((await server.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
		const ready = await server.inject({ method: 'GET', url: '/readyz' });
		expect(ready.statusCode).toBe(200);
		expect(ready.json()).toEqual({ status: 'ready' });
		server.app.ctx.shuttingDown = true;
		try {
			const draining = await server.inject({ method: 'GET', url: '/readyz' });
			expect(draining.statusCode).toBe(503);
			expect((await server.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
		} finally {
			server.app.ctx.shuttingDown = false;
		}
	});

	it('a body over the limit is 413 before it is parsed (even when it is not JSON at all)', async () => {
		const big = JSON.stringify({ username: 'x'.repeat(400), password: 'y' });
		const body = expectProblem(await server.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: big }), 413);
		expect(body.type).toMatch(/payload-too-large$/);
		expectProblem(await server.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{'.repeat(400) }), 413);
	});

	it('malformed JSON is a 400 problem naming the body', async () => {
		const body = expectProblem(await server.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "a", ' }), 400);
		expect(body.errors[0].field).toBe('body');
		expect(body.errors[0].reason).toMatch(/not valid JSON/);
	});

	it('another content type on a JSON route is a 415 problem', async () => {
		const body = expectProblem(await server.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'username=a' }), 415);
		expect(body.errors).toEqual([{ field: 'header.content-type', reason: 'unsupported' }]);
	});
});

/** A GET over a fresh connection: status and body, or the connection error's code. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		http.get(url, { agent: false, headers }, (response) => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk) => (body += chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
		}).on('error', reject);
	});
}

function refusesConnections(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(true));
	});
}

describe('graceful shutdown', () => {
	it('finishes a request in flight, then refuses new connections', async () => {
		const sql = await openDatabase({ file: ':memory:' });
		await createUser(sql, { username: 'slow', password: 'slow-password', role: 'staff', shopCode: 'main' }, { passwordLogN: 10 });
		const running = await startServer(sql, { port: 0, host: '127.0.0.1' }, { passwordLogN: 10 });
		const port = Number(new URL(running.url).port);
		const token = (await running.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'slow', password: 'slow-password' } })).json().access_token;

		// The request waits inside the guard until the test lets it go.
		const real = running.app.ctx.auth;
		let entered!: () => void;
		const inside = new Promise<void>((resolve) => (entered = resolve));
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		running.app.ctx.auth = { ...real, async authenticate(header) {
			entered();
			await gate;
			return real.authenticate(header);
		} };

		const inFlight = get(`${running.url}/api/v1/auth/me`, { authorization: `Bearer ${token}` });
		await inside;
		const stopping = running.stop();
		expect(running.app.ctx.shuttingDown).toBe(true);
		let refused = false;
		for (let i = 0; i < 50 && !refused; i++) {
			refused = await refusesConnections(port);
			if (!refused) await new Promise((r) => setTimeout(r, 20));
		}
		expect(refused).toBe(true);
		release();
		const answer = await inFlight;
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body)).toMatchObject({ username: 'slow', shop: 'main' });
		await stopping;
	});
});

describe('the built app beside the API', () => {
	let dir: string;
	let sql: Awaited<ReturnType<typeof openDatabase>>;
	let app: Api;
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'built-app-'));
		writeFileSync(join(dir, 'index.html'), '<!doctype html><title>index</title>');
		writeFileSync(join(dir, '200.html'), '<!doctype html><title>shell</title>');
		mkdirSync(join(dir, '_app', 'immutable'), { recursive: true });
		writeFileSync(join(dir, '_app', 'immutable', 'app.abc123.js'), 'console.log(1)');
		writeFileSync(join(dir, 'sw.js'), 'self.x = 1');
		sql = await openDatabase({ file: ':memory:' });
		app = await buildServer(sql, { passwordLogN: 10, appDir: dir });
	});
	afterAll(async () => {
		await app.close();
		await sql.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('GET / is the index page', async () => {
		const page = await app.inject({ method: 'GET', url: '/' });
		expect(page.statusCode).toBe(200);
		expect(page.headers['content-type']).toMatch(/^text\/html/);
		expect(page.body).toContain('<title>index</title>');
	});

	it('a deep link gets the 200.html shell', async () => {
		const page = await app.inject({ method: 'GET', url: '/products/ABC' });
		expect(page.statusCode).toBe(200);
		expect(page.body).toContain('<title>shell</title>');
		expect(page.headers['cache-control']).toBe('no-cache');
	});

	it('files are served, hashed assets cached for a year and the service worker never', async () => {
		const asset = await app.inject({ method: 'GET', url: '/_app/immutable/app.abc123.js' });
		expect(asset.statusCode).toBe(200);
		expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
		expect((await app.inject({ method: 'GET', url: '/sw.js' })).headers['cache-control']).toBe('no-cache');
	});

	it('unknown API routes and missing files are problems, not the shell', async () => {
		expectProblem(await app.inject({ method: 'GET', url: '/api/v1/nothing' }), 404);
		expectProblem(await app.inject({ method: 'GET', url: '/missing.js' }), 404);
		expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
	});

	it('a directory without a built app is refused with what to do', async () => {
		await expect(buildServer(sql, { appDir: join(dir, '_app') })).rejects.toThrow(/npm run build/);
	});
});

describe('inventario serve', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'serve-cli-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('prints the URL it serves, the docs, the store and how to make the first admin; then stops', async () => {
		const file = join(dir, 'shop.db');
		const repo = await SqlRepository.open(file);
		const lines: string[] = [];
		let health: { status: number; body: string } | null = null;
		const command = makeServeCommand({
			env: {}, appDir: join(dir, 'no-build'),
			async wait(server) {
				health = await get(`${server.url}/healthz`);
				await server.stop();
			}
		});
		expect(await command.run(repo, ['--port', '0', '--db', file], (l) => lines.push(l))).toBe(0);
		expect(lines[0]).toMatch(/^The app is not built .*serving the API alone/);
		expect(lines[1]).toMatch(/^Smart Inventory server at http:\/\/127\.0\.0\.1:\d+$/);
		const url = lines[1].slice('Smart Inventory server at '.length);
		expect(lines).toContain(`  API docs:  ${url}/api/v1/docs`);
		expect(lines).toContain(`  Database:  SQLite file ${file}`);
		expect(lines.slice(-1)[0]).toBe('  inventario user add NAME --role admin');
		expect(health).toEqual({ status: 200, body: '{"status":"ok"}' });
	});

	it('serves the built app when there is one; with --no-app it does not', async () => {
		const built = join(dir, 'build');
		mkdirSync(built, { recursive: true });
		writeFileSync(join(built, 'index.html'), '<title>index</title>');
		writeFileSync(join(built, '200.html'), '<title>shell</title>');
		for (const noApp of [false, true]) {
			const repo = await SqlRepository.open(join(dir, 'shop.db'));
			const lines: string[] = [];
			let page: { status: number; body: string } | null = null;
			const command = makeServeCommand({
				env: {}, appDir: built,
				async wait(server) {
					page = await get(`${server.url}/products/X`);
					await server.stop();
				}
			});
			expect(await command.run(repo, ['--port', '0', ...(noApp ? ['--no-app'] : [])], (l) => lines.push(l))).toBe(0);
			expect(page!.status).toBe(noApp ? 404 : 200);
			expect(lines.some((l) => l.startsWith('  App:'))).toBe(!noApp);
		}
	});

	it('refuses bad options as usage errors', async () => {
		const repo = await SqlRepository.open(join(dir, 'other.db'));
		try {
			const command = makeServeCommand({ env: {}, wait: async (server) => server.stop() });
			await expect(command.run(repo, ['--port', 'eighty'], () => {})).rejects.toThrow(UsageError);
			await expect(command.run(repo, ['--port', '70000'], () => {})).rejects.toThrow(UsageError);
			await expect(command.run(repo, ['--tls-cert', 'cert.pem'], () => {})).rejects.toThrow(/go together/);
			await expect(command.run(repo, ['extra'], () => {})).rejects.toThrow(UsageError);
		} finally {
			await repo.close();
		}
	});

	it('names PostgreSQL without its password when DATABASE_URL is set', () => {
		expect(describeStore({ DATABASE_URL: 'postgres://shop:secret@db.local:5433/inventory' }, './inventario.db')).toBe('PostgreSQL db.local:5433/inventory (DATABASE_URL)');
		expect(describeStore({}, 'postgresql://u:pw@localhost/shop')).toBe('PostgreSQL localhost/shop (--db)');
		expect(describeStore({}, '/tmp/x.db')).toBe('SQLite file /tmp/x.db');
	});
});
