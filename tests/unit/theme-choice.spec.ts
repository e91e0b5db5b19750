import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DARK_QUERY, THEME_COLOURS, THEME_STORAGE_KEY, parseThemeChoice, resolveTheme } from '../../src/lib/theme/theme-choice';

const appHtml = fs.readFileSync('src/app.html', 'utf8');
const appCss = fs.readFileSync('src/app.css', 'utf8');
/** A token's value in app.css's light (:root) or dark block. */
function token(name: string, dark: boolean): string {
	const block = dark ? appCss.slice(appCss.indexOf(":root[data-theme='dark']")) : appCss.slice(0, appCss.indexOf(":root[data-theme='dark']"));
	const match = block.match(new RegExp(`${name}:\\s*(#[0-9a-f]{6})`, 'i'));
	if (!match) throw new Error(`${name} not in app.css (${dark ? 'dark' : 'light'})`);
	return match[1].toLowerCase();
}

describe('theme choice', () => {
	it('reads what was stored, and follows the system for anything else', () => {
		expect(parseThemeChoice('dark')).toBe('dark');
		expect(parseThemeChoice('light')).toBe('light');
		expect(parseThemeChoice('system')).toBe('system');
		expect(parseThemeChoice(null)).toBe('system');
		expect(parseThemeChoice('sepia')).toBe('system');
	});

	it('resolves the system choice from the device, an explicit one regardless of it', () => {
		expect(resolveTheme('system', true)).toBe('dark');
		expect(resolveTheme('system', false)).toBe('light');
		expect(resolveTheme('light', true)).toBe('light');
		expect(resolveTheme('dark', false)).toBe('dark');
	});
});

describe('the inline script and splash in app.html', () => {
	// It runs before any module, so it repeats the rules: these keep the copies in step.
	it('reads the same stored key and system query as the app', () => {
		expect(appHtml).toContain(`localStorage.getItem('${THEME_STORAGE_KEY}')`);
		expect(appHtml).toContain(`matchMedia('${DARK_QUERY}')`);
	});

	it('sets the same theme colours as the app, the rail colours of app.css', () => {
		expect(appHtml).toContain(`dark ? '${THEME_COLOURS.dark}' : '${THEME_COLOURS.light}'`);
		expect(token('--rail', false)).toBe(THEME_COLOURS.light);
		expect(token('--rail', true)).toBe(THEME_COLOURS.dark);
	});

	it('paints the page and splash in app.css colours before the stylesheet arrives', () => {
		const style = appHtml.slice(appHtml.indexOf('<style>'), appHtml.indexOf('</style>'));
		const dark = style.slice(style.indexOf("html[data-theme='dark'] {"));
		expect(style.slice(0, style.indexOf('\n', style.indexOf('html {')))).toContain(`background: ${token('--bg', false)}`);
		expect(dark.slice(0, dark.indexOf('\n'))).toContain(`background: ${token('--bg', true)}`);
		expect(dark.slice(0, dark.indexOf('\n'))).toContain(`color: ${token('--ink', true)}`);
	});
});
