// A tablet's tab is closed in the middle of a long import: what was written stays, and importing
// the same file again adds exactly the missing lines, so the shop ends with every line once.
import { expect, test } from '@playwright/test';
import { salesLines, HEADER } from '../../scripts/make-sales-csv';
import { open } from './support/shop';

test.setTimeout(240_000);

const LINES = 250_000;

/** The generated POS export (Online Retail layout, deterministic). */
function bigExport(): Buffer {
	const out = [HEADER];
	for (const line of salesLines(LINES, 7)) out.push(line);
	return Buffer.from(out.join('\n') + '\n');
}

async function storedSaleLines(page: import('@playwright/test').Page): Promise<number> {
	await open(page, '/settings');
	const cell = page.locator('dl.counts div').filter({ hasText: 'Líneas de venta' }).locator('dd');
	await expect(cell).toBeVisible();
	return Number((await cell.innerText()).replace(/\D/g, ''));
}

test('a tab closed half way through an import keeps what it wrote, and the repeat completes the file exactly', async ({ context }) => {
	const file = { name: 'ventas-tpv.csv', mimeType: 'text/csv', buffer: bigExport() };
	const first = await context.newPage();
	await open(first, '/import');
	await first.locator('input[type=file]').setInputFiles(file);
	await first.getByRole('button', { name: 'Importar', exact: true }).click();
	// Another tab watches the stored lines; the importing tab is closed once some are written.
	const page = await context.newPage();
	await expect.poll(() => storedSaleLines(page), { timeout: 90_000, intervals: [250] }).toBeGreaterThan(0);
	await first.close();
	const kept = await storedSaleLines(page);
	expect(kept).toBeLessThan(LINES);

	await open(page, '/import');
	await page.locator('input[type=file]').setInputFiles(file);
	await page.getByRole('button', { name: 'Importar', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Importación terminada' })).toBeVisible({ timeout: 180_000 });
	const count = async (key: string) => Number((await page.getByTestId(`import-count-${key}`).locator('dd').innerText()).replace(/\D/g, ''));
	const [again, duplicates, rejected] = [await count('imported'), await count('duplicates'), await count('rejected')];
	expect(again + duplicates + rejected).toBe(LINES);
	expect(duplicates).toBe(kept);
	expect(await storedSaleLines(page)).toBe(LINES - rejected);
});
