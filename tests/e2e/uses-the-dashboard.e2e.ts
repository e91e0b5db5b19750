// The dashboard with the sample shop, as its owner uses it: picks a period (a quick one and dates
// of their own), filters a category, drills down from a bar and from a heat-map cell, downloads a
// chart's data and checks it against what the screen shows, reads it in English, and the page does
// not move while it fills in (layout shifts measured in the page by a PerformanceObserver).
import { expect, test, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';

async function loadSampleShop(page: Page) {
	await page.goto('/?demo');
	await expect(page.getByText(/Datos de ejemplo cargados/)).toBeVisible({ timeout: 90_000 });
	await expect(page.getByTestId('dashboard-ready')).toBeVisible({ timeout: 30_000 });
}

/** How many views the dashboard has fully drawn after its first. */
const updates = async (page: Page) => Number(await page.locator('[data-updates]').getAttribute('data-updates'));

/** Waits until a filter change has been drawn by every chart. */
async function afterRedraw(page: Page, before: number) {
	await expect.poll(() => updates(page), { timeout: 20_000 }).toBeGreaterThan(before);
}

/** Clicks the first spot of a chart where the pointer turns into a hand (a bar that leads somewhere). */
async function clickFirstBar(canvas: Locator, xShare = 0.6) {
	await canvas.scrollIntoViewIfNeeded();
	const box = (await canvas.boundingBox())!;
	const page = canvas.page();
	for (let y = box.y + 2; y < box.y + box.height; y += 3) {
		await page.mouse.move(box.x + box.width * xShare, y);
		if ((await canvas.evaluate((c) => c.style.cursor)) === 'pointer') {
			await page.mouse.click(box.x + box.width * xShare, y);
			return;
		}
	}
	throw new Error('no clickable bar found on the chart');
}

/** The cells of a chart's data table ("Ver los datos"), opened. */
async function dataRows(card: Locator): Promise<string[][]> {
	await card.getByText(/^(Ver los datos|Show the data)$/).click();
	const rows = card.locator('table tbody tr');
	await expect(rows.first()).toBeVisible();
	return rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
}

test('the owner picks a period, filters a category, drills down and downloads a chart', async ({ page }) => {
	test.setTimeout(180_000);
	await loadSampleShop(page);
	const revenue = page.getByTestId('kpi-revenue');
	await expect(revenue).toContainText('€');
	await expect(revenue).toContainText('vs. periodo anterior');
	await expect(page.getByRole('button', { name: '30 días' })).toHaveAttribute('aria-pressed', 'true');
	const monthRevenue = await revenue.locator('.value').innerText();

	// A quick period: the last 7 days. The address keeps it, every figure follows.
	let before = await updates(page);
	await page.getByRole('button', { name: '7 días' }).click();
	await afterRedraw(page, before);
	await expect(page).toHaveURL(/[?&]range=7\b/);
	await expect(page.getByTestId('range-summary')).toContainText('(7 días)');
	await expect(revenue.locator('.value')).not.toHaveText(monthRevenue);
	const week = await dataRows(page.getByTestId('chart-sales'));
	// The 7 days, then the forecast's days after them (no sales yet: an empty sales cell).
	expect(week.filter((r) => r[1] !== '—')).toHaveLength(7);

	// Dates of one's own, typed the Spanish way: a week earlier as the start makes 14 days, and
	// back to the same 7 days as the quick choice gives the same sales.
	const weekRevenue = await revenue.locator('.value').innerText();
	await page.getByRole('button', { name: 'Otras fechas' }).click();
	await expect(page.getByRole('button', { name: 'Otras fechas' })).toHaveAttribute('aria-pressed', 'true');
	const from = page.getByLabel('Desde', { exact: true });
	const firstDay = week[0][0];
	await expect(from).toHaveValue(firstDay);
	await expect(page.getByLabel('Hasta', { exact: true })).toHaveValue(week.filter((r) => r[1] !== '—').at(-1)![0]);
	const [d, m, y] = firstDay.split('/').map(Number);
	const earlier = new Date(Date.UTC(y, m - 1, d - 7));
	const earlierText = `${String(earlier.getUTCDate()).padStart(2, '0')}/${String(earlier.getUTCMonth() + 1).padStart(2, '0')}/${earlier.getUTCFullYear()}`;
	before = await updates(page);
	await from.fill(earlierText);
	await from.press('Enter');
	await afterRedraw(page, before);
	await expect(page).toHaveURL(new RegExp(`[?&]from=${earlier.toISOString().slice(0, 10)}&to=`));
	await expect(page.getByTestId('range-summary')).toContainText('(14 días)');
	before = await updates(page);
	await from.fill(firstDay);
	await from.press('Enter');
	await afterRedraw(page, before);
	await expect(page.getByTestId('range-summary')).toContainText('(7 días)');
	await expect(revenue.locator('.value')).toHaveText(weekRevenue);

	// A category: every chart keeps to it; the category chart has its one bar.
	before = await updates(page);
	await page.getByRole('button', { name: '30 días' }).click();
	await afterRedraw(page, before);
	before = await updates(page);
	await page.getByRole('combobox', { name: 'Categoría' }).selectOption({ label: 'Bolsos' });
	await afterRedraw(page, before);
	await expect(page).toHaveURL(/[?&]category=Bolsos\b/);
	const categories = page.getByTestId('chart-categories');
	const categoryRows = await dataRows(categories);
	expect(categoryRows.map((r) => r[0])).toEqual(['Bolsos']);
	expect(categoryRows[0][2]).toMatch(/^100\s%$/);
	expect(await revenue.locator('.value').innerText()).not.toBe(monthRevenue);

	// Its data as CSV: the Spanish spreadsheet style (; and decimal comma), every figure exact and
	// the same as the table on screen.
	const [download] = await Promise.all([page.waitForEvent('download'), categories.getByRole('button', { name: /CSV/ }).click()]);
	expect(download.suggestedFilename()).toMatch(/^ventas-por-categoria_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
	const csv = fs.readFileSync((await download.path())!, 'utf8');
	const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
	expect(lines[0]).toBe('Categoría;Ventas (EUR);Parte de las ventas (%);Unidades;Margen bruto (%)');
	expect(lines).toHaveLength(2);
	const cells = lines[1].split(';');
	expect(cells[0]).toBe('Bolsos');
	// "12.345,67 €" on screen is 12345,67 in the file.
	expect(cells[1]).toBe(categoryRows[0][1].replace(/[.\s€]/g, '').replace(/\u00a0/g, ''));
	expect(cells[2]).toBe('100');
	expect(cells[3]).toBe(categoryRows[0][3].replace(/\./g, ''));

	// A bar leads to what it stands for: the category bar to the category's products…
	await clickFirstBar(categories.locator('canvas'));
	await expect(page).toHaveURL(/\/products\?category=Bolsos$/);
	await page.goBack();
	await expect(page.getByTestId('dashboard-ready')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByRole('combobox', { name: 'Categoría' })).toHaveValue('Bolsos');

	// …a product bar to the product (the fastest seller, the first row of its table).
	const movers = page.getByTestId('chart-movers');
	const fastest = (await dataRows(movers))[0];
	await clickFirstBar(movers.locator('canvas').first());
	await expect(page).toHaveURL(new RegExp(`/products/${encodeURIComponent(fastest[2])}$`));
	await page.goBack();
	await expect(page.getByTestId('dashboard-ready')).toBeVisible({ timeout: 30_000 });

	// A heat-map cell opens the sales of that weekday and hour over the same dates.
	const heat = page.getByTestId('chart-heat');
	// A chart is drawn once it comes near the screen.
	await heat.scrollIntoViewIfNeeded();
	const cell = heat.locator('a.cell').first();
	const weekday = await cell.getAttribute('data-weekday');
	const hour = await cell.getAttribute('data-hour');
	await expect(cell).toHaveAccessibleName(/^(Lunes|Martes|Miércoles|Jueves|Viernes|Sábado|Domingo) de \d\d:00 a \d\d:00: .+\s€, \d+ tickets?$/);
	const href = new RegExp(`^/sales\\?from=\\d{4}-\\d{2}-\\d{2}&to=\\d{4}-\\d{2}-\\d{2}&weekday=${weekday}&hour=${hour}$`);
	await expect(cell).toHaveAttribute('href', href);
	await cell.click();
	await expect(page).toHaveURL(/\/sales\?/);
	expect(new URL(page.url()).searchParams.get('weekday')).toBe(weekday);
	expect(new URL(page.url()).searchParams.get('hour')).toBe(hour);
});

type Shift = { value: number; where: string[] };

/** Records every layout shift the person did not cause, from the first paint of each page load. */
async function watchLayoutShifts(page: Page) {
	await page.addInitScript(() => {
		const shifts: { value: number; where: string[] }[] = [];
		(window as unknown as { __shifts: typeof shifts }).__shifts = shifts;
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] })[]) {
				if (entry.hadRecentInput) continue;
				const where = (entry.sources ?? []).map((s) => {
					const element = s.node instanceof Element ? s.node : s.node?.parentElement;
					return element?.closest('[data-testid]')?.getAttribute('data-testid') ?? element?.tagName ?? '?';
				});
				shifts.push({ value: entry.value, where });
			}
		}).observe({ type: 'layout-shift', buffered: true });
	});
}

