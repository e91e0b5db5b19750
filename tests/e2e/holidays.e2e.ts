// The owner lists the shop's closed days in Settings (kept on the tablet, read by the forecasts),
// sees what the forecast learned from the sales, and does it in English too.
import { expect, test } from '@playwright/test';
import { open } from './support/shop';

test('adds a closed day, finds it after a reload, and removes it', async ({ page }) => {
	await open(page, '/settings');
	const section = page.getByTestId('holidays');
	await expect(section.getByRole('heading', { name: 'Festivos y cierres' })).toBeVisible();
	// An empty shop has no sales to learn from.
	await expect(section.getByTestId('holidays-learned-none')).toBeVisible();
	await expect(section.getByText('Aún no has añadido ningún día.')).toBeVisible();

	await section.getByRole('button', { name: 'Añadir', exact: true }).click();
	await expect(section.getByText('Escribe o elige un día.')).toBeVisible();

	const field = section.getByRole('textbox', { name: 'Día de cierre' });
	await field.fill('25/12/2026');
	await field.press('Enter');
	await section.getByRole('button', { name: 'Añadir', exact: true }).click();
	await expect(section.getByText('Guardado: la próxima previsión lo tendrá en cuenta.')).toBeVisible();
	await expect(section.getByTestId('holidays-listed').getByRole('listitem')).toHaveCount(1);
	await expect(field).toHaveValue('');

	// The same day again is refused.
	await field.fill('25/12/2026');
	await field.press('Enter');
	await section.getByRole('button', { name: 'Añadir', exact: true }).click();
	await expect(section.getByText('Ese día ya está en la lista.')).toBeVisible();

	await page.reload();
	await expect(page.getByTestId('holidays').getByRole('button', { name: 'Quitar 25/12/2026' })).toBeVisible();

	await page.getByTestId('holidays').getByRole('button', { name: 'Quitar 25/12/2026' }).click();
	await expect(page.getByTestId('holidays').getByText('Aún no has añadido ningún día.')).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('holidays').getByText('Aún no has añadido ningún día.')).toBeVisible();
	await expect(page.getByTestId('holidays').getByTestId('holidays-listed')).toHaveCount(0);
});

test('shows the closures learned from the sample shop, in Spanish and in English', async ({ page }) => {
	await open(page, '/');
	await page.getByRole('button', { name: /Cargar datos de ejemplo/ }).first().click();
	await expect(page.getByText(/Datos de ejemplo cargados/)).toBeVisible({ timeout: 30_000 });
	await open(page, '/settings');
	const learned = page.getByTestId('holidays-learned');
	// The sample shop's sales (a real shop's year, moved to end yesterday) close the shop on some days of it.
	await expect(learned.getByRole('listitem').first()).toBeVisible();
	// A stretch of days (a break) is one entry; the Online Retail year behind the sample has several.
	await expect(learned.getByText(/^Cerrado cada año del \d+ de \p{L}+ al \d+ de \p{L}+ \(aprendido de tus ventas\)$/u).first()).toBeAttached();
	await expect(learned.getByText(/^Cerrado cada \d+ de \p{L}+ \(aprendido de tus ventas\)$/u).first()).toBeAttached();

	await page.getByRole('button', { name: 'English', exact: true }).click();
	await expect(page.getByTestId('holidays').getByRole('heading', { name: 'Holidays and closures' })).toBeVisible();
	await expect(learned.getByText(/^Closed every year from \d+ \p{L}+ to \d+ \p{L}+ \(learned from your sales\)$/u).first()).toBeAttached();
	const field = page.getByTestId('holidays').getByRole('textbox', { name: 'Closed day' });
	await field.fill('06/01/2027');
	await field.press('Enter');
	await page.getByTestId('holidays').getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByText('Saved: the next forecast will take it into account.')).toBeVisible();
	await expect(page.getByTestId('holidays-listed').getByRole('listitem')).toHaveCount(1);
});
