import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { manifest } from './src/pwa-manifest';
import { messagesByLanguage } from './scripts/vite-plugin-messages';
import { zxingWithoutCdn } from './scripts/vite-plugin-zxing-local';

export default defineConfig({
	plugins: [
		messagesByLanguage(),
		zxingWithoutCdn(),
		sveltekit(),
		SvelteKitPWA({
			strategies: 'generateSW',
			// A prompt, never a silent skipWaiting: a reload in the middle of a sale loses the ticket.
			registerType: 'prompt',
			// Absolute, so a deep link such as /products/ABC registers /sw.js, not /products/sw.js.
			base: '/',
			scope: '/',
			injectRegister: false,
			manifest,
			workbox: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff2,wasm}', 'prerendered/**/*.{html,json}'],
				// Deep links that were not prerendered (a product's page) fall back to the app shell.
				navigateFallback: '/200.html',
				navigateFallbackDenylist: [/^\/api\//, /\/demo\//],
				maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
				cleanupOutdatedCaches: true,
				runtimeCaching: [
					{
						// The demo bundle is large and optional: cached the first time it is used.
						urlPattern: ({ url }) => url.pathname.startsWith('/demo/'),
						handler: 'CacheFirst',
						options: { cacheName: 'demo-data' }
					}
				]
			},
			kit: { includeVersionFile: true, adapterFallback: '200.html', spa: true }
		})
	],
	worker: { format: 'es', plugins: () => [zxingWithoutCdn()] },
	// The worker entry files live beside src/, outside the folders SvelteKit lets vite dev serve.
	server: { fs: { allow: ['workers'] } },
	// Pre-bundled up front so the dev server never reloads a page mid-session to optimise them.
	optimizeDeps: { include: ['dexie', 'comlink', 'chart.js', 'workbox-window'] },
	test: {
		include: ['tests/unit/**/*.spec.ts', 'src/**/*.spec.ts', 'workers/**/*.spec.ts'],
		environment: 'node',
		// One PostgreSQL server for the run (the SQL layer's tests on PostgreSQL).
		globalSetup: ['tests/support/global-setup.ts']
	}
});
