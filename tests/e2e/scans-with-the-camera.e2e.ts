// Camera scanning with Chromium's fake camera playing a video of real barcodes (written here as
// YUV4MPEG2): an EAN-13 of a sample-shop product rings up a sale line; in a stock count, an EAN-13
// and a Code 128 passing in and out of view count up one per pass. Debian's Chromium has no
// BarcodeDetector on Linux, so these reads go through the bundled ZXing WebAssembly in its worker.
// Also: the build names no CDN and precaches that WebAssembly; a blocked or missing camera says so.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page, type PlaywrightTestOptions, type PlaywrightWorkerArgs } from '@playwright/test';
import { ZXING_WASM_SHA256 } from 'barcode-detector/ponyfill';
import config from '../../playwright.config';
import { CODE128_QUIET, code128Modules, drawBarcode, EAN_QUIET, ean13Modules } from './fixtures/camera/barcodes';
import { blankFrame, writeY4m, type LumaFrame } from './fixtures/camera/y4m';
import { open } from './support/shop';

// Two sample-shop products: one by its EAN-13 barcode, one by its SKU in Code 128.
const HEART = { barcode: '8493128010006', name: 'White Hanging Heart T-Light Holder' };
const JUMBO = { sku: '85099B', name: 'Jumbo Bag Red Retrospot' };

const size = { width: 640, height: 480, moduleWidth: 4 };
const ean = drawBarcode(ean13Modules(HEART.barcode), { ...size, quiet: EAN_QUIET });
const code128 = drawBarcode(code128Modules(JUMBO.sku), { ...size, quiet: CODE128_QUIET });
const blank = blankFrame(size.width, size.height);
const repeat = (n: number, frame: LumaFrame) => Array.from({ length: n }, () => frame);

/** A video for the fake camera at 10 frames a second, written by each process loading this file. */
function video(name: string, frames: LumaFrame[]): string {
	const file = path.join(os.tmpdir(), `inventario-camera-${name}.y4m`);
	// Renamed into place, so a browser another worker started never reads a half-written file.
	const partial = `${file}.${process.pid}`;
	writeY4m(partial, frames, 10);
	fs.renameSync(partial, file);
	return file;
}

