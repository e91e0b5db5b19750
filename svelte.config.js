import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every page is prerendered; 200.html is the shell for deep links the build could not list
		// (a product's page), served by the static host and by the service worker when offline.
		// precompress: a .br and a .gz beside each text file, so servers never compress per request.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true, precompress: true }),
		alias: { $core: 'src/core', $workers: 'workers' },
		// The first screen's stylesheets (the frame's, the page's: each well under this) go inline in
		// its HTML, so none blocks the first paint; bigger ones stay files, loaded with their page.
		inlineStyleThreshold: 16 * 1024,
		serviceWorker: { register: false }
	}
};

export default config;