/** The page's shifts so far: none inside the dashboard's own parts, and next to nothing overall. */
async function expectNoLayoutShift(page: Page) {
	const shifts = await page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
	const total = shifts.reduce((sum, s) => sum + s.value, 0);
	expect(shifts.filter((s) => s.where.some((w) => /^(dashboard|kpi-|chart-|range-summary|needs-you-today)/.test(w))), JSON.stringify(shifts)).toEqual([]);
	expect(total, JSON.stringify(shifts)).toBeLessThan(0.005);
}

test('the dashboard does not move while it fills in, and speaks English', async ({ page }) => {
	test.setTimeout(180_000);
	await watchLayoutShifts(page);
	// A first visit: the sample shop loads by itself (?demo, no tap), the figures and charts fill in,
	// and the health check that runs a few seconds later fills the "needs you today" card.
	await loadSampleShop(page);
	await expect(page.getByTestId('kpi-health')).toContainText(/\d+ · (Bien|Mejorable|Mal)/, { timeout: 60_000 });
	await expect(page.getByTestId('needs-you-today').getByTestId('health-score')).toBeVisible();
	await page.waitForTimeout(2_000);
	await expectNoLayoutShift(page);

	// A later visit, watched from the first paint: the card shows the kept result at once, in its place.
	await page.reload();
	await expect(page.getByTestId('dashboard-ready')).toBeVisible({ timeout: 30_000 });
	// The health worker runs a moment after start-up and replaces the kept result.
	await page.waitForTimeout(8_000);
	await expectNoLayoutShift(page);

	await page.getByRole('button', { name: 'EN', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
	await expect(page).toHaveTitle('Dashboard · Inventory');
	await expect(page.getByRole('button', { name: '30 days' })).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('kpi-revenue').locator('.value')).toHaveText(/^€[\d,]+\.\d\d$/);
	await expect(page.getByTestId('kpi-revenue')).toContainText('vs. previous period');
	await expect(page.getByTestId('kpi-health')).toContainText(/\d+ · (Good|Fair|Poor)/);
	await expect(page.getByTestId('kpi-restock')).toContainText(/sold out · \d+ running out/);
	await expect(page.getByRole('heading', { name: 'Sales day by day' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'When you sell: day and hour' })).toBeVisible();
	await expect(page.getByTestId('range-summary')).toContainText(/^Sales \d\d\/\d\d\/\d{4} to \d\d\/\d\d\/\d{4} \(30 days\), compared with/);
	await page.getByTestId('chart-heat').scrollIntoViewIfNeeded();
	await expect(page.getByTestId('chart-heat').locator('a.cell').first()).toHaveAccessibleName(/^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d\d:00 to \d\d:00: €[\d,.]+, \d+ tickets?$/);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-sales').getByRole('button', { name: /CSV/ }).click()]);
	expect(download.suggestedFilename()).toMatch(/^sales-by-day_/);
	const header = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n')[0];
	expect(header).toBe('Day,Sales (EUR),Units,Tickets,Forecast (EUR),Forecast low (80 %) (EUR),Forecast high (80 %) (EUR)');
});
