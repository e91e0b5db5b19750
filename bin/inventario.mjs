#!/usr/bin/env node
// The `inventario` command: runs the TypeScript CLI (src/cli) with the same core as the app.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
