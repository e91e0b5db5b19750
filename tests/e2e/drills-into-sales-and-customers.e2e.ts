// The dashboard's drill-down targets on the sample shop: an hour cell of the heat map opens the
// sales of that weekday and hour (Monday = 0, by the sale's local time), a segment opens its
// customers (recommends-and-segments.e2e.ts follows that one from the segments page).
import { expect, test } from '@playwright/test';
import { open } from './support/shop';

test('an hour cell of the heat map opens only the sales of that weekday and hour', async ({ page }) => {
	test.setTimeout(120_000);
	await open(page, '/');
	await page.getByRole('button', { name: /Cargar datos de ejemplo/ }).first().click();
	await expect(page.getByText(/Datos de ejemplo cargados/)).toBeVisible({ timeout: 60_000 });

	const totals = page.getByTestId('sales-totals');
	const lines = async () => Number((await totals.locator('div').first().locator('strong').innerText()).replace(/\./g, ''));
	await open(page, '/sales?days=all');
	await expect(totals).not.toHaveAttribute('aria-busy', 'true', { timeout: 30_000 });
	await expect(page.locator('tbody tr').first()).toBeVisible();
	const everything = await lines();

	await open(page, '/sales?days=all&weekday=0&hour=10');
	await expect(page.getByTestId('sales-time-filter')).toContainText('Solo los lunes, de 10:00 a 11:00');
	await expect(totals).not.toHaveAttribute('aria-busy', 'true', { timeout: 30_000 });
	await expect(page.locator('tbody tr').first()).toBeVisible();
	const mondayTen = await lines();
	expect(mondayTen).toBeGreaterThan(0);
	expect(mondayTen).toBeLessThan(everything);
	// Every sale shown was rung up on a Monday between 10:00 and 10:59.
	const whens = await page.locator('td.when').evaluateAll((cells) => cells.map((c) => c.textContent?.trim() ?? '').filter(Boolean));
	expect(whens.length).toBeGreaterThan(0);
	for (const when of whens) {
		const [, d, m, y, hh] = /^(\d{2})\/(\d{2})\/(\d{4})\s*(\d{2}):\d{2}/.exec(when)!;
		expect(new Date(Date.UTC(+y, +m - 1, +d)).getUTCDay(), when).toBe(1);
		expect(hh, when).toBe('10');
	}
	await expect(page).toHaveURL(/weekday=0&hour=10/);

	// The chip removes the filter; a link with an impossible hour says so instead of guessing.
	await page.getByRole('button', { name: 'Todos los días y horas' }).click();
	await expect(page).not.toHaveURL(/weekday=/);
	await expect.poll(lines, { timeout: 30_000 }).toBe(everything);
	await open(page, '/sales?days=all&hour=24');
	await expect(page.getByText('El enlace pedía la hora «24», que no existe: se muestran todos.')).toBeVisible();
});

test('a segment without customers says why, and the list of one segment counts only its customers', async ({ page }) => {
	test.setTimeout(120_000);
	await open(page, '/');
	await page.getByRole('button', { name: /Cargar datos de ejemplo/ }).first().click();
	await expect(page.getByText(/Datos de ejemplo cargados/)).toBeVisible({ timeout: 60_000 });

	await open(page, '/segments');
	const table = page.getByTestId('segment-table');
	await expect(table).toBeVisible({ timeout: 60_000 });
	const sizes = (await table.locator('tbody td.size strong').allInnerTexts()).map((s) => Number(s.replace(/\./g, '')));
	const codes = ['vip', 'frequent', 'occasional', 'at_risk', 'new', 'inactive'];
	for (const [i, code] of codes.entries()) {
		await open(page, `/customers?segment=${code}`);
		if (sizes[i] === 0) {
			await expect(page.getByTestId('segment-empty')).toContainText('Ahora no hay clientes en el grupo', { timeout: 60_000 });
			await expect(page.getByRole('link', { name: 'Ver todos los grupos' })).toBeVisible();
		} else {
			const shown = `${Math.min(50, sizes[i])}`;
			await expect(page.getByText(new RegExp(`^1–${shown} de ${sizes[i].toLocaleString('es-ES')}$`))).toBeVisible({ timeout: 60_000 });
		}
	}
});
