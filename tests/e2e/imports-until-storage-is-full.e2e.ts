// A tablet whose storage runs out during an import hears "Almacenamiento lleno", not a generic
// AbortError, and what was written before stays. Chromium's storage quota for the app is lowered
// through DevTools (Storage.overrideQuotaForOrigin), as its "simulate storage quota" does.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { open } from './support/shop';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'imports', 'online-retail-200.csv');

/** The 199 real lines repeated under new invoice numbers: about 40,000 lines (4 sale blocks). */
function bigExport(): Buffer {
	const [header, ...lines] = fs.readFileSync(fixture, 'utf8').trim().split('\n');
	const out = [header];
	for (let copy = 0; copy < 200; copy++) for (const line of lines) out.push(line.replace(/^(C?)(\d+)/, (_, c: string, n: string) => `${c}${Number(n) + copy * 10_000}`));
	return Buffer.from(out.join('\n') + '\n');
}

// FIXME: Debian's Chromium 156 (installed here on 2026-11-26) no longer enforces the DevTools quota
// override. Storage.getUsageAndQuota reports `quota: 1500000, overrideActive: true`, yet
// navigator.storage.estimate() in the page still says ~10 GB and IndexedDB writes go past it, whether
// the override is sent before or after navigation, from the page's or the browser's session (probed
// 2026-12-02). The storage-full handling these tests drive is unchanged and unit-tested
// (tests/unit/import-engine.spec.ts); they come back when Chromium honours the override again or another way to fill
// the quota is found.
test.fixme('storage running out stops the import with "storage full" and keeps what was written', async ({ page, baseURL }) => {
	await open(page, '/import');
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 1_500_000 });

	await page.locator('input[type=file]').setInputFiles({ name: 'ventas-grandes.csv', mimeType: 'text/csv', buffer: bigExport() });
	await page.getByLabel(/mes\/día/).check();
	await page.getByRole('button', { name: 'Importar', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Importación terminada' })).toBeVisible({ timeout: 60_000 });

	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Almacenamiento lleno');
	await expect(alert).not.toContainText('AbortError');
	const imported = Number(await page.getByTestId('import-count-imported').locator('dd').innerText().then((s) => s.replace(/\D/g, '')));
	expect(imported).toBeLessThan(200 * 197);

	// With room again, the same file completes it: what was kept counts as already there.
	await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin });
	await page.getByRole('button', { name: 'Importar otro archivo' }).click();
	await page.locator('input[type=file]').setInputFiles({ name: 'ventas-grandes.csv', mimeType: 'text/csv', buffer: bigExport() });
	await page.getByRole('button', { name: 'Importar', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Importación terminada' })).toBeVisible({ timeout: 60_000 });
	await expect(page.getByRole('alert')).toHaveCount(0);
	const duplicates = Number(await page.getByTestId('import-count-duplicates').locator('dd').innerText().then((s) => s.replace(/\D/g, '')));
	const again = Number(await page.getByTestId('import-count-imported').locator('dd').innerText().then((s) => s.replace(/\D/g, '')));
	expect(duplicates).toBe(imported);
	expect(again + duplicates).toBe(200 * 197);
});

test.fixme('storage already full before the first line still ends in "storage full", with nothing imported', async ({ page, baseURL }) => {
	await open(page, '/import');
	const cdp = await page.context().newCDPSession(page);
	// No room even for the device's id, written on the first import (it once surfaced as an unseen AbortError).
	await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 1 });
	await page.locator('input[type=file]').setInputFiles(fixture);
	await page.getByLabel(/mes\/día/).check();
	await page.getByRole('button', { name: 'Importar', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Importación terminada' })).toBeVisible({ timeout: 30_000 });
	await expect(page.getByRole('alert')).toContainText('Almacenamiento lleno');
	await expect(page.getByTestId('import-count-imported').locator('dd')).toHaveText('0');
});
