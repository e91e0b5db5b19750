// Where `inventario login` keeps the session: $INVENTARIO_CONFIG_DIR, else
// $XDG_CONFIG_HOME/inventario, else ~/.config/inventario; session.json there, readable by its
// owner alone (file 0600, directory 0700), since it holds the tokens.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Tokens } from '../../client/api-client';

export interface Session extends Tokens {
	server: string;
	username: string;
	/** The shop's code. */
	shop: string;
	role?: string;
}

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
	if (env.INVENTARIO_CONFIG_DIR) return env.INVENTARIO_CONFIG_DIR;
	const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
	return join(base, 'inventario');
}

export const sessionFile = (env: NodeJS.ProcessEnv = process.env) => join(configDir(env), 'session.json');

/** The stored session, or null when there is none (or it cannot be read as one). */
export function readSession(env: NodeJS.ProcessEnv = process.env): Session | null {
	const file = sessionFile(env);
	if (!existsSync(file)) return null;
	try {
		const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<Session>;
		if (typeof s.server !== 'string' || typeof s.access_token !== 'string' || typeof s.refresh_token !== 'string') return null;
		return { username: '', shop: '', expires_at: 0, ...s } as Session;
	} catch {
		return null;
	}
}

/** Writes the session whole (a temporary file renamed over it), owner-only. */
export function writeSession(session: Session, env: NodeJS.ProcessEnv = process.env) {
	const dir = configDir(env);
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	chmodSync(dir, 0o700);
	const file = sessionFile(env);
	const temporary = `${file}.${process.pid}.tmp`;
	writeFileSync(temporary, JSON.stringify(session, null, 2) + '\n', { mode: 0o600 });
	chmodSync(temporary, 0o600);
	renameSync(temporary, file);
}

export function deleteSession(env: NodeJS.ProcessEnv = process.env): boolean {
	const file = sessionFile(env);
	if (!existsSync(file)) return false;
	rmSync(file, { force: true });
	return true;
}
