// The built app's files over HTTP, as a good static host serves them: the brotli or gzip copy the
// build wrote beside each file (svelte.config.js: precompress), else one compressed once and kept in
// memory; hashed assets under /_app/immutable cached for a year, everything else (HTML, manifest,
// service worker, version.json) revalidated on each use with an ETag (304 when unchanged); the
// 200.html shell for deep links. Used by scripts/serve.mjs; tested in tests/unit/static-serving.spec.ts.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** @type {Record<string, string>} */
export const CONTENT_TYPES = {
	'.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.webmanifest': 'application/manifest+json; charset=utf-8',
	'.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.wasm': 'application/wasm', '.woff2': 'font/woff2',
	'.webp': 'image/webp', '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml; charset=utf-8', '.map': 'application/json; charset=utf-8'
};
/** Worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.wasm', '.txt', '.xml', '.map']);
/** Below this a compressed copy saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * 'br', 'gzip' or null: what the client accepts, brotli first (q=0 refuses).
 * @param {string | string[] | undefined} acceptEncoding
 * @returns {'br' | 'gzip' | null}
 */
export function pickEncoding(acceptEncoding) {
	/** @type {Map<string, number>} */
	const accepted = new Map();
	for (const part of String(acceptEncoding ?? '').split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		accepted.set(name, q ? Number(q.slice(2)) : 1);
	}
	const ok = (/** @type {string} */ name) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
	if (ok('br')) return 'br';
	if (ok('gzip')) return 'gzip';
	return null;
}

/** @type {Map<string, { mtimeMs: number, size: number, body: Buffer }>} */
const compressedCache = new Map();
/**
 * Compressed once per file version, then served from memory (builds without precompressed copies).
 * @param {string} file
 * @param {fs.Stats} stat
 * @param {'br' | 'gzip'} encoding
 */
function compressedInMemory(file, stat, encoding) {
	const key = `${file}\0${encoding}`;
	const cached = compressedCache.get(key);
	if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.body;
	const source = fs.readFileSync(file);
	// Quick settings: this runs on a first request, the build's copies are the thorough ones.
	const body = encoding === 'br'
		? zlib.brotliCompressSync(source, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length } })
		: zlib.gzipSync(source, { level: 6 });
	compressedCache.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, body });
	return body;
}

/**
 * A request handler for http.createServer serving the folder `dir`.
 * @param {string} dir
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
 */
export function staticFiles(dir) {
	const root = path.resolve(dir);
	const shell = path.join(root, '200.html');

	/** @param {string} urlPath @returns {{ file: string, stat: fs.Stats } | null} */
	function resolveFile(urlPath) {
		let decoded;
		try {
			decoded = decodeURIComponent(urlPath);
		} catch {
			return null;
		}
		const file = path.join(root, path.normalize(decoded));
		if (file !== root && !file.startsWith(root + path.sep)) return null;
		for (const candidate of [file, path.join(file, 'index.html'), file + '.html']) {
			const stat = fs.statSync(candidate, { throwIfNoEntry: false });
			if (stat?.isFile()) return { file: candidate, stat };
		}
		return null;
	}

	return function handle(req, res) {
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
			res.end('Method not allowed');
			return;
		}
		const { pathname } = new URL(req.url ?? '/', 'http://localhost');
		// A path without an extension is a page: the shell renders it (a product's page, say).
		const found = resolveFile(pathname) ?? (path.extname(pathname) ? null : { file: shell, stat: fs.statSync(shell, { throwIfNoEntry: false }) });
		if (!found?.stat) {
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': REVALIDATE });
			res.end('Not found');
			return;
		}
		const { file, stat } = found;
		const ext = path.extname(file);
		const compressible = COMPRESSIBLE.has(ext) && stat.size >= MIN_COMPRESS_BYTES;
		const encoding = compressible ? pickEncoding(req.headers['accept-encoding']) : null;
		// One ETag per file version and encoding: caches must not hand gzip to a client asking identity.
		const tag = `"${stat.size.toString(36)}-${Math.trunc(stat.mtimeMs).toString(36)}${encoding ? `-${encoding}` : ''}"`;
		/** @type {Record<string, string | number>} */
		const headers = {
			'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
			'cache-control': pathname.startsWith('/_app/immutable/') ? IMMUTABLE : REVALIDATE,
			etag: tag,
			'last-modified': stat.mtime.toUTCString()
		};
		if (compressible) headers.vary = 'Accept-Encoding';
		const ifNoneMatch = req.headers['if-none-match'];
		if (ifNoneMatch && ifNoneMatch.split(',').some((/** @type {string} */ t) => t.trim().replace(/^W\//, '') === tag || t.trim() === '*')) {
			res.writeHead(304, headers);
			res.end();
			return;
		}
		let body = null;
		let bodyFile = file;
		if (encoding) {
			headers['content-encoding'] = encoding;
			const precompressed = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
			const pre = fs.statSync(precompressed, { throwIfNoEntry: false });
			// A copy older than its file is from another build: compressed anew instead.
			if (pre?.isFile() && pre.mtimeMs >= stat.mtimeMs) bodyFile = precompressed;
			else body = compressedInMemory(file, stat, encoding);
		}
		const length = body ? body.length : fs.statSync(bodyFile).size;
		headers['content-length'] = length;
		res.writeHead(200, headers);
		if (req.method === 'HEAD' || length === 0) res.end();
		else if (body) res.end(body);
		// Never past the length announced, even if a new build rewrites the file mid-stream.
		else fs.createReadStream(bodyFile, { start: 0, end: length - 1 }).pipe(res);
	};
}
