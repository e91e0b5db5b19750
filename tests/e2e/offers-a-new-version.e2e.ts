// A new version is offered, never forced: the page keeps running (a sale in progress survives)
// until the owner taps "Actualizar". Runs on its own copy of the build, so it can publish a
// "new version" without touching the server other tests use.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const PORT = 4175;
let server: ChildProcess;
let dir: string;

test.beforeAll(async () => {
	dir = join(mkdtempSync(join(tmpdir(), 'update-')), 'build');
	cpSync('build', dir, { recursive: true });
	server = spawn('node', ['scripts/serve.mjs', '--port', String(PORT), '--dir', dir, '--quiet'], { stdio: 'inherit' });
	await expect.poll(async () => (await fetch(`http://localhost:${PORT}/`).catch(() => null))?.status, { timeout: 10_000 }).toBe(200);
});

test.afterAll(() => {
	server?.kill();
});

test('offers a new version and only switches when the owner accepts', async ({ page }) => {
	const base = `http://localhost:${PORT}`;
	await page.goto(base + '/sell');
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.reload();
	await page.waitForFunction(() => !!navigator.serviceWorker.controller);
	// Something only this page load has: it would vanish if the app reloaded by itself.
	await page.evaluate(() => ((window as unknown as { ticketInProgress: boolean }).ticketInProgress = true));

	// Publish a new version: a changed service worker script.
	appendFileSync(join(dir, 'sw.js'), '\n// new version\n');
	await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

	await expect(page.getByText('Nueva versión disponible')).toBeVisible({ timeout: 15_000 });
	await page.waitForTimeout(1000);
	expect(await page.evaluate(() => (window as unknown as { ticketInProgress?: boolean }).ticketInProgress)).toBe(true);

	await page.getByRole('button', { name: 'Actualizar' }).click();
	await page.waitForFunction(() => !(window as unknown as { ticketInProgress?: boolean }).ticketInProgress, null, { timeout: 15_000 });
	await expect(page.getByText('Nueva versión disponible')).toBeHidden();
});
