// Serves the built app (build/) on localhost, as a static host would: files as they are, the
// 200.html shell for deep links, no caching for the service worker and HTML.
// usage: node scripts/serve.mjs [--port 4173] [--dir build] [--quiet]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const port = Number(opt('--port', process.env.PORT ?? 4173));
const root = path.resolve(opt('--dir', 'build'));
const quiet = args.includes('--quiet');

const TYPES = {
	'.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
	'.json': 'application/json', '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.svg': 'image/svg+xml',
	'.ico': 'image/x-icon', '.wasm': 'application/wasm', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8'
};

if (!fs.existsSync(path.join(root, 'index.html'))) {
	console.error(`No built app in ${root}: run "npm run build" first.`);
	process.exit(1);
}

function resolveFile(urlPath) {
	const clean = path.normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
	let file = path.join(root, clean);
	if (!file.startsWith(root)) return null;
	if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
	if (!fs.existsSync(file) && fs.existsSync(file + '.html')) file += '.html';
	return fs.existsSync(file) ? file : null;
}

const server = http.createServer((req, res) => {
	const { pathname } = new URL(req.url ?? '/', 'http://localhost');
	const file = resolveFile(pathname) ?? (path.extname(pathname) ? null : path.join(root, '200.html'));
	if (!file) {
		res.writeHead(404, { 'content-type': 'text/plain' });
		res.end('Not found');
		return;
	}
	const immutable = pathname.startsWith('/_app/immutable/');
	res.writeHead(200, {
		'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
		'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache'
	});
	fs.createReadStream(file).pipe(res);
});

server.listen(port, '127.0.0.1', () => {
	if (!quiet) console.log(`\n  Smart Inventory is running at  http://localhost:${port}/?demo\n  (Ctrl+C to stop)\n`);
});
