// Browser tests in Debian's Chromium (Playwright cannot download browsers here) against the built
// app served as a static site, with a real service worker and real IndexedDB.
import { defineConfig } from '@playwright/test';

// E2E_PORT lets several copies of the app run their tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4174);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: true,
	workers: 2,
	retries: process.env.CI ? 1 : 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	outputDir: 'test-results',
	use: {
		baseURL: `http://localhost:${PORT}`,
		viewport: { width: 768, height: 1024 },
		serviceWorkers: 'allow',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		}
	},
	// Tablet portrait for every flow; the flows of the dashboard, scanning, printing, themes and
	// polish also at a laptop's 1280x800 (the layouts that change with width).
	projects: [
		{ name: 'tablet', use: { viewport: { width: 768, height: 1024 } } },
		{
			name: 'desktop',
			use: { viewport: { width: 1280, height: 800 } },
			testMatch: ['**/uses-the-dashboard.e2e.ts', '**/scans-with-the-camera.e2e.ts', '**/prints-orders-sheets-and-labels.e2e.ts', '**/switches-theme.e2e.ts', '**/polish.e2e.ts']
		}
	],
	webServer: {
		command: `node scripts/serve.mjs --port ${PORT} --quiet`,
		url: `http://localhost:${PORT}/`,
		reuseExistingServer: false,
		timeout: 30_000
	}
});
