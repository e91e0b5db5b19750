// Every page of the app with the sample shop loaded, in both languages and both themes: axe-core
// finds no WCAG 2.1 A/AA violation, each page has its own title in the chosen language, and a
// full-page screenshot of each is kept under test-results/screens/ for people to look at.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

const SCREENS_DIR = path.resolve('test-results/screens');

/** Paths with the sample shop's own codes (a product, a style-less best seller, a customer). */
const PAGES = [
	'/',
	'/sell',
	'/shift',
	'/products',
	'/products/85123A',
	'/products/new',
	'/products/labels',
	'/stock',
	'/stock/sheet',
	'/trends',
	'/reorder',
	'/sales',
	'/suppliers',
	'/customers',
	'/segments',
	'/models',
	'/alerts',
	'/data',
	'/import',
	'/settings',
	'/sync'
];

type Theme = 'light' | 'dark';
type Language = 'es' | 'en';

async function loadSampleShop(page: Page) {
	await page.goto('/');
	await page.getByRole('button', { name: /Cargar datos de ejemplo/ }).first().click();
	await expect(page.getByText(/Datos de ejemplo cargados/)).toBeVisible({ timeout: 60_000 });
}

async function choose(page: Page, language: Language, theme: Theme) {
	await page.emulateMedia({ colorScheme: theme });
	await page.evaluate(
		([language, theme]) => {
			const prefs = JSON.parse(localStorage.getItem('inventario.prefs') ?? '{}');
			localStorage.setItem('inventario.prefs', JSON.stringify({ ...prefs, language, formatLocale: language === 'es' ? 'es-ES' : 'en-GB' }));
			localStorage.setItem('inventario.theme', theme);
		},
		[language, theme] as const
	);
}

/** The first customer's and the first ticket's pages (their codes come from the sample data). */
async function pagesWithCodes(page: Page): Promise<string[]> {
	await page.goto('/customers');
	const customer = await page.locator('a[href^="/customers/"]').first().getAttribute('href', { timeout: 15_000 }).catch(() => null);
	await page.goto('/sales');
	const ticket = await page.locator('a[href^="/sales/ticket"]').first().getAttribute('href', { timeout: 15_000 }).catch(() => null);
	return [customer, ticket].filter((p): p is string => p !== null);
}

/** The page has rendered its content: no loading skeleton or busy region is left. */
async function settled(page: Page) {
	await page.waitForLoadState('networkidle').catch(() => {});
	await expect(page.locator('main')).toBeVisible();
	await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 }).catch(() => {});
}

async function drawEveryChart(page: Page) {
	await page.evaluate(async () => {
		for (let y = 0; y < document.body.scrollHeight; y += 500) {
			window.scrollTo(0, y);
			await new Promise((resolve) => setTimeout(resolve, 150));
		}
		window.scrollTo(0, 0);
	});
	await page.waitForTimeout(300);
}

for (const language of ['es', 'en'] as const) {
	for (const theme of ['light', 'dark'] as const) {
		test(`every page passes axe and has its own title (${language}, ${theme})`, async ({ page }, testInfo) => {
			testInfo.setTimeout(300_000);
			await loadSampleShop(page);
			await choose(page, language, theme);
			const paths = [...PAGES, ...(await pagesWithCodes(page))];
			const dir = path.join(SCREENS_DIR, `${language}-${theme}`);
			fs.mkdirSync(dir, { recursive: true });

			const problems: string[] = [];
			const titles = new Map<string, string>();
			for (const p of paths) {
				await page.goto(p);
				await settled(page);
				// The dashboard draws a chart when its card comes near the screen: pass over them all first.
				if (p === '/') await drawEveryChart(page);
				const name = p === '/' ? 'dashboard' : p.slice(1).replace(/[/?=&]+/g, '_');
				await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
				const title = await page.title();
				const sameTitle = [...titles].find(([, t]) => t === title);
				if (sameTitle) problems.push(`${p}: same title as ${sameTitle[0]} ("${title}")`);
				titles.set(p, title);
				const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
				for (const v of results.violations) {
					const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
					problems.push(`${p}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.length}× e.g. ${where}`);
				}
			}
			expect(problems, problems.join('\n')).toEqual([]);
		});
	}
}
