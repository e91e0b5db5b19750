// A real shop server for the browser tests, as the README starts one: `inventario` commands on a
// throwaway SQLite file (users, sample data), then `inventario serve` on a port of the test's own.
import { expect } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const inventario = (args: string[], input?: string) =>
	spawnSync(process.execPath, ['bin/inventario.mjs', ...args], { input, encoding: 'utf8' });

export interface ShopServer {
	base: string;
	db: string;
	/** What `inventario serve` printed up to "API docs:". */
	printed: string;
	stop(): Promise<void>;
}

/** Runs `prepare(db)` (the setup commands), then serves that file; stop() ends it and deletes the folder. */
export async function startShopServer(port: number, prepare: (db: string) => void): Promise<ShopServer> {
	const dir = mkdtempSync(join(tmpdir(), 'shop-server-'));
	const db = join(dir, 'shop.db');
	prepare(db);
	const server: ChildProcess = spawn(process.execPath, ['bin/inventario.mjs', 'serve', '--port', String(port), '--db', db], { stdio: ['ignore', 'pipe', 'inherit'] });
	const printed = await new Promise<string>((resolve, reject) => {
		let out = '';
		server.stdout!.on('data', (chunk) => {
			out += chunk;
			if (out.includes('API docs:')) resolve(out);
		});
		server.once('exit', (code) => reject(new Error(`inventario serve exited with ${code}: ${out}`)));
	});
	return {
		base: `http://127.0.0.1:${port}`,
		db,
		printed,
		async stop() {
			if (server.exitCode === null) {
				const exited = new Promise((resolve) => server.once('exit', resolve));
				server.kill('SIGTERM');
				await exited;
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** `inventario user add NAME --role ROLE` with the password on stdin. */
export function addUser(db: string, name: string, role: 'admin' | 'staff', password: string) {
	const user = inventario(['user', 'add', name, '--role', role, '--password-stdin', '--db', db], `${password}\n`);
	expect(user.status, user.stderr).toBe(0);
}
