// How the built app's files go over the wire, from scripts/serve.mjs (static-files.mjs) and from
// the shop server (src/server/static-app.ts): the build's brotli/gzip copies chosen by
// Accept-Encoding, compression without copies done once, not per request; hashed assets cached for a
// year, HTML, manifest and service worker revalidated; content types; ETag and 304.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickEncoding, staticFiles } from '../../scripts/static-files.mjs';
import { buildServer } from '../../src/server/app';
import type { Api } from '../../src/server/context';
import { openDatabase } from '../../src/sql/open';

const SCRIPT = `console.log(${JSON.stringify('a line of the app '.repeat(200))});\n`;
const MARKED_BROTLI = zlib.brotliCompressSync(Buffer.from(SCRIPT.replace('app', 'BRO')));
const MARKED_GZIP = zlib.gzipSync(Buffer.from(SCRIPT.replace('app', 'GZ')));

/** A small built app. The precompressed copies hold marked text, so a test sees which was sent. */
function makeBuild(): string {
	const dir = mkdtempSync(join(tmpdir(), 'static-serving-'));
	const shell = `<!doctype html><title>shell</title>${'<p>the app shell</p>'.repeat(80)}`;
	writeFileSync(join(dir, 'index.html'), '<!doctype html><title>index</title>');
	writeFileSync(join(dir, '200.html'), shell);
	writeFileSync(join(dir, '200.html.br'), zlib.brotliCompressSync(Buffer.from(shell)));
	writeFileSync(join(dir, '200.html.gz'), zlib.gzipSync(Buffer.from(shell)));
	mkdirSync(join(dir, '_app', 'immutable', 'chunks'), { recursive: true });
	writeFileSync(join(dir, '_app', 'immutable', 'chunks', 'app.abc123.js'), SCRIPT);
	writeFileSync(join(dir, '_app', 'immutable', 'chunks', 'app.abc123.js.br'), MARKED_BROTLI);
	writeFileSync(join(dir, '_app', 'immutable', 'chunks', 'app.abc123.js.gz'), MARKED_GZIP);
	writeFileSync(join(dir, '_app', 'immutable', 'chunks', 'plain.def456.js'), SCRIPT);
	writeFileSync(join(dir, '_app', 'immutable', 'zxing.wasm'), Buffer.alloc(4096, 7));
	writeFileSync(join(dir, 'manifest.webmanifest'), JSON.stringify({ name: 'Inventario', pad: 'x'.repeat(2000) }));
	writeFileSync(join(dir, 'sw.js'), SCRIPT);
	writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
	return dir;
}

interface Got { status: number; headers: http.IncomingHttpHeaders; body: Buffer }
type Get = (url: string, headers?: Record<string, string>) => Promise<Got>;

const decoded = (got: Got): string =>
	(got.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(got.body) : got.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(got.body) : got.body).toString();

