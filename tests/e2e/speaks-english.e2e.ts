import { expect, test, type Page } from '@playwright/test';
import { open } from './support/shop';

/** Pages that name their tab from the words of the chosen language (none needs data to render its title). */
const TITLED_PAGES = ['/', '/sell', '/shift', '/products', '/products/new', '/stock', '/trends', '/reorder', '/sales', '/suppliers', '/customers', '/segments', '/models', '/alerts', '/data', '/import', '/settings', '/sync'];

async function titlesOf(page: Page, appName: string): Promise<string[]> {
	const titles: string[] = [];
	for (const path of TITLED_PAGES) {
		await open(page, path);
		// The page's own name, then the app's: never the bare app name the shell starts with.
		await expect(page, path).toHaveTitle(new RegExp(`^.+ · ${appName}$`));
		titles.push(await page.title());
	}
	return titles;
}

test('switches to English, with money and dates in the English format, and keeps the choice', async ({ page }) => {
	await open(page, '/');
	await expect(page.getByRole('link', { name: 'Productos', exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'EN', exact: true }).click();
	await expect(page.getByRole('link', { name: 'Products', exact: true })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	await page.reload();
	await expect(page.getByRole('link', { name: 'Products', exact: true })).toBeVisible();
	await open(page, '/products/new');
	await expect(page.getByLabel('Sale price').or(page.getByLabel(/price/i).first())).toBeVisible();

	await page.getByRole('button', { name: 'ES', exact: true }).click();
	await expect(page.getByRole('link', { name: 'Productos', exact: true })).toBeVisible();
});

test('every page has its own title, and the English ones are not the Spanish ones', async ({ page }) => {
	test.setTimeout(240_000);
	await open(page, '/');
	const spanish = await titlesOf(page, 'Inventario');
	expect(new Set(spanish).size, 'each page its own title').toBe(spanish.length);

	await page.getByRole('button', { name: 'EN', exact: true }).click();
	await expect(page.getByRole('link', { name: 'Products', exact: true })).toBeVisible();
	const english = await titlesOf(page, 'Inventory');
	expect(new Set(english).size).toBe(english.length);
	// The page's own words differ, not only the app's name ("Stock" is the one word both languages share).
	const pagePart = (title: string) => title.replace(/ · [^·]+$/, '');
	english.forEach((title, i) => {
		if (TITLED_PAGES[i] !== '/stock') expect(pagePart(title), TITLED_PAGES[i]).not.toBe(pagePart(spanish[i]));
	});
	expect(english).toContain('Sales history · Inventory');
	expect(spanish).toContain('Historial de ventas · Inventario');
});

test('dates are shown, typed and read in the chosen locale', async ({ page }) => {
	await open(page, '/sales?from=2025-12-31&to=2026-01-05');
	const from = page.getByRole('textbox', { name: 'Desde' });
	const to = page.getByRole('textbox', { name: 'Hasta' });
	await expect(from).toHaveValue('31/12/2025');
	await expect(to).toHaveValue('05/01/2026');

	// Day first in Spanish: 2/1/2026 is the 2nd of January; what cannot be a day says so under the field.
	await to.fill('2/1/2026');
	await to.press('Enter');
	await expect(page).toHaveURL(/to=2026-01-02/);
	await expect(to).toHaveValue('02/01/2026');
	await to.fill('31/02/2026');
	await to.blur();
	await expect(page.getByText('Ese día no existe')).toBeVisible();
	await expect(to).toHaveAttribute('aria-invalid', 'true');
	await expect(page).toHaveURL(/to=2026-01-02/);
	await to.fill('05/01/2026');
	await to.blur();
	await expect(page.getByText('Ese día no existe')).toHaveCount(0);
	// The calendar button opens the browser's own picker; what is picked there shows the locale's way.
	await page.getByRole('button', { name: 'Desde: elegir en el calendario' }).click();
	await page.locator('#sales-from ~ input[type="date"]').evaluate((picker: HTMLInputElement) => {
		picker.value = '2025-12-20';
		picker.dispatchEvent(new Event('change', { bubbles: true }));
	});
	await expect(from).toHaveValue('20/12/2025');
	await expect(page).toHaveURL(/from=2025-12-20/);

	// English with US dates: month first, in the field, its hint and what is typed.
	await open(page, '/settings');
	await page.getByRole('button', { name: 'English', exact: true }).click();
	await page.getByLabel('Numbers and dates').selectOption('en-US');
	await open(page, '/sales?from=2025-12-31&to=2026-01-05');
	const fromUs = page.getByRole('textbox', { name: 'From' });
	const toUs = page.getByRole('textbox', { name: 'To' });
	await expect(fromUs).toHaveValue('12/31/2025');
	await expect(fromUs).toHaveAttribute('placeholder', 'mm/dd/yyyy');
	await toUs.fill('1/2/2026');
	await toUs.press('Enter');
	await expect(page).toHaveURL(/to=2026-01-02/);
	await toUs.fill('next week');
	await toUs.press('Enter');
	await expect(page.getByText('Write the date as mm/dd/yyyy')).toBeVisible();
	// A "To" before "From" is refused where it is typed, with the limit in the locale's format.
	await toUs.fill('12/30/2025');
	await toUs.press('Enter');
	await expect(page.getByText('Choose 12/31/2025 or a later day')).toBeVisible();
});