const baseLaunch = config.use!.launchOptions!;
/** Chromium's fake camera playing `file` (none: a device without a camera); `grant` answers the permission prompt. */
const cameraArgs = (file: string | null, grant = true) => [
	...(grant ? ['--use-fake-ui-for-media-stream'] : []),
	...(file ? ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`] : [])
];

// This file's browser films the count's video: each barcode in view for 0.8 s, then out of view
// for 0.8 s, looping every 3.2 s. (Launch options can only be set for a whole file.)
const passes = [...repeat(8, ean), ...repeat(8, blank), ...repeat(8, code128), ...repeat(8, blank)];
test.use({ launchOptions: { ...baseLaunch, args: [...(baseLaunch.args ?? []), ...cameraArgs(video('count', passes))] }, permissions: ['camera'] });

/** Another camera (or none) needs a browser of its own, launched and set up as the configuration's. */
async function withBrowser(
	{ playwright, viewport }: Pick<PlaywrightWorkerArgs, 'playwright'> & Pick<PlaywrightTestOptions, 'viewport'>,
	args: string[], permissions: string[], run: (page: Page) => Promise<void>
) {
	const browser = await playwright.chromium.launch({ ...baseLaunch, args: [...(baseLaunch.args ?? []), ...args] });
	try {
		const context = await browser.newContext({ baseURL: config.use!.baseURL, viewport, serviceWorkers: 'allow', permissions });
		await run(await context.newPage());
	} finally {
		await browser.close();
	}
}

async function loadSampleShop(page: Page) {
	await open(page, '/');
	await page.getByRole('button', { name: /Cargar datos de ejemplo/ }).first().click();
	await expect(page.getByText(/Datos de ejemplo cargados: 150 productos/)).toBeVisible({ timeout: 30_000 });
}

/** Requests leaving the app's own server (a CDN would show up here). */
function watchOutside(page: Page): string[] {
	const outside: string[] = [];
	page.on('request', (r) => {
		const url = new URL(r.url());
		if (['http:', 'https:'].includes(url.protocol) && !['localhost', '127.0.0.1'].includes(url.hostname)) outside.push(r.url());
	});
	return outside;
}

const ticketLines = (page: Page) => page.getByRole('list', { name: 'Ticket' }).getByRole('listitem');

test('the camera reads a product\'s EAN-13 and the sale gets its line', async ({ playwright, viewport }) => {
	await withBrowser({ playwright, viewport }, cameraArgs(video('ean13', [ean])), ['camera'], async (page) => {
		const outside = watchOutside(page);
		const scannerFiles: string[] = [];
		page.on('request', (r) => { if (/barcode\.worker|zxing_reader/.test(r.url())) scannerFiles.push(r.url()); });
		await loadSampleShop(page);
		await open(page, '/sell');
		await expect(ticketLines(page)).toHaveCount(0);
		// The reader (worker and WebAssembly) loads when the camera opens, not with the pages.
		expect(scannerFiles).toEqual([]);

		// The camera button inside the product search (the customer field has one too).
		const search = page.getByRole('combobox', { name: 'Buscar producto' });
		await search.locator('xpath=..').getByRole('button', { name: 'Escanear con la cámara' }).click();
		const scanner = page.getByRole('dialog', { name: 'Escanear código de barras' });
		await expect(scanner).toBeVisible();
		// A single scan: the first accepted read closes the scanner and goes on the ticket.
		await expect(ticketLines(page)).toHaveCount(1, { timeout: 20_000 });
		await expect(ticketLines(page).first()).toContainText(HEART.name);
		await expect(scanner).toBeHidden();
		// The search field has the focus back, so a keyboard scanner can carry on at once.
		await expect(search).toBeFocused();
		await search.fill(JUMBO.sku);
		await search.press('Enter');
		await expect(ticketLines(page)).toHaveCount(2);
		expect(scannerFiles.some((url) => url.endsWith('.wasm'))).toBe(true);
		expect(outside).toEqual([]);
	});
});

test('continuous mode counts one per pass, for an EAN-13 and a Code 128', async ({ page }) => {
	await loadSampleShop(page);
	await open(page, '/stock?tab=count');
	await page.getByRole('button', { name: 'Escanear con la cámara' }).click();
	const scanner = page.getByRole('dialog', { name: 'Contar con la cámara' });
	await expect(scanner).toBeVisible();

	const heart = page.getByLabel(`Contado de ${HEART.name}`);
	const jumbo = page.getByLabel(`Contado de ${JUMBO.name}`);
	await expect(heart).toHaveValue('1', { timeout: 20_000 });
	await expect(jumbo).toHaveValue('1', { timeout: 10_000 });
	// The same barcode back after a pause out of view: one more.
	await expect(heart).toHaveValue('2', { timeout: 10_000 });
	await expect(scanner.getByTestId('scan-count')).toHaveText(/^[3-9] lecturas$/);
	await expect(scanner.getByRole('status')).toContainText(/: [1-9] contados$/);

	await scanner.getByRole('button', { name: 'Terminar' }).click();
	await expect(scanner).toBeHidden();
	// The counts stay on the list, to review and record as any count.
	expect(Number(await heart.inputValue())).toBeGreaterThanOrEqual(2);
	expect(Number(await jumbo.inputValue())).toBeGreaterThanOrEqual(1);
});

test('no camera on the device: the scanner says so, and to type the code', async ({ playwright, viewport }) => {
	await withBrowser({ playwright, viewport }, cameraArgs(null), ['camera'], async (page) => {
		await open(page, '/stock?tab=receive');
		await page.getByRole('button', { name: 'Escanear con la cámara' }).click();
		const scanner = page.getByRole('dialog', { name: 'Recibir con la cámara' });
		await expect(scanner.getByRole('alert')).toContainText('No se encuentra ninguna cámara en este dispositivo.');
		await expect(scanner.getByRole('alert')).toContainText('escribir el código');
		await scanner.getByRole('button', { name: 'Cerrar' }).click();
		await expect(scanner).toBeHidden();
	});
});

test('camera permission refused: the scanner says how to allow it, in English too', async ({ playwright, viewport }) => {
	// A camera, but no permission and nobody to answer the prompt: the browser refuses.
	await withBrowser({ playwright, viewport }, cameraArgs(null, false).concat('--use-fake-device-for-media-stream'), [], async (page) => {
		await open(page, '/products/new');
		await page.getByRole('button', { name: 'EN', exact: true }).click();
		await page.getByRole('button', { name: 'Scan with the camera' }).click();
		const scanner = page.getByRole('dialog', { name: 'Scan a barcode' });
		await expect(scanner.getByRole('alert')).toContainText('The app is not allowed to use the camera');
	});
});

test('the build names no CDN and precaches the bundled ZXing WebAssembly', () => {
	const build = path.resolve('build');
	const files = fs.readdirSync(build, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => path.join(f.parentPath, f.name));
	const cdn = /jsdelivr|unpkg|cdnjs|fastly|esm\.sh|skypack|jspm\.io|googleapis|gstatic/;
	const naming = files
		.filter((f) => /\.(js|mjs|html|json|webmanifest|css|txt|map|svg)$/.test(f))
		.flatMap((f) => fs.readFileSync(f, 'utf8').match(cdn)?.map((m) => `${path.relative(build, f)}: ${m}`) ?? []);
	expect(naming).toEqual([]);

	const wasm = files.filter((f) => /zxing_reader-[\w-]+\.wasm$/.test(f));
	expect(wasm).toHaveLength(1);
	// The very WebAssembly the package's glue code was built for, in the service worker's precache.
	expect(createHash('sha256').update(fs.readFileSync(wasm[0])).digest('hex')).toBe(ZXING_WASM_SHA256);
	expect(fs.readFileSync(path.join(build, 'sw.js'), 'utf8')).toContain(path.relative(build, wasm[0]).split(path.sep).join('/'));
});

test('a dashboard link to a category lists only its products, and an empty one says what to do', async ({ page }) => {
	await loadSampleShop(page);
	await open(page, '/products?category=Navidad');
	await expect(page.getByLabel('Categoría')).toHaveValue('Navidad');
	await expect(page.getByText('1–3 de 3')).toBeVisible();

	await open(page, `/products?category=${encodeURIComponent('Ropa de baño')}`);
	await expect(page.getByLabel('Categoría')).toHaveValue('Ropa de baño');
	await expect(page.getByText('No hay productos a la venta en «Ropa de baño».')).toBeVisible();
	await page.getByRole('button', { name: 'Quitar filtros' }).click();
	await expect(page.getByText('1–50 de 150')).toBeVisible();

	// A scanned code nobody has offers to create the product with it.
	const search = page.getByLabel('Buscar por nombre, SKU o código de barras');
	await search.fill('4006381333931');
	await page.getByRole('link', { name: '+ Crear producto con este código' }).click();
	await expect(page.getByLabel('Código de barras')).toHaveValue('4006381333931');
});
