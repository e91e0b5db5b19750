// Takes a screenshot of a page as a person on a tablet sees it.
// usage: node scripts/screenshot.mjs URL OUT.png [--size 768x1024] [--lang es|en] [--full]
// The language is set the way the app stores it (localStorage) before the page loads.
import { chromium } from 'playwright-core';

const [url, out, ...rest] = process.argv.slice(2);
if (!url || !out) { console.error('usage: node scripts/screenshot.mjs URL OUT.png [--size WxH] [--lang es|en] [--full]'); process.exit(2); }
const opt = (name, fallback) => { const i = rest.indexOf(name); return i >= 0 ? rest[i + 1] : fallback; };
const [width, height] = opt('--size', '768x1024').split('x').map(Number);
const lang = opt('--lang', 'es');

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage({ viewport: { width, height } });
page.on('console', (m) => { if (m.type() === 'error') console.error('console error:', m.text()); });
page.on('pageerror', (e) => console.error('page error:', e.message));
await page.addInitScript((l) => localStorage.setItem('inventario.prefs', JSON.stringify({ language: l, formatLocale: l === 'es' ? 'es-ES' : 'en-GB', currency: 'EUR' })), lang);
await page.goto(url, { waitUntil: 'networkidle' });
await page.waitForTimeout(500);
await page.screenshot({ path: out, fullPage: rest.includes('--full') });
await browser.close();
console.log('wrote', out);
