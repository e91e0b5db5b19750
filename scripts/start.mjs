// `npm start`: builds the app, gives the shop server its sample shop the first time (a new
// inventario.db), and starts `inventario serve`: the app, the REST API and its docs on one port.
// The printed URL ends in ?demo, which loads the same sample shop into the tablet's own store.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const PORT = process.env.PORT ?? '4173';
const DB = process.env.INVENTARIO_DB ?? 'inventario.db';
const cli = (...args) => spawnSync(process.execPath, ['bin/inventario.mjs', ...args], { stdio: 'inherit' });

const build = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
if (!process.env.DATABASE_URL && !fs.existsSync(DB)) {
	const demo = cli('demo', '--db', DB);
	if (demo.status !== 0) process.exit(demo.status ?? 1);
}
console.log(`\n  Open the app with the sample shop:  http://localhost:${PORT}/?demo\n`);
const server = spawn(process.execPath, ['bin/inventario.mjs', 'serve', '--port', PORT, '--db', DB], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
