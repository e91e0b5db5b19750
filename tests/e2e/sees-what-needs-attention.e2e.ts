import { expect, test, type Locator } from '@playwright/test';
import { open } from './support/shop';

/** A count shown as "1.234" in Spanish. */
const numberIn = async (l: Locator) => Number((await l.innerText()).replace(/\D/g, ''));

test('the owner sees what needs attention today, dismisses an alert, and it stays dismissed', async ({ page }) => {
	test.setTimeout(150_000);
	await open(page, '/');
	await page.getByRole('button', { name: /Cargar datos de ejemplo/ }).first().click();
	await expect(page.getByText(/Datos de ejemplo cargados/)).toBeVisible({ timeout: 30_000 });

	// The summary: the shop's score out of 100, what holds it down, the products to restock, the alerts.
	const summary = page.getByTestId('needs-you-today');
	await expect(summary.getByRole('heading', { name: 'Hoy necesita tu atención' })).toBeVisible();
	await expect(summary.getByTestId('health-score')).toHaveText(/^\d{1,3}$/, { timeout: 30_000 });
	await expect(summary.getByRole('img', { name: /Salud del inventario: \d+ de 100, (Bien|Mejorable|Mal)/ })).toBeVisible();
	await expect(summary.getByRole('link', { name: 'Ver pedidos sugeridos' })).toHaveAttribute('href', '/reorder');
	// The sample shop has products sold out and running out: the score says so, it is not "good".
	await expect(summary.getByTestId('health-headline')).toHaveText(/^Lo que más pesa: \d+ productos por reponer \(\d+ agotados, /);
	await expect(summary.getByRole('img', { name: /Bien$/ })).toHaveCount(0);

	// The restock counts: sold out, running out before the next delivery, at the reorder point.
	const soldOut = await numberIn(summary.getByTestId('stock-count-soldOut').locator('.n'));
	const runningOut = await numberIn(summary.getByTestId('stock-count-runningOut').locator('.n'));
	const low = await numberIn(summary.getByTestId('stock-count-low').locator('.n'));
	expect(soldOut).toBeGreaterThan(0);
	const toRestock = soldOut + runningOut + low;
	await expect(summary.getByTestId('health-headline')).toContainText(`${toRestock} productos por reponer (${soldOut} agotados`);

	const alerts = summary.locator('li.alert');
	await expect(alerts.first()).toBeVisible();
	await expect(alerts.first().locator('p')).toHaveText(/\.$/);

	const badge = page.getByTestId('alerts-badge');
	const before = Number(await badge.locator('[aria-hidden]').innerText());
	expect(before).toBeGreaterThan(0);
	await expect(summary.getByRole('link', { name: `Ver todas las alertas (${before})` })).toBeVisible();

	// Dismiss the first alert: it leaves the list and the badge counts one fewer.
	const first = alerts.first();
	const key = await first.getAttribute('data-alert-key');
	await first.getByRole('button', { name: /^Descartar la alerta/ }).click();
	await expect(summary.locator(`li.alert[data-alert-key="${key}"]`)).toHaveCount(0);
	await expect(badge.locator('[aria-hidden]')).toHaveText(String(before - 1));

	// After a reload the last result shows at once (kept), then the fresh run replaces it in place;
	// the dismissed alert stays dismissed.
	await page.reload();
	await expect(summary.getByTestId('health-score')).toBeVisible({ timeout: 5_000 });
	await expect(summary).toHaveAttribute('data-stale', 'false', { timeout: 30_000 });
	await expect(summary.locator('li.alert').first()).toBeVisible();
	await expect(summary.locator(`li.alert[data-alert-key="${key}"]`)).toHaveCount(0);
	await expect(badge.locator('[aria-hidden]')).toHaveText(String(before - 1));

	// "To restock" opens the alerts behind those counts: one per product.
	await summary.getByRole('link', { name: `Ver los ${toRestock} productos por reponer` }).click();
	await expect(page).toHaveURL(/\/alerts\?filter=stock$/);
	await expect(page).toHaveTitle('Alertas · Inventario');
	const list = page.getByTestId('alert-list');
	await expect(list.locator('li.alert')).toHaveCount(toRestock, { timeout: 30_000 });
	await expect(page.getByTestId('filter-stock')).toHaveAttribute('aria-pressed', 'true');
	// A sold-out product is "Agotado", never "will run out".
	const soldOutItems = list.locator('li.alert', { hasText: 'Agotado' });
	await expect(soldOutItems).toHaveCount(soldOut);
	await expect(soldOutItems.filter({ hasText: /se agotará/i })).toHaveCount(0);

	// Every alert, with the part of the score in words and the rule behind "Detalles".
	await page.getByRole('button', { name: /^Todas \(/ }).click();
	await expect(page).toHaveURL(/\/alerts$/);
	await expect(page.getByRole('meter', { name: 'Roturas de stock' })).toBeVisible();
	await expect(page.getByText(/nunca supera la nota de su parte más débil/)).toBeHidden();
	await page.getByText('Detalles', { exact: true }).click();
	await expect(page.getByText(/nunca supera la nota de su parte más débil/)).toBeVisible();
	await expect(page.locator(`li.alert[data-alert-key="${key}"]`)).toHaveCount(0);
	await page.getByLabel(/Mostrar descartadas \(1\)/).check();
	await expect(page.locator(`li.alert[data-alert-key="${key}"]`).getByText(/^Descartada el /)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Productos con peor salud' })).toBeVisible();

	// In English: its own title and the same words for an empty shelf.
	await page.getByRole('button', { name: 'EN', exact: true }).click();
	await expect(page).toHaveTitle('Alerts · Inventory');
	await expect(page.getByRole('button', { name: /^To restock \(\d+\)$/ })).toBeVisible();
	await expect(page.getByText('Sold out', { exact: true }).first()).toBeVisible();
});
