// Serves the built app (build/) on localhost, as a good static host would (scripts/static-files.mjs):
// compressed (brotli/gzip), hashed assets cached for a year, HTML, manifest and service worker
// revalidated by ETag, and the 200.html shell for deep links.
// usage: node scripts/serve.mjs [--port 4173] [--dir build] [--quiet]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { staticFiles } from './static-files.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const port = Number(opt('--port', process.env.PORT ?? 4173));
const root = path.resolve(opt('--dir', 'build'));
const quiet = args.includes('--quiet');

if (!fs.existsSync(path.join(root, 'index.html')) || !fs.existsSync(path.join(root, '200.html'))) {
	console.error(`No built app in ${root}: run "npm run build" first.`);
	process.exit(1);
}

const server = http.createServer(staticFiles(root));

server.listen(port, '127.0.0.1', () => {
	if (!quiet) console.log(`\n  Smart Inventory is running at  http://localhost:${port}/?demo\n  (Ctrl+C to stop)\n`);
});
