// The web app manifest, kept in code so the build and tests read the same one.
import type { ManifestOptions } from 'vite-plugin-pwa';

export const manifest: Partial<ManifestOptions> = {
	id: '/',
	name: 'Smart Inventory — Inventario inteligente',
	short_name: 'Inventario',
	description: 'Inventario, ventas y previsión de demanda para tiendas pequeñas, sin conexión. / Inventory, sales and demand forecasting for small shops, offline.',
	lang: 'es',
	start_url: '/',
	scope: '/',
	display: 'standalone',
	orientation: 'any',
	background_color: '#f6f4ef',
	theme_color: '#1f5f5b',
	categories: ['business', 'productivity'],
	icons: [
		{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
		{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
		{ src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
	]
};
