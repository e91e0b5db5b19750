#!/usr/bin/env node
// The `inventario` command: runs the TypeScript CLI (src/cli) with the same core as the app.
import { register } from 'tsx/esm/api';

register();
// Output piped into `head` and closed early is not an error.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); else throw e; });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
