// UUID v4 from getRandomValues: crypto.randomUUID exists only in secure contexts,
// and a tablet may reach a LAN server over plain http.
import type { Uuid } from './brand';

const hex: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function newId(): Uuid {
	const b = new Uint8Array(16);
	crypto.getRandomValues(b);
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	let s = '';
	for (let i = 0; i < 16; i++) {
		s += hex[b[i]];
		if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
	}
	return s as Uuid;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const isUuid = (s: unknown): s is Uuid => typeof s === 'string' && uuidPattern.test(s);
