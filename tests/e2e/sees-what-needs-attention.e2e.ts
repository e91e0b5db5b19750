import { expect, test } from '@playwright/test';
import { open } from './support/shop';

test('the owner sees what needs attention today, dismisses an alert, and it stays dismissed', async ({ page }) => {
	test.setTimeout(120_000);
	await open(page, '/');
	await page.getByRole('button', { name: /Cargar datos de ejemplo/ }).first().click();
	await expect(page.getByText(/Datos de ejemplo cargados/)).toBeVisible({ timeout: 30_000 });

	// The summary: the shop's score out of 100 and its most urgent alerts, with the way to orders and alerts.
	const summary = page.getByTestId('needs-you-today');
	await expect(summary.getByRole('heading', { name: 'Hoy necesita tu atención' })).toBeVisible();
	await expect(summary.getByTestId('health-score')).toHaveText(/^\d{1,3}$/, { timeout: 30_000 });
	await expect(summary.getByRole('img', { name: /Salud del inventario: \d+ de 100, (Bien|Mejorable|Mal)/ })).toBeVisible();
	await expect(summary.getByRole('link', { name: 'Ver pedidos sugeridos' })).toHaveAttribute('href', '/reorder');
	await expect(summary.getByText('Roturas calculadas con el ritmo de ventas de cada producto (aún no hay previsión).')).toBeVisible();
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

	// After a reload the alerts are recomputed and the dismissed one stays dismissed.
	await page.reload();
	await expect(summary.getByTestId('health-score')).toBeVisible({ timeout: 30_000 });
	await expect(summary.locator('li.alert').first()).toBeVisible();
	await expect(summary.locator(`li.alert[data-alert-key="${key}"]`)).toHaveCount(0);
	await expect(badge.locator('[aria-hidden]')).toHaveText(String(before - 1));

	// The alerts page lists it among the dismissed, and explains each part of the score.
	await summary.getByRole('link', { name: /^Ver todas las alertas/ }).click();
	await expect(page.getByRole('heading', { name: 'Alertas', level: 1 })).toBeVisible();
	await expect(page.getByRole('meter', { name: 'Roturas de stock' })).toBeVisible();
	await expect(page.locator(`li.alert[data-alert-key="${key}"]`)).toHaveCount(0);
	await page.getByLabel(/Mostrar descartadas \(1\)/).check();
	await expect(page.locator(`li.alert[data-alert-key="${key}"]`).getByText(/^Descartada el /)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Productos con peor salud' })).toBeVisible();
});
