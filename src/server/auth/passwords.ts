// Password hashing with scrypt (node:crypto), asynchronous so a login never blocks the event loop.
// Stored as scrypt$logN$r$p$salt$hash (salt and hash base64url): the cost travels with the hash, so
// raising the cost later still verifies the old ones.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) => scryptCallback(password, salt, keyLength, options, (e, key) => (e ? reject(e) : resolve(key))));
}

/** scrypt needs 128·N·r·p bytes; node refuses above maxmem (32 MiB by default), so leave room. */
const costOptions = (logN: number, r: number, p: number): ScryptOptions => ({ N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r * p });

export async function hashPassword(password: string, logN: number): Promise<string> {
	if (!Number.isInteger(logN) || logN < 1 || logN > 24) throw new Error(`scrypt cost logN must be an integer from 1 to 24, got ${logN}`);
	const salt = randomBytes(SALT_BYTES);
	const key = await scrypt(password, salt, KEY_BYTES, costOptions(logN, R, P));
	return ['scrypt', logN, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `stored`; false for a wrong password or a hash it cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
	const [logN, r, p] = parts.slice(1, 4).map(Number);
	const salt = Buffer.from(parts[4], 'base64url');
	const expected = Buffer.from(parts[5], 'base64url');
	if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0) || logN > 24 || expected.length === 0) return false;
	const key = await scrypt(password, salt, expected.length, costOptions(logN, r, p));
	return timingSafeEqual(key, expected);
}

/**
 * A hash of a random password at the server's cost: a login for an unknown user is verified against
 * it, so it takes as long as a wrong password for a real one (no user enumeration by timing).
 */
export function decoyHash(logN: number): Promise<string> {
	return hashPassword(randomBytes(18).toString('base64url'), logN);
}
