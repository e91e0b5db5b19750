// The words split by language and, for Spanish, into the first load's part and the rest: the two
// parts are disjoint and together are the whole language, and the start part holds what the frame
// and the dashboard say.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messagesByLanguage, START_FEATURES } from '../../scripts/vite-plugin-messages';

const plugin = messagesByLanguage();
const load = plugin.load as unknown as (this: unknown, id: string) => string | undefined;
const context = { addWatchFile() {}, error(message: string): never { throw new Error(message); } };
const words = (id: string): Record<string, string> => JSON.parse(load.call(context, `\0virtual:messages/${id}`)!.replace(/^export default /, '').replace(/;$/, ''));

describe('messages by language and part', () => {
	it('splits Spanish into a start part and the rest that together are the whole', () => {
		const whole = words('es'), start = words('es/start'), rest = words('es/rest');
		expect(Object.keys(start).filter((k) => k in rest)).toEqual([]);
		expect({ ...start, ...rest }).toEqual(whole);
		expect(start['nav.dashboard']).toBe('Panel');
		expect(start['dashboard.newSale']).toBe('Nueva venta');
		expect(rest['nav.dashboard']).toBeUndefined();
		expect(Object.keys(rest).length).toBeGreaterThan(Object.keys(start).length);
	});

	it('names only features that exist, and refuses an unknown language or part', () => {
		const files = fs.readdirSync('src/lib/i18n/messages').map((f) => f.replace(/\.ts$/, ''));
		expect(START_FEATURES.filter((f) => !files.includes(f))).toEqual([]);
		expect(() => words('fr')).toThrow(/no messages for language "fr"/);
		expect(() => words('es/middle')).toThrow(/no part "middle"/);
	});
});
