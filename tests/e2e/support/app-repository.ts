// Gives a browser test the app's own repository in the page (see seed-entry.ts), bundled from the
// app's sources with esbuild (Vite's own), so seeded data is stored exactly as the app stores it.
import { build } from 'esbuild';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';

let bundled: Promise<string> | null = null;

function bundle(): Promise<string> {
	bundled ??= build({
		entryPoints: [resolve('tests/e2e/support/seed-entry.ts')],
		bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'silent',
		alias: { $core: resolve('src/core'), $lib: resolve('src/lib'), $workers: resolve('workers') }
	}).then((r) => r.outputFiles[0].text);
	return bundled;
}

/** Loads the repository into the open page (an app page, so it is the app's origin and database) as `window.appRepository`. */
export async function withAppRepository(page: Page): Promise<void> {
	await page.addScriptTag({ content: await bundle() });
}
