import { expect, test, type Page } from '@playwright/test';
import { open } from './support/shop';

const LIGHT_BG = 'rgb(246, 244, 239)';
const DARK_BG = 'rgb(17, 22, 23)';

/**
 * Before any page script: records every value <html data-theme> takes and the page's background at
 * the first animation frame (which runs before the first paint), so a frame of the wrong theme is seen.
 */
async function recordFirstFrame(page: Page) {
	await page.addInitScript(() => {
		const seen: (string | null)[] = [];
		const record = { themes: seen, firstFrameBackground: '', firstFrameTheme: '' as string | null, splashBackground: '' };
		(window as unknown as { __theme: typeof record }).__theme = record;
		// Init scripts run before <html> exists: the document is watched, <html> within it.
		new MutationObserver((changes) => {
			for (const change of changes) if (change.type === 'attributes') seen.push(document.documentElement.getAttribute('data-theme'));
			// The splash as soon as it is parsed (the first frame may come before the body).
			const splash = document.getElementById('splash');
			if (splash && !record.splashBackground) record.splashBackground = getComputedStyle(splash).backgroundColor;
		}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-theme'] });
		requestAnimationFrame(() => {
			record.firstFrameTheme = document.documentElement.getAttribute('data-theme');
			record.firstFrameBackground = getComputedStyle(document.documentElement).backgroundColor;
		});
	});
}

const firstFrame = (page: Page) => page.evaluate(() => (window as unknown as { __theme: { themes: (string | null)[]; firstFrameBackground: string; firstFrameTheme: string | null; splashBackground: string } }).__theme);

/** A PNG of the first chart on the page once it has stopped changing (chart.js animates in). */
async function settledChart(page: Page): Promise<string> {
	// The dashboard draws a chart once its card comes near the screen: scroll down as a person would
	// until the first one is drawn (the "needs you today" card may push it below a tablet's fold).
	const canvas = page.locator('main canvas').first();
	await expect(page.getByTestId('dashboard-ready')).toBeAttached({ timeout: 30_000 });
	for (let y = 0; (await canvas.count()) === 0 && y < 8000; y += 400) {
		await page.evaluate((top) => window.scrollTo(0, top), y);
		await page.waitForTimeout(150);
	}
	await canvas.scrollIntoViewIfNeeded();
	await expect(canvas).toBeVisible();
	let previous = '';
	for (let i = 0; i < 20; i++) {
		const now = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
		if (now === previous) return now;
		previous = now;
		await page.waitForTimeout(300);
	}
	return previous;
}

test('dark chosen in Settings stays dark from the first frame of the next visit, and the charts redraw in it', async ({ page }) => {
	test.setTimeout(120_000);
	await open(page, '/');
	await page.getByRole('button', { name: /Cargar datos de ejemplo/ }).first().click();
	await expect(page.getByText(/Datos de ejemplo cargados/)).toBeVisible({ timeout: 60_000 });
	const lightChart = await settledChart(page);

	await open(page, '/settings');
	const appearance = page.getByRole('group', { name: 'Apariencia' });
	await appearance.getByRole('button', { name: 'Oscuro' }).click();
	await expect(appearance.getByRole('button', { name: 'Oscuro' })).toHaveAttribute('aria-pressed', 'true');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#173735');
	expect(await page.evaluate(() => getComputedStyle(document.querySelector('main .card')!).backgroundColor)).toBe('rgb(26, 33, 34)');

	await recordFirstFrame(page);
	await page.reload();
	await expect(page.getByRole('navigation').first()).toBeVisible();
	const dark = await firstFrame(page);
	expect(dark.firstFrameTheme).toBe('dark');
	expect(dark.firstFrameBackground).toBe(DARK_BG);
	expect(dark.splashBackground).toBe(DARK_BG);
	expect(dark.themes.every((t) => t === 'dark'), `data-theme went through ${dark.themes.join(', ')}`).toBe(true);

	await open(page, '/');
	const darkChart = await settledChart(page);
	expect(darkChart, 'the chart is drawn in the dark theme').not.toBe(lightChart);

	// Back to light: the same drawing as before (the comparison is of the theme, not of noise).
	await open(page, '/settings');
	await page.getByRole('group', { name: 'Apariencia' }).getByRole('button', { name: 'Claro' }).click();
	await page.goBack();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
	expect(await settledChart(page), 'the light drawing again').toBe(lightChart);
});

test('a chart on screen redraws when the theme changes under it', async ({ page }) => {
	test.setTimeout(120_000);
	await page.emulateMedia({ colorScheme: 'light' });
	await open(page, '/');
	await page.getByRole('button', { name: /Cargar datos de ejemplo/ }).first().click();
	await expect(page.getByText(/Datos de ejemplo cargados/)).toBeVisible({ timeout: 60_000 });
	const light = await settledChart(page);
	// 'system' is the default: the device turning dark redraws the chart without a reload.
	await page.emulateMedia({ colorScheme: 'dark' });
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	const dark = await settledChart(page);
	expect(dark).not.toBe(light);
	// Pixels in the dark theme's muted text colour (the axis labels), none before.
	const mutedPixels = (png: string) => page.evaluate(async (src) => {
		const image = new Image();
		image.src = src;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = image.width;
		canvas.height = image.height;
		const context = canvas.getContext('2d')!;
		context.drawImage(image, 0, 0);
		const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
		let count = 0;
		// --muted in dark is #a3b1b1 (163, 177, 177), the axis labels' colour.
		for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200 && Math.abs(data[i] - 163) <= 6 && Math.abs(data[i + 1] - 177) <= 6 && Math.abs(data[i + 2] - 177) <= 6) count++;
		return count;
	}, png);
	// Light's grey labels anti-alias through a few such pixels; dark's are drawn in it.
	const [inDark, inLight] = [await mutedPixels(dark), await mutedPixels(light)];
	expect(inDark).toBeGreaterThan(Math.max(50, inLight * 5));
});

test("the device's theme is followed live, and a first visit never shows a light frame on a dark device", async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await recordFirstFrame(page);
	await open(page, '/settings');
	const first = await firstFrame(page);
	expect(first.firstFrameTheme).toBe('dark');
	expect(first.firstFrameBackground).toBe(DARK_BG);
	expect(first.themes.every((t) => t === 'dark')).toBe(true);
	const appearance = page.getByRole('group', { name: 'Apariencia' });
	await expect(appearance.getByRole('button', { name: 'Del dispositivo' })).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByText('Ahora el dispositivo usa el tema oscuro.')).toBeVisible();

	await page.emulateMedia({ colorScheme: 'light' });
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
	await expect(page.getByText('Ahora el dispositivo usa el tema claro.')).toBeVisible();
	expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(LIGHT_BG);
	await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#1f5f5b');

	// An explicit choice wins over the device's.
	await appearance.getByRole('button', { name: 'Oscuro' }).click();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await page.emulateMedia({ colorScheme: 'light' });
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the theme section speaks English too', async ({ page }) => {
	await open(page, '/settings');
	await page.getByRole('button', { name: 'EN', exact: true }).click();
	const appearance = page.getByRole('group', { name: 'Appearance' });
	await expect(appearance.getByRole('button', { name: 'Light' })).toBeVisible();
	await expect(appearance.getByRole('button', { name: 'Dark' })).toBeVisible();
	await expect(appearance.getByRole('button', { name: 'Device’s' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Theme' })).toBeVisible();
});