/** What both servers must do with the same build. */
function servesTheApp(name: string, start: (dir: string) => Promise<{ get: Get; stop: () => Promise<void> }>) {
	describe(name, () => {
		let dir: string;
		let get: Get;
		let stop: () => Promise<void>;
		beforeAll(async () => {
			dir = makeBuild();
			({ get, stop } = await start(dir));
		});
		afterAll(async () => {
			await stop();
			rmSync(dir, { recursive: true, force: true });
		});

		it("sends the build's brotli copy to a browser that takes it, else its gzip copy, else the file", async () => {
			const brotli = await get('/_app/immutable/chunks/app.abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
			expect(brotli.headers['content-encoding']).toBe('br');
			expect(decoded(brotli)).toContain('a line of the BRO');
			expect(brotli.headers.vary).toMatch(/accept-encoding/i);
			const gzip = await get('/_app/immutable/chunks/app.abc123.js', { 'accept-encoding': 'gzip' });
			expect(gzip.headers['content-encoding']).toBe('gzip');
			expect(decoded(gzip)).toContain('a line of the GZ');
			const identity = await get('/_app/immutable/chunks/app.abc123.js', { 'accept-encoding': 'identity' });
			expect(identity.headers['content-encoding']).toBeUndefined();
			expect(identity.body.toString()).toBe(SCRIPT);
		});

		it('caches hashed assets for a year; HTML, the manifest and the service worker are revalidated', async () => {
			expect((await get('/_app/immutable/chunks/app.abc123.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
			for (const url of ['/', '/index.html', '/products/ABC', '/sw.js', '/manifest.webmanifest']) {
				expect((await get(url)).headers['cache-control'], url).toBe('no-cache');
			}
		});

		it('says what each file is', async () => {
			const types: Record<string, RegExp> = {
				'/': /^text\/html/, '/_app/immutable/chunks/app.abc123.js': /^(text|application)\/javascript/,
				'/_app/immutable/zxing.wasm': /^application\/wasm$/, '/manifest.webmanifest': /^application\/manifest\+json/,
				'/favicon.svg': /^image\/svg\+xml/, '/sw.js': /^(text|application)\/javascript/
			};
			for (const [url, type] of Object.entries(types)) {
				expect((await get(url, { 'accept-encoding': 'br, gzip' })).headers['content-type'], url).toMatch(type);
			}
		});

		it('answers a revalidation with 304 and no body while the file is unchanged, per encoding', async () => {
			for (const encoding of ['br', 'gzip', 'identity']) {
				const first = await get('/sw.js', { 'accept-encoding': encoding });
				expect(first.status).toBe(200);
				const tag = first.headers.etag;
				expect(tag, encoding).toBeTruthy();
				const again = await get('/sw.js', { 'accept-encoding': encoding, 'if-none-match': String(tag) });
				expect(again.status, encoding).toBe(304);
				expect(again.body.length).toBe(0);
			}
			// Other bytes, another tag: a cache never answers one encoding with the other.
			const brTag = (await get('/_app/immutable/chunks/app.abc123.js', { 'accept-encoding': 'br' })).headers.etag;
			const gzipTag = (await get('/_app/immutable/chunks/app.abc123.js', { 'accept-encoding': 'gzip' })).headers.etag;
			const plainTag = (await get('/_app/immutable/chunks/app.abc123.js', { 'accept-encoding': 'identity' })).headers.etag;
			expect(new Set([brTag, gzipTag, plainTag]).size).toBe(3);
			const identityTag = (await get('/sw.js', { 'accept-encoding': 'identity' })).headers.etag;
			// A new build of the file: the old tag no longer matches.
			writeFileSync(join(dir, 'sw.js'), SCRIPT + '// v2\n');
			utimesSync(join(dir, 'sw.js'), new Date(), new Date(Date.now() + 5000));
			expect((await get('/sw.js', { 'accept-encoding': 'identity', 'if-none-match': String(identityTag) })).status).toBe(200);
		});

		it('deep links get the compressed shell; missing files are 404s, not the shell', async () => {
			const shell = await get('/products/ABC', { 'accept-encoding': 'br' });
			expect(shell.status).toBe(200);
			expect(shell.headers['content-type']).toMatch(/^text\/html/);
			expect(shell.headers['content-encoding']).toBe('br');
			expect(decoded(shell)).toContain('<title>shell</title>');
			expect((await get('/missing.js')).status).toBe(404);
		});
	});
}

function request(base: string): Get {
	return (url, headers = {}) => new Promise((resolve, reject) => {
		http.get(base + url, { headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
		}).on('error', reject);
	});
}

servesTheApp('scripts/serve.mjs', async (dir) => {
	const server = http.createServer(staticFiles(dir));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { get: request(`http://127.0.0.1:${port}`), stop: () => new Promise((resolve) => server.close(() => resolve())) };
});

servesTheApp('the shop server (inventario serve)', async (dir) => {
	const sql = await openDatabase({ file: ':memory:' });
	const app: Api = await buildServer(sql, { passwordLogN: 10, appDir: dir });
	const get: Get = async (url, headers = {}) => {
		const res = await app.inject({ method: 'GET', url, headers });
		return { status: res.statusCode, headers: res.headers as http.IncomingHttpHeaders, body: res.rawPayload };
	};
	return { get, stop: async () => { await app.close(); await sql.close(); } };
});

describe('scripts/serve.mjs without precompressed copies', () => {
	let dir: string;
	let get: Get;
	let server: http.Server;
	beforeAll(async () => {
		dir = makeBuild();
		server = http.createServer(staticFiles(dir));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		get = request(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
	});
	afterAll(async () => {
		await new Promise((resolve) => server.close(resolve));
		rmSync(dir, { recursive: true, force: true });
	});

	it('compresses a file once and sends the same bytes after', async () => {
		const first = await get('/_app/immutable/chunks/plain.def456.js', { 'accept-encoding': 'br' });
		expect(first.headers['content-encoding']).toBe('br');
		expect(decoded(first)).toBe(SCRIPT);
		expect(first.body.length).toBeLessThan(SCRIPT.length / 4);
		const second = await get('/_app/immutable/chunks/plain.def456.js', { 'accept-encoding': 'br' });
		expect(second.body.equals(first.body)).toBe(true);
	});

	it('leaves tiny and already compressed files as they are', async () => {
		expect((await get('/favicon.svg', { 'accept-encoding': 'br' })).headers['content-encoding']).toBeUndefined();
	});
});

describe('Accept-Encoding', () => {
	it('prefers brotli, honours q=0 and *', () => {
		expect(pickEncoding('gzip, deflate, br')).toBe('br');
		expect(pickEncoding('gzip')).toBe('gzip');
		expect(pickEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
		expect(pickEncoding('*')).toBe('br');
		expect(pickEncoding('identity')).toBeNull();
		expect(pickEncoding(undefined)).toBeNull();
		expect(pickEncoding('gzip;q=0, *;q=0')).toBeNull();
	});
});
