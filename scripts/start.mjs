// `npm start`: builds the app and serves it on localhost. The printed URL ends in ?demo, which
// loads the bundled sample shop the first time (into an empty store only).
import { spawnSync } from 'node:child_process';

const build = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await import('./serve.mjs');
