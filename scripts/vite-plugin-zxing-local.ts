// zxing-wasm's default `locateFile` points at a CDN (fastly.jsdelivr.net). The app always passes its
// own, the bundled .wasm (src/lib/scan/zxing-reader.ts), but the default's address would still sit
// in the built JavaScript; an app that must work offline ships no CDN address at all. This rewrites
// the default to a relative path (what Emscripten does without one) and fails the build if any CDN
// address is left in either package, e.g. after an upgrade changes how the default is written.
// Used in the worker build (the reader runs in workers/barcode.worker.ts) and the app's.
import type { Plugin } from 'vite';

const PACKAGES = /[\\/]node_modules[\\/](barcode-detector|zxing-wasm)[\\/]/;
/** `https://fastly.jsdelivr.net/npm/zxing-wasm@3.1.3/dist/${folder}/${file}` as the packages write it. */
const CDN_DEFAULT = /`https:\/\/fastly\.jsdelivr\.net\/npm\/zxing-wasm@[^/`]+\/dist\/\$\{[^}]+\}\/\$\{([^}]+)\}`/g;
export const CDN_HOSTS = /jsdelivr|unpkg|cdnjs|fastly|esm\.sh|skypack|jspm\.io/;

export function zxingWithoutCdn(): Plugin {
	return {
		name: 'zxing-without-cdn',
		enforce: 'pre',
		transform(code, id) {
			if (!PACKAGES.test(id) || !CDN_HOSTS.test(code)) return;
			const local = code.replace(CDN_DEFAULT, (_, file: string) => `\`./\${${file}}\``);
			const left = local.match(CDN_HOSTS);
			if (left) this.error(`${id} still names a CDN ("${left[0]}") after its default wasm address was rewritten: update scripts/vite-plugin-zxing-local.ts`);
			return { code: local, map: null };
		}
	};
}
