// One language's words as a module of their own. Each messages/<feature>.ts keeps its Spanish and
// English side by side (so a missing translation shows in review); the app loads only the words of
// the language it shows: `virtual:messages/es` at start, `virtual:messages/en` when English is
// chosen. Both together were a third of the first-load JavaScript.
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';
import type { Plugin } from 'vite';

const PREFIX = 'virtual:messages/';
const RESOLVED = `\0${PREFIX}`;
const LANGUAGES = ['es', 'en'];
const PARTS = ['start', 'rest'];
/** The message files (features) the frame, the dashboard and the welcome panel use. */
export const START_FEATURES = ['common', 'dashboard', 'demo', 'forecast', 'health', 'insights', 'sync', 'theme', 'till'];

export function messagesByLanguage(dir = path.resolve('src/lib/i18n/messages')): Plugin {
	const files = () => fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort().map((f) => path.join(dir, f));
	return {
		name: 'messages-by-language',
		resolveId: (id) => (id.startsWith(PREFIX) ? `\0${id}` : undefined),
		load(id) {
			if (!id.startsWith(RESOLVED)) return;
			const [language, part] = id.slice(RESOLVED.length).split('/');
			if (!LANGUAGES.includes(language)) this.error(`no messages for language "${language}"`);
			if (part !== undefined && !PARTS.includes(part)) this.error(`no part "${part}" of the messages (${PARTS.join(', ')})`);
			const inPart = (file: string) => part === undefined || START_FEATURES.includes(path.basename(file, '.ts')) === (part === 'start');
			const words: Record<string, string> = {};
			for (const file of files().filter(inPart)) {
				this.addWatchFile(file);
				// The files are plain object literals: transpiled and evaluated here, nothing imported.
				const { code } = transformSync(fs.readFileSync(file, 'utf8'), { loader: 'ts', format: 'cjs' });
				const module = { exports: {} as Record<string, Record<string, string> | undefined> };
				new Function('module', 'exports', code)(module, module.exports);
				const own = module.exports[language];
				if (!own) this.error(`${path.basename(file)} exports no "${language}" words`);
				Object.assign(words, own);
			}
			return `export default ${JSON.stringify(words)};`;
		},
		handleHotUpdate({ file, server }) {
			if (!file.startsWith(dir)) return;
			for (const id of LANGUAGES.flatMap((l) => [l, ...PARTS.map((p) => `${l}/${p}`)])) {
				const module = server.moduleGraph.getModuleById(`${RESOLVED}${id}`);
				if (module) server.moduleGraph.invalidateModule(module);
			}
			server.ws.send({ type: 'full-reload' });
		}
	};
}
